/**
 * Error types of the provider and the rules that say which of them are worth
 * retrying and how each is told to ROS.
 */

/** An error answer from the ActionTrail API (HTTP 4xx/5xx with a JSON error body). */
export class ApiError extends Error {
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;

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

/**
 * Whether a failed call is worth retrying: throttling (`Throttling*` codes),
 * `ServiceUnavailable`, any HTTP 5xx, and every network error (refused,
 * reset, timeout). Every other API error is final.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof ApiError) {
    return err.code.startsWith('Throttling') || err.code === 'ServiceUnavailable' || err.statusCode >= 500;
  }
  return false;
}

/** A one-line, user-facing description of any error, for the FAILED Reason. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const tries = err.attempts > 1 ? `, after ${err.attempts} attempts` : '';
    return `${err.action} failed: ${err.code}: ${err.apiMessage} (RequestId: ${err.requestId ?? 'none'}, HTTP ${err.statusCode}${tries})`;
  }
  if (err instanceof NetworkError) {
    const tries = err.attempts > 1 ? ` after ${err.attempts} attempts` : '';
    return `${err.action ?? 'request'} failed: network error ${err.code}: ${err.message}${tries}`;
  }
  if (err instanceof InvalidPropertiesError || err instanceof ProviderError) return err.message;
  if (err instanceof Error) return `Internal error: ${err.name}: ${err.message}`;
  return `Internal error: ${String(err)}`;
}
