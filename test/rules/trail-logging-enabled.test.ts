import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, RosTrail, RosTrailLogging } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const ANCHORS = [
  'prowler:actiontrail_multi_region_enabled',
  'cloudconfig:actiontrail-enabled',
  'cloudconfig:actiontrail-trail-intact-enabled',
  'cis-alibaba:2.1',
];
const L1_FIX =
  'Add a RosTrailLogging (ALIYUN::ACTIONTRAIL::TrailLogging) with name: trail.attrName and enable: true, and no TrailLogging that stops it';

function l1Trail(stack: ros.Stack, id = 'L1Trail', name = 'audit_l1'): RosTrail {
  return new RosTrail(stack, id, { name, eventRw: 'All', ossBucketName: 'audit-bucket' });
}

describe('AT-TRAIL-003 trail is logging', () => {
  test('compliant: a Trail (logging by default), and L1 trails started by GetAtt Name, Ref and literal name', () => {
    const stack = newStack();
    compliantTrail(stack);
    const byAttr = l1Trail(stack, 'ByAttr', 'by_attr');
    new RosTrailLogging(stack, 'ByAttrLogging', { name: byAttr.attrName, enable: true });
    const byRef = l1Trail(stack, 'ByRef', 'by_ref');
    new RosTrailLogging(stack, 'ByRefLogging', { name: byRef.ref, enable: true });
    l1Trail(stack, 'ByName', 'by_name');
    new RosTrailLogging(stack, 'ByNameLogging', { name: 'by_name', enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-003')).toEqual([]);
  });

  test('non-compliant: a Trail with logging: false', () => {
    const stack = newStack();
    compliantTrail(stack, { logging: false });
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-003')).toEqual([
      {
        ruleId: 'AT-TRAIL-003',
        level: AuditLevel.ERROR,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message: 'the trail is not logging: Parameters.Logging is false',
        fix: 'Set logging: true on the Trail (its default), or Parameters.Logging to true',
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
    expect(result.error).toContain("AT-TRAIL-003 at 'Audit/AuditTrail/AuditTrail'");
  });

  test("non-compliant: an L1 trail that no TrailLogging starts (another trail's logging does not count)", () => {
    const stack = newStack();
    l1Trail(stack);
    const other = l1Trail(stack, 'Other', 'other_trail');
    new RosTrailLogging(stack, 'OtherLogging', { name: other.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-003')).toEqual([
      {
        ruleId: 'AT-TRAIL-003',
        level: AuditLevel.ERROR,
        path: 'Audit/L1Trail',
        logicalId: 'L1Trail',
        resourceType: 'ALIYUN::ACTIONTRAIL::Trail',
        message:
          'the trail is not logging: an ALIYUN::ACTIONTRAIL::Trail does not log until an ALIYUN::ACTIONTRAIL::TrailLogging with Enable: true names it, and none in this stack does',
        fix: L1_FIX,
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
  });

  test('non-compliant: a TrailLogging that stops a trail, or whose Enable is a parameter', () => {
    const stack = newStack();
    const trail = compliantTrail(stack);
    new RosTrailLogging(stack, 'StopIt', { name: trail.trailName, enable: false });
    const l1 = l1Trail(stack);
    const enable = new ros.RosParameter(stack, 'Enable', { type: ros.RosParameterType.BOOLEAN });
    new RosTrailLogging(stack, 'MaybeStart', { name: l1.attrName, enable: enable.valueAsString as unknown as boolean });
    expect(findingsOf(check(stack), 'AT-TRAIL-003').map((f) => [f.path, f.message])).toEqual([
      [
        'Audit/AuditTrail/AuditTrail',
        "the trail is not logging: the TrailLogging 'Audit/StopIt' stops it (Enable: false)",
      ],
      [
        'Audit/L1Trail',
        "whether the trail logs cannot be checked at synth: the Enable of TrailLogging 'Audit/MaybeStart' is known only at deploy time",
      ],
    ]);
  });

  test('suppressed: an L1 trail started outside this stack', () => {
    const stack = newStack();
    const trail = l1Trail(stack);
    AuditChecks.suppress(trail, 'AT-TRAIL-003', 'started by the StartLogging job of the security team');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-TRAIL-003')).toEqual([
      expect.objectContaining({
        path: 'Audit/L1Trail',
        suppressed: true,
        reason: 'started by the StartLogging job of the security team',
      }),
    ]);
  });
});
