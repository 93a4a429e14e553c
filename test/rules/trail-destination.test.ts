import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, RosTrail, RosTrailLogging } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const ANCHORS = ['kics:c065b98e', 'cis-alibaba:2.1'];

/** A plain custom-type trail resource with the given parameters (all else compliant). */
function customTrail(stack: ros.Stack, id: string, extra: Record<string, unknown>): ros.RosResource {
  return new ros.RosResource(stack, id, {
    type: 'Custom::ActionTrailTrail',
    properties: {
      ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
      Parameters: { Name: 'audit_all', EventRW: 'All', TrailRegion: 'All', Logging: true, ...extra },
    },
  });
}

describe('AT-TRAIL-004 trail has a destination', () => {
  test('compliant: MaxCompute (Trail), OSS and SLS (custom), OSS (L1)', () => {
    const stack = newStack();
    compliantTrail(stack);
    customTrail(stack, 'ToOss', { OssBucketName: 'audit-bucket' });
    customTrail(stack, 'ToSls', { SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit' });
    const l1 = new RosTrail(stack, 'L1Trail', { name: 'audit_l1', eventRw: 'All', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: l1.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-004')).toEqual([]);
  });

  test('non-compliant: a custom trail resource with no destination (an empty string is not one)', () => {
    const stack = newStack();
    customTrail(stack, 'Nowhere', { OssBucketName: '' });
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-004')).toEqual([
      {
        ruleId: 'AT-TRAIL-004',
        level: AuditLevel.ERROR,
        path: 'Audit/Nowhere',
        logicalId: 'Nowhere',
        resourceType: 'Custom::ActionTrailTrail',
        message:
          'none of Parameters.MaxComputeProjectArn, Parameters.OssBucketName, Parameters.SlsProjectArn is set: events are kept by ActionTrail for 90 days only',
        fix: 'Give the Trail a destination: maxCompute (MaxComputeDestination.thisAccount() or .anotherAccount()), ossBucketName or slsProjectArn',
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
    expect(result.error).toContain("AT-TRAIL-004 at 'Audit/Nowhere'");
  });

  test('non-compliant: a plain RosResource of the L1 type with no destination (RosTrail itself refuses one)', () => {
    const stack = newStack();
    new ros.RosResource(stack, 'L1Trail', {
      type: 'ALIYUN::ACTIONTRAIL::Trail',
      properties: { Name: 'audit_l1', EventRW: 'All' },
    });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: 'audit_l1', enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-004').map((f) => [f.path, f.message, f.fix])).toEqual([
      [
        'Audit/L1Trail',
        'none of OssBucketName, SlsProjectArn is set: events are kept by ActionTrail for 90 days only',
        'Set ossBucketName or slsProjectArn on the RosTrail, or use the Trail construct to deliver to MaxCompute',
      ],
    ]);
  });

  test('suppressed', () => {
    const stack = newStack();
    const trail = customTrail(stack, 'Nowhere', {});
    AuditChecks.suppress(trail, 'AT-TRAIL-004', 'console-only trail used for a 7-day investigation');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-TRAIL-004')).toEqual([
      expect.objectContaining({
        path: 'Audit/Nowhere',
        suppressed: true,
        reason: 'console-only trail used for a 7-day investigation',
      }),
    ]);
  });
});
