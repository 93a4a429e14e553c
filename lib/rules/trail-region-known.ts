import { parseArn } from '../shared/arn';
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

/**
 * The project ARNs a trail delivers to whose region is checked for typos: not
 * against the table (it is ActionTrail's, and MaxCompute or Log Service may
 * run in a region it does not list), only when it is within a few edits of a
 * region it lists: `cn-hangzou` is a typo, a far-off ID may be a real region.
 */
const PROJECT_ARN_SETTINGS = ['MaxComputeProjectArn', 'SlsProjectArn'] as const;

/** What is wrong when a destination project's region looks like a typo of a known region. */
function misspelledProjectRegionMessage(setting: string, arn: string, region: string, nearest: string): string {
  return `Parameters.${setting} '${arn}' is in region '${region}' (did you mean ${nearest}?): the trail would deliver to a project in a region that does not exist`;
}

/** How to fix a misspelled project region. */
const PROJECT_REGION_FIX =
  "Correct the region in the destination (thisAccount's region, or the project ARN); if the region is real, suppress AT-TRAIL-007 on the trail";

/** Marks a part known only at deploy time inside a TrailRegion's text; never appears in a region ID. */
const MARK = '\u0000';

/** A string setting, or an `Fn::Join`'s text with {@link MARK} for each part known only at deploy time. */
function literalText(value: unknown): string | undefined {
  if (typeof value !== 'string' && !isRosFunction(value)) return undefined;
  return stringPieces(value)
    .map((p) => (typeof p === 'string' ? p : MARK))
    .join('');
}

/** A text from {@link literalText} for a message: each deploy-time part as `<deploy-time value>`. */
function shown(text: string): string {
  return text.split(MARK).join('<deploy-time value>');
}

/**
 * The region IDs a `TrailRegion` lists literally: the comma-separated IDs of a
 * string, and of an `Fn::Join` (e.g. `TrailRegion.of('cn-hangzhou', param)`)
 * those not touched by a part known only at deploy time.
 */
function literalRegionIds(value: unknown): string[] {
  const text = literalText(value);
  if (text === undefined) return [];
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
 * not an error. The regions of the MaxCompute and Log Service projects it
 * delivers to are flagged only when they look like a typo of a listed region
 * (`PROJECT_ARN_SETTINGS`). `All` and values known only at deploy time pass (AT-TRAIL-001
 * reports any `TrailRegion` other than `All`).
 */
export const trailRegionKnown: AuditRule = {
  id: 'AT-TRAIL-007',
  level: AuditLevel.WARNING,
  title:
    "A trail's home region and the regions of its TrailRegion are regions ActionTrail supports; its projects' regions are not typos of them",
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
    for (const setting of PROJECT_ARN_SETTINGS) {
      const arn = trailView(resource).setting(setting);
      const text = literalText(arn);
      const projectRegion = text === undefined ? undefined : parseArn(text)?.region;
      const nearest =
        // The home region's own typo is reported above, once.
        projectRegion === undefined || projectRegion.includes(MARK) || projectRegion === home
          ? undefined
          : nearestActionTrailRegion(projectRegion);
      if (nearest !== undefined) {
        violations.push({
          message: misspelledProjectRegionMessage(setting, shown(text as string), projectRegion as string, nearest),
          fix: PROJECT_REGION_FIX,
        });
      }
    }
    return violations;
  },
};
