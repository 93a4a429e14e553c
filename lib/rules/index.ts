/**
 * The compliance rules pack, in the cdk-nag layout: the engine
 * (`engine/`: `AuditChecks`, the data model, suppressions and the template
 * readers) apart from the rules, one small pure function per file here. Rules
 * read synthesized templates and the shared markers (`shared/markers`); they
 * import nothing of the constructs.
 */
export { AuditChecks, type AuditChecksProps } from './engine/audit-checks';
export {
  type AuditAppRule,
  type AuditAppViolation,
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
} from './engine/model';
export { MIN_SUPPRESSION_REASON_LENGTH } from './engine/suppressions';
export { APP_RULES, AUDIT_RULES, CHECKED_APP_RULES, OPT_IN_RULES } from './all-rules';
export { alertsTamperDetection } from './alerts-tamper-detection';
export { policyNoWildcardActions } from './policy-no-wildcard-actions';
export { roleTrustDeclaredAccounts } from './role-trust-declared-accounts';
export { roleTrustNoWildcard } from './role-trust-no-wildcard';
export { storageRetained } from './storage-retained';
export { storageEncrypted } from './storage-encrypted';
export { storageKeyAccount } from './storage-key-account';
export { trailAllEvents } from './trail-all-events';
export { trailAllRegions } from './trail-all-regions';
export { trailDestination } from './trail-destination';
export {
  roleTrustedAccountHasTrail,
  trailDeliveryRoleTrusted,
  trailDeliveryRoleUnchecked,
} from './trail-delivery-role-trust';
export { trailLoggingEnabled } from './trail-logging-enabled';
export { trailMaxComputeRegion } from './trail-maxcompute-region';
export { trailRegionAssumed } from './trail-region-assumed';
export { trailRegionKnown } from './trail-region-known';
export { trailTableName } from './trail-table-name';
export { trailDataEventLimits } from './trail-data-event-limits';
export { trailDataEventServices } from './trail-data-event-services';
export { trailDestinationDataEvents } from './trail-destination-data-events';
