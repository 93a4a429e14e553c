/**
 * The SDK's HTTP layer appends its own `POST https://host/... failed.` to the
 * system error's text without a separator (`getaddrinfo ENOTFOUND hostPOST https://...`):
 * a request line glued to the character before it.
 */
const GLUED_REQUEST = /(\S)((?:GET|POST|PUT|DELETE|PATCH|HEAD) https?:\/\/)/g;

/** An SDK or system error as one line: its code and message (the printer redacts it). */
export function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const err = e as { code?: unknown; message?: unknown; statusCode?: unknown };
  const message = (typeof err.message === 'string' ? err.message : String(e)).replace(GLUED_REQUEST, '$1; $2');
  // The SDK's messages already start with the code ("StackExists: code: 409, ...").
  const code = typeof err.code === 'string' && err.code !== '' && !message.startsWith(err.code) ? `${err.code}: ` : '';
  return `${code}${message}`;
}
