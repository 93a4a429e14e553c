/**
 * `status` checks MaxCompute delivery (delivering / no table yet / NOT
 * delivering), `--wait-for-delivery`, `--schema`, `--json`; drift is reported
 * with its repair command, and `deploy` of the unchanged template repairs it:
 * a trail stopped by hand in the stand-in is logging again.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly, synthExamples } from './harness';
import { waitForDelivery, DeliveryReport } from '../src/delivery';
import { InterruptedError } from '../src/errors';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];
const PROJECT = `actiontrail_${ARCHIVE}`;
const TABLE = `${PROJECT}.actiontrail_org_audit`;

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

beforeAll(() => {
  project = tempDir('atcdk-status-');
  synthExamples(path.join(project, 'cdk.out'));
  creds = tempHome();
});

/** Deploys the org app's management stack (and its log archive). */
async function deployOrg(run: StandInRun): Promise<void> {
  const r = await run([
    'deploy',
    'OrgAudit-Management',
    '--app',
    'cdk.out',
    ...PROFILE_FLAGS,
    '--yes',
    '--require-approval',
    'never',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

const status = (run: StandInRun, ...extra: string[]) =>
  run(['status', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, ...extra]);

test('status: no table yet, then NOT delivering hours after the start (exit 1), then delivering with the latest partition; --schema, --json', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    const fresh = await status(run);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain(
      `    MaxCompute ${TABLE}: no table yet: the trail started 0 min ago; ActionTrail delivers in about 10 minutes\n`,
    );
    // The table is read with the archive account's credentials (the project's owner).
    expect(standIn.calls('GetTableInfo').map((q) => q.account)).toEqual([ARCHIVE]);

    const trail = standIn.trailsOf(MGMT).get('org_audit')!;
    trail.startLoggingTime = new Date(Date.now() - 3 * 3600_000).toISOString();
    const late = await status(run);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain(
      `    MaxCompute ${TABLE}: NOT delivering: no table ${TABLE} 3 h after logging started\n`,
    );
    expect(late.stderr).toContain(`  trail 'org_audit': NOT delivering: no table ${TABLE} 3 h after logging started\n`);

    // Logging since 21:00, its events in the partition of 22:00 (a partition older than the start is not this trail's: below).
    trail.startLoggingTime = '2026-12-06T21:00:00.000Z';
    standIn.now = Date.UTC(2026, 11, 6, 22, 0, 0);
    standIn.deliver(ARCHIVE, PROJECT, 'org_audit');
    const ok = await status(run, '--schema');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(`    MaxCompute ${TABLE}: delivering: latest partition ds=2026120622, \\d+ (min|h) old\\n`),
    );
    expect(ok.stdout).toContain(
      '    column event STRING: the event, JSON (stand-in: the real columns are not known)\n',
    );
    expect(ok.stdout).toContain('    partition column ds STRING\n');

    const json = await status(run, '--json', '--schema');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ version: 1, ok: true, problems: [] });
    expect(doc.stacks[0]).toMatchObject({
      stack: 'OrgAudit-Management',
      deployed: true,
      status: 'CREATE_COMPLETE',
      account: MGMT,
      region: 'cn-hangzhou',
    });
    expect(doc.stacks[0].trails[0]).toMatchObject({
      name: 'org_audit',
      organization: true,
      found: true,
      logging: true,
      drift: [],
      delivery: {
        state: 'delivering',
        project: PROJECT,
        table: 'actiontrail_org_audit',
        latestPartition: 'ds=2026120622',
        schema: { partitionColumns: [{ name: 'ds', type: 'STRING', comment: '' }] },
      },
    });
  });
});

test('AccessDenied on GetTableInfo and throttling on ListTablePartitions: a could-not-check line naming the RAM action; status stays 0', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    standIn.faults.push({
      action: 'GetTableInfo',
      times: 100,
      status: 403,
      code: 'NoPermission',
      message: 'You are not authorized to do this action.',
    });
    const denied = await status(run);
    expect(denied.code).toBe(0);
    expect(denied.stdout).toContain(
      `    MaxCompute ${TABLE}: could not check delivery: GetTableInfo was refused (NoPermission: You are not authorized to do this action.); grant odps:GetTableInfo\n`,
    );
    standIn.faults.length = 0;
    standIn.deliver(ARCHIVE, PROJECT, 'org_audit');
    standIn.faults.push({
      action: 'ListTablePartitions',
      times: 100,
      status: 400,
      code: 'Throttling.User',
      message: 'Request was denied due to user flow control.',
    });
    const throttled = await status(run);
    expect(throttled.code).toBe(0);
    expect(throttled.stdout).toContain(
      `    MaxCompute ${TABLE}: could not check delivery: ListTablePartitions was throttled (Throttling.User: Request was denied due to user flow control.); run status again\n`,
    );
  });
});

test('--wait-for-delivery polls until the first partition appears; it gives up after the minutes given (exit 1)', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    const timedOut = await status(run, '--wait-for-delivery', '0.005');
    expect(timedOut.code).toBe(1);
    expect(timedOut.stdout).toContain(
      `    MaxCompute ${TABLE}: NOT delivering: no table ${TABLE} after waiting 0 min\n`,
    );
    expect(timedOut.stderr).toContain(`waiting for delivery: actiontrail_org_audit (`);

    const before = standIn.calls('GetTableInfo').length;
    const waited = await run(
      ['status', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--wait-for-delivery', '5'],
      {
        env: { ACTIONTRAIL_CDK_DELIVERY_POLL_MS: '50' },
        onOutput: { text: 'waiting for delivery', then: () => standIn.deliver(ARCHIVE, PROJECT, 'org_audit') },
      },
    );
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(new RegExp(`MaxCompute ${TABLE}: delivering: latest partition ds=\\d{10}`));
    expect(standIn.calls('GetTableInfo').length - before).toBeGreaterThanOrEqual(2);
  });
});

test('drift: a trail stopped and changed by hand is reported with the repair command; deploy of the unchanged template makes ROS update it: logging again', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    const trail = standIn.trailsOf(MGMT).get('org_audit')!;
    trail.isLogging = false;
    trail.status = 'Disable';
    trail.settings = { ...trail.settings, EventRW: 'Write' };

    const drifted = await status(run);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('    drift: not logging; EventRW is Write, the template says All\n');
    expect(drifted.stdout).toContain(
      '  repair the drift: npx actiontrail-cdk deploy OrgAudit-Management --exclusively\n',
    );
    expect(drifted.stderr).toContain("  trail 'org_audit' drifted: EventRW is Write, the template says All\n");

    // diff sees no template difference: the drift is not in the template.
    const diff = await run(['diff', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--exclusively']);
    expect(diff.stdout).toContain('OrgAudit-Management: no differences');

    const stack = standIn.liveStack(MGMT, 'OrgAudit-Management')!;
    const repair = await run([
      'deploy',
      'OrgAudit-Management',
      '--exclusively',
      '--app',
      'cdk.out',
      ...PROFILE_FLAGS,
      '--yes',
      '--require-approval',
      'never',
      '--tags',
      'team=security',
    ]);
    expect(repair.stderr).toBe('');
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(
      /OrgAudit-Management: the template is unchanged, but trail org_audit: not logging; EventRW is Write, the template says All: UpdateStack with ActionTrailCdkConverge=repair-\d+, so that ROS updates the trails and the provider converges them/,
    );
    expect(repair.stdout).toContain('OrgAudit-Management: UPDATE_COMPLETE');
    // Two UpdateStack calls: the plain one (no changes), then the same template with the new parameter value.
    const updates = standIn.calls('UpdateStack');
    expect(updates).toHaveLength(2);
    expect(updates[1].params.TemplateBody).toBe(
      fs.readFileSync(path.join(project, 'cdk.out', 'OrgAudit-Management.template.json'), 'utf8'),
    );
    expect(updates[1].params['Parameters.1.ParameterKey']).toBe('ActionTrailCdkConverge');
    // The repair is a deploy like any other: the stack's tags (and --parameters, --disable-rollback...) go with it.
    expect(updates[1].params).toMatchObject({ 'Tags.1.Key': 'team', 'Tags.1.Value': 'security' });
    expect(updates[0].params).toMatchObject({ 'Tags.1.Key': 'team', 'Tags.1.Value': 'security' });
    expect(stack.parameters).toEqual({ ActionTrailCdkConverge: expect.stringMatching(/^repair-\d+$/) });

    const after = standIn.trailsOf(MGMT).get('org_audit')!;
    expect(after.isLogging).toBe(true);
    expect(after.settings?.EventRW).toBe('All');
    const healthy = await status(run);
    expect(healthy.stdout).not.toContain('drift');
    expect(healthy.stdout).toContain('  trail org_audit (multi-account): logging');
  });
});

test('waitForDelivery with a fake clock: polls at the interval until no table is pending, else marks it NOT delivering at the deadline', async () => {
  let clock = 0;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };
  const report = (state: DeliveryReport['state']): DeliveryReport => ({
    state,
    project: 'p',
    table: 'actiontrail_t',
    message: state,
  });
  let rounds = 0;
  const arrives = await waitForDelivery(async () => [report(++rounds < 3 ? 'no-table-yet' : 'delivering')], {
    timeoutMs: 600_000,
    intervalMs: 30_000,
    now: () => clock,
    sleep,
  });
  expect(arrives[0].state).toBe('delivering');
  expect(sleeps).toEqual([30_000, 30_000]);

  clock = 0;
  sleeps.length = 0;
  const never = await waitForDelivery(async () => [report('no-table-yet'), report('could-not-check')], {
    timeoutMs: 70_000,
    intervalMs: 30_000,
    now: () => clock,
    sleep,
  });
  expect(sleeps).toEqual([30_000, 30_000, 10_000]);
  expect(never.map((r) => r.state)).toEqual(['not-delivering', 'could-not-check']);
  expect(never[0].message).toBe('NOT delivering: no table p.actiontrail_t after waiting 1 min');
});

test('a template without the drift-repair parameter (an older synth): status and deploy say to synthesize again; nothing is updated', async () => {
  const dir = path.join(project, 'old');
  writeAssembly(dir, [
    {
      id: 'Old',
      account: MGMT,
      region: 'cn-hangzhou',
      template: {
        ROSTemplateFormatVersion: '2015-09-01',
        Resources: {
          Trail: {
            Type: 'Custom::ActionTrailTrail',
            Properties: { Parameters: { Name: 'old_trail', EventRW: 'All', TrailRegion: 'All', Logging: true } },
          },
        },
      },
    },
  ]);
  await withStandIn(async (standIn, run) => {
    const flags = ['--app', 'old', '--profile', `${MGMT}=mgmt`];
    expect((await run(['deploy', ...flags, '--yes', '--require-approval', 'never'])).code).toBe(0);
    standIn.trailsOf(MGMT).get('old_trail')!.isLogging = false;
    const r = await run(['status', ...flags]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '  repair the drift: synthesize with this actiontrail-cdk (the template has no ActionTrailCdkConverge parameter), then npx actiontrail-cdk deploy Old --exclusively\n',
    );
    const deploy = await run(['deploy', ...flags, '--yes', '--require-approval', 'never']);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain(
      'Old: the template is unchanged, but trail old_trail: not logging; this template cannot make ROS update its trails (no ActionTrailCdkConverge parameter): synthesize it with this actiontrail-cdk and deploy again\n',
    );
    expect(deploy.stdout).toContain('Old: no changes (ROS: the template is the one the stack already has)');
    expect(standIn.calls('UpdateStack')).toHaveLength(1);
    expect(standIn.trailsOf(MGMT).get('old_trail')!.isLogging).toBe(false);
  });
});

// --- Whether events arrive: credentials, a missing project, Ctrl-C in the wait, the summary line ---

const DEFAULT_ACCOUNT = '9999999999999999';

test("--profile <name> (the stacks' one account) never reads the project of another account: could not check, no GetTableInfo as that profile", async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    const before = standIn.calls('GetTableInfo').length;
    const bare = await run(['status', 'OrgAudit-Management', '--app', 'cdk.out', '--profile', 'mgmt']);
    expect(bare.stdout).toContain(
      `    MaxCompute ${TABLE}: could not check delivery: no credentials for account ${ARCHIVE}, which owns the project; pass --profile ${ARCHIVE}=<profile>\n`,
    );
    expect(bare.stdout).not.toContain('no table yet');
    // Not one MaxCompute call: mgmt's credentials are account 1111, not the project's 3333.
    expect(standIn.calls('GetTableInfo').length).toBe(before);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain(
      `status: 1 stack deployed, 1 trail logging without delivery errors; events arriving: 0 trails; not checked: 1 (org_audit: no credentials for account ${ARCHIVE}, which owns the project)\n`,
    );

    const json = await run(['status', 'OrgAudit-Management', '--app', 'cdk.out', '--profile', 'mgmt', '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.arrival).toEqual({ arriving: 0, notYet: 0, notArriving: 0, notChecked: 1, noCheck: 0 });
    expect(doc.stacks[0].trails[0]).toMatchObject({
      arrival: 'not-checked',
      delivery: { state: 'could-not-check', project: PROJECT },
    });
    expect(standIn.calls('GetTableInfo').length).toBe(before);
  });
});

test('a project that does not exist (NoSuchProject), or a not-found code not known to mean a missing table, is a problem (exit 1), not "no table yet"', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    standIn.projectsOf(ARCHIVE).delete(PROJECT);
    const gone = await status(run);
    const line =
      `MaxCompute project ${PROJECT} not found (NoSuchProject) with the credentials of account ${ARCHIVE}: ActionTrail cannot deliver there; ` +
      `check that the trail's MaxComputeProjectArn acs:odps:cn-hangzhou:${ARCHIVE}:project/${PROJECT} names an existing project, and that the credentials given for account ${ARCHIVE} are that account's`;
    expect(gone.stdout).toContain(`    MaxCompute ${TABLE}: ${line}\n`);
    expect(gone.stdout).not.toContain('no table yet');
    expect(gone.stderr).toContain(`  trail 'org_audit': ${line}\n`);
    expect(gone.stderr).toContain('status: events arriving: 0 trails; NOT arriving: 1 (org_audit)\n');
    expect(gone.code).toBe(1);
    const doc = JSON.parse((await status(run, '--json')).stdout);
    expect(doc).toMatchObject({ ok: false, problems: [`trail 'org_audit': ${line}`] });
    expect(doc.arrival).toEqual({ arriving: 0, notYet: 0, notArriving: 1, notChecked: 0, noCheck: 0 });
    expect(doc.stacks[0].trails[0]).toMatchObject({ arrival: 'not-arriving', delivery: { state: 'not-found' } });

    standIn.deliver(ARCHIVE, PROJECT, 'org_audit');
    standIn.faults.push({
      action: 'GetTableInfo',
      times: 100,
      status: 404,
      code: 'ODPS-0110061',
      message: 'Failed to get table',
    });
    const unknown = await status(run);
    expect(unknown.stdout).toContain(
      `    MaxCompute ${TABLE}: GetTableInfo answered not found (ODPS-0110061: Failed to get table), which is not known to mean that the table is not created yet: check project ${PROJECT} and table actiontrail_org_audit in the MaxCompute console\n`,
    );
    expect(unknown.code).toBe(1);
  });
});

test('Ctrl-C ends the --wait-for-delivery wait at once, not after the poll interval: exit 130, one error document', async () => {
  await withStandIn(async (_standIn, run) => {
    const deployed = await run([
      'deploy',
      'SingleAccountAudit',
      '--app',
      'cdk.out',
      '--yes',
      '--require-approval',
      'never',
    ]);
    expect(deployed.code).toBe(0);
    const started = Date.now();
    const r = await run(['status', 'SingleAccountAudit', '--app', 'cdk.out', '--wait-for-delivery', '5', '--json'], {
      env: { ACTIONTRAIL_CDK_DELIVERY_POLL_MS: '60000' },
      onOutput: { text: 'waiting for delivery', then: (child) => child.kill('SIGINT') },
    });
    // Before: the 60 s poll sleep ran out first.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schema: 'actiontrail-cdk/error', command: 'status' });
    expect(JSON.stringify(doc)).toContain(
      `interrupted (Ctrl-C) while waiting for delivery (--wait-for-delivery): actiontrail_${DEFAULT_ACCOUNT}.actiontrail_audit_all not checked again`,
    );
  });
});

test('waitForDelivery: an aborted signal ends the sleep at once and the wait with InterruptedError', async () => {
  const controller = new AbortController();
  let clock = 0;
  const timers: NodeJS.Timeout[] = [];
  const started = Date.now();
  const wait = waitForDelivery(
    async () => [{ state: 'no-table-yet', project: 'p', table: 'actiontrail_t', message: '' }],
    {
      timeoutMs: 30_000,
      intervalMs: 30_000,
      now: () => clock,
      // A sleep that takes 3 s of real time (and 30 s of the fake clock): Ctrl-C must not wait for it.
      sleep: (ms) =>
        new Promise((resolve) => {
          timers.push(
            setTimeout(() => {
              clock += ms;
              resolve();
            }, 3000),
          );
        }),
      signal: controller.signal,
      onWait: () => setTimeout(() => controller.abort(), 10),
    },
  );
  await expect(wait).rejects.toThrow(
    new InterruptedError(
      'interrupted (Ctrl-C) while waiting for delivery (--wait-for-delivery): p.actiontrail_t not checked again',
    ),
  );
  expect(Date.now() - started).toBeLessThan(2000);
  timers.forEach(clearTimeout);
});

test('the summary line says whether events arrive: not yet, arriving, no arrival check for an OSS-only trail', async () => {
  await withStandIn(async (standIn, run) => {
    for (const stack of ['SingleAccountAudit', 'OssOnlyAudit']) {
      const r = await run(['deploy', stack, '--app', 'cdk.out', '--yes', '--require-approval', 'never']);
      expect(r.code).toBe(0);
    }
    const both = ['status', 'SingleAccountAudit', 'OssOnlyAudit', '--app', 'cdk.out'];
    // The stand-in's GetTrailStatus: LatestDeliveryTime 2026-11-29T21:00:00Z, before the start (now): not yet, for both.
    const fresh = await run(both);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain(
      'status: 2 stacks deployed, 2 trails logging without delivery errors; events arriving: 0 trails; not yet (within the delivery delay): 2 (audit_all; audit_to_oss)\n',
    );
    expect(fresh.stdout).not.toContain('all trails logging');
    // The OSS trail delivered since it started: whether the events arrive is not checked (status reads MaxCompute only).
    standIn.trailsOf(DEFAULT_ACCOUNT).get('audit_to_oss')!.latestDeliveryTime = new Date().toISOString();
    standIn.deliver(DEFAULT_ACCOUNT, `actiontrail_${DEFAULT_ACCOUNT}`, 'audit_all');
    const arriving = await run(both);
    expect(arriving.stdout).toContain(
      'status: 2 stacks deployed, 2 trails logging without delivery errors; events arriving: 1 trail; ' +
        'no arrival check (no MaxCompute project known at synth; SLS/OSS destinations): 1 (audit_to_oss)\n',
    );
    const doc = JSON.parse((await run([...both, '--json'])).stdout);
    expect(doc.arrival).toEqual({ arriving: 1, notYet: 0, notArriving: 0, notChecked: 0, noCheck: 1 });
    expect(doc.stacks.map((s: { trails: Array<{ arrival: string }> }) => s.trails[0].arrival)).toEqual([
      'arriving',
      'no-check',
    ]);
  });
});

test('a latest delivery or partition older than the trail\'s logging start is said so and is "not yet"; an hour later "not checked" (MaxCompute times cannot tell)', async () => {
  await withStandIn(async (standIn, run) => {
    await deployOrg(run);
    const trail = standIn.trailsOf(MGMT).get('org_audit')!;
    // A partition from before this trail logged (e.g. an earlier trail of the same name).
    standIn.now = Date.UTC(2026, 10, 29, 21, 0, 0);
    standIn.deliver(ARCHIVE, PROJECT, 'org_audit');
    trail.startLoggingTime = new Date(Date.now() - 5 * 60_000).toISOString();
    const start = trail.startLoggingTime;
    const fresh = await status(run);
    expect(fresh.stdout).toContain(
      `    latest delivery 2026-11-29T21:00:00Z predates this trail's logging start ${start}: no event since logging started has been delivered yet\n` +
        `    MaxCompute ${TABLE}: no event since logging started: latest partition ds=2026112921, last written 2026-11-29T21:00:00.000Z, predates this trail's logging start ${start}; ActionTrail delivers in about 10 minutes\n`,
    );
    expect(fresh.stdout).toContain('events arriving: 0 trails; not yet (within the delivery delay): 1 (org_audit)\n');
    expect(fresh.code).toBe(0);
    const doc = JSON.parse((await status(run, '--json')).stdout);
    expect(doc.stacks[0].trails[0]).toMatchObject({
      arrival: 'not-yet',
      delivery: { state: 'no-table-yet', latestPartition: 'ds=2026112921' },
    });

    trail.startLoggingTime = new Date(Date.now() - 3 * 3600_000).toISOString();
    const late = await status(run);
    expect(late.stdout).toContain(
      `    MaxCompute ${TABLE}: could not check delivery: nothing written to actiontrail_org_audit since logging started 3 h ago as far as MaxCompute's times say (latest partition ds=2026112921, last written 2026-11-29T21:00:00.000Z, predates this trail's logging start ${trail.startLoggingTime}); whether they move when events are added to a partition is not known: query the table for recent events\n`,
    );
    expect(late.stdout).toContain(
      "events arriving: 0 trails; not checked: 1 (org_audit: nothing written to actiontrail_org_audit since logging started 3 h ago as far as MaxCompute's times say (",
    );
    expect(late.code).toBe(0);
  });
});
