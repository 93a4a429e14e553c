import { DETECTIONS, matchesEvent, type WriteDetection } from '../../lib/shared/detections';
import {
  ACTIONTRAIL_TYPE_SUFFIXES,
  ALERT_METADATA_KEY,
  alertMetadataOf,
  EVENT_BRIDGE_LIMITS,
  eventPatternsFor,
  sampleEvent,
  samplesFor,
} from '../../lib/shared/event-patterns';
import { eventMatchesPattern } from '../support/event-pattern';

const writeDetections = DETECTIONS.filter((d): d is WriteDetection => d.tier === 'write');

describe('eventPatternsFor', () => {
  test('splits names into patterns of at most five, in order, without duplicates', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'A', 'G'];
    const patterns = eventPatternsFor(names);
    expect(patterns.map((p) => p.data.eventName)).toEqual([
      ['A', 'B', 'C', 'D', 'E'],
      ['F', 'G'],
    ]);
    for (const p of patterns) {
      expect(p.type).toEqual([{ suffix: ':ActionTrail:ApiCall' }, { suffix: ':ActionTrail:ConsoleOperation' }]);
    }
  });

  test('no names, no pattern', () => {
    expect(eventPatternsFor([])).toEqual([]);
  });

  test.each(writeDetections.map((d) => [d.id, d] as const))(
    '%s: its samples match its patterns and the catalogue, and its non-samples match neither',
    (_id, detection) => {
      const patterns = eventPatternsFor(detection.eventNames);
      for (const p of patterns) {
        expect(p.data.eventName.length).toBeLessThanOrEqual(EVENT_BRIDGE_LIMITS.valuesPerPatternField);
        expect(p.type.length).toBeLessThanOrEqual(EVENT_BRIDGE_LIMITS.valuesPerPatternField);
      }
      const { match, noMatch } = samplesFor(detection);
      expect(match).toHaveLength(detection.eventNames.length * ACTIONTRAIL_TYPE_SUFFIXES.length);
      for (const event of match) {
        expect(patterns.filter((p) => eventMatchesPattern(p, event))).toHaveLength(1);
        expect(matchesEvent(detection, event)).toBe(true);
      }
      for (const event of noMatch) {
        expect(patterns.some((p) => eventMatchesPattern(p, event))).toBe(false);
        expect(matchesEvent(detection, event)).toBe(false);
      }
    },
  );

  test("a read event of a listed name and another detection's write match no pattern of the detection", () => {
    const [tamper, ram] = writeDetections;
    const tamperPatterns = eventPatternsFor(tamper.eventNames);
    for (const name of tamper.eventNames) {
      const read = sampleEvent(name, 'ApiCall', 'Actiontrail', 'Read');
      expect(tamperPatterns.some((p) => eventMatchesPattern(p, read))).toBe(false);
      expect(matchesEvent(tamper, read)).toBe(false);
    }
    const otherWrite = sampleEvent(ram.eventNames[0], 'ApiCall', 'Ram', 'Write');
    expect(tamperPatterns.some((p) => eventMatchesPattern(p, otherWrite))).toBe(false);
  });

  test('every pattern says eventRW is anything but Read, so another spelling still matches', () => {
    const [tamper] = writeDetections;
    for (const p of eventPatternsFor(tamper.eventNames)) {
      expect(p.data.eventRW).toEqual([{ 'anything-but': 'Read' }]);
    }
    const [pattern] = eventPatternsFor(tamper.eventNames);
    const odd = sampleEvent(tamper.eventNames[0], 'ApiCall', 'Actiontrail', 'Write') as {
      data: Record<string, unknown>;
    };
    const spelt = { ...odd, data: { ...odd.data, eventRW: 'write' } };
    expect(eventMatchesPattern(pattern, spelt)).toBe(true);
    expect(matchesEvent(tamper, spelt)).toBe(true);
  });

  test("the read sample is the rule's first name, so it proves the eventRW field", () => {
    for (const d of writeDetections) {
      const { noMatch } = samplesFor(d);
      const reads = noMatch.filter((e) => (e.data as Record<string, unknown>).eventRW === 'Read');
      expect(reads.map((e) => (e.data as Record<string, unknown>).eventName)).toEqual([d.eventNames[0]]);
    }
  });
});

describe('alertMetadataOf', () => {
  test('reads the detection and event names', () => {
    const resource = {
      Metadata: { [ALERT_METADATA_KEY]: { detection: 'AT-DETECT-TAMPER', eventNames: ['StopLogging'] } },
    };
    expect(alertMetadataOf(resource)).toEqual({ detection: 'AT-DETECT-TAMPER', eventNames: ['StopLogging'] });
    expect(alertMetadataOf({ Metadata: { [ALERT_METADATA_KEY]: { detection: 'AT-DETECT-TAMPER' } } })).toEqual({
      detection: 'AT-DETECT-TAMPER',
    });
  });

  test.each([
    [{}],
    [{ Metadata: null }],
    [{ Metadata: { [ALERT_METADATA_KEY]: 'x' } }],
    [{ Metadata: { [ALERT_METADATA_KEY]: { detection: 3 } } }],
    [{ Metadata: { [ALERT_METADATA_KEY]: { detection: 'D', eventNames: [1] } } }],
  ])('malformed or absent metadata reads as undefined: %j', (resource) => {
    expect(alertMetadataOf(resource)).toBeUndefined();
  });
});

describe('eventMatchesPattern (test support)', () => {
  const event = {
    type: 'acs.ecs:ActionTrail:ApiCall',
    data: { eventName: 'X', n: 5, ip: '10.1.2.3', tags: ['a', 'b'] },
  };
  test.each([
    [{ type: [{ suffix: ':ApiCall' }] }, true],
    [{ type: [{ suffix: ':ConsoleOperation' }] }, false],
    [{ type: [{ prefix: 'acs.ecs' }] }, true],
    [{ data: { eventName: ['Y', 'X'] } }, true],
    [{ data: { eventName: ['Y'] } }, false],
    [{ data: { eventName: [{ 'anything-but': ['Y'] }] } }, true],
    [{ data: { eventName: [{ 'anything-but': 'X' }] } }, false],
    [{ data: { eventName: [{ 'anything-but': { prefix: 'X' } }] } }, false],
    [{ data: { missing: [{ exists: false }] } }, true],
    [{ data: { eventName: [{ exists: true }] } }, true],
    [{ data: { n: [{ numeric: ['>', 1, '<=', 5] }] } }, true],
    [{ data: { n: [{ numeric: ['>', 5] }] } }, false],
    [{ data: { ip: [{ cidr: '10.0.0.0/8' }] } }, true],
    [{ data: { ip: [{ cidr: '192.168.0.0/16' }] } }, false],
    [{ data: { tags: ['b'] } }, true],
    [{ data: { eventName: ['X'] }, type: [{ suffix: ':Nope' }] }, false],
  ])('%j -> %s', (pattern, expected) => {
    expect(eventMatchesPattern(pattern, event)).toBe(expected);
  });

  test.each([
    [{ type: 'x' }],
    [{ type: [] }],
    [{ type: [{ wildcard: '*' }] }],
    [{ type: [{ prefix: 'a', suffix: 'b' }] }],
  ])('rejects syntax outside the documented set: %j', (pattern) => {
    expect(() => eventMatchesPattern(pattern, event)).toThrow();
  });
});
