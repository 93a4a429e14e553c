/**
 * Duplicates and rollbacks, as deployed: the shipped ZipFile runs in its own
 * process (two at once for concurrent twins) with the template's environment,
 * against the ActionTrail simulator and ROS's record of the stack
 * (test/provider/ros-stand-in.ts).
 *
 * - The same request delivered twice, at the same time or one after the
 *   other while ROS still waits, never answers FAILED because of its twin
 *   and leaves one trail; a twin arriving after ROS recorded the answer is
 *   not confirmed, so it is not answered at all.
 * - A duplicated rename answers SUCCESS twice.
 * - The takeover of issue 20 (a rename onto a foreign trail refused, the
 *   stack's own trail deleted first) and replays change nothing and get no
 *   answer; nor does a probe of trail names.
 * - ROS's rollback Delete after a Create that answered FAILED and could not
 *   undo its trail deletes that trail (proved by ROS's CreateTime and the
 *   trail's); a trail older than the resource is left alone; a trail without
 *   a creation time is not deleted, and the Reason says how to remove it.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { MaxComputeDestination, Trail } from '../../lib';
import { ResponseReceiver } from './receiver';
import { ActionTrailSimulator } from './simulator';
import { RosStack } from './ros-stand-in';
import { ACCOUNT_ID, FAKE, REGION, STACK_ID, fcContext, rosEvent, timePasses } from './harness';
import { ChildProvider, DeployedProvider, deployedProvider, testEnvironment } from './deployed';
import { newApp } from '../support/template';

const VALUES = {
  refs: { 'ALIYUN::AccountId': ACCOUNT_ID, 'ALIYUN::Region': REGION, 'ALIYUN::StackId': STACK_ID },
  attributes: {},
};

const sim = new ActionTrailSimulator({ ...FAKE, accountId: ACCOUNT_ID, defaultRegion: REGION });
const receiver = new ResponseReceiver();
const stack = new RosStack(STACK_ID);
sim.stack = stack;
/** While false, ROS has not processed the answers it got yet: the resource stays *_IN_PROGRESS. */
let rosKeepsUp = true;
receiver.onAnswer = (body) => rosKeepsUp && stack.answered(body);
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
beforeEach(() => {
  sim.reset();
  stack.reset();
  receiver.reset();
  rosKeepsUp = true;
});

/** The app with one Trail, `AuditTrail`. */
function deploy(props: Partial<ConstructorParameters<typeof Trail>[2]> = {}): DeployedProvider {
  const app = newApp();
  const s = new ros.Stack(app, 'Audit', { env: { region: REGION } });
  new Trail(s, 'AuditTrail', {
    trailName: 'audit_one',
    maxCompute: MaxComputeDestination.thisAccount({ region: REGION, quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
  const deployed = deployedProvider(s, VALUES);
  child ??= new ChildProvider(deployed.source);
  return deployed;
}

const params = (d: DeployedProvider): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(d.trails.AuditTrail.parameters).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]),
  );

/** One delivery of a request in its own process; resolves with what the handler resolved to. */
async function deliver(deployed: DeployedProvider, event: Buffer): Promise<unknown> {
  const env = testEnvironment(deployed, sim.endpoint, {
    ACTIONTRAIL_RETRY_BUDGET_MS: '30000',
    // Long enough for a read held until the other process reads too (holdFirstReads).
    ACTIONTRAIL_REQUEST_TIMEOUT_MS: '10000',
  });
  const context = fcContext({
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: deployed.functionTimeout },
  });
  const run = await child!.invoke(event, context, env);
  expect(run.exitCode).toBe(0);
  for (const secret of Object.values(FAKE)) expect(run.output).not.toContain(secret.slice(0, 16));
  return run.result;
}

/** ROS sends `type`: its record shows the resource waiting; the event is returned to deliver (once or more). */
function send(type: 'Create' | 'Update' | 'Delete', fields: Record<string, unknown>): Buffer {
  stack.begin(type, 'AuditTrail', fields.PhysicalResourceId as string | undefined);
  return rosEvent(receiver, type, fields, false, false);
}

const statuses = (): string[] =>
  receiver.answers.map((a) => (a.body?.Status === 'SUCCESS' ? 'SUCCESS' : `${a.body?.Status}: ${a.body?.Reason}`));
const names = (): string[] =>
  sim
    .trails()
    .map((t) => t.Name)
    .sort();

/**
 * Makes both twins read before either writes: their first DescribeTrails
 * are answered as of their arrival, and only once both have arrived
 * (whenever each process got there). With `rounds` > 1, so are their
 * second, third... reads, pair by pair: a barrier of four would hold the
 * first two until its timeout, since a twin's second read waits for its first.
 */
function holdFirstReads(rounds = 1): void {
  for (let i = 0; i < rounds; i++) sim.inject({ kind: 'barrier', ms: 8_000, times: 2, action: 'DescribeTrails' });
}

/** Creates audit_one as ROS would, and lets time pass. */
async function created(v: DeployedProvider): Promise<string> {
  await deliver(v, send('Create', { ResourceProperties: params(v) }));
  const id = receiver.last().PhysicalResourceId as string;
  expect(receiver.last().Status).toBe('SUCCESS');
  receiver.reset();
  sim.calls.length = 0;
  timePasses(sim);
  return id;
}

describe('the same request delivered twice', () => {
  test('Create, at the same time: both SUCCESS with the same physical ID, one trail, logging', async () => {
    const v = deploy();
    holdFirstReads();
    const event = send('Create', { ResourceProperties: params(v) });
    rosKeepsUp = false; // both answers reach ROS; neither twin sees the other's answer recorded
    await Promise.all([deliver(v, event), deliver(v, event)]);
    expect(statuses()).toEqual(['SUCCESS', 'SUCCESS']);
    expect(new Set(receiver.answers.map((a) => a.body?.PhysicalResourceId))).toEqual(new Set(['audit_one']));
    expect(names()).toEqual(['audit_one']);
    expect(sim.trail('audit_one')?.Status).toBe('Enable');
    // Both really ran at once: both saw the name free, one CreateTrail found it taken by the other.
    expect(
      sim.calls
        .filter((c) => c.action === 'CreateTrail')
        .map((c) => c.code ?? 'ok')
        .sort(),
    ).toEqual(['TrailAlreadyExistsException', 'ok']);
  }, 60_000);

  test('Create, one after the other while ROS still waits: both SUCCESS; after ROS recorded the first answer, the late twin is not answered', async () => {
    const v = deploy();
    const event = send('Create', { ResourceProperties: params(v) });
    rosKeepsUp = false;
    await deliver(v, event);
    await deliver(v, event);
    expect(statuses()).toEqual(['SUCCESS', 'SUCCESS']);
    expect(names()).toEqual(['audit_one']);
    stack.answered(receiver.answers[0].body);
    expect(stack.resources.get('AuditTrail')).toMatchObject({ status: 'CREATE_COMPLETE', physicalId: 'audit_one' });
    expect(await deliver(v, event)).toBeNull();
    expect(receiver.attempts).toHaveLength(2);
    expect(names()).toEqual(['audit_one']);
  }, 60_000);

  test('a rename, at the same time and one after the other: SUCCESS twice, the new trail only', async () => {
    const v1 = deploy();
    const id = await created(v1);
    const v2 = deploy({ trailName: 'audit_two' });
    const fields = { PhysicalResourceId: id, ResourceProperties: params(v2), OldResourceProperties: params(v1) };
    holdFirstReads(2); // each twin reads the old name, then the new one
    const event = send('Update', fields);
    rosKeepsUp = false;
    await Promise.all([deliver(v2, event), deliver(v2, event)]);
    // Both really ran at once: each created the new trail, one found it taken by the other.
    expect(
      sim.calls
        .filter((c) => c.action === 'CreateTrail')
        .map((c) => c.code ?? 'ok')
        .sort(),
    ).toEqual(['TrailAlreadyExistsException', 'ok']);
    await deliver(v2, event); // a third delivery, after both
    expect(statuses()).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(new Set(receiver.answers.map((a) => a.body?.PhysicalResourceId))).toEqual(new Set([id]));
    expect(names()).toEqual(['audit_two']);
    expect(sim.trail('audit_two')?.Status).toBe('Enable');
  }, 60_000);

  test('a rename onto the same OSS bucket (delete first), at the same time: SUCCESS twice, the new trail only', async () => {
    const v1 = deploy({ ossBucketName: 'audit-bucket-one' });
    const id = await created(v1);
    const v2 = deploy({ ossBucketName: 'audit-bucket-one', trailName: 'audit_two' });
    holdFirstReads();
    const event = send('Update', {
      PhysicalResourceId: id,
      ResourceProperties: params(v2),
      OldResourceProperties: params(v1),
    });
    rosKeepsUp = false;
    await Promise.all([deliver(v2, event), deliver(v2, event)]);
    expect(statuses()).toEqual(['SUCCESS', 'SUCCESS']);
    expect(names()).toEqual(['audit_two']);
    expect(sim.trail('audit_two')).toMatchObject({ Status: 'Enable', OssBucketName: 'audit-bucket-one' });
  }, 60_000);

  test('Delete, at the same time: SUCCESS twice, the trail gone', async () => {
    const v = deploy();
    const id = await created(v);
    sim.inject({ kind: 'barrier', ms: 8_000, times: 2, action: 'DeleteTrail' });
    const event = send('Delete', { PhysicalResourceId: id, ResourceProperties: params(v) });
    rosKeepsUp = false;
    await Promise.all([deliver(v, event), deliver(v, event)]);
    expect(statuses()).toEqual(['SUCCESS', 'SUCCESS']);
    expect(names()).toEqual([]);
    // Both deleted at once: one found it gone already.
    expect(
      sim.calls
        .filter((c) => c.action === 'DeleteTrail')
        .map((c) => c.code ?? 'ok')
        .sort(),
    ).toEqual(['TrailNotFoundException', 'ok']);
  }, 60_000);
});

describe("ROS's rollback Delete after a failed Create", () => {
  /** A Create whose StartLogging fails for good and whose undo (DeleteTrail) fails too: FAILED, the trail left. */
  async function failedCreateLeavingTrail(v: DeployedProvider): Promise<Record<string, any>> {
    sim.inject({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'no',
      times: 1000,
      action: 'StartLogging',
    });
    sim.inject({ kind: 'error', status: 403, code: 'NoPermission', message: 'no', times: 1000, action: 'DeleteTrail' });
    await deliver(v, send('Create', { ResourceProperties: params(v) }));
    const answer = receiver.last();
    sim.clearFaults();
    timePasses(sim);
    return answer;
  }

  test('deletes the trail the failed Create could not undo (made since ROS began creating the resource)', async () => {
    const v = deploy();
    const failed = await failedCreateLeavingTrail(v);
    expect(failed.Status).toBe('FAILED');
    expect(failed.Reason).toContain('aliyun actiontrail DeleteTrail --Name audit_one');
    expect(stack.resources.get('AuditTrail')?.status).toBe('CREATE_FAILED');
    expect(names()).toEqual(['audit_one']);
    await deliver(v, send('Delete', { PhysicalResourceId: failed.PhysicalResourceId, ResourceProperties: params(v) }));
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'create-failed.AuditTrail' });
    expect(names()).toEqual([]);
    expect(stack.resources.has('AuditTrail')).toBe(false);
  }, 60_000);

  test('a rollback Delete without a physical ID, as ROS may send it, does the same', async () => {
    const v = deploy();
    await failedCreateLeavingTrail(v);
    await deliver(v, send('Delete', { ResourceProperties: params(v) }));
    expect(receiver.last().Status).toBe('SUCCESS');
    expect(names()).toEqual([]);
  }, 60_000);

  test('a trail older than the resource (the Create failed because the name was taken) is left alone: SUCCESS', async () => {
    const v = deploy();
    sim.seedTrail({
      Name: 'audit_one',
      Status: 'Enable',
      EventRW: 'All',
      SlsProjectArn: 'acs:log:cn-hangzhou:1:project/x',
    });
    const before = JSON.stringify(sim.trail('audit_one'));
    timePasses(sim);
    await deliver(v, send('Create', { ResourceProperties: params(v) }));
    expect(receiver.last().Reason).toContain('a trail named audit_one already exists');
    await deliver(v, send('Delete', { PhysicalResourceId: 'create-failed.AuditTrail', ResourceProperties: params(v) }));
    expect(receiver.last()).toMatchObject({ Status: 'SUCCESS', Data: { Name: '' } });
    const { CreateTime: _a, ...now } = sim.trail('audit_one')!;
    const { CreateTime: _b, ...then } = JSON.parse(before);
    expect(now).toEqual(then);
    expect(sim.calls.filter((c) => !['DescribeTrails', 'GetTrailStatus'].includes(c.action))).toEqual([]);
  }, 60_000);

  test('a trail ActionTrail reports no creation time for is not deleted: FAILED, the Reason names it and the command', async () => {
    const v = deploy();
    await failedCreateLeavingTrail(v);
    sim.seedTrail({ ...sim.trail('audit_one')!, CreateTime: undefined });
    await deliver(v, send('Delete', { PhysicalResourceId: 'create-failed.AuditTrail', ResourceProperties: params(v) }));
    expect(receiver.last().Status).toBe('FAILED');
    expect(receiver.last().Reason).toBe(
      "the Create of this resource failed, and a trail named audit_one exists that the provider cannot prove that Create made (ActionTrail or ROS reports no creation time), so it was not deleted. If it is this stack's trail, remove it with `aliyun actiontrail DeleteTrail --Name audit_one --region cn-hangzhou` (or in the ActionTrail console) once you have checked it is not needed.",
    );
    expect(names()).toEqual(['audit_one']);
  }, 60_000);
});

describe('forged and replayed requests, as deployed', () => {
  /** Delivers a request ROS did not send: expects no answer and no ActionTrail call. */
  async function forge(
    deployed: DeployedProvider,
    type: 'Create' | 'Update' | 'Delete',
    fields: Record<string, unknown>,
  ) {
    const before = { attempts: receiver.attempts.length, calls: sim.calls.length };
    expect(await deliver(deployed, rosEvent(receiver, type, fields, false, false))).toBeNull();
    expect(receiver.attempts.length).toBe(before.attempts);
    expect(sim.calls.length).toBe(before.calls);
  }
  const seedForeign = (): (() => string) => {
    sim.seedTrail({
      Name: 'security_org',
      Status: 'Enable',
      EventRW: 'All',
      SlsProjectArn: 'acs:log:cn-hangzhou:1:project/s',
    });
    return () => {
      const { CreateTime: _t, ...rest } = sim.trail('security_org')!;
      return JSON.stringify(rest);
    };
  };

  test("a rename onto a foreign trail is refused; with ROS showing UPDATE_FAILED, no forged request touches either trail, even after the stack's trail is deleted by hand", async () => {
    const v1 = deploy();
    const id = await created(v1);
    const foreign = seedForeign();
    const before = foreign();
    const v2 = deploy({ trailName: 'security_org' });
    await deliver(
      v2,
      send('Update', { PhysicalResourceId: id, ResourceProperties: params(v2), OldResourceProperties: params(v1) }),
    );
    expect(receiver.last().Status).toBe('FAILED');
    expect(stack.resources.get('AuditTrail')?.status).toBe('UPDATE_FAILED');
    await forge(v2, 'Delete', { PhysicalResourceId: id, ResourceProperties: params(v1) });
    expect(sim.trail('audit_one')?.Status).toBe('Enable');
    sim.removeTrail('audit_one');
    await forge(v2, 'Update', {
      PhysicalResourceId: id,
      ResourceProperties: params(v2),
      OldResourceProperties: { ...params(v2), Logging: 'false' },
    });
    await forge(v2, 'Delete', { PhysicalResourceId: id, ResourceProperties: params(v2) });
    expect(foreign()).toBe(before);
  }, 60_000);

  test('a replayed Delete after the stack was updated, and probes for trail names: no answer, nothing read', async () => {
    const v = deploy();
    const id = await created(v);
    seedForeign();
    await forge(v, 'Delete', { PhysicalResourceId: id, ResourceProperties: params(v) });
    for (const name of ['security_org', 'no_such_trail'])
      await forge(v, 'Delete', { PhysicalResourceId: name, ResourceProperties: { Name: name } });
    expect(names()).toEqual(['audit_one', 'security_org']);
  }, 60_000);
});
