import { isRegionId } from '../shared/ids';
import {
  ACTIONTRAIL_REGIONS,
  ACTIONTRAIL_REGIONS_DATE,
  ACTIONTRAIL_REGIONS_SOURCE,
  isKnownActionTrailRegion,
  nearestActionTrailRegion,
  unknownActionTrailRegions,
} from '../shared/regions';
import { TRAIL_TYPES, trailView } from './engine/trail-view';
import { AuditLevel, AuditRule, AuditViolation } from './engine/model';
import { isRosFunction, stringPieces } from './engine/template-values';

/** The regions of the table, and where they come from, for messages. */
function knownRegions(): string {
  return `the regions ActionTrail supports (${ACTIONTRAIL_REGIONS_SOURCE}, read ${ACTIONTRAIL_REGIONS_DATE}): ${ACTIONTRAIL_REGIONS.join(', ')}`;
}

/** At most this many unknown regions are named in a message; the rest are counted. */
const MAX_NAMED = 10;

/** What is wrong when `TrailRegion` lists unknown regions: names them (the first 10) and lists the known ones. */
function unknownRegionMessage(unknown: readonly string[]): string {
  const named = unknown.slice(0, MAX_NAMED).map(quoted).join(', ');
  const listed = unknown.length > MAX_NAMED ? `${named} and ${unknown.length - MAX_NAMED} more` : named;
  return `Parameters.TrailRegion lists ${listed}, which ${unknown.length === 1 ? 'is' : 'are'} not among ${knownRegions()}`;
}

/** A region ID quoted, with the nearest known region when one is near: `'cn-hangzou' (did you mean cn-hangzhou?)`. */
function quoted(id: string): string {
  const nearest = nearestActionTrailRegion(id);
  return nearest === undefined ? `'${id}'` : `'${id}' (did you mean ${nearest}?)`;
}

/** What is wrong when a trail's home region (its stack's region) is unknown. */
function unknownHomeRegionMessage(region: string): string {
  return `the trail's stack deploys to ${quoted(region)} (the trail's home region, whose ActionTrail endpoint creates the trail), which is not among ${knownRegions()}`;
}

/** Marks a part known only at deploy time inside a TrailRegion's text; never appears in a region ID. */
const MARK = '\u0000';

/**
 * The region IDs a `TrailRegion` lists literally: the comma-separated IDs of a
 * string, and of an `Fn::Join` (e.g. `TrailRegion.of('cn-hangzhou', param)`)
 * those not touched by a part known only at deploy time.
 */
function literalRegionIds(value: unknown): string[] {
  if (typeof value !== 'string' && !isRosFunction(value)) return [];
  const text = stringPieces(value)
    .map((p) => (typeof p === 'string' ? p : MARK))
    .join('');
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '' && !id.includes(MARK));
}

/** How to fix it. */
const FIX =
  'Check the region ID (ActionTrail DescribeRegions lists the live ones); if ActionTrail supports it since, suppress AT-TRAIL-007 on the trail';

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
  id: 'AT-TRAIL-007',
  level: AuditLevel.WARNING,
  title: "A trail's home region and the regions of its TrailRegion are regions ActionTrail supports",
  anchors: [],
  resourceTypes: TRAIL_TYPES,
  check: (resource, stack) => {
    const violations: AuditViolation[] = [];
    const region = trailView(resource).setting('TrailRegion');
    if (region !== 'All') {
      const unknown = unknownActionTrailRegions(literalRegionIds(region));
      if (unknown.length > 0) violations.push({ message: unknownRegionMessage(unknown), fix: FIX });
    }
    // A literal region ID only: a ROS function's JSON is known only at deploy time.
    const home = stack.region;
    if (home !== undefined && isRegionId(home) && !isKnownActionTrailRegion(home)) {
      violations.push({ message: unknownHomeRegionMessage(home), fix: FIX });
    }
    return violations;
  },
};
