import { AuditAppRule, AuditRule } from './engine/model';
import { alertsTamperDetection } from './alerts-tamper-detection';
import { policyNoWildcardActions } from './policy-no-wildcard-actions';
import { roleTrustDeclaredAccounts } from './role-trust-declared-accounts';
import { roleTrustNoWildcard } from './role-trust-no-wildcard';
import { storageRetained } from './storage-retained';
import { storageEncrypted } from './storage-encrypted';
import { storageKeyAccount } from './storage-key-account';
import { trailAllEvents } from './trail-all-events';
import { trailAllRegions } from './trail-all-regions';
import { trailDestination } from './trail-destination';
import { trailLoggingEnabled } from './trail-logging-enabled';
import { trailRegionAssumed } from './trail-region-assumed';
import { trailRegionKnown } from './trail-region-known';
import { trailMaxComputeRegion } from './trail-maxcompute-region';
import { trailTableName } from './trail-table-name';
import { trailDataEventLimits } from './trail-data-event-limits';
import { trailDataEventServices } from './trail-data-event-services';
import { trailDestinationDataEvents } from './trail-destination-data-events';
import {
  roleTrustedAccountHasTrail,
  trailDeliveryRoleTrusted,
  trailDeliveryRoleUnchecked,
} from './trail-delivery-role-trust';

/** Every rule `AuditChecks` runs, sorted by ID. */
export const AUDIT_RULES: readonly AuditRule[] = [
  policyNoWildcardActions,
  roleTrustNoWildcard,
  roleTrustDeclaredAccounts,
  storageRetained,
  storageEncrypted,
  storageKeyAccount,
  trailAllRegions,
  trailAllEvents,
  trailLoggingEnabled,
  trailDestination,
  trailTableName,
  trailRegionAssumed,
  trailRegionKnown,
  trailMaxComputeRegion,
  trailDataEventLimits,
  trailDataEventServices,
];

/**
 * Rules `AuditChecks` runs only when asked (`AuditChecksProps.optInRules`):
 * recommendations that cost money or are not for every app, e.g. recording
 * data events on the trail's own destination (AT-TRAIL-013).
 */
export const OPT_IN_RULES: readonly AuditRule[] = [trailDestinationDataEvents];

/**
 * The warnings a `Trail` or an audit project with a KMS key (another account's
 * key, AT-STORAGE-003) gets even where no `AuditChecks` checks it (a trail
 * name that is no MaxCompute table name, AT-TRAIL-005; a region ActionTrail is
 * not known to support, AT-TRAIL-007; another account's project in another
 * region, AT-TRAIL-008; a data event service not known, AT-TRAIL-012): the engine annotates them when the Trail asks
 * (`reportUncheckedWarnings`), so each is computed by its rule only.
 */
export const UNCHECKED_WARNING_RULES: readonly AuditRule[] = [
  storageKeyAccount,
  trailTableName,
  trailRegionKnown,
  trailMaxComputeRegion,
  trailDataEventServices,
];

/**
 * The rules over every stack of an app at once, sorted by ID. They run whether
 * or not `AuditChecks` is applied: a `Trail`, `MemberAccountTrails` or
 * `DeliveryDestination` asks for their findings at validation
 * (`reportAppFindings`), so that an error always fails synth.
 */
export const APP_RULES: readonly AuditAppRule[] = [
  roleTrustedAccountHasTrail,
  trailDeliveryRoleTrusted,
  trailDeliveryRoleUnchecked,
];

/**
 * The rules over every stack of an app at once that run only under
 * `AuditChecks` (recommendations about how the app fits together, which a
 * construct does not report by itself), sorted by ID: a trail whose account
 * has no tamper detection (AT-ALERT-001).
 */
export const CHECKED_APP_RULES: readonly AuditAppRule[] = [alertsTamperDetection];
