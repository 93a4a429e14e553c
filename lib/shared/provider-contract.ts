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

/**
 * ActionTrail (2020-07-06) operations on a trail's data event selectors, kept
 * apart from {@link API_ACTIONS} because the role is not always granted all of
 * them: `GetDataEventSelector` (read back) and `DeleteDataEventSelector`
 * (removal) always, since a template that drops its last trail's `dataEvents`
 * updates the role before the trail; `PutDataEventSelector` only while a trail
 * of the stack declares data events. The provider calls none of them for a
 * trail whose old and new properties declare no data events.
 */
export const DATA_EVENT_API_ACTIONS = [
  'PutDataEventSelector',
  'GetDataEventSelector',
  'DeleteDataEventSelector',
] as const;

/** The data-event operations the role always has (see {@link DATA_EVENT_API_ACTIONS}), as RAM actions. */
export const DATA_EVENT_REMOVAL_ACTIONS: readonly string[] = Object.freeze([
  'actiontrail:DeleteDataEventSelector',
  'actiontrail:GetDataEventSelector',
]);

/** The data-event operation granted only while a trail declares data events, as a RAM action. */
export const DATA_EVENT_PUT_ACTION = 'actiontrail:PutDataEventSelector';

/** One ActionTrail API operation name, e.g. `CreateTrail`. */
export type ApiAction = (typeof API_ACTIONS)[number] | (typeof DATA_EVENT_API_ACTIONS)[number];

/**
 * The RAM action names (`actiontrail:<Operation>`) of every operation the
 * provider ever calls. The provider's role needs exactly these (plus
 * `ram:PassRole` for any `*WriteRoleArn` it passes to CreateTrail/UpdateTrail).
 */
export const ACTIONTRAIL_ACTIONS: readonly string[] = Object.freeze(API_ACTIONS.map((a) => `actiontrail:${a}`));

/** True when `action` is an operation the provider is allowed to call. */
export function isApiAction(action: string): action is ApiAction {
  return (
    (API_ACTIONS as readonly string[]).includes(action) ||
    (DATA_EVENT_API_ACTIONS as readonly string[]).includes(action)
  );
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

/**
 * The stack parameter whose only purpose is to make ROS run the Update of the
 * stack's trails: every `Custom::ActionTrailTrail` reads it into
 * {@link CONVERGE_PROPERTY}. `actiontrail-cdk deploy` passes a new value when
 * the template is unchanged but a trail drifted (stopped by hand, settings
 * changed); the provider's Update then converges the trail to its
 * declaration. Its default keeps every other deploy as it was.
 */
export const CONVERGE_PARAMETER = 'ActionTrailCdkConverge';

/**
 * The key in a trail's `Parameters` that carries {@link CONVERGE_PARAMETER}.
 * The provider reads only the trail settings it knows, so this key changes
 * nothing it applies: its declaration and ownership checks are as before.
 */
export const CONVERGE_PROPERTY = 'ActionTrailCdkConverge';

/** The default value of {@link CONVERGE_PARAMETER}. */
export const CONVERGE_DEFAULT = 'none';
