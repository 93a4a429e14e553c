import { answeredDataEventRegions, declaredDataEventRegions } from '../../lib/shared/data-events';

test('declaredDataEventRegions: All or unset is every region; a list is trimmed and sorted', () => {
  expect(declaredDataEventRegions(undefined)).toEqual({ allRegions: true, regionIds: [] });
  expect(declaredDataEventRegions('All')).toEqual({ allRegions: true, regionIds: [] });
  expect(declaredDataEventRegions('cn-shanghai, cn-beijing')).toEqual({
    allRegions: false,
    regionIds: ['cn-beijing', 'cn-shanghai'],
  });
});

test('answeredDataEventRegions: IsTrailAllRegion as answered; TrailRegionIds before SlsDeliveryConfigs; nothing said is undefined', () => {
  expect(answeredDataEventRegions({ IsTrailAllRegion: 'true' })).toEqual({ allRegions: true, regionIds: undefined });
  expect(
    answeredDataEventRegions({
      IsTrailAllRegion: false,
      TrailRegionIds: 'cn-shanghai,cn-beijing',
      SlsDeliveryConfigs: [{ TrailRegion: 'cn-hangzhou' }],
    }),
  ).toEqual({ allRegions: false, regionIds: ['cn-beijing', 'cn-shanghai'] });
  expect(
    answeredDataEventRegions({
      SlsDeliveryConfigs: [{ TrailRegion: 'cn-shanghai' }, { TrailRegion: 'All' }, { TrailRegion: 'cn-shanghai' }, {}],
    }),
  ).toEqual({ allRegions: undefined, regionIds: ['cn-shanghai'] });
  expect(answeredDataEventRegions({})).toEqual({ allRegions: undefined, regionIds: undefined });
});
