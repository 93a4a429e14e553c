/**
 * The ActionTrail API operations the provider calls, and the RAM actions they need.
 *
 * This file has no imports on purpose: the FC role construct imports
 * {@link ACTIONTRAIL_ACTIONS} to write the provider's least-privilege policy,
 * and the API client refuses any operation that is not listed here, so the
 * policy and the code cannot drift apart.
 */

/**
 * ActionTrail (2020-07-06) operations the provider may call. `DescribeTrails`
 * reads a trail's settings and `GetTrailStatus` its logging state (`IsLogging`):
 * every change is read back before the provider answers SUCCESS.
 */
export const API_ACTIONS = [
  'CreateTrail',
  'UpdateTrail',
  'DeleteTrail',
  'StartLogging',
  'StopLogging',
  'DescribeTrails',
  'GetTrailStatus',
] as const;

/** One ActionTrail API operation name, e.g. `CreateTrail`. */
export type ApiAction = (typeof API_ACTIONS)[number];

/**
 * The RAM action names (`actiontrail:<Operation>`) of every operation the
 * provider ever calls. The provider's role needs exactly these (plus
 * `ram:PassRole` for any `*WriteRoleArn` it passes to CreateTrail/UpdateTrail).
 */
export const ACTIONTRAIL_ACTIONS: readonly string[] = Object.freeze(API_ACTIONS.map((a) => `actiontrail:${a}`));

/** True when `action` is an operation the provider is allowed to call. */
export function isApiAction(action: string): action is ApiAction {
  return (API_ACTIONS as readonly string[]).includes(action);
}
