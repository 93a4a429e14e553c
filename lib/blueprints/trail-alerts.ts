import type { Trail } from '../constructs/trail';

/**
 * Alerts a blueprint adds beside every trail it makes (`OrganizationAudit`'s
 * and `MemberAccountTrails`' `alerts`). Make one with
 * `AuditAlerts.forBlueprints({ targets, ... })` from `actiontrail-cdk/alerts`:
 * this entry only declares the shape, so that apps without alerts never load
 * the EventBridge and SLS construct packages.
 */
export interface ITrailAlerts {
  /** Adds the alerts for `trail`, in the trail's stack. */
  addTo(trail: Trail): void;
}
