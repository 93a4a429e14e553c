import type * as ros from '@alicloud/ros-cdk-core';

/**
 * What alerts read from a trail of this app: a `Trail` is one. (An interface,
 * so that the alerts subpath's API names no construct class of the main entry.)
 */
export interface IAlertableTrail extends ros.IConstruct {
  /** The trail's name. */
  readonly trailName: string;
  /** The parameters sent to the trail's provider (`SlsProjectArn` among them when the trail delivers to SLS). */
  readonly parameters: Readonly<Record<string, string | boolean>>;
}

/**
 * Alerts a blueprint adds beside every trail it makes (`OrganizationAudit`'s
 * and `MemberAccountTrails`' `alerts`). Make one with
 * `AuditAlerts.forBlueprints({ targets, ... })` from `actiontrail-cdk/alerts`:
 * this entry only declares the shape, so that apps without alerts never load
 * the EventBridge and SLS construct packages.
 */
export interface ITrailAlerts {
  /** Adds the alerts for `trail`, in the trail's stack. */
  addTo(trail: IAlertableTrail): void;
}
