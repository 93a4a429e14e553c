/**
 * runtime/actiontrail-client.ts, the ActionTrail API client, against a
 * scripted loopback HTTP server that answers exactly what each test says
 * (status, headers, body, a reset), and records every request line and header
 * the client sent.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { ActionTrailClient, ActionTrailClientOptions } from '../../../lib/provider/runtime/actiontrail-client';
import { ApiError, NetworkError } from '../../../lib/provider/runtime/errors';
import { Logger } from '../../../lib/provider/runtime/log';
import { Deadline } from '../../../lib/shared/backoff';
import { FAKE } from '../harness';

/** One request the scripted server received. */
interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** What the server does with one request. */
type Script = (res: http.ServerResponse, req: http.IncomingMessage) => void;

/** A JSON answer. */
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Script =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** A raw answer: exactly these headers (Node adds no content-type) and body. */
const raw =
  (status: number, body: string, headers: Record<string, string> = {}): Script =>
  (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** The connection is destroyed without an answer. */
const reset: Script = (_res, req) => req.socket.destroy();

class ScriptedServer {
  readonly received: Received[] = [];
  private scripts: Script[] = [];
  private fallback: Script = json(200, { RequestId: 'req-default' });
  private server?: http.Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
        (this.scripts.shift() ?? this.fallback)(res, req);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next requests get these answers, in order; after them, `fallback` (or `{ RequestId }` 200). */
  answer(scripts: Script[], fallback?: Script): void {
    this.received.length = 0;
    this.scripts = [...scripts];
    this.fallback = fallback ?? json(200, { RequestId: 'req-default' });
  }
}

/** A logger that keeps every line's level, message and fields. */
function recordingLogger(): Logger & {
  lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  return {
    lines,
    info: (msg, fields) => void lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => void lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => void lines.push({ level: 'error', msg, fields }),
  };
}

const server = new ScriptedServer();

beforeAll(() => server.start());

afterAll(() => server.stop());

function client(overrides: Partial<ActionTrailClientOptions> = {}): {
  client: ActionTrailClient;
  log: ReturnType<typeof recordingLogger>;
} {
  const log = recordingLogger();
  const c = new ActionTrailClient({
    endpoint: server.endpoint,
    credentials: FAKE,
    // Generous: on a loaded machine (a mutation run) one loopback exchange can take seconds.
    deadline: Deadline.in(30_000),
    requestTimeoutMs: 15_000,
    baseDelayMs: 2,
    maxDelayMs: 4,
    logger: log,
    ...overrides,
  });
  return { client: c, log };
}

/** Retry delays longer than any deadline here: exactly one attempt. */
const ONE_ATTEMPT = { baseDelayMs: 1e9, maxDelayMs: 1e9 };

/** The rejection of `p` (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('the request the client sends', () => {
  test('parameters travel sorted and percent-encoded in the query string; undefined ones are left out, booleans are sent as text', async () => {
    server.answer([]);
    const { client: c } = client();
    await c.call('CreateTrail', {
      TrailRegion: 'cn-hangzhou,cn-shanghai',
      OssKeyPrefix: undefined,
      Name: 'audit_all',
      IsOrganizationTrail: false,
      EventRW: 'All',
    });
    expect(server.received).toHaveLength(1);
    expect(server.received[0].method).toBe('POST');
    expect(server.received[0].url).toBe(
      '/?EventRW=All&IsOrganizationTrail=false&Name=audit_all&TrailRegion=cn-hangzhou%2Ccn-shanghai',
    );
  });

  test('a call without parameters requests "/" with no query string', async () => {
    server.answer([]);
    await client().client.call('DescribeTrails', {});
    expect(server.received.map((r) => r.url)).toEqual(['/']);
  });

  test('asks for JSON, names itself, and carries the action, the API version and the STS token', async () => {
    server.answer([]);
    await client().client.call('StopLogging', { Name: 'audit_all' });
    const { method, headers } = server.received[0];
    expect(method).toBe('GET'); // StopLogging is GET-only in the API metadata
    expect(headers).toMatchObject({
      accept: 'application/json',
      'user-agent': 'actiontrail-cdk-provider/1 (+Node.js)',
      'x-acs-action': 'StopLogging',
      'x-acs-version': '2020-07-06',
      'x-acs-security-token': FAKE.securityToken,
    });
  });
});

describe('answers', () => {
  test('a 2xx JSON answer is returned and logged with its status, RequestId and duration', async () => {
    server.answer([json(200, { RequestId: 'req-1', TrailList: [] })]);
    const { client: c, log } = client();
    await expect(c.call('DescribeTrails', {})).resolves.toEqual({ RequestId: 'req-1', TrailList: [] });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({
      level: 'info',
      msg: 'API call',
      fields: { action: 'DescribeTrails', attempt: 1, status: 200, requestId: 'req-1' },
    });
    expect(log.lines[0].fields!.ms).toBeGreaterThanOrEqual(0);
    expect(log.lines[0].fields!.ms).toBeLessThan(5000);
  });

  test('a 2xx answer whose keys are lower camel case (requestId) is accepted', async () => {
    server.answer([json(200, { requestId: 'req-lower' })]);
    const { client: c, log } = client();
    await expect(c.call('GetTrailStatus', { Name: 'audit_all' })).resolves.toEqual({ requestId: 'req-lower' });
    expect(log.lines[0].fields).toMatchObject({ requestId: 'req-lower' });
  });

  test('a 2xx JSON answer without a RequestId proves nothing was done: an EEMPTYANSWER network error, retried, and logged', async () => {
    server.answer([json(200, {}), json(200, { RequestId: 'req-2' })]);
    const { client: c, log } = client();
    await expect(c.call('UpdateTrail', { Name: 'audit_all' })).resolves.toEqual({ RequestId: 'req-2' });
    expect(server.received).toHaveLength(2);
    expect(log.lines[0]).toMatchObject({
      level: 'warn',
      msg: 'API call answered 2xx without a JSON body',
      fields: { action: 'UpdateTrail', attempt: 1, status: 200 },
    });
    expect(log.lines[0].fields!.ms).toBeGreaterThanOrEqual(0);
    expect(log.lines[0].fields!.ms).toBeLessThan(5000);
    expect(log.lines[1]).toMatchObject({
      level: 'warn',
      msg: 'retrying API call',
      fields: {
        action: 'UpdateTrail',
        attempt: 1,
        error: { code: 'EEMPTYANSWER', message: 'HTTP 200 with an empty or non-JSON body' },
      },
    });
  });

  test('the empty-answer error names the action and says the call may have been applied', async () => {
    server.answer([], json(200, { NotARequestId: true }));
    const err = await rejection(client(ONE_ATTEMPT).client.call('StartLogging', { Name: 'audit_all' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({
      code: 'EEMPTYANSWER',
      action: 'StartLogging',
      message: 'HTTP 200 with an empty or non-JSON body',
      attempts: 1,
    });
  });

  test('HTTP 300 and 400 answers with a RequestId are errors, not results', async () => {
    server.answer([
      json(300, { RequestId: 'req-300', Code: 'Moved', Message: 'elsewhere' }),
      json(400, { RequestId: 'req-400', Code: 'InvalidParameter', Message: 'bad' }),
    ]);
    const { client: c } = client();
    expect(await rejection(c.call('DescribeTrails', {}))).toMatchObject({
      statusCode: 300,
      code: 'Moved',
      requestId: 'req-300',
    });
    expect(await rejection(c.call('DescribeTrails', {}))).toMatchObject({
      statusCode: 400,
      code: 'InvalidParameter',
      requestId: 'req-400',
    });
  });
});

describe('error answers', () => {
  test('the RequestId comes from the JSON body, even when the gateway sent another in x-acs-request-id', async () => {
    server.answer([
      json(
        400,
        { RequestId: 'body-id', Code: 'InvalidParameter', Message: 'bad' },
        { 'x-acs-request-id': 'header-id' },
      ),
      json(400, { RequestId: 'body-only', Code: 'InvalidParameter', Message: 'bad' }),
    ]);
    const { client: c, log } = client();
    const first = await rejection(c.call('UpdateTrail', { Name: 'audit_all' }));
    expect(first).toBeInstanceOf(ApiError);
    expect(first).toMatchObject({
      action: 'UpdateTrail',
      code: 'InvalidParameter',
      apiMessage: 'bad',
      requestId: 'body-id',
      statusCode: 400,
      attempts: 1,
    });
    expect(log.lines).toEqual([
      {
        level: 'warn',
        msg: 'API call failed',
        fields: {
          action: 'UpdateTrail',
          attempt: 1,
          status: 400,
          code: 'InvalidParameter',
          requestId: 'body-id',
          ms: expect.any(Number),
        },
      },
    ]);
    expect(log.lines[0].fields!.ms).toBeLessThan(5000);
    expect((await rejection(c.call('UpdateTrail', { Name: 'audit_all' }))).requestId).toBe('body-only');
  });

  test('a non-JSON error page: the RequestId from x-acs-request-id, and a message naming status and media type but not the body', async () => {
    const page = '<html><body>x-acs-security-token: ' + FAKE.securityToken + '</body></html>';
    server.answer([raw(403, page, { 'content-type': 'TEXT/HTML; charset=utf-8', 'x-acs-request-id': 'gw-id' })]);
    const err = await rejection(client({ consistencyWindowMs: 0 }).client.call('DescribeTrails', {}));
    expect(err).toMatchObject({
      code: 'HTTP403',
      requestId: 'gw-id',
      apiMessage: 'HTTP 403 with a non-JSON body (content-type text/html); the body is not shown',
    });
  });

  test('a non-JSON error page without a content type says "unknown"; without x-acs-request-id it has no RequestId', async () => {
    server.answer([raw(404, 'nope')]);
    const err = await rejection(client().client.call('DescribeTrails', {}));
    expect(err).toMatchObject({
      code: 'HTTP404',
      requestId: undefined,
      apiMessage: 'HTTP 404 with a non-JSON body (content-type unknown); the body is not shown',
    });
  });

  test('a Content-Type that does not start with a media type is reported as "unknown" (nothing else of the header is repeated)', async () => {
    server.answer([raw(400, 'x', { 'content-type': 'oops; echo=secret/value' })]);
    const err = await rejection(client().client.call('DescribeTrails', {}));
    expect(err.apiMessage).toBe('HTTP 400 with a non-JSON body (content-type unknown); the body is not shown');
  });

  test('an error body that is JSON but not an object (a string, an array) is reported as a non-JSON body', async () => {
    server.answer([json(400, 'just text'), json(404, [{ Code: 'X' }])]);
    const { client: c } = client();
    expect(await rejection(c.call('DescribeTrails', {}))).toMatchObject({
      code: 'HTTP400',
      apiMessage: 'HTTP 400 with a non-JSON body (content-type application/json); the body is not shown',
    });
    expect(await rejection(c.call('DescribeTrails', {}))).toMatchObject({
      code: 'HTTP404',
      apiMessage: 'HTTP 404 with a non-JSON body (content-type application/json); the body is not shown',
    });
  });

  test('Code, Message and RequestId that are not non-empty strings are ignored', async () => {
    server.answer([json(400, { RequestId: 42, Code: '', Message: 7 }, { 'x-acs-request-id': 'hdr-id' })]);
    const err = await rejection(client().client.call('DescribeTrails', {}));
    expect(err).toMatchObject({ code: 'HTTP400', apiMessage: 'no error message', requestId: 'hdr-id' });
  });

  test('a JSON error without Code or Message: the code is HTTP<status> and the message says there was none', async () => {
    server.answer([json(400, { RequestId: 'r-1' })]);
    const err = await rejection(client().client.call('DescribeTrails', {}));
    expect(err).toMatchObject({
      code: 'HTTP400',
      apiMessage: 'no error message',
      requestId: 'r-1',
      message: 'DescribeTrails failed: HTTP400: no error message',
    });
  });

  test('error fields in lower camel case (code, message, requestId) are read too', async () => {
    server.answer([json(400, { requestId: 'r-lower', code: 'InvalidParameter', message: 'lower' })]);
    const err = await rejection(client().client.call('DescribeTrails', {}));
    expect(err).toMatchObject({ code: 'InvalidParameter', apiMessage: 'lower', requestId: 'r-lower' });
  });
});

describe('network failures', () => {
  test('a reset connection is a network error of the action, logged with its code, retried with its code in the retry line', async () => {
    server.answer([reset]);
    const { client: c, log } = client();
    await expect(c.call('DeleteTrail', { Name: 'audit_all' })).resolves.toEqual({ RequestId: 'req-default' });
    const [noAnswer, retrying] = log.lines;
    expect(noAnswer).toMatchObject({
      level: 'warn',
      msg: 'API call got no answer',
      fields: { action: 'DeleteTrail', attempt: 1, error: { code: 'ECONNRESET' } },
    });
    expect(typeof (noAnswer.fields!.error as any).message).toBe('string');
    expect(noAnswer.fields!.ms).toBeGreaterThanOrEqual(0);
    expect(noAnswer.fields!.ms).toBeLessThan(5000);
    expect(retrying).toMatchObject({
      level: 'warn',
      msg: 'retrying API call',
      fields: { action: 'DeleteTrail', attempt: 1, error: { code: 'ECONNRESET' } },
    });
    expect(retrying.fields!.delayMs).toEqual(expect.any(Number));
    // A reset after sending may have been applied.
    expect(c.lastAmbiguousAt).toEqual(expect.any(Number));
  });

  test('the thrown network error names the action', async () => {
    server.answer([], reset);
    const err = await rejection(client(ONE_ATTEMPT).client.call('DeleteTrail', { Name: 'audit_all' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ action: 'DeleteTrail', code: 'ECONNRESET' });
  });

  test('a request Node refuses to send (a control character in a header) fails at once, is logged with its message, and is not passed off as a network error', async () => {
    server.answer([]);
    const { client: c, log } = client({ credentials: { ...FAKE, securityToken: 'CAISbad\ntoken' } });
    const err = await rejection(c.call('DescribeTrails', {}));
    expect(err).not.toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_CHAR' }); // Node's own error (another realm under jest)
    expect(err).not.toHaveProperty('action');
    expect(server.received).toEqual([]);
    expect(log.lines).toEqual([
      {
        level: 'warn',
        msg: 'API call got no answer',
        fields: {
          action: 'DescribeTrails',
          attempt: 1,
          ms: expect.any(Number),
          error: { message: expect.stringContaining('Invalid character in header content') },
        },
      },
    ]);
  });

  test('an error that is neither an API nor a network error is not tagged as following an ambiguous attempt', async () => {
    server.answer([json(500, { RequestId: 'r-500', Code: 'InternalError', Message: 'boom' })]);
    let reads = 0;
    const credentials = {
      ...FAKE,
      get securityToken(): string {
        // One read per attempt: a valid token for the first, then one Node refuses to send.
        return reads++ === 0 ? FAKE.securityToken : 'CAISbad\ntoken';
      },
    };
    const err = await rejection(client({ credentials }).client.call('DescribeTrails', {}));
    expect(err).toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_CHAR' });
    expect(err).not.toHaveProperty('ambiguousEarlierAttempt');
  });
});

describe('retries', () => {
  test('an error answer after an HTTP 500 says an earlier attempt may have been applied; the retry line carries the API error', async () => {
    server.answer([
      json(500, { RequestId: 'r-500', Code: 'InternalError', Message: 'boom' }),
      json(400, { RequestId: 'r-400', Code: 'InvalidParameter', Message: 'bad' }),
    ]);
    const { client: c, log } = client();
    const err = await rejection(c.call('CreateTrail', { Name: 'audit_all' }));
    expect(err).toMatchObject({ code: 'InvalidParameter', ambiguousEarlierAttempt: true, attempts: 2 });
    expect(log.lines.find((l) => l.msg === 'retrying API call')).toMatchObject({
      fields: {
        action: 'CreateTrail',
        attempt: 1,
        error: { code: 'InternalError', status: 500, requestId: 'r-500', message: 'boom' },
      },
    });
  });

  const noPermission = json(403, { RequestId: 'r-403', Code: 'NoPermission', Message: 'not yet' });

  test('eventual-consistency errors are retried for 60 s by default', async () => {
    server.answer([noPermission, noPermission], json(200, { RequestId: 'r-ok' }));
    await expect(client().client.call('DescribeTrails', {})).resolves.toEqual({ RequestId: 'r-ok' });
    expect(server.received).toHaveLength(3);
  });

  test('eventual-consistency errors are retried while less than the window has passed since the first, then fail', async () => {
    // The clock moves 25 ms per answer: errors at 0, 25 and 50 ms after the first; the window is 50 ms.
    const realNow = Date.now.bind(Date);
    const deadline = new Deadline(realNow() + 30_000, realNow);
    const { client: c } = client({ deadline, consistencyWindowMs: 50 });
    let fake = realNow();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => fake);
    const ticking: Script = (res, req) => {
      fake += 25;
      noPermission(res, req);
    };
    server.answer([], ticking);
    try {
      const err = await rejection(c.call('DescribeTrails', {}));
      expect(err).toMatchObject({ code: 'NoPermission', attempts: 3 });
      expect(server.received).toHaveLength(3);
    } finally {
      clock.mockRestore();
    }
  });

  test('with a window of 0 ms an eventual-consistency error is not retried at all', async () => {
    server.answer([], noPermission);
    const realNow = Date.now.bind(Date);
    const deadline = new Deadline(realNow() + 200, realNow);
    const { client: c } = client({ deadline, consistencyWindowMs: 0 });
    const frozen = jest.spyOn(Date, 'now').mockReturnValue(realNow());
    try {
      const err = await rejection(c.call('DescribeTrails', {}));
      expect(err).toMatchObject({ code: 'NoPermission', attempts: 1 });
      expect(server.received).toHaveLength(1);
    } finally {
      frozen.mockRestore();
    }
  });
});
