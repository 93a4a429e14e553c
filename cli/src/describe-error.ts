/** An SDK or system error as one line: its code and message (the printer redacts it). */
export function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const err = e as { code?: unknown; message?: unknown; statusCode?: unknown };
  const message = typeof err.message === 'string' ? err.message : String(e);
  // The SDK's messages already start with the code ("StackExists: code: 409, ...").
  const code = typeof err.code === 'string' && err.code !== '' && !message.startsWith(err.code) ? `${err.code}: ` : '';
  return `${code}${message}`;
}
