/**
 * Data event selectors end to end, as deployed: each step synthesizes the
 * stack with the public API (two trails, `AuditTrail` and `OtherTrail`), takes
 * the provider's ZipFile and environment from the template, and runs the
 * handler in its own Node process against the ActionTrail simulator.
 *
 * Create with selectors -> change them -> a fault during PutDataEventSelector,
 * undone -> remove them -> rename a trail that has them -> forged Updates that
 * try to change the other trail's selectors (nothing changes) -> selectors set
 * by hand on a trail that declares none are never touched -> Delete.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { DataEvents, EventRW, Trail, TrailRegion } from '../../lib';
import { ResponseReceiver } from './receiver';
import { ActionTrailSimulator } from './simulator';
import { RosStack } from './ros-stand-in';
import { ACCOUNT_ID, FAKE, REGION, STACK_ID, fcContext, rosEvent, timePasses } from './harness';
import { ChildProvider, DeployedProvider, deployedProvider, asSent, testEnvironment } from './deployed';
import { newApp } from '../support/template';

const VALUES = {
  refs: { 'ALIYUN::AccountId': ACCOUNT_ID, 'ALIYUN::Region': REGION, 'ALIYUN::StackId': STACK_ID },
  attributes: {},
};

const sim = new ActionTrailSimulator({ ...FAKE, accountId: ACCOUNT_ID, defaultRegion: REGION });
const receiver = new ResponseReceiver();
// ROS's record of the stack, which the function asks before it acts (test/provider/ros-stand-in.ts).
const rosStack = new RosStack(STACK_ID);
sim.stack = rosStack;
receiver.onAnswer = (body) => rosStack.answered(body);
let child: ChildProvider | undefined;

beforeAll(async () => {
  await sim.start();
  await receiver.start();
});
afterAll(async () => {
  child?.dispose();
  await sim.stop();
  await receiver.stop();
});

interface Version {
  /** AuditTrail's name. */
  name?: string;
  /** AuditTrail's data events. */
  dataEvents?: DataEvents;
}

/** The app at one point of its history: AuditTrail (as given) and OtherTrail (selectors on its own bucket). */
function deploy(v: Version): DeployedProvider {
  const app = newApp();
  const stack = new ros.Stack(app, 'Audit', { env: { region: REGION } });
  new Trail(stack, 'AuditTrail', {
    trailName: v.name ?? 'audit_one',
    ossBucketName: 'audit-logs-one',
    dataEvents: v.dataEvents,
  });
  new Trail(stack, 'OtherTrail', {
    trailName: 'other_one',
    slsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/other`,
    dataEvents: DataEvents.onOssBuckets(['other-evidence']),
  });
  const deployed = deployedProvider(stack, VALUES);
  child ??= new ChildProvider(deployed.source);
  return deployed;
}

async function invoke(
  deployed: DeployedProvider,
  type: 'Create' | 'Update' | 'Delete',
  fields: Record<string, unknown>,
  forged = false,
): Promise<Record<string, any>> {
  const before = receiver.answers.length;
  const calls = sim.calls.length;
  if (!forged) {
    rosStack.begin(type, String(fields.LogicalResourceId ?? 'AuditTrail'), fields.PhysicalResourceId as string);
  }
  const env = testEnvironment(deployed, sim.endpoint);
  const context = fcContext({
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: deployed.functionTimeout },
  });
  const run = await child!.invoke(rosEvent(receiver, type, fields, false, false), context, env);
  timePasses(sim);
  expect(run.exitCode).toBe(0);
  if (forged) {
    // Not confirmed by ROS: no answer, and no ActionTrail call at all.
    expect(receiver.answers.length).toBe(before);
    expect(sim.calls.slice(calls).filter((c) => c.action !== 'GetStackResource')).toEqual([]);
    return {};
  }
  expect(receiver.answers.length - before).toBe(1);
  return receiver.last();
}

const audit = (d: DeployedProvider): Record<string, unknown> => asSent(d.trails.AuditTrail.parameters);
const other = (d: DeployedProvider): Record<string, unknown> => asSent(d.trails.OtherTrail.parameters);
/** The data-event calls (anything but reads of the trail) since `mark`. */
const dataEventCalls = (mark: number): string[] =>
  sim.calls
    .slice(mark)
    .filter((c) => c.action.includes('DataEventSelector'))
    .map((c) => `${c.action} ${c.params.TrailName}`);

test('the selectors of a trail through its whole life, as deployed, with a fault and forged requests', async () => {
  // ---- Create both trails: AuditTrail with data events on a bucket in two regions
  const v1 = deploy({
    dataEvents: DataEvents.onOssBuckets(['audit-evidence'], { regions: TrailRegion.of('cn-hangzhou', 'cn-shanghai') }),
  });
  const created = await invoke(v1, 'Create', { ResourceProperties: audit(v1) });
  expect(created.Status).toBe('SUCCESS');
  const physicalId: string = created.PhysicalResourceId;
  const otherCreated = await invoke(v1, 'Create', { LogicalResourceId: 'OtherTrail', ResourceProperties: other(v1) });
  expect(otherCreated.Status).toBe('SUCCESS');
  expect(sim.dataEvents('audit_one')).toMatchObject({
    selectors: [{ ServiceName: 'Oss', ReadWriteType: 'All', ResourceArn: { Equals: ['acs:oss:*:*:audit-evidence'] } }],
    IsTrailAllRegion: false,
    TrailRegionIds: 'cn-hangzhou,cn-shanghai',
  });
  const otherSelectors = JSON.stringify(sim.dataEvents('other_one'));
  expect(otherSelectors).toContain('other-evidence');

  // ---- change them: writes only, every region; an Update that changes nothing else
  const v2 = deploy({ dataEvents: DataEvents.onOssBuckets(['audit-evidence'], { readWrite: EventRW.WRITE }) });
  const changed = await invoke(v2, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v2),
    OldResourceProperties: audit(v1),
  });
  expect(changed).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  expect(sim.dataEvents('audit_one')).toMatchObject({
    selectors: [{ ServiceName: 'Oss', ReadWriteType: 'Write' }],
    IsTrailAllRegion: true,
  });

  // ---- a fault during PutDataEventSelector (applied, then the answer lost and a hard error): undone, FAILED
  const v3 = deploy({ dataEvents: DataEvents.onOssBuckets(['audit-evidence', 'audit-exports']) });
  const beforeFault = JSON.stringify(sim.dataEvents('audit_one'));
  sim.inject({ kind: 'commit-hang', ms: 1500, times: 1, action: 'PutDataEventSelector', name: 'audit_one' });
  sim.inject({
    kind: 'error',
    status: 400,
    code: 'NoPermission',
    message: 'denied',
    times: 1,
    action: 'PutDataEventSelector',
    name: 'audit_one',
  });
  const faulted = await invoke(v3, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v3),
    OldResourceProperties: audit(v2),
  });
  expect(faulted.Status).toBe('FAILED');
  expect(faulted.Reason).toContain('NoPermission');
  expect(faulted.Reason).toContain("The data event selectors of trail 'audit_one' were put back as they were.");
  await sim.idle();
  expect(JSON.stringify(sim.dataEvents('audit_one'))).toBe(beforeFault);
  // ROS's rollback Update (v3 -> v2) converges to what they were.
  const rolledBack = await invoke(v2, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v2),
    OldResourceProperties: audit(v3),
  });
  expect(rolledBack.Status).toBe('SUCCESS');
  expect(JSON.stringify(sim.dataEvents('audit_one'))).toBe(beforeFault);

  // ---- remove them: DeleteDataEventSelector, read back
  const v4 = deploy({});
  let mark = sim.calls.length;
  const removed = await invoke(v4, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v4),
    OldResourceProperties: audit(v2),
  });
  expect(removed.Status).toBe('SUCCESS');
  expect(sim.dataEvents('audit_one')).toBeUndefined();
  expect(dataEventCalls(mark)).toEqual([
    'GetDataEventSelector audit_one',
    'DeleteDataEventSelector audit_one',
    'GetDataEventSelector audit_one',
  ]);

  // ---- selectors set by hand on a trail that declares none: never read nor touched
  sim.seedDataEvents('audit_one', [{ ServiceName: 'Push', ReadWriteType: 'Read' }]);
  mark = sim.calls.length;
  const untouched = await invoke(v4, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v4),
    OldResourceProperties: audit(v4),
  });
  expect(untouched.Status).toBe('SUCCESS');
  expect(dataEventCalls(mark)).toEqual([]);
  expect(sim.dataEvents('audit_one')?.selectors).toEqual([{ ServiceName: 'Push', ReadWriteType: 'Read' }]);

  // ---- declare them again, then rename the trail that has them: the new trail gets them, the old one is gone
  const v5 = deploy({ dataEvents: DataEvents.onOssBuckets(['audit-evidence']) });
  expect(
    (
      await invoke(v5, 'Update', {
        PhysicalResourceId: physicalId,
        ResourceProperties: audit(v5),
        OldResourceProperties: audit(v4),
      })
    ).Status,
  ).toBe('SUCCESS');
  const v6 = deploy({ name: 'audit_two', dataEvents: DataEvents.onOssBuckets(['audit-evidence']) });
  const renamed = await invoke(v6, 'Update', {
    PhysicalResourceId: physicalId,
    ResourceProperties: audit(v6),
    OldResourceProperties: audit(v5),
  });
  expect(renamed).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId, Data: { Name: 'audit_two' } });
  expect(sim.trail('audit_one')).toBeUndefined();
  expect(sim.dataEvents('audit_one')).toBeUndefined();
  expect(sim.dataEvents('audit_two')?.selectors).toEqual([
    { ServiceName: 'Oss', ReadWriteType: 'All', ResourceArn: { Equals: ['acs:oss:*:*:audit-evidence'] } },
  ]);

  // ---- Updates that try to change OtherTrail's selectors: nothing changes. The first is one ROS
  // confirms (an Update of OtherTrail in progress) whose selectors the template does not declare: the
  // declaration check refuses it. The others ROS is not running: forged, they get no answer.
  const otherId: string = otherCreated.PhysicalResourceId;
  mark = sim.calls.length;
  const wider = { ...other(v6), DataEventSelectors: '[{"ServiceName":"Oss","ReadWriteType":"Read"}]' };
  const undeclared = await invoke(v6, 'Update', {
    LogicalResourceId: 'OtherTrail',
    PhysicalResourceId: otherId,
    ResourceProperties: wider,
    OldResourceProperties: other(v6),
  });
  expect(undeclared.Status).toBe('FAILED');
  expect(undeclared.Reason).toContain("differ from what the stack's template declares");
  const forged = [
    // AuditTrail's physical ID, OtherTrail's name and selectors
    await invoke(
      v6,
      'Update',
      {
        PhysicalResourceId: physicalId,
        ResourceProperties: { ...audit(v6), Name: 'other_one', DataEventSelectors: wider.DataEventSelectors },
        OldResourceProperties: audit(v6),
      },
      true,
    ),
    // AuditTrail's declared properties, but the old ones claim OtherTrail's name (its selectors would be "removed")
    await invoke(
      v6,
      'Update',
      { PhysicalResourceId: physicalId, ResourceProperties: audit(v6), OldResourceProperties: { ...other(v6) } },
      true,
    ),
    // OtherTrail's logical ID with AuditTrail's physical ID
    await invoke(
      v6,
      'Update',
      {
        LogicalResourceId: 'OtherTrail',
        PhysicalResourceId: physicalId,
        ResourceProperties: other(v6),
        OldResourceProperties: other(v6),
      },
      true,
    ),
  ];
  expect(forged).toEqual([{}, {}, {}]);
  expect(JSON.stringify(sim.dataEvents('other_one'))).toBe(otherSelectors);
  expect(dataEventCalls(mark).filter((c) => c.includes('other_one'))).toEqual([]);
  expect(dataEventCalls(mark).filter((c) => !c.startsWith('GetDataEventSelector'))).toEqual([]);

  // ---- Delete: the selectors first, then the trail; OtherTrail untouched
  mark = sim.calls.length;
  const deleted = await invoke(v6, 'Delete', { PhysicalResourceId: physicalId, ResourceProperties: audit(v6) });
  expect(deleted.Status).toBe('SUCCESS');
  expect(dataEventCalls(mark)).toEqual(['GetDataEventSelector audit_two', 'DeleteDataEventSelector audit_two']);
  expect(sim.trail('audit_two')).toBeUndefined();
  expect(JSON.stringify(sim.dataEvents('other_one'))).toBe(otherSelectors);

  for (const a of receiver.answers) expect(Buffer.byteLength(a.raw)).toBeLessThanOrEqual(4096);
}, 120_000);

test('a Create whose PutDataEventSelector fails deletes the new trail again and says so', async () => {
  sim.reset();
  rosStack.reset();
  const v1 = deploy({ name: 'audit_new', dataEvents: DataEvents.onOssBuckets(['audit-evidence']) });
  sim.inject({
    kind: 'error',
    status: 400,
    code: 'InvalidParameter',
    message: 'EventSelectors is invalid',
    times: 1,
    action: 'PutDataEventSelector',
  });
  const failed = await invoke(v1, 'Create', { ResourceProperties: audit(v1) });
  expect(failed.Status).toBe('FAILED');
  expect(failed.Reason).toContain('InvalidParameter');
  expect(failed.Reason).toContain('audit_new');
  expect(sim.trail('audit_new')).toBeUndefined();
  expect(sim.dataEvents('audit_new')).toBeUndefined();
}, 60_000);

test('a Delete whose DeleteTrail fails puts the selectors back', async () => {
  sim.reset();
  rosStack.reset();
  const v1 = deploy({ name: 'audit_del', dataEvents: DataEvents.onOssBuckets(['audit-evidence']) });
  const created = await invoke(v1, 'Create', { ResourceProperties: audit(v1) });
  expect(created.Status).toBe('SUCCESS');
  const before = JSON.stringify(sim.dataEvents('audit_del'));
  sim.inject({
    kind: 'error',
    status: 400,
    code: 'NoPermission.DeleteTrail',
    message: 'denied',
    times: 1,
    action: 'DeleteTrail',
  });
  const failed = await invoke(v1, 'Delete', {
    PhysicalResourceId: created.PhysicalResourceId,
    ResourceProperties: audit(v1),
  });
  expect(failed.Status).toBe('FAILED');
  expect(failed.Reason).toContain("The data event selectors of trail 'audit_del' were put back as they were.");
  expect(sim.trail('audit_del')).toBeDefined();
  expect(JSON.stringify(sim.dataEvents('audit_del'))).toBe(before);
}, 60_000);
