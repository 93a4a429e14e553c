/**
 * Retries with exponential backoff and jitter inside one time budget: the one
 * backoff of the provider bundle and the CLI. Node built-ins only.
 *
 * In the provider the budget is a deadline shared by every call of one
 * invocation (a rename makes three calls; together they must still answer ROS
 * in time); the CLI bounds the number of attempts instead. Jitter only
 * affects run-time waiting, never anything written to a template.
 */

/** A point in time (epoch ms) after which no new attempt starts. */
export class Deadline {
  /** A deadline `budgetMs` from now. */
  static in(budgetMs: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + budgetMs, now);
  }

  /**
   * @param at epoch milliseconds
   * @param now clock, replaceable in tests
   */
  constructor(
    readonly at: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds left (negative once passed). */
  remaining(): number {
    return this.at - this.now();
  }
}

/** Options of {@link withRetries}. */
export interface RetryOptions {
  /** No attempt starts, and no wait is begun that would end, after this. */
  readonly deadline: Deadline;
  /** Delay before the first retry; doubles each retry. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first included. @default no bound: the deadline decides */
  readonly maxAttempts?: number;
  /** Whether an error is worth another attempt. */
  readonly isRetryable: (err: unknown) => boolean;
  /** Called before each wait (for logging). @default nothing is called */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Random source in [0, 1), replaceable in tests. @default Math.random */
  readonly random?: () => number;
  /** Sleep function, replaceable in tests. @default a setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The wait before retry number `retry` (1-based): "equal jitter", i.e. half
 * of the exponential step plus a random part of the other half, so waits
 * always grow but concurrent callers spread out.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or
 * the next wait would pass the deadline; then rethrows the last error with
 * its `attempts` property (when it has one) set to the number of attempts.
 * The first attempt always runs.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const delayMs = backoffDelay(attempt, options.baseDelayMs, options.maxDelayMs, random);
      const lastAttempt = options.maxAttempts !== undefined && attempt >= options.maxAttempts;
      if (lastAttempt || !options.isRetryable(error) || delayMs >= options.deadline.remaining()) {
        if (error && typeof error === 'object' && 'attempts' in error)
          (error as { attempts: number }).attempts = attempt;
        throw error;
      }
      options.onRetry?.({ attempt, delayMs, error });
      await wait(delayMs);
    }
  }
}
