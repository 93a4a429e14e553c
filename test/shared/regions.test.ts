/** lib/shared/regions.ts: the table of ActionTrail regions, read by TrailRegion and rule AT-TRAIL-007. */
import {
  ACTIONTRAIL_REGIONS,
  ACTIONTRAIL_REGIONS_DATE,
  ACTIONTRAIL_REGIONS_SOURCE,
  editDistance,
  isKnownActionTrailRegion,
  nearestActionTrailRegion,
  REGION_SUGGESTION_MAX_DISTANCE,
  unknownActionTrailRegions,
} from '../../lib/shared/regions';
import { isRegionId } from '../../lib/shared/ids';

test('the table is sorted, without duplicates, of well-formed region IDs, with its date', () => {
  expect([...ACTIONTRAIL_REGIONS].sort()).toEqual(ACTIONTRAIL_REGIONS);
  expect(new Set(ACTIONTRAIL_REGIONS).size).toBe(ACTIONTRAIL_REGIONS.length);
  expect(ACTIONTRAIL_REGIONS.every(isRegionId)).toBe(true);
  expect(ACTIONTRAIL_REGIONS_DATE).toBe('2026-11-29');
  expect(ACTIONTRAIL_REGIONS_SOURCE).toBe(
    'https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-endpoint',
  );
  expect(ACTIONTRAIL_REGIONS).toHaveLength(29);
  expect(ACTIONTRAIL_REGIONS[0]).toBe('ap-northeast-1');
  expect(ACTIONTRAIL_REGIONS[ACTIONTRAIL_REGIONS.length - 1]).toBe('us-west-1');
});

test('unknown regions: in order, each once', () => {
  expect(isKnownActionTrailRegion('cn-hangzhou')).toBe(true);
  expect(isKnownActionTrailRegion('xx-nowhere-9')).toBe(false);
  expect(unknownActionTrailRegions(['xx-b', 'cn-hangzhou', 'xx-a', 'xx-b'])).toEqual(['xx-b', 'xx-a']);
});

describe('nearestActionTrailRegion', () => {
  test('suggests the one nearest known region within 3 edits', () => {
    expect(nearestActionTrailRegion('cn-hangzou')).toBe('cn-hangzhou');
    expect(nearestActionTrailRegion('cn-shangahi')).toBe('cn-shanghai');
    expect(nearestActionTrailRegion('us-east1')).toBe('us-east-1');
  });
  test('no suggestion for a known region, a far one, or a tie', () => {
    expect(nearestActionTrailRegion('cn-hangzhou')).toBeUndefined();
    expect(nearestActionTrailRegion('xx-nowhere-9')).toBeUndefined();
    expect(nearestActionTrailRegion('ap-southeast-9')).toBeUndefined();
    expect(REGION_SUGGESTION_MAX_DISTANCE).toBe(3);
  });
  test('editDistance is Levenshtein', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
  });
});
