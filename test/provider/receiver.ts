/**
 * A local stand-in for ROS's ResponseURL: records every POSTed answer, and
 * can fail the next few deliveries to exercise the provider's retries.
 */
import * as http from 'http';
import { AddressInfo } from 'net';

/** One answer received. */
export interface ReceivedAnswer {
  /** HTTP method. */
  method: string;
  /** Request path and query. */
  url: string;
  /** Received headers. */
  headers: http.IncomingHttpHeaders;
  /** Raw body. */
  raw: string;
  /** Parsed JSON body (undefined if not JSON). */
  body: Record<string, any> | undefined;
}

/** The receiver; `start()` it and give `url()` as ResponseURL. */
export class ResponseReceiver {
  /** Every answer that was accepted (2xx), in order. */
  readonly answers: ReceivedAnswer[] = [];
  /** Every delivery attempt, including rejected ones. */
  readonly attempts: ReceivedAnswer[] = [];
  /** Called with each accepted answer's body (ROS's record of the stack completes the request). @default none */
  onAnswer?: (body: Record<string, any> | undefined) => void;
  private failures: Array<'500' | 'reset' | 'hang'> = [];
  private server?: http.Server;
  private base = '';

  /** Starts listening on 127.0.0.1 (random port). */
  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, any> | undefined;
        try {
          body = JSON.parse(raw);
        } catch {
          body = undefined;
        }
        const answer = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, body };
        this.attempts.push(answer);
        const failure = this.failures.shift();
        if (failure === 'hang') return; // never answered: the client must time out
        if (failure === 'reset') {
          req.socket.destroy();
          return;
        }
        if (failure === '500') {
          res.writeHead(500).end('try again');
          return;
        }
        this.answers.push(answer);
        this.onAnswer?.(body);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A pre-signed-looking ResponseURL for this receiver. */
  url(id = 'req'): string {
    return `${this.base}/ros/response/${id}?Expires=1999999999&Signature=pre%2Bsigned%3D&OSSAccessKeyId=LTAIexampleexample`;
  }

  /** Fail the next deliveries: `'500'` answers HTTP 500, `'reset'` drops the connection, `'hang'` never answers. */
  failNext(...failures: Array<'500' | 'reset' | 'hang'>): void {
    this.failures.push(...failures);
  }

  /** Drops the delivery failures not yet used. */
  clearFailures(): void {
    this.failures = [];
  }

  /** The last accepted answer's body. */
  last(): Record<string, any> {
    const a = this.answers[this.answers.length - 1];
    if (!a?.body) throw new Error('no answer received');
    return a.body;
  }

  /** Forgets answers and pending failures. */
  reset(): void {
    this.answers.length = 0;
    this.attempts.length = 0;
    this.failures = [];
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
