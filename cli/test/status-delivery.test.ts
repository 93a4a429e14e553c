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
