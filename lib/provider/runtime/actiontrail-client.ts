/**
 * A small RPC-style API client for ActionTrail (2020-07-06) and ROS
 * (2019-09-10): signed requests, retried within the invocation's deadline; a
 * failed call says whether it may nevertheless have been applied (README.md,
 * "Retries", "Credentials").
 */
import { URL } from 'url';
import { ApiAction, ROS_API_ACTIONS, RosApiAction } from '../../shared/provider-contract';
import { ApiError, NetworkError, isAmbiguousFailure, isEventualConsistencyError, isRetryable } from './errors';
import { httpRequest } from './http';
import { Logger } from './log';
import { Deadline, withRetries } from '../../shared/backoff';
import { Credentials, percentEncode, signRpcRequest } from './signer';

/** The ActionTrail API version this client speaks. */
export const API_VERSION = '2020-07-06';

/** The ROS API version the provider confirms requests with. */
export const ROS_API_VERSION = '2019-09-10';

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
  GetTrailStatus: 'POST',
  PutDataEventSelector: 'POST',
  GetDataEventSelector: 'POST',
  DeleteDataEventSelector: 'POST',
};

/** One API: its version, its operations (the only ones a client of it may call) and their HTTP methods. */
export interface RpcService<A extends string> {
  /** What a refused operation is said not to be in, e.g. `API_ACTIONS`. */
  readonly listName: string;
  /** `x-acs-version`. */
  readonly version: string;
  /** HTTP method per operation. */
  readonly methods: Readonly<Record<A, 'GET' | 'POST'>>;
}

/** ActionTrail 2020-07-06, limited to `API_ACTIONS`. */
export const ACTIONTRAIL_SERVICE: RpcService<ApiAction> = {
  listName: 'API_ACTIONS',
  version: API_VERSION,
  methods: METHODS,
};

/** ROS 2019-09-10, limited to `ROS_API_ACTIONS` (GetStackResource is POST, as the official client sends it). */
export const ROS_SERVICE: RpcService<RosApiAction> = {
  listName: 'ROS_API_ACTIONS',
  version: ROS_API_VERSION,
  methods: Object.fromEntries(ROS_API_ACTIONS.map((a) => [a, 'POST'])) as Record<RosApiAction, 'POST'>,
};

/** Parameters of one API call; `undefined` values are not sent, `''` is sent (it clears a setting). */
export type ApiParams = Readonly<Record<string, string | boolean | undefined>>;

/** A successful API answer (the parsed JSON body). */
export type ApiResult = Record<string, unknown>;

/** Options of one call. */
export interface CallOptions {
  /**
   * An undo or cleanup call (deleting a trail this request made, checking
   * what an ambiguous CreateTrail left): it may also use the cleanup reserve
   * of the budget, so it is still retried when the main budget is spent.
   * @default false
   */
  readonly cleanup?: boolean;
  /**
   * The call is about a trail this invocation has just created: a
   * `TrailNotFoundException` then means "not visible yet" and is retried
   * within the eventual-consistency window.
   * @default false
   */
  readonly justCreated?: boolean;
}

/** The one method the trail lifecycle needs; implemented by {@link ActionTrailClient}. */
export interface TrailApi {
  /**
   * When the latest attempt with no clear outcome (timeout, lost connection,
   * 5xx, empty answer) of any call ended (epoch ms): such an attempt may still
   * be applied later. Undefined when there was none.
   */
  readonly lastAmbiguousAt?: number;
  /**
   * Calls an operation and returns its JSON answer; throws {@link ApiError} /
   * {@link NetworkError}, with `ambiguousEarlierAttempt` set when an earlier
   * attempt of this call may have been applied.
   */
  call(action: ApiAction, params: ApiParams, options?: CallOptions): Promise<ApiResult>;
}

/** Settings of an {@link ActionTrailClient}. */
export interface ActionTrailClientOptions {
  /** Base URL, e.g. `https://actiontrail.cn-hangzhou.aliyuncs.com`. */
  readonly endpoint: string;
  /** Credentials to sign with. */
  readonly credentials: Credentials;
  /** Deadline shared by all calls of the invocation. */
  readonly deadline: Deadline;
  /** Later deadline for undo/cleanup calls (`{ cleanup: true }`). @default `deadline` */
  readonly cleanupDeadline?: Deadline;
  /** Timeout of one HTTP exchange (capped by the deadline). */
  readonly requestTimeoutMs: number;
  /** First retry delay. */
  readonly baseDelayMs: number;
  /** Largest retry delay. */
  readonly maxDelayMs: number;
  /** Logger (redacting). */
  readonly logger: Logger;
  /**
   * How long eventual-consistency errors ({@link isEventualConsistencyError})
   * are retried, from the first one, in ms.
   * @default 60000
   */
  readonly consistencyWindowMs?: number;
}

/** Shortest timeout given to an attempt, even when the deadline has passed. */
const MIN_ATTEMPT_TIMEOUT_MS = 1000;

/** The `User-Agent` the provider sends. */
const USER_AGENT = 'actiontrail-cdk-provider/1 (+Node.js)';

/** An RPC-style API client with signing and retries, limited to the operations of one {@link RpcService}. */
export class RpcClient<A extends string> {
  private readonly base: URL;
  /** See {@link TrailApi.lastAmbiguousAt}. */
  lastAmbiguousAt?: number;

  /**
   * @param service the API and the operations this client may call
   * @param options endpoint, credentials, deadline and retry settings
   */
  constructor(
    private readonly service: RpcService<A>,
    private readonly options: ActionTrailClientOptions,
  ) {
    this.base = new URL(options.endpoint);
  }

  /**
   * Calls `action` with `params`, retrying retryable failures with backoff
   * until the deadline. Refuses operations outside its service's list, so the
   * provider can never need a permission its role was not given.
   */
  async call(action: A, params: ApiParams, options: CallOptions = {}): Promise<ApiResult> {
    if (!Object.prototype.hasOwnProperty.call(this.service.methods, action))
      throw new Error(`operation ${String(action)} is not in ${this.service.listName}`);
    const { baseDelayMs, maxDelayMs, logger } = this.options;
    const deadline = options.cleanup ? (this.options.cleanupDeadline ?? this.options.deadline) : this.options.deadline;
    let ambiguous = false;
    let firstConsistencyError: number | undefined;
    const window = this.options.consistencyWindowMs ?? 60_000;
    const retryable = (e: unknown): boolean => {
      if (isRetryable(e)) return true;
      if (!isEventualConsistencyError(e, options.justCreated)) return false;
      firstConsistencyError ??= Date.now();
      return Date.now() - firstConsistencyError < window;
    };
    return withRetries(
      async (attempt) => {
        try {
          return await this.send(action, params, attempt, deadline);
        } catch (e) {
          // Tag before updating: the flag is about *earlier* attempts of this call.
          if (ambiguous && (e instanceof ApiError || e instanceof NetworkError)) e.ambiguousEarlierAttempt = true;
          if (isAmbiguousFailure(e)) {
            ambiguous = true;
            this.lastAmbiguousAt = Date.now();
          }
          throw e;
        }
      },
      {
        deadline,
        baseDelayMs,
        maxDelayMs,
        isRetryable: retryable,
        onRetry: ({ attempt, delayMs, error }) =>
          logger.warn('retrying API call', { action, attempt, delayMs, error: describeForLog(error) }),
      },
    );
  }

  /** One signed attempt. */
  private async send(action: A, params: ApiParams, attempt: number, deadline: Deadline): Promise<ApiResult> {
    const { credentials, requestTimeoutMs, logger } = this.options;
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) query[key] = String(value);
    }
    const method = this.service.methods[action];
    const { version } = this.service;
    const headers = signRpcRequest({ method, host: this.base.host, action, version, query, credentials });
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
      if (!body || stringField(body, 'RequestId') === undefined) {
        // Every answer of the API carries a RequestId: an empty 2xx body proves nothing was done.
        logger.warn('API call answered 2xx without a JSON body', {
          action,
          attempt,
          status: res.statusCode,
          ms: Date.now() - started,
        });
        const empty = new NetworkError(`HTTP ${res.statusCode} with an empty or non-JSON body`, 'EEMPTYANSWER');
        empty.action = action;
        throw empty;
      }
      logger.info('API call', { action, attempt, status: res.statusCode, requestId, ms: Date.now() - started });
      return body;
    }
    const code = stringField(body, 'Code') ?? `HTTP${res.statusCode}`;
    // Never echo a body that is not the API's JSON error (an HTML error page may echo the request headers).
    const message =
      stringField(body, 'Message') ??
      (body
        ? 'no error message'
        : `HTTP ${res.statusCode} with a non-JSON body (content-type ${contentType(res.headers['content-type'])}); the body is not shown`);
    logger.warn('API call failed', {
      action,
      attempt,
      status: res.statusCode,
      code,
      requestId,
      ms: Date.now() - started,
    });
    throw new ApiError(action, code, message, requestId, res.statusCode);
  }
}

/** The ActionTrail API client: an {@link RpcClient} limited to `API_ACTIONS`. */
export class ActionTrailClient extends RpcClient<ApiAction> implements TrailApi {
  /** @param options endpoint, credentials, deadline and retry settings */
  constructor(options: ActionTrailClientOptions) {
    super(ACTIONTRAIL_SERVICE, options);
  }
}

/** Error fields safe and useful in a log line. */
function describeForLog(error: unknown): Record<string, unknown> {
  if (error instanceof ApiError)
    return { code: error.code, status: error.statusCode, requestId: error.requestId, message: error.apiMessage };
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

/** The media type of a Content-Type header (`text/html`), or `unknown`: nothing else of the header is repeated. */
function contentType(v: string | string[] | undefined): string {
  const m = /^\s*([A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64})/.exec(headerValue(v) ?? '');
  return m ? m[1].toLowerCase() : 'unknown';
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
