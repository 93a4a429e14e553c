import { regionIdRule } from '../common/names';
import {
  isKnownActionTrailRegion,
  UNKNOWN_REGION_FIX,
  UNKNOWN_REGION_RULE_ID,
  unknownActionTrailRegions,
  unknownHomeRegionMessage,
  unknownRegionMessage,
} from '../common/regions';
import { AuditLevel, AuditRule, AuditViolation } from './model';
import { TRAIL_TYPES, trailView } from './trail-view';

/**
 * AT-TRAIL-007 (warning): a trail's regions are regions ActionTrail supports
 * (`ACTIONTRAIL_REGIONS`, with its source and date): the regions its
 * `TrailRegion` lists, and its home region (its stack's region, where the
 * trail is created). A region missing from the table is most likely a typo; it
 * may also be a region opened since, so this is a warning a user can suppress,
 * not an error. `All` and values known only at deploy time pass (AT-TRAIL-001
 * reports any `TrailRegion` other than `All`).
 */
export const trailRegionKnown: AuditRule = {
  id: UNKNOWN_REGION_RULE_ID,
  level: AuditLevel.WARNING,
  title: "A trail's home region and the regions of its TrailRegion are regions ActionTrail supports",
  anchors: [],
  resourceTypes: TRAIL_TYPES,
  check: (resource, stack) => {
    const violations: AuditViolation[] = [];
    const region = trailView(resource).setting('TrailRegion');
    if (typeof region === 'string' && region !== 'All') {
      const unknown = unknownActionTrailRegions(region.split(',').map((id) => id.trim()).filter((id) => id !== ''));
      if (unknown.length > 0) violations.push({ message: unknownRegionMessage(unknown), fix: UNKNOWN_REGION_FIX });
    }
    // A literal region ID only: a ROS function's JSON is known only at deploy time.
    const home = stack.region;
    if (home !== undefined && regionIdRule(home) === undefined && !isKnownActionTrailRegion(home)) {
      violations.push({ message: unknownHomeRegionMessage(home), fix: UNKNOWN_REGION_FIX });
    }
    return violations;
  },
};
