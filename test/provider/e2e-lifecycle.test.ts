/**
 * End to end, as deployed: each step synthesizes the stack with the public
 * API, takes the provider's ZipFile and EnvironmentVariables from the
 * template (references resolved as ROS would), and runs the handler in a
 * separate Node process against the ActionTrail simulator, answering to a
 * local ResponseURL. ROS's ordering is followed: on an update the function's
 * environment is the NEW template's before the custom resource's Update
 * runs, and a rollback restores the old one first.
 *
 * ROS's record of the stack (test/provider/ros-stand-in.ts) follows the
 * requests and answers, and the function confirms each request with it.
 *
 * Create -> settings Update -> drift repaired (and by the drift-repair parameter) -> failed rename and its
 * rollback -> rename (shared OSS bucket: delete first) -> a second rename,
 * refused, and its rollback -> forged and replayed Delete/Update/Create (not
 * answered, nothing read) -> Delete.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { EventRW, MaxComputeDestination, Trail } from '../../lib';
import { ResponseReceiver } from './receiver';
import { ActionTrailSimulator } from './simulator';
import { RosStack } from './ros-stand-in';
import { ACCOUNT_ID, FAKE, REGION, STACK_ID, fcContext, rosEvent, timePasses } from './harness';
import { ChildProvider, ChildRun, DeployedProvider, deployedProvider, asSent, testEnvironment } from './deployed';
import { newApp } from '../support/template';

const VALUES = {
  refs: { 'ALIYUN::AccountId': ACCOUNT_ID, 'ALIYUN::Region': REGION, 'ALIYUN::StackId': STACK_ID },
  attributes: {},
};

const sim = new ActionTrailSimulator({ ...FAKE, accountId: ACCOUNT_ID, defaultRegion: REGION });
const receiver = new ResponseReceiver();
const stack = new RosStack(STACK_ID);
sim.stack = stack;
receiver.onAnswer = (body) => stack.answered(body);
let child: ChildProvider | undefined;
const runs: ChildRun[] = [];

beforeAll(async () => {
  await sim.start();
  await receiver.start();
});
afterAll(async () => {
  child?.dispose();
  await sim.stop();
  await receiver.stop();
});

/** The app at one point in its history: one Trail, `AuditTrail`. */
function deploy(props: Partial<ConstructorParameters<typeof Trail>[2]>): DeployedProvider {
  const app = newApp();
  const audit = new ros.Stack(app, 'Audit', { env: { region: REGION } });
  new Trail(audit, 'AuditTrail', {
    trailName: 'audit_one',
    maxCompute: MaxComputeDestination.thisAccount({ region: REGION, quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
  const deployed = deployedProvider(audit, VALUES);
  child ??= new ChildProvider(deployed.source);
  return deployed;
}

/** {@link deploy}, with template parameters set as a deploy would pass them (the drift-repair value). */
function deployWith(
  props: Partial<ConstructorParameters<typeof Trail>[2]>,
  parameters: Record<string, string>,
): DeployedProvider {
  const app = newApp();
  const auditStack = new ros.Stack(app, 'Audit', { env: { region: REGION } });
  new Trail(auditStack, 'AuditTrail', {
    trailName: 'audit_one',
    maxCompute: MaxComputeDestination.thisAccount({ region: REGION, quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
  return deployedProvider(auditStack, { ...VALUES, refs: { ...VALUES.refs, ...parameters } });
}

/**
 * Invokes the deployed function in a child process with the template's
 * environment. ROS sends the request unless `forged` (ROS's record is then
 * left as it is, and no answer is expected).
 */
async function invoke(
  deployed: DeployedProvider,
  type: 'Create' | 'Update' | 'Delete',
  fields: Record<string, unknown>,
  forged = false,
): Promise<Record<string, any>> {
  const before = receiver.attempts.length;
  const calls = sim.calls.length;
  if (!forged) stack.begin(type, String(fields.LogicalResourceId ?? 'AuditTrail'), fields.PhysicalResourceId as string);
  const env = testEnvironment(deployed, sim.endpoint);
  const context = fcContext({
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: deployed.functionTimeout },
  });
  const run = await child!.invoke(rosEvent(receiver, type, fields, false, false), context, env);
  runs.push(run);
  timePasses(sim);
  expect(run.exitCode).toBe(0);
  expect(run.ms).toBeLessThan(deployed.functionTimeout * 1000);
  for (const secret of Object.values(FAKE)) {
    expect(run.output).not.toContain(secret.slice(0, 16));
    for (const a of receiver.attempts) expect(a.raw).not.toContain(secret.slice(0, 16));
  }
  if (forged) {
    // Not confirmed by ROS: no answer, no ActionTrail call (the log says why).
    expect(receiver.attempts.length).toBe(before);
    expect(sim.calls.length).toBe(calls);
    expect(run.result).toBeNull();
    return {};
  }
  // Exactly one answer per invocation, within the function's timeout.
  expect(receiver.attempts.length - before).toBe(1);
  return receiver.last();
}

const params = (d: DeployedProvider): Record<string, unknown> => asSent(d.trails.AuditTrail.parameters);

test('the whole life of a trail, as deployed, including forged requests', async () => {
  // ---- Create
  const v1 = deploy({});
  expect(v1.trails.AuditTrail.timeout).toBeGreaterThan(v1.functionTimeout + 60);
  const created = await invoke(v1, 'Create', { ResourceProperties: params(v1) });
  expect(created).toMatchObject({
    Status: 'SUCCESS',
    Data: {
      Name: 'audit_one',
      HomeRegion: REGION,
      TrailArn: `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/audit_one`,
    },
  });
  const physicalId: string = created.PhysicalResourceId;
  expect(physicalId).toBe('audit_one');
  expect(stack.resources.get('AuditTrail')).toMatchObject({ status: 'CREATE_COMPLETE', physicalId });
  expect(sim.trail('audit_one')).toMatchObject({
    Status: 'Enable',
    EventRW: 'All',
    MaxComputeProjectArn: `acs:odps:${REGION}:${ACCOUNT_ID}:project/actiontrail_${ACCOUNT_ID}`,
  });

  // ---- settings Update: the same physical ID, the trail changed in place
  const v2 = deploy({ eventRW: EventRW.WRITE, ossBucketName: 'audit-bucket-one' });
  const updated = await invoke(v2, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v2),
    OldResourceProperties: params(v1),
  });
  expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  expect(sim.trail('audit_one')).toMatchObject({
    Status: 'Enable',
    EventRW: 'Write',
    OssBucketName: 'audit-bucket-one',
  });

  // ---- drift: stopped and changed by hand; an Update whose OldResourceProperties are missing still converges
  sim.seedTrail({
    ...sim.trail('audit_one')!,
    Status: 'Disable',
    EventRW: 'Read',
    SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/stray`,
  });
  const v3 = deploy({ eventRW: EventRW.WRITE });
  const repaired = await invoke(v3, 'Update', { PhysicalResourceId: physicalId, ResourceProperties: params(v3) });
  expect(repaired).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  const afterDrift = sim.trail('audit_one')!;
  expect(afterDrift).toMatchObject({ Status: 'Enable', EventRW: 'Write' });
  expect(afterDrift.OssBucketName).toBeUndefined();
  expect(afterDrift.SlsProjectArn).toBeUndefined();

  // ---- drift repaired by actiontrail-cdk deploy: the same template, only the ActionTrailCdkConverge parameter
  // changes, so ROS sends an Update whose Parameters differ in that value alone; the provider converges.
  sim.seedTrail({ ...sim.trail('audit_one')!, Status: 'Disable', EventRW: 'Read' });
  const v3Repair = deployWith({ eventRW: EventRW.WRITE }, { ActionTrailCdkConverge: 'repair-1' });
  expect(params(v3Repair)).toEqual({ ...params(v3), ActionTrailCdkConverge: 'repair-1' });
  expect(params(v3).ActionTrailCdkConverge).toBe('none');
  const converged = await invoke(v3Repair, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v3Repair),
    OldResourceProperties: params(v3),
  });
  expect(converged).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  expect(sim.trail('audit_one')).toMatchObject({ Status: 'Enable', EventRW: 'Write' });
  // The value is no way around the declaration: a forged Update with it and other settings changes nothing.
  const forgedRepair = await invoke(v3Repair, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: { ...params(v3Repair), EventRW: 'Read', ActionTrailCdkConverge: 'repair-2' },
    OldResourceProperties: params(v3Repair),
  });
  expect(forgedRepair.Status).toBe('FAILED');
  expect(forgedRepair.Reason).toContain("differ from what the stack's template declares");
  expect(sim.trail('audit_one')).toMatchObject({ Status: 'Enable', EventRW: 'Write' });

  // ---- a rename whose old trail cannot be deleted: undone, FAILED; then ROS's rollback Update
  const v4 = deploy({ eventRW: EventRW.WRITE, trailName: 'audit_two' });
  sim.inject({
    kind: 'error',
    status: 400,
    code: 'NoPermission.DeleteTrail',
    message: 'not allowed',
    times: 1,
    action: 'DeleteTrail',
    name: 'audit_one',
  });
  const failedRename = await invoke(v4, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v4),
    OldResourceProperties: params(v3),
  });
  expect(failedRename.Status).toBe('FAILED');
  expect(failedRename.Reason).toContain('NoPermission.DeleteTrail');
  expect(failedRename.Reason).toContain('the rename was undone');
  expect(sim.trail('audit_two')).toBeUndefined();
  expect(sim.trail('audit_one')?.Status).toBe('Enable');
  const rollback = await invoke(v3, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v3),
    OldResourceProperties: params(v4),
  });
  expect(rollback).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId, Data: { Name: 'audit_one' } });
  expect(sim.trails().map((t) => t.Name)).toEqual(['audit_one']);

  // ---- rename that keeps the OSS bucket (RepeatOssBucket): old deleted first, new created; same physical ID
  const v5 = deploy({ eventRW: EventRW.WRITE, ossBucketName: 'audit-bucket-one' });
  expect(
    (
      await invoke(v5, 'Update', {
        PhysicalResourceId: physicalId,
        ResourceProperties: params(v5),
        OldResourceProperties: params(v3),
      })
    ).Status,
  ).toBe('SUCCESS');
  const v6 = deploy({ eventRW: EventRW.WRITE, ossBucketName: 'audit-bucket-one', trailName: 'audit_two' });
  const renamed = await invoke(v6, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v6),
    OldResourceProperties: params(v5),
  });
  expect(renamed).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId, Data: { Name: 'audit_two' } });
  expect(sim.trails().map((t) => [t.Name, t.Status, t.OssBucketName])).toEqual([
    ['audit_two', 'Enable', 'audit-bucket-one'],
  ]);

  // ---- a second rename (audit_two -> audit_three) is refused before any change; the rollback converges audit_two
  const v7 = deploy({ eventRW: EventRW.WRITE, ossBucketName: 'audit-bucket-one', trailName: 'audit_three' });
  const mark = sim.calls.length;
  const second = await invoke(v7, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v7),
    OldResourceProperties: params(v6),
  });
  expect(second.Status).toBe('FAILED');
  expect(second.Reason).toContain('cannot prove that the trail audit_two is its own');
  expect(
    sim.calls
      .slice(mark)
      .map((c) => c.action)
      .filter((a) => !['DescribeTrails', 'GetTrailStatus'].includes(a)),
  ).toEqual([]);
  const secondRollback = await invoke(v6, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: params(v6),
    OldResourceProperties: params(v7),
  });
  expect(secondRollback).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  expect(sim.trails().map((t) => t.Name)).toEqual(['audit_two']);

  // ---- forged and replayed requests: ROS shows the resource UPDATE_COMPLETE with physicalId, so none is confirmed
  sim.seedTrail({
    Name: 'security_org',
    Status: 'Enable',
    EventRW: 'All',
    SlsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/security`,
  });
  const foreign = (): string => {
    const { CreateTime: _t, ...rest } = sim.trail('security_org')!;
    return JSON.stringify(rest);
  };
  const foreignBefore = foreign();
  const forgeryMark = sim.calls.length;
  const lookupsMark = stack.lookups.length;
  await invoke(
    v6,
    'Delete',
    { PhysicalResourceId: 'security_org', ResourceProperties: { Name: 'security_org' } },
    true,
  );
  await invoke(
    v6,
    'Delete',
    { PhysicalResourceId: 'no_such_trail', ResourceProperties: { Name: 'no_such_trail' } },
    true,
  );
  await invoke(v6, 'Delete', { PhysicalResourceId: physicalId, ResourceProperties: params(v6) }, true);
  await invoke(
    v6,
    'Update',
    {
      PhysicalResourceId: physicalId,
      ResourceProperties: params(v6),
      OldResourceProperties: { ...params(v6), Name: 'security_org' },
    },
    true,
  );
  await invoke(
    v6,
    'Create',
    { LogicalResourceId: 'NotDeclared', ResourceProperties: { ...params(v6), Name: 'security_org' } },
    true,
  );
  await invoke(v6, 'Create', { StackId: 'another-stack', ResourceProperties: params(v6) }, true);
  expect(foreign()).toBe(foreignBefore);
  // Nothing reached ActionTrail; ROS was asked about this stack only, the other stack's request not at all.
  expect(sim.calls.length).toBe(forgeryMark);
  expect(stack.lookups.slice(lookupsMark).map((l) => [l.StackId, l.LogicalResourceId])).toEqual([
    [STACK_ID, 'AuditTrail'],
    [STACK_ID, 'AuditTrail'],
    [STACK_ID, 'AuditTrail'],
    [STACK_ID, 'AuditTrail'],
    [STACK_ID, 'NotDeclared'],
  ]);
  expect(sim.trail('audit_two')?.Status).toBe('Enable');

  // ---- Delete: the trail found from ResourceProperties, confirmed gone; the foreign trail untouched
  const deleted = await invoke(v6, 'Delete', { PhysicalResourceId: physicalId, ResourceProperties: params(v6) });
  expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  expect(sim.trails().map((t) => t.Name)).toEqual(['security_org']);
  expect(foreign()).toBe(foreignBefore);
  expect(stack.resources.has('AuditTrail')).toBe(false);

  // Every answer fits ROS's limit.
  for (const a of receiver.answers) expect(Buffer.byteLength(a.raw)).toBeLessThanOrEqual(4096);
}, 120_000);
