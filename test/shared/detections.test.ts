/** lib/shared/detections.ts: the detection catalogue, its matcher, its docs table and its hunting queries. */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  ActionTrailEvent,
  DETECTION_ID_PATTERN,
  DETECTION_TABLE_MARKERS,
  DETECTIONS,
  Detection,
  detectionById,
  detectionForCisItem,
  detectionIds,
  detectionsMatching,
  HuntingQueryOptions,
  matchesEvent,
  renderDetectionTable,
  renderHuntingQuery,
  WriteDetection,
} from '../../lib/shared/detections';

/** An ActionTrail record shaped as "Management event structure" documents it. */
function record(fields: Record<string, unknown>): ActionTrailEvent {
  return {
    eventId: 'A5A4BB74-EFBC-5D8B-BD8A-1B9131429438',
    eventVersion: 1,
    eventTime: '2026-12-01T08:25:26Z',
    eventRW: 'Write',
    acsRegion: 'cn-hangzhou',
    sourceIpAddress: '203.0.113.7',
    userAgent: 'aliyun-sdk',
    userIdentity: { type: 'ram-user', accountId: '1234567890123456', principalId: '2345', userName: 'alice' },
    ...fields,
  };
}

/** The same record as EventBridge delivers it (document 204963): the record under `data`. */
function envelope(data: ActionTrailEvent): ActionTrailEvent {
  return {
    id: 'e-1',
    source: 'acs.actiontrail',
    type: `actiontrail:ActionTrail:${String(data.eventType)}`,
    subject: 'acs.actiontrail:cn-hangzhou:1234567890123456:event',
    data,
  };
}

const writes = DETECTIONS.filter((d): d is WriteDetection => d.tier === 'write');

/** Samples that must match each identity detection. */
const identitySamples: Record<string, ActionTrailEvent[]> = {
  'AT-DETECT-UNAUTHORIZED-API': [
    record({ eventType: 'ApiCall', eventName: 'DescribeInstances', eventRW: 'Read', errorCode: 'NoPermission' }),
    record({ eventType: 'ApiCall', eventName: 'CreateVpc', errorCode: 'Forbidden.RAM' }),
    record({ eventType: 'ConsoleOperation', eventName: 'CreateBucket', errorCode: 'InvalidAccessKeyId.NotFound' }),
    record({ eventType: 'ApiCall', eventName: 'GetTrailStatus', eventRW: 'Read', errorCode: 'Forbbiden' }),
  ],
  'AT-DETECT-SIGNIN-NO-MFA': [
    record({ eventType: 'ConsoleSignin', eventName: 'ConsoleSignin', additionalEventData: { MFAUsed: 'false' } }),
    record({ eventType: 'ConsoleSignin', eventName: 'ConsoleSignin', addionalEventData: { isMFAChecked: 'false' } }),
    record({ eventType: 'ConsoleSignin', eventName: 'ConsoleSignin' }),
  ],
  'AT-DETECT-ROOT-USE': [
    record({
      eventType: 'ConsoleSignin',
      eventName: 'ConsoleSignin',
      userIdentity: { type: 'root-account', accountId: '1234567890123456', principalId: '1234567890123456' },
      additionalEventData: { MFAUsed: 'true', loginResult: 'success' },
    }),
  ],
  'AT-DETECT-SIGNIN-FAILURE': [
    record({
      eventType: 'ConsoleSignin',
      eventName: 'ConsoleSignin',
      errorCode: 'PasswordError',
      additionalEventData: { MFAUsed: true },
    }),
    record({
      eventType: 'ConsoleSignin',
      eventName: 'ConsoleSignin',
      additionalEventData: { MFAUsed: 'true', loginResult: 'fail' },
    }),
  ],
};

describe('the catalogue', () => {
  test('ids are unique and shaped AT-DETECT-<NAME>', () => {
    const ids = detectionIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(DETECTION_ID_PATTERN);
  });

  test('every CIS monitoring item 2.10 to 2.22 has exactly one detection', () => {
    const items = Array.from({ length: 13 }, (_, i) => `2.${10 + i}`);
    expect(DETECTIONS.map((d) => d.cis).filter((c) => c !== undefined)).toEqual(items);
    for (const item of items) expect(detectionForCisItem(item)?.cis).toBe(item);
    expect(detectionForCisItem('2.9')).toBeUndefined();
  });

  test('tamper detection watches the trail, its data event selectors and the global events region', () => {
    expect(detectionById('AT-DETECT-TAMPER')).toMatchObject({
      tier: 'write',
      severity: 'critical',
      eventNames: [
        'StopLogging',
        'DeleteTrail',
        'UpdateTrail',
        'DeleteDataEventSelector',
        'PutDataEventSelector',
        'UpdateGlobalEventsStorageRegion',
      ],
    });
  });

  test('alert tamper detection watches the EventBridge rules and the SLS alerts, logstore and project', () => {
    expect(detectionById('AT-DETECT-ALERT-TAMPER')).toMatchObject({
      tier: 'write',
      severity: 'critical',
      eventNames: [
        'DeleteRule',
        'DisableRule',
        'UpdateRule',
        'DeleteTargets',
        'DeleteAlert',
        'DisableAlert',
        'UpdateAlert',
        'DeleteLogStore',
        'DeleteProject',
      ],
    });
    expect(detectionById('AT-DETECT-ALERT-TAMPER')).not.toHaveProperty('cis');
  });

  test('a write detection matches no read event of its names, and any other eventRW spelling', () => {
    for (const d of DETECTIONS) {
      if (d.tier !== 'write') continue;
      for (const name of d.eventNames) {
        expect(matchesEvent(d, record({ eventType: 'ApiCall', eventName: name, eventRW: 'Read' }))).toBe(false);
        expect(matchesEvent(d, record({ eventType: 'ApiCall', eventName: name, eventRW: 'write' }))).toBe(true);
      }
    }
  });

  test('the benchmark event names of a few items, and the OSS data event', () => {
    expect(detectionById('AT-DETECT-KMS-KEY')).toMatchObject({
      cis: '2.20',
      eventNames: ['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial'],
    });
    expect(detectionById('AT-DETECT-OSS-ACL')).toMatchObject({
      cis: '2.14',
      eventNames: ['PutBucketAcl', 'PutObjectAcl'],
      dataEventNames: ['PutObjectAcl'],
    });
    expect((detectionForCisItem('2.15') as WriteDetection).eventNames).toHaveLength(22);
    expect((detectionForCisItem('2.13') as WriteDetection).eventNames).toHaveLength(10);
  });

  test('the identity items 2.16 to 2.19 are predicates, not event names', () => {
    for (const item of ['2.16', '2.17', '2.18', '2.19']) expect(detectionForCisItem(item)?.tier).toBe('identity');
  });

  test('no event name is in two write detections, none is empty, data events are listed names', () => {
    const all = writes.flatMap((d) => d.eventNames);
    expect(new Set(all).size).toBe(all.length);
    for (const d of writes) {
      expect(d.eventNames.length).toBeGreaterThan(0);
      for (const n of d.dataEventNames ?? []) expect(d.eventNames).toContain(n);
    }
  });

  test('an unknown id names itself and every known id', () => {
    expect(() => detectionById('AT-DETECT-NOPE')).toThrow(
      `Unknown detection id 'AT-DETECT-NOPE': the known ids are ${detectionIds().join(', ')}. ` +
        'Use one of them (the alerts guide lists what each matches).',
    );
    expect(() => detectionById('AT-DETECT-NOPE')).toThrow(
      /AT-DETECT-TAMPER, AT-DETECT-ALERT-TAMPER, AT-DETECT-RAM-POLICY, /,
    );
  });
});

describe('matchesEvent', () => {
  test.each(writes.map((d) => [d.id, d] as const))(
    '%s matches each of its events as API call and console operation, bare and in an envelope',
    (_id, detection) => {
      for (const eventName of detection.eventNames) {
        for (const eventType of ['ApiCall', 'ConsoleOperation']) {
          const event = record({ eventType, eventName });
          expect(matchesEvent(detection, event)).toBe(true);
          expect(matchesEvent(detection, envelope(event))).toBe(true);
          expect(detectionsMatching(event).map((d) => d.id)).toEqual([detection.id]);
        }
      }
    },
  );

  test.each(Object.entries(identitySamples))('%s matches its samples', (id, samples) => {
    const detection = detectionById(id);
    for (const sample of samples) expect(matchesEvent(detection, sample)).toBe(true);
  });

  test('every identity detection has samples', () => {
    expect(Object.keys(identitySamples).sort()).toEqual(
      DETECTIONS.filter((d) => d.tier === 'identity')
        .map((d) => d.id)
        .sort(),
    );
  });

  test('read events and unrelated writes match no detection', () => {
    const none: ActionTrailEvent[] = [
      record({ eventType: 'ApiCall', eventName: 'DescribeTrails', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'GetTrailStatus', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'ListPolicies', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'DescribeSecurityGroupAttribute', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'GetBucketAcl', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'GetObject', eventRW: 'Read' }),
      record({ eventType: 'ApiCall', eventName: 'CreateTrail' }),
      record({ eventType: 'ApiCall', eventName: 'StartLogging' }),
      record({ eventType: 'ApiCall', eventName: 'RunInstances' }),
      record({ eventType: 'ConsoleOperation', eventName: 'CreateBucket' }),
      record({ eventType: 'ApiCall', eventName: 'PutObject' }),
      record({ eventType: 'ApiCall', eventName: 'CreateUser' }),
      record({ eventType: 'ApiCall', eventName: 'stoplogging' }),
      record({ eventType: 'ConsoleSignout', eventName: 'ConsoleSignout' }),
      record({ eventType: 'ApiCall', eventName: 'RunInstances', errorCode: 'InvalidParameter' }),
    ];
    for (const event of none) expect(detectionsMatching(event)).toEqual([]);
  });

  test('an event name from the catalogue needs an API call or console operation', () => {
    const tamper = detectionById('AT-DETECT-TAMPER');
    expect(matchesEvent(tamper, record({ eventType: 'AliyunServiceEvent', eventName: 'StopLogging' }))).toBe(false);
    expect(matchesEvent(tamper, record({ eventName: 'StopLogging' }))).toBe(false);
    // A refused attempt to blind the trail still alerts.
    expect(
      matchesEvent(tamper, record({ eventType: 'ApiCall', eventName: 'StopLogging', errorCode: 'NoPermission' })),
    ).toBe(true);
  });

  test('a sign-in with MFA and success is neither no-MFA nor failure; a RAM user is not root', () => {
    const ok = record({
      eventType: 'ConsoleSignin',
      eventName: 'ConsoleSignin',
      additionalEventData: { MFAUsed: 'true', loginResult: 'success' },
    });
    expect(detectionsMatching(ok)).toEqual([]);
    expect(
      detectionsMatching(
        record({ eventType: 'ConsoleSignin', eventName: 'ConsoleSignin', addionalEventData: { isMFAChecked: 'true' } }),
      ),
    ).toEqual([]);
    // Root use is about sign-ins: a root API call is not ConsoleSignin.
    const rootApi = record({ eventType: 'ApiCall', eventName: 'CreateVpc', userIdentity: { type: 'root-account' } });
    expect(detectionsMatching(rootApi).map((d) => d.id)).toEqual(['AT-DETECT-VPC-CHANGE']);
  });
});

describe('docs/alerts.md', () => {
  test('holds the table the catalogue renders, between its markers', () => {
    const doc = readFileSync(join(__dirname, '../../docs/alerts.md'), 'utf8');
    const start = doc.indexOf(DETECTION_TABLE_MARKERS.start);
    const end = doc.indexOf(DETECTION_TABLE_MARKERS.end);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const table = doc.slice(start + DETECTION_TABLE_MARKERS.start.length, end).trim();
    expect(table).toBe(renderDetectionTable());
  });

  test('the table has one row per detection', () => {
    const rows = renderDetectionTable().split('\n');
    expect(rows).toHaveLength(DETECTIONS.length + 2);
    expect(rows[2]).toBe(
      '| `AT-DETECT-TAMPER` | - | critical | write | ActionTrail trail stopped, deleted or changed, or what it records changed: ' +
        '`StopLogging`, `DeleteTrail`, `UpdateTrail`, `DeleteDataEventSelector`, `PutDataEventSelector`, ' +
        '`UpdateGlobalEventsStorageRegion` |',
    );
  });
});

describe('renderHuntingQuery', () => {
  const base: HuntingQueryOptions = {
    accountId: '1234567890123456',
    trailName: 'audit-all',
    start: new Date('2026-12-01T00:00:00Z'),
    end: new Date('2026-12-02T06:30:00Z'),
  };

  test('tamper, default column and partition', () => {
    expect(renderHuntingQuery(detectionById('AT-DETECT-TAMPER'), base)).toBe(
      [
        '-- AT-DETECT-TAMPER: ActionTrail trail stopped, deleted or changed, or what it records changed',
        '-- window 2026-12-01T00:00:00Z to 2026-12-02T06:30:00Z; column event, partition ds',
        'SELECT',
        "  GET_JSON_OBJECT(event, '$.eventTime') AS event_time,",
        "  GET_JSON_OBJECT(event, '$.eventName') AS event_name,",
        "  GET_JSON_OBJECT(event, '$.eventType') AS event_type,",
        "  GET_JSON_OBJECT(event, '$.acsRegion') AS acs_region,",
        "  GET_JSON_OBJECT(event, '$.userIdentity.type') AS identity_type,",
        "  GET_JSON_OBJECT(event, '$.userIdentity.userName') AS user_name,",
        "  GET_JSON_OBJECT(event, '$.sourceIpAddress') AS source_ip,",
        "  GET_JSON_OBJECT(event, '$.errorCode') AS error_code",
        'FROM actiontrail_1234567890123456.`actiontrail_audit-all`',
        "WHERE ds >= '20261130' AND ds <= '20261203'",
        "  AND GET_JSON_OBJECT(event, '$.eventTime') >= '2026-12-01T00:00:00Z'",
        "  AND GET_JSON_OBJECT(event, '$.eventTime') < '2026-12-02T06:30:00Z'",
        "  AND GET_JSON_OBJECT(event, '$.eventType') IN ('ApiCall', 'ConsoleOperation')",
        "  AND GET_JSON_OBJECT(event, '$.eventName') IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', " +
          "'DeleteDataEventSelector', 'PutDataEventSelector', 'UpdateGlobalEventsStorageRegion')",
        "  AND COALESCE(GET_JSON_OBJECT(event, '$.eventRW'), '') <> 'Read'",
        'ORDER BY event_time',
        'LIMIT 1000;',
      ].join('\n'),
    );
  });

  test('root use, measured column, no partition, own limit', () => {
    const sql = renderHuntingQuery(detectionById('AT-DETECT-ROOT-USE'), {
      ...base,
      eventColumn: 'content',
      partitionColumn: null,
      limit: 50,
    });
    expect(sql).toBe(
      [
        '-- AT-DETECT-ROOT-USE (CIS 2.18): Console sign-in with the root account',
        '-- window 2026-12-01T00:00:00Z to 2026-12-02T06:30:00Z; column content, partition (none)',
        'SELECT',
        "  GET_JSON_OBJECT(content, '$.eventTime') AS event_time,",
        "  GET_JSON_OBJECT(content, '$.eventName') AS event_name,",
        "  GET_JSON_OBJECT(content, '$.eventType') AS event_type,",
        "  GET_JSON_OBJECT(content, '$.acsRegion') AS acs_region,",
        "  GET_JSON_OBJECT(content, '$.userIdentity.type') AS identity_type,",
        "  GET_JSON_OBJECT(content, '$.userIdentity.userName') AS user_name,",
        "  GET_JSON_OBJECT(content, '$.sourceIpAddress') AS source_ip,",
        "  GET_JSON_OBJECT(content, '$.errorCode') AS error_code",
        'FROM actiontrail_1234567890123456.`actiontrail_audit-all`',
        "WHERE GET_JSON_OBJECT(content, '$.eventTime') >= '2026-12-01T00:00:00Z'",
        "  AND GET_JSON_OBJECT(content, '$.eventTime') < '2026-12-02T06:30:00Z'",
        "  AND GET_JSON_OBJECT(content, '$.eventType') IN ('ConsoleSignin')",
        "  AND COALESCE(GET_JSON_OBJECT(content, '$.userIdentity.type'), '') IN ('root-account')",
        'ORDER BY event_time',
        'LIMIT 50;',
      ].join('\n'),
    );
  });

  test('the unauthorized-call query tests error code prefixes with SUBSTR, not LIKE', () => {
    const sql = renderHuntingQuery(detectionById('AT-DETECT-UNAUTHORIZED-API'), base);
    expect(sql).toContain("SUBSTR(COALESCE(GET_JSON_OBJECT(event, '$.errorCode'), ''), 1, 13) = 'NoPermission.'");
    expect(sql).not.toContain('LIKE');
  });

  test('every detection renders', () => {
    for (const d of DETECTIONS) expect(renderHuntingQuery(d, base)).toContain(`-- ${d.id}`);
  });

  const bad: [string, Partial<Record<keyof HuntingQueryOptions, unknown>>, RegExp][] = [
    ['a short account', { accountId: '123' }, /accountId '123' is not accepted: an account ID is 16 digits/],
    ['an account with SQL', { accountId: "1234567890123456'; DROP TABLE x; --" }, /accountId .* 16 digits/],
    ['a trail with a backquote', { trailName: 'audit`; DROP TABLE x' }, /trailName .* a trail name matches/],
    ['a trail with a dot', { trailName: 'audit.other_table' }, /trailName 'audit.other_table' is not accepted/],
    ['a project with SQL', { projectName: 'p; DROP TABLE x' }, /projectName .* a MaxCompute project name matches/],
    ['a column with SQL', { eventColumn: "event, '1') OR 1=1 --" }, /eventColumn .* a column name matches/],
    ['a column with a space', { eventColumn: 'my event' }, /eventColumn 'my event'/],
    ['a partition with SQL', { partitionColumn: "ds = '1' OR 1=1 --" }, /partitionColumn .* or null for none/],
    ['a limit with SQL', { limit: '10; DROP TABLE x' }, /limit '10; DROP TABLE x' is not accepted/],
    ['a zero limit', { limit: 0 }, /limit 0 is not accepted/],
    ['an invalid start', { start: new Date('nope') }, /window .* start and end are valid dates/],
    ['a window backwards', { start: new Date('2026-12-03T00:00:00Z') }, /window .* start comes before end/],
  ];
  test.each(bad)('refuses %s', (_what, change, message) => {
    const options = { ...base, ...change } as HuntingQueryOptions;
    expect(() => renderHuntingQuery(detectionById('AT-DETECT-TAMPER'), options)).toThrow(message);
  });

  test('another project of the account: FROM names it; by default the one ActionTrail creates', () => {
    const tamper = detectionById('AT-DETECT-TAMPER');
    expect(renderHuntingQuery(tamper, base)).toContain('FROM actiontrail_1234567890123456.`actiontrail_audit-all`');
    expect(renderHuntingQuery(tamper, { ...base, projectName: 'audit_archive' })).toContain(
      'FROM audit_archive.`actiontrail_audit-all`',
    );
  });

  test('a value that could leave its string literal is refused even inside a detection', () => {
    const forged: Detection = {
      ...(detectionById('AT-DETECT-TAMPER') as WriteDetection),
      eventNames: ["StopLogging') OR ('1'='1"],
    };
    expect(() => renderHuntingQuery(forged, base)).toThrow(/the value .* letters, digits, space and \._:- only/);
  });
});
