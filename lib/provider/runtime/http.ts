/**
 * A minimal HTTP(S) client on Node built-ins with an overall per-request timeout.
 */
import * as http from 'http';
import * as https from 'https';
import { URL } from 'url';
import { NetworkError } from './errors';

/** What one HTTP exchange returned. */
export interface HttpResponse {
  /** HTTP status code. */
  readonly statusCode: number;
  /** Response headers (lower-case names). */
  readonly headers: http.IncomingHttpHeaders;
  /** Response body as UTF-8 text. */
  readonly body: string;
}

/** Options of {@link httpRequest}. */
export interface HttpRequestOptions {
  /** HTTP method. */
  readonly method: string;
  /** Headers to send as given. @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body. @default empty */
  readonly body?: string;
  /** Abort (with a `ETIMEDOUT` {@link NetworkError}) when the whole exchange takes longer. */
  readonly timeoutMs: number;
}

/**
 * Sends one request and reads the whole response. Rejects with a
 * {@link NetworkError} on connection errors, resets and timeouts; any HTTP
 * status resolves. Uses a fresh connection each time (no keep-alive), so a
 * reset connection is never reused and nothing keeps the process alive.
 */
export function httpRequest(url: string, options: HttpRequestOptions): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    // Called once or more (a timeout is followed by the request's error): a promise settles only once.
    const finish = (outcome: { readonly error: Error } | { readonly response: HttpResponse }): void => {
      clearTimeout(timer);
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.response);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ error: new NetworkError(`invalid URL`, 'EINVALIDURL') });
      return;
    }
    const transport = target.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = transport.request(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: options.method,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e: NodeJS.ErrnoException) =>
          finish({ error: new NetworkError(e.message, e.code ?? 'ERESPONSE') }),
        );
        res.on('aborted', () => finish({ error: new NetworkError('response aborted', 'ECONNRESET') }));
        res.on('end', () =>
          finish({
            response: {
              statusCode: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            },
          }),
        );
      },
    );
    timer = setTimeout(
      () => {
        const err = new NetworkError(`no complete answer within ${options.timeoutMs} ms`, 'ETIMEDOUT');
        finish({ error: err });
        req.destroy(err);
      },
      Math.max(1, options.timeoutMs),
    );
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: new NetworkError(e.message, e.code ?? 'ENETWORK') }));
    req.end(options.body);
  });
}
