/**
 * runtime/custom-resource/safe-handler.ts, through the provider's entry point
 * (lib/provider/handler.ts) against the simulator and the ResponseURL receiver:
 * which events it refuses and what it logs about them, the fields it echoes,
 * the Reason of a bad RequestType, the minimal answer when the normal one
 * cannot be built, and how the answer is sent. Written to kill the mutants a
 * Stryker run of the handler left alive (docs/testing.md). The last block
 * runs the protocol alone, behind a stand-in resource that is not a trail.
 */
import { handler } from '../../../../lib/provider/handler';
import {
  Resource,
  ResourceOutcome,
  ValidRequest,
  safeHandler,
} from '../../../../lib/provider/runtime/custom-resource/safe-handler';
import { Deadline } from '../../../../lib/shared/backoff';
import * as request from '../../../../lib/provider/runtime/custom-resource/targets';
import * as respond from '../../../../lib/provider/runtime/custom-resource/respond';
import * as lifecycle from '../../../../lib/provider/runtime/trail-lifecycle';
import {
  REGION,
  captureConsole,
  fcContext,
  pid,
  rosEvent,
  trailProps,
  useProviderEnvironment,
  withEnv,
} from '../../harness';

const { sim, receiver } = useProviderEnvironment();

const output = captureConsole();

/** The provider's log lines, parsed (each is one JSON object). */
const logs = (): Array<Record<string, any>> => output.lines.map((l) => JSON.parse(l));

/** The log lines whose message is `msg`. */
const logged = (msg: string): Array<Record<string, any>> => logs().filter((l) => l.msg === msg);

/** A request as a plain object (the handler also accepts objects). */
const eventObject = (type: 'Create' | 'Update' | 'Delete', fields: Record<string, unknown> = {}): Record<string, any> =>
  JSON.parse(rosEvent(receiver, type, fields).toString());

afterEach(() => jest.restoreAllMocks());

/** A stand-in resource: answers what `act` does, with its own placeholder and Reasons. */
function stubResource(
  act: (request: ValidRequest) => Promise<ResourceOutcome>,
  secret = 'StubSecretValue-0123456789',
): Resource<unknown> {
  return {
    secrets: () => [secret],
    placeholderId: (logicalId) => `none.${logicalId ?? 'x'}`,
    begin: () => ({
      allowedHosts: ['127.0.0.1'],
      delivery: { attempts: 1, baseDelayMs: 1, timeoutMs: 1000, deadline: () => Deadline.in(5000) },
      act,
      reasonOf: (e) => `stub failed: ${e instanceof Error ? e.message : String(e)}`,
    }),
  };
}

describe('events that cannot be answered', () => {
  test.each([
    ['a number', '5', 'number'],
    ['a string', '"Create"', 'string'],
    ['null', 'null', 'object'],
    ['an array', '[{"RequestType":"Create"}]', 'array'],
    ['a boolean', 'true', 'boolean'],
  ])('JSON that is %s: nothing called or answered; one error line names its type', async (_title, json, type) => {
    await expect(handler(Buffer.from(json), fcContext())).resolves.toBeUndefined();
    expect(sim.calls).toEqual([]);
    expect(receiver.attempts).toEqual([]);
    expect(logs()).toEqual([{ level: 'error', msg: 'event is not a JSON object; nothing to answer', type }]);
  });

  test('invalid JSON: one error line saying so, with the parse error', async () => {
    await expect(handler('{"RequestType": "Create",', fcContext())).resolves.toBeUndefined();
    expect(receiver.attempts).toEqual([]);
    expect(logs()).toHaveLength(1);
    expect(logs()[0]).toMatchObject({
      level: 'error',
      msg: 'event is not valid JSON; nothing to answer',
      error: expect.anything(),
    });
  });

  test('no acceptable ResponseURL: the error line names the request type and every refused URL, and why', async () => {
    const event = eventObject('Delete', { PhysicalResourceId: pid('audit_all') });
    event.ResponseURL = 'ftp://127.0.0.1/x?Signature=s';
    event.IntranetResponseURL = 'https://evil.example.com/y';
    await expect(handler(event, fcContext())).resolves.toBeUndefined();
    expect(sim.calls).toEqual([]);
    expect(receiver.attempts).toEqual([]);
    expect(logs()).toEqual([
      {
        level: 'error',
        msg: 'request has no acceptable ResponseURL; nothing done, nothing answered',
        requestType: 'Delete',
        refused: [
          'ResponseURL "ftp://127.0.0.1" must be https (or http on a listed host)',
          'IntranetResponseURL "https://evil.example.com" is not on a host listed in RESPONSE_URL_ALLOWED_HOSTS',
        ],
      },
    ]);
  });

  test('a bug inside the handler is logged and the promise still resolves', async () => {
    jest.spyOn(request, 'answerTargets').mockImplementation(() => {
      throw new Error('bug in answerTargets');
    });
    await expect(
      handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext()),
    ).resolves.toBeUndefined();
    expect(receiver.attempts).toEqual([]);
    expect(logged('unexpected error in handler')).toEqual([
      { level: 'error', msg: 'unexpected error in handler', error: { name: 'Error', message: 'bug in answerTargets' } },
    ]);
  });
});

describe('logs an operator needs', () => {
  test('each request is logged with its identifiers and properties when it arrives', async () => {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(logged('request received')).toEqual([
      {
        level: 'info',
        msg: 'request received',
        requestType: 'Create',
        logicalResourceId: 'AuditTrail',
        stackId: 'stack-id-1',
        requestId: 'ros-req-1',
        fcRequestId: 'fc-req-1',
        // ServiceToken is masked like every secret-looking key.
        properties: { ...trailProps(), ServiceToken: '[REDACTED]' },
      },
    ]);
  });

  test('a refused request is logged as an error with its type and the Reason sent to ROS', async () => {
    await handler(
      rosEvent(receiver, 'Update', {
        PhysicalResourceId: 'create-failed.AuditTrail',
        ResourceProperties: trailProps(),
      }),
      fcContext(),
    );
    const reason = receiver.last().Reason;
    expect(reason).toContain('has no trail to update');
    expect(logged('request failed')).toEqual([
      { level: 'error', msg: 'request failed', requestType: 'Update', reason },
    ]);
  });

  test('a Delete of a placeholder is logged as nothing to delete, with the physical ID', async () => {
    await handler(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }), fcContext());
    expect(logged('the physical ID names no trail (the Create failed or never ran); nothing to delete')).toEqual([
      {
        level: 'info',
        msg: 'the physical ID names no trail (the Create failed or never ran); nothing to delete',
        physicalId: 'create-failed.AuditTrail',
      },
    ]);
  });
});

describe('echoed fields', () => {
  // Behind a stand-in resource: the trail resource answers nothing for a request that names no stack (ROS does not confirm it).
  const placeholderDelete = async (): Promise<ResourceOutcome> => ({
    physicalResourceId: 'create-failed.AuditTrail',
    data: { Name: '', HomeRegion: REGION },
  });

  test('null fields are not echoed as "null"', async () => {
    await safeHandler(stubResource(placeholderDelete))(
      rosEvent(receiver, 'Delete', { StackId: null, RequestId: null, PhysicalResourceId: null, RegionId: null }, false),
      {},
    );
    expect(receiver.last()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'create-failed.AuditTrail',
      LogicalResourceId: 'AuditTrail',
      Data: { Name: '', HomeRegion: REGION },
    });
  });

  test('a field that cannot be made a string is left out, and the request is still answered', async () => {
    const event = eventObject('Delete', { PhysicalResourceId: 'create-failed.AuditTrail' });
    event.StackId = Object.create(null);
    const result = await safeHandler(stubResource(placeholderDelete))(event, {});
    expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'create-failed.AuditTrail', Answered: true });
    expect(receiver.last()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'create-failed.AuditTrail',
      RequestId: 'ros-req-1',
      LogicalResourceId: 'AuditTrail',
      Data: { Name: '', HomeRegion: REGION },
    });
  });
});

describe('the RequestType in a Reason', () => {
  test.each([
    ['missing', undefined, 'got undefined'],
    ['78 characters (80 quoted): given whole', 'x'.repeat(78), `got "${'x'.repeat(78)}"`],
    ['79 characters: cut at 80', 'x'.repeat(79), `got "${'x'.repeat(79)}... (1 more characters)`],
  ])('%s', async (_title, RequestType, expected) => {
    await handler(rosEvent(receiver, 'Create', { RequestType, ResourceProperties: trailProps() }), fcContext());
    expect(receiver.last().Reason).toBe(
      `RequestType must be exactly one of the strings Create, Update or Delete, ${expected}; nothing was changed`,
    );
    expect(sim.calls).toEqual([]);
  });

  test('a value JSON cannot write (a BigInt, possible in an object event) is described with String()', async () => {
    const event = eventObject('Create', { ResourceProperties: trailProps() });
    event.RequestType = BigInt(10);
    await handler(event, fcContext());
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: 'RequestType must be exactly one of the strings Create, Update or Delete, got 10; nothing was changed',
    });
  });
});

describe('when the answer cannot be serialized', () => {
  test('the minimal FAILED body caps the physical ID at 255 bytes and echoed IDs at 600, and leaves out what is missing', async () => {
    jest.spyOn(respond, 'serializeResponse').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const longId = 'p'.repeat(300);
    // Behind a stand-in resource: ROS confirms no request of another stack.
    const result = await safeHandler(stubResource(async () => ({ physicalResourceId: longId, data: {} })))(
      rosEvent(
        receiver,
        'Delete',
        { PhysicalResourceId: longId, StackId: 's'.repeat(5000), RequestId: undefined },
        false,
      ),
      {},
    );
    expect(receiver.answers).toHaveLength(1);
    expect(Buffer.byteLength(receiver.answers[0].raw)).toBeLessThan(4096);
    expect(receiver.last()).toEqual({
      Status: 'FAILED',
      Reason: 'The provider could not serialize its answer (internal error); see the function log.',
      PhysicalResourceId: 'p'.repeat(255),
      StackId: 's'.repeat(600),
      LogicalResourceId: 'AuditTrail',
    });
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: longId, Answered: true });
    expect(logged('could not serialize the answer; sending a minimal FAILED answer')).toEqual([
      {
        level: 'error',
        msg: 'could not serialize the answer; sending a minimal FAILED answer',
        error: { name: 'Error', message: 'boom' },
      },
    ]);
    expect(sim.calls).toEqual([]);
  });

  test('if even the minimal body cannot be built, a fixed FAILED body is sent', async () => {
    jest.spyOn(respond, 'serializeResponse').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    jest.spyOn(respond, 'truncateBytes').mockImplementation(() => {
      throw new Error('boom again');
    });
    const result = await handler(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }),
      fcContext(),
    );
    expect(receiver.answers.map((a) => a.raw)).toEqual([
      '{"Status":"FAILED","Reason":"internal error","PhysicalResourceId":"create-failed.trail"}',
    ]);
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail', Answered: true });
  });

  test('an outcome without a physical ID (a lifecycle bug) still gets an answer, with the placeholder', async () => {
    jest
      .spyOn(lifecycle, 'createTrail')
      .mockResolvedValue({ physicalResourceId: undefined as never, data: { Name: 'audit_all', HomeRegion: REGION } });
    jest.spyOn(respond, 'serializeResponse').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const result = await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail', Answered: true });
  });
});

describe('how the answer is sent', () => {
  test('to the acceptable URLs, three rounds, each POST timing out after the request timeout but at most 10 s', async () => {
    const send = jest.spyOn(respond, 'sendResponse');
    await handler(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }), fcContext());
    await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '30000' }, () =>
      handler(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }), fcContext()),
    );
    expect(send).toHaveBeenCalledTimes(2);
    const [urls, body, options] = send.mock.calls[0];
    expect(urls).toEqual([receiver.url(), receiver.url('intranet')]);
    expect(JSON.parse(body)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(options).toMatchObject({ attempts: 3, baseDelayMs: 5, timeoutMs: 1000 });
    expect(options.deadline.remaining()).toBeGreaterThan(0);
    expect(send.mock.calls[1][2].timeoutMs).toBe(10_000);
  });
});

describe('the protocol alone, with a resource that is not a trail', () => {
  test("SUCCESS carries the resource's physical ID and Data, and echoes the request's IDs", async () => {
    const seen: ValidRequest[] = [];
    const run = safeHandler(
      stubResource(async (r) => (seen.push(r), { physicalResourceId: 'thing-1', data: { Color: 'blue' } })),
    );
    const result = await run(rosEvent(receiver, 'Create', { ResourceProperties: { Any: 'thing' } }, false), {});
    expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'thing-1', Answered: true });
    expect(receiver.last()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'thing-1',
      StackId: 'stack-id-1',
      RequestId: 'ros-req-1',
      LogicalResourceId: 'AuditTrail',
      Data: { Color: 'blue' },
    });
    expect(seen.map((r) => [r.RequestType, r.LogicalResourceId, r.ResourceProperties])).toEqual([
      ['Create', 'AuditTrail', { Any: 'thing' }],
    ]);
    expect(sim.calls).toEqual([]);
  });

  test("a rejection is answered FAILED with the resource's Reason, redacted, and its placeholder on Create", async () => {
    const secret = 'StubSecretValue-0123456789';
    const run = safeHandler(stubResource(async () => Promise.reject(new Error(`no luck with ${secret}`)), secret));
    const result = await run(rosEvent(receiver, 'Create', {}, false), {});
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: 'none.AuditTrail', Answered: true });
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: 'stub failed: no luck with [REDACTED]',
      PhysicalResourceId: 'none.AuditTrail',
    });
  });

  test("the protocol's own checks come before the resource acts", async () => {
    const act = jest.fn(async () => ({ physicalResourceId: 'p', data: {} }));
    const run = safeHandler(stubResource(act));
    await run(rosEvent(receiver, 'Update', { RequestType: 'Upsert' }, false), {});
    await run(rosEvent(receiver, 'Delete', { LogicalResourceId: '', PhysicalResourceId: 'thing-1' }, false), {});
    expect(act).not.toHaveBeenCalled();
    expect(receiver.answers.map((a) => JSON.parse(a.raw))).toEqual([
      expect.objectContaining({
        Status: 'FAILED',
        Reason:
          'RequestType must be exactly one of the strings Create, Update or Delete, got "Upsert"; nothing was changed',
        PhysicalResourceId: 'none.AuditTrail',
      }),
      expect.objectContaining({
        Status: 'FAILED',
        Reason: 'LogicalResourceId is missing; nothing was changed',
        PhysicalResourceId: 'thing-1',
      }),
    ]);
  });
});
