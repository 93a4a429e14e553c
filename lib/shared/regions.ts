/**
 * The regions ActionTrail supports: the region IDs of its API endpoints,
 * `actiontrail.<region ID>.aliyuncs.com`.
 *
 * Source: Alibaba Cloud documentation, "ActionTrail: Endpoints"
 * (https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-endpoint,
 * page "Last Updated: Nov 22, 2024" and its later localized editions), together
 * with the endpoint list of the ActionTrail 2020-07-06 API metadata; read on
 * 2026-11-29. `DescribeRegions` returns the live list for an account.
 *
 * The table is advisory: a well-formed region ID that is not in it gives a
 * synth warning (rule AT-TRAIL-007), never an error, so that regions opened
 * after this date keep working. Node built-ins only: a fact both the
 * constructs (`TrailRegion.unknownRegions`) and the rules read.
 */

/** The date the table was read from its source. */
export const ACTIONTRAIL_REGIONS_DATE = '2026-11-29';

/** The page the table comes from. */
export const ACTIONTRAIL_REGIONS_SOURCE =
  'https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-endpoint';

/** The region IDs ActionTrail has an endpoint in, sorted. */
export const ACTIONTRAIL_REGIONS: readonly string[] = [
  // Asia Pacific
  'ap-northeast-1', // Japan (Tokyo)
  'ap-northeast-2', // South Korea (Seoul)
  'ap-southeast-1', // Singapore
  'ap-southeast-3', // Malaysia (Kuala Lumpur)
  'ap-southeast-5', // Indonesia (Jakarta)
  'ap-southeast-6', // Philippines (Manila)
  'ap-southeast-7', // Thailand (Bangkok)
  'ap-southeast-8', // Malaysia (Johor)
  'cn-beijing', // China (Beijing)
  'cn-chengdu', // China (Chengdu)
  'cn-guangzhou', // China (Guangzhou)
  'cn-hangzhou', // China (Hangzhou)
  'cn-heyuan', // China (Heyuan)
  'cn-hongkong', // China (Hong Kong)
  'cn-huhehaote', // China (Hohhot)
  'cn-nanjing', // China (Nanjing - Local Region)
  'cn-qingdao', // China (Qingdao)
  'cn-shanghai', // China (Shanghai)
  'cn-shanghai-finance-1', // China East 2 Finance (industry cloud)
  'cn-shenzhen', // China (Shenzhen)
  'cn-wulanchabu', // China (Ulanqab)
  'cn-zhangjiakou', // China (Zhangjiakou)
  'cn-zhongwei', // China (Zhongwei)
  // Europe and Americas
  'eu-central-1', // Germany (Frankfurt)
  'eu-west-1', // UK (London)
  'na-south-1', // Mexico
  'us-east-1', // US (Virginia)
  'us-west-1', // US (Silicon Valley)
  // Middle East
  'me-east-1', // UAE (Dubai)
].sort();

/** Whether ActionTrail is known to support `regionId` (see {@link ACTIONTRAIL_REGIONS}). */
export function isKnownActionTrailRegion(regionId: string): boolean {
  return ACTIONTRAIL_REGIONS.includes(regionId);
}

/** The listed region IDs that are not in the table, in order, each once. */
export function unknownActionTrailRegions(regionIds: readonly string[]): string[] {
  return [...new Set(regionIds.filter((id) => !isKnownActionTrailRegion(id)))];
}

/** The largest edit distance at which {@link nearestActionTrailRegion} suggests a region. */
export const REGION_SUGGESTION_MAX_DISTANCE = 3;

/**
 * The known region nearest to `regionId` by edit distance (Levenshtein: one
 * insertion, deletion or substitution each), e.g. `cn-hangzhou` for
 * `cn-hangzou`, when it is at most {@link REGION_SUGGESTION_MAX_DISTANCE} edits
 * away and nearer than every other; `undefined` for a known region, or when
 * none is near or two are equally near.
 */
export function nearestActionTrailRegion(regionId: string): string | undefined {
  if (isKnownActionTrailRegion(regionId)) return undefined;
  let best: string | undefined;
  let bestDistance = REGION_SUGGESTION_MAX_DISTANCE + 1;
  let tie = false;
  for (const known of ACTIONTRAIL_REGIONS) {
    const d = editDistance(regionId, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

/** The Levenshtein distance of `a` and `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
