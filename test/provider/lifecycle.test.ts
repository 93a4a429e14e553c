/**
 * End-to-end scenarios of the provider handler against the ActionTrail
 * simulator and a ResponseURL receiver, over loopback HTTP. Each asserts the
 * exact API call sequence and the answer ROS receives.
 */
import { HandlerResult, handler } from '../../lib/provider/handler';
import { ACTIONTRAIL_ACTIONS } from '../../lib/provider/runtime/actions';
import { ACCOUNT_ID, MC_PROJECT_ARN, REGION, ROLE_ARN, SLS_PROJECT_ARN, captureConsole, fcContext, rosEvent, successAnswer, trailProps, useProviderEnvironment } from './harness';

const { sim, receiver } = useProviderEnvironment();
captureConsole();

let invocations = 0;
beforeEach(() => {
  invocations = 0;
});

afterEach(() => {
  // The provider never calls an operation its role was not granted.
  for (const action of sim.actions()) expect(ACTIONTRAIL_ACTIONS).toContain(`actiontrail:${action}`);
  // Every test ran the handler, so invoke()'s exactly-once check below ran too.
  expect(invocations).toBeGreaterThan(0);
});

/** Runs the handler and checks that ROS got exactly one answer from this invocation (every request here expects one). */
async function invoke(event: Buffer, context: unknown = fcContext()): Promise<HandlerResult | undefined> {
  invocations++;
  const before = receiver.answers.length;
  const result = await handler(event, context as never);
  expect(receiver.answers.length - before).toBe(1);
  return result;
}

/** Runs Create through the handler and clears the call log, leaving the trail in place. */
async function created(props: Record<string, unknown>): Promise<void> {
  await invoke(rosEvent(receiver, 'Create', { ResourceProperties: props }), fcContext());
  expect(receiver.last().Status).toBe('SUCCESS');
  sim.calls.length = 0;
  receiver.reset();
}

/** Runs an Update from `oldProps` to `newProps` and returns the answer. */
async function update(oldProps: Record<string, unknown>, newProps: Record<string, unknown>, physicalId = String(oldProps.Name)): Promise<Record<string, any>> {
  await invoke(rosEvent(receiver, 'Update', { PhysicalResourceId: physicalId, ResourceProperties: newProps, OldResourceProperties: oldProps }), fcContext());
  return receiver.last();
}

const ARN = (name: string): string => `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/${name}`;

describe('Create', () => {
  test('with logging: CreateTrail then StartLogging; answers SUCCESS with the name as ID and TrailArn/HomeRegion', async () => {
    const result = await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());

    expect(sim.actions()).toEqual(['CreateTrail', 'StartLogging']);
    expect(sim.calls[0].params).toEqual({
      Name: 'audit_all',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: 'false',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
    expect(sim.calls[1]).toMatchObject({ method: 'POST', params: { Name: 'audit_all' } });
    expect(sim.trail('audit_all')).toMatchObject({ Status: 'Enable', HomeRegion: REGION, MaxComputeProjectArn: MC_PROJECT_ARN });

    const answer = receiver.answers[0];
    expect(answer.method).toBe('POST');
    expect(answer.url).toMatch(/^\/ros\/response\/req\?/);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(new Date(String(answer.headers.date)).toUTCString()).toBe(answer.headers.date);
    expect(answer.body).toEqual(successAnswer('audit_all'));
    expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all', Answered: true });
  });

  test('without logging: CreateTrail only; the trail stays Fresh', async () => {
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Logging: false }) }), fcContext());
    expect(sim.actions()).toEqual(['CreateTrail']);
    expect(sim.trail('audit_all')?.Status).toBe('Fresh');
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('accepts real booleans and several destinations; unknown keys are not sent', async () => {
    const props = trailProps({
      IsOrganizationTrail: true,
      Logging: true,
      OssBucketName: 'audit-bucket',
      OssKeyPrefix: 'audit/trail',
      SlsProjectArn: SLS_PROJECT_ARN,
      SlsWriteRoleArn: ROLE_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
      SomethingElse: 'ignored',
    });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: props }), fcContext());
    expect(sim.calls[0].params).toEqual({
      Name: 'audit_all',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: 'true',
      OssBucketName: 'audit-bucket',
      OssKeyPrefix: 'audit/trail',
      SlsProjectArn: SLS_PROJECT_ARN,
      SlsWriteRoleArn: ROLE_ARN,
      MaxComputeProjectArn: MC_PROJECT_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
    });
    expect(sim.trail('audit_all')?.IsOrganizationTrail).toBe(true);
  });

  test('account ID falls back to ResourceOwnerId when the context has none', async () => {
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps(), ResourceOwnerId: '999' }), fcContext({ accountId: undefined }));
    expect(receiver.last().Data.TrailArn).toBe(`acs:actiontrail:${REGION}:999:trail/audit_all`);
  });

  // Replaces "a retried Create adopts the existing trail: UpdateTrail to the desired settings (clearing the old
  // destination) and StartLogging", which encoded the defect: a trail with other settings is not this resource's.
  test('an existing trail with other settings is not adopted: FAILED with the placeholder ID, nothing written to it, rollback Delete leaves it alone', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Disable', EventRW: 'Write', OssBucketName: 'old-bucket', OssKeyPrefix: 'old/prefix' });
    const before = sim.trail('audit_all');

    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));

    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails']);
    expect(sim.calls[0].code).toBe('TrailAlreadyExistsException');
    expect(sim.calls[1].params).toEqual({ NameList: 'audit_all', IncludeOrganizationTrail: 'true' });
    expect(sim.trail('audit_all')).toEqual(before);
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toContain(
      'a trail named audit_all already exists in this account and was not created by this resource; choose another trailName (or delete/import the existing trail)',
    );
    expect(answer.Reason).toContain('EventRW');

    sim.calls.length = 0;
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: answer.PhysicalResourceId, ResourceProperties: trailProps() }));
    expect(sim.actions()).toEqual([]);
    expect(sim.trail('audit_all')).toEqual(before);
  });

  test('an existing trail with the desired settings plus an extra destination is not adopted either', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN, OssBucketName: 'someone-else' });
    const before = sim.trail('audit_all');
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails']);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(receiver.last().Reason).toContain('OssBucketName');
    expect(sim.trail('audit_all')).toEqual(before);
  });

  test('an existing trail with exactly the desired settings (what an earlier CreateTrail leaves) is adopted: only StartLogging', async () => {
    // Fresh, and ActionTrail reports its service-linked role as MaxComputeWriteRoleArn: not drift.
    sim.seedTrail({ Name: 'audit_all', Status: 'Fresh', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails', 'StartLogging']);
    expect(sim.trail('audit_all')).toMatchObject({ Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all', Data: { TrailArn: ARN('audit_all'), HomeRegion: REGION } });
  });

  test('an adopted trail that should not log is stopped (StopLogging only, never UpdateTrail)', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ Logging: 'false' }) }));
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails', 'StopLogging']);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('an HTTP 500 on the first CreateTrail does not make a foreign trail ours: FAILED, placeholder ID, trail untouched', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'Write', OssBucketName: 'old-bucket' });
    const before = sim.trail('audit_all');
    sim.serverErrorNext(1, 'CreateTrail');
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }));
    expect(sim.calls.map((c) => `${c.action}:${c.code ?? c.status}`)).toEqual(['CreateTrail:InternalError', 'CreateTrail:TrailAlreadyExistsException', 'DescribeTrails:200']);
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(receiver.last().Reason).toContain('was not created by this resource');
    expect(sim.trail('audit_all')).toEqual(before);
  });

  test('a retried Create whose first attempt finished only reads the trail (no UpdateTrail, no StartLogging)', async () => {
    await created(trailProps());
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails']);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('an existing trail with another IsOrganizationTrail is not adopted: FAILED, and the placeholder ID keeps a rollback Delete harmless', async () => {
    sim.seedTrail({ Name: 'audit_all', IsOrganizationTrail: true, OssBucketName: 'b-1' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails']);
    const answer = receiver.last();
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('IsOrganizationTrail=true');
    expect(answer.PhysicalResourceId).toBe('create-failed.AuditTrail');

    sim.calls.length = 0;
    receiver.reset();
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: answer.PhysicalResourceId, ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual([]);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(sim.trail('audit_all')).toBeDefined();
  });

  test('if StartLogging fails, the new trail is deleted again and Create answers FAILED with the API error', async () => {
    sim.inject({ kind: 'error', status: 403, code: 'InsufficientBucketPolicyException', message: 'The bucket policy does not allow delivery.', times: 1, action: 'StartLogging' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(sim.trail('audit_all')).toBeUndefined();
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(answer.Reason).toMatch(/^StartLogging failed: InsufficientBucketPolicyException: The bucket policy does not allow delivery\. \(RequestId: [0-9A-F-]{36}, HTTP 403\)/);
    expect(answer.Reason).toContain('was deleted again');
  });

  test('API rule violations answer FAILED with code, message and RequestId', async () => {
    for (let i = 0; i < 5; i++) sim.seedTrail({ Name: `existing_${i}`, OssBucketName: 'b-1' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['CreateTrail']);
    expect(receiver.last().Status).toBe('FAILED');
    expect(receiver.last().Reason).toMatch(/CreateTrail failed: MaximumNumberOfTrailsExceededException: .+ \(RequestId: [0-9A-F-]{36}, HTTP 400\)/);
  });

  test('a second multi-account trail is refused by the API', async () => {
    sim.seedTrail({ Name: 'org_trail', IsOrganizationTrail: true, OssBucketName: 'b-1' });
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps({ IsOrganizationTrail: 'true' }) }), fcContext());
    expect(receiver.last().Reason).toContain('MaximumNumberOfOrganizationTrailExceeded');
  });
});

describe('Create with an invalid configuration answers FAILED without any API call', () => {
  test.each([
    ['missing Name', { Name: undefined }, 'Name is required'],
    ['uppercase Name', { Name: 'AuditTrail' }, 'must be 6-36 characters'],
    ['short Name', { Name: 'abc' }, 'must be 6-36 characters'],
    ['bad EventRW', { EventRW: 'Everything' }, 'EventRW must be All, Read or Write'],
    ['missing EventRW', { EventRW: undefined }, 'EventRW is required'],
    ['bad TrailRegion', { TrailRegion: 'hangzhou;shanghai' }, 'TrailRegion must be'],
    ['no destination', { MaxComputeProjectArn: undefined }, 'at least one destination is required'],
    ['MaxCompute project not named actiontrail_*', { MaxComputeProjectArn: `acs:odps:${REGION}:${ACCOUNT_ID}:project/audit` }, 'actiontrail_*'],
    ['malformed role ARN', { MaxComputeWriteRoleArn: 'role/x' }, 'MaxComputeWriteRoleArn must be acs:ram::<account>:role/<name>'],
    ['key prefix without bucket', { OssKeyPrefix: 'audit/trail' }, 'OssKeyPrefix is set but OssBucketName is not'],
    ['non-boolean Logging', { Logging: 'yes' }, 'Logging must be true or false'],
  ])('%s', async (_title, overrides, message) => {
    await invoke(rosEvent(receiver, 'Create', { ResourceProperties: trailProps(overrides) }), fcContext());
    expect(sim.calls).toEqual([]);
    const answer = receiver.last();
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail', StackId: 'stack-id-1', LogicalResourceId: 'AuditTrail' });
    expect(answer.Reason).toContain('Invalid trail properties');
    expect(answer.Reason).toContain(message);
  });

  test('an Update with invalid properties keeps the old physical ID', async () => {
    await created(trailProps());
    const answer = await update(trailProps(), trailProps({ EventRW: 'bogus' }));
    expect(sim.calls).toEqual([]);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_all' });
  });
});

describe('Update', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, string>]>([
    ['EventRW', {}, { EventRW: 'Write' }, { EventRW: 'Write' }],
    ['TrailRegion', {}, { TrailRegion: 'cn-hangzhou, cn-shanghai' }, { TrailRegion: 'cn-hangzhou,cn-shanghai' }],
    ['add an OSS destination', {}, { OssBucketName: 'audit-bucket' }, { OssBucketName: 'audit-bucket' }],
    ['OssKeyPrefix', { OssBucketName: 'audit-bucket' }, { OssBucketName: 'audit-bucket', OssKeyPrefix: 'audit/new' }, { OssBucketName: 'audit-bucket', OssKeyPrefix: 'audit/new' }],
    ['OssWriteRoleArn', { OssBucketName: 'audit-bucket' }, { OssBucketName: 'audit-bucket', OssWriteRoleArn: ROLE_ARN }, { OssBucketName: 'audit-bucket', OssWriteRoleArn: ROLE_ARN }],
    ['add an SLS destination', {}, { SlsProjectArn: SLS_PROJECT_ARN }, { SlsProjectArn: SLS_PROJECT_ARN }],
    ['SlsWriteRoleArn', { SlsProjectArn: SLS_PROJECT_ARN }, { SlsProjectArn: SLS_PROJECT_ARN, SlsWriteRoleArn: ROLE_ARN }, { SlsProjectArn: SLS_PROJECT_ARN, SlsWriteRoleArn: ROLE_ARN }],
    [
      'MaxComputeProjectArn (another account)',
      {},
      { MaxComputeProjectArn: 'acs:odps:cn-shanghai:2222222222222222:project/actiontrail_2222222222222222', MaxComputeWriteRoleArn: 'acs:ram::2222222222222222:role/delivery' },
      { MaxComputeProjectArn: 'acs:odps:cn-shanghai:2222222222222222:project/actiontrail_2222222222222222', MaxComputeWriteRoleArn: 'acs:ram::2222222222222222:role/delivery' },
    ],
    ['remove the OSS destination (and its prefix)', { OssBucketName: 'audit-bucket', OssKeyPrefix: 'audit/old' }, {}, { OssBucketName: '', OssKeyPrefix: '' }],
    ['remove the SLS destination (and its role)', { SlsProjectArn: SLS_PROJECT_ARN, SlsWriteRoleArn: ROLE_ARN }, {}, { SlsProjectArn: '', SlsWriteRoleArn: '' }],
    ['remove a custom write role only', { MaxComputeWriteRoleArn: ROLE_ARN }, {}, { MaxComputeWriteRoleArn: '' }],
    [
      'replace MaxCompute by OSS',
      { MaxComputeWriteRoleArn: ROLE_ARN },
      { MaxComputeProjectArn: undefined, OssBucketName: 'audit-bucket' },
      { MaxComputeProjectArn: '', MaxComputeWriteRoleArn: '', OssBucketName: 'audit-bucket' },
    ],
  ])('%s: one UpdateTrail with the full desired settings and "" for removed ones', async (_title, before, after, expectedChanges) => {
    const oldProps = trailProps(before);
    const newProps = trailProps({ ...before, ...after, ...Object.fromEntries(Object.keys(before).filter((k) => !(k in after)).map((k) => [k, undefined])) });
    await created(oldProps);

    const answer = await update(oldProps, newProps);

    expect(sim.actions()).toEqual(['UpdateTrail']);
    const sent = sim.calls[0].params;
    const desired = Object.fromEntries(
      ['EventRW', 'TrailRegion', 'OssBucketName', 'OssKeyPrefix', 'OssWriteRoleArn', 'SlsProjectArn', 'SlsWriteRoleArn', 'MaxComputeProjectArn', 'MaxComputeWriteRoleArn']
        .filter((k) => newProps[k] !== undefined)
        .map((k) => [k, String(newProps[k])]),
    );
    expect(sent).toEqual({ Name: 'audit_all', ...desired, ...expectedChanges });
    for (const [field, value] of Object.entries(expectedChanges)) {
      expect(sim.trail('audit_all')?.[field as 'EventRW']).toBe(value === '' ? undefined : value);
    }
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(answer).toEqual(successAnswer('audit_all'));
  });

  test('Logging on -> off: StopLogging (GET) only', async () => {
    await created(trailProps());
    const answer = await update(trailProps(), trailProps({ Logging: 'false' }));
    expect(sim.actions()).toEqual(['StopLogging']);
    expect(sim.calls[0]).toMatchObject({ method: 'GET', params: { Name: 'audit_all' } });
    expect(sim.trail('audit_all')?.Status).toBe('Disable');
    expect(answer.Status).toBe('SUCCESS');
  });

  test('Logging off -> on: StartLogging only', async () => {
    await created(trailProps({ Logging: 'false' }));
    await update(trailProps({ Logging: 'false' }), trailProps({ Logging: 'true' }));
    expect(sim.actions()).toEqual(['StartLogging']);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('a setting and Logging together: UpdateTrail then StopLogging', async () => {
    await created(trailProps());
    await update(trailProps(), trailProps({ EventRW: 'Write', Logging: false }));
    expect(sim.actions()).toEqual(['UpdateTrail', 'StopLogging']);
  });

  // Was "nothing relevant changed ...: no API call", which encoded the defect (a missing trail answered SUCCESS).
  test('nothing relevant changed (e.g. a region list reordered): one DescribeTrails confirms the trail, nothing else', async () => {
    await created(trailProps({ TrailRegion: 'cn-hangzhou,cn-beijing' }));
    const answer = await update(trailProps({ TrailRegion: 'cn-hangzhou,cn-beijing' }), trailProps({ TrailRegion: 'cn-beijing,cn-hangzhou', Logging: true }));
    expect(sim.actions()).toEqual(['DescribeTrails']);
    expect(sim.calls[0].params).toEqual({ NameList: 'audit_all', IncludeOrganizationTrail: 'true' });
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all', Data: { TrailArn: ARN('audit_all'), HomeRegion: REGION, Name: 'audit_all' } });
  });

  test('nothing changed but the trail was deleted outside ROS: it is created again', async () => {
    const answer = await update(trailProps(), trailProps());
    expect(sim.actions()).toEqual(['DescribeTrails', 'CreateTrail', 'StartLogging']);
    expect(sim.trail('audit_all')).toMatchObject({ Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('nothing changed but logging was stopped by hand: StartLogging from the actual status', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Disable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    const answer = await update(trailProps(), trailProps());
    expect(sim.actions()).toEqual(['DescribeTrails', 'StartLogging']);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
    expect(answer.Status).toBe('SUCCESS');
  });

  test('nothing changed, Logging false, but the trail was started by hand: StopLogging', async () => {
    sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
    await update(trailProps({ Logging: 'false' }), trailProps({ Logging: 'false' }));
    expect(sim.actions()).toEqual(['DescribeTrails', 'StopLogging']);
    expect(sim.trail('audit_all')?.Status).toBe('Disable');
  });

  test('a rename whose answer was lost, then ROS\'s rollback Update: the old trail is created again', async () => {
    await created(trailProps({ Name: 'audit_old' }));
    await update(trailProps({ Name: 'audit_old' }), trailProps({ Name: 'audit_new' }), 'audit_old');
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
    sim.calls.length = 0;
    // ROS never saw that answer: it rolls back with the old physical ID and the old properties.
    const answer = await update(trailProps({ Name: 'audit_new' }), trailProps({ Name: 'audit_old' }), 'audit_old');
    expect(sim.calls.map((c) => `${c.action} ${c.params.Name ?? c.params.NameList}`)).toEqual(['DescribeTrails audit_old', 'CreateTrail audit_old', 'StartLogging audit_old']);
    expect(sim.trail('audit_old')?.Status).toBe('Enable');
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_old' });
  });

  test('rename: CreateTrail new, StartLogging new, DeleteTrail old; at no point zero logging trails', async () => {
    await created(trailProps({ Name: 'audit_old' }));

    const answer = await update(trailProps({ Name: 'audit_old' }), trailProps({ Name: 'audit_new' }), 'audit_old');

    expect(sim.calls.map((c) => `${c.action} ${c.params.Name}`)).toEqual(['CreateTrail audit_new', 'StartLogging audit_new', 'DeleteTrail audit_old']);
    expect(sim.calls.map((c) => c.enabledTrails)).toEqual([1, 2, 1]);
    expect(sim.minEnabledTrailsSince(0)).toBeGreaterThanOrEqual(1);
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_new', Data: { TrailArn: ARN('audit_new'), Name: 'audit_new' } });
  });

  test('IsOrganizationTrail changed under the same name: FAILED without any call, advising a new name', async () => {
    await created(trailProps());
    const answer = await update(trailProps(), trailProps({ IsOrganizationTrail: 'true' }));
    expect(sim.actions()).toEqual([]);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_all' });
    expect(answer.Reason).toContain('IsOrganizationTrail cannot change');
    expect(answer.Reason).toContain('Change the trail name in the same update');
    expect(sim.trail('audit_all')).toMatchObject({ IsOrganizationTrail: false, Status: 'Enable' });
  });

  test('IsOrganizationTrail changed together with the name: replaced without a gap', async () => {
    await created(trailProps());
    const answer = await update(trailProps(), trailProps({ Name: 'org_audit', IsOrganizationTrail: 'true' }));
    expect(sim.calls.map((c) => `${c.action} ${c.params.Name}`)).toEqual(['CreateTrail org_audit', 'StartLogging org_audit', 'DeleteTrail audit_all']);
    expect(sim.calls[0].params.IsOrganizationTrail).toBe('true');
    expect(sim.minEnabledTrailsSince(0)).toBeGreaterThanOrEqual(1);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'org_audit' });
  });

  test('renaming a multi-account trail to another multi-account trail fails with an explanation; the old trail is untouched', async () => {
    await created(trailProps({ IsOrganizationTrail: 'true' }));
    const answer = await update(trailProps({ IsOrganizationTrail: 'true' }), trailProps({ Name: 'org_audit', IsOrganizationTrail: 'true' }));
    expect(sim.actions()).toEqual(['CreateTrail']);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_all' });
    expect(answer.Reason).toContain('MaximumNumberOfOrganizationTrailExceeded');
    expect(answer.Reason).toContain('only one multi-account trail');
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('rename whose old trail cannot be deleted is undone: the new trail is deleted, FAILED keeps the old ID', async () => {
    await created(trailProps({ Name: 'audit_old' }));
    sim.inject({ kind: 'error', status: 403, code: 'NoPermission', message: 'You are not authorized to do this action.', times: 1, action: 'DeleteTrail' });

    const answer = await update(trailProps({ Name: 'audit_old' }), trailProps({ Name: 'audit_new' }), 'audit_old');

    expect(sim.calls.map((c) => `${c.action} ${c.params.Name}`)).toEqual(['CreateTrail audit_new', 'StartLogging audit_new', 'DeleteTrail audit_old', 'DeleteTrail audit_new']);
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_old']);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_old' });
    expect(answer.Reason).toContain('DeleteTrail failed: NoPermission');
    expect(answer.Reason).toContain('audit_new created by this request was deleted again');
  });

  test('a rename onto a name held by a trail that is not ours: FAILED with the old ID; neither trail is touched', async () => {
    await created(trailProps({ Name: 'audit_old' }));
    sim.seedTrail({ Name: 'audit_new', Status: 'Enable', EventRW: 'Read', OssBucketName: 'their-bucket' });
    const theirs = sim.trail('audit_new');
    const answer = await update(trailProps({ Name: 'audit_old' }), trailProps({ Name: 'audit_new' }), 'audit_old');
    expect(sim.actions()).toEqual(['CreateTrail', 'DescribeTrails']);
    expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_old' });
    expect(answer.Reason).toContain('a trail named audit_new already exists in this account and was not created by this resource');
    expect(sim.trail('audit_new')).toEqual(theirs);
    expect(sim.trail('audit_old')?.Status).toBe('Enable');
  });

  test('a rename whose old trail is already gone still succeeds', async () => {
    const answer = await update(trailProps({ Name: 'audit_old' }), trailProps({ Name: 'audit_new' }), 'audit_old');
    expect(sim.actions()).toEqual(['CreateTrail', 'StartLogging', 'DeleteTrail']);
    expect(sim.calls[2].code).toBe('TrailNotFoundException');
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_new' });
  });

  test('a trail deleted outside ROS is created again on Update', async () => {
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }));
    expect(sim.actions()).toEqual(['UpdateTrail', 'CreateTrail', 'StartLogging']);
    expect(sim.trail('audit_all')).toMatchObject({ EventRW: 'Write', Status: 'Enable' });
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('an Update rejected by the API answers FAILED with the old ID and the API error', async () => {
    const oss = trailProps({ MaxComputeProjectArn: undefined, OssBucketName: 'audit-bucket' });
    await created(oss);
    sim.inject({ kind: 'error', status: 400, code: 'InsufficientBucketPolicyException', message: 'Bucket policy missing.', times: 1 });
    const failed = await update(oss, { ...oss, OssBucketName: 'other-bucket' });
    expect(sim.actions()).toEqual(['UpdateTrail']);
    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_all' });
    expect(failed.Reason).toContain('UpdateTrail failed: InsufficientBucketPolicyException: Bucket policy missing.');
    expect(sim.trail('audit_all')?.OssBucketName).toBe('audit-bucket');
  });
});

describe('Delete', () => {
  test('DeleteTrail; answers SUCCESS with the same ID', async () => {
    await created(trailProps());
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'audit_all', ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['DeleteTrail']);
    expect(sim.trails()).toEqual([]);
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all', StackId: 'stack-id-1', RequestId: 'ros-req-1', LogicalResourceId: 'AuditTrail' });
  });

  test('a trail that does not exist counts as deleted', async () => {
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'audit_all', ResourceProperties: trailProps() }), fcContext());
    expect(sim.actions()).toEqual(['DeleteTrail']);
    expect(sim.calls[0]).toMatchObject({ status: 404, code: 'TrailNotFoundException' });
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });

  test('does not validate the properties (a Delete must work even if they became invalid)', async () => {
    await created(trailProps());
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'audit_all', ResourceProperties: { Name: 'X' } }), fcContext());
    expect(sim.actions()).toEqual(['DeleteTrail']);
    expect(receiver.last().Status).toBe('SUCCESS');
  });

  test('a Delete the API refuses answers FAILED with the same ID', async () => {
    await created(trailProps());
    sim.inject({ kind: 'error', status: 403, code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.', times: 1 });
    await invoke(rosEvent(receiver, 'Delete', { PhysicalResourceId: 'audit_all' }), fcContext());
    expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'audit_all' });
    expect(receiver.last().Reason).toContain('DeleteTrail failed: Forbidden.RAM: User not authorized');
  });
});

describe('Update after a failed Create', () => {
  test('a placeholder physical ID means nothing exists: the trail is created, never someone else\'s updated', async () => {
    const answer = await update(trailProps(), trailProps({ EventRW: 'Write' }), 'create-failed.AuditTrail');
    expect(sim.actions()).toEqual(['CreateTrail', 'StartLogging']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all' });
  });
});
