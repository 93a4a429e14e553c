/**
 * A small ActionTrail (2020-07-06) API client: RPC-style requests with the
 * parameters in the query string and an empty body, signed with ACS3-HMAC-SHA256
 * exactly as the official SDK sends them, retried on throttling / 5xx / network
 * errors within the invocation's deadline.
 */
import { URL } from 'url';
import { ApiAction, isApiAction } from './actions';
import { ApiError, NetworkError, isRetryable } from './errors';
import { httpRequest } from './http';
import { Logger } from './log';
import { Deadline, withRetries } from './retry';
import { Credentials, percentEncode, signRpcRequest } from './signer';

/** The ActionTrail API version this client speaks. */
export const API_VERSION = '2020-07-06';

/**
 * HTTP method per operation, from the API metadata (the official SDK's
 * generated client): StopLogging is GET-only, the others are POST.
 */
const METHODS: Readonly<Record<ApiAction, 'GET' | 'POST'>> = {
  CreateTrail: 'POST',
  UpdateTrail: 'POST',
  DeleteTrail: 'POST',
  StartLogging: 'POST',
  StopLogging: 'GET',
  DescribeTrails: 'POST',
};

/** Parameters of one API call; `undefined` values are not sent, `''` is sent (it clears a setting). */
export type ApiParams = Readonly<Record<string, string | boolean | undefined>>;

/** A successful API answer (the parsed JSON body). */
export type ApiResult = Record<string, unknown>;

/** The one method the trail lifecycle needs; implemented by {@link ActionTrailClient}. */
export interface TrailApi {
  /** Calls an operation and returns its JSON answer; throws {@link ApiError} / {@link NetworkError}. */
  call(action: ApiAction, params: ApiParams): Promise<ApiResult>;
}

/** Settings of an {@link ActionTrailClient}. */
export interface ActionTrailClientOptions {
  /** Base URL, e.g. `https://actiontrail.cn-hangzhou.aliyuncs.com`. */
  readonly endpoint: string;
  /** Credentials to sign with. */
  readonly credentials: Credentials;
  /** Deadline shared by all calls of the invocation. */
  readonly deadline: Deadline;
  /** Timeout of one HTTP exchange (capped by the deadline). */
  readonly requestTimeoutMs: number;
  /** First retry delay. */
  readonly baseDelayMs: number;
  /** Largest retry delay. */
  readonly maxDelayMs: number;
  /** Logger (redacting). */
  readonly logger: Logger;
}

/** Shortest timeout given to an attempt, even when the deadline has passed. */
const MIN_ATTEMPT_TIMEOUT_MS = 1000;

/** The `User-Agent` the provider sends. */
const USER_AGENT = 'actiontrail-cdk-provider/1 (+Node.js)';

/** ActionTrail API client with signing and retries. */
export class ActionTrailClient implements TrailApi {
  private readonly base: URL;

  /** @param options endpoint, credentials, deadline and retry settings */
  constructor(private readonly options: ActionTrailClientOptions) {
    this.base = new URL(options.endpoint);
  }

  /**
   * Calls `action` with `params`, retrying retryable failures with backoff
   * until the deadline. Refuses operations outside `API_ACTIONS`, so the
   * provider can never need a permission its role was not given.
   */
  async call(action: ApiAction, params: ApiParams): Promise<ApiResult> {
    if (!isApiAction(action)) throw new Error(`operation ${String(action)} is not in API_ACTIONS`);
    const { deadline, baseDelayMs, maxDelayMs, logger } = this.options;
    return withRetries((attempt) => this.send(action, params, attempt), {
      deadline,
      baseDelayMs,
      maxDelayMs,
      isRetryable,
      onRetry: ({ attempt, delayMs, error }) =>
        logger.warn('retrying API call', { action, attempt, delayMs, error: describeForLog(error) }),
    });
  }

  /** One signed attempt. */
  private async send(action: ApiAction, params: ApiParams, attempt: number): Promise<ApiResult> {
    const { credentials, deadline, requestTimeoutMs, logger } = this.options;
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) query[key] = String(value);
    }
    const method = METHODS[action];
    const headers = signRpcRequest({ method, host: this.base.host, action, version: API_VERSION, query, credentials });
    headers.accept = 'application/json';
    headers['user-agent'] = USER_AGENT;
    const search = Object.keys(query)
      .sort()
      .map((k) => `${percentEncode(k)}=${percentEncode(query[k])}`)
      .join('&');
    const url = `${this.base.protocol}//${this.base.host}/${search ? `?${search}` : ''}`;
    const started = Date.now();
    // Capped by the deadline, but never so short that a last attempt (e.g. a cleanup) is doomed.
    const timeoutMs = Math.min(requestTimeoutMs, Math.max(deadline.remaining(), MIN_ATTEMPT_TIMEOUT_MS));
    let res;
    try {
      res = await httpRequest(url, { method, headers, timeoutMs });
    } catch (e) {
      if (e instanceof NetworkError) e.action = action;
      logger.warn('API call got no answer', { action, attempt, ms: Date.now() - started, error: describeForLog(e) });
      throw e;
    }
    const body = parseJson(res.body);
    const requestId = stringField(body, 'RequestId') ?? headerValue(res.headers['x-acs-request-id']);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      logger.info('API call', { action, attempt, status: res.statusCode, requestId, ms: Date.now() - started });
      return body ?? {};
    }
    const code = stringField(body, 'Code') ?? `HTTP${res.statusCode}`;
    const message = stringField(body, 'Message') ?? (res.body.slice(0, 200) || 'no error message');
    logger.warn('API call failed', { action, attempt, status: res.statusCode, code, requestId, ms: Date.now() - started });
    throw new ApiError(action, code, message, requestId, res.statusCode);
  }
}

/** Error fields safe and useful in a log line. */
function describeForLog(error: unknown): Record<string, unknown> {
  if (error instanceof ApiError) return { code: error.code, status: error.statusCode, requestId: error.requestId, message: error.apiMessage };
  if (error instanceof NetworkError) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(obj: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = obj?.[key] ?? obj?.[key.charAt(0).toLowerCase() + key.slice(1)];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
