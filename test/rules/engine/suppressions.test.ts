import * as ros from '@alicloud/ros-cdk-core';
import { AUDIT_RULES, AuditChecks, EventRW, MIN_SUPPRESSION_REASON_LENGTH, ValidationError } from '../../../lib';
import { addSuppression, findSuppression } from '../../../lib/rules/engine/suppressions';
import { check, compliantTrail } from '../../support/audit-checks';
import { newApp, newStack } from '../../support/template';

describe('AuditChecks.suppress', () => {
  test('an unknown rule ID fails with the list of rules', () => {
    const stack = newStack();
    const trail = compliantTrail(stack);
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-999', 'a perfectly good reason')).toThrow(ValidationError);
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-999', 'a perfectly good reason')).toThrow(
      "AuditChecks.suppress 'Audit/AuditTrail': ruleId 'AT-TRAIL-999' is not a rule of AuditChecks; the rules are " +
        AUDIT_RULES.map((r) => r.id).join(', '),
    );
  });

  test('a reason shorter than 10 characters (spaces not counted) fails', () => {
    const stack = newStack();
    const trail = compliantTrail(stack);
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-005', '   because   ')).toThrow(
      "AuditChecks.suppress 'Audit/AuditTrail': reason '   because   ' must say why the finding is acceptable, in at least 10 characters",
    );
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-005', '')).toThrow(ValidationError);
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-005', 'ten chars!')).not.toThrow();
  });

  test('a suppression after app.synth() fails and says to move it before synth', () => {
    const stack = newStack();
    const trail = compliantTrail(stack, { trailName: 'audit-all' });
    AuditChecks.suppress(stack, 'AT-TRAIL-002', 'before synth: accepted like any other');
    (stack.node.root as ros.App).synth();
    expect(() => AuditChecks.suppress(trail, 'AT-TRAIL-005', 'table name checked in the DataWorks console')).toThrow(
      "AuditChecks.suppress 'Audit/AuditTrail': ruleId 'AT-TRAIL-005' came after app.synth(): the app's findings are already printed and written, so this suppression would change nothing; call AuditChecks.suppress before app.synth()",
    );
    // Another app is not affected.
    const other = compliantTrail(newStack('Other'), { trailName: 'audit-all' });
    expect(() =>
      AuditChecks.suppress(other, 'AT-TRAIL-005', 'table name checked in the DataWorks console'),
    ).not.toThrow();
  });

  test('the nearest suppression wins; suppressing one rule leaves the others', () => {
    const stack = newStack();
    const trail = compliantTrail(stack, { trailName: 'audit-all', eventRW: EventRW.WRITE });
    AuditChecks.suppress(stack, 'AT-TRAIL-005', 'stack-wide: table names are mapped by the ETL');
    AuditChecks.suppress(trail, 'AT-TRAIL-005', 'this trail: its table name was checked by hand');
    const result = check(stack);
    expect(result.findings.map((f) => [f.ruleId, f.suppressed, f.reason])).toEqual([
      ['AT-TRAIL-002', false, undefined],
      ['AT-TRAIL-005', true, 'this trail: its table name was checked by hand'],
    ]);
    expect(result.error).toContain('AT-TRAIL-002');
    expect(result.report.summary).toEqual({ errors: 1, warnings: 0, info: 0, suppressed: 1 });
  });
});

describe('suppressions (the store behind AuditChecks.suppress)', () => {
  test('the reason is kept trimmed, with the path the suppression was declared on', () => {
    const stack = newStack();
    const trail = compliantTrail(stack);
    addSuppression(trail, 'AT-X-001', '  a reason long enough  ', ['AT-X-001']);
    expect(findSuppression(trail.resource, 'AT-X-001')).toEqual({
      ruleId: 'AT-X-001',
      reason: 'a reason long enough',
      path: 'Audit/AuditTrail',
    });
    expect(findSuppression(stack, 'AT-X-001')).toBeUndefined();
    expect(findSuppression(trail, 'AT-X-002')).toBeUndefined();
  });

  test('a second suppression of the same rule on the same construct replaces the first', () => {
    const trail = compliantTrail(newStack());
    addSuppression(trail, 'AT-X-001', 'the first reason', ['AT-X-001']);
    addSuppression(trail, 'AT-X-001', 'the second reason', ['AT-X-001']);
    expect(findSuppression(trail, 'AT-X-001')?.reason).toBe('the second reason');
  });

  test('the shortest reason is MIN_SUPPRESSION_REASON_LENGTH characters; a non-string rule ID is quoted', () => {
    const construct = new ros.Construct(newApp(), 'Scope');
    expect(MIN_SUPPRESSION_REASON_LENGTH).toBe(10);
    expect(() => addSuppression(construct, 'AT-X-001', 'x'.repeat(9), ['AT-X-001'])).toThrow(ValidationError);
    expect(() => addSuppression(construct, 7 as never, 'long enough reason', ['AT-X-001'])).toThrow(
      "AuditChecks.suppress 'Scope': ruleId 7 is not a rule of AuditChecks; the rules are AT-X-001",
    );
  });

  test('suppressions are kept under a global symbol, invisible to enumeration', () => {
    const construct = new ros.Construct(newApp(), 'Scope');
    addSuppression(construct, 'AT-X-001', 'a reason long enough', ['AT-X-001']);
    expect(
      Object.prototype.propertyIsEnumerable.call(construct, Symbol.for('actiontrail-cdk.audit-checks.suppressions')),
    ).toBe(false);
    expect(Object.getOwnPropertySymbols(construct)).toContain(Symbol.for('actiontrail-cdk.audit-checks.suppressions'));
  });
});
