import { AuditLevel, AuditRule } from './engine/model';
import { ROS_TRAIL_TYPE } from '../shared/resource-types';

/**
 * AT-TRAIL-006 (info): ROS's `ALIYUN::ACTIONTRAIL::Trail` cannot set
 * `TrailRegion`. AT-TRAIL-001 does not fail it, assuming ROS creates the trail
 * with the API's default (`All`, per the ActionTrail API reference of CreateTrail); this finding records the
 * assumption, which no local check can verify.
 */
export const trailRegionAssumed: AuditRule = {
  id: 'AT-TRAIL-006',
  level: AuditLevel.INFO,
  title: `An ${ROS_TRAIL_TYPE} cannot set TrailRegion; All (the API default) is assumed`,
  anchors: [],
  resourceTypes: [ROS_TRAIL_TYPE],
  check: () => [
    {
      message: `an ${ROS_TRAIL_TYPE} has no TrailRegion: AuditChecks assumes the API's default, 'All', which it cannot verify; it cannot deliver to MaxCompute either`,
      fix: 'Use the Trail construct (Custom::ActionTrailTrail), whose TrailRegion is explicit, or suppress AT-TRAIL-006 once you have checked the deployed trail',
    },
  ],
};
