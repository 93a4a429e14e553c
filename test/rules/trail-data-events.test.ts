import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, DataEvents, ValidationError } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newApp, newStack } from '../support/template';

/** A compliant trail that also delivers to an OSS bucket, with data events as given. */
function trailOnBucket(stack: ros.Stack, dataEvents?: DataEvents) {
  return compliantTrail(stack, { ossBucketName: 'audit-logs', dataEvents });
}

describe('AT-TRAIL-011 data event selectors within the limits', () => {
  test('compliant: what a Trail renders', () => {
    const stack = newStack();
    trailOnBucket(stack, DataEvents.onOssBuckets(['audit-logs']));
    expect(findingsOf(check(stack), 'AT-TRAIL-011')).toEqual([]);
  });

  test('non-compliant: 21 selectors written into the parameter by hand (an override)', () => {
    const stack = newStack();
    const trail = trailOnBucket(stack);
    const selectors = Array.from({ length: 21 }, () => ({ ServiceName: 'Oss', ReadWriteType: 'All' }));
    trail.resource.addPropertyOverride('Parameters.DataEventSelectors', JSON.stringify(selectors));
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-011').map((f) => [f.level, f.message])).toEqual([
      [
        AuditLevel.ERROR,
        "Parameters.DataEventSelectors has 21 selectors, over ActionTrail's limit of 20 per trail (PutDataEventSelector)",
      ],
    ]);
    expect(result.error).toContain('AT-TRAIL-011');
  });

  test('non-compliant: 11 values in one filter, and a value that is no ARN', () => {
    const stack = newStack();
    const trail = trailOnBucket(stack);
    const equals = Array.from({ length: 11 }, (_, i) => `acs:oss:*:*:b-${i}`);
    trail.resource.addPropertyOverride(
      'Parameters.DataEventSelectors',
      JSON.stringify([
        { ServiceName: 'Oss', ReadWriteType: 'All', ResourceArn: { Equals: equals, NotEquals: ['bucket'] } },
      ]),
    );
    expect(findingsOf(check(stack), 'AT-TRAIL-011').map((f) => f.message)).toEqual([
      "Parameters.DataEventSelectors[0].ResourceArn has 12 values in Equals and NotEquals, over ActionTrail's limit of 10 (PutDataEventSelector)",
      'Parameters.DataEventSelectors[0].ResourceArn.NotEquals has "bucket", which is not an ARN (acs:<service>:<region>:<account>:<resource>)',
    ]);
  });
});

describe('AT-TRAIL-012 data event services known', () => {
  test('an unknown service name warns, without AuditChecks too, and names the known one it resembles', () => {
    const app = newApp();
    const stack = new ros.Stack(app, 'Audit', { env: { region: 'cn-hangzhou' } });
    trailOnBucket(stack, DataEvents.of({ selectors: [{ service: 'OSS' }, { service: 'Tablestore' }] }));
    const messages = app
      .synth()
      .getStackByName('Audit')
      .messages.map((m) => m.entry.data);
    expect(messages).toContainEqual(
      "[AT-TRAIL-012] Parameters.DataEventSelectors names 'OSS' (did you mean Oss?), 'Tablestore', not among the services known to have data events (Oss, PDS, Push; ActionTrail publishes no full list). Fix: Check the service name in ActionTrail's data event console or API (names are case-sensitive); if it is right, suppress AT-TRAIL-012 on the trail",
    );
  });

  test('known names give nothing; a suppression silences the warning', () => {
    const stack = newStack();
    trailOnBucket(stack, DataEvents.of({ selectors: [{ service: 'Oss' }, { service: 'PDS' }, { service: 'Push' }] }));
    expect(findingsOf(check(stack), 'AT-TRAIL-012')).toEqual([]);
    const other = newStack();
    const trail = trailOnBucket(other, DataEvents.of({ selectors: [{ service: 'Tablestore' }] }));
    AuditChecks.suppress(trail, 'AT-TRAIL-012', 'Tablestore data events are enabled for this account');
    expect(findingsOf(check(other), 'AT-TRAIL-012').map((f) => f.suppressed)).toEqual([true]);
  });
});

describe('AT-TRAIL-013 destination covered by data events (opt-in)', () => {
  const optIn = (stack: ros.Stack) => {
    AuditChecks.of(stack, { optInRules: ['AT-TRAIL-013'] });
    return check(stack);
  };

  test('off by default', () => {
    const stack = newStack();
    trailOnBucket(stack);
    expect(findingsOf(check(stack), 'AT-TRAIL-013')).toEqual([]);
  });

  test('opted in: the OSS bucket and the MaxCompute project not covered are both reported, as warnings', () => {
    const stack = newStack();
    trailOnBucket(stack);
    const findings = findingsOf(optIn(stack), 'AT-TRAIL-013');
    expect(findings.map((f) => [f.level, f.message])).toEqual([
      [
        AuditLevel.WARNING,
        'the trail delivers to MaxCompute project (known at deploy time), whose reads and writes its data events do not record (no Odps or MaxCompute selector covers it with ReadWriteType All)',
      ],
      [
        AuditLevel.WARNING,
        "the trail delivers to OSS bucket 'audit-logs', whose reads and writes its data events do not record (Parameters.DataEventSelectors has no Oss selector covering it with ReadWriteType All)",
      ],
    ]);
    expect(findings[1].fix).toBe(
      "Add DataEvents.onOssBuckets(['audit-logs']) (or its selector) to the trail's dataEvents, or suppress AT-TRAIL-013 with the reason access to the bucket is audited otherwise",
    );
  });

  test('covered: onOssBuckets on the bucket and an Odps selector; writes only do not cover it', () => {
    const covered = newStack();
    trailOnBucket(
      covered,
      DataEvents.of({
        selectors: [...DataEvents.onOssBuckets(['audit-logs']).selectors, { service: 'Odps' }],
      }),
    );
    expect(findingsOf(optIn(covered), 'AT-TRAIL-013')).toEqual([]);

    const writesOnly = newStack();
    trailOnBucket(
      writesOnly,
      DataEvents.of({
        selectors: [
          { service: 'Oss', readWrite: 'Write' as never, resourceArns: { equals: ['acs:oss:*:*:audit-logs'] } },
          { service: 'Odps', resourceArns: { notEquals: ['acs:odps:*:*:project/other'] } },
        ],
      }),
    );
    expect(findingsOf(optIn(writesOnly), 'AT-TRAIL-013').map((f) => f.message.slice(0, 40))).toEqual([
      "the trail delivers to OSS bucket 'audit-",
    ]);
  });

  test('suppressible with a reason; an unknown opt-in rule ID is refused', () => {
    const stack = newStack();
    const trail = trailOnBucket(stack);
    AuditChecks.suppress(trail, 'AT-TRAIL-013', 'bucket access is audited by OSS access logging');
    expect(findingsOf(optIn(stack), 'AT-TRAIL-013').every((f) => f.suppressed)).toBe(true);
    const other = newStack();
    expect(() => AuditChecks.of(other, { optInRules: ['AT-TRAIL-001'] })).toThrow(ValidationError);
    expect(() => AuditChecks.of(newStack(), { optInRules: ['AT-TRAIL-099'] })).toThrow(
      /optInRules "AT-TRAIL-099" is not an opt-in rule: use one of AT-TRAIL-013/,
    );
  });
});
