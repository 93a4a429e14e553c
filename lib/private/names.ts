/**
 * Name and ID rules of Alibaba Cloud, as pure functions. Each returns the rule a
 * value broke (a phrase that follows the quoted value in an error message), or
 * `undefined` when the value is valid. Sources: the ROS resource type references
 * (ALIYUN::ACTIONTRAIL::Trail, ALIYUN::MaxCompute::Project, ALIYUN::RAM::Role) and
 * the ActionTrail API reference (CreateTrail, 2020-07-06).
 */
import { Rule } from './errors';
import {
  ACCOUNT_ID_PATTERN,
  OSS_BUCKET_NAME_PATTERN,
  OSS_KEY_PREFIX_PATTERN,
  TRAIL_NAME_PATTERN,
  isRegionId,
} from '../shared/ids';

/** Builds a rule from a regular expression and the phrase that explains it. */
export function patternRule(pattern: RegExp, phrase: string): Rule {
  return (value) => (pattern.test(value) ? undefined : phrase);
}

/**
 * A trail name for the ActionTrail API (CreateTrail): 6-36 characters, starts
 * with a lowercase letter, then lowercase letters, digits, `-` and `_`.
 */
export const trailNameRule: Rule = patternRule(
  TRAIL_NAME_PATTERN,
  "must be 6-36 characters, start with a lowercase letter and contain only lowercase letters, digits, '-' and '_'",
);

/** An Alibaba Cloud account ID: 16 digits. */
export const accountIdRule: Rule = patternRule(ACCOUNT_ID_PATTERN, 'must be a 16-digit Alibaba Cloud account ID');

/**
 * A region ID such as `cn-hangzhou`, `ap-southeast-1` or `cn-shanghai-finance-1`,
 * at most 32 characters (the longest today has 21; the bound keeps derived
 * role names within RAM's 64).
 */
export const regionIdRule: Rule = (value) =>
  isRegionId(value)
    ? undefined
    : "must be a region ID such as 'cn-hangzhou' or 'ap-southeast-1' (at most 32 characters)";

/** A MaxCompute project name: 3-28 characters, starts with a lowercase letter, then lowercase letters, digits and `_`. */
export const maxComputeProjectNameRule: Rule = patternRule(
  /^[a-z][a-z0-9_]{2,27}$/,
  "must be 3-28 characters, start with a lowercase letter and contain only lowercase letters, digits and '_'",
);

/** The name of a MaxCompute project ActionTrail delivers to: a MaxCompute project name that starts with `actiontrail_`. */
export const actionTrailProjectNameRule: Rule = (value) =>
  /^actiontrail_[a-z0-9_]{1,16}$/.test(value)
    ? undefined
    : "must start with 'actiontrail_' followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)";

/** A RAM role name: 1-64 characters, letters, digits, `.` and `-`. */
export const roleNameRule: Rule = patternRule(
  /^[A-Za-z0-9.-]{1,64}$/,
  "must be 1-64 characters of letters, digits, '.' and '-'",
);

/** An OSS bucket name: 3-63 characters, lowercase letters, digits and `-`, starting and ending with a letter or digit. */
export const ossBucketNameRule: Rule = patternRule(
  OSS_BUCKET_NAME_PATTERN,
  "must be 3-63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit",
);

/**
 * The OSS key prefix of a trail: 6-32 characters, a letter first, then
 * letters, digits, `-`, `_` and `/` (ROS ALIYUN::ACTIONTRAIL::Trail; the
 * provider checks the same pattern).
 */
export const ossKeyPrefixRule: Rule = patternRule(
  OSS_KEY_PREFIX_PATTERN,
  "must be 6-32 characters, a letter first, then letters, digits, '-', '_' and '/'",
);

/** A MaxCompute quota name: non-empty, at most 64 printable characters without spaces. */
export const quotaNameRule: Rule = patternRule(
  /^[\x21-\x7e]{1,64}$/,
  'must be 1-64 printable characters without spaces',
);

/**
 * A ROS stack name as both ROS and ros-cdk-core accept it: ROS allows up to
 * 255 letters, digits, `-` and `_` starting with a letter or digit (CreateStack);
 * ros-cdk-core 1.12 only accepts `^[A-Za-z][A-Za-z0-9-]*$`. This is both.
 */
export const stackNameRule: Rule = patternRule(
  /^[A-Za-z][A-Za-z0-9-]{0,254}$/,
  "must be 1-255 characters of letters, digits and '-', starting with a letter (ROS and ros-cdk-core stack name rules)",
);

/**
 * A ROS stack group name: up to 255 letters, digits, `-` and `_`, starting
 * with a letter or digit, unique per region
 * (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ros-stackgroup).
 */
export const stackGroupNameRule: Rule = patternRule(
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/,
  "must be 1-255 characters of letters, digits, '-' and '_', starting with a letter or digit",
);

/** A resource directory folder ID: the root folder `r-...` or a folder `fd-...`. */
export const rdFolderIdRule: Rule = patternRule(
  /^(r|fd)-[A-Za-z0-9]{1,64}$/,
  "must be a resource directory folder ID such as 'fd-bVaRIG****' (or the root folder 'r-...')",
);
