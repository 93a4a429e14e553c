/**
 * lib/shared/backoff.ts, the one backoff: deadlines on a controlled clock, the
 * equal-jitter delays, the bound on attempts the CLI uses, and the deadline
 * the provider's calls share.
 */
import { Deadline, withRetries, backoffDelay, sleep } from '../../lib/shared/backoff';
import { ApiError, NetworkError, isRetryable } from '../../lib/provider/runtime/errors';

test('maxAttempts stops retrying a retryable error, and the first attempt always runs', async () => {
  const waits: number[] = [];
  let calls = 0;
  const failing = withRetries(
    async () => {
      calls++;
      throw new Error('busy');
    },
    {
      deadline: new Deadline(Infinity),
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 100,
      isRetryable: () => true,
      random: () => 0,
      sleep: async (ms) => void waits.push(ms),
    },
  );
  await expect(failing).rejects.toThrow('busy');
  expect(calls).toBe(3);
  expect(waits).toEqual([5, 10]);
});

test('without maxAttempts the deadline alone decides', async () => {
  let calls = 0;
  const result = await withRetries(
    async (attempt) => {
      calls++;
      if (attempt < 5) throw new Error('busy');
      return 'done';
    },
    {
      deadline: new Deadline(Infinity),
      baseDelayMs: 1,
      maxDelayMs: 1,
      isRetryable: () => true,
      sleep: async () => undefined,
    },
  );
  expect(result).toBe('done');
  expect(calls).toBe(5);
});

describe('retries', () => {
  test('backoff doubles, is capped, and jitters within the upper half of each step', () => {
    expect(backoffDelay(1, 100, 1000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 1000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(200);
    expect(backoffDelay(10, 100, 1000, () => 1)).toBe(1000);
  });

  test('withRetries stops before a wait would pass the deadline and records the attempts', async () => {
    let now = 0;
    const deadline = new Deadline(1000, () => now);
    const waits: number[] = [];
    const error = new ApiError('A', 'Throttling.User', 'm', 'r', 400);
    await expect(
      withRetries(
        async () => {
          throw error;
        },
        {
          deadline,
          baseDelayMs: 100,
          maxDelayMs: 400,
          isRetryable,
          random: () => 0,
          sleep: async (ms) => void (waits.push(ms), (now += ms)),
        },
      ),
    ).rejects.toBe(error);
    expect(waits).toEqual([50, 100, 200, 200, 200, 200]); // 950 ms; the next 200 ms would pass 1000
    expect(error.attempts).toBe(7);
  });

  test('withRetries returns the first success', async () => {
    let calls = 0;
    const result = await withRetries(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new NetworkError('x', 'ECONNRESET');
        return 'ok';
      },
      { deadline: Deadline.in(10_000), baseDelayMs: 1, maxDelayMs: 1, isRetryable },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('retry.ts', () => {
  test('a deadline counts from its clock', () => {
    let now = 1000;
    const d = Deadline.in(500, () => now);
    expect(d.at).toBe(1500);
    expect(d.remaining()).toBe(500);
    now = 1600;
    expect(d.remaining()).toBe(-100);
    expect(new Deadline(10, () => 4).remaining()).toBe(6);
  });

  test('the first wait is half the base delay plus up to the other half; later ones double; the cap holds', () => {
    expect(backoffDelay(1, 100, 1000, () => 0.5)).toBe(75);
    expect(backoffDelay(2, 100, 1000, () => 0)).toBe(100);
    expect(backoffDelay(2, 100, 1000, () => 0.5)).toBe(150);
    expect(backoffDelay(4, 100, 1000, () => 0)).toBe(400);
    expect(backoffDelay(5, 100, 1000, () => 0)).toBe(500); // 1600 capped at 1000
    expect(backoffDelay(5, 100, 1000, () => 0.5)).toBe(750);
  });

  test('sleep waits about the time asked', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  /** A clock that only the fake sleep moves. */
  function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
    let t = 0;
    const waits: number[] = [];
    return { now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)), waits };
  }

  test('no retry when the wait would end exactly at the deadline', async () => {
    const time = fakeTime();
    const error = new NetworkError('reset', 'ECONNRESET');
    const operation = jest.fn(async () => {
      throw error;
    });
    await expect(
      withRetries(operation, {
        deadline: new Deadline(50, time.now),
        baseDelayMs: 100,
        maxDelayMs: 100,
        isRetryable: () => true,
        random: () => 0,
        sleep: time.sleep,
      }),
    ).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(time.waits).toEqual([]);
    expect(error.attempts).toBe(1);
  });

  test('onRetry is told the attempt that failed, the wait and the error, before each wait; attempts count from 1', async () => {
    const time = fakeTime();
    const seen: unknown[] = [];
    const attempts: number[] = [];
    const result = await withRetries(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error(`failure ${attempt}`);
        return 'done';
      },
      {
        deadline: new Deadline(10_000, time.now),
        baseDelayMs: 100,
        maxDelayMs: 1000,
        isRetryable: () => true,
        random: () => 0,
        sleep: time.sleep,
        onRetry: ({ attempt, delayMs, error }) =>
          seen.push({ attempt, delayMs, message: (error as Error).message, waitsSoFar: time.waits.length }),
      },
    );
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(seen).toEqual([
      { attempt: 1, delayMs: 50, message: 'failure 1', waitsSoFar: 0 },
      { attempt: 2, delayMs: 100, message: 'failure 2', waitsSoFar: 1 },
    ]);
    expect(time.waits).toEqual([50, 100]);
  });

  test('whatever is thrown is rethrown as it is; only errors with an attempts field get the count', async () => {
    const run = (thrown: unknown) =>
      withRetries(
        async () => {
          throw thrown;
        },
        { deadline: Deadline.in(1000), baseDelayMs: 1, maxDelayMs: 1, isRetryable: () => false },
      );
    await expect(run('a string')).rejects.toBe('a string');
    await expect(run(null)).rejects.toBeNull();
    await expect(run(undefined)).rejects.toBeUndefined();
    const plain = new Error('plain');
    await expect(run(plain)).rejects.toBe(plain);
    expect(plain).not.toHaveProperty('attempts');
    const api = new ApiError('A', 'InvalidParameter', 'm', 'r', 400);
    await expect(run(api)).rejects.toBe(api);
    expect(api.attempts).toBe(1);
  });
});
