/**
 * The contract between the provider construct (synth time) and the provider
 * function (run time): the ActionTrail operations the function calls, which
 * the construct grants its role and the function's API client is limited to,
 * the ROS operation it confirms requests with, and the names of the
 * environment variables the template sets and the function trusts. Both
 * worlds import this file, so the policy, the environment and the code
 * cannot drift apart. Node built-ins only (no
 * imports at all); lib/provider/runtime/README.md describes the contract.
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

/**
 * ROS (2019-09-10) operations the provider calls: `GetStackResource`, to
 * confirm each request with ROS before acting on it. The construct grants it
 * on the function's own stack only (`acs:ros:<region>:<account>:stack/<id>`).
 */
export const ROS_API_ACTIONS = ['GetStackResource'] as const;

/** One ROS API operation name the provider calls. */
export type RosApiAction = (typeof ROS_API_ACTIONS)[number];

/** The RAM action names (`ros:<Operation>`) of {@link ROS_API_ACTIONS}. */
export const ROS_ACTIONS: readonly string[] = Object.freeze(ROS_API_ACTIONS.map((a) => `ros:${a}`));

/** Environment variable holding the ID of the stack the function belongs to (`ALIYUN::StackId`). */
export const STACK_ID_VARIABLE = 'TRAIL_STACK_ID';

/** Environment variable holding the template's trail declarations, by logical ID. */
export const DECLARATIONS_VARIABLE = 'TRAIL_DECLARATIONS';
