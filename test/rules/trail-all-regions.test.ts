import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, RosTrail, RosTrailLogging, TrailRegion } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const ANCHORS = [
  'checkov:CKV_ALI_4',
  'kics:c065b98e',
  'prowler:actiontrail_multi_region_enabled',
  'cloudconfig:actiontrail-trail-intact-enabled',
  'cis-alibaba:2.1',
];

describe('AT-TRAIL-001 trail records all regions', () => {
  test('compliant: a Trail with the default TrailRegion.ALL', () => {
    const stack = newStack();
    compliantTrail(stack);
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-001')).toEqual([]);
    expect(result.error).toBeUndefined();
  });

  test('compliant: an L1 RosTrail has no TrailRegion and is not failed (see AT-TRAIL-006)', () => {
    const stack = newStack();
    const trail = new RosTrail(stack, 'L1Trail', { name: 'audit_all', eventRw: 'All', ossBucketName: 'audit-bucket' });
    new RosTrailLogging(stack, 'L1TrailLogging', { name: trail.attrName, enable: true });
    expect(findingsOf(check(stack), 'AT-TRAIL-001')).toEqual([]);
  });

  test('non-compliant: a Trail limited to some regions fails synth', () => {
    const stack = newStack();
    compliantTrail(stack, { trailRegion: TrailRegion.of('cn-hangzhou', 'cn-shanghai') });
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-001')).toEqual([
      {
        ruleId: 'AT-TRAIL-001',
        level: AuditLevel.ERROR,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message:
          "Parameters.TrailRegion is 'cn-hangzhou,cn-shanghai', not 'All': events of other regions are not recorded",
        fix: "Set trailRegion: TrailRegion.ALL on the Trail (its default), or Parameters.TrailRegion to 'All'",
        anchors: ANCHORS,
        suppressed: false,
      },
    ]);
    expect(result.error).toContain(
      "AT-TRAIL-001 at 'Audit/AuditTrail/AuditTrail': Parameters.TrailRegion is 'cn-hangzhou,cn-shanghai'",
    );
  });

  test('non-compliant: a plain RosResource of the custom type without TrailRegion, or with a token', () => {
    const stack = newStack();
    const param = new ros.RosParameter(stack, 'Region', { type: ros.RosParameterType.STRING });
    for (const [id, region] of [
      ['NoRegion', undefined],
      ['ParamRegion', param.valueAsString],
    ] as const) {
      new ros.RosResource(stack, id, {
        type: 'Custom::ActionTrailTrail',
        properties: {
          ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
          Parameters: { Name: 'audit_all', EventRW: 'All', TrailRegion: region, OssBucketName: 'audit-bucket' },
        },
      });
    }
    expect(findingsOf(check(stack), 'AT-TRAIL-001').map((f) => [f.path, f.message])).toEqual([
      ['Audit/NoRegion', "Parameters.TrailRegion is (not set), not 'All': events of other regions are not recorded"],
      [
        'Audit/ParamRegion',
        'Parameters.TrailRegion is a value known only at deploy time ({"Ref":"Region"}), not \'All\': events of other regions are not recorded',
      ],
    ]);
  });

  test('suppressed: reported with the reason, synth succeeds', () => {
    const stack = newStack();
    const trail = compliantTrail(stack, { trailRegion: TrailRegion.of('cn-hangzhou') });
    AuditChecks.suppress(trail, 'AT-TRAIL-001', 'data residency: only cn-hangzhou is in scope');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-TRAIL-001')).toEqual([
      expect.objectContaining({
        path: 'Audit/AuditTrail/AuditTrail',
        suppressed: true,
        reason: 'data residency: only cn-hangzhou is in scope',
      }),
    ]);
    expect(result.report.summary).toEqual({ errors: 0, warnings: 0, info: 0, suppressed: 1 });
  });
});
