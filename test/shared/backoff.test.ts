/** lib/shared/backoff.ts: the bound on attempts the CLI uses (the deadline is covered by the provider's retry tests). */
import { Deadline, withRetries } from '../../lib/shared/backoff';

test('maxAttempts stops retrying a retryable error, and the first attempt always runs', async () => {
  const waits: number[] = [];
  let calls = 0;
  const failing = withRetries(
    async () => {
      calls++;
      throw new Error('busy');
    },
    { deadline: new Deadline(Infinity), maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, isRetryable: () => true, random: () => 0, sleep: async (ms) => void waits.push(ms) },
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
    { deadline: new Deadline(Infinity), baseDelayMs: 1, maxDelayMs: 1, isRetryable: () => true, sleep: async () => undefined },
  );
  expect(result).toBe('done');
  expect(calls).toBe(5);
});
