/**
 * Run-time settings of the provider, read from the function's environment at
 * each invocation (README.md, "Settings"), and the deadlines of one invocation.
 */
import { Deadline } from '../../shared/backoff';
import { ROS_ENDPOINT_URL, actionTrailEndpoint, isSafeForCredentials } from '../../shared/endpoints';
import { isRegionId } from '../../shared/ids';
import { ProviderError } from './errors';
import { endpointNotSafe, endpointNotUrl, invalidRegion } from './reasons';

/** The effective settings of one invocation. */
export interface ProviderSettings {
  /** Endpoint override, validated by {@link resolveEndpoint}. @default the regional public endpoint */
  readonly endpointOverride?: string;
  /** ROS endpoint override (`ROS_ENDPOINT`), validated by {@link resolveRosEndpoint}. @default `https://ros.aliyuncs.com` */
  readonly rosEndpointOverride?: string;
  /** Budget for all API calls, in ms, from handler entry (cleanup reserve included). */
  readonly retryBudgetMs: number;
  /** The last part of the budget that only undo/cleanup calls may use, in ms. */
  readonly cleanupReserveMs: number;
  /** First retry delay, in ms. */
  readonly retryBaseMs: number;
  /** Largest retry delay, in ms. */
  readonly retryMaxMs: number;
  /** Per-request timeout, in ms. */
  readonly requestTimeoutMs: number;
  /** How long eventual-consistency errors are retried, in ms. */
  readonly consistencyWindowMs: number;
  /** Host names a ResponseURL may point to, replacing the default rule. @default https on `*.aliyuncs.com` */
  readonly responseUrlHosts?: readonly string[];
}

/** Default of `ACTIONTRAIL_RETRY_BUDGET_MS`: four minutes. */
export const DEFAULT_RETRY_BUDGET_MS = 240_000;

/** Default of `ACTIONTRAIL_CLEANUP_RESERVE_MS`. */
export const DEFAULT_CLEANUP_RESERVE_MS = 20_000;

/** Time kept back from the function timeout to answer ROS. */
export const RESPONSE_RESERVE_MS = 20_000;

/** Further time kept back from the function timeout: attempts begun just before the deadline, start-up, clock skew. */
export const SAFETY_MARGIN_MS = 15_000;

/** The budget is never capped below this, however short the function timeout. */
export const MIN_RETRY_BUDGET_MS = 5_000;

/** Reads the settings from `env`, capping the budget by the function timeout (seconds) when known. */
export function readSettings(
  env: Readonly<Record<string, string | undefined>>,
  functionTimeoutSeconds?: number,
): ProviderSettings {
  let retryBudgetMs = positiveInt(env.ACTIONTRAIL_RETRY_BUDGET_MS, DEFAULT_RETRY_BUDGET_MS);
  if (typeof functionTimeoutSeconds === 'number' && functionTimeoutSeconds > 0) {
    const cap = Math.max(
      MIN_RETRY_BUDGET_MS,
      Math.floor(functionTimeoutSeconds * 1000) - RESPONSE_RESERVE_MS - SAFETY_MARGIN_MS,
    );
    retryBudgetMs = Math.min(retryBudgetMs, cap);
  }
  const cleanupReserveMs = Math.min(
    positiveInt(env.ACTIONTRAIL_CLEANUP_RESERVE_MS, DEFAULT_CLEANUP_RESERVE_MS),
    Math.floor(retryBudgetMs / 2),
  );
  return {
    endpointOverride: env.ACTIONTRAIL_ENDPOINT || undefined,
    rosEndpointOverride: env.ROS_ENDPOINT || undefined,
    retryBudgetMs,
    cleanupReserveMs,
    retryBaseMs: positiveInt(env.ACTIONTRAIL_RETRY_BASE_MS, 500),
    retryMaxMs: positiveInt(env.ACTIONTRAIL_RETRY_MAX_MS, 20_000),
    requestTimeoutMs: positiveInt(env.ACTIONTRAIL_REQUEST_TIMEOUT_MS, 15_000),
    consistencyWindowMs: positiveInt(env.ACTIONTRAIL_CONSISTENCY_WINDOW_MS, 60_000),
    responseUrlHosts: hostList(env.RESPONSE_URL_ALLOWED_HOSTS),
  };
}

/** The deadlines of one invocation. */
export interface InvocationDeadlines {
  /** No new attempt of a normal API call starts after this: entry + budget - cleanup reserve. */
  readonly api: Deadline;
  /** The same for undo/cleanup calls: entry + budget. */
  readonly cleanup: Deadline;
  /** For answering ROS, made when the answer is ready: {@link RESPONSE_RESERVE_MS} from then, but not past the function's end (when known). */
  answer(): Deadline;
}

/**
 * The deadlines of an invocation that entered the handler at `startedAt`
 * (epoch ms). Counting from entry, not from when the client is built, keeps
 * parsing and validation inside the budget.
 */
export function invocationDeadlines(
  startedAt: number,
  settings: ProviderSettings,
  functionTimeoutSeconds?: number,
  now: () => number = Date.now,
): InvocationDeadlines {
  const end = startedAt + settings.retryBudgetMs;
  const functionEnd =
    typeof functionTimeoutSeconds === 'number' && functionTimeoutSeconds > 0
      ? startedAt + functionTimeoutSeconds * 1000 - 1000
      : Infinity;
  return {
    api: new Deadline(end - settings.cleanupReserveMs, now),
    cleanup: new Deadline(end, now),
    answer: () => new Deadline(Math.min(now() + RESPONSE_RESERVE_MS, functionEnd), now),
  };
}

/**
 * The API endpoint: the override when set, else the regional public endpoint.
 * An override must be `https://`, or `http://` to a loopback address (tests);
 * anything else is refused, so a stray variable cannot send the STS token in
 * clear text across a network.
 */
export function resolveEndpoint(override: string | undefined, region: string): string {
  if (override) return checkedOverride(override, 'ACTIONTRAIL_ENDPOINT');
  if (!isRegionId(region)) throw new ProviderError(invalidRegion(region));
  return actionTrailEndpoint(region);
}

/** The ROS endpoint: `ROS_ENDPOINT` when set (the same rule as {@link resolveEndpoint}), else `https://ros.aliyuncs.com`. */
export function resolveRosEndpoint(override: string | undefined): string {
  return override ? checkedOverride(override, 'ROS_ENDPOINT') : ROS_ENDPOINT_URL;
}

/** The base URL of an endpoint override, when it may carry signed requests. */
function checkedOverride(override: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new ProviderError(endpointNotUrl(variable));
  }
  if (isSafeForCredentials(url)) return `${url.protocol}//${url.host}`;
  throw new ProviderError(endpointNotSafe(variable));
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  // Number(undefined) is NaN and Number('') is 0: both fall back.
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

function hostList(raw: string | undefined): string[] | undefined {
  const hosts = (raw ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  return hosts.length ? hosts : undefined;
}
