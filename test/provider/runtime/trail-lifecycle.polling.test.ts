/**
 * Read-back polling in lib/provider/runtime/trail-lifecycle.ts: after a
 * change the trail is read again, with growing waits, until it shows the
 * change, for at most the eventual-consistency window and never past the
 * deadline.
 *
 * The exact schedule is pinned with a fake clock: `Date.now` and the module's
 * `sleep` advance a counter instead of waiting, and the jitter is fixed
 * (`Math.random` = 0, so each wait is half its exponential step). The API is
 * an in-memory stand-in that answers DeleteTrail and keeps listing the trail
 * (a deletion that does not show). One test runs the handler against the
 * simulator, where the trail shows on the second read.
 */
import { handler } from '../../../lib/provider/handler';
import { ApiParams, ApiResult, TrailApi } from '../../../lib/provider/runtime/actiontrail-client';
import { ApiAction } from '../../../lib/shared/provider-contract';
import { ApiError } from '../../../lib/provider/runtime/errors';
import { createLogger } from '../../../lib/provider/runtime/log';
import { parseTrailProperties } from '../../../lib/provider/runtime/properties';
import { Redactor } from '../../../lib/shared/redact';
import * as retry from '../../../lib/shared/backoff';
import { Deadline } from '../../../lib/shared/backoff';
import { LifecycleContext, createTrail, deleteTrail, readTrail } from '../../../lib/provider/runtime/trail-lifecycle';
import {
  ACCOUNT_ID,
  REGION,
  captureConsole,
  fcContext,
  pid,
  rosEvent,
  successAnswer,
  trailProps,
  useProviderEnvironment,
  withEnv,
} from '../harness';
import { rejection, testOwnership } from '../lifecycle-kit';

const { sim, receiver } = useProviderEnvironment();
captureConsole();

describe('read-back schedule (fake clock)', () => {
  let clock: number;
  let sleeps: number[];
  let calls: string[];

  beforeEach(() => {
    clock = 1_000_000;
    sleeps = [];
    calls = [];
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    jest.spyOn(retry, 'sleep').mockImplementation(async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
      // Let timers run, so that a poll that never ends still meets the test timeout.
      await new Promise((resolve) => setImmediate(resolve));
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /** An API whose DeleteTrail succeeds but whose DescribeTrails keeps listing the trail (after another one). */
  const stubbornApi: TrailApi = {
    async call(action: ApiAction, params: ApiParams): Promise<ApiResult> {
      calls.push(action);
      if (calls.length > 1000) throw new Error('polled 1000 times');
      if (action === 'DeleteTrail') return { RequestId: 'r' };
      // Another trail is listed too: the deleted one counts as still there because one entry has its name.
      if (action === 'DescribeTrails')
        return { RequestId: 'r', TrailList: [{ Name: 'other_trail' }, { Name: params.NameList }] };
      throw new Error(`unexpected ${action}`);
    },
  };

  /** Deletes audit_all with the stubborn API; `deadlineMs` and `windowMs` from the fake now. */
  async function deleteThatDoesNotShow(windowMs: number, deadlineMs: number, pollBaseMs = 100): Promise<Error> {
    const now = (): number => clock;
    const ctx: LifecycleContext = {
      api: stubbornApi,
      logger: createLogger(new Redactor([]), { log() {}, warn() {}, error() {} }),
      region: REGION,
      accountId: ACCOUNT_ID,
      deadline: new Deadline(clock + deadlineMs, now),
      // Undo calls only: a read-back after a normal DeleteTrail stops at `deadline`.
      cleanupDeadline: new Deadline(clock + 10_000_000, now),
      pollBaseMs,
      consistencyWindowMs: windowMs,
      lateArrivalMs: 1000,
    };
    return rejection(deleteTrail(ctx, testOwnership(), 'AuditTrail', pid('audit_all'), trailProps()));
  }

  const reads = (): number => calls.filter((a) => a === 'DescribeTrails').length;

  test('waits double from half the poll base; the read that would end past the window is not waited for', async () => {
    // Waits 50, 100, 200 end at 350 = the window: allowed. The next (400) would end at 750: the read-back gives up.
    const e = await deleteThatDoesNotShow(350, 1_000_000);
    expect(e.message).toBe('DeleteTrail answered, but the trail audit_all still exists');
    expect(calls[0]).toBe('DeleteTrail');
    expect(sleeps).toEqual([50, 100, 200]);
    expect(reads()).toBe(4);
  });

  test('one millisecond less of window: the third wait is not begun', async () => {
    await deleteThatDoesNotShow(349, 1_000_000);
    expect(sleeps).toEqual([50, 100]);
    expect(reads()).toBe(3);
  });

  test('the waits are capped at half of 5 s (or of the poll base, when larger)', async () => {
    await deleteThatDoesNotShow(20_000, 1_000_000);
    expect(sleeps).toEqual([50, 100, 200, 400, 800, 1600, 2500, 2500, 2500, 2500, 2500, 2500]);
    sleeps.length = 0;
    // A poll base of 8 s: every step is capped at 8 s, so every wait is 4 s.
    await deleteThatDoesNotShow(12_000, 1_000_000, 8000);
    expect(sleeps).toEqual([4000, 4000, 4000]);
  });

  test('a wait as long as the time left before the deadline is not begun', async () => {
    // After the first wait (50) 100 ms are left, and the next wait is 100.
    const e = await deleteThatDoesNotShow(1_000_000, 150);
    expect(e.message).toBe('DeleteTrail answered, but the trail audit_all still exists');
    expect(sleeps).toEqual([50]);
    expect(reads()).toBe(2);
  });

  test('one millisecond more before the deadline: that wait is begun', async () => {
    await deleteThatDoesNotShow(1_000_000, 151);
    expect(sleeps).toEqual([50, 100]);
    expect(reads()).toBe(3);
  });
});

describe('the wait before an undo (fake clock)', () => {
  let clock: number;
  let sleeps: number[];

  beforeEach(() => {
    clock = 1_000_000;
    sleeps = [];
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    jest.spyOn(retry, 'sleep').mockImplementation(async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /**
   * A Create whose CreateTrail is refused after an earlier attempt had no clear
   * answer `ago` ms before; the undo finds nothing. Returns the logged waits.
   */
  async function undoAfter(ago: number, cleanupLeftMs: number): Promise<unknown[]> {
    const now = (): number => clock;
    const lines: string[] = [];
    const api: TrailApi & { lastAmbiguousAt?: number } = {
      lastAmbiguousAt: clock - ago,
      async call(action: ApiAction): Promise<ApiResult> {
        if (action === 'DescribeTrails') return { RequestId: 'r', TrailList: [] };
        const refused = new ApiError(
          action,
          action === 'DeleteTrail' ? 'TrailNotFoundException' : 'InvalidParameter',
          'no',
          'r',
          action === 'DeleteTrail' ? 404 : 400,
        );
        refused.ambiguousEarlierAttempt = action === 'CreateTrail';
        throw refused;
      },
    };
    const ctx: LifecycleContext = {
      api,
      logger: createLogger(new Redactor([]), {
        log: (l) => lines.push(l),
        warn: (l) => lines.push(l),
        error: (l) => lines.push(l),
      }),
      region: REGION,
      accountId: ACCOUNT_ID,
      deadline: new Deadline(clock + 100_000, now),
      cleanupDeadline: new Deadline(clock + cleanupLeftMs, now),
      pollBaseMs: 100,
      consistencyWindowMs: 1000,
      lateArrivalMs: 1000,
    };
    const e = await rejection(createTrail(ctx, 'AuditTrail', parseTrailProperties(trailProps())));
    expect(e.message).toContain('No trail audit_all was left behind.');
    return lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'waiting for an attempt with no clear answer to land before undoing');
  }

  test('until one late-arrival time after the unanswered attempt', async () => {
    expect(await undoAfter(400, 10_000)).toEqual([
      { level: 'info', msg: 'waiting for an attempt with no clear answer to land before undoing', ms: 600 },
    ]);
    expect(sleeps).toEqual([600]);
  });

  test('at most half of the time left for undoing', async () => {
    expect(await undoAfter(400, 800)).toEqual([
      { level: 'info', msg: 'waiting for an attempt with no clear answer to land before undoing', ms: 400 },
    ]);
    expect(sleeps).toEqual([400]);
  });

  test('not at all once the late-arrival time is over, to the millisecond', async () => {
    expect(await undoAfter(1000, 10_000)).toEqual([]);
    expect(sleeps).toEqual([]);
  });
});

describe('read-back against the simulator', () => {
  test('a created trail not visible at the first read-back is read again, and the Create succeeds', async () => {
    // The first DescribeTrails (is the name free?) and the first read-back do not see it.
    sim.invisibleNext(2, 'DescribeTrails');
    // A budget and request timeout this test does not mean to exhaust (a read-back wait must fit before the deadline).
    await withEnv(
      {
        ACTIONTRAIL_RETRY_BUDGET_MS: '20000',
        ACTIONTRAIL_CLEANUP_RESERVE_MS: '10000',
        ACTIONTRAIL_REQUEST_TIMEOUT_MS: '10000',
      },
      () => handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext()),
    );
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last()).toEqual(successAnswer('audit_all'));
    expect(sim.calls.map((c) => `${c.action}${c.fault ? `[${c.fault}]` : ''}`)).toEqual([
      'DescribeTrails[invisible]',
      'CreateTrail',
      'StartLogging',
      'DescribeTrails[invisible]',
      'DescribeTrails',
      'GetTrailStatus',
    ]);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });
});

describe("reading a trail from the API's answers", () => {
  /** A lifecycle context over an API that answers DescribeTrails with `trails` and GetTrailStatus with `status`. */
  function over(
    trails: unknown,
    status: Record<string, unknown> = { IsLogging: true },
  ): { ctx: LifecycleContext; calls: Array<[string, ApiParams]> } {
    const calls: Array<[string, ApiParams]> = [];
    const api: TrailApi = {
      async call(action: ApiAction, params: ApiParams): Promise<ApiResult> {
        calls.push([action, params]);
        if (action === 'DescribeTrails') return { RequestId: 'r', TrailList: trails };
        if (action === 'GetTrailStatus') return { RequestId: 'r', ...status };
        if (action === 'DeleteTrail') return { RequestId: 'r' };
        throw new Error(`unexpected ${action}`);
      },
    };
    const ctx: LifecycleContext = {
      api,
      logger: createLogger(new Redactor([]), { log() {}, warn() {}, error() {} }),
      region: REGION,
      accountId: ACCOUNT_ID,
      deadline: Deadline.in(5000),
      cleanupDeadline: Deadline.in(5000),
      pollBaseMs: 1,
      consistencyWindowMs: 50,
      lateArrivalMs: 1000,
    };
    return { ctx, calls };
  }

  const SERVICE_ROLE = `acs:ram::${ACCOUNT_ID}:role/AliyunServiceRoleForActionTrail`;
  const CUSTOM_ROLE = `acs:ram::${ACCOUNT_ID}:role/aliyunserviceroleforactiontrail-delivery`;

  test('only the entry with the name counts; empty, non-string and service-linked-role values are not settings; string booleans are read', async () => {
    const { ctx, calls } = over(
      [
        null,
        'audit_all',
        7,
        { Name: 'other_trail', EventRW: 'Read', IsOrganizationTrail: false },
        {
          Name: 'audit_all',
          IsOrganizationTrail: 'true',
          EventRW: 'All',
          TrailRegion: 'All',
          OssBucketName: '',
          SlsProjectArn: 5,
          MaxComputeProjectArn: 'acs:odps:cn-hangzhou:1:project/actiontrail_1',
          MaxComputeWriteRoleArn: SERVICE_ROLE,
          SlsWriteRoleArn: CUSTOM_ROLE,
          // The service-linked role's ARN outside a write-role field is kept as it is.
          OssKeyPrefix: SERVICE_ROLE,
          HomeRegion: '',
          TrailArn: 'acs:actiontrail:cn-hangzhou:1:trail/audit_all',
          CreateTime: '2021-03-01T06:27:28Z',
        },
      ],
      { IsLogging: 'true' },
    );
    expect(await readTrail(ctx, 'audit_all')).toStrictEqual({
      name: 'audit_all',
      isOrganizationTrail: true,
      logging: true,
      settings: {
        EventRW: 'All',
        TrailRegion: 'All',
        MaxComputeProjectArn: 'acs:odps:cn-hangzhou:1:project/actiontrail_1',
        SlsWriteRoleArn: CUSTOM_ROLE,
        OssKeyPrefix: SERVICE_ROLE,
      },
      homeRegion: undefined,
      trailArn: 'acs:actiontrail:cn-hangzhou:1:trail/audit_all',
      createdAt: Date.UTC(2021, 2, 1, 6, 27, 28),
    });
    expect(calls).toEqual([
      ['DescribeTrails', { NameList: 'audit_all', IncludeOrganizationTrail: true }],
      ['GetTrailStatus', { Name: 'audit_all', IsOrganizationTrail: true }],
    ]);
  });

  test('booleans as booleans; anything else is false; a non-string home region or ARN is not reported', async () => {
    const trail = {
      Name: 'audit_all',
      IsOrganizationTrail: true,
      EventRW: 'Write',
      HomeRegion: 'cn-shanghai',
      TrailArn: 42,
    };
    expect(await readTrail(over([trail], { IsLogging: true }).ctx, 'audit_all')).toStrictEqual({
      name: 'audit_all',
      isOrganizationTrail: true,
      logging: true,
      settings: { EventRW: 'Write' },
      homeRegion: 'cn-shanghai',
      trailArn: undefined,
      createdAt: undefined,
    });
    const off = await readTrail(
      over([{ ...trail, IsOrganizationTrail: 'yes', HomeRegion: 7 }], { IsLogging: 'false' }).ctx,
      'audit_all',
    );
    expect(off).toMatchObject({ isOrganizationTrail: false, logging: false, homeRegion: undefined });
    expect((await readTrail(over([trail], { IsLogging: 1 }).ctx, 'audit_all'))?.logging).toBe(false);
  });

  test('no entry with the name, or no list at all: the trail does not exist, and its status is not asked', async () => {
    for (const answer of [[{ Name: 'other_trail' }, null, 'audit_all'], undefined, { Name: 'audit_all' }]) {
      const { ctx, calls } = over(answer);
      expect(await readTrail(ctx, 'audit_all')).toBeUndefined();
      expect(calls.map(([action]) => action)).toEqual(['DescribeTrails']);
    }
  });

  test('GetTrailStatus not finding a listed trail: gone when the next listing no longer has it, else the state cannot be read', async () => {
    const lists = [[{ Name: 'audit_all' }], []];
    const calls: string[] = [];
    const api: TrailApi = {
      async call(action: ApiAction): Promise<ApiResult> {
        calls.push(action);
        if (action === 'DescribeTrails') return { RequestId: 'r', TrailList: lists.shift() ?? [{ Name: 'audit_all' }] };
        throw new ApiError('GetTrailStatus', 'TrailNotFoundException', 'gone', 'r', 404);
      },
    };
    const { ctx } = over([]);
    expect(await readTrail({ ...ctx, api }, 'audit_all')).toBeUndefined();
    expect(calls).toEqual(['DescribeTrails', 'GetTrailStatus', 'DescribeTrails']);
    const e = await rejection(readTrail({ ...ctx, api }, 'audit_all'));
    expect(e.message).toBe(
      'DescribeTrails lists the trail audit_all, but GetTrailStatus keeps answering TrailNotFoundException; its state cannot be read, so nothing more was changed',
    );
  });

  test('a deletion is confirmed when the list holds only other trails or no objects', async () => {
    const { ctx, calls } = over([null, 'audit_all', 7, { Name: 'other_trail' }]);
    const result = await deleteTrail(ctx, testOwnership(), 'AuditTrail', pid('audit_all'), trailProps());
    expect(result.data.Name).toBe('audit_all');
    expect(calls).toEqual([
      ['DeleteTrail', { Name: 'audit_all' }],
      ['DescribeTrails', { NameList: 'audit_all', IncludeOrganizationTrail: true }],
    ]);
  });
});
