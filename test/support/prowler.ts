/**
 * Prowler's Alibaba Cloud checks of the CIS monitoring items, restated in our
 * own words over synthesized templates, as they would run against an account
 * deployed from them. Read (not copied) from prowler-cloud/prowler at commit
 * 3e000faa31 (main, December 2026):
 *
 * - prowler/providers/alibabacloud/services/sls/sls_service.py: `Sls._get_alerts`
 *   lists every alert of every SLS project in every region (ListAlerts) and
 *   keeps its `configuration` as a dict; the alert's state is not read.
 * - prowler/providers/alibabacloud/services/sls/sls_<item>_alert_enabled/
 *   sls_<item>_alert_enabled.py: each check passes, once for the account, when
 *   one query (`configuration.queryList[].query`) of one alert contains its
 *   words, literally and case-sensitively (Python `in` on the query text);
 *   otherwise one FAIL for the account.
 * - prowler/providers/alibabacloud/services/actiontrail/actiontrail_service.py
 *   (DescribeTrails in every region: `TrailRegion`, `Status`) and
 *   .../actiontrail_multi_region_enabled/actiontrail_multi_region_enabled.py:
 *   passes when a trail has `TrailRegion` `All` and `Status` `Enable`.
 *
 * In a template, an alert's query is
 * `Properties.Detail.Configuration.QueryList[].Query` of an `ALIYUN::SLS::Alert`
 * (what ROS passes to CreateAlert); a trail is a `Custom::ActionTrailTrail`
 * (this library's: `Parameters.TrailRegion`, `Parameters.Logging`, default
 * true) or an `ALIYUN::ACTIONTRAIL::Trail` (ROS's: no TrailRegion, so the
 * API's default `All`; logging only when an `ALIYUN::ACTIONTRAIL::TrailLogging`
 * with `Enable: true` names it). A value that is a ROS function (known only at
 * deploy time) counts as not passing.
 */
import { SLS_ALERT_TYPE } from '../../lib/shared/sls-queries';
import { CUSTOM_TRAIL_TYPE, ROS_TRAIL_LOGGING_TYPE, ROS_TRAIL_TYPE } from '../../lib/shared/resource-types';

/** The Prowler commit the checks were read at. */
export const PROWLER_COMMIT = '3e000faa31';

/** A parsed ROS template. */
export interface ProwlerTemplate {
  readonly [key: string]: unknown;
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

/** One restated SLS check: its CIS item, and whether a query text satisfies it. */
interface SlsCheck {
  readonly cis: string;
  readonly passes: (query: string) => boolean;
}

const has = (query: string, word: string) => query.includes(word);
const hasAny = (query: string, words: readonly string[]) => words.some((w) => query.includes(w));

/**
 * The `sls_*_alert_enabled` checks, by Prowler check name (each one's file is
 * prowler/providers/alibabacloud/services/sls/<name>/<name>.py).
 */
export const PROWLER_SLS_CHECKS: Readonly<Record<string, SlsCheck>> = {
  // 2.10: ("ResourceManager" or "Ram") and "CreatePolicy" and "DeletePolicy".
  sls_ram_role_changes_alert_enabled: {
    cis: '2.10',
    passes: (q) => hasAny(q, ['ResourceManager', 'Ram']) && has(q, 'CreatePolicy') && has(q, 'DeletePolicy'),
  },
  // 2.11: "Cloudfw" and one of the three VPC firewall control policy events.
  sls_cloud_firewall_changes_alert_enabled: {
    cis: '2.11',
    passes: (q) =>
      has(q, 'Cloudfw') &&
      hasAny(q, ['CreateVpcFirewallControlPolicy', 'DeleteVpcFirewallControlPolicy', 'ModifyVpcFirewallControlPolicy']),
  },
  // 2.12: ("Ecs" or "Vpc") and one route event.
  sls_vpc_network_route_changes_alert_enabled: {
    cis: '2.12',
    passes: (q) =>
      hasAny(q, ['Ecs', 'Vpc']) &&
      hasAny(q, [
        'CreateRouteEntry',
        'DeleteRouteEntry',
        'ModifyRouteEntry',
        'AssociateRouteTable',
        'UnassociateRouteTable',
      ]),
  },
  // 2.13: ("Ecs" or "Vpc") and one VPC event (substrings: "CreateVpc" is also in
  // "CreateVpcFirewallControlPolicy", so a Cloud Firewall query passes it too).
  sls_vpc_changes_alert_enabled: {
    cis: '2.13',
    passes: (q) =>
      hasAny(q, ['Ecs', 'Vpc']) &&
      hasAny(q, [
        'CreateVpc',
        'DeleteVpc',
        'DisableVpcClassicLink',
        'EnableVpcClassicLink',
        'DeletionProtection',
        'AssociateVpcCidrBlock',
        'UnassociateVpcCidrBlock',
        'RevokeInstanceFromCen',
        'CreateVSwitch',
        'DeleteVSwitch',
      ]),
  },
  // 2.14: ("PutBucket" and lowercase "acl") or "PutObjectAcl".
  sls_oss_permission_changes_alert_enabled: {
    cis: '2.14',
    passes: (q) => (has(q, 'PutBucket') && has(q, 'acl')) || has(q, 'PutObjectAcl'),
  },
  // 2.15: lowercase "rds" and one RDS configuration event (Prowler's list has three
  // the benchmark's does not: ModifyDBInstanceAutoUpgradeMinorVersion,
  // ModifyDBInstanceNetworkExpireTime, ModifyDTCSecurityIpHostsForSQLServer).
  sls_rds_instance_configuration_changes_alert_enabled: {
    cis: '2.15',
    passes: (q) =>
      has(q, 'rds') &&
      hasAny(q, [
        'ModifyHASwitchConfig',
        'ModifyDBInstanceHAConfig',
        'SwitchDBInstanceHA',
        'ModifyDBInstanceSpec',
        'MigrateSecurityIPMode',
        'ModifySecurityIps',
        'ModifyDBInstanceSSL',
        'MigrateToOtherZone',
        'UpgradeDBInstanceKernelVersion',
        'UpgradeDBInstanceEngineVersion',
        'ModifyDBInstanceMaintainTime',
        'ModifyDBInstanceAutoUpgradeMinorVersion',
        'AllocateInstancePublicConnection',
        'ModifyDBInstanceConnectionString',
        'ModifyDBInstanceNetworkExpireTime',
        'ReleaseInstancePublicConnection',
        'SwitchDBInstanceNetType',
        'ModifyDBInstanceNetworkType',
        'ModifyDTCSecurityIpHostsForSQLServer',
        'ModifySecurityGroupConfiguration',
        'CreateBackup',
        'ModifyBackupPolicy',
        'DeleteBackup',
        'CreateDdrInstance',
        'ModifyInstanceCrossBackupPolicy',
      ]),
  },
  // 2.16: "ApiCall" and one error code word ("Forbbiden" sic).
  sls_unauthorized_api_calls_alert_enabled: {
    cis: '2.16',
    passes: (q) =>
      has(q, 'ApiCall') &&
      hasAny(q, [
        'NoPermission',
        'Forbidden',
        'Forbbiden',
        'InvalidAccessKeyId',
        'InvalidSecurityToken',
        'SignatureDoesNotMatch',
        'InvalidAuthorization',
        'AccessForbidden',
        'NotAuthorized',
      ]),
  },
  // 2.17: "ConsoleSignin" and "addionalEventData.loginAccount" (sic).
  sls_management_console_signin_without_mfa_alert_enabled: {
    cis: '2.17',
    passes: (q) => has(q, 'ConsoleSignin') && has(q, 'addionalEventData.loginAccount'),
  },
  // 2.18: "ConsoleSignin" and "event.userIdentity.type" and "root-account".
  sls_root_account_usage_alert_enabled: {
    cis: '2.18',
    passes: (q) => has(q, 'ConsoleSignin') && has(q, 'event.userIdentity.type') && has(q, 'root-account'),
  },
  // 2.19: "ConsoleSignin" and "event.errorCode".
  sls_management_console_authentication_failures_alert_enabled: {
    cis: '2.19',
    passes: (q) => has(q, 'ConsoleSignin') && has(q, 'event.errorCode'),
  },
  // 2.20: "Kms" and one of DisableKey, ScheduleKeyDeletion, DeleteKeyMaterial.
  sls_customer_created_cmk_changes_alert_enabled: {
    cis: '2.20',
    passes: (q) => has(q, 'Kms') && hasAny(q, ['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial']),
  },
  // 2.21: one bucket policy, CORS, lifecycle, encryption or replication event (no service word).
  sls_oss_bucket_policy_changes_alert_enabled: {
    cis: '2.21',
    passes: (q) =>
      hasAny(q, [
        'PutBucketLifecycle',
        'PutBucketPolicy',
        'PutBucketCors',
        'PutBucketEncryption',
        'PutBucketReplication',
        'DeleteBucketPolicy',
        'DeleteBucketCors',
        'DeleteBucketLifecycle',
        'DeleteBucketEncryption',
        'DeleteBucketReplication',
      ]),
  },
  // 2.22: one security group event (no service word).
  sls_security_group_changes_alert_enabled: {
    cis: '2.22',
    passes: (q) =>
      hasAny(q, [
        'CreateSecurityGroup',
        'AuthorizeSecurityGroup',
        'AuthorizeSecurityGroupEgress',
        'RevokeSecurityGroup',
        'RevokeSecurityGroupEgress',
        'JoinSecurityGroup',
        'LeaveSecurityGroup',
        'DeleteSecurityGroup',
        'ModifySecurityGroupPolicy',
      ]),
  },
};

/** actiontrail_multi_region_enabled (CIS 2.1). */
export const PROWLER_MULTI_REGION_CHECK = 'actiontrail_multi_region_enabled';

/** Every restated check name: the 13 SLS checks, then the multi-region check. */
export const PROWLER_ALERT_CHECK_NAMES: readonly string[] = [
  ...Object.keys(PROWLER_SLS_CHECKS),
  PROWLER_MULTI_REGION_CHECK,
];

/** One check's result for the account. */
export interface ProwlerCheckResult {
  /** PASS or FAIL, as Prowler reports it. */
  readonly status: 'PASS' | 'FAIL';
  /** What passed it: `<template>/<logical ID>` of the alert or trail; empty when it failed. */
  readonly by: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resourcesOf(
  templates: Readonly<Record<string, ProwlerTemplate>>,
  type: string,
): { readonly where: string; readonly id: string; readonly props: Record<string, unknown> }[] {
  return Object.entries(templates).flatMap(([name, t]) =>
    Object.entries(t.Resources ?? {})
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ where: `${name}/${id}`, id, props: r.Properties ?? {} })),
  );
}

/** The literal query texts of an `ALIYUN::SLS::Alert`'s `Detail.Configuration.QueryList`. */
export function slsAlertQueries(props: Record<string, unknown>): string[] {
  const detail = props.Detail;
  const configuration = isObject(detail) ? detail.Configuration : undefined;
  const queryList = isObject(configuration) ? configuration.QueryList : undefined;
  if (!Array.isArray(queryList)) return [];
  return queryList.flatMap((q) => (isObject(q) && typeof q.Query === 'string' ? [q.Query] : []));
}

/** Whether a trail deployed from this template would be multi-region (`All`) and enabled. */
function multiRegionEnabledTrails(templates: Readonly<Record<string, ProwlerTemplate>>): string[] {
  const passing: string[] = [];
  for (const [name, t] of Object.entries(templates)) {
    const loggers = resourcesOf({ [name]: t }, ROS_TRAIL_LOGGING_TYPE);
    const enables = (trailId: string, trailName: unknown): boolean[] =>
      loggers
        .filter(({ props }) => {
          const n = props.Name;
          if (typeof n === 'string') return n === trailName;
          if (!isObject(n)) return false;
          const getAtt = n['Fn::GetAtt'];
          return n.Ref === trailId || (Array.isArray(getAtt) && getAtt[0] === trailId && getAtt[1] === 'Name');
        })
        .map(({ props }) => props.Enable === true || props.Enable === 'true');
    for (const { where, id, props } of resourcesOf({ [name]: t }, CUSTOM_TRAIL_TYPE)) {
      const parameters = isObject(props.Parameters) ? props.Parameters : {};
      const logging = parameters.Logging;
      const on =
        (logging === undefined || logging === true || logging === 'true') &&
        !enables(id, parameters.Name).includes(false);
      if (parameters.TrailRegion === 'All' && on) passing.push(where);
    }
    for (const { where, id, props } of resourcesOf({ [name]: t }, ROS_TRAIL_TYPE)) {
      const states = enables(id, props.Name);
      if (states.includes(true) && !states.includes(false)) passing.push(where);
    }
  }
  return passing;
}

/**
 * Prowler's CIS alert checks (the 13 `sls_*_alert_enabled` and
 * `actiontrail_multi_region_enabled`) over the templates deployed in one
 * account (keyed by a name, e.g. the template file), by check name.
 */
export function prowlerAlertChecks(
  templates: Readonly<Record<string, ProwlerTemplate>>,
): Record<string, ProwlerCheckResult> {
  const queries = resourcesOf(templates, SLS_ALERT_TYPE).flatMap(({ where, props }) =>
    slsAlertQueries(props).map((query) => ({ where, query })),
  );
  const result: Record<string, ProwlerCheckResult> = {};
  for (const [check, { passes }] of Object.entries(PROWLER_SLS_CHECKS)) {
    const by = [...new Set(queries.filter(({ query }) => passes(query)).map(({ where }) => where))];
    result[check] = { status: by.length > 0 ? 'PASS' : 'FAIL', by };
  }
  const trails = multiRegionEnabledTrails(templates);
  result[PROWLER_MULTI_REGION_CHECK] = { status: trails.length > 0 ? 'PASS' : 'FAIL', by: trails };
  return result;
}

/** The names of the checks that pass, in {@link PROWLER_ALERT_CHECK_NAMES} order. */
export function passingChecks(results: Readonly<Record<string, ProwlerCheckResult>>): string[] {
  return PROWLER_ALERT_CHECK_NAMES.filter((name) => results[name]?.status === 'PASS');
}
