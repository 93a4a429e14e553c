import {
  KNOWN_DATA_EVENT_SERVICES,
  MAX_DATA_EVENT_FILTER_VALUES,
  MAX_DATA_EVENT_SELECTORS,
  readSelectors,
  selectorsJson,
  selectorsKey,
  unknownDataEventServices,
} from '../../lib/shared/data-events';

describe('shared/data-events: the wire form of data event selectors', () => {
  test('the limits of the API reference', () => {
    expect([MAX_DATA_EVENT_SELECTORS, MAX_DATA_EVENT_FILTER_VALUES]).toEqual([20, 10]);
  });

  test('selectorsJson writes the API order and leaves empty lists and filters out', () => {
    expect(
      selectorsJson([
        {
          ResourceArn: { NotEquals: [], Equals: ['acs:oss:*:*:a'] },
          ReadWriteType: 'Read',
          ServiceName: 'Oss',
          EventName: { Equals: [] },
        } as never,
      ]),
    ).toBe('[{"ServiceName":"Oss","ReadWriteType":"Read","ResourceArn":{"Equals":["acs:oss:*:*:a"]}}]');
  });

  test('selectorsKey ignores the order of selectors and of filter values, not their content', () => {
    const a = { ServiceName: 'Oss', ReadWriteType: 'All', EventName: { Equals: ['B', 'A'] } };
    const b = { ServiceName: 'PDS', ReadWriteType: 'Read' };
    expect(selectorsKey([a, b])).toBe(selectorsKey([b, { ...a, EventName: { Equals: ['A', 'B'] } }]));
    expect(selectorsKey([a])).not.toBe(selectorsKey([{ ...a, ReadWriteType: 'Read' }]));
    expect(selectorsKey([a])).not.toBe(selectorsKey([{ ...a, EventName: { NotEquals: ['A', 'B'] } }]));
  });

  test('readSelectors reads no selectors from empty text and defaults ReadWriteType to All', () => {
    expect(readSelectors('')).toEqual({ selectors: [], problems: [] });
    expect(readSelectors(null)).toEqual({ selectors: [], problems: [] });
    expect(readSelectors('[{"ServiceName":"Oss"}]')).toEqual({
      selectors: [{ ServiceName: 'Oss', ReadWriteType: 'All' }],
      problems: [],
    });
  });

  test('readSelectors names every broken rule by its position', () => {
    expect(readSelectors('{}').problems).toEqual(['must be a JSON array of selectors']);
    expect(
      readSelectors(
        JSON.stringify([
          7,
          { ServiceName: 'o s s', ReadWriteType: 'Both' },
          { ServiceName: 'Oss', EventName: { Equals: 'GetObject' }, ResourceArn: [] },
          { ServiceName: 'Oss', ResourceArn: { Equals: ['acs:oss:*:*:a'], NotEquals: [''] } },
        ]),
      ).problems,
    ).toEqual([
      '[0] must be an object {ServiceName, ReadWriteType, EventName?, ResourceArn?}',
      '[1].ServiceName "o s s" must be a service name such as \'Oss\'',
      '[1].ReadWriteType "Both" must be All, Read or Write',
      '[2].EventName.Equals must be an array of non-empty strings',
      '[2].ResourceArn must be an object {Equals?: [...], NotEquals?: [...]}',
      '[3].ResourceArn.NotEquals must be an array of non-empty strings',
    ]);
  });

  test('unknown services: sorted, once each; the known ones pass', () => {
    const read = readSelectors(
      JSON.stringify(
        [...KNOWN_DATA_EVENT_SERVICES, 'Tablestore', 'OSS', 'Tablestore'].map((ServiceName) => ({ ServiceName })),
      ),
    );
    expect(unknownDataEventServices(read.selectors)).toEqual(['OSS', 'Tablestore']);
  });
});
