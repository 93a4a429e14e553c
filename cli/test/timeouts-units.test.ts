/**
 * The SDK's timeouts are network failures (not refusals), retried like the
 * other network failures; and Ctrl-C ends the retries' wait at once.
 */
import * as http from 'http';
import * as net from 'net';
import { PassThrough } from 'stream';
import { Redactor } from '../../lib/shared/redact';
import { Printer } from '../src/printer';
import { resumeCommands, waitForStack } from '../src/stack-waiter';
import { parseCliArgs } from '../src/args';
import { InterruptedError } from '../src/errors';
import { errorCode, inOurWords, networkCode } from '../src/failures';
import { isRetryable, withRetry } from '../src/retry';
// The SDK's HTTP layer (openapi-core -> @darabonba/typescript -> httpx): its errors as thrown.
import * as httpx from 'httpx';

const SITE = { stack: 'Solo', account: '1111111111111111', label: "profile 'mgmt'", step: 'reading the stack' };

/** What httpx rejects with when the endpoint accepts the request and never answers within readTimeout. */
async function realReadTimeout(): Promise<unknown> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer(() => undefined);
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as net.AddressInfo).port;
    return await httpx
      .request(`http://127.0.0.1:${port}/`, { method: 'POST', readTimeout: 100, connectTimeout: 1000 })
      .then(
        () => new Error('answered'),
        (e: unknown) => e,
      );
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** httpx's connect timeout, as its `request.on('timeout')` builds it. */
function connectTimeout(): Error {
  const err = new Error();
  err.name = 'RequestTimeoutError';
  err.message = 'ConnectTimeout: Connect https://ros.aliyuncs.com/ failed.';
  return err;
}

test.each([
  ['ReadTimeout', realReadTimeout],
  ['ConnectTimeout', async () => connectTimeout()],
])('the SDK %s is a network failure with the network fix, and is retried', async (code, make) => {
  const e = await make();
  expect((e as Error).name).toBe('RequestTimeoutError');
  expect(networkCode(e)).toBe(code);
  expect(errorCode(e)).toBe(code);
  const said = inOurWords(e, SITE, 'sdk text', false);
  expect(said.kind).toBe('network');
  expect(said.cloudCode).toBeUndefined();
  expect(said.message).toMatch(
    code === 'ConnectTimeout'
      ? /cannot reach ros\.aliyuncs\.com \(ConnectTimeout\)/
      : /cannot reach 127\.0\.0\.1:\d+ \(ReadTimeout\)/,
  );
  expect(said.message).toContain('check the network connection, DNS and proxy');
  expect(said.message).not.toContain('refused');
  expect(isRetryable(e)).toBe(true);
  let calls = 0;
  await expect(
    withRetry(
      async () => {
        calls++;
        throw e;
      },
      { attempts: 3, baseDelayMs: 1, sleep: async () => undefined },
    ),
  ).rejects.toBe(e);
  expect(calls).toBe(3);
});

test('a cloud answer that merely mentions a timeout stays a cloud refusal', () => {
  const e = Object.assign(new Error('code: 400, ReadTimeout value is invalid request id: x'), {
    code: 'InvalidParameter',
    statusCode: 400,
  });
  expect(networkCode(e)).toBeUndefined();
  expect(inOurWords(e, SITE, 'sdk', false).kind).toBe('cloud');
  expect(isRetryable(e)).toBe(false);
});

test('Ctrl-C during the wait between attempts: InterruptedError at once, no further attempt', async () => {
  const controller = new AbortController();
  let calls = 0;
  const started = Date.now();
  const pending = withRetry(
    async () => {
      calls++;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    },
    { baseDelayMs: 60_000, onRetry: () => setTimeout(() => controller.abort(), 20), signal: controller.signal },
  );
  const e = await pending.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InterruptedError);
  expect((e as InterruptedError).exitCode).toBe(130);
  expect((e as InterruptedError).kind).toBe('interrupted');
  expect((e as Error).message).toContain('while retrying after ECONNREFUSED');
  expect(calls).toBe(1);
  expect(Date.now() - started).toBeLessThan(10_000);
  // Through inOurWords it stays what it is.
  expect(inOurWords(e, SITE, 'sdk', false)).toBe(e);
  // And a call made after Ctrl-C does not start.
  let later = 0;
  await expect(withRetry(async () => ++later, { signal: controller.signal })).rejects.toBeInstanceOf(InterruptedError);
  expect(later).toBe(0);
});

describe('a Ctrl-C that stops a stack poll names the stack', () => {
  test("the retries' interruption becomes the stack's: its last status and how to resume", async () => {
    const controller = new AbortController();
    let polls = 0;
    const ros = {
      get: async () => {
        polls++;
        if (polls === 1) return { status: 'CREATE_IN_PROGRESS', statusReason: '', outputs: [] };
        // Ctrl-C pressed while this call's retries wait: withRetry throws its generic interruption.
        controller.abort();
        throw new InterruptedError('interrupted (Ctrl-C): no further API call was made');
      },
      events: async () => [],
    };
    const printer = new Printer(new PassThrough(), new PassThrough(), new Redactor(), false);
    const waiting = waitForStack(
      ros as never,
      'stack-id',
      'Archive',
      printer,
      {
        timeoutMs: 60_000,
        intervalMs: 1,
        maxIntervalMs: 1,
        signal: controller.signal,
        resume: resumeCommands(parseCliArgs(['deploy', 'Archive']), 'deploy', ['Archive']),
      },
      new Set(),
    );
    await expect(waiting).rejects.toThrow(InterruptedError);
    await expect(waiting).rejects.toThrow("the CREATE_IN_PROGRESS operation on stack 'Archive' keeps running in ROS");
  });
});
