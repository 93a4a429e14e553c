/**
 * Seeded random fault schedules against the bundled provider (the index.js
 * inside the committed ZipFile, run in this process for speed; the lifecycle
 * suite runs it in a child process). Each schedule picks a request (Create,
 * settings Update, rename, rename onto the same OSS bucket, Delete), a few API
 * faults (throttling, HTTP 429 with a text body, 5xx, resets, slow answers,
 * empty 2xx bodies, "not found" right after a create, applied-then-hung
 * calls) and ResponseURL faults (5xx, hang, refused connection), runs it,
 * then ROS's rollback where ROS would send one, and checks the invariants.
 * Some schedules deliver the request twice (a retried invocation): one twin
 * after the other, or both at the same time, while ROS's record (the stand-in
 * of the harness) still waits; ROS takes the first accepted answer.
 *
 * - exactly one accepted answer per delivery ROS waits for, and every answer
 *   is at most 4,096 bytes; twins without API faults both answer SUCCESS;
 * - afterwards only the trails the stack owns exist (the desired one after
 *   SUCCESS, the previous state after FAILED + rollback), unless a FAILED
 *   Reason names a leftover and how to remove it;
 * - the foreign trail is never touched (no mutating call names it);
 * - no 8-character piece of a credential or of the ownership key in any
 *   log line or answer;
 * - every invocation ends before the function's timeout.
 *
 * The seed is fixed (override with FAULT_SCHEDULE_SEED); a failure prints the
 * schedule so it can be replayed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { Fault } from './simulator';
import {
  FAKE,
  captureConsole,
  fcContext,
  pid,
  rosEvent,
  timePasses,
  trailProps,
  useProviderEnvironment,
  withEnv,
} from './harness';

const SCHEDULES = 200;
const SEED = Number(process.env.FAULT_SCHEDULE_SEED ?? 20261129);
const FUNCTION_TIMEOUT_S = 8;
const FOREIGN = 'security_org';

const { sim, receiver, stack } = useProviderEnvironment();
const output = captureConsole();
let bundled: { handler: (event: Buffer, context: unknown) => Promise<{ Status: string } | undefined> };
let tmp = '';

beforeAll(() => {
  const generated = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../lib/provider/handler-code.generated.json'), 'utf8'),
  );
  const files = unzipSync(new Uint8Array(Buffer.from(generated.zipFileBase64, 'base64')));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-faults-'));
  fs.writeFileSync(path.join(tmp, 'index.js'), Buffer.from(files['index.js']));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, from a path known only at run time
  bundled = require(path.join(tmp, 'index.js'));
});
afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'create' | 'update' | 'rename' | 'rename-shared-bucket' | 'delete';
const KINDS: Kind[] = ['create', 'update', 'rename', 'rename-shared-bucket', 'delete'];
const ACTIONS = [
  'CreateTrail',
  'UpdateTrail',
  'DeleteTrail',
  'StartLogging',
  'StopLogging',
  'DescribeTrails',
  'GetTrailStatus',
];

/** How often the request is delivered: once, twice one after the other, or twice at the same time. */
type Twin = 'once' | 'sequential' | 'concurrent';

interface Schedule {
  kind: Kind;
  twin: Twin;
  apiFaults: Fault[];
  answerFaults: Array<'500' | 'reset' | 'hang'>;
  refusedPublicUrl: boolean;
}

function makeSchedule<K extends string = Kind>(
  random: () => number,
  twinRandom: () => number,
  kinds: readonly K[] = KINDS as unknown as K[],
  actions: readonly string[] = ACTIONS,
  persistent: readonly string[] = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging'],
): Omit<Schedule, 'kind'> & { kind: K } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const kind = pick(kinds);
  const apiFaults: Fault[] = [];
  const n = Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const action = random() < 0.8 ? pick(actions) : undefined;
    const times = 1 + Math.floor(random() * 3);
    const f = pick([
      'throttle',
      '429',
      '5xx',
      'reset',
      'slow',
      'too-slow',
      'empty',
      'invisible',
      'commit-hang',
    ] as const);
    if (f === 'throttle')
      apiFaults.push({ kind: 'error', status: 400, code: 'Throttling.User', message: 'flow control', times, action });
    if (f === '429') apiFaults.push({ kind: 'text', status: 429, body: 'Too Many Requests', times, action });
    if (f === '5xx')
      apiFaults.push({ kind: 'error', status: 503, code: 'ServiceUnavailable', message: 'try later', times, action });
    if (f === 'reset') apiFaults.push({ kind: 'reset', times, action });
    if (f === 'slow') apiFaults.push({ kind: 'delay', ms: 40, times, action });
    if (f === 'too-slow') apiFaults.push({ kind: 'delay', ms: 160, times: 1, action });
    if (f === 'empty') apiFaults.push({ kind: 'empty', times, action });
    if (f === 'invisible')
      apiFaults.push({ kind: 'invisible', times, action: pick(['StartLogging', 'GetTrailStatus', 'DescribeTrails']) });
    if (f === 'commit-hang') apiFaults.push({ kind: 'commit-hang', ms: 160, times: 1, action });
  }
  // Sometimes one write fails for good (a non-retryable error): the undo paths and ROS's rollback run.
  if (random() < 0.25) {
    apiFaults.push({
      kind: 'error',
      status: 400,
      code: 'InvalidParameter',
      message: 'persistent',
      times: 1000,
      action: pick(persistent),
    });
  }
  const answerFaults: Schedule['answerFaults'] = [];
  const m = Math.floor(random() * 3);
  for (let i = 0; i < m; i++) answerFaults.push(pick(['500', 'reset', 'hang'] as const));
  const refusedPublicUrl = random() < 0.2;
  // Drawn from a stream of its own, so the single-delivery part of each schedule stays what it was.
  const r = twinRandom();
  const twin: Twin = r < 0.5 ? 'once' : r < 0.75 ? 'sequential' : 'concurrent';
  return { kind, twin, apiFaults, answerFaults, refusedPublicUrl };
}

const OLD = trailProps({ Name: 'audit_all' });
const SETTINGS_CHANGED = trailProps({ Name: 'audit_all', EventRW: 'Write', OssBucketName: 'audit-bucket-x' });
const RENAMED = trailProps({ Name: 'audit_new' });
const OLD_SHARED = trailProps({ Name: 'audit_all', OssBucketName: 'shared-bucket' });
const RENAMED_SHARED = trailProps({ Name: 'audit_new', OssBucketName: 'shared-bucket' });

/** Seeds the state a schedule starts from; returns the old and new properties. */
function setUp(kind: Kind): { old?: Record<string, unknown>; next?: Record<string, unknown> } {
  sim.seedTrail({
    Name: FOREIGN,
    Status: 'Enable',
    EventRW: 'All',
    SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/security',
  });
  const seed = (p: Record<string, unknown>): void =>
    sim.seedTrail({
      Name: String(p.Name),
      Status: 'Enable',
      EventRW: String(p.EventRW),
      TrailRegion: 'All',
      MaxComputeProjectArn: String(p.MaxComputeProjectArn),
      ...(p.OssBucketName ? { OssBucketName: String(p.OssBucketName) } : {}),
    });
  if (kind === 'create') return { next: OLD };
  if (kind === 'update') return (seed(OLD), { old: OLD, next: SETTINGS_CHANGED });
  if (kind === 'rename') return (seed(OLD), { old: OLD, next: RENAMED });
  if (kind === 'rename-shared-bucket') return (seed(OLD_SHARED), { old: OLD_SHARED, next: RENAMED_SHARED });
  return (seed(OLD), { old: OLD });
}

/** The event of a schedule; the public URL may point to a refused port (the intranet one is the receiver). */
function event(type: 'Create' | 'Update' | 'Delete', fields: Record<string, unknown>, refused: boolean): Buffer {
  const e = JSON.parse(rosEvent(receiver, type, fields).toString());
  if (refused) e.ResponseURL = 'http://127.0.0.1:1/ros/response/refused?Signature=x';
  return Buffer.from(JSON.stringify(e));
}

/** The foreign trail as stored, but for its CreateTime (which `timePasses` moves). */
function foreignState(): string {
  const { CreateTime: _created, ...rest } = sim.trail(FOREIGN) ?? { CreateTime: undefined };
  return JSON.stringify(rest);
}

/** Every `size`-character piece of `secret` found in `text`. */
function pieces(text: string, secret: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i++)
    if (text.includes(secret.slice(i, i + size))) out.push(secret.slice(i, i + size));
  return out;
}

function expectedNames(kind: Kind, status: string): string[] {
  if (status === 'SUCCESS') return kind === 'delete' ? [] : kind.startsWith('rename') ? ['audit_new'] : ['audit_all'];
  return kind === 'create' ? [] : ['audit_all'];
}

test(`${SCHEDULES} seeded fault schedules keep every invariant`, async () => {
  const random = rng(SEED);
  const twinRandom = rng(SEED ^ 0x7717);
  const stats = {
    SUCCESS: 0,
    FAILED: 0,
    worstMs: 0,
    rollbacks: 0,
    rollbacksRefused: 0,
    leftoversNamed: 0,
    twins: 0,
    twinsBothSuccess: 0,
  };
  const context = fcContext({
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: FUNCTION_TIMEOUT_S },
  });
  await withEnv(
    {
      ACTIONTRAIL_RETRY_BUDGET_MS: '3000',
      ACTIONTRAIL_REQUEST_TIMEOUT_MS: '120',
      ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '150',
    },
    async () => {
      for (let i = 0; i < SCHEDULES; i++) {
        sim.reset();
        receiver.reset();
        output.lines.length = 0;
        stack.reset();
        const schedule = makeSchedule(random, twinRandom);
        const where = `schedule ${i} (seed ${SEED}): ${JSON.stringify(schedule)}`;
        const { old, next } = setUp(schedule.kind);
        const foreignBefore = foreignState();
        const physicalId = pid('audit_all');
        for (const f of schedule.apiFaults) sim.inject(f);
        receiver.failNext(...schedule.answerFaults);

        let ev: Buffer;
        if (schedule.kind === 'create') ev = event('Create', { ResourceProperties: next }, schedule.refusedPublicUrl);
        else if (schedule.kind === 'delete') {
          process.env.TRAIL_DECLARATIONS = JSON.stringify({ AuditTrail: old });
          ev = event('Delete', { PhysicalResourceId: physicalId, ResourceProperties: old }, schedule.refusedPublicUrl);
        } else
          ev = event(
            'Update',
            { PhysicalResourceId: physicalId, ResourceProperties: next, OldResourceProperties: old },
            schedule.refusedPublicUrl,
          );

        // Twins at the same time both start while ROS waits; ROS records the first accepted answer once both are
        // done. A twin one after the other comes once ROS has recorded the first answer: it is not confirmed.
        if (schedule.twin === 'concurrent') receiver.onAnswer = undefined;
        const started = Date.now();
        const timed = async (): Promise<{ Status: string } | undefined> => {
          const t0 = Date.now();
          const r = await bundled.handler(ev, context);
          stats.worstMs = Math.max(stats.worstMs, Date.now() - t0);
          expect(Date.now() - t0).toBeLessThan(FUNCTION_TIMEOUT_S * 1000);
          return r;
        };
        const results =
          schedule.twin === 'once'
            ? [await timed()]
            : schedule.twin === 'sequential'
              ? [await timed(), await timed()]
              : await Promise.all([timed(), timed()]);
        const ms = Date.now() - started;
        if (schedule.twin === 'concurrent') {
          receiver.onAnswer = (body) => stack.answered(body);
          if (receiver.answers.length > 0) stack.answered(receiver.answers[0].body);
        }
        try {
          expect(ms).toBeLessThan(FUNCTION_TIMEOUT_S * 1000 * results.length);
          if (schedule.twin === 'sequential') {
            // ROS recorded the first answer: the late twin changes nothing, reads nothing and is not answered.
            expect(results[1]).toBeUndefined();
            results.pop();
          }
          expect(receiver.answers).toHaveLength(results.length);
          for (const a of receiver.attempts) expect(Buffer.byteLength(a.raw)).toBeLessThanOrEqual(4096);
          // What ROS takes: the first accepted answer. A leftover may be named by either twin.
          const answer = receiver.answers[0].body!;
          const reasons = receiver.answers.map((a) => String(a.body?.Reason ?? '')).join(' ');
          expect(results.map((r) => r?.Status).sort()).toEqual(receiver.answers.map((a) => a.body?.Status).sort());
          if (results.length > 1) {
            stats.twins++;
            const all = receiver.answers.map((a) => a.body?.Status);
            if (all.every((st) => st === 'SUCCESS')) stats.twinsBothSuccess++;
            // Without API faults, a twin never makes the other fail.
            if (schedule.apiFaults.length === 0) expect(all).toEqual(['SUCCESS', 'SUCCESS']);
            // Twins agree on the physical ID they answer with SUCCESS.
            expect(
              new Set(
                receiver.answers.filter((a) => a.body?.Status === 'SUCCESS').map((a) => a.body?.PhysicalResourceId),
              ).size,
            ).toBeLessThanOrEqual(1);
          }
          stats[answer.Status as 'SUCCESS' | 'FAILED']++;
          if (schedule.kind !== 'create') expect(answer.PhysicalResourceId).toBe(physicalId);

          // ROS's rollback: a failed Update is rolled back (old template, old properties); a failed Create is deleted.
          // Let applied-then-hung calls land before judging the state.
          // (and late attempts that a client timed out on: they must not land in the next schedule).
          await sim.idle();
          sim.clearFaults();
          receiver.clearFailures();
          if (answer.Status === 'FAILED' && schedule.kind !== 'delete') {
            stats.rollbacks++;
            const before = receiver.answers.length;
            timePasses(sim);
            if (schedule.kind === 'create') {
              await bundled.handler(
                event('Delete', { PhysicalResourceId: answer.PhysicalResourceId, ResourceProperties: next }, false),
                context,
              );
            } else {
              await bundled.handler(
                event(
                  'Update',
                  { PhysicalResourceId: physicalId, ResourceProperties: old, OldResourceProperties: next },
                  false,
                ),
                context,
              );
            }
            expect(receiver.answers.length - before).toBe(1);
            for (const at of receiver.attempts) expect(Buffer.byteLength(at.raw)).toBeLessThanOrEqual(4096);
            const rollback = receiver.last();
            if (rollback.Status !== 'SUCCESS') {
              // Only when the failed update could not undo itself: its Reason named the leftover, and so does the rollback's.
              expect(reasons).toContain('DeleteTrail --Name');
              expect(rollback.Reason).toContain('cannot prove that the trail');
              stats.rollbacksRefused++;
            }
          }

          // A rollback Delete cleans up after a failed Create: only a leftover named in the Reason may remain.
          const names = sim
            .trails()
            .map((t) => t.Name)
            .filter((n) => n !== FOREIGN)
            .sort();
          const expected = expectedNames(schedule.kind, answer.Status);
          const extra = names.filter((n) => !expected.includes(n));
          for (const leftover of extra) {
            // Allowed only when the FAILED Reason names it and says how to remove it.
            expect(answer.Status).toBe('FAILED');
            expect(reasons).toContain(`DeleteTrail --Name ${leftover}`);
            stats.leftoversNamed++;
          }
          for (const name of expected) expect(names).toContain(name);
          for (const name of expected) {
            const t = sim.trail(name)!;
            expect(t.Status).toBe('Enable');
          }
          if (answer.Status === 'SUCCESS' && schedule.kind === 'update')
            expect(sim.trail('audit_all')).toMatchObject({ EventRW: 'Write', OssBucketName: 'audit-bucket-x' });
          if (answer.Status === 'FAILED' && schedule.kind === 'update')
            expect(sim.trail('audit_all')?.OssBucketName).toBeUndefined();

          expect(foreignState()).toBe(foreignBefore);
          const mutating = sim.calls.filter((c) => !['DescribeTrails', 'GetTrailStatus'].includes(c.action));
          expect(mutating.filter((c) => c.params.Name === FOREIGN)).toEqual([]);

          const written = [...output.lines, ...receiver.attempts.map((a) => a.raw)].join('\n');
          for (const secret of Object.values(FAKE)) expect(pieces(written, secret)).toEqual([]);
        } catch (e) {
          throw new Error(
            `${where}\nanswer: ${JSON.stringify(receiver.answers.map((a) => a.body))}\ncalls: ${sim.calls.map((c) => `${c.action}${c.fault ? `[${c.fault}]` : ''}:${c.status}`).join(' ')}\n${(e as Error).message}`,
          );
        }
      }
    },
  );
  // The numbers the README and the report quote.
  process.stdout.write(
    `fault schedules: ${JSON.stringify({ seed: SEED, schedules: SCHEDULES, ...stats, functionTimeoutMs: FUNCTION_TIMEOUT_S * 1000 })}\n`,
  );
  expect(stats.SUCCESS).toBeGreaterThan(SCHEDULES / 4);
  expect(stats.FAILED).toBeGreaterThan(0);
}, 600_000);

// ------------------------------------------------------------------ data events

type EventsKind = 'events-create' | 'events-change' | 'events-remove' | 'events-delete';
const EVENTS_KINDS: EventsKind[] = ['events-create', 'events-change', 'events-remove', 'events-delete'];
const EVENTS_ACTIONS = [...ACTIONS, 'PutDataEventSelector', 'GetDataEventSelector', 'DeleteDataEventSelector'];
const SELECTORS_A = '[{"ServiceName":"Oss","ReadWriteType":"All","ResourceArn":{"Equals":["acs:oss:*:*:bucket-a"]}}]';
const SELECTORS_B = '[{"ServiceName":"Oss","ReadWriteType":"Write"}]';
const WITH_A = trailProps({ Name: 'audit_all', DataEventSelectors: SELECTORS_A, DataEventTrailRegion: 'All' });
const WITH_B = trailProps({ Name: 'audit_all', DataEventSelectors: SELECTORS_B, DataEventTrailRegion: 'All' });
const FOREIGN_SELECTORS = [{ ServiceName: 'Push', ReadWriteType: 'All' }];

test('100 seeded fault schedules over data event selectors keep every invariant, selectors included', async () => {
  const random = rng(SEED + 19);
  const stats = { SUCCESS: 0, FAILED: 0, rollbacks: 0 };
  const context = fcContext({
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: FUNCTION_TIMEOUT_S },
  });
  const selectorsOf = (name: string): string | undefined =>
    sim.dataEvents(name) && JSON.stringify(sim.dataEvents(name)!.selectors);
  await withEnv(
    {
      ACTIONTRAIL_RETRY_BUDGET_MS: '3000',
      ACTIONTRAIL_REQUEST_TIMEOUT_MS: '120',
      ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '150',
    },
    async () => {
      for (let i = 0; i < 100; i++) {
        sim.reset();
        receiver.reset();
        output.lines.length = 0;
        // ROS's record of the stack starts afresh too: each schedule is a stack operation of its own.
        stack.reset();
        // Delivered once each: the twins are the main schedules' subject.
        const schedule = makeSchedule(random, () => 0, EVENTS_KINDS, EVENTS_ACTIONS, [
          'PutDataEventSelector',
          'DeleteDataEventSelector',
          'DeleteTrail',
          'UpdateTrail',
        ]);
        const where = `data-event schedule ${i} (seed ${SEED + 19}): ${JSON.stringify(schedule)}`;
        sim.seedTrail({
          Name: FOREIGN,
          Status: 'Enable',
          EventRW: 'All',
          SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/security',
        });
        sim.seedDataEvents(FOREIGN, FOREIGN_SELECTORS);
        const foreignBefore = selectorsOf(FOREIGN);
        const old =
          schedule.kind === 'events-create'
            ? undefined
            : schedule.kind === 'events-remove' ||
                schedule.kind === 'events-change' ||
                schedule.kind === 'events-delete'
              ? WITH_A
              : undefined;
        const next =
          schedule.kind === 'events-create'
            ? WITH_A
            : schedule.kind === 'events-change'
              ? WITH_B
              : schedule.kind === 'events-remove'
                ? OLD
                : undefined;
        if (old) {
          sim.seedTrail({
            Name: 'audit_all',
            Status: 'Enable',
            EventRW: 'All',
            TrailRegion: 'All',
            MaxComputeProjectArn: String(old.MaxComputeProjectArn),
          });
          sim.seedDataEvents('audit_all', JSON.parse(SELECTORS_A));
        }
        const physicalId = pid('audit_all');
        for (const f of schedule.apiFaults) sim.inject(f);
        receiver.failNext(...schedule.answerFaults);
        let ev: Buffer;
        if (schedule.kind === 'events-create')
          ev = event('Create', { ResourceProperties: next }, schedule.refusedPublicUrl);
        else if (schedule.kind === 'events-delete') {
          process.env.TRAIL_DECLARATIONS = JSON.stringify({ AuditTrail: old });
          ev = event('Delete', { PhysicalResourceId: physicalId, ResourceProperties: old }, schedule.refusedPublicUrl);
        } else
          ev = event(
            'Update',
            { PhysicalResourceId: physicalId, ResourceProperties: next, OldResourceProperties: old },
            schedule.refusedPublicUrl,
          );
        await bundled.handler(ev, context);
        try {
          expect(receiver.answers).toHaveLength(1);
          for (const at of receiver.attempts) expect(Buffer.byteLength(at.raw)).toBeLessThanOrEqual(4096);
          const answer = receiver.last();
          stats[answer.Status as 'SUCCESS' | 'FAILED']++;
          await sim.idle();
          sim.clearFaults();
          receiver.clearFailures();
          if (answer.Status === 'SUCCESS') {
            if (schedule.kind === 'events-create') expect(selectorsOf('audit_all')).toBe(SELECTORS_A);
            if (schedule.kind === 'events-change') expect(selectorsOf('audit_all')).toBe(SELECTORS_B);
            if (schedule.kind === 'events-remove') expect(sim.dataEvents('audit_all')).toBeUndefined();
            if (schedule.kind === 'events-delete') expect(sim.trail('audit_all')).toBeUndefined();
          } else if (schedule.kind === 'events-create') {
            // The failed Create undid itself, or its Reason names the leftover trail.
            if (sim.trail('audit_all')) expect(answer.Reason).toContain('DeleteTrail --Name audit_all');
          } else {
            // A failed change or delete left the selectors as they were, or its Reason gives the command that restores them.
            if (selectorsOf('audit_all') !== SELECTORS_A)
              expect(answer.Reason).toMatch(
                /PutDataEventSelector --region cn-hangzhou --TrailName audit_all|DeleteTrail --Name/,
              );
            if (schedule.kind !== 'events-delete') {
              stats.rollbacks++;
              const before = receiver.answers.length;
              await bundled.handler(
                event(
                  'Update',
                  { PhysicalResourceId: physicalId, ResourceProperties: old, OldResourceProperties: next },
                  false,
                ),
                context,
              );
              expect(receiver.answers.length - before).toBe(1);
              for (const at of receiver.attempts) expect(Buffer.byteLength(at.raw)).toBeLessThanOrEqual(4096);
              if (receiver.last().Status === 'SUCCESS') expect(selectorsOf('audit_all')).toBe(SELECTORS_A);
            }
          }
          // The foreign trail's selectors are never touched, nor any data-event call made about it.
          expect(selectorsOf(FOREIGN)).toBe(foreignBefore);
          expect(
            sim.calls.filter((c) => c.action.includes('DataEventSelector') && c.params.TrailName === FOREIGN),
          ).toEqual([]);
          const written = [...output.lines, ...receiver.attempts.map((a) => a.raw)].join('\n');
          for (const secret of Object.values(FAKE)) expect(pieces(written, secret)).toEqual([]);
        } catch (e) {
          throw new Error(
            `${where}\nanswer: ${JSON.stringify(receiver.answers.map((a) => a.body))}\ncalls: ${sim.calls.map((c) => `${c.action}${c.fault ? `[${c.fault}]` : ''}:${c.status}`).join(' ')}\n${(e as Error).message}`,
          );
        }
      }
    },
  );
  process.stdout.write(
    `data-event fault schedules: ${JSON.stringify({ seed: SEED + 19, schedules: 100, ...stats })}\n`,
  );
  expect(stats.SUCCESS).toBeGreaterThan(25);
  expect(stats.FAILED).toBeGreaterThan(0);
}, 600_000);
