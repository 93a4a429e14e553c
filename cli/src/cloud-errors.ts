/**
 * Reading what an API answered with, across the answer shapes of the
 * products the command calls: RPC (`Code`, `Message`: ROS, STS, ActionTrail,
 * RAM) and MaxCompute's ROA (`errorCode`, `errorMsg`; openapi-core reads only
 * `Code`/`code`, so its `code` is then the text `undefined` and the real one is
 * in `data`).
 */

/** The error code of an SDK error, from `code` or the answer body's `Code`/`code`/`errorCode`. */
export function cloudCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; data?: Record<string, unknown>; name?: unknown } | undefined;
  for (const c of [err?.code, err?.data?.Code, err?.data?.code, err?.data?.errorCode]) {
    if (typeof c === 'string' && c !== '' && c !== 'undefined') return c;
  }
  return undefined;
}

/** The HTTP status of an SDK error, if it carries one. */
export function httpStatus(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** The answer's own message (not the SDK's prefix), if any. */
export function cloudMessage(e: unknown): string | undefined {
  const data = (e as { data?: Record<string, unknown> } | undefined)?.data;
  for (const m of [data?.Message, data?.message, data?.errorMsg]) {
    if (typeof m === 'string' && m !== '') return m;
  }
  return undefined;
}

/**
 * Whether the answer is a refusal for want of permission: HTTP 403, or a code
 * of the kinds RAM-checked APIs use (`Forbidden.RAM`, `NoPermission`,
 * `AccessDenied`, `Forbidden.AccessDenied`, ...).
 */
export function isAccessDenied(e: unknown): boolean {
  const code = cloudCode(e) ?? '';
  return (
    httpStatus(e) === 403 || /^(Forbidden|NoPermission|AccessDenied|.*\.NoPermission|.*AccessDenied.*)/i.test(code)
  );
}

/** Whether the answer is throttling (retries ran out if it reaches a caller). */
export function isThrottled(e: unknown): boolean {
  return (e as { name?: unknown })?.name === 'ThrottlingError' || /Throttling/i.test(cloudCode(e) ?? '');
}

/** Whether the answer says the thing asked for does not exist (HTTP 404, or a `*NotFound*` / `EntityNotExist*` code). */
export function isNotFound(e: unknown): boolean {
  const code = cloudCode(e) ?? '';
  return httpStatus(e) === 404 || /NotFound|NotExist|NoSuch/i.test(code);
}

/**
 * Whether a MaxCompute answer says the service is not activated (codes seen
 * in Alibaba Cloud APIs for it contain `NotActivated`, `NotOpen`,
 * `ServiceNotEnable` or `Unactivated`, or a message that says "not
 * activated"; the exact MaxCompute code is not documented, README "What is
 * not known").
 */
export function isNotActivated(e: unknown): boolean {
  const pattern = /NotActivated|NotOpen|ServiceNotEnable|Unactivated|NotEnabled|not (been )?activated|not opened/i;
  return pattern.test(cloudCode(e) ?? '') || pattern.test(cloudMessage(e) ?? '');
}

/** `AccessDenied (Forbidden.RAM)` or `Throttling.User` or the code and message, for could-not-check lines. */
export function shortReason(e: unknown): string {
  const code = cloudCode(e);
  const message = cloudMessage(e) ?? (e instanceof Error ? e.message : String(e));
  return code ? `${code}: ${message}` : message;
}
