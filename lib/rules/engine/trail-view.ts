/**
 * One view of the two kinds of trail resource, so that trail rules treat them alike:
 *
 * - `Custom::ActionTrailTrail` (the `Trail` construct, or a plain `ros.RosResource`
 *   of that type): its settings are the custom resource's `Parameters`, under
 *   the ActionTrail API's names; `Logging` defaults to `true` (the provider's default).
 * - `ALIYUN::ACTIONTRAIL::Trail` (`RosTrail`, or a plain resource of that type):
 *   its settings are its `Properties`. ROS's type has no `TrailRegion` (ROS
 *   creates the trail with the API's default, `All`), defaults `EventRW` to
 *   `Write`, cannot deliver to MaxCompute, and never starts logging by itself:
 *   an `ALIYUN::ACTIONTRAIL::TrailLogging` with `Enable: true` must name it.
 */
import { CUSTOM_TRAIL_TYPE, ROS_TRAIL_LOGGING_TYPE, ROS_TRAIL_TYPE } from '../../shared/resource-types';
import { AuditResource, AuditStackView } from './model';
import { canonicalValue, field, isObject, isRosFunction, literalBoolean } from './template-values';

/** Both trail types. */
export const TRAIL_TYPES: readonly string[] = [CUSTOM_TRAIL_TYPE, ROS_TRAIL_TYPE];

/** A trail's settings, under the names of its resource type. */
export interface TrailView {
  /** `custom` for `Custom::ActionTrailTrail`, `ros` for `ALIYUN::ACTIONTRAIL::Trail`. */
  readonly kind: 'custom' | 'ros';
  /** Where the settings are, for messages: `Parameters.` or ``. */
  readonly prefix: string;
  /** Reads one setting; `undefined` when not set. */
  readonly setting: (name: string) => unknown;
}

/** The view of a trail resource (one of {@link TRAIL_TYPES}). */
export function trailView(resource: AuditResource): TrailView {
  if (resource.type === CUSTOM_TRAIL_TYPE) {
    const parameters = field(resource.properties, 'Parameters');
    // `Parameters` as a whole may be a ROS function: then every setting is known only at deploy time.
    const setting =
      isObject(parameters) && !isRosFunction(parameters) ? (name: string) => field(parameters, name) : () => parameters;
    return { kind: 'custom', prefix: 'Parameters.', setting };
  }
  return { kind: 'ros', prefix: '', setting: (name) => field(resource.properties, name) };
}

/** Where a trail's logging state comes from, and what it is. */
export interface TrailLoggingState {
  /** `true` on, `false` off, `undefined` unknown at synth. */
  readonly on: boolean | undefined;
  /** Why, for a message. */
  readonly why: string;
}

/**
 * Whether a trail logs once the stack is deployed: its own `Logging`
 * (custom trails; default `true`), overridden by any
 * `ALIYUN::ACTIONTRAIL::TrailLogging` of the same stack that names it (by its
 * literal name, `Fn::GetAtt [<trail>, Name]` or `Ref <trail>`). A trail that
 * one such resource stops is off; an L1 trail no such resource starts is off.
 */
export function trailLogging(resource: AuditResource, stack: AuditStackView): TrailLoggingState {
  const view = trailView(resource);
  const loggers = stack.resources.filter(
    (r) => r.type === ROS_TRAIL_LOGGING_TYPE && namesTrail(field(r.properties, 'Name'), resource, view),
  );
  const enables = loggers.map((r) => ({ path: r.path, enable: field(r.properties, 'Enable') }));
  const stopping = enables.find((e) => literalBoolean(e.enable) === false);
  if (stopping) return { on: false, why: `the TrailLogging '${stopping.path}' stops it (Enable: false)` };
  const unknown = enables.find((e) => literalBoolean(e.enable) === undefined);
  if (unknown)
    return { on: undefined, why: `the Enable of TrailLogging '${unknown.path}' is known only at deploy time` };
  const starting = enables.find((e) => literalBoolean(e.enable) === true);
  if (starting) return { on: true, why: `the TrailLogging '${starting.path}' starts it` };
  if (view.kind === 'ros') {
    return {
      on: false,
      why: `an ${ROS_TRAIL_TYPE} does not log until an ${ROS_TRAIL_LOGGING_TYPE} with Enable: true names it, and none in this stack does`,
    };
  }
  const logging = view.setting('Logging');
  if (logging === undefined || logging === null || logging === '')
    return { on: true, why: 'Parameters.Logging is not set (the provider starts the trail)' };
  const on = literalBoolean(logging);
  if (on === undefined)
    return {
      on: undefined,
      why: `Parameters.Logging is ${isRosFunction(logging) ? 'known only at deploy time' : `'${canonicalValue(logging)}'`}`,
    };
  return { on, why: `Parameters.Logging is ${on}` };
}

/** Whether a TrailLogging's `Name` refers to the trail `resource`. */
function namesTrail(name: unknown, resource: AuditResource, view: TrailView): boolean {
  if (name === undefined) return false;
  const trailName = view.setting('Name');
  if (trailName !== undefined && canonicalValue(name) === canonicalValue(trailName)) return true;
  const getAtt = field(name, 'Fn::GetAtt');
  if (Array.isArray(getAtt) && getAtt[0] === resource.logicalId && getAtt[1] === 'Name') return true;
  return field(name, 'Ref') === resource.logicalId;
}
