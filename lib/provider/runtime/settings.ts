/**
 * Run-time settings of the provider, read from the function's environment at
 * each invocation. None of them changes the template; all have defaults.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `ACTIONTRAIL_ENDPOINT` | `https://actiontrail.<region>.aliyuncs.com` | API base URL (tests: a loopback simulator) |
 * | `ACTIONTRAIL_RETRY_BUDGET_MS` | 240000 | time for all API calls and their retries in one invocation |
 * | `ACTIONTRAIL_RETRY_BASE_MS` | 500 | first retry delay (doubles, equal jitter) |
 * | `ACTIONTRAIL_RETRY_MAX_MS` | 20000 | largest retry delay |
 * | `ACTIONTRAIL_REQUEST_TIMEOUT_MS` | 15000 | timeout of one HTTP exchange |
 *
 * The budget is further capped by the function's own timeout (minus time to
 * answer ROS) when Function Compute reports it. The custom resource's
 * `Timeout` should exceed the budget plus about a minute.
 */
import { ProviderError } from './errors';

/** The effective settings of one invocation. */
export interface ProviderSettings {
  /** Endpoint override, validated by {@link resolveEndpoint}. @default the regional public endpoint */
  readonly endpointOverride?: string;
  /** Budget for all API calls, in ms. */
  readonly retryBudgetMs: number;
  /** First retry delay, in ms. */
  readonly retryBaseMs: number;
  /** Largest retry delay, in ms. */
  readonly retryMaxMs: number;
  /** Per-request timeout, in ms. */
  readonly requestTimeoutMs: number;
}

/** Default of `ACTIONTRAIL_RETRY_BUDGET_MS`: four minutes. */
export const DEFAULT_RETRY_BUDGET_MS = 240_000;

/** Time kept back from the function timeout to answer ROS. */
export const RESPONSE_RESERVE_MS = 20_000;

/** Reads the settings from `env`, capping the budget by the function timeout (seconds) when known. */
export function readSettings(env: Readonly<Record<string, string | undefined>>, functionTimeoutSeconds?: number): ProviderSettings {
  let retryBudgetMs = positiveInt(env.ACTIONTRAIL_RETRY_BUDGET_MS, DEFAULT_RETRY_BUDGET_MS);
  if (typeof functionTimeoutSeconds === 'number' && functionTimeoutSeconds > 0) {
    retryBudgetMs = Math.min(retryBudgetMs, Math.max(5_000, functionTimeoutSeconds * 1000 - RESPONSE_RESERVE_MS));
  }
  return {
    endpointOverride: env.ACTIONTRAIL_ENDPOINT || undefined,
    retryBudgetMs,
    retryBaseMs: positiveInt(env.ACTIONTRAIL_RETRY_BASE_MS, 500),
    retryMaxMs: positiveInt(env.ACTIONTRAIL_RETRY_MAX_MS, 20_000),
    requestTimeoutMs: positiveInt(env.ACTIONTRAIL_REQUEST_TIMEOUT_MS, 15_000),
  };
}

/**
 * The API endpoint: the override when set, else the regional public endpoint.
 * An override must be `https://`, or `http://` to a loopback address (tests);
 * anything else is refused, so a stray variable cannot send the STS token in
 * clear text across a network.
 */
export function resolveEndpoint(override: string | undefined, region: string): string {
  if (override) {
    let url: URL;
    try {
      url = new URL(override);
    } catch {
      throw new ProviderError('ACTIONTRAIL_ENDPOINT is not a URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return `${url.protocol}//${url.host}`;
    throw new ProviderError('ACTIONTRAIL_ENDPOINT must be https://, or http:// to a loopback address');
  }
  if (!/^[a-z0-9-]+$/.test(region)) throw new ProviderError(`invalid region ${JSON.stringify(region)} (no RegionId in the request or region in the context)`);
  return `https://actiontrail.${region}.aliyuncs.com`;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}
