/**
 * test/support/prowler.ts: Prowler's Alibaba Cloud CIS alert checks restated
 * over templates. SLS alerts whose queries renderSlsQuery writes pass every
 * `sls_*_alert_enabled` check; the examples as they stood before issue 22 pass
 * only `actiontrail_multi_region_enabled` (1 of 14, as the issue counted).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { ALERT_METADATA_KEY } from '../../lib/shared/event-patterns';
import { DETECTIONS, Detection } from '../../lib/shared/detections';
import { renderSlsQuery, SLS_ALERT_TYPE, slsLogstoreName } from '../../lib/shared/sls-queries';
import { dataEventsAudit } from '../../examples/data-events-on-bucket';
import { maxComputeAndOssAudit } from '../../examples/maxcompute-and-oss';
import { organizationAudit } from '../../examples/organization';
import { ossOnlyAudit } from '../../examples/oss-only';
import { singleAccountAudit } from '../../examples/single-account';
import { slsOnlyAudit } from '../../examples/sls-only';
import {
  passingChecks,
  PROWLER_ALERT_CHECK_NAMES,
  PROWLER_MULTI_REGION_CHECK,
  PROWLER_SLS_CHECKS,
  ProwlerTemplate,
  prowlerAlertChecks,
} from './prowler';
import { newApp, newStack, synthTemplate } from './template';

const cisDetections = DETECTIONS.filter((d) => d.cis !== undefined);
const slsChecks = Object.keys(PROWLER_SLS_CHECKS);

/** An SLS alert resource as ROS takes it, with the query renderSlsQuery writes for `detection`. */
function alertResource(stack: ros.Stack, detection: Detection): ros.RosResource {
  const resource = new ros.RosResource(stack, detection.id, {
    type: SLS_ALERT_TYPE,
    properties: {
      Project: 'audit-logs',
      Detail: {
        Name: detection.id.toLowerCase(),
        DisplayName: detection.title,
        Schedule: { Type: 'FixedRate', Interval: '5m' },
        Configuration: {
          Dashboard: 'internal-alert-analysis',
          QueryList: [
            {
              Query: renderSlsQuery(detection),
              Start: '-5m',
              End: 'now',
              TimeSpanType: 'Truncated',
              Store: slsLogstoreName('audit_all'),
              StoreType: 'log',
            },
          ],
        },
      },
    },
  });
  resource.rosOptions.metadata = { [ALERT_METADATA_KEY]: { detection: detection.id } };
  return resource;
}

/** A trail as the Trail construct renders it, without the provider: region All, logging by default. */
function trailResource(stack: ros.Stack, parameters: Record<string, unknown>, id = 'Trail'): ros.RosResource {
  return new ros.RosResource(stack, id, {
    type: 'Custom::ActionTrailTrail',
    properties: { ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/p', Parameters: parameters },
  });
}

function alertsTemplate(detections: readonly Detection[]): ProwlerTemplate {
  const stack = newStack('Alerts');
  trailResource(stack, { Name: 'audit_all', TrailRegion: 'All' });
  for (const d of detections) alertResource(stack, d);
  return synthTemplate(stack) as ProwlerTemplate;
}

describe('prowlerAlertChecks', () => {
  test('restates 14 checks: the 13 sls_*_alert_enabled (CIS 2.10 to 2.22) and the multi-region trail', () => {
    expect(PROWLER_ALERT_CHECK_NAMES).toHaveLength(14);
    expect(slsChecks.every((c) => /^sls_[a-z_]+_alert_enabled$/.test(c))).toBe(true);
    expect(PROWLER_ALERT_CHECK_NAMES[13]).toBe(PROWLER_MULTI_REGION_CHECK);
  });

  test('SLS alerts with the rendered query of every CIS detection pass every check', () => {
    const template = alertsTemplate(cisDetections);
    expect(template.Resources?.['AT-DETECT-KMS-KEY']).toEqual(
      expect.objectContaining({
        Type: SLS_ALERT_TYPE,
        Metadata: { [ALERT_METADATA_KEY]: { detection: 'AT-DETECT-KMS-KEY' } },
      }),
    );
    const results = prowlerAlertChecks({ 'Alerts.template.json': template });
    expect(passingChecks(results)).toEqual(PROWLER_ALERT_CHECK_NAMES);
    // Each check is passed by its own item's alert, whatever else also passes it.
    for (const [name, { cis }] of Object.entries(PROWLER_SLS_CHECKS)) {
      const own = cisDetections.find((d) => d.cis === cis);
      expect(results[name].by).toContain(`Alerts.template.json/${own?.id}`);
    }
    expect(results[PROWLER_MULTI_REGION_CHECK].by).toEqual(['Alerts.template.json/Trail']);
  });

  test.each(cisDetections.map((d) => [d.cis, d.id] as const))(
    'without the alert of CIS %s (%s), exactly its check fails',
    (cis, id) => {
      const results = prowlerAlertChecks({
        't.json': alertsTemplate(cisDetections.filter((d) => d.id !== id)),
      });
      const failing = PROWLER_ALERT_CHECK_NAMES.filter((n) => results[n].status === 'FAIL');
      const own = slsChecks.filter((n) => PROWLER_SLS_CHECKS[n].cis === cis);
      if (cis === '2.13') {
        // Prowler matches substrings: "CreateVpc" is in CreateVpcFirewallControlPolicy, and the
        // Cloud Firewall query holds "Vpc" (in its event names), so it passes the VPC check too.
        expect(failing).toEqual([]);
        expect(results.sls_vpc_changes_alert_enabled.by).toEqual(['t.json/AT-DETECT-CLOUDFW-POLICY']);
      } else {
        expect(failing).toEqual(own);
      }
    },
  );

  test('reads only ALIYUN::SLS::Alert queries, in any template of the account', () => {
    const query = renderSlsQuery(DETECTIONS.find((d) => d.cis === '2.20') as Detection);
    const results = prowlerAlertChecks({
      'a.json': { Resources: { Other: { Type: 'ALIYUN::SLS::Logstore', Properties: { Query: query } } } },
      'b.json': {
        Resources: { Kms: { Type: SLS_ALERT_TYPE, Properties: { Detail: { Configuration: { QueryList: [{}] } } } } },
      },
    });
    expect(passingChecks(results)).toEqual([]);
    const passing = prowlerAlertChecks({
      'a.json': {
        Resources: {
          Kms: {
            Type: SLS_ALERT_TYPE,
            Properties: { Detail: { Configuration: { QueryList: [{ Query: 'x' }, { Query: query }] } } },
          },
        },
      },
    });
    expect(passingChecks(passing)).toEqual(['sls_customer_created_cmk_changes_alert_enabled']);
    expect(passing.sls_customer_created_cmk_changes_alert_enabled.by).toEqual(['a.json/Kms']);
  });

  test('the literals are case-sensitive words anywhere in the query, as Prowler tests them', () => {
    const passes = (check: string, q: string) => PROWLER_SLS_CHECKS[check].passes(q);
    expect(passes('sls_rds_instance_configuration_changes_alert_enabled', 'Rds and ModifySecurityIps')).toBe(false);
    expect(passes('sls_rds_instance_configuration_changes_alert_enabled', 'rds and ModifySecurityIps')).toBe(true);
    expect(passes('sls_oss_permission_changes_alert_enabled', 'PutBucketAcl')).toBe(false);
    expect(passes('sls_oss_permission_changes_alert_enabled', 'PutBucket acl')).toBe(true);
    expect(passes('sls_ram_role_changes_alert_enabled', 'Ram CreatePolicy')).toBe(false);
    expect(
      passes(
        'sls_management_console_signin_without_mfa_alert_enabled',
        'ConsoleSignin additionalEventData.loginAccount',
      ),
    ).toBe(false);
  });

  describe(PROWLER_MULTI_REGION_CHECK, () => {
    const run = (build: (stack: ros.Stack) => void) => {
      const stack = newStack('Trail');
      build(stack);
      return prowlerAlertChecks({ t: synthTemplate(stack) as ProwlerTemplate })[PROWLER_MULTI_REGION_CHECK].status;
    };

    test('passes for a custom trail in all regions that logs (Logging absent or true)', () => {
      expect(run((s) => trailResource(s, { Name: 'audit_all', TrailRegion: 'All' }))).toBe('PASS');
      expect(run((s) => trailResource(s, { Name: 'audit_all', TrailRegion: 'All', Logging: true }))).toBe('PASS');
    });

    test('fails for a trail limited to some regions, stopped, or whose state is known only at deploy time', () => {
      expect(run((s) => trailResource(s, { Name: 'audit_all', TrailRegion: 'cn-hangzhou' }))).toBe('FAIL');
      expect(run((s) => trailResource(s, { Name: 'audit_all', TrailRegion: 'All', Logging: false }))).toBe('FAIL');
      expect(
        run((s) => {
          trailResource(s, { Name: 'audit_all', TrailRegion: 'All' });
          new ros.RosResource(s, 'Stop', {
            type: 'ALIYUN::ACTIONTRAIL::TrailLogging',
            properties: { Name: 'audit_all', Enable: false },
          });
        }),
      ).toBe('FAIL');
      expect(
        run((s) => {
          const p = new ros.RosParameter(s, 'Region', { type: ros.RosParameterType.STRING });
          trailResource(s, { Name: 'audit_all', TrailRegion: p.valueAsString });
        }),
      ).toBe('FAIL');
      expect(run(() => undefined)).toBe('FAIL');
    });

    test("ROS's trail (region All by the API's default) passes only once a TrailLogging starts it", () => {
      const rosTrail = (s: ros.Stack) =>
        new ros.RosResource(s, 'L1', { type: 'ALIYUN::ACTIONTRAIL::Trail', properties: { Name: 'audit_all' } });
      expect(run(rosTrail)).toBe('FAIL');
      expect(
        run((s) => {
          rosTrail(s);
          new ros.RosResource(s, 'Start', {
            type: 'ALIYUN::ACTIONTRAIL::TrailLogging',
            properties: { Name: { 'Fn::GetAtt': ['L1', 'Name'] }, Enable: true },
          });
        }),
      ).toBe('PASS');
    });
  });
});

describe('the examples as they stood before issue 22', () => {
  test('pass 1 of the 14 checks: the multi-region trail, no SLS alert check', () => {
    const app = newApp();
    singleAccountAudit(app);
    organizationAudit(app);
    ossOnlyAudit(app);
    slsOnlyAudit(app);
    maxComputeAndOssAudit(app);
    dataEventsAudit(app);
    const assembly = app.synth();
    const templates = Object.fromEntries(
      assembly.stacks.map((s) => [s.templateFile, s.template as ProwlerTemplate] as const),
    );
    expect(Object.keys(templates).length).toBeGreaterThan(1);
    const results = prowlerAlertChecks(templates);
    expect(passingChecks(results)).toEqual([PROWLER_MULTI_REGION_CHECK]);
    expect(PROWLER_ALERT_CHECK_NAMES.filter((n) => results[n].status === 'FAIL')).toEqual(slsChecks);
  });
});
