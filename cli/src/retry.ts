import { Deadline, withRetries } from '../../lib/shared/backoff';
import { InterruptedError } from './errors';
import { errorCode, timeoutCode } from './failures';

/** How {@link withRetry} retries. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 6 */
  readonly attempts?: number;
  /** The first delay in ms; each next one doubles, with equal jitter. @default ACTIONTRAIL_CDK_RETRY_BASE_MS or 1000 */
  readonly baseDelayMs?: number;
  /** The longest delay in ms. @default 20000 */
  readonly maxDelayMs?: number;
  /** Called before each retry (e.g. to print a note). */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Sleeps; tests and the interruptible waiter pass their own. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Aborted by Ctrl-C: a wait between attempts ends at once and no further
   * attempt (nor a first one) starts; {@link withRetry} throws InterruptedError.
   * @default never aborted
   */
  readonly signal?: AbortSignal;
}

/** Error codes Alibaba Cloud documents as transient (Terraform's alicloud provider retries the same). */
const RETRYABLE_CODES = /^(Throttling(\..*)?|ServiceUnavailable|InternalError|LastTokenProcessing|.*\.Throttling)$/;
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNREFUSED', 'ESOCKETTIMEDOUT']);

/**
 * Whether an SDK error is worth retrying: throttling (the SDK throws its
 * `ThrottlingError` for any `Throttling*` code), 5xx answers and broken
 * connections, and the SDK's own timeouts (ConnectTimeout, ReadTimeout). 4xx
 * answers other than throttling are final.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: unknown; statusCode?: unknown };
  if (e.name === 'ThrottlingError') return true;
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return true;
  if (typeof e.code === 'string' && (RETRYABLE_CODES.test(e.code) || RETRYABLE_NETWORK.has(e.code))) return true;
  // The SDK's ConnectTimeout / ReadTimeout: no answer, like ETIMEDOUT.
  return timeoutCode(error) !== undefined;
}

/** The base delay: `ACTIONTRAIL_CDK_RETRY_BASE_MS` when set (tests shorten it), else 1 s. */
export function defaultRetryBaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ACTIONTRAIL_CDK_RETRY_BASE_MS);
  return Number.isFinite(v) &&
    v >= 0 &&
    env.ACTIONTRAIL_CDK_RETRY_BASE_MS !== '' &&
    env.ACTIONTRAIL_CDK_RETRY_BASE_MS !== undefined
    ? v
    : 1000;
}

/**
 * Runs `op`, retrying {@link isRetryable} errors with the shared bounded
 * exponential backoff ("equal jitter": half the step plus a random part of the
 * other half). Non-idempotent calls must carry their own idempotency token
 * (CreateStack's `ClientToken`), so a retry cannot act twice.
 * @throws the last error when attempts run out, or the first final error
 */
export async function withRetry<T>(op: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const signal = options.signal;
  let last: unknown;
  return withRetries(
    async () => {
      if (signal?.aborted) {
        throw new InterruptedError(
          last === undefined
            ? 'interrupted (Ctrl-C): no further API call was made; stack operations already started keep running in ROS'
            : `interrupted (Ctrl-C) while retrying after ${errorCode(last)}: no further attempt was made; stack operations already started keep running in ROS`,
        );
      }
      try {
        return await op();
      } catch (e) {
        last = e;
        throw e;
      }
    },
    {
      deadline: new Deadline(Infinity),
      maxAttempts: options.attempts ?? 6,
      baseDelayMs: options.baseDelayMs ?? defaultRetryBaseMs(),
      maxDelayMs: options.maxDelayMs ?? 20_000,
      // After Ctrl-C a retryable failure goes on to the check above, which turns it into InterruptedError.
      isRetryable: (e) => !(e instanceof InterruptedError) && isRetryable(e),
      onRetry:
        options.onRetry &&
        (({ attempt, delayMs, error }) => {
          if (!signal?.aborted) options.onRetry?.(error, attempt, delayMs);
        }),
      sleep: signal ? (ms) => interruptibleSleep(ms, signal, options.sleep) : options.sleep,
    },
  );
}

/**
 * Sleeps (with `sleep` when given, else a timer), ending early without error
 * once the signal aborts; the timer is cleared then, so it does not hold the
 * process open.
 */
export function interruptibleSleep(
  ms: number,
  signal: AbortSignal,
  sleep?: (ms: number) => Promise<void>,
): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    if (sleep) void sleep(ms).then(done, done);
    else timer = setTimeout(done, ms);
  });
}
