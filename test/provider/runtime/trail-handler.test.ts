/**
 * runtime/trail-handler.ts, through the provider's entry point
 * (lib/provider/handler.ts) against the simulator and the ResponseURL receiver:
 * the context it reads, the physical ID of every answer that changes nothing,
 * properties that differ from the declaration, and what it hands to the
 * lifecycle.
 */
import { handler } from '../../../lib/provider/handler';
import { parseTrailProperties } from '../../../lib/provider/runtime/properties';
import * as lifecycle from '../../../lib/provider/runtime/trail-lifecycle';
import { ACCOUNT_ID, REGION, declare, fcContext, pid, rosEvent, trailProps, useProviderEnvironment } from '../harness';

const { sim, receiver, stack } = useProviderEnvironment();

afterEach(() => jest.restoreAllMocks());

describe('the context', () => {
  test('a null context: answered FAILED (no credentials), nothing called', async () => {
    const result = await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), null as never);
    expect(result).toEqual({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail', Answered: true });
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: 'the function has no credentials (context.credentials); give it a role',
    });
    expect(sim.calls).toEqual([]);
  });

  test('no function metadata in the context: the request is still applied', async () => {
    const result = await handler(
      rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }),
      fcContext({ function: undefined }),
    );
    expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all'), Answered: true });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test.each([
    ['only an AccessKey ID', { accessKeyId: 'STS.only-the-id' }],
    ['only a secret', { accessKeySecret: 'only-the-secret' }],
    ['nothing', {}],
  ])('credentials with %s: FAILED, nothing called', async (_title, credentials) => {
    await handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext({ credentials }));
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason: 'the function has no credentials (context.credentials); give it a role',
    });
    expect(sim.calls).toEqual([]);
  });
});

describe('the physical ID of an answer that changes nothing', () => {
  test('a failed Create answers the placeholder, even when the request carries a physical ID', async () => {
    await handler(
      rosEvent(receiver, 'Create', {
        PhysicalResourceId: 'someone-elses',
        ResourceProperties: trailProps({ Name: 'X' }),
      }),
      fcContext(),
    );
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
  });

  test('an Update without a physical ID is not answered (ROS records none to confirm); with one that names no trail, FAILED with that one', async () => {
    const result = await handler(rosEvent(receiver, 'Update', { ResourceProperties: trailProps() }), fcContext());
    expect(result).toBeUndefined();
    expect(receiver.attempts).toEqual([]);
    stack.reset(); // ROS's record of an earlier history, with that physical ID
    await handler(
      rosEvent(receiver, 'Update', { PhysicalResourceId: 'Not.A.Trail', ResourceProperties: trailProps() }),
      fcContext(),
    );
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'Not.A.Trail',
      Reason:
        'the physical ID "Not.A.Trail" of AuditTrail names no trail this stack\'s provider issued, so nothing was changed',
    });
    expect(sim.calls).toEqual([]);
  });

  test('a Delete with no physical ID, or the placeholder: SUCCESS, nothing called, Data names no trail in the home region', async () => {
    await handler(rosEvent(receiver, 'Delete'), fcContext());
    expect(receiver.last()).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'create-failed.AuditTrail',
      Data: { Name: '', HomeRegion: REGION },
    });
    receiver.reset();
    await handler(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: '', RegionId: undefined }),
      fcContext({ region: 'cn-beijing' }),
    );
    expect(receiver.last()).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'create-failed.AuditTrail',
      Data: { Name: '', HomeRegion: 'cn-beijing' },
    });
    receiver.reset();
    await handler(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail', RegionId: undefined }),
      fcContext({ region: undefined }),
    );
    expect(receiver.last()).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'create-failed.AuditTrail',
      Data: { Name: '', HomeRegion: '' },
    });
    expect(sim.calls).toEqual([]);
  });

  test('an empty or missing LogicalResourceId: FAILED before any call', async () => {
    for (const LogicalResourceId of ['', undefined]) {
      receiver.reset();
      await handler(
        rosEvent(receiver, 'Delete', { PhysicalResourceId: pid('audit_all'), LogicalResourceId }),
        fcContext(),
      );
      expect(receiver.last()).toMatchObject({
        Status: 'FAILED',
        Reason: 'LogicalResourceId is missing; nothing was changed',
        PhysicalResourceId: pid('audit_all'),
      });
    }
    expect(sim.calls).toEqual([]);
  });
});

describe('properties that differ from the declaration', () => {
  test('the Reason names both trails and says only the declared configuration is applied', async () => {
    declare({ AuditTrail: trailProps() });
    await handler(
      rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Name: 'other_trail' }) }, false),
      fcContext(),
    );
    expect(receiver.last()).toMatchObject({
      Status: 'FAILED',
      Reason:
        "the request's ResourceProperties (trail other_trail) differ from what the stack's template declares for AuditTrail (trail audit_all); " +
        'the provider applies only the declared configuration, so nothing was changed',
    });
    expect(sim.calls).toEqual([]);
  });
});

describe('what the lifecycle is given', () => {
  const outcome = { physicalResourceId: 'from-lifecycle', data: { Name: 'audit_all', HomeRegion: 'cn-shanghai' } };

  test("Create: the function's own region (not the request's RegionId), the context's account, the settings, and the declared configuration; its outcome is the answer", async () => {
    const spy = jest.spyOn(lifecycle, 'createTrail').mockResolvedValue(outcome);
    await handler(
      rosEvent(receiver, 'Create', {
        RegionId: 'cn-shanghai',
        ResourceOwnerId: '999',
        ResourceProperties: trailProps(),
      }),
      fcContext(),
    );
    expect(spy).toHaveBeenCalledTimes(1);
    const [ctx, logicalId, desired] = spy.mock.calls[0];
    expect(ctx).toMatchObject({
      region: REGION,
      accountId: ACCOUNT_ID,
      pollBaseMs: 5,
      consistencyWindowMs: 300,
      lateArrivalMs: 1000,
    });
    expect(ctx.api).toBeDefined();
    expect(ctx.logger).toBeDefined();
    expect(ctx.deadline.remaining()).toBeGreaterThan(0);
    expect(ctx.cleanupDeadline.remaining()).toBeGreaterThan(ctx.deadline.remaining());
    expect(logicalId).toBe('AuditTrail');
    expect(desired).toEqual(parseTrailProperties(trailProps()));
    expect(receiver.last()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'from-lifecycle',
      StackId: 'stack-id-1',
      RequestId: 'ros-req-1',
      LogicalResourceId: 'AuditTrail',
      Data: outcome.data,
    });
  });

  test("no region in the context: the request's RegionId; no account in the context: the ResourceOwnerId, as a string", async () => {
    const spy = jest.spyOn(lifecycle, 'createTrail').mockResolvedValue(outcome);
    await handler(
      rosEvent(receiver, 'Create', { RegionId: 'cn-beijing', ResourceOwnerId: 555, ResourceProperties: trailProps() }),
      fcContext({ accountId: undefined, region: undefined }),
    );
    expect(spy.mock.calls[0][0]).toMatchObject({ region: 'cn-beijing', accountId: '555' });
  });

  test('no region anywhere: an empty region (the endpoint then comes from ACTIONTRAIL_ENDPOINT)', async () => {
    const spy = jest.spyOn(lifecycle, 'createTrail').mockResolvedValue(outcome);
    await handler(
      rosEvent(receiver, 'Create', { RegionId: undefined, ResourceProperties: trailProps() }),
      fcContext({ region: undefined }),
    );
    expect(spy.mock.calls[0][0].region).toBe('');
  });

  test('Update and Delete get the physical ID and the old or current properties', async () => {
    const update = jest.spyOn(lifecycle, 'updateTrail').mockResolvedValue(outcome);
    const del = jest.spyOn(lifecycle, 'deleteTrail').mockResolvedValue(outcome);
    const old = trailProps({ EventRW: 'Write' });
    await handler(
      rosEvent(receiver, 'Update', {
        PhysicalResourceId: pid('audit_all'),
        ResourceProperties: trailProps(),
        OldResourceProperties: old,
      }),
      fcContext(),
    );
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0].slice(1)).toEqual([
      'AuditTrail',
      pid('audit_all'),
      parseTrailProperties(trailProps()),
      old,
    ]);
    stack.reset(); // the mocked Update answered another physical ID; ROS's record before this Delete is pid('audit_all')
    await handler(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: pid('audit_all'), ResourceProperties: trailProps() }),
      fcContext(),
    );
    expect(del).toHaveBeenCalledTimes(1);
    expect(del.mock.calls[0].slice(2)).toEqual(['AuditTrail', pid('audit_all'), trailProps()]);
    expect(receiver.answers.map((a) => a.body?.Status)).toEqual(['SUCCESS', 'SUCCESS']);
  });
});
