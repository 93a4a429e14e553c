/**
 * runtime/trail-lifecycle.ts with ROS's times in the context: what a twin of a
 * request (the same request delivered twice) and the rollback Delete of a
 * failed Create may take as their own, and what they must leave alone. Driven
 * directly against the simulator (lifecycle-kit.ts), one decision per test.
 */
import {
  LifecycleContext,
  createTrail,
  deleteFailedCreateLeftover,
  updateTrail,
} from '../../../lib/provider/runtime/trail-lifecycle';
import { trailTime } from '../simulator';
import { trailProps, useProviderEnvironment } from '../harness';
import { config, rejection, rig, writesOf } from '../lifecycle-kit';

const { sim } = useProviderEnvironment();

const HOUR = 3_600_000;
/** A context in which ROS began creating the resource an hour ago and the current operation just now. */
function ctxNow(): { ctx: LifecycleContext; api: ReturnType<typeof rig>['api']; logs: ReturnType<typeof rig>['logs'] } {
  const r = rig(sim);
  return {
    ctx: { ...r.ctx, resourceSince: Date.now() - HOUR, operationSince: Date.now() - 2_000 },
    api: r.api,
    logs: r.logs,
  };
}

/** The info lines whose message is `msg`. */
const said = (logs: ReturnType<typeof rig>['logs'], msg: string): unknown[] => logs.filter((l) => l.msg === msg);

const seed = (name: string, ageMs: number, extra: Record<string, unknown> = {}): void =>
  sim.seedTrail({
    Name: name,
    Status: 'Enable',
    EventRW: 'All',
    MaxComputeProjectArn: String(trailProps().MaxComputeProjectArn),
    CreateTime: trailTime(Date.now() - ageMs),
    ...extra,
  });

describe('Create', () => {
  test('the trail exists, made since ROS began this Create (a twin): converged, SUCCESS', async () => {
    seed('audit_all', 0, { Status: 'Fresh' });
    const { ctx } = ctxNow();
    const out = await createTrail(ctx, 'AuditTrail', config());
    expect(out.physicalResourceId).toBe('audit_all');
    expect(writesOf(sim)).toEqual(['StartLogging']);
    expect(sim.trail('audit_all')?.Status).toBe('Enable');
  });

  test('made in the very second ROS began the Create (the times are equal): a twin', async () => {
    const at = Math.floor(Date.now() / 1000) * 1000;
    sim.seedTrail({
      Name: 'audit_all',
      Status: 'Enable',
      EventRW: 'All',
      MaxComputeProjectArn: String(trailProps().MaxComputeProjectArn),
      CreateTime: trailTime(at),
    });
    const { ctx } = ctxNow();
    await createTrail({ ...ctx, operationSince: at }, 'AuditTrail', config());
    expect(
      (await rejection(createTrail({ ...ctx, operationSince: at + 1000 }, 'AuditTrail', config()))).message,
    ).toContain('already exists');
  });

  test('the trail exists, older than this Create, or ROS gave no time: refused, nothing written', async () => {
    seed('audit_all', 60_000);
    const { ctx } = ctxNow();
    expect((await rejection(createTrail(ctx, 'AuditTrail', config()))).message).toContain(
      'a trail named audit_all already exists',
    );
    sim.reset();
    seed('audit_all', 0);
    expect(
      (await rejection(createTrail({ ...ctx, operationSince: undefined }, 'AuditTrail', config()))).message,
    ).toContain('already exists');
    sim.reset();
    seed('audit_all', 0, { CreateTime: undefined });
    expect((await rejection(createTrail(ctx, 'AuditTrail', config()))).message).toContain('already exists');
    expect(writesOf(sim)).toEqual([]);
  });

  test('a twin makes the trail between the read and CreateTrail: it is read again and converged', async () => {
    const { ctx, api, logs } = ctxNow();
    api.before('CreateTrail', () => seed('audit_all', 0, { Status: 'Fresh' }));
    const out = await createTrail(ctx, 'AuditTrail', config());
    expect(out.data.Name).toBe('audit_all');
    expect(said(logs, 'a twin of this request made the trail at the same time: converging it')).toEqual([
      {
        level: 'info',
        msg: 'a twin of this request made the trail at the same time: converging it',
        name: 'audit_all',
      },
    ]);
    expect(writesOf(sim)).toEqual(['CreateTrail:TrailAlreadyExistsException', 'StartLogging']);
  });

  test('someone else makes it in between (older than the operation): refused as taken', async () => {
    const { ctx, api } = ctxNow();
    api.before('CreateTrail', () => seed('audit_all', 60_000));
    expect((await rejection(createTrail(ctx, 'AuditTrail', config()))).message).toContain('already exists');
  });
});

describe('rename', () => {
  const rename = (ctx: LifecycleContext, extra: Record<string, unknown> = {}): Promise<unknown> =>
    updateTrail(ctx, 'AuditTrail', 'audit_all', config({ Name: 'audit_new', ...extra }), trailProps({ ...extra }));

  test('the twin finished it (the old trail gone, the new one made since the Update began): SUCCESS, nothing written', async () => {
    seed('audit_new', 0);
    const { ctx, logs } = ctxNow();
    await rename(ctx);
    expect(writesOf(sim)).toEqual([]);
    const msg = 'the new name was made since ROS began this Update (a twin of this request): finishing its rename';
    expect(said(logs, msg)).toEqual([{ level: 'info', msg, oldName: 'audit_all', name: 'audit_new' }]);
  });

  test('the twin is half-way (both exist, the new one made since the Update began): the old one is deleted', async () => {
    seed('audit_all', HOUR / 2);
    seed('audit_new', 0);
    const { ctx } = ctxNow();
    await rename(ctx);
    expect(writesOf(sim)).toEqual(['DeleteTrail']);
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
  });

  test('a new name taken by an older trail is refused, as before', async () => {
    seed('audit_all', HOUR / 2);
    seed('audit_new', 60_000);
    const { ctx } = ctxNow();
    expect(((await rejection(rename(ctx))) as Error).message).toContain('a trail named audit_new already exists');
    expect(writesOf(sim)).toEqual([]);
  });

  test('same OSS bucket: the twin created the new trail after this request deleted the old one: SUCCESS with it', async () => {
    seed('audit_all', HOUR / 2, { OssBucketName: 'shared' });
    const { ctx, api } = ctxNow();
    api.after('DeleteTrail', () => {
      seed('audit_new', 0, { OssBucketName: 'shared' });
      sim.inject({
        kind: 'error',
        status: 400,
        code: 'RepeatOssBucket',
        message: 'in use',
        times: 1,
        action: 'CreateTrail',
      });
    });
    await rename(ctx, { OssBucketName: 'shared' });
    expect(writesOf(sim)).toEqual(['DeleteTrail', 'CreateTrail:RepeatOssBucket']);
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
  });

  test('same OSS bucket, the old trail not listed yet but holding the bucket: deleted first, then the new one made', async () => {
    seed('audit_all', HOUR / 2, { OssBucketName: 'shared' });
    sim.invisibleNext(1, 'DescribeTrails');
    const { ctx } = ctxNow();
    await rename(ctx, { OssBucketName: 'shared' });
    expect(writesOf(sim)).toEqual(['CreateTrail:RepeatOssBucket', 'DeleteTrail', 'CreateTrail', 'StartLogging']);
    expect(sim.trails().map((t) => t.Name)).toEqual(['audit_new']);
  });

  test('the old trail not listed, and the bucket held by a trail that is neither: the error stands', async () => {
    seed('someone_else', HOUR, { OssBucketName: 'shared' });
    const { ctx } = ctxNow();
    const e = await rejection(rename(ctx, { OssBucketName: 'shared' }));
    expect(e.message).toContain('RepeatOssBucket');
    expect(sim.trails().map((t) => t.Name)).toEqual(['someone_else']);
  });
});

describe('the rollback Delete of a failed Create', () => {
  test('no trail: nothing to delete; Data names no trail', async () => {
    const { ctx, logs } = ctxNow();
    expect(await deleteFailedCreateLeftover(ctx, 'create-failed.AuditTrail', 'audit_all')).toEqual({
      physicalResourceId: 'create-failed.AuditTrail',
      data: { Name: '', HomeRegion: 'cn-hangzhou' },
    });
    expect(writesOf(sim)).toEqual([]);
    const msg = 'the Create failed and left no trail; nothing to delete';
    expect(said(logs, msg)).toEqual([
      { level: 'info', msg, physicalId: 'create-failed.AuditTrail', name: 'audit_all' },
    ]);
  });

  test('made since ROS began creating the resource: deleted', async () => {
    seed('audit_all', 60_000);
    const { ctx } = ctxNow();
    const out = await deleteFailedCreateLeftover(ctx, 'create-failed.AuditTrail', 'audit_all');
    expect(out.data.Name).toBe('audit_all');
    expect(writesOf(sim)).toEqual(['DeleteTrail']);
    expect(sim.trails()).toEqual([]);
  });

  test('older than the resource: left alone', async () => {
    seed('audit_all', 2 * HOUR);
    const { ctx } = ctxNow();
    expect((await deleteFailedCreateLeftover(ctx, '', 'audit_all')).data.Name).toBe('');
    expect(writesOf(sim)).toEqual([]);
  });

  test('no creation time from ActionTrail or from ROS: FAILED, nothing deleted', async () => {
    seed('audit_all', 0, { CreateTime: undefined });
    const { ctx } = ctxNow();
    expect((await rejection(deleteFailedCreateLeftover(ctx, '', 'audit_all'))).message).toContain(
      'cannot prove that Create made',
    );
    sim.reset();
    seed('audit_all', 0);
    expect(
      (await rejection(deleteFailedCreateLeftover({ ...ctx, resourceSince: undefined }, '', 'audit_all'))).message,
    ).toContain('cannot prove that Create made');
    expect(writesOf(sim)).toEqual([]);
  });
});
