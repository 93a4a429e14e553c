/**
 * TEMPORARY stand-in for the shared SLS query renderer (helper alertsls), with the
 * contract's signature, until that file lands on main. Deleted on merge.
 */
import { type Detection } from '../shared/detections';

/** The ROS type of an SLS alert. */
export const SLS_ALERT_TYPE = 'ALIYUN::SLS::Alert';

/** The logstore a trail delivers to in its SLS project. */
export function slsLogstoreName(trailName: string): string {
  return `actiontrail_${trailName}`;
}

/** The SLS query of one detection (stand-in: event names or event types only). */
export function renderSlsQuery(detection: Detection, options: { extraEventNames?: readonly string[] } = {}): string {
  if (detection.tier === 'write') {
    const names = [...detection.eventNames, ...(options.extraEventNames ?? [])];
    return `${detection.services.map((s) => `event.serviceName: ${s}`).join(' or ')} and (${names.map((n) => `event.eventName: ${n}`).join(' or ')}) | select count(1) as c`;
  }
  return `${detection.eventTypes.map((t) => `event.eventType: ${t}`).join(' or ')} | select count(1) as c`;
}
