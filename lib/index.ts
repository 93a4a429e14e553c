/**
 * The public API of actiontrail-cdk: every name a user imports, listed by
 * name (no `export *`), so that a new export is a decision. The API report
 * (`etc/actiontrail-cdk.api.md`, `npm run api:check`) shows every change.
 * Helpers that are not API live in `lib/private/` and `lib/shared/`.
 */

// The trail.
export { Trail, type TrailProps } from './constructs/trail';
export { TrailRegion } from './constructs/trail-region';
export { EventRW } from './constructs/event-rw';
export {
  type DataEventFilter,
  DataEvents,
  type DataEventSelector,
  type DataEventsProps,
  type OssBucketDataEventsOptions,
} from './constructs/data-events';
export {
  KNOWN_DATA_EVENT_SERVICES,
  MAX_DATA_EVENT_FILTER_VALUES,
  MAX_DATA_EVENT_SELECTORS,
} from './shared/data-events';
export {
  ACTIONTRAIL_REGIONS,
  ACTIONTRAIL_REGIONS_DATE,
  ACTIONTRAIL_REGIONS_SOURCE,
  isKnownActionTrailRegion,
} from './shared/regions';

// Where a trail delivers.
export {
  DEFAULT_PROJECT_ENCRYPTION_ALGORITHM,
  PROJECT_ENCRYPTION_ALGORITHMS,
  ProjectEncryption,
  type ProjectEncryptionAlgorithm,
  type ProjectEncryptionOptions,
  type ProjectIpWhitelist,
} from './destinations/audit-project';
export {
  type AnotherAccountMaxComputeOptions,
  MaxComputeDestination,
  type MaxComputeDestinationConfig,
  type ThisAccountMaxComputeOptions,
} from './destinations/maxcompute-destination';
export {
  DEFAULT_DELIVERY_ROLE_NAME,
  DEFAULT_MAX_TRUST_POLICY_BYTES,
  DeliveryDestination,
  type DeliveryDestinationProps,
  type TrustPolicyDocument,
  type TrustPolicyStatement,
} from './destinations/delivery-destination';
export { declareTrustedAccounts } from './constructs/trusted-accounts';

// Blueprints.
export {
  DEFAULT_MANAGEMENT_TRAIL_NAME,
  DEFAULT_ORGANIZATION_TRAIL_NAME,
  type MemberRolloutOptions,
  OrganizationAudit,
  type OrganizationAuditProps,
} from './blueprints/organization-audit';
export {
  DEFAULT_MEMBER_TRAIL_NAME,
  MemberAccountTrails,
  type MemberAccountTrailsProps,
} from './blueprints/member-account-trails';
// The shape only: the alerts themselves come from the subpath `actiontrail-cdk/alerts`.
export { type IAlertableTrail, type ITrailAlerts } from './blueprints/trail-alerts';

// The provider every stack with a Trail holds.
export {
  type ProviderLogConfig,
  type ProviderPolicyStatement,
  TrailProvider,
  type TrailProviderOptions,
} from './provider/trail-provider';

// Typed L1s for ROS types without a package on the registry.
export {
  RosAdvancedQueryTemplate,
  type RosAdvancedQueryTemplateProps,
  RosHistoryDeliveryJob,
  type RosHistoryDeliveryJobProps,
  RosProject,
  type RosProjectProps,
  RosTrail,
  RosTrailLogging,
  type RosTrailLoggingProps,
  type RosTrailProps,
} from './ros';

// The compliance rules pack.
export {
  alertsTamperDetection,
  APP_RULES,
  AUDIT_RULES,
  type AuditAppRule,
  type AuditAppViolation,
  AuditChecks,
  type AuditChecksProps,
  type AuditFinding,
  AuditLevel,
  type AuditReport,
  type AuditResource,
  type AuditRule,
  type AuditRuleSummary,
  type AuditStackReport,
  type AuditStackView,
  type AuditSummary,
  type AuditViolation,
  CHECKED_APP_RULES,
  MIN_SUPPRESSION_REASON_LENGTH,
  OPT_IN_RULES,
  policyNoWildcardActions,
  roleTrustDeclaredAccounts,
  roleTrustedAccountHasTrail,
  roleTrustNoWildcard,
  storageEncrypted,
  storageKeyAccount,
  storageRetained,
  trailAllEvents,
  trailAllRegions,
  trailDeliveryRoleTrusted,
  trailDeliveryRoleUnchecked,
  trailDestination,
  trailLoggingEnabled,
  trailMaxComputeRegion,
  trailRegionAssumed,
  trailRegionKnown,
  trailTableName,
  trailDataEventLimits,
  trailDataEventServices,
  trailDestinationDataEvents,
} from './rules';

// Errors and the cloud-assembly environment record.
export { ValidationError } from './shared/validation-error';
export { FINDINGS_QUIET_CONTEXT, FINDINGS_QUIET_ENV } from './constructs/findings-printer';
export { type RecordedStackEnvironment, StackEnvironments } from './constructs/stack-environments';
export { STACK_ENVIRONMENT_METADATA } from './shared/metadata';
