import { describeError } from './describe-error';
import { CliError, ErrorKind, ExitCode, InterruptedError } from './errors';

/** Where a failure happened: the stack, its account, the credentials and the step. */
export interface FailureSite {
  /** The stack's artifact ID. */
  readonly stack: string;
  /** The stack's literal account. @default - the credentials' own account */
  readonly account?: string;
  /** The credentials' label, e.g. `profile 'archive'`. */
  readonly label: string;
  /** What the command was doing, e.g. `loading the credentials`. */
  readonly step: string;
}

/** Credentials that `@alicloud/credentials` could not load: the SDK's text and what to do. */
export class CredentialsError extends CliError {
  /**
   * @param label the credentials' label
   * @param sdkText the SDK's message (already redacted)
   * @param fix what to do about it
   */
  constructor(
    public readonly label: string,
    public readonly sdkText: string,
    public readonly fix: string,
  ) {
    super(`cannot load ${label}: ${sdkText}; ${fix}`, ExitCode.FAILED, 'credentials');
    this.name = 'CredentialsError';
  }
}

const NETWORK_CODES = [
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
];

/**
 * The SDK's own timeouts (its HTTP layer, httpx, throws a `RequestTimeoutError`
 * without a `code`): `ConnectTimeout` (no connection within connectTimeout)
 * and `ReadTimeout` (no answer within readTimeout). Both mean the endpoint did
 * not answer, not that it refused: network failures.
 */
export const SDK_TIMEOUT_CODES: readonly string[] = ['ConnectTimeout', 'ReadTimeout'];

/** The SDK's timeout code (`ConnectTimeout`, `ReadTimeout`), if `e` is its `RequestTimeoutError`. */
export function timeoutCode(e: unknown): string | undefined {
  const err = e as { name?: unknown; message?: unknown } | undefined;
  if (typeof err?.message !== 'string') return undefined;
  // httpx's texts: `ConnectTimeout: Connect <url> failed.`, `ReadTimeout: 30000. POST / failed.`, `ReadTimeout(30000). `
  const m = /^(ConnectTimeout|ReadTimeout)\b/.exec(err.message);
  if (m) return m[1];
  return err.name === 'RequestTimeoutError' ? 'ReadTimeout' : undefined;
}

/**
 * The code of a network failure, if `e` is one: a system error code
 * (`ENOTFOUND`, `ECONNREFUSED`, ...) or the SDK's timeout ({@link SDK_TIMEOUT_CODES}).
 */
export function networkCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; message?: unknown } | undefined;
  if (typeof err?.code === 'string' && NETWORK_CODES.includes(err.code)) return err.code;
  const timeout = timeoutCode(e);
  if (timeout !== undefined) return timeout;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return NETWORK_CODES.find((c) => new RegExp(`\\b${c}\\b`).test(message));
}

/** The host the SDK tried to reach, from its `POST https://host/ failed.` (or `Connect https://host/ failed.`) text. */
function networkHost(e: unknown): string | undefined {
  const message = String((e as { message?: unknown } | undefined)?.message ?? e);
  const url = /(?:GET|POST|PUT|DELETE|Connect) (https?:\/\/[^\s/]+)/.exec(message);
  return url ? url[1].replace(/^https?:\/\//, '') : undefined;
}

/** The error code the cloud answered with (`SignatureDoesNotMatch`, `InvalidAccessKeyId.NotFound`), if any. */
function serviceCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; message?: unknown } | undefined;
  if (typeof err?.code === 'string' && /^[A-Za-z][\w.]+$/.test(err.code)) return err.code;
  const m = typeof err?.message === 'string' ? /^([A-Z][\w.]+):/.exec(err.message) : null;
  return m ? m[1] : undefined;
}

/** The short name of an error for progress lines: `ECONNREFUSED`, `Throttling.User`, else its one-line text. */
export function errorCode(e: unknown): string {
  return networkCode(e) ?? serviceCode(e) ?? describeError(e);
}

/**
 * A credentials or network failure (or another failed call) as one line in
 * our words: the stack, account, credentials, step, and the fix. The SDK's own
 * text follows on a second line only with `--verbose`.
 * @param e what the SDK threw
 * @param site where it happened
 * @param sdkText the SDK's text, already one line (e.g. describeError's)
 * @param verbose `--verbose`
 */
export function inOurWords(e: unknown, site: FailureSite, sdkText: string, verbose: boolean): CliError {
  // Ctrl-C (from the retries) is said as it is: exit 130, code `interrupted`.
  if (e instanceof InterruptedError) return e;
  const where = `stack '${site.stack}' (account ${site.account ?? 'of the credentials'}, ${site.label})`;
  let what: string;
  let fix: string;
  let kind: ErrorKind = 'failed';
  let code: string | undefined;
  if (e instanceof CredentialsError) {
    kind = 'credentials';
    what = `cannot load ${e.label}`;
    fix = e.fix;
    sdkText = e.sdkText;
  } else if (networkCode(e) !== undefined) {
    const host = networkHost(e);
    kind = 'network';
    what = `cannot reach ${host ?? 'the endpoint'} (${networkCode(e)})`;
    fix =
      'check the network connection, DNS and proxy (HTTPS_PROXY), and ACTIONTRAIL_CDK_ENDPOINT if it is set, then run the command again';
  } else {
    code = serviceCode(e);
    if (code !== undefined) kind = /AccessKey|Signature|Token/i.test(code) ? 'credentials' : 'cloud';
    what = code ? `the call was refused (${code})` : 'the call failed';
    fix = /AccessKey|Signature|Token|Forbidden|NoPermission/i.test(code ?? '')
      ? `check the AccessKey of ${site.label} (ID, secret, not disabled) and its RAM permissions`
      : 'run the command again with --verbose for the SDK message';
  }
  const line = `${where}: ${site.step}: ${what}; fix: ${fix}`;
  return new CliError(
    verbose ? `${line}\n  SDK: ${sdkText}` : `${line} (--verbose shows the SDK message)`,
    ExitCode.FAILED,
    kind,
    code,
  );
}
