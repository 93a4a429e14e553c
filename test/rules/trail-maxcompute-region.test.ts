import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, MaxComputeDestination, trailMaxComputeRegion } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const ROLE_ARN = 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole';
const FAR = 'acs:odps:cn-shanghai:3333333333333333:project/actiontrail_archive';
const NEAR = 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive';
const message = (arn: string) =>
  `Parameters.MaxComputeProjectArn '${arn}' is another account's project in region cn-shanghai, but the trail's home region is cn-hangzhou: ` +
  "ActionTrail documents a MaxCompute region other than the trail's only for the trail's own account";
const FIX =
  "Deliver to a project in the trail's region, or check that delivery works and suppress AT-TRAIL-008 on the trail";

function crossAccountTrail(stack: ros.Stack, projectArn: string) {
  return compliantTrail(stack, { maxCompute: MaxComputeDestination.anotherAccount({ projectArn, roleArn: ROLE_ARN }) });
}

describe("AT-TRAIL-008 a trail delivering to another account's project is in the project's region", () => {
  test("compliant: another account's project in the trail's region; this account's project in another region", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1111111111111111' });
    crossAccountTrail(stack, NEAR);
    compliantTrail(
      stack,
      { trailName: 'audit_own', maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-shanghai' }) },
      'OwnTrail',
    );
    expect(findingsOf(check(stack), 'AT-TRAIL-008')).toEqual([]);
  });

  test("non-compliant: another account's project in another region is a warning (synth succeeds, annotated once)", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1111111111111111' });
    crossAccountTrail(stack, FAR);
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-008')).toEqual([
      {
        ruleId: 'AT-TRAIL-008',
        level: AuditLevel.WARNING,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message: message(FAR),
        fix: FIX,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(result.assembly!.getStackByName('Audit').messages.map((m) => m.entry.data)).toEqual([
      `[AT-TRAIL-008] ${message(FAR)}. Fix: ${FIX}`,
    ]);
  });

  test("non-compliant: with the stack account known only at deploy time, a write role marks another account's project", () => {
    const stack = newStack();
    new ros.RosResource(stack, 'RawTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
        Parameters: {
          Name: 'audit_raw',
          EventRW: 'All',
          TrailRegion: 'All',
          MaxComputeProjectArn: FAR,
          MaxComputeWriteRoleArn: ROLE_ARN,
        },
      },
    });
    new ros.RosResource(stack, 'OwnTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
        Parameters: { Name: 'audit_own', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: FAR },
      },
    });
    expect(findingsOf(check(stack), 'AT-TRAIL-008').map((f) => [f.path, f.message])).toEqual([
      ['Audit/RawTrail', message(FAR)],
    ]);
  });

  test('suppressed: not annotated, reported with the reason', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1111111111111111' });
    const trail = crossAccountTrail(stack, FAR);
    AuditChecks.suppress(trail, 'AT-TRAIL-008', 'delivery across regions checked in the console');
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-008')).toEqual([
      expect.objectContaining({ suppressed: true, reason: 'delivery across regions checked in the console' }),
    ]);
    expect(result.assembly!.getStackByName('Audit').messages).toEqual([]);
  });

  test('a region known only at deploy time is not checked', () => {
    const resource = {
      type: 'Custom::ActionTrailTrail',
      logicalId: 'T',
      path: 'S/T',
      trustedAccounts: [],
      properties: { Parameters: { MaxComputeProjectArn: FAR, MaxComputeWriteRoleArn: ROLE_ARN } },
    };
    expect(
      trailMaxComputeRegion.check(resource, {
        stackName: 'S',
        account: '1111111111111111',
        region: '{"Ref":"ALIYUN::Region"}',
        resources: [resource],
      }),
    ).toEqual([]);
    expect(
      trailMaxComputeRegion.check(resource, { stackName: 'S', account: '1111111111111111', resources: [resource] }),
    ).toEqual([]);
    expect(
      trailMaxComputeRegion.check(resource, {
        stackName: 'S',
        account: '1111111111111111',
        region: 'cn-hangzhou',
        resources: [resource],
      }),
    ).toHaveLength(1);
  });
});
