/** lib/shared/regions.ts: the table of ActionTrail regions, read by TrailRegion and rule AT-TRAIL-007. */
import { ACTIONTRAIL_REGIONS, ACTIONTRAIL_REGIONS_DATE, isKnownActionTrailRegion, unknownActionTrailRegions } from '../../lib/shared/regions';
import { isRegionId } from '../../lib/shared/ids';

test('the table is sorted, without duplicates, of well-formed region IDs, with its date', () => {
  expect([...ACTIONTRAIL_REGIONS].sort()).toEqual(ACTIONTRAIL_REGIONS);
  expect(new Set(ACTIONTRAIL_REGIONS).size).toBe(ACTIONTRAIL_REGIONS.length);
  expect(ACTIONTRAIL_REGIONS.every(isRegionId)).toBe(true);
  expect(ACTIONTRAIL_REGIONS_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('unknown regions: in order, each once', () => {
  expect(isKnownActionTrailRegion('cn-hangzhou')).toBe(true);
  expect(isKnownActionTrailRegion('xx-nowhere-9')).toBe(false);
  expect(unknownActionTrailRegions(['xx-b', 'cn-hangzhou', 'xx-a', 'xx-b'])).toEqual(['xx-b', 'xx-a']);
});
