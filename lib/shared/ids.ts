/**
 * The ID and name patterns of Alibaba Cloud that synth (constructs), the
 * provider bundle and the CLI all check. One pattern per fact: a value
 * accepted at synth is accepted by the function and the CLI, and the other
 * way round. Node built-ins only (the provider's bundle includes this file).
 *
 * Sources: the ActionTrail API reference (CreateTrail, 2020-07-06), the ROS
 * resource type references (ALIYUN::ACTIONTRAIL::Trail, ALIYUN::RAM::Role,
 * ALIYUN::MaxCompute::Project) and the OSS bucket naming rules.
 */

/** An Alibaba Cloud account ID: 16 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{16}$/;

/** A region ID such as `cn-hangzhou`, `ap-southeast-1` or `cn-shanghai-finance-1`. */
export const REGION_ID_PATTERN = /^[a-z]{2}-[a-z]+(-[a-z0-9]+)*$/;

/**
 * The longest region ID accepted: the longest today has 21 characters; the
 * bound keeps names derived from a region within RAM's 64.
 */
export const MAX_REGION_ID_LENGTH = 32;

/** True when `value` is a 16-digit account ID. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID_PATTERN.test(value);
}

/** True when `value` is shaped like a region ID ({@link REGION_ID_PATTERN}, at most {@link MAX_REGION_ID_LENGTH} characters). */
export function isRegionId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_REGION_ID_LENGTH && REGION_ID_PATTERN.test(value);
}

/** ActionTrail trail name: 6-36 characters, a lowercase letter first, then `[a-z0-9_-]`. */
export const TRAIL_NAME_PATTERN = /^[a-z][a-z0-9_-]{5,35}$/;

/** OSS bucket name: 3-63 characters of `[a-z0-9-]`, starting and ending with a letter or digit. */
export const OSS_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** OSS key prefix of a trail: 6-32 characters, a letter first, then `[A-Za-z0-9/_-]`. */
export const OSS_KEY_PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9/_-]{5,31}$/;
