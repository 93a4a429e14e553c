import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

describe('AT-TRAIL-005 trail name maps to a MaxCompute table name', () => {
  test("compliant: a name with '_', and a '-' name that does not deliver to MaxCompute", () => {
    const stack = newStack();
    compliantTrail(stack, { trailName: 'audit_all' });
    compliantTrail(stack, { trailName: 'audit-oss', maxCompute: undefined, ossBucketName: 'audit-bucket' }, 'OssTrail');
    expect(findingsOf(check(stack), 'AT-TRAIL-005')).toEqual([]);
  });

  test("non-compliant: a '-' in the name of a trail delivering to MaxCompute is a warning (synth succeeds, annotated)", () => {
    const stack = newStack();
    compliantTrail(stack, { trailName: 'audit-all' });
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-005')).toEqual([
      {
        ruleId: 'AT-TRAIL-005',
        level: AuditLevel.WARNING,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message:
          "the trail 'audit-all' delivers to MaxCompute table 'actiontrail_audit-all', which must be at most 128 characters of letters, digits and '_', starting with a letter; how ActionTrail maps such a name is not documented",
        fix: "Use '_' instead of '-' in trailName, e.g. 'audit_all' (renaming a trail replaces it)",
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(result.report.summary).toEqual({ errors: 0, warnings: 1, info: 0, suppressed: 0 });
    expect(result.assembly!.getStackByName('Audit').messages).toEqual([
      {
        level: 'warning',
        id: '/Audit/AuditTrail/AuditTrail',
        entry: expect.objectContaining({
          type: 'aliyun:ros:warning',
          data: "[AT-TRAIL-005] the trail 'audit-all' delivers to MaxCompute table 'actiontrail_audit-all', which must be at most 128 characters of letters, digits and '_', starting with a letter; how ActionTrail maps such a name is not documented. Fix: Use '_' instead of '-' in trailName, e.g. 'audit_all' (renaming a trail replaces it)",
        }),
      },
    ]);
  });

  test('non-compliant: a name known only at deploy time cannot be checked', () => {
    const stack = newStack();
    const name = new ros.RosParameter(stack, 'TrailName', { type: ros.RosParameterType.STRING });
    new ros.RosResource(stack, 'ParamTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
        Parameters: {
          Name: name.valueAsString,
          EventRW: 'All',
          TrailRegion: 'All',
          MaxComputeProjectArn: 'acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_x',
        },
      },
    });
    expect(findingsOf(check(stack), 'AT-TRAIL-005').map((f) => f.message)).toEqual([
      'Parameters.Name is a value known only at deploy time ({"Ref":"TrailName"}): its MaxCompute table name cannot be checked at synth',
    ]);
  });

  test('suppressed: not annotated, reported with the reason', () => {
    const stack = newStack();
    const trail = compliantTrail(stack, { trailName: 'audit-all' });
    AuditChecks.suppress(trail, 'AT-TRAIL-005', 'checked the delivered table name in the console');
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-005')).toEqual([
      expect.objectContaining({
        suppressed: true,
        reason: 'checked the delivered table name in the console',
      }),
    ]);
    expect(result.assembly!.getStackByName('Audit').messages).toEqual([]);
  });
});
