/**
 * The compliance rules pack: `AuditChecks` (the engine), the rules, one per
 * file, and the two ways constructs talk to it: `AuditChecks.suppress` and
 * `declareTrustedAccounts`.
 */
export * from './model';
export * from './audit-checks';
export * from './all-rules';
export * from './trusted-accounts';
export { MIN_SUPPRESSION_REASON_LENGTH } from './suppressions';
export { trailAllRegions } from './trail-all-regions';
export { trailAllEvents } from './trail-all-events';
export { trailLoggingEnabled } from './trail-logging-enabled';
export { trailDestination } from './trail-destination';
export { trailTableName } from './trail-table-name';
export { trailRegionAssumed } from './trail-region-assumed';
export { trailRegionKnown } from './trail-region-known';
export { trailMaxComputeRegion } from './trail-maxcompute-region';
export { storageRetained } from './storage-retained';
export { roleTrustNoWildcard } from './role-trust-no-wildcard';
export { roleTrustDeclaredAccounts } from './role-trust-declared-accounts';
export { policyNoWildcardActions } from './policy-no-wildcard-actions';
