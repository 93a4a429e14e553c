/**
 * Credentials never leave the provider: not in log lines, not in the Reason
 * or Data sent to ROS, not in the handler's result.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { handler } from '../../lib/provider/handler';
import { createLogger } from '../../lib/provider/runtime/log';
import { REDACTED, Redactor } from '../../lib/shared/redact';
import { ActionTrailSimulator } from './simulator';
import {
  ACCOUNT_ID,
  FAKE,
  captureConsole,
  expectNoCredentials,
  fcContext,
  rosEvent,
  secretWindowsIn,
  trailProps,
  useProviderEnvironment,
  withEnv,
  pid,
} from './harness';

/** A realistically long STS token (real ones are several hundred base64 characters after `CAIS`): 600 characters. */
const LONG_TOKEN = 'CAIS' + Buffer.from(Array.from({ length: 447 }, (_, i) => (i * 73 + 41) % 256)).toString('base64');
/** Credentials with that token. */
const LONG = { ...FAKE, securityToken: LONG_TOKEN };

/** Asserts that no 8-character window of any of the credentials appears in `text`. */
function expectNoCredentialWindow(text: string): void {
  for (const secret of Object.values(LONG)) expect(secretWindowsIn(text, secret, 8)).toEqual([]);
}

const { sim, receiver, stack } = useProviderEnvironment();
const output = captureConsole();

/** ROS for the invocations with the long token (the main simulator expects the short one). */
const rosForLong = new ActionTrailSimulator({ ...LONG, accountId: ACCOUNT_ID });
rosForLong.stack = stack;
beforeAll(() => rosForLong.start());
afterAll(() => rosForLong.stop());

describe('no credential in any output', () => {
  test('across create, update, rename, failures, retries and delete', async () => {
    const results: unknown[] = [];
    const run = async (event: Buffer): Promise<void> => {
      results.push(await handler(event, fcContext()));
    };
    sim.throttleNext(1);
    await run(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    await run(
      rosEvent(receiver, 'Update', {
        PhysicalResourceId: pid('audit_all'),
        OldResourceProperties: trailProps(),
        ResourceProperties: trailProps({ EventRW: 'Write' }),
      }),
    );
    await run(
      rosEvent(receiver, 'Update', {
        PhysicalResourceId: pid('audit_all'),
        OldResourceProperties: trailProps({ EventRW: 'Write' }),
        ResourceProperties: trailProps({ Name: 'audit_two' }),
      }),
    );
    // An API error whose message echoes every credential (as a misbehaving gateway might).
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'Forbidden',
      message: `denied for ${FAKE.accessKeyId} secret=${FAKE.accessKeySecret} token=${FAKE.securityToken}`,
      times: 1,
      action: 'CreateTrail',
    });
    // (Other resources of the stack: ROS keeps AuditTrail's record for the Delete below.)
    await run(
      rosEvent(receiver, 'Create', {
        LogicalResourceId: 'ThirdTrail',
        ResourceProperties: trailProps({ Name: 'audit_three' }),
      }),
    );
    await run(
      rosEvent(receiver, 'Create', {
        LogicalResourceId: 'BadTrail',
        ResourceProperties: trailProps({ EventRW: 'nope' }),
      }),
    );
    await run(Buffer.from('{broken'));
    await run(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: pid('audit_all'),
        ResourceProperties: trailProps({ Name: 'audit_two' }),
      }),
    );

    expect(receiver.answers.length).toBe(6);
    expect(output.lines.length).toBeGreaterThan(10);
    for (const line of output.lines) expectNoCredentials(line);
    for (const answer of receiver.attempts) expectNoCredentials(answer.raw);
    expectNoCredentials(JSON.stringify(results));

    const echoed = receiver.answers[3].body!;
    expect(echoed.Status).toBe('FAILED');
    expect(echoed.Reason).toMatch(
      /^CreateTrail failed: Forbidden: denied for \[REDACTED\] secret=\[REDACTED\] token=\[REDACTED\] \(RequestId: [0-9A-F-]{36}, HTTP 400\)$/,
    );
  });

  test('but the credentials were really used: every request carried the STS token and a signature by that key', async () => {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual([
      'DescribeTrails',
      'CreateTrail',
      'StartLogging',
      'DescribeTrails',
      'GetTrailStatus',
    ]);
    for (const call of sim.calls) {
      expect(call.headers['x-acs-security-token']).toBe(FAKE.securityToken);
      expect(call.headers.authorization).toContain(`Credential=${FAKE.accessKeyId},`);
    }
  });

  test('log lines never contain the pre-signed ResponseURL query', async () => {
    receiver.failNext('500');
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    const all = output.lines.join('\n');
    expect(all).toContain('/ros/response/req');
    expect(all).not.toContain('Signature=pre');
    expect(all).not.toContain('LTAIexampleexample');
  });

  test('every log line is one JSON object', async () => {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    for (const line of output.lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('no part of a long STS token in any output', () => {
  test('the token is realistic: 600 characters of base64 after CAIS', () => {
    expect(LONG_TOKEN).toHaveLength(600);
    expect(LONG_TOKEN).toMatch(/^CAIS[A-Za-z0-9+/]+$/);
  });

  test('a 502 HTML page that echoes the request headers (token first): Reason names status and content type only', async () => {
    const echo = http.createServer((req, res) => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
      const page =
        `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><pre>x-acs-security-token: ${String(req.headers['x-acs-security-token'])}\n` +
        `${headers.join('\n')}</pre><hr><center>gateway</center></body></html>`;
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const endpoint = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      const result = await withEnv(
        { ACTIONTRAIL_ENDPOINT: endpoint, ROS_ENDPOINT: rosForLong.endpoint, ACTIONTRAIL_RETRY_BUDGET_MS: '600' },
        () =>
          handler(
            rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }),
            fcContext({ credentials: { ...LONG } }),
          ),
      );
      const answer = receiver.last();
      expect(answer.Status).toBe('FAILED');
      expect(answer.Reason).toMatch(
        /^DescribeTrails failed: HTTP502: HTTP 502 with a non-JSON body \(content-type text\/html\)/,
      );
      expect(answer.Reason).not.toContain('<html');
      for (const a of receiver.attempts) expectNoCredentialWindow(a.raw);
      expectNoCredentialWindow(JSON.stringify(answer.Reason));
      expectNoCredentialWindow(JSON.stringify(answer.Data ?? {}));
      expectNoCredentialWindow(JSON.stringify(result));
      expect(output.lines.length).toBeGreaterThan(2);
      for (const line of output.lines) expectNoCredentialWindow(line);
    } finally {
      echo.closeAllConnections();
      echo.close();
    }
  });

  test('an API error whose JSON message echoes a truncated token and secret: no 8-character piece survives', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'Forbidden',
      message: `denied: token=${LONG_TOKEN.slice(0, 180)}... key=${FAKE.accessKeyId.slice(3)} secret=${FAKE.accessKeySecret.slice(2, 24)} again ${LONG_TOKEN.slice(333, 371)}`,
      times: 1,
      action: 'DescribeTrails',
    });
    const result = await withEnv({ ROS_ENDPOINT: rosForLong.endpoint }, () =>
      handler(
        rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }),
        fcContext({ credentials: { ...LONG } }),
      ),
    );
    const answer = receiver.last();
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^DescribeTrails failed: Forbidden: denied: token=\[REDACTED\]/);
    for (const a of receiver.attempts) expectNoCredentialWindow(a.raw);
    expectNoCredentialWindow(JSON.stringify(result));
    for (const line of output.lines) expectNoCredentialWindow(line);
  });

  test('a long token passes through a whole create/update/delete without any piece of it in the output', async () => {
    const longSim = new ActionTrailSimulator({ ...LONG, accountId: ACCOUNT_ID });
    await longSim.start();
    try {
      await withEnv({ ACTIONTRAIL_ENDPOINT: longSim.endpoint, ROS_ENDPOINT: rosForLong.endpoint }, async () => {
        const ctx = fcContext({ credentials: { ...LONG } });
        await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), ctx);
        await handler(
          rosEvent(receiver, 'Update', {
            PhysicalResourceId: pid('audit_all'),
            OldResourceProperties: trailProps(),
            ResourceProperties: trailProps(),
          }),
          ctx,
        );
        await handler(rosEvent(receiver, 'Delete', { PhysicalResourceId: pid('audit_all') }), ctx);
      });
      expect(longSim.calls.every((c) => c.headers['x-acs-security-token'] === LONG_TOKEN)).toBe(true);
      expect(receiver.answers.map((a) => a.body?.Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
      for (const a of receiver.attempts) expectNoCredentialWindow(a.raw);
      for (const line of output.lines) expectNoCredentialWindow(line);
    } finally {
      await longSim.stop();
    }
  });
});

describe('Redactor', () => {
  const r = new Redactor([FAKE.accessKeyId, FAKE.accessKeySecret, FAKE.securityToken, '', undefined, 'ab']);

  test("replaces the invocation's own credentials wherever they appear", () => {
    expect(r.text(`a ${FAKE.accessKeySecret} b ${FAKE.securityToken}${FAKE.accessKeyId}`)).toBe(
      `a ${REDACTED} b ${REDACTED}${REDACTED}`,
    );
  });

  test('removes any piece of 8 or more characters of a credential (a truncated echo)', () => {
    const long = new Redactor([FAKE.accessKeyId, FAKE.accessKeySecret, LONG_TOKEN]);
    expect(long.text(`t=${LONG_TOKEN.slice(0, 200)}…`)).toBe(`t=${REDACTED}…`);
    expect(long.text(`x ${LONG_TOKEN.slice(250, 266)} y`)).toBe(`x ${REDACTED} y`);
    expect(long.text(`s=${FAKE.accessKeySecret.slice(5, 25)}.`)).toBe(`s=${REDACTED}.`);
    expect(long.text(`k=${FAKE.accessKeySecret.slice(11, 19)};`)).toBe(`k=${REDACTED};`);
    // Shorter pieces are left alone (they would match ordinary text), as are unrelated strings.
    expect(long.text(`x ${FAKE.accessKeySecret.slice(0, 7)} y`)).toBe(`x ${FAKE.accessKeySecret.slice(0, 7)} y`);
    expect(long.text('nothing secret here, just a longish sentence')).toBe(
      'nothing secret here, just a longish sentence',
    );
  });

  test("masks the STS token shape even when it is not this invocation's", () => {
    expect(r.text('token CAISabcdefghijklmnopqrstuvwxyz0123+/== end')).toBe(`token ${REDACTED} end`);
    expect(new Redactor([]).text(`x=${LONG_TOKEN.slice(0, 60)}`)).toBe(`x=${REDACTED}`);
  });

  test('ignores blank and very short "secrets" instead of shredding text', () => {
    expect(r.text('abc about')).toBe('abc about');
  });

  test("masks credential shapes that are not this invocation's", () => {
    expect(r.text('key LTAI5tAbCdEfGhIjKlMn used')).toBe(`key ${REDACTED} used`);
    expect(r.text('id STS.NTxyzabc123456789 here')).toBe(`id ${REDACTED} here`);
    expect(r.text('ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host,Signature=abcdef0123')).toBe(
      `ACS3-HMAC-SHA256 Credential=${REDACTED},SignedHeaders=host,Signature=${REDACTED}`,
    );
    expect(r.text('POST https://ros.example.com/cb?Signature=x&Expires=1 done')).toBe(
      `POST https://ros.example.com/cb?${REDACTED} done`,
    );
  });

  test('masks values under secret-looking keys, recursively, and reduces errors', () => {
    const value = r.value({
      accessKeySecret: 'x',
      nested: [{ SecurityToken: 'y', Authorization: 'z', name: `n ${FAKE.accessKeySecret}` }],
      error: Object.assign(new Error(`boom ${FAKE.securityToken}`), { code: 'E1', config: { secret: 1 } }),
      count: 3,
    });
    expect(value).toEqual({
      accessKeySecret: REDACTED,
      nested: [{ SecurityToken: REDACTED, Authorization: REDACTED, name: `n ${REDACTED}` }],
      error: { name: 'Error', code: 'E1', message: `boom ${REDACTED}` },
      count: 3,
    });
  });

  test('the logger redacts message, fields and the final line', () => {
    const lines: string[] = [];
    const sink = {
      log: (l: string) => lines.push(l),
      warn: (l: string) => lines.push(l),
      error: (l: string) => lines.push(l),
    };
    const log = createLogger(r, sink);
    log.info(`msg ${FAKE.accessKeySecret}`, { credentials: FAKE, detail: `t=${FAKE.securityToken}` });
    log.warn('w', {
      circular: (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    });
    log.error('e');
    expect(lines).toHaveLength(3);
    for (const line of lines) expectNoCredentials(line);
    expect(JSON.parse(lines[0])).toEqual({
      level: 'info',
      msg: `msg ${REDACTED}`,
      credentials: REDACTED,
      detail: `t=${REDACTED}`,
    });
  });
});
