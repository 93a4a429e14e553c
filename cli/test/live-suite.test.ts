/**
 * The live acceptance suite (test/live/suite.ts, `npm run test:live`) runs on
 * every change against the stand-in through ACTIONTRAIL_CDK_ENDPOINT, so its
 * code is exercised without an account; and without ACTIONTRAIL_CDK_LIVE=1
 * `npm run test:live` prints one line and exits 0.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { CloudStandIn } from './stand-in';
import { ACCOUNTS_BY_KEY, PROFILES, ROOT, secrets, tempHome } from './harness';
import { LiveReport, runLiveSuite } from '../../test/live/suite';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(180_000);

test('npm run test:live without ACTIONTRAIL_CDK_LIVE=1: one line, exit 0, nothing called', () => {
  const env = { ...process.env };
  delete env.ACTIONTRAIL_CDK_LIVE;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'test-live.js')], { env, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(
    'test:live: skipped: set ACTIONTRAIL_CDK_LIVE=1 (and ACTIONTRAIL_CDK_LIVE_PROFILE) to run it against a real account (docs/testing.md "Live tests")\n',
  );
  expect(r.stderr).toBe('');
});

test('the live suite against the stand-in: every step passes, nothing is left, live-report.json answers what it can', async () => {
  const standIn = new CloudStandIn(ACCOUNTS_BY_KEY);
  standIn.autoDeliver = true;
  const endpoint = await standIn.start();
  const creds = tempHome();
  const dir = tempDir('atcdk-live-');
  const saved = { ...process.env };
  // @alicloud/credentials reads the process environment.
  process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = creds.credentialsFile;
  process.env.ACTIONTRAIL_CDK_POLL_INTERVAL_MS = '5';
  // status reads the poll interval of --wait-for-delivery from the process environment.
  process.env.ACTIONTRAIL_CDK_DELIVERY_POLL_MS = '20';
  const lines: string[] = [];
  try {
    // A stack and a trail an earlier failed run left behind, for the sweeper.
    standIn.trailsOf(PROFILES.mgmt.account).set('atcdklive0ld_trail', {
      name: 'atcdklive0ld_trail',
      organization: false,
      status: 'Enable',
      isLogging: true,
      latestDeliveryTime: '',
      latestDeliveryError: '',
    });
    // And the alerts probe's RAM policy of that run.
    standIn.policies.set(PROFILES.mgmt.account, new Map([['atcdklive0ldprobe', '{}']]));
    const reportFile = path.join(dir, 'live-report.json');
    const code = await runLiveSuite({
      env: {
        ACTIONTRAIL_CDK_LIVE: '1',
        ACTIONTRAIL_CDK_ENDPOINT: endpoint,
        ACTIONTRAIL_CDK_LIVE_PROFILE: 'mgmt',
        ACTIONTRAIL_CDK_LIVE_PREFIX: 'atcdklivetest1',
        ACTIONTRAIL_CDK_LIVE_WAIT_MINUTES: '1',
        ACTIONTRAIL_CDK_DELIVERY_POLL_MS: '20',
        ACTIONTRAIL_CDK_POLL_INTERVAL_MS: '5',
        ACTIONTRAIL_CDK_RETRY_BASE_MS: '5',
        ACTIONTRAIL_CDK_LIVE_EVENT_WAIT_MINUTES: '1',
        ACTIONTRAIL_CDK_LIVE_EVENT_POLL_MS: '20',
        ALIBABA_CLOUD_CREDENTIALS_FILE: creds.credentialsFile,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      },
      reportFile,
      log: (l) => lines.push(l),
    });
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as LiveReport;
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.steps.map((s) => s.name)).toEqual([
      'sweep: remove what earlier runs left behind',
      'preflight',
      'deploy the sandbox app',
      'status --wait-for-delivery 1 --schema',
      'settings update (EventRW Write)',
      'drift repair: stop the trail by hand, then deploy the unchanged template',
      'alerts: the events the kit caused reach its probe rules and their MNS queue',
      'rename the trail',
      'deploy again: no changes',
      'a forged Delete sent with fc:InvokeFunction changes nothing',
      'destroy',
      'sweep: nothing of this run is left',
    ]);
    expect(report.steps[0].detail).toBe('RAM policy atcdklive0ldprobe, trail atcdklive0ld_trail');
    expect(report).toMatchObject({
      version: 1,
      target: 'endpoint override',
      prefix: 'atcdklivetest1',
      account: PROFILES.mgmt.account,
    });
    expect(
      report.unknowns['ROS runs a custom resource Update when only a stack parameter it reads changes'].answer,
    ).toBe('yes');
    expect(report.unknowns['The MaxCompute table schema (columns, partitions)'].answer).toContain('"partitionColumns"');
    expect(standIn.invocations).toEqual([
      {
        functionName: expect.stringMatching(/^ActionTrailProvider-atcdklivetest1-sandbox/),
        event: expect.objectContaining({ RequestType: 'Delete', PhysicalResourceId: 'atcdklivetest1_moved' }),
      },
    ]);
    // Alerts: the probe is an AuditAlerts (its rule names); preflight tested its rules' patterns, status read them back, and the kit's own
    // StopLogging and RAM CreatePolicy/DeletePolicy reached the probe rules' MNS queue.
    expect(standIn.calls('TestEventPattern').length).toBeGreaterThan(0);
    expect(standIn.calls('GetRule').map((c) => c.params.RuleName)).toContain(
      'actiontrail-cdk-atcdklivetest1-trail-tamper-1',
    );
    const delivered = standIn.busEvents.flatMap((e) =>
      e.deliveries.map(
        (d) => `${String((e.event.data as { eventName: string }).eventName)} -> ${d.rule} -> ${d.endpoints.join(',')}`,
      ),
    );
    const queue = `acs:mns:cn-hangzhou:${PROFILES.mgmt.account}:queues/atcdklivetest1-probe`;
    expect(delivered).toEqual(
      expect.arrayContaining([
        `StopLogging -> actiontrail-cdk-atcdklivetest1-trail-tamper-1 -> ${queue}`,
        `CreatePolicy -> actiontrail-cdk-atcdklivetest1-trail-ram-policy-1 -> ${queue}`,
        `DeletePolicy -> actiontrail-cdk-atcdklivetest1-trail-ram-policy-1 -> ${queue}`,
      ]),
    );
    expect(report.steps.find((s) => s.name.startsWith('alerts:'))?.detail).toMatch(
      new RegExp(
        `^event stand-in-StopLogging-\\d+ \\(actiontrail:ActionTrail:ApiCall\\) matched actiontrail-cdk-atcdklivetest1-trail-tamper-1 and was delivered to ${queue} \\(NotifyStatus 200\\)`,
      ),
    );
    expect(report.unknowns["Which region's EventBridge bus receives global (RAM) events"].answer).toBe('cn-hangzhou');
    expect([...standIn.eventRulesOf(PROFILES.mgmt.account).keys()]).toEqual([]);
    expect([...(standIn.policies.get(PROFILES.mgmt.account)?.keys() ?? [])]).toEqual([]);
    expect(standIn.stacks.filter((s) => s.status !== 'DELETE_COMPLETE')).toEqual([]);
    expect([...standIn.trailsOf(PROFILES.mgmt.account).keys()]).toEqual([]);
    const all = lines.join('\n');
    for (const secret of secrets()) expect(all).not.toContain(secret);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await standIn.stop();
  }
});
