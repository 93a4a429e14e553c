/**
 * Answering ROS (`runtime/respond.ts`): the 4,096-byte limit of the answer
 * body (how the Reason is cut, what is dropped last), and the delivery of the
 * answer: rounds over the ResponseURL and IntranetResponseURL, the time each
 * attempt gets, the waits between rounds, the deadline, and the operator log.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { createLogger } from '../../../../lib/provider/runtime/log';
import { Redactor } from '../../../../lib/shared/redact';
import {
  MAX_ECHO_BYTES,
  MAX_RESPONSE_BYTES,
  RosResponse,
  sendResponse,
  serializeResponse,
  truncateBytes,
} from '../../../../lib/provider/runtime/custom-resource/respond';
import * as retry from '../../../../lib/shared/backoff';
import { Deadline } from '../../../../lib/shared/backoff';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A FAILED answer as the handler builds it, without its Reason (187 bytes of JSON with `"Reason":""`). */
const FAILED: RosResponse = {
  Status: 'FAILED',
  PhysicalResourceId: 'create-failed.AuditTrail',
  StackId: 'stack-id-1',
  RequestId: 'ros-req-1',
  LogicalResourceId: 'AuditTrail',
  Data: { Name: 'audit_all' },
};

/** Room for the Reason's text in an answer like {@link FAILED}: 4,095 - 187 - 12 bytes of " [truncated]". */
const ROOM = 3896;

describe('serializeResponse: the answer body stays under 4,096 bytes', () => {
  test('the fixture leaves 3,896 bytes for the Reason', () => {
    expect(MAX_RESPONSE_BYTES).toBe(4096);
    expect(bytes(JSON.stringify({ ...FAILED, Reason: '' }))).toBe(MAX_RESPONSE_BYTES - 1 - 12 - ROOM);
  });

  test('a body of 4,095 bytes is sent as it is; one more byte and the Reason is cut', () => {
    const fits = 'a'.repeat(ROOM + 12);
    expect(serializeResponse({ ...FAILED, Reason: fits })).toBe(JSON.stringify({ ...FAILED, Reason: fits }));
    expect(bytes(serializeResponse({ ...FAILED, Reason: fits }))).toBe(4095);

    const body = serializeResponse({ ...FAILED, Reason: fits + 'a' });
    expect(bytes(body)).toBe(4095);
    expect(JSON.parse(body)).toEqual({ ...FAILED, Reason: 'a'.repeat(ROOM) + ' [truncated]' });
  });

  test('a long Reason is cut to fill the body to exactly 4,095 bytes, marked [truncated]; the other fields and Data are kept', () => {
    const body = serializeResponse({ ...FAILED, Reason: 'a'.repeat(5000) });
    expect(bytes(body)).toBe(4095);
    expect(JSON.parse(body)).toEqual({ ...FAILED, Reason: 'a'.repeat(ROOM) + ' [truncated]' });
    expect(body).toBe(JSON.stringify({ ...FAILED, Reason: 'a'.repeat(ROOM) + ' [truncated]' }));
  });

  test('a Reason cut whose JSON escaping makes it one byte too long is cut again, to three quarters of the room less one', () => {
    // The first cut (3,896 raw bytes) is 3,897 bytes as JSON: 4,096 in all, which is not below the limit.
    const body = serializeResponse({ ...FAILED, Reason: '"' + 'a'.repeat(5000) });
    const room = Math.floor(ROOM * 0.75) - 1; // 2,921
    expect(JSON.parse(body)).toEqual({ ...FAILED, Reason: '"' + 'a'.repeat(room - 1) + ' [truncated]' });
    expect(bytes(body)).toBe(3121);
  });

  test('a Reason of characters that JSON doubles is cut as often as needed (3,896, 2,921, 2,189, then 1,640 bytes)', () => {
    const body = serializeResponse({ ...FAILED, Reason: '"'.repeat(5000) });
    expect(JSON.parse(body)).toEqual({ ...FAILED, Reason: '"'.repeat(1640) + ' [truncated]' });
    expect(bytes(body)).toBe(3479);
  });

  test('a Reason is cut between characters, never inside one', () => {
    const body = serializeResponse({ ...FAILED, Reason: 'é'.repeat(3000) });
    expect(JSON.parse(body)).toEqual({ ...FAILED, Reason: 'é'.repeat(ROOM / 2) + ' [truncated]' });
    expect(body).not.toContain('\ufffd');
  });

  test('when Data leaves no room at all for the Reason, Data is dropped and the Reason keeps its first 1,000 bytes', () => {
    // Data sized so that the body with an empty Reason is 4,083 bytes: room for the Reason is exactly 0.
    const data = { Name: 'audit_all' + 'x'.repeat(4083 - 187) };
    expect(bytes(JSON.stringify({ ...FAILED, Data: data, Reason: '' }))).toBe(4083);
    const body = serializeResponse({ ...FAILED, Data: data, Reason: 'r'.repeat(20) });
    expect(JSON.parse(body)).toEqual({ ...FAILED, Data: {}, Reason: 'r'.repeat(20) + ' [truncated]' });
  });

  test('an oversized Data is replaced by {}; a Reason is then cut to 1,000 bytes', () => {
    const data = { Name: 'n'.repeat(5000) };
    const body = serializeResponse({ ...FAILED, Data: data, Reason: 'é'.repeat(1500) });
    expect(body).toBe(JSON.stringify({ ...FAILED, Reason: 'é'.repeat(500) + ' [truncated]', Data: {} }));
    expect(bytes(body)).toBeLessThan(MAX_RESPONSE_BYTES);
  });

  test('an oversized Data without a Reason: Data is replaced by {}, and no Reason is added', () => {
    const success: RosResponse = {
      Status: 'SUCCESS',
      PhysicalResourceId: 'p',
      RequestId: 'r',
      Data: { Name: 'n'.repeat(5000) },
    };
    const body = serializeResponse(success);
    expect(body).toBe(JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'p', RequestId: 'r', Data: {} }));
    expect(JSON.parse(body)).not.toHaveProperty('Reason');
  });

  test('StackId, RequestId and LogicalResourceId are echoed up to 512 bytes each; absent ones stay absent', () => {
    expect(MAX_ECHO_BYTES).toBe(512);
    const body = serializeResponse({
      Status: 'SUCCESS',
      PhysicalResourceId: 'p',
      StackId: 's'.repeat(600),
      RequestId: 'é'.repeat(300),
      LogicalResourceId: 'L',
    });
    expect(JSON.parse(body)).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'p',
      StackId: 's'.repeat(512),
      RequestId: 'é'.repeat(256),
      LogicalResourceId: 'L',
    });
    expect(serializeResponse({ Status: 'SUCCESS', PhysicalResourceId: 'p' })).toBe(
      '{"Status":"SUCCESS","PhysicalResourceId":"p"}',
    );
  });
});

describe('truncateBytes', () => {
  test('keeps a text that fits, else the longest prefix of whole characters that fits', () => {
    expect(truncateBytes('abc', 3)).toBe('abc');
    expect(truncateBytes('abcd', 2)).toBe('ab');
    expect(truncateBytes('abc', 0)).toBe('');
    expect(truncateBytes('aé', 2)).toBe('a');
    expect(truncateBytes('aé', 3)).toBe('aé');
    expect(truncateBytes('aéb', 3)).toBe('aé');
    expect(truncateBytes('😀x', 3)).toBe('');
    expect(truncateBytes('x😀y', 5)).toBe('x😀');
  });
});

/** A stand-in for ROS's answer endpoint: answers each POST with the next scripted status (200 when none is left). */
class ScriptedEndpoint {
  readonly received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  private statuses: Array<{ status: number; contentType?: string; body?: string }> = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const next = this.statuses.shift() ?? { status: 200 };
      res.writeHead(next.status, next.contentType ? { 'content-type': next.contentType } : {}).end(next.body ?? '');
    });
  });
  base = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...statuses: Array<{ status: number; contentType?: string; body?: string }>): void {
    this.statuses.push(...statuses);
  }

  reset(): void {
    this.received.length = 0;
    this.statuses = [];
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback URL on which nothing listens (connection refused at once). */
async function refusedBase(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('sendResponse', () => {
  const ros = new ScriptedEndpoint();
  let refused = '';
  let lines: Array<Record<string, any>> = [];
  let sleeps: number[] = [];
  const logger = createLogger(new Redactor([]), {
    log: (l) => lines.push(JSON.parse(l)),
    warn: (l) => lines.push(JSON.parse(l)),
    error: (l) => lines.push(JSON.parse(l)),
  });
  /** A deadline `ms` away on a clock that stands still. */
  const frozen = (ms: number): Deadline => new Deadline(1_000_000 + ms, () => 1_000_000);
  const options = (over: Partial<Parameters<typeof sendResponse>[2]> = {}): Parameters<typeof sendResponse>[2] => ({
    attempts: 3,
    baseDelayMs: 1,
    timeoutMs: 1000,
    deadline: frozen(10_000),
    logger,
    ...over,
  });

  beforeAll(async () => {
    await ros.start();
    refused = await refusedBase();
  });
  afterAll(() => ros.stop());
  beforeEach(() => {
    ros.reset();
    lines = [];
    sleeps = [];
    jest.spyOn(retry, 'sleep').mockImplementation(async (ms: number) => void sleeps.push(ms));
  });
  afterEach(() => jest.restoreAllMocks());

  test('an accepted answer is one POST of the body as JSON with a GMT Date header, logged without the URL query', async () => {
    const body = JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'p' });
    const before = Date.now();
    const ok = await sendResponse([`${ros.base}/ros/a?Signature=pre%2Bsigned`, `${ros.base}/ros/b`], body, options());
    expect(ok).toBe(true);
    expect(ros.received.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/ros/a?Signature=pre%2Bsigned', body],
    ]);
    const headers = ros.received[0].headers;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['content-length']).toBe(String(bytes(body)));
    expect(headers.date).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Math.abs(Date.parse(headers.date!) - before)).toBeLessThan(5000);
    expect(lines).toEqual([{ level: 'info', msg: 'answered ROS', target: `${ros.base}/ros/a`, round: 1, status: 200 }]);
    expect(sleeps).toEqual([]);
  });

  test('any 2xx is an acceptance (204, 299)', async () => {
    ros.script({ status: 204 });
    expect(await sendResponse([`${ros.base}/x`], '{}', options({ attempts: 1 }))).toBe(true);
    ros.script({ status: 299 });
    expect(await sendResponse([`${ros.base}/x`], '{}', options({ attempts: 1 }))).toBe(true);
    expect(ros.received).toHaveLength(2);
    expect(lines.map((l) => [l.msg, l.status])).toEqual([
      ['answered ROS', 204],
      ['answered ROS', 299],
    ]);
  });

  test('a 300 is a rejection: logged with status, content type and size (not the body), then the next URL is tried', async () => {
    ros.script({ status: 300, contentType: 'text/html', body: 'échec' });
    const ok = await sendResponse([`${ros.base}/ros/a?Expires=1`, `${ros.base}/ros/b?Expires=2`], '{}', options());
    expect(ok).toBe(true);
    expect(ros.received.map((r) => r.url)).toEqual(['/ros/a?Expires=1', '/ros/b?Expires=2']);
    expect(lines).toEqual([
      {
        level: 'warn',
        msg: 'ROS rejected the answer',
        target: `${ros.base}/ros/a`,
        round: 1,
        status: 300,
        contentType: 'text/html',
        bytes: 6,
      },
      { level: 'info', msg: 'answered ROS', target: `${ros.base}/ros/b`, round: 1, status: 200 },
    ]);
  });

  test('unreachable URLs: every URL in every round, each attempt given its share of the time left, waits between rounds, then gives up', async () => {
    const backoff = jest.spyOn(retry, 'backoffDelay');
    const urls = [`${refused}/ros/a?Signature=s1`, `${refused}/ros/b?Signature=s2`];
    // 60 s left, 6 attempts: 60/6, 60/5, 60/4, 60/3, 60/2 and 60/1 s, none above the 100 s per-attempt timeout.
    const ok = await sendResponse(
      urls,
      '{}',
      options({ attempts: 3, baseDelayMs: 7, timeoutMs: 100_000, deadline: frozen(60_000) }),
    );
    expect(ok).toBe(false);
    const warned = lines.filter((l) => l.msg === 'could not reach ROS');
    expect(warned.map((l) => [l.level, l.target, l.round, l.timeoutMs])).toEqual([
      ['warn', `${refused}/ros/a`, 1, 10_000],
      ['warn', `${refused}/ros/b`, 1, 12_000],
      ['warn', `${refused}/ros/a`, 2, 15_000],
      ['warn', `${refused}/ros/b`, 2, 20_000],
      ['warn', `${refused}/ros/a`, 3, 30_000],
      ['warn', `${refused}/ros/b`, 3, 60_000],
    ]);
    for (const l of warned) expect(l.error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect(lines.slice(6)).toEqual([
      { level: 'error', msg: 'giving up answering ROS', targets: [`${refused}/ros/a`, `${refused}/ros/b`] },
    ]);
    expect(lines).toHaveLength(7);
    // The waits: equal-jitter backoff from the base delay, capped at 16 times it; none after the last round.
    expect(backoff.mock.calls).toEqual([
      [1, 7, 112],
      [2, 7, 112],
      [3, 7, 112],
    ]);
    expect(sleeps).toEqual([backoff.mock.results[0].value, backoff.mock.results[1].value]);
  });

  test('each attempt gets at least 500 ms and at most the configured timeout', async () => {
    // 1.2 s left for 3 attempts: 400 ms is raised to 500, 600 ms stays, 1,200 ms is capped at 1,000.
    await sendResponse([`${refused}/x`], '{}', options({ attempts: 3, timeoutMs: 1000, deadline: frozen(1200) }));
    expect(lines.filter((l) => l.msg === 'could not reach ROS').map((l) => l.timeoutMs)).toEqual([500, 600, 1000]);
  });

  test('no wait is begun that would reach the deadline', async () => {
    jest.spyOn(retry, 'backoffDelay').mockReturnValue(50);
    await sendResponse([`${refused}/x`], '{}', options({ attempts: 2, deadline: frozen(50) }));
    expect(sleeps).toEqual([]);
    expect(lines.filter((l) => l.msg === 'could not reach ROS').map((l) => l.round)).toEqual([1, 2]);
    lines = [];
    await sendResponse([`${refused}/x`], '{}', options({ attempts: 2, deadline: frozen(51) }));
    expect(sleeps).toEqual([50]);
  });

  test('past the deadline, only the first attempt on the ResponseURL is made', async () => {
    ros.script({ status: 500 });
    const ok = await sendResponse(
      [`${ros.base}/ros/a`, `${ros.base}/ros/b`],
      '{}',
      options({ attempts: 3, deadline: frozen(-1000) }),
    );
    expect(ok).toBe(false);
    expect(ros.received.map((r) => r.url)).toEqual(['/ros/a']);
    expect(lines).toEqual([
      { level: 'warn', msg: 'ROS rejected the answer', target: `${ros.base}/ros/a`, round: 1, status: 500, bytes: 0 },
      { level: 'error', msg: 'giving up answering ROS', targets: [`${ros.base}/ros/a`, `${ros.base}/ros/b`] },
    ]);
    expect(sleeps).toEqual([]);
  });

  test('at the deadline (no time left), only the first attempt is made too', async () => {
    ros.script({ status: 500 });
    expect(
      await sendResponse(
        [`${ros.base}/ros/a`, `${ros.base}/ros/b`],
        '{}',
        options({ attempts: 2, deadline: frozen(0) }),
      ),
    ).toBe(false);
    expect(ros.received.map((r) => r.url)).toEqual(['/ros/a']);
  });

  test('past the deadline, a first attempt that is accepted still counts', async () => {
    expect(await sendResponse([`${ros.base}/ros/a`], '{}', options({ deadline: frozen(-1) }))).toBe(true);
    expect(ros.received).toHaveLength(1);
  });
});
