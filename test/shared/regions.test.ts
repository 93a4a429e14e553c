/** lib/shared/regions.ts: the table of ActionTrail regions, read by TrailRegion and rule AT-TRAIL-007. */
import {
  ACTIONTRAIL_REGIONS,
  ACTIONTRAIL_REGIONS_DATE,
  ACTIONTRAIL_REGIONS_SOURCE,
  isKnownActionTrailRegion,
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
