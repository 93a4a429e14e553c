/**
 * Answers ROS: the response body within 4,096 bytes, and its delivery to the
 * request's ResponseURL and IntranetResponseURL. Generic: no resource type is
 * known here.
 */
import { Deadline, backoffDelay, sleep } from '../../../shared/backoff';
import { httpRequest } from '../http';
import { Logger } from '../log';

/** The body ROS expects at the ResponseURL. */
export interface RosResponse {
  /** Outcome. */
  Status: 'SUCCESS' | 'FAILED';
  /** Why it failed (required on FAILED). */
  Reason?: string;
  /** The resource's physical ID (≤ 255 bytes), set on every answer. */
  PhysicalResourceId: string;
  /** From the request. */
  StackId?: string;
  /** From the request. */
  RequestId?: string;
  /** From the request. */
  LogicalResourceId?: string;
  /** Attributes for Fn::GetAtt. */
  Data?: Record<string, string>;
}

/** ROS's limit on the response body; the body is kept strictly below it. */
export const MAX_RESPONSE_BYTES = 4096;

const TRUNCATED = ' [truncated]';

/** Largest echoed StackId / RequestId / LogicalResourceId, in bytes. */
export const MAX_ECHO_BYTES = 512;

/**
 * Serializes a response, shortening `Reason` (and, as a last resort,
 * dropping `Data`) so that the body stays under {@link MAX_RESPONSE_BYTES}.
 */
export function serializeResponse(response: RosResponse): string {
  const bytes = (s: string): number => Buffer.byteLength(s);
  // Echoed fields are capped (ROS's own IDs are far shorter), so that the Reason keeps its room.
  const echo = (v: string | undefined): string | undefined =>
    typeof v === 'string' ? truncateBytes(v, MAX_ECHO_BYTES) : v;
  const base: RosResponse = {
    ...response,
    PhysicalResourceId: truncateBytes(response.PhysicalResourceId, 255),
    StackId: echo(response.StackId),
    RequestId: echo(response.RequestId),
    LogicalResourceId: echo(response.LogicalResourceId),
  };
  let body = JSON.stringify(base);
  if (bytes(body) < MAX_RESPONSE_BYTES) return body;
  if (base.Reason !== undefined) {
    const reason = base.Reason;
    let room = MAX_RESPONSE_BYTES - 1 - bytes(JSON.stringify({ ...base, Reason: '' })) - bytes(TRUNCATED);
    // JSON escaping can make the text longer than its raw bytes; shrink until it fits.
    while (room > 0) {
      body = JSON.stringify({ ...base, Reason: truncateBytes(reason, room) + TRUNCATED });
      if (bytes(body) < MAX_RESPONSE_BYTES) return body;
      room = Math.floor(room * 0.75) - 1;
    }
  }
  // Only an oversized Data gets here (the provider's Data is three short strings).
  const reason = base.Reason === undefined ? {} : { Reason: truncateBytes(base.Reason, 1000) + TRUNCATED };
  return JSON.stringify({ ...base, ...reason, Data: {} });
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** Options of {@link sendResponse}. */
export interface SendOptions {
  /** Attempts per URL. */
  readonly attempts: number;
  /** First retry delay. */
  readonly baseDelayMs: number;
  /** Timeout of one POST (capped by the deadline). */
  readonly timeoutMs: number;
  /** No new attempt starts after this (the first one always runs). */
  readonly deadline: Deadline;
  /** Logger (redacting; the URLs' pre-signed queries never reach the log). */
  readonly logger: Logger;
}

/**
 * POSTs `body` with `Content-Type: application/json` and a GMT `Date` header,
 * retrying non-2xx answers and network errors until the deadline. Each round
 * tries every URL (the ResponseURL, then the IntranetResponseURL), and each
 * attempt gets only its share of the time left, so a ResponseURL that hangs
 * cannot use up the deadline before the IntranetResponseURL is tried.
 * Never throws; returns whether ROS accepted the answer.
 */
export async function sendResponse(urls: readonly string[], body: string, options: SendOptions): Promise<boolean> {
  for (let round = 1; round <= options.attempts; round++) {
    for (let i = 0; i < urls.length; i++) {
      const url = urls[i];
      const target = describeUrl(url);
      const remaining = options.deadline.remaining();
      if (remaining <= 0 && !(round === 1 && i === 0)) break;
      const attemptsLeft = (options.attempts - round) * urls.length + (urls.length - i);
      const timeoutMs = Math.min(options.timeoutMs, Math.max(500, Math.floor(remaining / attemptsLeft)));
      try {
        const res = await httpRequest(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', date: new Date().toUTCString() },
          body,
          timeoutMs,
        });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          options.logger.info('answered ROS', { target, round, status: res.statusCode });
          return true;
        }
        // The body is not logged: a cut echo of it could hold a credential fragment the redactor cannot recognise.
        options.logger.warn('ROS rejected the answer', {
          target,
          round,
          status: res.statusCode,
          contentType: res.headers['content-type'],
          bytes: Buffer.byteLength(res.body),
        });
      } catch (e) {
        options.logger.warn('could not reach ROS', { target, round, timeoutMs, error: e });
      }
    }
    const delay = backoffDelay(round, options.baseDelayMs, options.baseDelayMs * 16);
    if (round < options.attempts && delay < options.deadline.remaining()) await sleep(delay);
  }
  options.logger.error('giving up answering ROS', { targets: urls.map(describeUrl) });
  return false;
}

/** Scheme, host and path of a URL, without its (pre-signed) query. */
function describeUrl(url: string): string {
  return url.split('?')[0];
}
