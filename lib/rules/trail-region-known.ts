import { UNKNOWN_REGION_FIX, UNKNOWN_REGION_RULE_ID, unknownActionTrailRegions, unknownRegionMessage } from '../common/regions';
import { AuditLevel, AuditRule } from './model';
import { CUSTOM_TRAIL_TYPE, trailView } from './trail-view';

/**
 * AT-TRAIL-007 (warning): the regions a trail lists in `TrailRegion` are
 * regions ActionTrail supports (`ACTIONTRAIL_REGIONS`, with its source and
 * date). A region missing from the table is most likely a typo; it may also be
 * a region opened since, so this is a warning a user can suppress, not an
 * error. `All` and values known only at deploy time pass (AT-TRAIL-001 reports
 * any `TrailRegion` other than `All`).
 */
export const trailRegionKnown: AuditRule = {
  id: UNKNOWN_REGION_RULE_ID,
  level: AuditLevel.WARNING,
  title: 'A trail lists only regions ActionTrail supports in TrailRegion',
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const region = trailView(resource).setting('TrailRegion');
    if (typeof region !== 'string' || region === 'All') return [];
    const unknown = unknownActionTrailRegions(region.split(',').map((id) => id.trim()).filter((id) => id !== ''));
    if (unknown.length === 0) return [];
    return [{ message: unknownRegionMessage(unknown), fix: UNKNOWN_REGION_FIX }];
  },
};
