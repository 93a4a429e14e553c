/**
 * The alert rules' pieces without the bin (fast, in `npm test`): reading the
 * rules of a template, the answer shapes of TestEventPattern and GetRule
 * (errors in an HTTP 200 body as well as thrown), bounded concurrency, and the
 * hunt command's options. The bin suite is cli/test/alerts.test.ts.
 */
import {
  alertPatternChecks,
  alertRuleProblems,
  alertRuleReports,
  alertRulesInTemplate,
  isRuleNotFound,
  mapLimit,
  TEST_PATTERN_CONCURRENCY,
} from '../src/alert-rules';
import { parseCliArgs } from '../src/args';
import { CloudClients } from '../src/clients';
import { UsageError } from '../src/errors';
import { StackTarget } from '../src/targets';
import { huntDetections, huntWindow } from '../src/commands/hunt';
import { detectionIds } from '../../lib/shared/detections';
import { ALERT_METADATA_KEY, EVENT_BRIDGE_RULE_TYPE, eventPatternsFor } from '../../lib/shared/event-patterns';
import { eventMatchesPattern } from '../../test/support/event-pattern';

const PATTERN = eventPatternsFor(['StopLogging', 'DeleteTrail', 'UpdateTrail'])[0];

function rule(props: Record<string, unknown>, metadata: unknown = { detection: 'AT-DETECT-TAMPER' }) {
  return {
    Type: EVENT_BRIDGE_RULE_TYPE,
    Properties: { EventBusName: 'default', RuleName: 'r', FilterPattern: PATTERN, Targets: [], ...props },
    Metadata: metadata === null ? undefined : { [ALERT_METADATA_KEY]: metadata },
  };
}

/** A target whose clients answer `rpc` with `answer` (a body, or an error to throw), recording the calls. */
function fakeTarget(
  resources: Record<string, unknown>,
  answer: (action: string, params: Record<string, unknown>) => unknown,
): { target: StackTarget; calls: Array<{ action: string; params: Record<string, unknown> }>; peak: () => number } {
  const calls: Array<{ action: string; params: Record<string, unknown> }> = [];
  let inFlight = 0;
  let peak = 0;
  const clients = {
    rpc: async (_product: string, action: string, query: Record<string, unknown>, body?: Record<string, unknown>) => {
      const params = { ...query, ...body };
      calls.push({ action, params });
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      const a = answer(action, params);
      if (a instanceof Error) throw a;
      return a;
    },
  } as unknown as CloudClients;
  const target = {
    stack: { id: 'S', stackName: 'S', template: { Resources: resources } },
    account: '1111111111111111',
    region: 'cn-hangzhou',
    clients,
  } as unknown as StackTarget;
  return { target, calls, peak: () => peak };
}

describe('alertRulesInTemplate', () => {
  test('reads rules with the alert metadata only; literal patterns (object or JSON text) and names', () => {
    const rules = alertRulesInTemplate(
      {
        Resources: {
          A: rule({}, { detection: 'AT-DETECT-TAMPER', eventNames: ['StopLogging'] }),
          B: rule({
            RuleName: { 'Fn::Join': ['-', ['x', { Ref: 'ALIYUN::AccountId' }]] },
            FilterPattern: JSON.stringify(PATTERN),
          }),
          NotAlert: rule({}, null),
          Other: { Type: 'ALIYUN::RAM::Role', Properties: {} },
        } as never,
      },
      '1111111111111111',
      'cn-hangzhou',
    );
    expect(rules).toEqual([
      {
        logicalId: 'A',
        ruleName: 'r',
        eventBusName: 'default',
        detection: 'AT-DETECT-TAMPER',
        eventNames: ['StopLogging'],
        filterPattern: PATTERN,
        notLiteral: undefined,
      },
      {
        logicalId: 'B',
        ruleName: 'x-1111111111111111',
        eventBusName: 'default',
        detection: 'AT-DETECT-TAMPER',
        eventNames: ['StopLogging', 'DeleteTrail', 'UpdateTrail'],
        filterPattern: PATTERN,
        notLiteral: undefined,
      },
    ]);
  });

  test.each([
    [{ FilterPattern: { data: { eventName: [{ 'Fn::GetAtt': ['X', 'Y'] }] } } }, 'holds a reference or function'],
    [{ FilterPattern: '{not json' }, 'a string that is not JSON'],
    [{ FilterPattern: ['a'] }, 'is not an object (["a"])'],
    [{ FilterPattern: undefined }, 'is not an object (absent)'],
  ])('a FilterPattern that is not a literal object says why: %j', (props, why) => {
    const [r] = alertRulesInTemplate({ Resources: { A: rule(props) } as never });
    expect(r.filterPattern).toBeUndefined();
    expect(r.notLiteral).toContain(why);
  });
});

describe('preflight eventbridge.pattern', () => {
  test('samples go through TestEventPattern with at most TEST_PATTERN_CONCURRENCY in flight; ok when the answers agree', async () => {
    const { target, calls, peak } = fakeTarget({ A: rule({}) }, (_a, p) => ({
      Code: 'Success',
      Success: true,
      Data: { Result: eventMatchesPattern(JSON.parse(String(p.EventPattern)), JSON.parse(String(p.Event))) },
    }));
    const [r] = await alertPatternChecks(target);
    expect(r).toMatchObject({ status: 'ok', check: 'eventbridge.pattern', subject: 'A (rule r)' });
    expect(calls).toHaveLength(9);
    expect(peak()).toBe(TEST_PATTERN_CONCURRENCY);
  });

  test('an error in an HTTP 200 body, and an answer without Data.Result, are could-not-check with the code', async () => {
    const failed = fakeTarget({ A: rule({}) }, () => ({
      Code: 'ServiceNotEnable',
      Success: false,
      Message: 'Service not enable',
    }));
    expect((await alertPatternChecks(failed.target))[0]).toMatchObject({
      status: 'could-not-check',
      message: 'TestEventPattern failed (ServiceNotEnable: Service not enable)',
    });
    const empty = fakeTarget({ A: rule({}) }, () => ({ Code: 'Success', Success: true, Data: {} }));
    expect((await alertPatternChecks(empty.target))[0].message).toMatch(
      /^TestEventPattern failed \(NoResult: TestEventPattern answered without Data\.Result/,
    );
  });

  test('unknown and identity detections are could-not-check, naming the detection', async () => {
    const { target, calls } = fakeTarget(
      { A: rule({}, { detection: 'AT-DETECT-NOPE' }), B: rule({}, { detection: 'AT-DETECT-ROOT-USE' }) },
      () => ({}),
    );
    const [a, b] = await alertPatternChecks(target);
    expect(a.message).toBe(
      "its alert metadata names detection 'AT-DETECT-NOPE', which this actiontrail-cdk does not know",
    );
    expect(b.message).toMatch(/^detection AT-DETECT-ROOT-USE is an identity detection/);
    expect(calls).toEqual([]);
  });
});

describe('status GetRule', () => {
  test.each([
    ['ENABLE with targets', { Code: 'Success', Data: { Status: 'ENABLE', Targets: [{ Id: 't' }] } }, 'ok'],
    ['DISABLE', { Code: 'Success', Data: { Status: 'DISABLE', Targets: [{ Id: 't' }] } }, 'disabled'],
    ['no targets', { Code: 'Success', Data: { Status: 'ENABLE', Targets: [] } }, 'no-targets'],
    ['EventRuleNotExisted in a 200 body', { Code: 'EventRuleNotExisted', Success: false }, 'missing'],
    ['thrown 404', Object.assign(new Error('x'), { statusCode: 404, code: 'Whatever' }), 'missing'],
    ['thrown EventRuleNotExisted', Object.assign(new Error('x'), { code: 'EventRuleNotExisted' }), 'missing'],
    ['AccessDenied', Object.assign(new Error('x'), { statusCode: 403, code: 'Forbidden.RAM' }), 'could-not-check'],
    ['another error body', { Code: 'InternalError', Success: false }, 'could-not-check'],
  ])('%s -> %s', async (_name, answer, state) => {
    const { target, calls } = fakeTarget({ A: rule({}) }, () => answer);
    const [r] = await alertRuleReports(target);
    expect(r.state).toBe(state);
    expect(calls).toEqual([{ action: 'GetRule', params: { EventBusName: 'default', RuleName: 'r' } }]);
    expect(alertRuleProblems('S', [r])).toHaveLength(['missing', 'disabled', 'no-targets'].includes(state) ? 1 : 0);
  });

  test('a rule whose name is not literal is could-not-check without a call', async () => {
    const { target, calls } = fakeTarget({ A: rule({ RuleName: { Ref: 'Name' } }) }, () => ({}));
    expect((await alertRuleReports(target))[0]).toMatchObject({ state: 'could-not-check', ruleName: undefined });
    expect(calls).toEqual([]);
  });

  test('isRuleNotFound reads codes, not other 4xx', () => {
    expect(isRuleNotFound(Object.assign(new Error(), { code: 'EventRuleNotExisted' }))).toBe(true);
    expect(isRuleNotFound(Object.assign(new Error(), { statusCode: 400, code: 'InvalidArgument' }))).toBe(false);
  });
});

test('mapLimit keeps the order and the bound', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, n));
    inFlight--;
    return n * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30]);
  expect(peak).toBe(2);
  expect(await mapLimit([], 3, async () => 1)).toEqual([]);
});

describe('hunt options', () => {
  test('parses the window, columns and detections', () => {
    const a = parseCliArgs([
      'hunt',
      'S',
      '--since',
      '2026-12-01',
      '--until',
      '2026-12-01T06:00:00Z',
      '--detection',
      'AT-DETECT-TAMPER',
      '--detection',
      'AT-DETECT-KMS-KEY',
      '--event-column',
      'record',
      '--partition-column',
      'none',
    ]);
    expect(a).toMatchObject({
      command: 'hunt',
      stacks: ['S'],
      since: new Date('2026-12-01T00:00:00Z'),
      until: new Date('2026-12-01T06:00:00Z'),
      detections: ['AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY'],
      eventColumn: 'record',
      partitionColumn: null,
    });
    expect(parseCliArgs(['hunt']).partitionColumn).toBeUndefined();
  });

  test.each([
    [['--since', 'yesterday'], "--since 'yesterday' is not an ISO 8601 time"],
    [['--hours', '0'], "--hours '0' must be a positive number of hours"],
    [['--hours', '2', '--since', '2026-12-01'], '--hours and --since both say where the window starts'],
    [
      ['--since', '2026-12-02', '--until', '2026-12-01'],
      '--since 2026-12-02T00:00:00Z is not before --until 2026-12-01T00:00:00Z',
    ],
    [['--event-column', 'event;drop'], "--event-column 'event;drop' is not a column name"],
    [['--schema'], "'--schema' is not an option of hunt"],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(['hunt', ...argv])).toThrow(UsageError);
    expect(() => parseCliArgs(['hunt', ...argv])).toThrow(message);
  });

  test('detections: all by default, in catalogue order; an unknown id names the close one and every id', () => {
    expect(huntDetections(undefined).map((d) => d.id)).toEqual(detectionIds());
    expect(huntDetections(['AT-DETECT-KMS-KEY', 'AT-DETECT-TAMPER']).map((d) => d.id)).toEqual([
      'AT-DETECT-TAMPER',
      'AT-DETECT-KMS-KEY',
    ]);
    expect(() => huntDetections(['AT-DETECT-KMS'])).toThrow(
      `--detection 'AT-DETECT-KMS' is not a detection id (did you mean AT-DETECT-KMS-KEY?); the known ids are ${detectionIds().join(', ')}`,
    );
  });

  test('window: explicit, or --hours (default 24) before now to the minute', () => {
    const now = Date.parse('2026-12-07T10:30:42Z');
    expect(huntWindow({}, now)).toEqual({
      start: new Date('2026-12-06T10:30:00Z'),
      end: new Date('2026-12-07T10:30:00Z'),
    });
    expect(huntWindow({ hours: 2 }, now).start).toEqual(new Date('2026-12-07T08:30:00Z'));
    expect(() => huntWindow({ since: new Date('2026-12-08T00:00:00Z') }, now)).toThrow(UsageError);
  });
});
