/** lib/shared/sls-queries.ts: the SLS logstore name and the alert query of each detection. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { maxComputeTableName } from '../../lib/shared/arn';
import {
  ActionTrailEvent,
  DETECTIONS,
  Detection,
  detectionById,
  fieldText,
  matchesEvent,
  WriteDetection,
} from '../../lib/shared/detections';
import { renderSlsQuery, SLS_ALERT_TYPE, SLS_EVENT_NAME_PATTERN, slsLogstoreName } from '../../lib/shared/sls-queries';
import { quote } from '../../lib/shared/quote';
import { PROWLER_SLS_CHECKS } from '../support/prowler';

// ---------------------------------------------------------------------------
// A small evaluator of the SLS search syntax the renderer writes: `key: "value"`
// (equal), `key: word*` (starts with), `key: *` (has a value), `and`, `or`,
// `not`, parentheses; `not` binds tighter than `and`, `and` tighter than `or`.
// Values compare whole and case-sensitively (the logstore's tokenization is not
// known: the alerts guide), keys are `event.<record path>`.

type Node =
  | { kind: 'term'; path: string; test: (text: string) => boolean }
  | { kind: 'not'; of: Node }
  | { kind: 'and' | 'or'; of: Node[] };

function tokenize(search: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|(?:and|or|not)(?=[\s(])|[A-Za-z0-9_.]+: (?:"[^"]*"|\*|[A-Za-z0-9._-]+\*))/y;
  let at = 0;
  while (at < search.length) {
    re.lastIndex = at;
    const m = re.exec(search);
    if (!m) throw new Error(`cannot read the search at ${at}: ${search.slice(at, at + 40)}`);
    tokens.push(m[1]);
    at = re.lastIndex;
    while (search[at] === ' ') at += 1;
  }
  return tokens;
}

function parseSearch(search: string): Node {
  const tokens = tokenize(search);
  let i = 0;
  const orExpr = (): Node => {
    const of = [andExpr()];
    while (tokens[i] === 'or') {
      i += 1;
      of.push(andExpr());
    }
    return of.length === 1 ? of[0] : { kind: 'or', of };
  };
  const andExpr = (): Node => {
    const of = [unary()];
    while (tokens[i] === 'and') {
      i += 1;
      of.push(unary());
    }
    return of.length === 1 ? of[0] : { kind: 'and', of };
  };
  const unary = (): Node => {
    if (tokens[i] === 'not') {
      i += 1;
      return { kind: 'not', of: unary() };
    }
    if (tokens[i] === '(') {
      i += 1;
      const inner = orExpr();
      expect(tokens[i]).toBe(')');
      i += 1;
      return inner;
    }
    const token = tokens[i];
    i += 1;
    const m = /^event\.([A-Za-z0-9_.]+): (.*)$/.exec(token ?? '');
    if (!m) throw new Error(`not a term: ${token}`);
    const value = m[2];
    const test =
      value === '*'
        ? (t: string) => t !== ''
        : value.startsWith('"')
          ? (t: string) => t === value.slice(1, -1)
          : (t: string) => t.startsWith(value.slice(0, -1));
    return { kind: 'term', path: m[1], test };
  };
  const node = orExpr();
  expect(i).toBe(tokens.length);
  return node;
}

function evaluate(node: Node, event: ActionTrailEvent): boolean {
  switch (node.kind) {
    case 'term':
      return node.test(fieldText(event, node.path));
    case 'not':
      return !evaluate(node.of, event);
    case 'and':
      return node.of.every((n) => evaluate(n, event));
    case 'or':
      return node.of.some((n) => evaluate(n, event));
  }
}

function searchPart(query: string): string {
  const bar = query.indexOf(' | ');
  expect(bar).toBeGreaterThan(0);
  return query.slice(0, bar);
}

// ---------------------------------------------------------------------------
// Records: every catalogued name under every event type, reads, and sign-ins.

const writes = DETECTIONS.filter((d): d is WriteDetection => d.tier === 'write');

function record(fields: Record<string, unknown>): ActionTrailEvent {
  return {
    eventId: 'e-1',
    eventTime: '2026-12-01T08:25:26Z',
    eventRW: 'Write',
    acsRegion: 'cn-hangzhou',
    sourceIpAddress: '203.0.113.7',
    userIdentity: { type: 'ram-user', accountId: '1234567890123456', userName: 'alice' },
    ...fields,
  };
}

const signin = (fields: Record<string, unknown>) =>
  record({ eventType: 'ConsoleSignin', eventName: 'ConsoleSignin', serviceName: 'AasCustomer', ...fields });

const records: ActionTrailEvent[] = [
  ...writes.flatMap((d) =>
    d.eventNames.flatMap((eventName) =>
      ['ApiCall', 'ConsoleOperation', 'AliyunServiceEvent'].map((eventType) =>
        record({ eventName, eventType, serviceName: d.services[0] }),
      ),
    ),
  ),
  // A read event under a listed name (none must alert), and another spelling of eventRW (all must).
  ...writes.flatMap((d) => [
    record({ eventName: d.eventNames[0], eventType: 'ApiCall', eventRW: 'Read', serviceName: d.services[0] }),
    record({ eventName: d.eventNames[0], eventType: 'ConsoleOperation', eventRW: 'write' }),
  ]),
  record({ eventName: 'DescribeInstances', eventType: 'ApiCall', eventRW: 'Read' }),
  record({ eventName: 'CreateInstance', eventType: 'ApiCall' }),
  record({ eventName: 'CreateVpc', eventType: 'ApiCall', errorCode: 'Forbidden.RAM' }),
  record({ eventName: 'DescribeVpcs', eventType: 'ApiCall', eventRW: 'Read', errorCode: 'NoPermission' }),
  record({ eventName: 'CreateBucket', eventType: 'ConsoleOperation', errorCode: 'InvalidAccessKeyId.NotFound' }),
  record({ eventName: 'CreateBucket', eventType: 'ApiCall', errorCode: 'NoSuchBucket' }),
  record({ eventName: 'GetTrailStatus', eventType: 'ApiCall', errorCode: 'Forbbiden' }),
  record({ eventName: 'ConsoleSignin', eventType: 'ConsoleSignin', errorCode: 'NoPermission' }),
  // ActionTrail's sample sign-in (Logon events by using an Alibaba Cloud account): root, MFA not checked.
  signin({
    userIdentity: { type: 'root-account', accountId: '1234567890123456', userName: 'root' },
    additionalEventData: { loginAccount: 'Alice', isMFAChecked: 'false' },
  }),
  signin({ additionalEventData: { loginAccount: 'alice', isMFAChecked: 'true' } }),
  signin({ addionalEventData: { loginAccount: 'alice', isMFAChecked: 'true' } }),
  signin({ addionalEventData: { isMFAChecked: 'false' } }),
  signin({ additionalEventData: { MFAUsed: 'true', loginResult: 'success' } }),
  signin({ additionalEventData: { MFAUsed: 'true', loginResult: 'fail' } }),
  signin({ errorCode: 'PasswordError', additionalEventData: { MFAUsed: 'true' } }),
  signin({}),
  record({ eventType: 'ConsoleSignout', eventName: 'ConsoleSignout' }),
];

// ---------------------------------------------------------------------------

describe('names', () => {
  test('the SLS alert type and the logstore a trail delivers to', () => {
    expect(SLS_ALERT_TYPE).toBe('ALIYUN::SLS::Alert');
    expect(slsLogstoreName('audit_all')).toBe('actiontrail_audit_all');
    // One fact: ActionTrail names the logstore as it names the MaxCompute table.
    expect(slsLogstoreName('audit-all')).toBe(maxComputeTableName('audit-all'));
  });
});

describe('renderSlsQuery', () => {
  test.each(DETECTIONS.map((d) => [d.id, d] as const))(
    '%s: the search matches exactly the records the catalogue matches',
    (_id, detection) => {
      const node = parseSearch(searchPart(renderSlsQuery(detection)));
      const mismatches = records.filter((r) => evaluate(node, r) !== matchesEvent(detection, r));
      expect(mismatches).toEqual([]);
      expect(records.some((r) => matchesEvent(detection, r))).toBe(true);
    },
  );

  test.each(DETECTIONS.filter((d) => d.cis !== undefined).map((d) => [d.cis, d.id, d] as const))(
    'CIS %s (%s): the query passes the Prowler check of its item',
    (cis, _id, detection) => {
      const checks = Object.entries(PROWLER_SLS_CHECKS).filter(([, c]) => c.cis === cis);
      expect(checks).toHaveLength(1);
      expect(checks[0][1].passes(renderSlsQuery(detection))).toBe(true);
    },
  );

  test('every CIS item from 2.10 to 2.22 has a detection, and so a Prowler check passes', () => {
    const items = Object.values(PROWLER_SLS_CHECKS).map((c) => c.cis);
    expect(items).toEqual(Array.from({ length: 13 }, (_, i) => `2.${10 + i}`));
    for (const item of items) expect(DETECTIONS.some((d) => d.cis === item)).toBe(true);
  });

  test('the analytic part returns who, what and where, and the catalogued services without filtering on them', () => {
    const query = renderSlsQuery(detectionById('AT-DETECT-RAM-POLICY'));
    expect(query).toMatch(
      /^\(event\.eventType: "ApiCall" or event\.eventType: "ConsoleOperation"\) and \(event\.eventName: "CreatePolicy" or /,
    );
    const sql = query.slice(query.indexOf(' | ') + 3);
    expect(sql).toMatch(/^SELECT /);
    for (const column of ['event_name', 'user_name', 'source_ip', 'acs_region', 'error_code', 'log_time'])
      expect(sql).toContain(` AS ${column}`);
    expect(sql).toContain(
      `lower("event.serviceName") IN (lower('Ram'), lower('ResourceManager')) AS service_as_catalogued`,
    );
    expect(sql).toMatch(/ORDER BY log_time DESC LIMIT 100$/);
    // The search statement never names a service: the catalogue's spelling is unverified.
    expect(searchPart(query)).not.toContain('serviceName');
  });

  test('a sign-in query names the error code only when its predicate reads it', () => {
    expect(renderSlsQuery(detectionById('AT-DETECT-ROOT-USE'))).not.toContain('errorCode');
    expect(renderSlsQuery(detectionById('AT-DETECT-SIGNIN-NO-MFA'))).not.toContain('errorCode');
    expect(renderSlsQuery(detectionById('AT-DETECT-SIGNIN-FAILURE'))).toContain('"event.errorCode" AS error_code');
    expect(renderSlsQuery(detectionById('AT-DETECT-UNAUTHORIZED-API'))).toContain('"event.errorCode" AS error_code');
  });

  test('a write query leaves read events out, and only those', () => {
    expect(searchPart(renderSlsQuery(detectionById('AT-DETECT-KMS-KEY')))).toBe(
      '(event.eventType: "ApiCall" or event.eventType: "ConsoleOperation") and ' +
        '(event.eventName: "DisableKey" or event.eventName: "ScheduleKeyDeletion" or event.eventName: "DeleteKeyMaterial") and ' +
        'not event.eventRW: "Read"',
    );
  });

  test('extra event names are added once, after the catalogue names, and match', () => {
    const tamper = detectionById('AT-DETECT-TAMPER') as WriteDetection;
    const query = renderSlsQuery(tamper, { extraEventNames: ['DeleteDeliveryHistoryJob', tamper.eventNames[0]] });
    const names = [...searchPart(query).matchAll(/event\.eventName: "([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([...tamper.eventNames, 'DeleteDeliveryHistoryJob']);
    const node = parseSearch(searchPart(query));
    expect(evaluate(node, record({ eventName: 'DeleteDeliveryHistoryJob', eventType: 'ConsoleOperation' }))).toBe(true);
    expect(evaluate(node, record({ eventName: 'DeleteDeliveryHistoryJob', eventType: 'AliyunServiceEvent' }))).toBe(
      false,
    );
    expect(renderSlsQuery(tamper, { extraEventNames: [] })).toBe(renderSlsQuery(tamper));
  });

  test.each([
    ['a space', 'Delete Trail'],
    ['a quote that would end the phrase', 'X" or event.eventName: *'],
    ['a wildcard', 'Delete*'],
    ['a leading digit', '1Delete'],
    ['an empty name', ''],
    ['a dot', 'Delete.Trail'],
    ['a name over 128 characters', `A${'b'.repeat(128)}`],
  ])('an extra event name with %s is refused, naming the detection, the value and the rule', (_what, name) => {
    expect(() => renderSlsQuery(detectionById('AT-DETECT-TAMPER'), { extraEventNames: [name] })).toThrow(
      `SLS query of AT-DETECT-TAMPER: the extra event name ${quote(name)} is not accepted: ` +
        `an event name matches ${SLS_EVENT_NAME_PATTERN} (an API operation's name). ` +
        'Spell the event as ActionTrail records it in eventName.',
    );
  });

  test('a non-string extra event name and a non-list are refused', () => {
    const tamper = detectionById('AT-DETECT-TAMPER');
    expect(() => renderSlsQuery(tamper, { extraEventNames: [42 as unknown as string] })).toThrow(
      /the extra event name 42 is not accepted/,
    );
    expect(() => renderSlsQuery(tamper, { extraEventNames: 'StopLogging' as unknown as string[] })).toThrow(
      /extraEventNames 'StopLogging' is not accepted: it is a list of event names\. Pass an array of strings\./,
    );
  });

  test('extra event names for an identity detection are refused with the fix', () => {
    expect(() => renderSlsQuery(detectionById('AT-DETECT-ROOT-USE'), { extraEventNames: ['CreateUser'] })).toThrow(
      /SLS query of AT-DETECT-ROOT-USE: extraEventNames \["CreateUser"\] is not accepted: extra event names apply to write detections only; AT-DETECT-ROOT-USE is an identity detection.*Remove the override/,
    );
  });

  test('a catalogue value that could change the query is refused, not rendered', () => {
    const bad: Detection = {
      id: 'AT-DETECT-BAD',
      title: 'bad',
      severity: 'low',
      tier: 'identity',
      services: [],
      eventTypes: ['ConsoleSignin'],
      where: { op: 'in', field: 'userIdentity.type', values: ['x" or *'] },
    };
    expect(() => renderSlsQuery(bad)).toThrow(`the value ${quote('x" or *')} is not accepted`);
    expect(() => renderSlsQuery({ ...bad, where: { op: 'present', field: 'a b' } })).toThrow(
      /the field 'a b' is not accepted: a field path is dotted names/,
    );
    const write: WriteDetection = { ...writes[0], eventNames: [] };
    expect(() => renderSlsQuery(write)).toThrow(/a write detection needs at least one event name/);
    expect(() => renderSlsQuery({ ...writes[0], services: ["Ram') OR (1=1"] })).toThrow(
      /the service .* is not accepted: a service name holds letters and digits only/,
    );
  });

  test('the file names no event, error code or event type: the catalogue is the only list', () => {
    const source = readFileSync(join(__dirname, '../../lib/shared/sls-queries.ts'), 'utf8');
    const words = new Set<string>();
    for (const d of DETECTIONS) {
      if (d.tier === 'write') d.eventNames.forEach((n) => words.add(n));
      else d.eventTypes.forEach((t) => words.add(t));
    }
    for (const c of ['NoPermission', 'Forbidden', 'root-account']) words.add(c);
    expect([...words].filter((w) => new RegExp(`\\b${w}\\b`).test(source))).toEqual([]);
  });
});
