/**
 * The name patterns that both the constructs (at synth) and the provider
 * function (at deploy) check. This module imports nothing, so the provider's
 * bundle can include it.
 */

/** ActionTrail trail name: 6-36 characters, a lowercase letter first, then `[a-z0-9_-]`. */
export const TRAIL_NAME_PATTERN = /^[a-z][a-z0-9_-]{5,35}$/;

/** OSS bucket name: 3-63 characters of `[a-z0-9-]`, starting and ending with a letter or digit. */
export const OSS_BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** OSS key prefix of a trail: 6-32 characters, a letter first, then `[A-Za-z0-9/_-]`. */
export const OSS_KEY_PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9/_-]{5,31}$/;
