/**
 * Fault handling: retries of the API and of the ResponseURL, time budget,
 * and the paths where there is nothing (or nobody) to answer.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { handler } from '../../lib/provider/handler';
import { ActionTrailClient } from '../../lib/provider/runtime/actiontrail-client';
import { createLogger } from '../../lib/provider/runtime/log';
import { Redactor } from '../../lib/shared/redact';
import { Deadline } from '../../lib/shared/backoff';
import { serializeResponse } from '../../lib/provider/runtime/custom-resource/respond';
import * as respond from '../../lib/provider/runtime/custom-resource/respond';
import { FAKE, captureConsole, fcContext, pid, rosEvent, trailProps, useProviderEnvironment, withEnv } from './harness';

const { sim, receiver, stack } = useProviderEnvironment();
const output = captureConsole();

const create = (): Buffer => rosEvent(receiver, 'Create', { ResourceProperties: trailProps() });

/** The calls that change something, as `action:code-or-status`. */
const writes = (): string[] =>
  sim.calls
    .filter((c) => !['DescribeTrails', 'GetTrailStatus'].includes(c.action))
    .map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`);

describe('API retries', () => {
  test('throttled twice, then success', async () => {
    sim.throttleNext(2, 'CreateTrail');
    await handler(create(), fcContext());
    expect(writes()).toEqual([
      'CreateTrail:Throttling.User',
      'CreateTrail:Throttling.User',
      'CreateTrail:200',
      'StartLogging:200',
    ]);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all') });
    expect(output.lines.filter((l) => l.includes('retrying API call'))).toHaveLength(2);
  });

  test('HTTP 500, then success', async () => {
    sim.serverErrorNext(1, 'StartLogging');
    await handler(create(), fcContext());
    expect(writes()).toEqual(['CreateTrail:200', 'StartLogging:InternalError', 'StartLogging:200']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('ServiceUnavailable (503), then success', async () => {
    sim.inject({
      kind: 'error',
      status: 503,
      code: 'ServiceUnavailable',
      message: 'The request has failed due to a temporary failure of the server.',
      times: 1,
      action: 'CreateTrail',
    });
    await handler(create(), fcContext());
    expect(writes()).toEqual(['CreateTrail:ServiceUnavailable', 'CreateTrail:200', 'StartLogging:200']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('HTTP 429 Throttling, then success', async () => {
    sim.inject({
      kind: 'error',
      status: 429,
      code: 'Throttling',
      message: 'Request was denied due to request throttling.',
      times: 1,
      action: 'CreateTrail',
    });
    await handler(create(), fcContext());
    expect(writes()).toEqual(['CreateTrail:Throttling', 'CreateTrail:200', 'StartLogging:200']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('wrong credentials: SignatureDoesNotMatch is final, FAILED after one call (to ROS: nothing reaches ActionTrail)', async () => {
    await handler(create(), fcContext({ credentials: { ...FAKE, accessKeySecret: 'not-the-secret' } }));
    expect(sim.rosCalls.map((c) => c.code)).toEqual(['SignatureDoesNotMatch']);
    expect(sim.calls).toEqual([]);
    expect(receiver.last().Reason).toMatch(
      /^the provider could not confirm this request with ROS \(GetStackResource: GetStackResource failed: SignatureDoesNotMatch: /,
    );
  });

  test('connection reset, then success', async () => {
    sim.resetNext(1, 'CreateTrail');
    await handler(create(), fcContext());
    expect(writes()).toEqual(['CreateTrail:reset', 'CreateTrail:200', 'StartLogging:200']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('a slow answer within the request timeout is simply awaited', async () => {
    sim.delayNext(1, 150, 'CreateTrail');
    const started = Date.now();
    await handler(create(), fcContext());
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(writes()).toEqual(['CreateTrail:delay', 'StartLogging:200']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('an answer slower than the request timeout is retried; the late first attempt then finds the trail the retry made', async () => {
    sim.delayNext(1, 250, 'CreateTrail');
    await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () => handler(create(), fcContext()));
    // Wait for the slow first attempt to be served too, then look at the whole history.
    await new Promise((r) => setTimeout(r, 250));
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all') });
    expect(writes()).toEqual(['CreateTrail:200', 'StartLogging:200', 'CreateTrail:TrailAlreadyExistsException']);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(output.lines.some((l) => l.includes('ETIMEDOUT'))).toBe(true);
  });

  test("a CreateTrail applied but answered too late is retried, and the trail the first attempt made is this invocation's", async () => {
    sim.commitThenHangNext(1, 300, 'CreateTrail');
    await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () => handler(create(), fcContext()));
    expect(writes()).toEqual([
      'CreateTrail:commit-hang',
      'CreateTrail:TrailAlreadyExistsException',
      'StartLogging:200',
    ]);
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all') });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(output.lines.some((l) => l.includes('ETIMEDOUT'))).toBe(true);
  });

  test('persistent throttling: FAILED within the budget, with code, message, RequestId and attempt count', async () => {
    sim.throttleNext(1000, 'CreateTrail');
    const started = Date.now();
    // Budget for several attempts even on a busy machine (300 ms fit only two there).
    await withEnv({ ACTIONTRAIL_RETRY_BUDGET_MS: '600' }, () => handler(create(), fcContext()));
    expect(Date.now() - started).toBeLessThan(2000);
    const attempts = sim.calls.filter((c) => c.action === 'CreateTrail').length;
    expect(attempts).toBeGreaterThan(2);
    expect(writes().every((w) => w === 'CreateTrail:Throttling.User')).toBe(true);
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: Throttling\\.User: Request was denied due to user flow control\\. \\(RequestId: [0-9A-F-]{36}, HTTP 400, after ${attempts} attempts\\)$`,
      ),
    );
  });

  test('persistent network failure: FAILED naming the network error', async () => {
    await withEnv({ ACTIONTRAIL_RETRY_BUDGET_MS: '100', ACTIONTRAIL_ENDPOINT: 'http://127.0.0.1:1' }, () =>
      handler(create(), fcContext()),
    );
    const answer = receiver.last();
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^DescribeTrails failed: network error ECONNREFUSED: .* after \d+ attempts$/);
  });

  test('a non-retryable error fails at once', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'The parameter is invalid.',
      times: 5,
      action: 'CreateTrail',
    });
    await handler(create(), fcContext());
    expect(writes()).toEqual(['CreateTrail:InvalidParameter']);
    expect(receiver.last().Reason).toContain('CreateTrail failed: InvalidParameter: The parameter is invalid.');
  });

  test('the retry delays grow and the budget is shared by all calls of one request', async () => {
    sim.throttleNext(1000);
    const client = new ActionTrailClient({
      endpoint: sim.endpoint,
      credentials: FAKE,
      deadline: Deadline.in(120),
      requestTimeoutMs: 100,
      baseDelayMs: 10,
      maxDelayMs: 80,
      logger: createLogger(new Redactor([])),
    });
    await expect(client.call('DescribeTrails', {})).rejects.toMatchObject({ code: 'Throttling.User' });
    const first = sim.calls.length;
    while (client['options'].deadline.remaining() > 0) await new Promise((r) => setTimeout(r, 10));
    // The budget is spent: a second call gets its one attempt and no retries.
    await expect(client.call('DescribeTrails', {})).rejects.toMatchObject({ code: 'Throttling.User', attempts: 1 });
    expect(sim.calls.length).toBe(first + 1);
  });

  test('the client refuses an operation outside API_ACTIONS', async () => {
    const client = new ActionTrailClient({
      endpoint: sim.endpoint,
      credentials: FAKE,
      deadline: Deadline.in(1000),
      requestTimeoutMs: 100,
      baseDelayMs: 1,
      maxDelayMs: 1,
      logger: createLogger(new Redactor([])),
    });
    await expect(client.call('CreateDeliveryHistoryJob' as never, { Name: 'audit_all' })).rejects.toThrow(
      'not in API_ACTIONS',
    );
    expect(sim.calls).toEqual([]);
  });
});

describe('a Create whose CreateTrail had an ambiguous outcome', () => {
  // The retry budget runs out (the subject); the cleanup after it gets a generous reserve, so that a busy
  // machine cannot starve the DeleteTrail these tests look for.
  const budget = {
    ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100',
    ACTIONTRAIL_RETRY_BUDGET_MS: '400',
    ACTIONTRAIL_CLEANUP_RESERVE_MS: '3000',
  };

  test('applied but never answered until the budget ran out: the trail is deleted again inside the invocation', async () => {
    sim.commitThenHangNext(1000, 300, 'CreateTrail');
    await withEnv(budget, () => handler(create(), fcContext()));
    await new Promise((r) => setTimeout(r, 300));
    expect(writes().filter((w) => w.startsWith('CreateTrail')).length).toBeGreaterThanOrEqual(1);
    expect(writes()).toContain('DeleteTrail:200');
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toMatch(/^CreateTrail failed: network error ETIMEDOUT: /);
    expect(answer.Reason).toContain('The trail audit_all created by this request was deleted again.');
    expect(sim.trails()).toEqual([]);
  });

  test('only HTTP 500s and nothing was made: DeleteTrail finds nothing; the placeholder ID', async () => {
    sim.serverErrorNext(1000, 'CreateTrail');
    await withEnv(budget, () => handler(create(), fcContext()));
    expect(writes()[writes().length - 1]).toBe('DeleteTrail:TrailNotFoundException');
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(receiver.last().Reason).toContain('No trail audit_all was left behind.');
  });

  test('a trail that is not ours holds the name: seen before CreateTrail, never written', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'Write', OssBucketName: 'their-bucket' });
    const theirs = sim.trail('audit_all');
    sim.serverErrorNext(1000, 'CreateTrail');
    await withEnv(budget, () => handler(create(), fcContext()));
    expect(writes()).toEqual([]);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(sim.trail('audit_all')).toEqual(theirs);
  });

  test('the first read fails: FAILED, nothing written', async () => {
    sim.serverErrorNext(1000);
    await withEnv(budget, () => handler(create(), fcContext()));
    expect(writes()).toEqual([]);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
  });
});

describe('undo and cleanup get a reserve of the budget', () => {
  const throttle = (name: string, times: number) =>
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'Throttling.User',
      message: 'Request was denied due to user flow control.',
      times,
      action: 'DeleteTrail',
      name,
    });
  const budget = { ACTIONTRAIL_RETRY_BUDGET_MS: '600', ACTIONTRAIL_CLEANUP_RESERVE_MS: '300' };

  async function renameOldToNew(): Promise<Record<string, any>> {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Name: 'audit_old' }) }), fcContext());
    sim.calls.length = 0;
    receiver.reset();
    return withEnv(budget, async () => {
      await handler(
        rosEvent(receiver, 'Update', {
          PhysicalResourceId: pid('audit_old'),
          OldResourceProperties: trailProps({ Name: 'audit_old' }),
          ResourceProperties: trailProps({ Name: 'audit_new' }),
        }),
        fcContext(),
      );
      return receiver.last();
    });
  }

  test('the old trail cannot be deleted until the budget runs out: the undo is still retried and succeeds', async () => {
    throttle('audit_old', 1000);
    // Five retries need more than the < 40 ms a spent budget leaves over (largest delay 40 ms).
    throttle('audit_new', 5);
    const answer = await renameOldToNew();
    const deletesOfNew = sim.calls.filter((c) => c.action === 'DeleteTrail' && c.params.Name === 'audit_new');
    expect(deletesOfNew.map((c) => c.code ?? c.status)).toEqual([...Array(5).fill('Throttling.User'), 200]);
    expect(sim.trails().map((t) => [t.Name, t.Status])).toEqual([['audit_old', 'Enable']]);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: pid('audit_old') });
    expect(answer.Reason).toMatch(/^DeleteTrail failed: Throttling\.User: /);
    expect(answer.Reason).toContain('so the rename was undone');
    expect(answer.Reason).toContain('audit_new created by this request was deleted again');
  });

  test('when the undo fails too, the Reason names the leftover and how to remove it instead of "deleted again"', async () => {
    throttle('audit_old', 1000);
    throttle('audit_new', 1000);
    const answer = await renameOldToNew();
    expect(
      sim
        .trails()
        .map((t) => t.Name)
        .sort(),
    ).toEqual(['audit_new', 'audit_old']);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: pid('audit_old') });
    expect(answer.Reason).not.toContain('was deleted again');
    expect(answer.Reason).not.toContain('the rename was undone');
    expect(answer.Reason).toContain('undoing the rename failed');
    expect(answer.Reason).toContain('audit_new created by this request could not be deleted again');
    expect(answer.Reason).toContain('aliyun actiontrail DeleteTrail --Name audit_new');
  });
});

describe('answers ROS whatever the request holds', () => {
  test('non-string fields (numbers) are echoed as strings; a numeric physical ID names no trail', async () => {
    const event = JSON.parse(rosEvent(receiver, 'Delete', {}, true, false).toString());
    Object.assign(event, { PhysicalResourceId: 12345, LogicalResourceId: 42, RequestId: 8 });
    // What ROS records for that resource (the stack ID must be this stack's: another one is not confirmed).
    stack.set('42', { status: 'DELETE_IN_PROGRESS', physicalId: '12345' });
    const result = await handler(Buffer.from(JSON.stringify(event)), fcContext());
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last()).toEqual({
      Status: 'FAILED',
      Reason: expect.stringContaining('names no trail'),
      PhysicalResourceId: '12345',
      LogicalResourceId: '42',
      StackId: 'stack-id-1',
      RequestId: '8',
    });
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: '12345', Answered: true });
    expect(sim.calls).toEqual([]);
  });

  test('a numeric PhysicalResourceId on Update: FAILED, nothing called', async () => {
    stack.set('AuditTrail', { status: 'UPDATE_IN_PROGRESS', physicalId: '99' });
    await handler(
      rosEvent(
        receiver,
        'Update',
        { PhysicalResourceId: 99, ResourceProperties: trailProps(), OldResourceProperties: trailProps() },
        true,
        false,
      ),
      fcContext(),
    );
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: '99' });
    expect(sim.calls).toEqual([]);
  });

  test('if the answer cannot be serialized, a minimal FAILED body is sent instead of nothing', async () => {
    const spy = jest.spyOn(respond, 'serializeResponse').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    try {
      const result = await handler(create(), fcContext());
      expect(receiver.answers).toHaveLength(1);
      expect(receiver.last()).toEqual({
        Status: 'FAILED',
        Reason: expect.stringContaining('could not serialize'),
        PhysicalResourceId: pid('audit_all'),
        StackId: 'stack-id-1',
        RequestId: 'ros-req-1',
        LogicalResourceId: 'AuditTrail',
      });
      expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: pid('audit_all'), Answered: true });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('answering ROS', () => {
  test('the ResponseURL POST is retried after a 500 and a reset', async () => {
    receiver.failNext('500', 'reset');
    const result = await handler(create(), fcContext());
    expect(receiver.attempts).toHaveLength(3);
    expect(receiver.answers).toHaveLength(1);
    expect(receiver.last().Status).toBe('SUCCESS');
    expect(result?.Answered).toBe(true);
  });

  test('falls back to the IntranetResponseURL when the ResponseURL cannot be reached', async () => {
    const event = JSON.parse(create().toString());
    event.ResponseURL = 'http://127.0.0.1:1/unreachable?Signature=x';
    const result = await handler(Buffer.from(JSON.stringify(event)), fcContext());
    expect(result?.Answered).toBe(true);
    expect(receiver.answers[0].url).toMatch(/^\/ros\/response\/intranet\?/);
  });

  test('when ROS cannot be reached at all, the handler still resolves (no throw, no unhandled rejection)', async () => {
    const event = JSON.parse(create().toString());
    event.ResponseURL = 'http://127.0.0.1:1/a';
    delete event.IntranetResponseURL;
    await expect(handler(Buffer.from(JSON.stringify(event)), fcContext())).resolves.toMatchObject({
      Status: 'SUCCESS',
      Answered: false,
    });
    expect(output.lines.some((l) => l.includes('giving up answering ROS'))).toBe(true);
  });

  test('a slow ROS endpoint does not hang the handler forever (POST timeout)', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const event = JSON.parse(create().toString());
      event.ResponseURL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/x`;
      const started = Date.now();
      // Deletion needs no ActionTrail call (only ROS's confirmation), so the answer's timeout and retries take the time.
      event.RequestType = 'Delete';
      event.PhysicalResourceId = 'create-failed.AuditTrail';
      stack.set('AuditTrail', { status: 'DELETE_IN_PROGRESS' });
      const result = await withEnv({ ACTIONTRAIL_RETRY_BASE_MS: '1', ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
        handler(Buffer.from(JSON.stringify(event)), fcContext()),
      );
      expect(result?.Answered).toBe(true); // via the IntranetResponseURL after the timeouts
      expect(receiver.answers[0].url).toMatch(/intranet/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  test('malformed event JSON: logged, nothing answered, resolves to undefined', async () => {
    await expect(handler(Buffer.from('{not json'), fcContext())).resolves.toBeUndefined();
    await expect(handler(Buffer.from('[1,2]'), fcContext())).resolves.toBeUndefined();
    expect(receiver.attempts).toEqual([]);
    expect(sim.calls).toEqual([]);
    expect(output.lines.filter((l) => l.includes('nothing to answer'))).toHaveLength(2);
  });

  test('an event without a ResponseURL is logged and not processed', async () => {
    const event = JSON.parse(create().toString());
    delete event.ResponseURL;
    delete event.IntranetResponseURL;
    await expect(handler(Buffer.from(JSON.stringify(event)), fcContext())).resolves.toBeUndefined();
    expect(sim.calls).toEqual([]);
  });

  test('missing credentials, an unknown RequestType and a bad endpoint all answer FAILED', async () => {
    await handler(create(), fcContext({ credentials: undefined }));
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('no credentials') });
    receiver.reset();
    await handler(
      rosEvent(receiver, 'Create', { RequestType: 'Rollback', ResourceProperties: trailProps() }),
      fcContext(),
    );
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining(
        'RequestType must be exactly one of the strings Create, Update or Delete, got "Rollback"',
      ),
    });
    receiver.reset();
    await withEnv({ ACTIONTRAIL_ENDPOINT: 'http://example.com' }, () => handler(create(), fcContext()));
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('ACTIONTRAIL_ENDPOINT must be https://'),
    });
    expect(sim.calls).toEqual([]);
  });

  test('an event given as a string or an object is accepted too', async () => {
    await handler(create().toString(), fcContext());
    expect(receiver.last().Status).toBe('SUCCESS');
    receiver.reset();
    await handler(
      JSON.parse(rosEvent(receiver, 'Delete', { PhysicalResourceId: pid('audit_all') }).toString()),
      fcContext(),
    );
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('a huge API error message is truncated so the body stays under 4096 bytes', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'x"\\é'.repeat(3000),
      times: 1,
      action: 'CreateTrail',
    });
    await handler(create(), fcContext());
    const raw = receiver.answers[0].raw;
    expect(Buffer.byteLength(raw)).toBeLessThan(4096);
    expect(receiver.last().Reason).toMatch(
      /^CreateTrail failed: InvalidParameter: x"\\é.*\.\.\. \(11400 more characters\) \(RequestId: .+, HTTP 400\)$/,
    );
    expect(receiver.last().PhysicalResourceId).toBe('create-failed.AuditTrail');
  });

  test('serializeResponse keeps short bodies intact and caps the physical ID at 255 bytes', () => {
    const body = { Status: 'SUCCESS' as const, PhysicalResourceId: 'p'.repeat(300), Data: { Name: 'n' } };
    const parsed = JSON.parse(serializeResponse(body));
    expect(parsed.PhysicalResourceId).toHaveLength(255);
    expect(parsed.Data).toEqual({ Name: 'n' });
  });
});
