/**
 * Where the answer to a custom resource request may go, checked before
 * anything is done: a request whose answer cannot go to an acceptable URL is
 * not acted on at all (README.md, "Requests").
 */
import { quoteValue } from '../../../shared/quote';

/**
 * The default rule for ResponseURL hosts. ROS documents the ResponseURL and
 * IntranetResponseURL only as pre-signed URLs (custom resource request
 * objects, help.aliyun.com 145915 / "Create" 145911) and gives no host
 * pattern, so this is an assumption: https on a host under `aliyuncs.com`,
 * Alibaba Cloud's service domain. `RESPONSE_URL_ALLOWED_HOSTS` replaces it.
 */
export const DEFAULT_RESPONSE_HOST_SUFFIX = '.aliyuncs.com';

/** The answer URLs that may be used, and why the others were refused. */
export interface AnswerTargets {
  /** Acceptable URLs, the ResponseURL first. */
  readonly urls: string[];
  /** One line per refused URL (no query string: it is pre-signed). */
  readonly refused: string[];
}

/**
 * The acceptable answer URLs of a request. A URL is acceptable when it parses,
 * has no user info, and either its host is one of `allowedHosts` (then `http`
 * is accepted too: tests on loopback), or, without `allowedHosts`, it is
 * `https` on a host ending in {@link DEFAULT_RESPONSE_HOST_SUFFIX}.
 */
export function answerTargets(
  request: { ResponseURL?: unknown; IntranetResponseURL?: unknown },
  allowedHosts?: readonly string[],
): AnswerTargets {
  const urls: string[] = [];
  const refused: string[] = [];
  for (const field of ['ResponseURL', 'IntranetResponseURL'] as const) {
    const value = request[field];
    if (value === undefined || value === null || value === '') continue;
    const problem = urlProblem(value, allowedHosts);
    if (problem) refused.push(`${field} ${problem}`);
    else urls.push(value as string);
  }
  return { urls, refused };
}

/** The Reason of a request that was not acted on because of `refused` URLs (one line each). */
export function notActedOnReason(refused: readonly string[]): string {
  return `the request was not acted on: ${refused.join('; ')}`;
}

function urlProblem(value: unknown, allowedHosts?: readonly string[]): string | undefined {
  if (typeof value !== 'string') return `is not a string (${typeof value})`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  const where = quoteValue(`${url.protocol}//${url.host}`);
  if (url.username || url.password) return `${where} carries user info`;
  const host = url.hostname.toLowerCase();
  if (allowedHosts) {
    if (!allowedHosts.includes(host)) return `${where} is not on a host listed in RESPONSE_URL_ALLOWED_HOSTS`;
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return `${where} must be https (or http on a listed host)`;
    return undefined;
  }
  if (url.protocol !== 'https:') return `${where} must be https`;
  if (!host.endsWith(DEFAULT_RESPONSE_HOST_SUFFIX))
    return `${where} is not on a ROS callback host (*${DEFAULT_RESPONSE_HOST_SUFFIX})`;
  return undefined;
}
