import { AuditChecks, AuditLevel, EventRW, RosTrail, RosTrailLogging } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const ANCHORS = [
  'checkov:CKV_ALI_5',
  'kics:c065b98e',
  'cloudconfig:actiontrail-trail-intact-enabled',
  'cis-alibaba:2.1',
];

describe('AT-TRAIL-002 trail records all events', () => {
  test('compliant: a Trail with the default EventRW.ALL, and an L1 RosTrail with EventRW All', () => {
    const stack = newStack();
    compliantTrail(stack);
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', eventRw: 'All', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-002')).toEqual([]);
  });

  test('non-compliant: a Trail recording write events only', () => {
    const stack = newStack();
    compliantTrail(stack, { eventRW: EventRW.WRITE });
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-002')).toEqual([
      {
        ruleId: 'AT-TRAIL-002',
        level: AuditLevel.ERROR,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message: "Parameters.EventRW is 'Write', not 'All': some events are not recorded",
        fix: "Set eventRW: EventRW.ALL on the Trail (its default), or Parameters.EventRW to 'All'",
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
    expect(result.error).toContain('AT-TRAIL-002');
  });

  test("non-compliant: an L1 RosTrail without EventRW gets ROS's default, Write", () => {
    const stack = newStack();
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-002')).toEqual([
      {
        ruleId: 'AT-TRAIL-002',
        level: AuditLevel.ERROR,
        path: 'Audit/L1Trail',
        logicalId: 'L1Trail',
        resourceType: 'ALIYUN::ACTIONTRAIL::Trail',
        message: "EventRW is not set, and ROS's default is 'Write': read events are not recorded",
        fix: "Set eventRw: 'All' on the RosTrail",
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
  });

  test('non-compliant: an L1 RosTrail recording read events only', () => {
    const stack = newStack();
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', eventRw: 'Read', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-002').map((f) => f.message)).toEqual([
      "EventRW is 'Read', not 'All': write events are not recorded",
    ]);
  });

  test('suppressed on the stack: applies to the trail under it', () => {
    const stack = newStack();
    compliantTrail(stack, { eventRW: EventRW.WRITE });
    AuditChecks.suppress(stack, 'AT-TRAIL-002', 'read events are recorded by the organization trail');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-TRAIL-002')).toEqual([
      expect.objectContaining({
        path: 'Audit/AuditTrail/AuditTrail',
        suppressed: true,
        reason: 'read events are recorded by the organization trail',
      }),
    ]);
  });
});
