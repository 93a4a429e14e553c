import { AuditChecks, AuditLevel, RosTrail, RosTrailLogging } from '../../lib';
import { check, compliantTrail, findingsOf, tamperDetection } from '../support/audit-checks';
import { newStack } from '../support/template';

describe('AT-TRAIL-006 L1 trail region is assumed', () => {
  test('compliant: the Trail construct sets TrailRegion explicitly', () => {
    const stack = newStack();
    compliantTrail(stack);
    expect(findingsOf(check(stack), 'AT-TRAIL-006')).toEqual([]);
  });

  test('non-compliant: an L1 RosTrail gets an info finding, annotated as info; synth succeeds', () => {
    const stack = newStack();
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', eventRw: 'All', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    tamperDetection(stack);
    const result = check(stack);
    const message =
      "an ALIYUN::ACTIONTRAIL::Trail has no TrailRegion: AuditChecks assumes the API's default, 'All', which it cannot verify; it cannot deliver to MaxCompute either";
    const fix =
      'Use the Trail construct (Custom::ActionTrailTrail), whose TrailRegion is explicit, or suppress AT-TRAIL-006 once you have checked the deployed trail';
    expect(result.findings).toEqual([
      {
        ruleId: 'AT-TRAIL-006',
        level: AuditLevel.INFO,
        path: 'Audit/L1Trail',
        logicalId: 'L1Trail',
        resourceType: 'ALIYUN::ACTIONTRAIL::Trail',
        message,
        fix,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(result.assembly!.getStackByName('Audit').messages).toEqual([
      {
        level: 'info',
        id: '/Audit/L1Trail',
        entry: expect.objectContaining({ type: 'aliyun:ros:info', data: `[AT-TRAIL-006] ${message}. Fix: ${fix}` }),
      },
    ]);
  });

  test('suppressed', () => {
    const stack = newStack();
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', eventRw: 'All', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    AuditChecks.suppress(trail, 'AT-TRAIL-006', 'DescribeTrails shows TrailRegion All after deploy');
    expect(findingsOf(check(stack), 'AT-TRAIL-006')).toEqual([
      expect.objectContaining({
        suppressed: true,
        reason: 'DescribeTrails shows TrailRegion All after deploy',
      }),
    ]);
  });
});
