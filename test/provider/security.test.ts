/**
 * Credentials never leave the provider: not in log lines, not in the Reason
 * or Data sent to ROS, not in the handler's result.
 */
import { handler } from '../../lib/provider/handler';
import { createLogger } from '../../lib/provider/runtime/log';
import { REDACTED, Redactor } from '../../lib/provider/runtime/redact';
import { FAKE, captureConsole, expectNoCredentials, fcContext, rosEvent, trailProps, useProviderEnvironment } from './harness';

const { sim, receiver } = useProviderEnvironment();
const output = captureConsole();

describe('no credential in any output', () => {
  test('across create, update, rename, failures, retries and delete', async () => {
    const results: unknown[] = [];
    const run = async (event: Buffer): Promise<void> => {
      results.push(await handler(event, fcContext()));
    };
    sim.throttleNext(1);
    await run(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    await run(rosEvent(receiver, 'Update', { PhysicalResourceId: 'audit_all', OldResourceProperties: trailProps(), ResourceProperties: trailProps({ EventRW: 'Write' }) }));
    await run(rosEvent(receiver, 'Update', { PhysicalResourceId: 'audit_all', OldResourceProperties: trailProps(), ResourceProperties: trailProps({ Name: 'audit_two' }) }));
    // An API error whose message echoes every credential (as a misbehaving gateway might).
    sim.inject({
      kind: 'error',
      status: 403,
      code: 'Forbidden',
      message: `denied for ${FAKE.accessKeyId} secret=${FAKE.accessKeySecret} token=${FAKE.securityToken}`,
      times: 1,
    });
    await run(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Name: 'audit_three' }) }));
    await run(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ EventRW: 'nope' }) }));
    await run(Buffer.from('{broken'));
    await run(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'audit_two' }));

    expect(receiver.answers.length).toBe(6);
    expect(output.lines.length).toBeGreaterThan(10);
    for (const line of output.lines) expectNoCredentials(line);
    for (const answer of receiver.attempts) expectNoCredentials(answer.raw);
    expectNoCredentials(JSON.stringify(results));

    const echoed = receiver.answers[3].body!;
    expect(echoed.Status).toBe('FAILED');
    expect(echoed.Reason).toMatch(
      /^CreateTrail failed: Forbidden: denied for \[REDACTED\] secret=\[REDACTED\] token=\[REDACTED\] \(RequestId: [0-9A-F-]{36}, HTTP 403\)$/,
    );
  });

  test('but the credentials were really used: every request carried the STS token and a signature by that key', async () => {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.calls.length).toBe(2);
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

describe('Redactor', () => {
  const r = new Redactor([FAKE.accessKeyId, FAKE.accessKeySecret, FAKE.securityToken, '', undefined, 'ab']);

  test('replaces the invocation\'s own credentials wherever they appear', () => {
    expect(r.text(`a ${FAKE.accessKeySecret} b ${FAKE.securityToken}${FAKE.accessKeyId}`)).toBe(`a ${REDACTED} b ${REDACTED}${REDACTED}`);
  });

  test('ignores blank and very short "secrets" instead of shredding text', () => {
    expect(r.text('abc about')).toBe('abc about');
  });

  test('masks credential shapes that are not this invocation\'s', () => {
    expect(r.text('key LTAI5tAbCdEfGhIjKlMn used')).toBe(`key ${REDACTED} used`);
    expect(r.text('id STS.NTxyzabc123456789 here')).toBe(`id ${REDACTED} here`);
    expect(r.text('ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host,Signature=abcdef0123')).toBe(
      `ACS3-HMAC-SHA256 Credential=${REDACTED},SignedHeaders=host,Signature=${REDACTED}`,
    );
    expect(r.text('POST https://ros.example.com/cb?Signature=x&Expires=1 done')).toBe(`POST https://ros.example.com/cb?${REDACTED} done`);
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
    const sink = { log: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const log = createLogger(r, sink);
    log.info(`msg ${FAKE.accessKeySecret}`, { credentials: FAKE, detail: `t=${FAKE.securityToken}` });
    log.warn('w', { circular: (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })() });
    log.error('e');
    expect(lines).toHaveLength(3);
    for (const line of lines) expectNoCredentials(line);
    expect(JSON.parse(lines[0])).toEqual({ level: 'info', msg: `msg ${REDACTED}`, credentials: REDACTED, detail: `t=${REDACTED}` });
  });
});
