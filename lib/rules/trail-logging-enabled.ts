import { AuditLevel, AuditRule } from './engine/model';
import { ROS_TRAIL_LOGGING_TYPE } from '../shared/resource-types';
import { TRAIL_TYPES, trailLogging, trailView } from './engine/trail-view';

/**
 * AT-TRAIL-003: a trail is logging once deployed. A `Custom::ActionTrailTrail`
 * logs unless `Parameters.Logging` is false; an `ALIYUN::ACTIONTRAIL::Trail`
 * logs only when an `ALIYUN::ACTIONTRAIL::TrailLogging` of the same stack
 * names it with `Enable: true`. A TrailLogging with `Enable: false` naming
 * either kind stops it.
 */
export const trailLoggingEnabled: AuditRule = {
  id: 'AT-TRAIL-003',
  level: AuditLevel.ERROR,
  title: 'A trail is logging (started) once deployed',
  anchors: [
    'prowler:actiontrail_multi_region_enabled',
    'cloudconfig:actiontrail-enabled',
    'cloudconfig:actiontrail-trail-intact-enabled',
    'cis-alibaba:2.1',
  ],
  resourceTypes: TRAIL_TYPES,
  check: (resource, stack) => {
    const state = trailLogging(resource, stack);
    if (state.on === true) return [];
    return [
      {
        message:
          state.on === false
            ? `the trail is not logging: ${state.why}`
            : `whether the trail logs cannot be checked at synth: ${state.why}`,
        fix:
          trailView(resource).kind === 'ros'
            ? `Add a RosTrailLogging (${ROS_TRAIL_LOGGING_TYPE}) with name: trail.attrName and enable: true, and no TrailLogging that stops it`
            : 'Set logging: true on the Trail (its default), or Parameters.Logging to true',
      },
    ];
  },
};
