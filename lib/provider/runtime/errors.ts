/**
 * Error types of the provider and the rules that say which of them are worth
 * retrying and how each is told to ROS.
 */

import { clip } from '../../shared/quote';

/** An error answer from the ActionTrail API (HTTP 4xx/5xx with a JSON error body). */
export class ApiError extends Error {
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;
  /**
   * True when an earlier attempt of the same call had an ambiguous outcome
   * ({@link isAmbiguousFailure}): it may have been applied although it failed.
   * Set by the API client.
   */
  ambiguousEarlierAttempt = false;

  /**
   * @param action the API operation, e.g. `CreateTrail`
   * @param code the API's error `Code`, e.g. `TrailNotFoundException`
   * @param apiMessage the API's error `Message`
   * @param requestId the API's `RequestId`, when it sent one
   * @param statusCode the HTTP status code
   */
  constructor(
    readonly action: string,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly statusCode: number,
  ) {
    super(`${action} failed: ${code}: ${apiMessage}`);
    this.name = 'ApiError';
  }
}

/** A request that got no complete HTTP answer: connection refused or reset, timeout, DNS. */
export class NetworkError extends Error {
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;
  /** As {@link ApiError.ambiguousEarlierAttempt}. */
  ambiguousEarlierAttempt = false;
  /** The API operation, when the request was an API call. */
  action?: string;

  /**
   * @param message what happened
   * @param code a Node-style error code, e.g. `ECONNRESET`, `ETIMEDOUT`
   */
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The custom resource's properties are not a valid trail configuration; nothing was called. */
export class InvalidPropertiesError extends Error {
  /** @param problems one line per problem found */
  constructor(readonly problems: readonly string[]) {
    super(`Invalid trail properties: ${problems.join('; ')}`);
    this.name = 'InvalidPropertiesError';
  }
}

/** A failure the provider detected itself, with a reason written for the user. */
export class ProviderError extends Error {
  /** @param message the reason shown in ROS */
  constructor(message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** True for an {@link ApiError} with one of the given codes. */
export function isApiErrorCode(err: unknown, ...codes: string[]): err is ApiError {
  return err instanceof ApiError && codes.includes(err.code);
}

/** Network errors after which a retry cannot help: the host does not resolve (DNS), or the endpoint is not a URL. */
const FAIL_FAST_NETWORK_CODES = [
  'ENOTFOUND',
  'EAI_AGAIN',
  'EINVALIDURL',
  'ERR_INVALID_URL',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];

/**
 * Whether a failed call is worth retrying at once (with backoff): HTTP 429
 * whatever its body, `Throttling*` codes, `ServiceUnavailable`, any HTTP 5xx,
 * an empty 2xx answer, and network errors other than a host that does not
 * resolve or a bad endpoint (those fail fast). Eventual-consistency errors
 * are retried separately, for a limited window ({@link isEventualConsistencyError}).
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return !FAIL_FAST_NETWORK_CODES.includes(err.code);
  if (err instanceof ApiError) {
    return (
      err.statusCode === 429 ||
      err.code.startsWith('Throttling') ||
      err.code === 'ServiceUnavailable' ||
      err.statusCode >= 500
    );
  }
  return false;
}

/**
 * Errors that mean "not yet", not "no": a bucket policy, or a RAM role or
 * policy created moments earlier in the same stack, that is not effective yet
 * (RAM is eventually consistent; Terraform's provider retries
 * `InsufficientBucketPolicyException`), and `TrailNotFoundException` from a
 * call about a trail this invocation has just created (`justCreated`). They
 * are retried for a limited window (`ACTIONTRAIL_CONSISTENCY_WINDOW_MS`, 60 s
 * by default) inside the invocation's budget.
 */
export function isEventualConsistencyError(err: unknown, justCreated = false): boolean {
  if (!(err instanceof ApiError)) return false;
  if (/^Insufficient\w*PolicyException$/.test(err.code)) return true;
  if (err.statusCode === 403 && !err.code.startsWith('Throttling')) return true;
  return justCreated && err.code === 'TrailNotFoundException';
}

/** Network errors that prove the request never reached the server. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EINVALIDURL', 'ERR_INVALID_URL'];

/**
 * Whether a failed attempt may nevertheless have been applied by the API: a
 * timeout or a connection lost after sending (any network error but a refused
 * connection or a failed DNS lookup), or an HTTP 5xx. A 4xx answer (including
 * throttling) means the request was rejected and nothing changed.
 */
export function isAmbiguousFailure(err: unknown): boolean {
  if (err instanceof NetworkError) return !NOT_SENT_CODES.includes(err.code);
  if (err instanceof ApiError) return err.statusCode >= 500;
  return false;
}

/** Whether a failed call (with all its retries) may have taken effect: its last or any earlier attempt was ambiguous. */
export function mayHaveTakenEffect(err: unknown): boolean {
  if (err instanceof ApiError || err instanceof NetworkError)
    return err.ambiguousEarlierAttempt || isAmbiguousFailure(err);
  return false;
}

/** A one-line, user-facing description of any error, for the FAILED Reason. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const tries = err.attempts > 1 ? `, after ${err.attempts} attempts` : '';
    return `${err.action} failed: ${clip(err.code, 100)}: ${clip(err.apiMessage, 600)} (RequestId: ${err.requestId ?? 'none'}, HTTP ${err.statusCode}${tries})`;
  }
  if (err instanceof NetworkError) {
    const tries = err.attempts > 1 ? ` after ${err.attempts} attempts` : '';
    return `${err.action ?? 'request'} failed: network error ${clip(err.code, 60)}: ${clip(err.message, 300)}${tries}`;
  }
  if (err instanceof InvalidPropertiesError || err instanceof ProviderError) return err.message;
  if (err instanceof Error) return `Internal error: ${err.name}: ${err.message}`;
  return `Internal error: ${String(err)}`;
}
