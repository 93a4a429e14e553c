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
import { handler } from '../../lib/provider/handler';
import { ApiParams, ApiResult, TrailApi } from '../../lib/provider/runtime/actiontrail-client';
import { ApiAction } from '../../lib/provider/runtime/actions';
import { createLogger } from '../../lib/provider/runtime/log';
import { Redactor } from '../../lib/provider/runtime/redact';
import * as retry from '../../lib/provider/runtime/retry';
import { Deadline } from '../../lib/provider/runtime/retry';
import { LifecycleContext, deleteTrail } from '../../lib/provider/runtime/trail-lifecycle';
import { ACCOUNT_ID, REGION, captureConsole, fcContext, pid, rosEvent, successAnswer, trailProps, useProviderEnvironment } from './harness';
import { rejection, testOwnership } from './lifecycle-kit';

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

  /** An API whose DeleteTrail succeeds but whose DescribeTrails keeps listing the trail. */
  const stubbornApi: TrailApi = {
    async call(action: ApiAction, params: ApiParams): Promise<ApiResult> {
      calls.push(action);
      if (calls.length > 1000) throw new Error('polled 1000 times');
      if (action === 'DeleteTrail') return { RequestId: 'r' };
      if (action === 'DescribeTrails') return { RequestId: 'r', TrailList: [{ Name: params.NameList }] };
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

describe('read-back against the simulator', () => {
  test('a created trail not visible at the first read-back is read again, and the Create succeeds', async () => {
    // The first DescribeTrails (is the name free?) and the first read-back do not see it.
    sim.invisibleNext(2, 'DescribeTrails');
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
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
