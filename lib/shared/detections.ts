/**
 * The detection catalogue: which ActionTrail events deserve an alert, as data.
 * It is the one list of event names in the codebase: the EventBridge rules,
 * the SLS alerts, the hunting queries, the CLI and the alerts guide all read it
 * and none keeps a copy. Node built-ins and lib/shared only.
 *
 * Ids: `AT-DETECT-<NAME>`, upper case, words joined by `-` (the family of the
 * rule ids `AT-<AREA>-<NNN>`), matching {@link DETECTION_ID_PATTERN}. An id is
 * stable: once released it is never renamed or reused, because users name ids
 * in code (overrides, suppressions) and alerts carry them.
 *
 * Tiers:
 * - `write`: a write event matched by its event name, recorded as an API call
 *   or a console operation. ActionTrail publishes write events to EventBridge,
 *   so these can alert within seconds; SLS and MaxCompute see them too.
 * - `identity`: a predicate over event fields (sign-in, identity type, error
 *   code). Sign-in events and failed calls are not on EventBridge, so these are
 *   for a trail that delivers to SLS (alerts) or MaxCompute (hunting) only.
 *
 * Sources:
 * - CIS Alibaba Cloud Foundations Benchmark v1.0.0, monitoring items 2.10 to
 *   2.22 and the event names their remediation queries list.
 * - ActionTrail "Management event structure" (document 28819): `eventName`
 *   ("if eventType is ApiCall, the API operation name; otherwise the recorded
 *   operation"), `eventType` (ApiCall, ConsoleOperation, ConsoleSignin,
 *   ConsoleSignout, AliyunServiceEvent), `eventRW`, `errorCode`,
 *   `serviceName`, `additionalEventData`, `userIdentity.type`;
 *   https://www.alibabacloud.com/help/doc-detail/28819.htm
 * - SLS field reference for ActionTrail logs (`event.*`, and the sign-in
 *   fields spelt `addionalEventData.isMFAChecked` and `.loginAccount`);
 *   https://www.alibabacloud.com/help/en/sls/actiontrail
 * - Account Logon events (`ConsoleSignin`, `ConsoleSignout`);
 *   https://www.alibabacloud.com/help/en/actiontrail/product-overview/audit-events-of-account-logon
 * - EventBridge and ActionTrail (document 204963): write events only, the
 *   record under `data`.
 *
 * Not known until measured on a real account (the alerts guide): whether a
 * change made in a console is recorded under the API's event name (the
 * catalogue assumes so: ActionTrail's own sample of a trail changed in its
 * console is an `ApiCall` named `UpdateTrail`); the spelling of the sign-in
 * MFA and result fields (the catalogue reads every spelling the docs give).
 */
import { maxComputeTableName } from './arn';
import { isAccountId, TRAIL_NAME_PATTERN } from './ids';
import { quote } from './quote';

/** How urgent a detection is: the order in which a person should look. */
export type DetectionSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * `write`: matched by event name on write events (EventBridge-capable);
 * `identity`: a field predicate, SLS and MaxCompute only.
 */
export type DetectionTier = 'write' | 'identity';

/**
 * A condition over the fields of one ActionTrail event, as data, so that each
 * renderer (EventBridge pattern, SLS query, MaxCompute SQL, the in-process
 * {@link matchesEvent}) translates the same thing. Field paths are dotted
 * (`userIdentity.type`). A missing field reads as the empty string; a
 * non-string value reads as its `String()` (so JSON `true` reads `'true'`,
 * as MaxCompute's GET_JSON_OBJECT returns it).
 */
export type EventPredicate =
  /** The field equals one of the values. */
  | { readonly op: 'in'; readonly field: string; readonly values: readonly string[] }
  /** The field starts with one of the values. */
  | { readonly op: 'prefix'; readonly field: string; readonly values: readonly string[] }
  /** The field is present and not empty. */
  | { readonly op: 'present'; readonly field: string }
  /** The inner predicate does not hold. */
  | { readonly op: 'not'; readonly of: EventPredicate }
  /** At least one of the predicates holds. */
  | { readonly op: 'any'; readonly of: readonly EventPredicate[] }
  /** Every predicate holds. */
  | { readonly op: 'all'; readonly of: readonly EventPredicate[] };

/** What every detection has. */
interface DetectionBase {
  /** Stable id, `AT-DETECT-<NAME>` ({@link DETECTION_ID_PATTERN}). */
  readonly id: string;
  /** One line a person reads in an alert. */
  readonly title: string;
  /** CIS Alibaba Cloud Foundations Benchmark v1.0.0 item, e.g. `'2.10'`; absent where none applies. */
  readonly cis?: string;
  /** How urgent. */
  readonly severity: DetectionSeverity;
  /**
   * The `serviceName` values the events carry, as the SLS field reference and
   * the CIS queries spell them. For people and SLS queries (scanners look for
   * these words); never matched by {@link matchesEvent}, because the spelling
   * per service is not documented.
   */
  readonly services: readonly string[];
}

/** A detection of write events by name. */
export interface WriteDetection extends DetectionBase {
  /** `write`. */
  readonly tier: 'write';
  /** The event names that match; each is also a write API's name. */
  readonly eventNames: readonly string[];
  /**
   * Names among {@link eventNames} that are data events: recorded only when
   * the trail selects them (`Trail` `dataEvents`). Default: none.
   */
  readonly dataEventNames?: readonly string[];
}

/** A detection by a predicate over event fields. */
export interface IdentityDetection extends DetectionBase {
  /** `identity`. */
  readonly tier: 'identity';
  /** The `eventType` values it looks at. */
  readonly eventTypes: readonly string[];
  /** What else must hold. */
  readonly where: EventPredicate;
}

/** One catalogue entry. */
export type Detection = WriteDetection | IdentityDetection;

/** The shape of a detection id. */
export const DETECTION_ID_PATTERN = /^AT-DETECT-[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** The event types a write detection matches: a change made in a console must alert as one made by API. */
export const WRITE_EVENT_TYPES: readonly string[] = ['ApiCall', 'ConsoleOperation'];

/**
 * The `eventRW` of a read event, which no write detection matches. Written as
 * "not Read" everywhere (EventBridge `anything-but`, SLS `not`, SQL `<>`), so
 * an event with another spelling or none still matches: noisy, never silent.
 */
export const READ_EVENT_RW = 'Read';

/** `eventType` of a console sign-in (Account Logon events). */
const SIGNIN = 'ConsoleSignin';

/**
 * The field CIS v1.0.0 item 2.17's remediation query reads as the MFA flag,
 * spelt as printed there and in SLS's field reference (sic, no "t"):
 * `"addionalEventData.loginAccount": false`. ActionTrail's sample sign-in
 * ("Logon events by using an Alibaba Cloud account") has `loginAccount` hold
 * the account's name, which is never one of {@link MFA_USED_VALUES}, so
 * reading it as a flag adds no match and hides none; it is read because the
 * benchmark names it, and scanners (Prowler's
 * `sls_management_console_signin_without_mfa_alert_enabled`) look for it in
 * the SLS alert's query.
 */
export const CIS_SIGNIN_MFA_FIELD = 'addionalEventData.loginAccount';

/**
 * The fields that may say whether a sign-in used MFA. ActionTrail's sample
 * sign-in has `additionalEventData.isMFAChecked` (`"false"`); the SLS field
 * reference spells `addionalEventData.isMFAChecked` (sic); the benchmark reads
 * {@link CIS_SIGNIN_MFA_FIELD}. All are read; none is verified on a real account.
 */
export const SIGNIN_MFA_FIELDS: readonly string[] = [
  'additionalEventData.MFAUsed',
  'additionalEventData.isMFAChecked',
  'addionalEventData.isMFAChecked',
  CIS_SIGNIN_MFA_FIELD,
];

/** Values of a {@link SIGNIN_MFA_FIELDS} field that mean MFA was used; anything else, absence included, means it was not. */
export const MFA_USED_VALUES: readonly string[] = ['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', '1'];

/** The field that may carry a sign-in's result, and the values that mean success (unverified). */
export const SIGNIN_RESULT_FIELD = 'additionalEventData.loginResult';
/** Values of {@link SIGNIN_RESULT_FIELD} that mean the sign-in succeeded. */
export const SIGNIN_SUCCESS_VALUES: readonly string[] = ['success', 'Success', 'SUCCESS'];

/** CIS 2.16: the error codes of an unauthorized call (exact), as the benchmark lists them ("Forbbiden" sic). */
export const UNAUTHORIZED_ERROR_CODES: readonly string[] = [
  'NoPermission',
  'Forbidden',
  'Forbbiden',
  'InvalidAccessKeyId',
  'InvalidSecurityToken',
  'SignatureDoesNotMatch',
  'InvalidAuthorization',
  'AccessForbidden',
  'NotAuthorized',
];

/** CIS 2.16: prefixes of error codes of an unauthorized call (`NoPermission.*` and so on). */
export const UNAUTHORIZED_ERROR_PREFIXES: readonly string[] = [
  'NoPermission.',
  'Forbidden.',
  'InvalidAccessKeyId.',
  'InvalidSecurityToken.',
];

/** The catalogue, in the order docs and tables list it. */
export const DETECTIONS: readonly Detection[] = [
  {
    // The ActionTrail writes that blind the audit trail (ActionTrail API
    // 2020-07-06: StopLogging, DeleteTrail, UpdateTrail, PutDataEventSelector,
    // DeleteDataEventSelector, UpdateGlobalEventsStorageRegion): stop, delete
    // or change a trail; delete or replace its data event selectors (what
    // data events are recorded); move where global events (RAM and other
    // global services) are stored.
    id: 'AT-DETECT-TAMPER',
    title: 'ActionTrail trail stopped, deleted or changed, or what it records changed',
    severity: 'critical',
    tier: 'write',
    services: ['Actiontrail'],
    eventNames: [
      'StopLogging',
      'DeleteTrail',
      'UpdateTrail',
      'DeleteDataEventSelector',
      'PutDataEventSelector',
      'UpdateGlobalEventsStorageRegion',
    ],
  },
  {
    // Someone blinding the alerts themselves. API names verified in the API
    // references: EventBridge 2020-04-01 DeleteRule, DisableRule, UpdateRule,
    // DeleteTargets (alibabacloud.com/help/en/eventbridge/developer-reference/
    // api-eventbridge-2020-04-01-*); SLS 2020-12-30 DeleteAlert, DisableAlert,
    // UpdateAlert (api-sls-2020-12-30-*), DeleteLogStore and DeleteProject
    // (the SLS API catalogue). Unverified: that ActionTrail records each of
    // them under that eventName (none is in ActionTrail's samples), and the
    // serviceName spellings below. Names are matched without the service
    // (its spelling is not documented), so another service's API of the same
    // name (e.g. a load balancer's DeleteRule) alerts too: noisy, never silent.
    id: 'AT-DETECT-ALERT-TAMPER',
    title: 'An EventBridge rule or SLS alert deleted, disabled or changed, or its logstore or project deleted',
    severity: 'critical',
    tier: 'write',
    services: ['EventBridge', 'Sls'],
    eventNames: [
      'DeleteRule',
      'DisableRule',
      'UpdateRule',
      'DeleteTargets',
      'DeleteAlert',
      'DisableAlert',
      'UpdateAlert',
      'DeleteLogStore',
      'DeleteProject',
    ],
  },
  {
    id: 'AT-DETECT-RAM-POLICY',
    title: 'RAM policy created, deleted or given a new version',
    cis: '2.10',
    severity: 'high',
    tier: 'write',
    services: ['Ram', 'ResourceManager'],
    eventNames: [
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'UpdatePolicyVersion',
      'SetDefaultPolicyVersion',
      'DeletePolicyVersion',
    ],
  },
  {
    id: 'AT-DETECT-CLOUDFW-POLICY',
    title: 'Cloud Firewall VPC control policy changed',
    cis: '2.11',
    severity: 'high',
    tier: 'write',
    services: ['Cloudfw'],
    eventNames: ['CreateVpcFirewallControlPolicy', 'DeleteVpcFirewallControlPolicy', 'ModifyVpcFirewallControlPolicy'],
  },
  {
    id: 'AT-DETECT-VPC-ROUTE',
    title: 'VPC route entry or route table association changed',
    cis: '2.12',
    severity: 'medium',
    tier: 'write',
    services: ['Vpc', 'Ecs'],
    eventNames: [
      'CreateRouteEntry',
      'DeleteRouteEntry',
      'ModifyRouteEntry',
      'AssociateRouteTable',
      'UnassociateRouteTable',
    ],
  },
  {
    id: 'AT-DETECT-VPC-CHANGE',
    title: 'VPC, vSwitch, CIDR block or ClassicLink changed',
    cis: '2.13',
    severity: 'medium',
    tier: 'write',
    services: ['Vpc', 'Ecs'],
    eventNames: [
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
    ],
  },
  {
    id: 'AT-DETECT-OSS-ACL',
    title: 'OSS bucket or object ACL changed',
    cis: '2.14',
    severity: 'high',
    tier: 'write',
    services: ['Oss'],
    eventNames: ['PutBucketAcl', 'PutObjectAcl'],
    dataEventNames: ['PutObjectAcl'],
  },
  {
    id: 'AT-DETECT-RDS-CONFIG',
    title: 'RDS instance network, security, HA or backup configuration changed',
    cis: '2.15',
    severity: 'medium',
    tier: 'write',
    services: ['rds'],
    eventNames: [
      'ModifyHASwitchConfig',
      'ModifyDBInstanceHAConfig',
      'SwitchDBInstanceHA',
      'ModifyDBInstanceSpec',
      'MigrateSecurityIPMode',
      'ModifySecurityIps',
      'ModifyDBInstanceSSL',
      'MigrateToOtherZone',
      'UpgradeDBInstanceEngineVersion',
      'UpgradeDBInstanceKernelVersion',
      'ModifyDBInstanceMaintainTime',
      'AllocateInstancePublicConnection',
      'ModifyDBInstanceConnectionString',
      'ReleaseInstancePublicConnection',
      'SwitchDBInstanceNetType',
      'ModifyDBInstanceNetworkType',
      'ModifySecurityGroupConfiguration',
      'CreateBackup',
      'ModifyBackupPolicy',
      'DeleteBackup',
      'CreateDdrInstance',
      'ModifyInstanceCrossBackupPolicy',
    ],
  },
  {
    id: 'AT-DETECT-UNAUTHORIZED-API',
    title: 'API call refused for missing permission or bad credentials',
    cis: '2.16',
    severity: 'medium',
    tier: 'identity',
    services: [],
    eventTypes: WRITE_EVENT_TYPES,
    where: {
      op: 'any',
      of: [
        { op: 'in', field: 'errorCode', values: UNAUTHORIZED_ERROR_CODES },
        { op: 'prefix', field: 'errorCode', values: UNAUTHORIZED_ERROR_PREFIXES },
      ],
    },
  },
  {
    id: 'AT-DETECT-SIGNIN-NO-MFA',
    title: 'Console sign-in without MFA',
    cis: '2.17',
    severity: 'high',
    tier: 'identity',
    services: [],
    eventTypes: [SIGNIN],
    where: {
      op: 'not',
      of: { op: 'any', of: SIGNIN_MFA_FIELDS.map((field) => ({ op: 'in', field, values: MFA_USED_VALUES })) },
    },
  },
  {
    id: 'AT-DETECT-ROOT-USE',
    title: 'Console sign-in with the root account',
    cis: '2.18',
    severity: 'critical',
    tier: 'identity',
    services: [],
    eventTypes: [SIGNIN],
    where: { op: 'in', field: 'userIdentity.type', values: ['root-account'] },
  },
  {
    id: 'AT-DETECT-SIGNIN-FAILURE',
    title: 'Console sign-in failed',
    cis: '2.19',
    severity: 'medium',
    tier: 'identity',
    services: [],
    eventTypes: [SIGNIN],
    where: {
      op: 'any',
      of: [
        { op: 'present', field: 'errorCode' },
        {
          op: 'all',
          of: [
            { op: 'present', field: SIGNIN_RESULT_FIELD },
            { op: 'not', of: { op: 'in', field: SIGNIN_RESULT_FIELD, values: SIGNIN_SUCCESS_VALUES } },
          ],
        },
      ],
    },
  },
  {
    id: 'AT-DETECT-KMS-KEY',
    title: 'KMS key disabled, scheduled for deletion or its material deleted',
    cis: '2.20',
    severity: 'critical',
    tier: 'write',
    services: ['Kms'],
    eventNames: ['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial'],
  },
  {
    id: 'AT-DETECT-OSS-BUCKET-POLICY',
    title: 'OSS bucket policy, CORS, lifecycle, encryption or replication changed',
    cis: '2.21',
    severity: 'high',
    tier: 'write',
    services: ['Oss'],
    eventNames: [
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
    ],
  },
  {
    id: 'AT-DETECT-SECURITY-GROUP',
    title: 'ECS security group or its rules changed',
    cis: '2.22',
    severity: 'high',
    tier: 'write',
    services: ['Ecs'],
    eventNames: [
      'CreateSecurityGroup',
      'AuthorizeSecurityGroup',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroup',
      'RevokeSecurityGroupEgress',
      'JoinSecurityGroup',
      'LeaveSecurityGroup',
      'DeleteSecurityGroup',
      'ModifySecurityGroupPolicy',
    ],
  },
];

/** Every detection id, in catalogue order. */
export function detectionIds(): string[] {
  return DETECTIONS.map((d) => d.id);
}

/**
 * The detection with this id.
 * @throws Error naming the unknown id and the known ones.
 */
export function detectionById(id: string): Detection {
  const found = DETECTIONS.find((d) => d.id === id);
  if (!found) {
    throw new Error(
      `Unknown detection id ${quote(id)}: the known ids are ${detectionIds().join(', ')}. ` +
        'Use one of them (the alerts guide lists what each matches).',
    );
  }
  return found;
}

/** The detection serving a CIS item (e.g. `'2.10'`), or `undefined` when none does. */
export function detectionForCisItem(item: string): Detection | undefined {
  return DETECTIONS.find((d) => d.cis === item);
}

/**
 * An ActionTrail event record as documented (Management event structure):
 * `eventName`, `eventType`, `errorCode`, `userIdentity {type, ...}`,
 * `additionalEventData`, and the rest. Only the fields a detection reads
 * matter; others are ignored.
 */
export type ActionTrailEvent = Readonly<Record<string, unknown>>;

/**
 * The record inside `event`: an EventBridge envelope (`type` ending
 * `:ActionTrail:<eventType>`, the record under `data`) is unwrapped; a bare
 * record (SLS `event`, MaxCompute event column) is returned as it is.
 */
export function actionTrailRecord(event: ActionTrailEvent): ActionTrailEvent {
  const data = event.data;
  if (typeof event.type === 'string' && /:ActionTrail:/.test(event.type) && isObject(data)) return data;
  return event;
}

/** The value at a dotted path as a string; missing, null and objects read as `''`. */
export function fieldText(event: ActionTrailEvent, path: string): string {
  let value: unknown = event;
  for (const part of path.split('.')) {
    if (!isObject(value)) return '';
    value = value[part];
  }
  if (value === undefined || value === null || typeof value === 'object') return '';
  return String(value);
}

/** Whether the predicate holds for the record. */
export function evaluatePredicate(predicate: EventPredicate, event: ActionTrailEvent): boolean {
  switch (predicate.op) {
    case 'in':
      return predicate.values.includes(fieldText(event, predicate.field));
    case 'prefix': {
      const text = fieldText(event, predicate.field);
      return predicate.values.some((p) => text.startsWith(p));
    }
    case 'present':
      return fieldText(event, predicate.field) !== '';
    case 'not':
      return !evaluatePredicate(predicate.of, event);
    case 'any':
      return predicate.of.some((p) => evaluatePredicate(p, event));
    case 'all':
      return predicate.of.every((p) => evaluatePredicate(p, event));
  }
}

/**
 * Whether the detection matches the event (a bare ActionTrail record or an
 * EventBridge envelope). A write detection matches an `ApiCall` or
 * `ConsoleOperation` whose `eventName` is listed and whose `eventRW` is not
 * {@link READ_EVENT_RW}, failed or not (a refused StopLogging is worth
 * knowing too); an identity detection matches its event types where its
 * predicate holds.
 */
export function matchesEvent(detection: Detection, event: ActionTrailEvent): boolean {
  const record = actionTrailRecord(event);
  const eventType = fieldText(record, 'eventType');
  if (detection.tier === 'write') {
    return (
      WRITE_EVENT_TYPES.includes(eventType) &&
      fieldText(record, 'eventRW') !== READ_EVENT_RW &&
      detection.eventNames.includes(fieldText(record, 'eventName'))
    );
  }
  return detection.eventTypes.includes(eventType) && evaluatePredicate(detection.where, record);
}

/** The detections that match the event, in catalogue order. */
export function detectionsMatching(event: ActionTrailEvent): Detection[] {
  return DETECTIONS.filter((d) => matchesEvent(d, event));
}

// ---------------------------------------------------------------------------
// the alerts guide table

/** Start and end markers of the generated table in the alerts guide. */
export const DETECTION_TABLE_MARKERS = {
  start: '<!-- detections:start (generated from the detection catalogue; a test keeps them equal) -->',
  end: '<!-- detections:end -->',
} as const;

/** A short text of what a detection matches, for tables. */
export function describeMatch(detection: Detection): string {
  if (detection.tier === 'write') {
    return detection.eventNames
      .map((n) => (detection.dataEventNames?.includes(n) ? `\`${n}\` (data event)` : `\`${n}\``))
      .join(', ');
  }
  return `\`eventType\` ${detection.eventTypes.map((t) => `\`${t}\``).join(' or ')} where ${describePredicate(detection.where)}`;
}

function describePredicate(p: EventPredicate): string {
  switch (p.op) {
    case 'in':
      return p.values.length === 1
        ? `\`${p.field}\` is \`${p.values[0]}\``
        : `\`${p.field}\` is one of ${p.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'prefix':
      return `\`${p.field}\` starts with ${p.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'present':
      return `\`${p.field}\` is not empty`;
    case 'not':
      return `not (${describePredicate(p.of)})`;
    case 'any':
      return p.of.map(describePredicate).join(' or ');
    case 'all':
      return `(${p.of.map(describePredicate).join(' and ')})`;
  }
}

/** The Markdown table of the catalogue (id, CIS item, severity, tier, what it matches), as the alerts guide holds it. */
export function renderDetectionTable(): string {
  const rows = DETECTIONS.map(
    (d) => `| \`${d.id}\` | ${d.cis ?? '-'} | ${d.severity} | ${d.tier} | ${d.title}: ${describeMatch(d)} |`,
  );
  return ['| Id | CIS | Severity | Tier | Matches |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

// ---------------------------------------------------------------------------
// Hunting queries (MaxCompute SQL)

/** Options of {@link renderHuntingQuery}. */
export interface HuntingQueryOptions {
  /** The account whose trail delivers. */
  readonly accountId: string;
  /**
   * The MaxCompute project the trail delivers to: letters, digits and `_`,
   * a letter first ({@link MAXCOMPUTE_PROJECT_NAME_PATTERN}).
   * @default `actiontrail_<accountId>`, the project ActionTrail creates
   */
  readonly projectName?: string;
  /** The trail's name: the table is `actiontrail_<trailName>`. */
  readonly trailName: string;
  /** Window start (inclusive), compared with the event's `eventTime` (UTC). */
  readonly start: Date;
  /** Window end (exclusive). */
  readonly end: Date;
  /**
   * The column holding the event as JSON. Not measured yet (`status --schema`
   * reads the table's schema; pass what it finds).
   * @default 'event'
   */
  readonly eventColumn?: string;
  /**
   * The date partition column, holding `yyyymmdd` dates; `null` for no
   * partition filter (MaxCompute refuses a full scan of a partitioned table
   * unless the project allows it). Not measured yet: whether it is by event
   * or delivery date, and in which time zone, so the filter is one day wider
   * than the window on each side.
   * @default 'ds'
   */
  readonly partitionColumn?: string | null;
  /**
   * Most rows returned (MaxCompute wants a LIMIT with ORDER BY).
   * @default 1000
   */
  readonly limit?: number;
}

/** A MaxCompute project name this renderer accepts (MaxCompute: a letter first, then letters, digits and `_`). */
export const MAXCOMPUTE_PROJECT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;

/** Default event column of {@link HuntingQueryOptions.eventColumn}. */
export const DEFAULT_EVENT_COLUMN = 'event';
/** Default partition column of {@link HuntingQueryOptions.partitionColumn}. */
export const DEFAULT_PARTITION_COLUMN = 'ds';
/** Default row limit of {@link HuntingQueryOptions.limit}. */
export const DEFAULT_HUNTING_LIMIT = 1000;

/** A MaxCompute column name this renderer accepts: a letter or `_` first, then letters, digits, `_`; at most 128. */
export const SQL_COLUMN_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Characters a value may have to be written inside a SQL string literal here. */
const SQL_LITERAL_PATTERN = /^[A-Za-z0-9 ._:-]*$/;
/** Characters a JSON path field may have. */
const JSON_FIELD_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** The columns every hunting query returns: alias and event field. */
const HUNTING_COLUMNS: readonly (readonly [string, string])[] = [
  ['event_time', 'eventTime'],
  ['event_name', 'eventName'],
  ['event_type', 'eventType'],
  ['acs_region', 'acsRegion'],
  ['identity_type', 'userIdentity.type'],
  ['user_name', 'userIdentity.userName'],
  ['source_ip', 'sourceIpAddress'],
  ['error_code', 'errorCode'],
];

function huntingError(what: string, value: unknown, rule: string, fix: string): Error {
  return new Error(`Hunting query: ${what} ${quote(value)} is not accepted: ${rule}. ${fix}`);
}

function sqlLiteral(value: string): string {
  if (!SQL_LITERAL_PATTERN.test(value)) {
    throw huntingError(
      'the value',
      value,
      'a value in a query may hold letters, digits, space and ._:- only',
      'Use an event name or code as ActionTrail spells it.',
    );
  }
  return `'${value}'`;
}

function jsonField(eventColumn: string, field: string): string {
  if (!JSON_FIELD_PATTERN.test(field)) {
    throw huntingError(
      'the field',
      field,
      'a field path is dotted names of letters, digits and _',
      'Use a field of the documented event shape.',
    );
  }
  return `GET_JSON_OBJECT(${eventColumn}, '$.${field}')`;
}

function predicateSql(p: EventPredicate, col: string): string {
  const text = (field: string) => `COALESCE(${jsonField(col, field)}, '')`;
  switch (p.op) {
    case 'in':
      return `${text(p.field)} IN (${p.values.map(sqlLiteral).join(', ')})`;
    case 'prefix':
      return `(${p.values.map((v) => `SUBSTR(${text(p.field)}, 1, ${v.length}) = ${sqlLiteral(v)}`).join(' OR ')})`;
    case 'present':
      return `${text(p.field)} <> ''`;
    case 'not':
      return `NOT (${predicateSql(p.of, col)})`;
    case 'any':
      return `(${p.of.map((q) => predicateSql(q, col)).join(' OR ')})`;
    case 'all':
      return `(${p.of.map((q) => predicateSql(q, col)).join(' AND ')})`;
  }
}

function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function partitionDay(date: Date, shiftDays: number): string {
  return new Date(date.getTime() + shiftDays * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * A MaxCompute SQL query that finds the detection's events in a trail's
 * delivered table, `actiontrail_<account>.actiontrail_<trail>`, within a time
 * window, reading fields with GET_JSON_OBJECT over the event column. Every
 * identifier is validated and every literal comes from the catalogue or a
 * checked date, so no option can add SQL.
 * @throws Error naming the bad option, the rule and the fix.
 */
export function renderHuntingQuery(detection: Detection, options: HuntingQueryOptions): string {
  if (!isAccountId(options.accountId)) {
    throw huntingError(
      'accountId',
      options.accountId,
      'an account ID is 16 digits',
      'Pass the ID of the account the trail belongs to.',
    );
  }
  const projectName = options.projectName ?? `actiontrail_${options.accountId}`;
  if (typeof projectName !== 'string' || !MAXCOMPUTE_PROJECT_NAME_PATTERN.test(projectName)) {
    throw huntingError(
      'projectName',
      projectName,
      `a MaxCompute project name matches ${MAXCOMPUTE_PROJECT_NAME_PATTERN}`,
      "Pass the name of the project the trail's MaxCompute ARN names, or leave it out for actiontrail_<account>.",
    );
  }
  if (typeof options.trailName !== 'string' || !TRAIL_NAME_PATTERN.test(options.trailName)) {
    throw huntingError(
      'trailName',
      options.trailName,
      `a trail name matches ${TRAIL_NAME_PATTERN}`,
      'Pass the name of a trail that delivers to MaxCompute.',
    );
  }
  const col = options.eventColumn ?? DEFAULT_EVENT_COLUMN;
  if (typeof col !== 'string' || !SQL_COLUMN_PATTERN.test(col)) {
    throw huntingError(
      'eventColumn',
      col,
      `a column name matches ${SQL_COLUMN_PATTERN}`,
      'Pass the column `status --schema` reports.',
    );
  }
  const partition = options.partitionColumn === undefined ? DEFAULT_PARTITION_COLUMN : options.partitionColumn;
  if (partition !== null && (typeof partition !== 'string' || !SQL_COLUMN_PATTERN.test(partition))) {
    throw huntingError(
      'partitionColumn',
      partition,
      `a column name matches ${SQL_COLUMN_PATTERN}`,
      'Pass the partition column `status --schema` reports, or null for none.',
    );
  }
  const { start, end } = options;
  if (
    !(start instanceof Date) ||
    Number.isNaN(start.getTime()) ||
    !(end instanceof Date) ||
    Number.isNaN(end.getTime())
  ) {
    throw huntingError(
      'window',
      { start: String(start), end: String(end) },
      'start and end are valid dates',
      'Pass two Date objects.',
    );
  }
  if (start.getTime() >= end.getTime()) {
    throw huntingError(
      'window',
      { start: isoSecond(start), end: isoSecond(end) },
      'start comes before end',
      'Swap or widen the window.',
    );
  }
  const limit = options.limit ?? DEFAULT_HUNTING_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) {
    throw huntingError('limit', limit, 'the limit is an integer from 1 to 1000000', 'Pass a smaller whole number.');
  }

  const where: string[] = [];
  if (partition !== null) {
    where.push(
      `${partition} >= ${sqlLiteral(partitionDay(start, -1))} AND ${partition} <= ${sqlLiteral(partitionDay(end, 1))}`,
    );
  }
  where.push(`${jsonField(col, 'eventTime')} >= ${sqlLiteral(isoSecond(start))}`);
  where.push(`${jsonField(col, 'eventTime')} < ${sqlLiteral(isoSecond(end))}`);
  if (detection.tier === 'write') {
    where.push(`${jsonField(col, 'eventType')} IN (${WRITE_EVENT_TYPES.map(sqlLiteral).join(', ')})`);
    where.push(`${jsonField(col, 'eventName')} IN (${detection.eventNames.map(sqlLiteral).join(', ')})`);
    where.push(`COALESCE(${jsonField(col, 'eventRW')}, '') <> ${sqlLiteral(READ_EVENT_RW)}`);
  } else {
    where.push(`${jsonField(col, 'eventType')} IN (${detection.eventTypes.map(sqlLiteral).join(', ')})`);
    where.push(predicateSql(detection.where, col));
  }

  return [
    `-- ${detection.id}${detection.cis ? ` (CIS ${detection.cis})` : ''}: ${detection.title}`,
    `-- window ${isoSecond(start)} to ${isoSecond(end)}; column ${col}, partition ${partition ?? '(none)'}`,
    'SELECT',
    HUNTING_COLUMNS.map(([alias, field]) => `  ${jsonField(col, field)} AS ${alias}`).join(',\n'),
    // Backquoted: a trail name may hold `-`, which a bare MaxCompute identifier may not.
    `FROM ${projectName}.\`${maxComputeTableName(options.trailName)}\``,
    `WHERE ${where.join('\n  AND ')}`,
    'ORDER BY event_time',
    `LIMIT ${limit};`,
  ].join('\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
