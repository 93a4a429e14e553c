/**
 * The provider handler against the ActionTrail simulator and a ResponseURL
 * receiver, over loopback HTTP, in this process. Each test reproduces one
 * finding of issue 9 (numbered as there) or pins one rule of the design in
 * lib/provider/runtime/trail-lifecycle.ts, asserting the API calls made, the
 * trails left and the answer ROS gets.
 */
import { HandlerResult, handler } from '../../../lib/provider/handler';
import { ACTIONTRAIL_ACTIONS } from '../../../lib/shared/provider-contract';
import {
  ACCOUNT_ID,
  MC_PROJECT_ARN,
  REGION,
  captureConsole,
  declare,
  fcContext,
  pid,
  rosEvent,
  successAnswer,
  timePasses,
  trailProps,
  useProviderEnvironment,
  withEnv,
} from '../harness';

const { sim, receiver, stack } = useProviderEnvironment();
captureConsole();

const READS = ['DescribeTrails', 'GetTrailStatus'];
const writes = (): string[] => sim.actions().filter((a) => !READS.includes(a));

afterEach(() => {
  // The provider never calls an operation its role was not granted.
  for (const action of sim.actions()) expect(ACTIONTRAIL_ACTIONS).toContain(`actiontrail:${action}`);
});

/** Runs the handler and checks that ROS got exactly one answer from it. */
async function invoke(event: Buffer, context: unknown = fcContext()): Promise<HandlerResult | undefined> {
  const before = receiver.answers.length;
  const result = await handler(event, context as never);
  expect(receiver.answers.length - before).toBe(1);
  timePasses(sim);
  return result;
}

/** Runs a request ROS did not send (ROS's record is left as it is); expects no answer and no ActionTrail call. */
async function forged(type: 'Create' | 'Update' | 'Delete', fields: Record<string, unknown>): Promise<void> {
  const before = { answers: receiver.attempts.length, calls: sim.calls.length };
  const result = await handler(rosEvent(receiver, type, fields, false, false), fcContext());
  expect(result).toBeUndefined();
  expect(receiver.attempts.length).toBe(before.answers);
  expect(sim.calls.length).toBe(before.calls);
}

/** Creates the trail through the handler, then forgets the calls and answers. */
async function created(props: Record<string, unknown> = trailProps()): Promise<string> {
  await invoke(rosEvent(receiver, 'Create', { ResourceProperties: props }));
  expect(receiver.last().Status).toBe('SUCCESS');
  const id = receiver.last().PhysicalResourceId;
  sim.calls.length = 0;
  receiver.reset();
  return id;
}

/** An Update from `oldProps` to `newProps` (the template declares `newProps`). */
async function update(
  oldProps: Record<string, unknown> | undefined,
  newProps: Record<string, unknown>,
  physicalId = pid('audit_all'),
): Promise<Record<string, any>> {
  await invoke(
    rosEvent(receiver, 'Update', {
      PhysicalResourceId: physicalId,
      ResourceProperties: newProps,
      ...(oldProps ? { OldResourceProperties: oldProps } : {}),
    }),
  );
  return receiver.last();
}

/** The foreign trail as stored, but for its CreateTime (which {@link timePasses} moves). */
const foreignState = (name = 'security_org'): string => {
  const { CreateTime: _created, ...rest } = sim.trail(name) ?? { CreateTime: undefined };
  return JSON.stringify(rest);
};

const seedForeign = (): string => {
  sim.seedTrail({
    Name: 'security_org',
    Status: 'Enable',
    EventRW: 'All',
    SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
  });
  return foreignState();
};

describe('Create', () => {
  test('reads, creates, starts, reads back; answers a physical ID that binds the name', async () => {
    const result = await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(sim.actions()).toEqual([
      'DescribeTrails',
      'CreateTrail',
      'StartLogging',
      'DescribeTrails',
      'GetTrailStatus',
    ]);
    expect(sim.calls[1].params).toEqual({
      Name: 'audit_all',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: 'false',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(receiver.last()).toEqual(successAnswer('audit_all'));
    expect(pid('audit_all')).toBe('audit_all');
    expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all'), Answered: true });
  });

  test('without logging the trail stays Fresh', async () => {
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Logging: false }) }));
    expect(writes()).toEqual(['CreateTrail']);
    expect(sim.trail('audit_all')?.Status).toBe('Fresh');
  });

  test('#5: a hand-made trail with exactly the desired settings is not adopted; the rollback Delete leaves it alone', async () => {
    sim.seedTrail({
      Name: 'audit_all',
      Status: 'Enable',
      EventRW: 'All',
      TrailRegion: 'All',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    const before = foreignState('audit_all');
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(writes()).toEqual([]);
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toContain(
      'a trail named audit_all already exists in this account and was not created by this resource',
    );
    await invoke(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: answer.PhysicalResourceId, ResourceProperties: trailProps() }),
    );
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(writes()).toEqual([]);
    expect(foreignState('audit_all')).toBe(before);
  });

  test('#4: a failure after CreateTrail deletes the trail inside the invocation; nothing is left for a rollback to find', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'StartLogging',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(writes()).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(sim.trails()).toEqual([]);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(receiver.last().Reason).toMatch(
      /^StartLogging failed: InvalidParameter: no \(RequestId: .+\)\. The trail audit_all created by this request was deleted again\.$/,
    );
  });

  test('#4: when the undo fails too, the Reason names the leftover trail and how to remove it', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'StartLogging',
    });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.last().Reason).toContain('could not be deleted again');
    expect(receiver.last().Reason).toContain(`aliyun actiontrail DeleteTrail --Name audit_all --region ${REGION}`);
  });

  test("an ambiguous CreateTrail (applied, answer lost) is this invocation's own: continued, not refused", async () => {
    sim.commitThenHangNext(1, 1200, 'CreateTrail');
    await withEnv({ ACTIONTRAIL_RETRY_BUDGET_MS: '8000' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.status}`).slice(0, 3)).toEqual([
      'DescribeTrails:200',
      'CreateTrail:200',
      'CreateTrail:TrailAlreadyExistsException',
    ]);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all') });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });
});

describe('#1 ownership: requests ROS does not confirm change nothing, read nothing and get no answer', () => {
  test('Delete or Update naming a trail ROS does not record for the resource: no answer, no ActionTrail call, whether or not the trail exists', async () => {
    const id = await created();
    const foreign = seedForeign();
    for (const name of ['security_org', 'no_such_trail']) {
      await forged('Delete', { PhysicalResourceId: name, ResourceProperties: { Name: name } });
      await forged('Update', {
        PhysicalResourceId: name,
        ResourceProperties: trailProps(),
        OldResourceProperties: { Name: name },
      });
    }
    await forged('Delete', { PhysicalResourceId: `security_org.${'0'.repeat(32)}` });
    // Each asked ROS about the stack's own resource, and only that.
    expect(stack.lookups.slice(1).map((l) => [l.StackId, l.LogicalResourceId, l.RegionId])).toEqual(
      Array(5).fill(['stack-id-1', 'AuditTrail', REGION]),
    );
    expect(foreignState()).toBe(foreign);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(stack.resources.get('AuditTrail')).toMatchObject({ status: 'CREATE_COMPLETE', physicalId: id });
  });

  test("a replayed Delete carrying the stack's own physical ID: no answer while ROS is not deleting the resource, the trail stays", async () => {
    const id = await created();
    await forged('Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() });
    // Also after an Update completed, and after the trail was made again by hand.
    await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    sim.removeTrail('audit_all');
    await update(trailProps({ EventRW: 'Write' }), trailProps({ EventRW: 'Write' }), id);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    await forged('Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('a request naming another stack is not even looked up; one for a resource ROS does not know is looked up only', async () => {
    await forged('Create', { StackId: 'someone-elses-stack', ResourceProperties: trailProps() });
    expect(stack.lookups).toEqual([]);
    // Delete and Update too, even naming a trail that exists: the stack is checked before anything else.
    const id = await created();
    const lookups = stack.lookups.length;
    await forged('Delete', {
      StackId: 'someone-elses-stack',
      PhysicalResourceId: id,
      ResourceProperties: trailProps(),
    });
    await forged('Update', {
      StackId: 'someone-elses-stack',
      PhysicalResourceId: id,
      ResourceProperties: trailProps({ EventRW: 'Read' }),
      OldResourceProperties: trailProps(),
    });
    expect(stack.lookups).toHaveLength(lookups);
    expect(sim.trail('audit_all')).toMatchObject({ Status: 'Enable', EventRW: 'All' });
    sim.removeTrail('audit_all');
    await forged('Create', { LogicalResourceId: 'NotInTheStack', ResourceProperties: trailProps() });
    expect(stack.lookups.slice(lookups).map((l) => l.LogicalResourceId)).toEqual(['NotInTheStack']);
    expect(sim.trails()).toEqual([]);
  });

  test('the wrong status for the request type (a completed or failed resource, or another operation under way): no answer', async () => {
    const id = await created();
    for (const status of ['CREATE_COMPLETE', 'UPDATE_FAILED', 'DELETE_IN_PROGRESS', 'CHECK_IN_PROGRESS']) {
      stack.set('AuditTrail', { status, physicalId: id });
      await forged('Update', {
        PhysicalResourceId: id,
        ResourceProperties: trailProps({ EventRW: 'Write' }),
        OldResourceProperties: trailProps(),
      });
    }
    stack.set('AuditTrail', { status: 'UPDATE_IN_PROGRESS', physicalId: id });
    await forged('Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() });
    await forged('Create', { ResourceProperties: trailProps() });
    expect(sim.trail('audit_all')).toMatchObject({ Status: 'Enable', EventRW: 'All' });
  });

  test("Delete with this resource's physical ID but ResourceProperties naming another trail (a forged twin while ROS deletes it): only read, FAILED", async () => {
    const id = await created();
    const foreign = seedForeign();
    await invoke(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: id,
        ResourceProperties: trailProps({ Name: 'security_org' }),
      }),
    );
    expect(writes()).toEqual([]);
    expect(receiver.last().Reason).toContain('cannot prove that the trail security_org is its own');
    expect(foreignState()).toBe(foreign);
  });

  test('Update whose properties differ from the declaration (while ROS updates the resource): FAILED; a foreign Old name is never touched', async () => {
    const id = await created();
    const foreign = seedForeign();
    await invoke(
      rosEvent(
        receiver,
        'Update',
        { PhysicalResourceId: id, ResourceProperties: trailProps({ Logging: 'false' }) },
        false,
      ),
    );
    expect(receiver.last().Reason).toContain("differ from what the stack's template declares for AuditTrail");
    // Old name foreign, new name the bound one: only this resource's own trail is converged (it already matches).
    await update(trailProps({ Name: 'security_org' }), trailProps(), id);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_all' } });
    expect(writes()).toEqual([]);
    expect(foreignState()).toBe(foreign);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test("while the template declares a foreign trail's name (a refused rename), Update and Delete twins naming it change nothing", async () => {
    const id = await created();
    const foreign = seedForeign();
    declare({ AuditTrail: trailProps({ Name: 'security_org' }) });
    await invoke(
      rosEvent(
        receiver,
        'Update',
        {
          PhysicalResourceId: id,
          ResourceProperties: trailProps({ Name: 'security_org' }),
          OldResourceProperties: trailProps({ Name: 'security_org' }),
        },
        false,
      ),
    );
    expect(receiver.last()).toMatchObject({ Status: 'FAILED' });
    expect(receiver.last().Reason).toContain(
      'cannot prove that the trail security_org is its own: it was created as audit_all, which still exists',
    );
    await invoke(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: id,
        ResourceProperties: trailProps({ Name: 'security_org' }),
      }),
    );
    expect(receiver.last()).toMatchObject({ Status: 'FAILED' });
    expect(receiver.last().Reason).toContain('The trail security_org was not deleted.');
    expect(writes()).toEqual([]);
    expect(foreignState()).toBe(foreign);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test("the takeover of issue 20: rename onto a foreign trail refused; the stack's trail cannot be deleted by a forged Delete, and even deleted by hand, no request changes the foreign trail", async () => {
    const id = await created();
    const foreign = seedForeign();
    const refused = await update(trailProps(), trailProps({ Name: 'security_org' }), id);
    expect(refused.Status).toBe('FAILED');
    // ROS shows UPDATE_FAILED (rollback disabled, or not yet begun); the declarations still name the foreign trail.
    expect(stack.resources.get('AuditTrail')?.status).toBe('UPDATE_FAILED');
    await forged('Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() });
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    sim.removeTrail('audit_all'); // deleted by someone with ActionTrail rights
    await forged('Update', {
      PhysicalResourceId: id,
      ResourceProperties: trailProps({ Name: 'security_org' }),
      OldResourceProperties: trailProps({ Name: 'security_org', Logging: 'false' }),
    });
    await forged('Delete', { PhysicalResourceId: id, ResourceProperties: trailProps({ Name: 'security_org' }) });
    expect(foreignState()).toBe(foreign);
  });

  test('after a completed rename A -> B, a twin during a refused second rename onto an older foreign trail cannot touch it', async () => {
    const id = await created();
    await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    expect(sim.trail('audit_all')).toBeUndefined();
    // The foreign trail is older than this resource.
    sim.seedTrail({
      Name: 'security_org',
      Status: 'Enable',
      EventRW: 'All',
      SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
      CreateTime: '2020-01-01T00:00:00Z',
    });
    const foreign = foreignState();
    // While ROS updates the resource to the template naming security_org, a twin claims it is the current name.
    const twin = await update(
      trailProps({ Name: 'security_org' }),
      trailProps({ Name: 'security_org', Logging: 'false' }),
      id,
    );
    expect(twin.Status).toBe('FAILED');
    expect(twin.Reason).toContain('the trail security_org existed before this resource was created');
    await invoke(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: id,
        ResourceProperties: trailProps({ Name: 'security_org' }),
      }),
    );
    expect(receiver.last().Reason).toContain('existed before this resource was created');
    expect(foreignState()).toBe(foreign);
    expect(sim.trail('audit_new')?.Status).toBe('Enable');
  });

  test("a rename onto a foreign trail's name is refused, and ROS's rollback converges the original trail without touching the foreign one", async () => {
    const id = await created();
    const foreign = seedForeign();
    const refused = await update(trailProps(), trailProps({ Name: 'security_org' }), id);
    expect(refused.Status).toBe('FAILED');
    // The rollback: the template declares audit_all again; OldResourceProperties name the foreign trail.
    sim.seedTrail({ ...sim.trail('audit_all')!, Status: 'Disable' }); // and someone stopped it by hand meanwhile
    const rollback = await update(trailProps({ Name: 'security_org' }), trailProps(), id);
    expect(rollback).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_all' } });
    expect(sim.calls.filter((c) => c.params.Name === 'security_org' && !READS.includes(c.action))).toEqual([]);
    expect(foreignState()).toBe(foreign);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('Create for a logical ID the template does not declare, or without the stack ID in the environment: FAILED, no ActionTrail call', async () => {
    declare({});
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }, false));
    expect(receiver.last().Reason).toContain('declares no trail with the logical ID "AuditTrail"');
    await withEnv({ TRAIL_STACK_ID: '' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(receiver.last().Reason).toBe(
      "the function's environment has no TRAIL_STACK_ID; deploy the provider with the actiontrail-cdk TrailProvider construct, which sets it to the stack's ALIYUN::StackId",
    );
    expect(sim.calls).toEqual([]);
  });

  test('GetStackResource failing for good: FAILED, naming the error, nothing changed or read', async () => {
    sim.inject({
      kind: 'error',
      status: 403,
      code: 'Forbidden.RAM',
      message: 'not authorized',
      times: 1000,
      action: 'GetStackResource',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('FAILED');
    expect(receiver.last().Reason).toMatch(
      /^the provider could not confirm this request with ROS \(GetStackResource: GetStackResource failed: Forbidden\.RAM: not authorized .*\); nothing was changed\. Retry the stack operation$/,
    );
    expect(sim.calls).toEqual([]);
  });
});

describe("ROS's rollback Delete after a failed Create (in this process)", () => {
  /** A Create whose StartLogging and undo (DeleteTrail) fail for good: FAILED, the trail left behind. */
  async function failedCreate(): Promise<void> {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1000,
      action: 'StartLogging',
    });
    sim.inject({ kind: 'error', status: 403, code: 'NoPermission', message: 'no', times: 1000, action: 'DeleteTrail' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('FAILED');
    sim.clearFaults();
    expect(sim.trail('audit_all')).toBeDefined();
  }

  test('the trail the failed Create left is deleted', async () => {
    await failedCreate();
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }));
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', Data: { Name: 'audit_all' } });
    expect(sim.trails()).toEqual([]);
  });

  test('ROS reports no CreateTime: nothing is deleted, FAILED with the command', async () => {
    await failedCreate();
    stack.set('AuditTrail', { status: 'DELETE_IN_PROGRESS', createTime: '' });
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }, true, false));
    expect(receiver.last().Status).toBe('FAILED');
    expect(receiver.last().Reason).toContain('aliyun actiontrail DeleteTrail --Name audit_all');
    expect(sim.trail('audit_all')).toBeDefined();
  });

  test('without a declaration for the logical ID, nothing is read', async () => {
    declare({});
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'create-failed.AuditTrail' }));
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', Data: { Name: '', HomeRegion: REGION } });
    expect(sim.calls).toEqual([]);
  });

  test('without TRAIL_STACK_ID in the environment at all: FAILED, nothing called', async () => {
    const saved = process.env.TRAIL_STACK_ID;
    delete process.env.TRAIL_STACK_ID;
    try {
      await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    } finally {
      process.env.TRAIL_STACK_ID = saved;
    }
    expect(receiver.last().Reason).toContain("the function's environment has no TRAIL_STACK_ID");
    expect(stack.lookups).toEqual([]);
  });
});

describe('Update converges to the live trail (#6)', () => {
  test('a setting change: UpdateTrail from the live settings, read back; the physical ID is the one sent', async () => {
    const id = await created();
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write', OssBucketName: 'audit-bucket' }), id);
    expect(writes()).toEqual(['UpdateTrail']);
    expect(sim.calls.find((c) => c.action === 'UpdateTrail')!.params).toEqual({
      Name: 'audit_all',
      EventRW: 'Write',
      TrailRegion: 'All',
      OssBucketName: 'audit-bucket',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    expect(answer).toEqual(successAnswer('audit_all'));
  });

  test('a trail stopped by hand is started again by any Update', async () => {
    const id = await created();
    sim.seedTrail({ ...sim.trail('audit_all')!, Status: 'Disable' });
    await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    expect(writes()).toEqual(['UpdateTrail', 'StartLogging']);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('with OldResourceProperties missing or wrong, an OSS destination that should go is removed', async () => {
    const id = await created(trailProps({ OssBucketName: 'old-bucket' }));
    await update(undefined, trailProps(), id);
    expect(sim.calls.find((c) => c.action === 'UpdateTrail')!.params.OssBucketName).toBe('');
    expect(sim.trail('audit_all')?.OssBucketName).toBeUndefined();
    sim.seedTrail({ ...sim.trail('audit_all')!, OssBucketName: 'stray-bucket' });
    await update(trailProps({ SlsProjectArn: 'acs:log:cn-hangzhou:1:project/x' }), trailProps(), id);
    expect(sim.trail('audit_all')?.OssBucketName).toBeUndefined();
  });

  test('nothing differs: only reads', async () => {
    const id = await created();
    await update(trailProps(), trailProps({ TrailRegion: 'All' }), id);
    expect(writes()).toEqual([]);
  });

  test('a trail deleted outside ROS is created again', async () => {
    const id = await created();
    sim.seedTrail({ Name: 'placeholder', OssBucketName: 'x-bucket' });
    sim.reset();
    expect((await update(trailProps(), trailProps(), id)).Status).toBe('SUCCESS');
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('a failed setting change is undone: the trail is back to its previous settings and logging', async () => {
    const id = await created();
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'StopLogging',
    });
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write', Logging: false }), id);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('was restored to its previous settings and logging state');
    expect(sim.trail('audit_all')).toMatchObject({ EventRW: 'All', Status: 'Enable' });
  });

  test('IsOrganizationTrail cannot change under the same name: FAILED, nothing written', async () => {
    const id = await created();
    const answer = await update(trailProps(), trailProps({ IsOrganizationTrail: 'true' }), id);
    expect(answer.Reason).toContain('IsOrganizationTrail cannot change on the existing trail audit_all');
    expect(writes()).toEqual([]);
  });

  test('an Update after a failed Create (placeholder ID): FAILED, nothing called', async () => {
    const answer = await update(trailProps(), trailProps(), 'create-failed.AuditTrail');
    expect(answer.Reason).toContain('has no trail to update: its Create failed');
    expect(sim.calls).toEqual([]);
  });
});

describe('#2 / #3 renames keep the physical ID', () => {
  test('create and start the new trail, then delete the old one: auditing never stops', async () => {
    const id = await created();
    const answer = await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    expect(writes()).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_new' } });
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
    expect(sim.minEnabledTrailsSince(0)).toBeGreaterThanOrEqual(1);
    // Delete finds the renamed trail from ResourceProperties.
    await invoke(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps({ Name: 'audit_new' }) }),
    );
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(sim.trails()).toEqual([]);
  });

  test('#3 the same OSS bucket: the old trail is deleted first (a short gap), then the new one created', async () => {
    const id = await created(trailProps({ OssBucketName: 'shared-bucket' }));
    const answer = await update(
      trailProps({ OssBucketName: 'shared-bucket' }),
      trailProps({ Name: 'audit_new', OssBucketName: 'shared-bucket' }),
      id,
    );
    expect(writes()).toEqual(['DeleteTrail', 'CreateTrail', 'StartLogging']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(sim.trails().map((t) => [t.Name, t.Status])).toEqual([['audit_new', 'Enable']]);
  });

  test('#3 the same OSS bucket and the create fails: the old trail is re-created and logging again', async () => {
    const id = await created(trailProps({ OssBucketName: 'shared-bucket' }));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    const answer = await update(
      trailProps({ OssBucketName: 'shared-bucket' }),
      trailProps({ Name: 'audit_new', OssBucketName: 'shared-bucket' }),
      id,
    );
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(
      'The trail audit_all was re-created with its previous settings and is logging again.',
    );
    expect(sim.trails().map((t) => [t.Name, t.Status, t.OssBucketName])).toEqual([
      ['audit_all', 'Enable', 'shared-bucket'],
    ]);
  });

  test('the old trail cannot be deleted: the new one is deleted again and the old one keeps logging', async () => {
    const id = await created();
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
      name: 'audit_all',
    });
    const answer = await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(answer.Reason).toContain('the rename was undone');
    expect(answer.Reason).toContain('The trail audit_new created by this request was deleted again.');
    expect(sim.trails().map((t) => [t.Name, t.Status])).toEqual([['audit_all', 'Enable']]);
  });

  test('after a rename, an Update without OldResourceProperties cannot tell the trail from a foreign one: FAILED, nothing written', async () => {
    const id = await created();
    await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    sim.calls.length = 0;
    const answer = await update(undefined, trailProps({ Name: 'audit_new', EventRW: 'Write' }), id);
    expect(answer.Reason).toContain('ROS names it in OldResourceProperties, which this request lacks or gets wrong');
    expect(writes()).toEqual([]);
    // With them, as ROS sends it, the update goes through.
    expect(
      (await update(trailProps({ Name: 'audit_new' }), trailProps({ Name: 'audit_new', EventRW: 'Write' }), id)).Status,
    ).toBe('SUCCESS');
    expect(sim.trail('audit_new')?.EventRW).toBe('Write');
  });

  test('a rename onto a name a foreign trail holds: FAILED, neither trail written', async () => {
    const id = await created();
    seedForeign();
    const answer = await update(trailProps(), trailProps({ Name: 'security_org' }), id);
    expect(answer.Reason).toContain('a trail named security_org already exists');
    expect(writes()).toEqual([]);
  });

  test("a second rename (A -> B -> C) is refused before any change; ROS's rollback then converges B", async () => {
    const id = await created();
    await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    sim.calls.length = 0;
    const second = await update(trailProps({ Name: 'audit_new' }), trailProps({ Name: 'audit_third' }), id);
    expect(second.Reason).toContain('A trail can be renamed in place once');
    expect(writes()).toEqual([]);
    // The rollback: the template (and so the declaration) is B again; OldResourceProperties name C, which never existed.
    const rollback = await update(trailProps({ Name: 'audit_third' }), trailProps({ Name: 'audit_new' }), id);
    expect(rollback).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_new' } });
    expect(sim.trails().map((t) => [t.Name, t.Status])).toEqual([['audit_new', 'Enable']]);
    expect(writes()).toEqual([]);
  });
});

describe('Delete', () => {
  test('DeleteTrail, then read back until it is gone; a missing trail counts as deleted', async () => {
    const id = await created();
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() }));
    expect(sim.actions()).toEqual(['DeleteTrail', 'DescribeTrails']);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('#7 a DeleteTrail answered 200 with an empty body and no effect is not success: retried, then confirmed', async () => {
    const id = await created();
    sim.emptyNext(1, 'DeleteTrail');
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() }));
    expect(sim.calls.map((c) => `${c.action}${c.fault ? `[${c.fault}]` : ''}`)).toEqual([
      'DeleteTrail[empty]',
      'DeleteTrail',
      'DescribeTrails',
    ]);
    expect(sim.trails()).toEqual([]);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('#7 an empty 2xx body every time: FAILED, never SUCCESS while the trail keeps logging', async () => {
    const id = await created();
    sim.emptyNext(1000, 'DeleteTrail');
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('FAILED');
    expect(receiver.last().Reason).toContain('EEMPTYANSWER');
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });
});

describe('#8 retry classes', () => {
  test('HTTP 429 with a text body is retried', async () => {
    sim.inject({ kind: 'text', status: 429, body: 'Too Many Requests', times: 2, action: 'CreateTrail' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('SUCCESS');
    expect(sim.calls.filter((c) => c.action === 'CreateTrail').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  test('TrailNotFoundException right after CreateTrail, InsufficientBucketPolicyException and a RAM 403 are retried for a while', async () => {
    sim.invisibleNext(2, 'StartLogging');
    sim.inject({
      kind: 'error',
      status: 403,
      code: 'InsufficientBucketPolicyException',
      message: 'not yet',
      times: 2,
      action: 'StartLogging',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.last().Status).toBe('SUCCESS');
    expect(sim.calls.filter((c) => c.action === 'StartLogging')).toHaveLength(5);
  });

  test('eventual-consistency errors stop being retried after the window: FAILED and undone', async () => {
    sim.inject({
      kind: 'error',
      status: 403,
      code: 'NoPermission',
      message: 'role not effective',
      times: 1000,
      action: 'StartLogging',
    });
    await withEnv({ ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(receiver.last().Reason).toMatch(
      /^StartLogging failed: NoPermission: role not effective .*after \d+ attempts\)\. The trail audit_all created by this request was deleted again\.$/,
    );
    expect(sim.trails()).toEqual([]);
  });

  test('a host that does not resolve (ENOTFOUND) fails fast, after one attempt', async () => {
    const started = Date.now();
    await withEnv(
      { ACTIONTRAIL_ENDPOINT: 'https://actiontrail.does-not-exist.invalid', ACTIONTRAIL_RETRY_BUDGET_MS: '60000' },
      () => invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(receiver.last().Reason).toMatch(/^DescribeTrails failed: network error (ENOTFOUND|EAI_AGAIN)/);
    expect(receiver.last().Reason).not.toContain('attempts');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('#9 the request is validated before any API call', () => {
  test.each([
    ['file:// URL', 'file:///etc/passwd'],
    ['ftp:// URL', 'ftp://127.0.0.1/x'],
    ['another host', 'http://169.254.169.254/latest'],
  ])('a %s: nothing called, nothing answered', async (_title, url) => {
    const event = JSON.parse(rosEvent(receiver, 'Delete', { PhysicalResourceId: pid('audit_all') }).toString());
    Object.assign(event, { ResponseURL: url, IntranetResponseURL: undefined });
    sim.seedTrail({ Name: 'audit_all', OssBucketName: 'b-1' });
    await expect(handler(Buffer.from(JSON.stringify(event)), fcContext())).resolves.toBeUndefined();
    expect(sim.calls).toEqual([]);
    expect(receiver.attempts).toEqual([]);
  });

  test('without RESPONSE_URL_ALLOWED_HOSTS only https on *.aliyuncs.com is accepted', async () => {
    await withEnv({ RESPONSE_URL_ALLOWED_HOSTS: '' }, () =>
      handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext()),
    );
    expect(sim.calls).toEqual([]);
    expect(receiver.attempts).toEqual([]);
  });

  test('one acceptable URL and one refused: not acted on, FAILED to the acceptable one', async () => {
    const event = JSON.parse(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }).toString());
    event.ResponseURL = 'https://evil.example.com/x';
    await invoke(Buffer.from(JSON.stringify(event)));
    expect(sim.calls).toEqual([]);
    expect(receiver.last().Reason).toContain(
      'ResponseURL "https://evil.example.com" is not on a host listed in RESPONSE_URL_ALLOWED_HOSTS',
    );
  });

  test('RequestType ["Delete"] is not coerced: FAILED, nothing deleted', async () => {
    const id = await created();
    await invoke(
      rosEvent(receiver, 'Delete', {
        RequestType: ['Delete'],
        PhysicalResourceId: id,
        ResourceProperties: trailProps(),
      }),
    );
    expect(receiver.last().Reason).toBe(
      'RequestType must be exactly one of the strings Create, Update or Delete, got ["Delete"]; nothing was changed',
    );
    expect(sim.calls).toEqual([]);
    expect(sim.trail('audit_all')).toBeDefined();
  });

  test('a ResponseURL that hangs does not use up the deadline: the IntranetResponseURL is answered', async () => {
    receiver.failNext('hang');
    const started = Date.now();
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(receiver.attempts.map((a) => a.url.split('?')[0])).toEqual(['/ros/response/req', '/ros/response/intranet']);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('#10 answers', () => {
  test('long echoed fields: the answer stays within 4,096 bytes and keeps the Reason', async () => {
    const long = 'x'.repeat(5000);
    await invoke(
      rosEvent(
        receiver,
        'Create',
        { ResourceProperties: trailProps(), RequestId: long, LogicalResourceId: long },
        false,
      ),
    );
    const raw = receiver.answers[0].raw;
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(4096);
    expect(receiver.last().Reason).toContain('declares no trail with the logical ID');
  });

  test('a 1 MB value is cut, not the rule text', async () => {
    const props = trailProps({ Name: 'a'.repeat(1024 * 1024) });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: props }));
    const answer = receiver.last();
    expect(Buffer.byteLength(receiver.answers[0].raw)).toBeLessThanOrEqual(4096);
    expect(answer.Reason).toContain(
      'more characters)" must be 6-36 characters, start with a lowercase letter and contain only a-z, 0-9, - and _',
    );
    expect(sim.calls).toEqual([]);
  });
});
