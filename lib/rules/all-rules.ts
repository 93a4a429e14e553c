import { AuditRule } from './model';
import { policyNoWildcardActions } from './policy-no-wildcard-actions';
import { roleTrustDeclaredAccounts } from './role-trust-declared-accounts';
import { roleTrustNoWildcard } from './role-trust-no-wildcard';
import { storageRetained } from './storage-retained';
import { trailAllEvents } from './trail-all-events';
import { trailAllRegions } from './trail-all-regions';
import { trailDestination } from './trail-destination';
import { trailLoggingEnabled } from './trail-logging-enabled';
import { trailRegionAssumed } from './trail-region-assumed';
import { trailRegionKnown } from './trail-region-known';
import { trailMaxComputeRegion } from './trail-maxcompute-region';
import { trailTableName } from './trail-table-name';

/** Every rule `AuditChecks` runs, sorted by ID. */
export const AUDIT_RULES: readonly AuditRule[] = [
  policyNoWildcardActions,
  roleTrustNoWildcard,
  roleTrustDeclaredAccounts,
  storageRetained,
  trailAllRegions,
  trailAllEvents,
  trailLoggingEnabled,
  trailDestination,
  trailTableName,
  trailRegionAssumed,
  trailRegionKnown,
  trailMaxComputeRegion,
];
