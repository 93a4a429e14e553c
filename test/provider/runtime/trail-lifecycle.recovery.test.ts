/**
 * The recovery paths of lib/provider/runtime/trail-lifecycle.ts: undo after a
 * failed create, restore after a failed change, renames that cannot go the
 * usual way, and errors during those undos. Each test asserts the answer (or
 * the Reason the lifecycle function builds for it), the API requests in
 * order, the trails left behind, and the operator log lines that say what was
 * refused or left behind and why.
 *
 * Through the handler where its environment is enough; through the lifecycle
 * functions (./lifecycle-kit.ts) where a test needs a hook at one call (a
 * trail deleted or stopped by hand meanwhile) or settings the handler takes
 * from the environment.
 */
import { HandlerResult, handler } from '../../../lib/provider/handler';
import { FailedOperation, createTrail, deleteTrail, updateTrail } from '../../../lib/provider/runtime/trail-lifecycle';
import {
  ACCOUNT_ID,
  MC_PROJECT_ARN,
  REGION,
  captureConsole,
  fcContext,
  pid,
  rosEvent,
  trailProps,
  useProviderEnvironment,
  withEnv,
} from '../harness';
import { LogLine, config, dropTrail, rejection, rig, writesOf } from '../lifecycle-kit';

const { sim, receiver } = useProviderEnvironment();
const output = captureConsole();

const RID = 'RequestId: [0-9A-F-]{36}';
const HINT = (name: string): string =>
  `remove it with \`aliyun actiontrail DeleteTrail --Name ${name} --region ${REGION}\` (or in the ActionTrail console) once you have checked it is not needed`;

/** Runs the handler; ROS must get exactly one answer, which is returned. */
async function invoke(event: Buffer, context: unknown = fcContext()): Promise<Record<string, any>> {
  const before = receiver.answers.length;
  // A budget no test here means to exhaust: only the request timeout and consistency window are tight.
  const result: HandlerResult | undefined = await withEnv(
    { ACTIONTRAIL_RETRY_BUDGET_MS: '20000', ACTIONTRAIL_CLEANUP_RESERVE_MS: '10000' },
    () => handler(event, context as never),
  );
  // One answer; a second copy only when a POST of it timed out under load and was sent again (same body).
  const answers = receiver.answers.slice(before).map((a) => a.raw);
  expect(answers.length).toBeGreaterThanOrEqual(1);
  expect(new Set(answers).size).toBe(1);
  expect(result?.Status).toBe(receiver.last().Status);
  return receiver.last();
}

/** Creates the trail through the handler, then forgets the calls and answers. */
async function created(props: Record<string, unknown> = trailProps()): Promise<string> {
  const answer = await invoke(rosEvent(receiver, 'Create', { ResourceProperties: props }));
  expect(answer.Status).toBe('SUCCESS');
  sim.calls.length = 0;
  receiver.reset();
  output.lines.length = 0;
  return answer.PhysicalResourceId;
}

/** An Update from `oldProps` to `newProps` (the template declares `newProps`). */
function update(
  oldProps: Record<string, unknown> | undefined,
  newProps: Record<string, unknown>,
  physicalId = pid('audit_all'),
): Promise<Record<string, any>> {
  return invoke(
    rosEvent(receiver, 'Update', {
      PhysicalResourceId: physicalId,
      ResourceProperties: newProps,
      ...(oldProps ? { OldResourceProperties: oldProps } : {}),
    }),
  );
}

/** The handler's log lines, parsed. */
function handlerLogs(): LogLine[] {
  return output.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
}

/** Log lines with message `msg`. */
function logged(lines: LogLine[], msg: string): LogLine[] {
  return lines.filter((l) => l.msg === msg);
}

/** Name, status and OSS bucket of every trail left. */
const trailsLeft = (): Array<[string, string, string | undefined]> =>
  sim.trails().map((t) => [t.Name, t.Status, t.OssBucketName]);

afterEach(async () => {
  // Requests held back by a fault must not leak into the next test.
  await sim.idle();
});

describe('Delete', () => {
  test('a name in ResourceProperties that is neither bound nor declared and does not exist: SUCCESS after one read, logged as nothing to delete', async () => {
    const answer = await invoke(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: pid('audit_all'),
        ResourceProperties: trailProps({ Name: 'audit_gone' }),
      }),
    );
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: pid('audit_all'),
      Data: {
        TrailArn: `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/audit_gone`,
        HomeRegion: REGION,
        Name: 'audit_gone',
      },
    });
    expect(sim.calls.map((c) => [c.action, c.params.NameList])).toEqual([['DescribeTrails', 'audit_gone']]);
    expect(logged(handlerLogs(), 'trail named in the request does not exist; nothing to delete')).toEqual([
      { level: 'info', msg: 'trail named in the request does not exist; nothing to delete', name: 'audit_gone' },
    ]);
    expect(sim.calls[0].params).toEqual({ NameList: 'audit_gone', IncludeOrganizationTrail: 'true' });
    expect(logged(handlerLogs(), 'account ID unknown; TrailArn not returned')).toEqual([]);
  });

  test('without an account ID anywhere, Data has no TrailArn and a warning says why', async () => {
    sim.seedTrail({ Name: 'audit_all', MaxComputeProjectArn: MC_PROJECT_ARN });
    const answer = await invoke(
      rosEvent(receiver, 'Delete', {
        PhysicalResourceId: pid('audit_all'),
        ResourceProperties: trailProps(),
        ResourceOwnerId: undefined,
      }),
      fcContext({ accountId: '' }),
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { HomeRegion: REGION, Name: 'audit_all' } });
    expect(answer.Data).not.toHaveProperty('TrailArn');
    expect(sim.trails()).toEqual([]);
    expect(logged(handlerLogs(), 'account ID unknown; TrailArn not returned')).toEqual([
      { level: 'warn', msg: 'account ID unknown; TrailArn not returned', name: 'audit_all' },
    ]);
  });

  test('DeleteTrail applied but its answer lost, and the retry refused: the trail is gone, so SUCCESS, and the log says why', async () => {
    const id = await created();
    sim.commitThenHangNext(1, 250, 'DeleteTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() })),
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`)).toEqual([
      'DeleteTrail:commit-hang',
      'DeleteTrail:NoPermission',
      'DescribeTrails:200',
      'DescribeTrails:200',
    ]);
    expect(sim.trails()).toEqual([]);
    const [line] = logged(
      handlerLogs(),
      'DeleteTrail failed after an attempt with no clear answer, but the trail is gone',
    );
    expect(line).toMatchObject({ level: 'info', name: 'audit_all' });
    expect(line.error).toMatch(
      new RegExp(`^DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400, after 2 attempts\\)$`),
    );
  });

  test('DeleteTrail applied but its answer lost, the retry refused, and the trail cannot be read: FAILED with the DeleteTrail error', async () => {
    const id = await created();
    sim.commitThenHangNext(1, 250, 'DeleteTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'cannot list',
      times: 1,
      action: 'DescribeTrails',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: id, ResourceProperties: trailProps() })),
    );
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      new RegExp(`^DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400, after 2 attempts\\)$`),
    );
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`)).toEqual([
      'DeleteTrail:commit-hang',
      'DeleteTrail:NoPermission',
      'DescribeTrails:NoPermission',
    ]);
  });
});

describe('Update of a trail that cannot be read', () => {
  test('not visible at the first read: CreateTrail says the name is taken, the trail is read again and converged', async () => {
    const id = await created();
    sim.invisibleNext(1, 'DescribeTrails');
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_all' } });
    expect(writesOf(sim)).toEqual(['CreateTrail:TrailAlreadyExistsException', 'UpdateTrail']);
    expect(sim.trail('audit_all')).toMatchObject({ EventRW: 'Write', Status: 'Enable' });
  });

  test("CreateTrail says the name is taken and the trail still cannot be read: FAILED as not this resource's, nothing written", async () => {
    const id = await created();
    const before = JSON.stringify(sim.trail('audit_all'));
    // Not visible to the first read, to the check whether a twin made it, nor to the read after that.
    sim.invisibleNext(3, 'DescribeTrails');
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(answer.Reason).toBe(
      'a trail named audit_all already exists in this account and was not created by this resource: it is left untouched. Choose another trailName, or delete the existing trail first if it is not needed.',
    );
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`)).toEqual([
      'DescribeTrails:invisible',
      'CreateTrail:TrailAlreadyExistsException',
      'DescribeTrails:invisible',
      'DescribeTrails:invisible',
    ]);
    expect(JSON.stringify(sim.trail('audit_all'))).toBe(before);
  });

  test('re-creating a trail deleted outside ROS fails for another reason: FAILED with that error, without reading again', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }));
    expect(answer.Reason).toMatch(
      new RegExp(`^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)$`),
    );
    expect(sim.actions()).toEqual(['DescribeTrails', 'CreateTrail']);
    expect(sim.trails()).toEqual([]);
  });

  test('GetTrailStatus keeps answering TrailNotFoundException for a listed trail: FAILED saying its state cannot be read, nothing written', async () => {
    const id = await created();
    sim.invisibleNext(1000, 'GetTrailStatus');
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    sim.clearFaults();
    expect(answer.Reason).toBe(
      'DescribeTrails lists the trail audit_all, but GetTrailStatus keeps answering TrailNotFoundException; its state cannot be read, so nothing more was changed',
    );
    expect(writesOf(sim)).toEqual([]);
    // Retried within the consistency window, never read as "gone".
    expect(sim.calls.filter((c) => c.action === 'GetTrailStatus').length).toBeGreaterThan(1);
    expect(sim.trail('audit_all')).toMatchObject({ EventRW: 'All', Status: 'Enable' });
  });

  test('GetTrailStatus refused for another reason: FAILED with that error as it is', async () => {
    const id = await created();
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'GetTrailStatus',
    });
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    expect(answer.Reason).toMatch(new RegExp(`^GetTrailStatus failed: NoPermission: denied \\(${RID}, HTTP 400\\)$`));
    expect(writesOf(sim)).toEqual([]);
  });

  test('an Update with no physical ID at all is refused as forged, naming an empty ID, before any call', async () => {
    const { ctx } = rig(sim);
    const e = await rejection(updateTrail(ctx, 'AuditTrail', undefined, config(), trailProps()));
    expect(e).toBeInstanceOf(FailedOperation);
    expect(e.name).toBe('FailedOperation');
    expect(e.message).toBe(
      'the physical ID "" of AuditTrail names no trail this stack\'s provider issued, so nothing was changed',
    );
    expect(sim.calls).toEqual([]);
  });
});

describe('read-back after a change', () => {
  test('a created trail that never shows up: FAILED saying so, and deleted again', async () => {
    sim.invisibleNext(1000, 'DescribeTrails');
    const answer = await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    sim.clearFaults();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toBe(
      'the trail audit_all was created, but reading it back does not find it. The trail audit_all created by this request was deleted again.',
    );
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(sim.trails()).toEqual([]);
  });

  test("a change reverted behind the provider's back: FAILED naming every field still different, then the trail is restored", async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const original = sim.trail('audit_all')!;
    const { ctx, api } = rig(sim);
    api.after('StopLogging', () => sim.seedTrail(original));
    const e = await rejection(
      updateTrail(ctx, 'AuditTrail', pid('audit_all'), config({ EventRW: 'Write', Logging: 'false' }), trailProps()),
    );
    expect(e.message).toBe(
      'the trail audit_all was changed, but reading it back still shows differences in EventRW, Logging. The trail audit_all was restored to its previous settings and logging state.',
    );
    expect(writesOf(sim)).toEqual(['UpdateTrail', 'StopLogging']);
    // Re-created: a new CreateTime, everything else as it was.
    expect({ ...sim.trail('audit_all'), CreateTime: undefined }).toEqual({ ...original, CreateTime: undefined });
  });

  test('a created multi-account trail that reads back as single-account: FAILED naming IsOrganizationTrail, and deleted again', async () => {
    const { ctx, api } = rig(sim);
    api.after('StartLogging', () => sim.seedTrail({ ...sim.trail('audit_org')!, IsOrganizationTrail: false }));
    const e = await rejection(
      createTrail(ctx, 'AuditTrail', config({ Name: 'audit_org', IsOrganizationTrail: 'true' })),
    );
    expect(e.message).toBe(
      'the trail audit_org was changed, but reading it back still shows differences in IsOrganizationTrail. The trail audit_org created by this request was deleted again.',
    );
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(sim.trails()).toEqual([]);
  });
});

describe('restore after a failed change', () => {
  test('the trail was deleted by hand during the change: it is re-created with its previous settings and logging', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const original = sim.trail('audit_all')!;
    const { ctx, api } = rig(sim);
    api.before('UpdateTrail', () => dropTrail(sim, 'audit_all'));
    const e = await rejection(
      updateTrail(ctx, 'AuditTrail', pid('audit_all'), config({ EventRW: 'Write' }), trailProps()),
    );
    expect(e.message).toMatch(
      new RegExp(
        `^UpdateTrail failed: TrailNotFoundException: The specified trail does not exist\\. \\(${RID}, HTTP 404\\)\\. The trail audit_all had disappeared and was re-created with its previous settings\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['UpdateTrail:TrailNotFoundException', 'CreateTrail', 'StartLogging']);
    expect(sim.calls.find((c) => c.action === 'CreateTrail')!.params).toEqual({
      Name: 'audit_all',
      IsOrganizationTrail: 'false',
      EventRW: 'All',
      TrailRegion: 'All',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    // Re-created: a new CreateTime, everything else as it was.
    expect({ ...sim.trail('audit_all'), CreateTime: undefined }).toEqual({ ...original, CreateTime: undefined });
  });

  test('restoring fails too: the Reason says so and what to check, and the log names the trail and the error', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const { ctx, api, logs } = rig(sim);
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'UpdateTrail',
    });
    api.before('UpdateTrail', () =>
      sim.inject({
        kind: 'error',
        status: 400,
        code: 'NoPermission',
        message: 'cannot list',
        times: 1,
        action: 'DescribeTrails',
      }),
    );
    const e = await rejection(
      updateTrail(ctx, 'AuditTrail', pid('audit_all'), config({ EventRW: 'Write' }), trailProps()),
    );
    const readError = `DescribeTrails failed: NoPermission: cannot list \\(${RID}, HTTP 400\\)`;
    expect(e.message).toMatch(
      new RegExp(
        `^UpdateTrail failed: InvalidParameter: no \\(${RID}, HTTP 400\\)\\. Restoring the trail audit_all to its previous settings failed too \\(${readError}\\): ` +
          'check its settings and logging state in the ActionTrail console, or retry the update\\.$',
      ),
    );
    const lines = logged(logs, 'could not restore the trail');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', name: 'audit_all' });
    expect(lines[0].error).toMatch(new RegExp(`^${readError}$`));
    expect(writesOf(sim)).toEqual(['UpdateTrail:InvalidParameter']);
  });
});

describe('rename', () => {
  test('the trail to rename is not listed: the new trail is created and started, DeleteTrail is still sent for the old name', async () => {
    const answer = await update(trailProps(), trailProps({ Name: 'audit_new' }));
    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: pid('audit_all'),
      Data: { Name: 'audit_new' },
    });
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail:TrailNotFoundException']);
    expect(sim.calls.find((c) => c.action === 'DeleteTrail')!.params).toEqual({ Name: 'audit_all' });
    expect(trailsLeft()).toEqual([['audit_new', 'Enable', undefined]]);
    expect(
      logged(
        handlerLogs(),
        'the trail to rename is not listed; creating the new one, then deleting the old name if it shows up',
      ),
    ).toEqual([
      {
        level: 'warn',
        msg: 'the trail to rename is not listed; creating the new one, then deleting the old name if it shows up',
        oldName: 'audit_all',
        name: 'audit_new',
      },
    ]);
  });

  test('the trail to rename is not listed and DeleteTrail for its name is refused: the new trail is deleted again', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
      name: 'audit_all',
    });
    const answer = await update(trailProps(), trailProps({ Name: 'audit_new' }));
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      new RegExp(
        `^DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400\\)\\. The trail audit_new created by this request was deleted again\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail:NoPermission', 'DeleteTrail']);
    expect(sim.trails()).toEqual([]);
  });

  test('the new trail cannot be created: FAILED, the old trail left unchanged and nothing deleted', async () => {
    const id = await created();
    const before = JSON.stringify(sim.trail('audit_all'));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. The trail audit_all was left unchanged\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['CreateTrail:InvalidDeliveryConfigurationException']);
    expect(JSON.stringify(sim.trail('audit_all'))).toBe(before);
    expect(sim.trails()).toHaveLength(1);
  });

  test('CreateTrail answers RepeatOssBucket: the rename falls back to deleting the old trail first', async () => {
    const id = await created(trailProps({ OssBucketName: 'old-bucket' }));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'RepeatOssBucket',
      message: 'The OSS bucket is already used by another trail.',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await update(
      trailProps({ OssBucketName: 'old-bucket' }),
      trailProps({ Name: 'audit_new', OssBucketName: 'new-bucket' }),
      id,
    );
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Name: 'audit_new' } });
    expect(writesOf(sim)).toEqual(['CreateTrail:RepeatOssBucket', 'DeleteTrail', 'CreateTrail', 'StartLogging']);
    expect(trailsLeft()).toEqual([['audit_new', 'Enable', 'new-bucket']]);
    expect(
      logged(
        handlerLogs(),
        "the new trail uses the old trail's OSS bucket: deleting the old trail first (short gap in auditing)",
      ),
    ).toEqual([
      {
        level: 'info',
        msg: "the new trail uses the old trail's OSS bucket: deleting the old trail first (short gap in auditing)",
        oldName: 'audit_all',
        name: 'audit_new',
      },
    ]);
  });

  test("a multi-account trail renamed to another one: the account's one multi-account trail cannot be replaced, and the Reason says why", async () => {
    const id = await created(trailProps({ IsOrganizationTrail: 'true' }));
    const answer = await update(
      trailProps({ IsOrganizationTrail: 'true' }),
      trailProps({ Name: 'audit_org2', IsOrganizationTrail: 'true' }),
      id,
    );
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: MaximumNumberOfOrganizationTrailExceeded: The maximum number of multi-account trails has been reached\\. \\(${RID}, HTTP 400\\)\\. ` +
          'The trail audit_all was left unchanged\\. An account can have only one multi-account trail, so audit_all cannot be replaced by another one without deleting it first \\(a gap in auditing\\)\\.$',
      ),
    );
    expect(writesOf(sim)).toEqual(['CreateTrail:MaximumNumberOfOrganizationTrailExceeded']);
    expect(sim.trails().map((t) => [t.Name, t.IsOrganizationTrail, t.Status])).toEqual([['audit_all', true, 'Enable']]);
  });

  test("a single-account trail renamed to a multi-account one while another stack's multi-account trail exists: left unchanged, no note about replacing", async () => {
    sim.seedTrail({
      Name: 'security_org',
      IsOrganizationTrail: true,
      Status: 'Enable',
      SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
    });
    const id = await created();
    const answer = await update(trailProps(), trailProps({ Name: 'audit_org', IsOrganizationTrail: 'true' }), id);
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: MaximumNumberOfOrganizationTrailExceeded: The maximum number of multi-account trails has been reached\\. \\(${RID}, HTTP 400\\)\\. The trail audit_all was left unchanged\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['CreateTrail:MaximumNumberOfOrganizationTrailExceeded']);
    expect(
      sim
        .trails()
        .map((t) => t.Name)
        .sort(),
    ).toEqual(['audit_all', 'security_org']);
  });

  test('a multi-account trail renamed to another one, and CreateTrail refused for another reason: no note about replacing', async () => {
    const id = await created(trailProps({ IsOrganizationTrail: 'true' }));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await update(
      trailProps({ IsOrganizationTrail: 'true' }),
      trailProps({ Name: 'audit_org2', IsOrganizationTrail: 'true' }),
      id,
    );
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. The trail audit_all was left unchanged\\.$`,
      ),
    );
  });
});

describe('rename onto the same OSS bucket (delete first), and its undo', () => {
  const shared = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
    trailProps({ OssBucketName: 'shared-bucket', ...overrides });

  test('the old trail cannot be deleted: FAILED, the old trail is still there, unchanged', async () => {
    const id = await created(shared());
    const before = JSON.stringify(sim.trail('audit_all'));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    const answer = await update(shared(), shared({ Name: 'audit_new' }), id);
    expect(answer.Reason).toMatch(
      new RegExp(
        `^DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400\\)\\. The trail audit_all is still there, unchanged\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['DeleteTrail:NoPermission']);
    expect(JSON.stringify(sim.trail('audit_all'))).toBe(before);
  });

  test('the old trail cannot be deleted and was stopped by hand meanwhile: it is restored to its settings and logging', async () => {
    sim.seedTrail({
      Name: 'audit_all',
      Status: 'Enable',
      EventRW: 'All',
      OssBucketName: 'shared-bucket',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    const original = sim.trail('audit_all')!;
    const { ctx, api } = rig(sim);
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    api.before('DeleteTrail', () => sim.seedTrail({ ...original, Status: 'Disable' }));
    const e = await rejection(
      updateTrail(
        ctx,
        'AuditTrail',
        pid('audit_all'),
        config({ Name: 'audit_new', OssBucketName: 'shared-bucket' }),
        shared(),
      ),
    );
    expect(e.message).toMatch(
      new RegExp(
        `^DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400\\)\\. The trail audit_all was restored to its previous settings and logging state\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['DeleteTrail:NoPermission', 'StartLogging']);
    // Re-created: a new CreateTime, everything else as it was.
    expect({ ...sim.trail('audit_all'), CreateTime: undefined }).toEqual({ ...original, CreateTime: undefined });
  });

  test('the new trail cannot be created and the old one was not logging: it is re-created, not started', async () => {
    const id = await created(shared({ Logging: 'false' }));
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    const answer = await update(shared({ Logging: 'false' }), shared({ Name: 'audit_new', Logging: 'false' }), id);
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. The trail audit_all was re-created with its previous settings\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual(['DeleteTrail', 'CreateTrail:InvalidDeliveryConfigurationException', 'CreateTrail']);
    expect(trailsLeft()).toEqual([['audit_all', 'Fresh', 'shared-bucket']]);
  });

  test('re-creating the old trail fails too: the Reason says it may be missing and what to do, the log names it', async () => {
    const id = await created(shared());
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    // The first attempt gets a 500 (it may have been applied), the retry is refused.
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      update(shared(), shared({ Name: 'audit_new' }), id),
    );
    const restoreError = `CreateTrail failed: NoPermission: denied \\(${RID}, HTTP 400, after 2 attempts\\)`;
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. ` +
          `Restoring the trail audit_all failed \\(${restoreError}\\): it may be missing or stopped; re-create or start it, or retry the update\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual([
      'DeleteTrail',
      'CreateTrail:InvalidDeliveryConfigurationException',
      'CreateTrail:InternalError',
      'CreateTrail:NoPermission',
    ]);
    expect(sim.trails()).toEqual([]);
    const lines = logged(handlerLogs(), 'could not restore the old trail');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', name: 'audit_all' });
    expect(lines[0].error).toMatch(new RegExp(`^${restoreError}$`));
  });

  test('re-creating the old trail: its first attempt applied but unanswered, the retry finds it: continued, started and confirmed', async () => {
    const id = await created(shared());
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    sim.commitThenHangNext(1, 250, 'CreateTrail');
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      update(shared(), shared({ Name: 'audit_new' }), id),
    );
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. The trail audit_all was re-created with its previous settings and is logging again\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual([
      'DeleteTrail',
      'CreateTrail:InvalidDeliveryConfigurationException',
      'CreateTrail:commit-hang',
      'CreateTrail:TrailAlreadyExistsException',
      'StartLogging',
    ]);
    expect(trailsLeft()).toEqual([['audit_all', 'Enable', 'shared-bucket']]);
  });

  test('re-creating the old trail: its name was taken meanwhile by a trail this request did not make: restore fails, that trail is not started', async () => {
    const id = await created(shared());
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'TrailAlreadyExistsException',
      message: 'The trail already exists.',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_all',
    });
    const answer = await update(shared(), shared({ Name: 'audit_new' }), id);
    expect(answer.Reason).toMatch(
      new RegExp(
        `\\. Restoring the trail audit_all failed \\(CreateTrail failed: TrailAlreadyExistsException: The trail already exists\\. \\(${RID}, HTTP 400\\)\\): it may be missing or stopped; re-create or start it, or retry the update\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual([
      'DeleteTrail',
      'CreateTrail:InvalidDeliveryConfigurationException',
      'CreateTrail:TrailAlreadyExistsException',
    ]);
  });
});

describe('undo of a CreateTrail with no clear outcome', () => {
  test('CreateTrail got a 500, then was refused, and the trail cannot be deleted: the Reason names the leftover and how to remove it', async () => {
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'CreateTrail',
    });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'NoPermission',
      message: 'denied',
      times: 1,
      action: 'DeleteTrail',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    const deleteError = `DeleteTrail failed: NoPermission: denied \\(${RID}, HTTP 400\\)`;
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidParameter: no \\(${RID}, HTTP 400, after 2 attempts\\)\\. ` +
          `The trail audit_all created by this request could not be deleted again \\(${deleteError}\\); ${HINT('audit_all').replace(/[()`]/g, '\\$&')}\\.$`,
      ),
    );
    expect(writesOf(sim)).toEqual([
      'CreateTrail:InternalError',
      'CreateTrail:InvalidParameter',
      'DeleteTrail:NoPermission',
    ]);
    const lines = logged(handlerLogs(), 'could not delete the trail created by this request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', name: 'audit_all' });
    expect(lines[0].error).toMatch(new RegExp(`^${deleteError}$`));
  });
});

describe('refusals: the whole Reason', () => {
  const seedForeign = (): string => {
    sim.seedTrail({
      Name: 'security_org',
      Status: 'Enable',
      EventRW: 'All',
      SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
    });
    return JSON.stringify(sim.trail('security_org'));
  };
  const NOT_OURS =
    'a trail named security_org already exists in this account and was not created by this resource: it is left untouched. Choose another trailName, or delete the existing trail first if it is not needed.';

  test("a rename onto a foreign trail's name: its refusal, then that the old trail was left unchanged", async () => {
    const id = await created();
    const foreign = seedForeign();
    const answer = await update(trailProps(), trailProps({ Name: 'security_org' }), id);
    expect(answer.Reason).toBe(`${NOT_OURS} The trail audit_all was left unchanged.`);
    expect(writesOf(sim)).toEqual([]);
    expect(JSON.stringify(sim.trail('security_org'))).toBe(foreign);
  });

  test("an Update declaring a foreign trail's name while the bound trail exists: not changed, and the Reason says why", async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const foreign = seedForeign();
    const { ctx } = rig(sim);
    const e = await rejection(
      updateTrail(
        ctx,
        'AuditTrail',
        pid('audit_all'),
        config({ Name: 'security_org', EventRW: 'Write' }),
        trailProps({ Name: 'security_org' }),
      ),
    );
    expect(e.message).toBe(
      'this resource cannot prove that the trail security_org is its own: it was created as audit_all, which still exists, so no rename to security_org has happened. The trail security_org was not changed.',
    );
    expect(writesOf(sim)).toEqual([]);
    expect(JSON.stringify(sim.trail('security_org'))).toBe(foreign);
  });

  test('a second rename (the current name is neither bound nor declared, and exists): the Reason explains the one-rename rule', async () => {
    sim.seedTrail({ Name: 'audit_new', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const { ctx } = rig(sim);
    const e = await rejection(
      updateTrail(
        ctx,
        'AuditTrail',
        pid('audit_all'),
        config({ Name: 'audit_third' }),
        trailProps({ Name: 'audit_new' }),
      ),
    );
    expect(e.message).toBe(
      'this resource cannot prove that the trail audit_new is its own: only the name it was created with (audit_all) is in its physical ID, and the template now declares audit_third. ' +
        'A trail can be renamed in place once; nothing was changed. To rename it again, give the Trail construct a new id (a new resource), ' +
        'or delete the trail by hand first. See the README, "Ownership and its residual risk".',
    );
    expect(writesOf(sim)).toEqual([]);
  });

  test('a Delete naming a renamed trail the template no longer declares: not deleted, and the Reason says how to remove it by hand', async () => {
    const foreign = seedForeign();
    const { ctx, own } = rig(sim);
    const e = await rejection(
      deleteTrail(ctx, own, 'AuditTrail', pid('audit_all'), trailProps({ Name: 'security_org' })),
    );
    expect(e.message).toBe(
      'this resource cannot prove that the trail security_org is its own (it was renamed from audit_all, and the template no longer declares it), so it was not deleted. ' +
        `If it is this stack's trail, ${HINT('security_org')}, then retry.`,
    );
    expect(writesOf(sim)).toEqual([]);
    expect(JSON.stringify(sim.trail('security_org'))).toBe(foreign);
  });

  test('IsOrganizationTrail changed under the same name: the Reason says how to change it instead', async () => {
    const id = await created();
    const answer = await update(trailProps(), trailProps({ IsOrganizationTrail: 'true' }), id);
    expect(answer.Reason).toBe(
      'IsOrganizationTrail cannot change on the existing trail audit_all: ActionTrail fixes it when a trail is created. Change the trail name in the same update: ' +
        'the new trail is then created and started before the old one is deleted. Nothing was changed.',
    );
  });

  test('a forged physical ID is quoted in the Reason cut to 80 characters', async () => {
    const forged = `${'x'.repeat(90)}.${'0'.repeat(32)}`;
    const answer = await invoke(
      rosEvent(receiver, 'Delete', { PhysicalResourceId: forged, ResourceProperties: trailProps() }),
    );
    expect(answer.Reason).toBe(
      `the physical ID "${'x'.repeat(80)}" of AuditTrail names no trail this stack's provider issued, so nothing was changed`,
    );
    expect(sim.calls).toEqual([]);
  });
});

describe("ROS's rollback to the bound name", () => {
  test('the previous name is foreign: the bound trail is converged, the foreign one left alone, and the log says so', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Disable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    sim.seedTrail({
      Name: 'security_org',
      Status: 'Enable',
      EventRW: 'Write',
      SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
    });
    const foreign = JSON.stringify(sim.trail('security_org'));
    const { ctx, logs } = rig(sim);
    const result = await updateTrail(
      ctx,
      'AuditTrail',
      pid('audit_all'),
      config(),
      trailProps({ Name: 'security_org' }),
    );
    expect(result).toEqual({
      physicalResourceId: pid('audit_all'),
      data: {
        TrailArn: `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/audit_all`,
        HomeRegion: REGION,
        Name: 'audit_all',
      },
    });
    expect(
      sim.calls
        .filter((c) => c.action !== 'DescribeTrails' && c.action !== 'GetTrailStatus')
        .map((c) => `${c.action}:${c.params.Name}`),
    ).toEqual(['StartLogging:audit_all']);
    expect(JSON.stringify(sim.trail('security_org'))).toBe(foreign);
    expect(
      logged(logs, "the previous name is not this resource's; it is left untouched and the bound trail is converged"),
    ).toEqual([
      {
        level: 'warn',
        msg: "the previous name is not this resource's; it is left untouched and the bound trail is converged",
        oldName: 'security_org',
        name: 'audit_all',
      },
    ]);
  });

  test('neither the previous name nor the bound trail exists: the bound trail is created again, and the log says why', async () => {
    const { ctx, logs } = rig(sim);
    const result = await updateTrail(ctx, 'AuditTrail', pid('audit_all'), config(), trailProps({ Name: 'audit_gone' }));
    expect(result.data.Name).toBe('audit_all');
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging']);
    expect(sim.trails().map((t) => [t.Name, t.Status])).toEqual([['audit_all', 'Enable']]);
    expect(logs.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        msg: "the previous name is not this resource's and does not exist; converging the declared trail",
        oldName: 'audit_gone',
        name: 'audit_all',
      },
      { level: 'warn', msg: 'the trail does not exist (deleted outside ROS?); creating it again', name: 'audit_all' },
    ]);
  });
});

describe('what the log says on the way', () => {
  test('nothing differs: the trail is only read, and the log says it already matches', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const { ctx, logs } = rig(sim);
    await updateTrail(ctx, 'AuditTrail', pid('audit_all'), config(), trailProps());
    expect(sim.actions()).toEqual(['DescribeTrails', 'GetTrailStatus']);
    expect(logs.filter((l) => !l.msg.startsWith('API call'))).toEqual([
      { level: 'info', msg: 'trail already matches the desired configuration', name: 'audit_all' },
    ]);
  });

  test('a change: the log names the trail and the fields that differ', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Disable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const { ctx, logs } = rig(sim);
    await updateTrail(ctx, 'AuditTrail', pid('audit_all'), config({ EventRW: 'Write' }), trailProps());
    expect(logs.filter((l) => !l.msg.startsWith('API call'))).toEqual([
      { level: 'info', msg: 'converging trail', name: 'audit_all', changed: ['EventRW', 'Logging'] },
    ]);
  });

  test('a rename: the log names the old and the new trail', async () => {
    const id = await created();
    await update(trailProps(), trailProps({ Name: 'audit_new' }), id);
    expect(logged(handlerLogs(), 'renaming trail')).toEqual([
      { level: 'info', msg: 'renaming trail', oldName: 'audit_all', name: 'audit_new' },
    ]);
  });

  test('an unanswered CreateTrail that made the trail: continued, and the log says so', async () => {
    sim.commitThenHangNext(1, 250, 'CreateTrail');
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(answer.Status).toBe('SUCCESS');
    expect(logged(handlerLogs(), 'an earlier attempt of this CreateTrail made the trail; continuing with it')).toEqual([
      {
        level: 'info',
        msg: 'an earlier attempt of this CreateTrail made the trail; continuing with it',
        name: 'audit_all',
      },
    ]);
    // With an account ID, no warning about the ARN.
    expect(logged(handlerLogs(), 'account ID unknown; TrailArn not returned')).toEqual([]);
  });
});

describe('undo after a CreateTrail with no clear outcome (more)', () => {
  const LATE = `An attempt of CreateTrail got no clear answer; if a trail named audit_all appears later, it was made by that attempt: ${HINT('audit_all')}.`;

  test('CreateTrail answered after a 500, then StartLogging refused: the trail is deleted again, and the Reason warns of a late attempt', async () => {
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'StartLogging',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(answer.Reason).toMatch(
      new RegExp(
        `^StartLogging failed: InvalidParameter: no \\(${RID}, HTTP 400\\)\\. The trail audit_all created by this request was deleted again\\. `,
      ),
    );
    expect(answer.Reason.endsWith(` ${LATE}`)).toBe(true);
    expect(writesOf(sim)).toEqual([
      'CreateTrail:InternalError',
      'CreateTrail',
      'StartLogging:InvalidParameter',
      'DeleteTrail',
    ]);
    expect(sim.trails()).toEqual([]);
  });

  test('CreateTrail got a 500, then was refused, and nothing is there: the Reason says so and warns of a late attempt', async () => {
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '100' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidParameter: no \\(${RID}, HTTP 400, after 2 attempts\\)\\. No trail audit_all was left behind\\. `,
      ),
    );
    expect(answer.Reason.endsWith(` ${LATE}`)).toBe(true);
    expect(writesOf(sim)).toEqual([
      'CreateTrail:InternalError',
      'CreateTrail:InvalidParameter',
      'DeleteTrail:TrailNotFoundException',
    ]);
  });

  test('a timed-out CreateTrail that lands late: the undo waits for it before looking, finds the trail and deletes it', async () => {
    // The first attempt is applied only after 300 ms; the client gives up after 200 ms and its retry is refused.
    sim.delayNext(1, 300, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'CreateTrail',
    });
    const answer = await withEnv({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '200' }, () =>
      invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() })),
    );
    await sim.idle();
    expect(answer.Reason).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidParameter: no \\(${RID}, HTTP 400, after 2 attempts\\)\\. The trail audit_all created by this request was deleted again\\. `,
      ),
    );
    const calls = sim.calls.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`);
    // The late attempt and the refused retry may be recorded in either order; the undo comes after both.
    expect([...calls.slice(1, 3)].sort()).toEqual(['CreateTrail:InvalidParameter', 'CreateTrail:delay']);
    expect(calls.filter((_c, i) => i !== 1 && i !== 2)).toEqual([
      'DescribeTrails:200',
      'DeleteTrail:200',
      'DescribeTrails:200',
    ]);
    expect(sim.trails()).toEqual([]);
    const waits = logged(handlerLogs(), 'waiting for an attempt with no clear answer to land before undoing');
    expect(waits).toHaveLength(1);
    expect(waits[0].level).toBe('info');
    // Until one request timeout after the attempt gave up, not longer.
    expect(waits[0].ms).toBeGreaterThan(100);
    expect(waits[0].ms).toBeLessThanOrEqual(200);
  });

  test('the wait for a late attempt takes at most half of the time left for undoing', async () => {
    const { ctx, logs } = rig(sim, { cleanupBudgetMs: 1000, lateArrivalMs: 10_000 });
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'CreateTrail',
    });
    await rejection(createTrail(ctx, 'AuditTrail', config()));
    const waits = logged(logs, 'waiting for an attempt with no clear answer to land before undoing');
    expect(waits).toHaveLength(1);
    expect(waits[0].ms).toBeGreaterThan(300);
    expect(waits[0].ms).toBeLessThanOrEqual(500);
  });

  test('an attempt with no clear answer that gave up longer than the late-arrival time ago: no wait before the undo', async () => {
    const { ctx, logs } = rig(sim, { lateArrivalMs: 1 });
    sim.serverErrorNext(1, 'CreateTrail');
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'CreateTrail',
    });
    const e = await rejection(createTrail(ctx, 'AuditTrail', config()));
    expect(e.message).toContain('No trail audit_all was left behind.');
    expect(writesOf(sim)).toEqual([
      'CreateTrail:InternalError',
      'CreateTrail:InvalidParameter',
      'DeleteTrail:TrailNotFoundException',
    ]);
    expect(logged(logs, 'waiting for an attempt with no clear answer to land before undoing')).toEqual([]);
  });

  test('a clear failure: no wait before the undo', async () => {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1,
      action: 'StartLogging',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(logged(handlerLogs(), 'waiting for an attempt with no clear answer to land before undoing')).toEqual([]);
  });
});

describe('undo calls after the normal deadline use the cleanup reserve', () => {
  test('re-creating the old trail of a delete-first rename: every undo call is retried after the normal deadline', async () => {
    sim.seedTrail({
      Name: 'audit_all',
      Status: 'Enable',
      EventRW: 'All',
      OssBucketName: 'shared-bucket',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    const original = sim.trail('audit_all')!;
    // The normal deadline has passed: a normal call gets its first attempt only.
    const { ctx, api } = rig(sim, { apiBudgetMs: 0, cleanupBudgetMs: 3000 });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidDeliveryConfigurationException',
      message: 'bad',
      times: 1,
      action: 'CreateTrail',
      name: 'audit_new',
    });
    const throttle = (action: 'DescribeTrails' | 'GetTrailStatus' | 'CreateTrail' | 'StartLogging') => () =>
      sim.throttleNext(1, action);
    api.before(
      'CreateTrail',
      () => {
        // From here on every call is an undo call: each one is throttled once.
        api.before('DescribeTrails', throttle('DescribeTrails'));
        api.before('CreateTrail', throttle('CreateTrail'));
        // StartLogging right after the re-create: not visible yet, then throttled.
        api.before('StartLogging', () => {
          sim.invisibleNext(1, 'StartLogging');
          sim.throttleNext(1, 'StartLogging');
        });
        api.before('DescribeTrails', throttle('DescribeTrails'));
        api.before('GetTrailStatus', throttle('GetTrailStatus'));
      },
      'audit_new',
    );
    const e = await rejection(
      updateTrail(
        ctx,
        'AuditTrail',
        pid('audit_all'),
        config({ Name: 'audit_new', OssBucketName: 'shared-bucket' }),
        trailProps({ OssBucketName: 'shared-bucket' }),
      ),
    );
    expect(e.message).toMatch(
      new RegExp(
        `^CreateTrail failed: InvalidDeliveryConfigurationException: bad \\(${RID}, HTTP 400\\)\\. The trail audit_all was re-created with its previous settings and is logging again\\.$`,
      ),
    );
    const undo = sim.calls.slice(sim.calls.findIndex((c) => c.code === 'InvalidDeliveryConfigurationException') + 1);
    expect(undo.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`)).toEqual([
      'DescribeTrails:Throttling.User',
      'DescribeTrails:200',
      'CreateTrail:Throttling.User',
      'CreateTrail:200',
      'StartLogging:TrailNotFoundException',
      'StartLogging:Throttling.User',
      'StartLogging:200',
      'DescribeTrails:Throttling.User',
      'DescribeTrails:200',
      'GetTrailStatus:Throttling.User',
      'GetTrailStatus:200',
    ]);
    // Re-created: a new CreateTime, everything else as it was.
    expect({ ...sim.trail('audit_all'), CreateTime: undefined }).toEqual({ ...original, CreateTime: undefined });
  });

  test('a DeleteTrail with no clear answer after the normal deadline: the check that the trail is gone is retried, and the Delete succeeds', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const { ctx, own, api, logs } = rig(sim, { apiBudgetMs: 0, cleanupBudgetMs: 3000, requestTimeoutMs: 100 });
    sim.commitThenHangNext(1, 250, 'DeleteTrail');
    // The DeleteTrail times out (no retry: the normal deadline has passed); the check that follows is throttled once.
    api.before('DescribeTrails', () => sim.throttleNext(1, 'DescribeTrails'));
    const result = await deleteTrail(ctx, own, 'AuditTrail', pid('audit_all'), trailProps());
    expect(result.data.Name).toBe('audit_all');
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.fault ?? c.status}`)).toEqual([
      'DeleteTrail:commit-hang',
      'DescribeTrails:Throttling.User',
      'DescribeTrails:200',
      'DescribeTrails:200',
    ]);
    expect(sim.calls[1].params).toEqual({ NameList: 'audit_all', IncludeOrganizationTrail: 'true' });
    expect(sim.trails()).toEqual([]);
    expect(
      logged(logs, 'DeleteTrail failed after an attempt with no clear answer, but the trail is gone'),
    ).toHaveLength(1);
  });
});

describe('GetTrailStatus right after a trail is listed', () => {
  test('TrailNotFoundException once: retried within the consistency window, and the Update succeeds', async () => {
    const id = await created();
    sim.invisibleNext(1, 'GetTrailStatus');
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), id);
    expect(answer.Status).toBe('SUCCESS');
    expect(sim.calls.slice(0, 3).map((c) => `${c.action}:${c.code ?? c.status}`)).toEqual([
      'DescribeTrails:200',
      'GetTrailStatus:TrailNotFoundException',
      'GetTrailStatus:200',
    ]);
    expect(sim.calls[0].params).toEqual({ NameList: 'audit_all', IncludeOrganizationTrail: 'true' });
    expect(sim.calls[1].params).toEqual({ Name: 'audit_all', IsOrganizationTrail: 'false' });
    expect(sim.trail('audit_all')?.EventRW).toBe('Write');
  });
});

describe('write roles', () => {
  test('a custom write role whose name begins like the service-linked role is a setting like any other', async () => {
    const role = `acs:ram::${ACCOUNT_ID}:role/aliyunserviceroleforactiontrail-delivery`;
    const answer = await invoke(
      rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ MaxComputeWriteRoleArn: role }) }),
    );
    expect(answer.Status).toBe('SUCCESS');
    expect(sim.trail('audit_all')?.MaxComputeWriteRoleArn).toBe(role);
    expect(writesOf(sim)).toEqual(['CreateTrail', 'StartLogging']);
  });
});

describe('restore after a failed change', () => {
  test("a setting the change applied is cleared even when the restore's read does not show it yet", async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const original = sim.trail('audit_all')!;
    const { ctx, api } = rig(sim);
    // UpdateTrail adds the OSS bucket; StopLogging then fails; the restore's first read is stale (no bucket yet).
    api.after('UpdateTrail', () => {
      const applied = sim.trail('audit_all')!;
      api.before('DescribeTrails', () => sim.seedTrail({ ...applied, OssBucketName: undefined }));
      api.after('DescribeTrails', () => sim.seedTrail(applied));
    });
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'refused',
      times: 1,
      action: 'StopLogging',
    });
    const e = await rejection(
      updateTrail(
        ctx,
        'AuditTrail',
        pid('audit_all'),
        config({ OssBucketName: 'audit-bucket-1', Logging: 'false' }),
        trailProps(),
      ),
    );
    expect(e.message).toMatch(
      /^StopLogging failed: InvalidParameter: refused .*\. The trail audit_all was restored to its previous settings and logging state\.$/,
    );
    // Re-created: a new CreateTime, everything else as it was.
    expect({ ...sim.trail('audit_all'), CreateTime: undefined }).toEqual({ ...original, CreateTime: undefined });
  });
});
