import { Deadline, withRetries } from '../../lib/shared/backoff';

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
}

/** Error codes Alibaba Cloud documents as transient (Terraform's alicloud provider retries the same). */
const RETRYABLE_CODES = /^(Throttling(\..*)?|ServiceUnavailable|InternalError|LastTokenProcessing|.*\.Throttling)$/;
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNREFUSED', 'ESOCKETTIMEDOUT']);

/**
 * Whether an SDK error is worth retrying: throttling (the SDK throws its
 * `ThrottlingError` for any `Throttling*` code), 5xx answers and broken
 * connections. 4xx answers other than throttling are final.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: unknown; statusCode?: unknown };
  if (e.name === 'ThrottlingError') return true;
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return true;
  if (typeof e.code === 'string' && (RETRYABLE_CODES.test(e.code) || RETRYABLE_NETWORK.has(e.code))) return true;
  return false;
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
  return withRetries(() => op(), {
    deadline: new Deadline(Infinity),
    maxAttempts: options.attempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? defaultRetryBaseMs(),
    maxDelayMs: options.maxDelayMs ?? 20_000,
    isRetryable,
    onRetry: options.onRetry && (({ attempt, delayMs, error }) => options.onRetry?.(error, attempt, delayMs)),
    sleep: options.sleep,
  });
}
