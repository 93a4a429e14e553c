import { isSafeForCredentials, LOOPBACK_HOSTS } from '../../lib/shared/endpoints';
import { UsageError } from './errors';

/** The environment variable that sends every API call to one base URL (tests, stand-ins). */
export const ENDPOINT_VARIABLE = 'ACTIONTRAIL_CDK_ENDPOINT';

/** Where the SDK clients send their requests: `host[:port]` and the protocol. */
export interface EndpointOverride {
  /** `host:port`, what the SDK's `Config.endpoint` takes. */
  readonly host: string;
  /** `http` or `https`. */
  readonly protocol: 'http' | 'https';
}

/**
 * The endpoint override from `ACTIONTRAIL_CDK_ENDPOINT` (e.g.
 * `http://127.0.0.1:8080`): ROS, STS and ActionTrail calls all go to that one
 * base URL instead of `ros.aliyuncs.com`, `sts.aliyuncs.com` and
 * `actiontrail.<region>.aliyuncs.com`. The SDKs send RPC calls to the path `/`,
 * so only the scheme, host and port are used.
 * @returns undefined when the variable is unset or empty
 * @throws UsageError when it is not an http(s) URL without a path, or is http to a host other than loopback
 */
export function endpointOverride(env: NodeJS.ProcessEnv = process.env): EndpointOverride | undefined {
  const raw = env[ENDPOINT_VARIABLE];
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UsageError(`${ENDPOINT_VARIABLE} '${raw}' is not a URL (e.g. http://127.0.0.1:8080)`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.username
  ) {
    throw new UsageError(
      `${ENDPOINT_VARIABLE} '${raw}' must be a base URL: http(s)://host[:port], no path, query or user`,
    );
  }
  // Signed requests carry the AccessKey ID and any STS token: in clear text only to this machine.
  if (!isSafeForCredentials(url)) {
    throw new UsageError(
      `${ENDPOINT_VARIABLE} '${raw}' uses http to a host that is not this machine: use https, or http only to one of ${LOOPBACK_HOSTS.join(', ')}`,
    );
  }
  return { host: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' };
}
