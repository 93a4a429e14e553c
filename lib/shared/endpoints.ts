/**
 * Where API calls go, for the provider bundle and the CLI alike: the regional
 * public endpoints, and the rule for a test override (a stand-in on this
 * machine). Node built-ins only.
 */

/** Host names that are this machine. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** ActionTrail's public endpoint in a region (doc: ActionTrail Endpoints, 2020-07-06). */
export function actionTrailEndpoint(region: string): string {
  return `https://actiontrail.${region}.aliyuncs.com`;
}

/**
 * ROS's public endpoint. ROS takes the stack's region as the `RegionId`
 * parameter; `ros.aliyuncs.com` serves every region (the endpoint the
 * official ROS clients and this project's CLI use).
 */
export const ROS_ENDPOINT_URL = 'https://ros.aliyuncs.com';

/** True for a URL host name that is this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.includes(hostname);
}

/**
 * Whether a URL may carry signed requests: `https:`, or `http:` only to this
 * machine. Signed requests carry the AccessKey ID and any STS token, so they
 * go in clear text only to a loopback stand-in.
 */
export function isSafeForCredentials(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
