/**
 * The alert rules through the bin against the stand-in (issue 22): preflight
 * sends each rule's pattern to EventBridge TestEventPattern with its
 * detection's samples and stops deploy on a pattern the service reads
 * differently; status reads each rule back with GetRule and names a missing
 * or disabled one; hunt prints the MaxCompute queries. The apps hold raw
 * `ALIYUN::EventBridge::Rule` resources carrying the alert metadata, as the
 * AuditAlerts construct synthesizes them.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { CloudStandIn } from './stand-in';
import { PROFILES, StandInRun, synthExamples, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';
import { detectionById, detectionIds, renderHuntingQuery, WriteDetection } from '../../lib/shared/detections';
import { ALERT_METADATA_KEY, EVENT_BRIDGE_RULE_TYPE, eventPatternsFor } from '../../lib/shared/event-patterns';
import { renderSlsQuery } from '../../lib/shared/sls-queries';

jest.setTimeout(120_000);

const ACCOUNT = PROFILES.mgmt.account;
const PROFILE = ['--profile', 'mgmt'];
const TAMPER = detectionById('AT-DETECT-TAMPER') as WriteDetection;
const SG = detectionById('AT-DETECT-SECURITY-GROUP') as WriteDetection;

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

interface RuleSpec {
  readonly id: string;
  readonly ruleName: unknown;
  readonly detection: WriteDetection;
  readonly part?: number;
  readonly filterPattern?: unknown;
}

/** Synthesizes a one-stack app of raw EventBridge rules (and a trail to MaxCompute) and writes it as an assembly. */
function alertApp(name: string, rules: RuleSpec[]): string {
  const outdir = tempDir('atcdk-alerts-synth-');
  const app = new ros.App({ outdir, stackTraces: false });
  const stack = new ros.Stack(app, 'Alerts');
  for (const r of rules) {
    const names = r.detection.eventNames.slice((r.part ?? 0) * 5, (r.part ?? 0) * 5 + 5);
    new ros.RosResource(stack, r.id, {
      type: EVENT_BRIDGE_RULE_TYPE,
      properties: {
        EventBusName: 'default',
        RuleName: r.ruleName,
        FilterPattern: r.filterPattern ?? eventPatternsFor(names)[0],
        Targets: [
          { Id: 'webhook', Type: 'acs.api.destination', Endpoint: 'acs:eventbridge:cn-hangzhou:1:apidestination/x' },
        ],
      },
    }).rosOptions.metadata = { [ALERT_METADATA_KEY]: { detection: r.detection.id, eventNames: names } };
  }
  new ros.RosResource(stack, 'Trail', {
    type: 'Custom::ActionTrailTrail',
    properties: {
      Parameters: {
        Name: 'alerts_trail',
        EventRW: 'All',
        Logging: true,
        MaxComputeProjectArn: `acs:odps:cn-hangzhou:${ACCOUNT}:project/actiontrail_${ACCOUNT}`,
      },
    },
  });
  app.synth();
  const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Alerts.template.json'), 'utf8')) as object;
  fs.rmSync(outdir, { recursive: true, force: true });
  const dir = path.join(project, name);
  writeAssembly(dir, [{ id: 'Alerts', account: ACCOUNT, region: 'cn-hangzhou', template }]);
  return dir;
}

beforeAll(() => {
  project = tempDir('atcdk-alerts-');
  creds = tempHome();
});

const TWO_RULES: RuleSpec[] = [
  { id: 'TamperRule', ruleName: 'atcdk-tamper-0', detection: TAMPER },
  { id: 'SecurityGroupRule1', ruleName: 'atcdk-sg-1', detection: SG, part: 1 },
];

test('preflight: every alert rule pattern read by TestEventPattern as intended: one ok line per rule, exit 0', async () => {
  const app = alertApp('ok', TWO_RULES);
  await withStandIn(async (standIn, run) => {
    const r = await run(['preflight', '--app', app, ...PROFILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ok              Alerts: eventbridge.pattern TamperRule (rule atcdk-tamper-0): EventBridge TestEventPattern (cn-hangzhou) reads the AT-DETECT-TAMPER pattern as intended: 10 sample(s) match, 3 do not\n',
    );
    expect(r.stdout).toContain(
      'ok              Alerts: eventbridge.pattern SecurityGroupRule1 (rule atcdk-sg-1): EventBridge TestEventPattern (cn-hangzhou) reads the AT-DETECT-SECURITY-GROUP pattern as intended: 8 sample(s) match, 3 do not\n',
    );
    const calls = standIn.calls('TestEventPattern');
    // Tamper, first rule: 5 names x 2 types + 3; security groups, second rule: 4 names x 2 types + 3.
    expect(calls).toHaveLength(13 + 11);
    expect(calls.every((c) => c.version === '2020-04-01' && c.account === ACCOUNT)).toBe(true);
    const patterns = new Set(calls.map((c) => c.params.EventPattern));
    expect([...patterns].map((p) => JSON.parse(p))).toEqual([
      eventPatternsFor(TAMPER.eventNames.slice(0, 5))[0],
      eventPatternsFor(SG.eventNames.slice(5, 10))[0],
    ]);
    const events = calls.map(
      (c) => JSON.parse(c.params.Event) as { aliyunaccountid: string; data: { eventName: string } },
    );
    expect(events.every((e) => e.aliyunaccountid === ACCOUNT)).toBe(true);
    expect(events.map((e) => e.data.eventName)).toContain('ActionTrailCdkUnrelatedWrite');
    // Read-only: nothing created.
    expect(standIn.requests.filter((q) => /^(Create|Update|Delete|Put|Enable|Disable)/.test(q.action))).toEqual([]);

    const json = await run(['preflight', '--app', app, ...PROFILE, '--json']);
    const doc = JSON.parse(json.stdout) as { checks: Array<{ check: string; status: string }> };
    expect(validate(doc, documentedSchema('preflight'))).toEqual([]);
    expect(doc.checks.filter((c) => c.check === 'eventbridge.pattern').map((c) => c.status)).toEqual(['ok', 'ok']);
  });
});

test('preflight: a pattern EventBridge reads differently is FAILED naming stack, rule and sample; deploy does not start', async () => {
  const app = alertApp('mismatch', TWO_RULES);
  await withStandIn(async (standIn, run) => {
    // The service ignores console operations, and matches the unrelated write.
    standIn.patternReader = (_pattern, event) => {
      const data = event.data as { eventType: string; eventName: string };
      if (data.eventType === 'ConsoleOperation') return false;
      if (data.eventName === 'ActionTrailCdkUnrelatedWrite') return true;
      return undefined;
    };
    const r = await run(['preflight', '--app', app, ...PROFILE]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('TamperRule'));
    expect(line).toBe(
      'FAILED          Alerts: eventbridge.pattern TamperRule (rule atcdk-tamper-0): EventBridge reads the AT-DETECT-TAMPER pattern differently from actiontrail-cdk (cn-hangzhou): ' +
        TAMPER.eventNames
          .slice(0, 5)
          .map((n) => `sample ${n} as ConsoleOperation must match, but TestEventPattern answered Result false`)
          .join('; ') +
        '; sample ActionTrailCdkUnrelatedWrite as ApiCall must not match, but TestEventPattern answered Result true' +
        '; fix: the rule would miss events or alert on others: do not deploy it; report this line to actiontrail-cdk (an unknown the alerts guide lists under "What is not known")',
    );
    expect(r.stdout).toMatch(/preflight: \d+ check\(s\): \d+ ok, 2 FAILED, 0 could not be checked\n$/);

    const deploy = await run(['deploy', '--app', app, ...PROFILE, '--yes', '--require-approval', 'never']);
    expect(deploy.code).toBe(1);
    expect(deploy.stdout).toContain('FAILED          Alerts: eventbridge.pattern TamperRule (rule atcdk-tamper-0)');
    expect(deploy.stderr).toContain('preflight: 2 check(s) FAILED: nothing was deployed');
    expect(standIn.calls('CreateStack')).toHaveLength(0);
  });
});

test('preflight: a FilterPattern with a token and an AccessDenied answer are could-not-check with why', async () => {
  const app = alertApp('cannot', [
    { id: 'TamperRule', ruleName: 'atcdk-tamper-0', detection: TAMPER },
    {
      id: 'TokenRule',
      ruleName: 'atcdk-token',
      detection: TAMPER,
      filterPattern: { type: [{ suffix: ':ActionTrail:ApiCall' }], data: { eventName: [{ Ref: 'EventName' }] } },
    },
  ]);
  await withStandIn(async (standIn, run) => {
    standIn.faults.push({
      action: 'TestEventPattern',
      times: 1,
      status: 403,
      code: 'Forbidden.RAM',
      message: 'User not authorized',
    });
    const r = await run(['preflight', '--app', app, ...PROFILE]);
    expect(r.stdout).toContain(
      'could-not-check Alerts: eventbridge.pattern TamperRule (rule atcdk-tamper-0): TestEventPattern was refused (Forbidden.RAM: User not authorized); fix: grant eventbridge:TestEventPattern to the credentials (README "Permissions for preflight")\n',
    );
    expect(r.stdout).toContain(
      'could-not-check Alerts: eventbridge.pattern TokenRule (rule atcdk-token): its FilterPattern holds a reference or function (Ref, Fn::*) that only the deploy resolves: TestEventPattern needs the pattern as the deploy will send it; fix: ',
    );
    expect(r.code).toBe(0);
    const strict = await run(['preflight', '--app', app, ...PROFILE, '--strict']);
    expect(strict.code).toBe(1);
  });
});

test('status: each alert rule read back with GetRule; disabled and missing rules are named, exit 1; --json validates', async () => {
  const app = alertApp('status', TWO_RULES);
  await withStandIn(async (standIn, run) => {
    const deploy = await run(['deploy', '--app', app, ...PROFILE, '--yes', '--require-approval', 'never']);
    expect(deploy.code).toBe(0);
    expect([...standIn.eventRulesOf(ACCOUNT).keys()]).toEqual(['default/atcdk-tamper-0', 'default/atcdk-sg-1']);
    // The trail's project (this stack does not create it): a missing project is a problem of its own for status.
    standIn
      .projectsOf(ACCOUNT)
      .set(`actiontrail_${ACCOUNT}`, { region: 'cn-hangzhou', status: 'AVAILABLE', tables: new Map() });

    const ok = await run(['status', '--app', app, ...PROFILE]);
    expect(ok.stdout).toContain(
      '  alert rule atcdk-tamper-0 (TamperRule, AT-DETECT-TAMPER, bus default): ENABLE, 1 target(s)\n',
    );
    expect(ok.code).toBe(0);
    expect(standIn.calls('GetRule').map((c) => c.params)).toEqual([
      { EventBusName: 'default', RuleName: 'atcdk-tamper-0' },
      { EventBusName: 'default', RuleName: 'atcdk-sg-1' },
    ]);

    standIn.disableEventRule(ACCOUNT, 'atcdk-tamper-0');
    standIn.deleteEventRule(ACCOUNT, 'atcdk-sg-1');
    const bad = await run(['status', '--app', app, ...PROFILE]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      '  alert rule atcdk-tamper-0 (TamperRule, AT-DETECT-TAMPER, bus default): DISABLED (Status DISABLE), 1 target(s)\n',
    );
    expect(bad.stdout).toContain(
      '  alert rule atcdk-sg-1 (SecurityGroupRule1, AT-DETECT-SECURITY-GROUP, bus default): MISSING: no rule atcdk-sg-1 on event bus default (GetRule: EventRuleNotExisted)\n',
    );
    expect(bad.stderr).toContain(
      "  alert rule 'atcdk-tamper-0' (TamperRule, AT-DETECT-TAMPER) of stack 'Alerts' is disabled\n",
    );
    expect(bad.stderr).toContain(
      "  alert rule 'atcdk-sg-1' (SecurityGroupRule1, AT-DETECT-SECURITY-GROUP) of stack 'Alerts' is missing from event bus 'default'\n",
    );

    const json = await run(['status', '--app', app, ...PROFILE, '--json']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { stacks: Array<{ alertRules: unknown[] }> };
    expect(validate(doc, documentedSchema('status'))).toEqual([]);
    expect(doc.stacks[0].alertRules).toEqual([
      {
        logicalId: 'TamperRule',
        ruleName: 'atcdk-tamper-0',
        eventBusName: 'default',
        detection: 'AT-DETECT-TAMPER',
        state: 'disabled',
        status: 'DISABLE',
        targets: 1,
        message: 'DISABLED (Status DISABLE), 1 target(s)',
      },
      {
        logicalId: 'SecurityGroupRule1',
        ruleName: 'atcdk-sg-1',
        eventBusName: 'default',
        detection: 'AT-DETECT-SECURITY-GROUP',
        state: 'missing',
        status: null,
        targets: null,
        message: 'MISSING: no rule atcdk-sg-1 on event bus default (GetRule: EventRuleNotExisted)',
      },
    ]);
  });
});

test('hunt: one query per detection for the trail, explicit window; --detection picks one; an unknown id exits 2', async () => {
  const app = alertApp('hunt', [{ id: 'TamperRule', ruleName: 'atcdk-tamper-0', detection: TAMPER }]);
  await withStandIn(async (standIn, run) => {
    const window = ['--since', '2026-12-01T00:00:00Z', '--until', '2026-12-02T00:00:00Z'];
    const all = await run(['hunt', '--app', app, ...window]);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    const options = {
      accountId: ACCOUNT,
      trailName: 'alerts_trail',
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2026-12-02T00:00:00Z'),
    };
    expect(all.stdout).toBe(
      [
        `-- Alerts: trail alerts_trail, table actiontrail_${ACCOUNT}.actiontrail_alerts_trail (account ${ACCOUNT}, cn-hangzhou)`,
        ...detectionIds().flatMap((id) => ['', renderHuntingQuery(detectionById(id), options)]),
        '',
        '',
      ].join('\n'),
    );
    // No API call, no credentials needed.
    expect(standIn.requests).toEqual([]);

    const one = await run([
      'hunt',
      '--app',
      app,
      ...window,
      '--detection',
      'AT-DETECT-TAMPER',
      '--event-column',
      'record',
      '--partition-column',
      'none',
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(
      renderHuntingQuery(TAMPER, { ...options, eventColumn: 'record', partitionColumn: null }),
    );
    expect(one.stdout.match(/^SELECT$/gm)).toHaveLength(1);

    const bad = await run(['hunt', '--app', app, '--detection', 'AT-DETECT-TAMPR']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      `actiontrail-cdk: --detection 'AT-DETECT-TAMPR' is not a detection id (did you mean AT-DETECT-TAMPER?); the known ids are ${detectionIds().join(', ')}\n`,
    );
    const badTime = await run(['hunt', '--app', app, '--since', 'yesterday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain("--since 'yesterday' is not an ISO 8601 time");
  });
});

test('the alerts example as synthesized: preflight reads every rule as intended, deploy creates them, status finds them all', async () => {
  const out = tempDir('atcdk-alerts-example-');
  synthExamples(out);
  const template = JSON.parse(fs.readFileSync(path.join(out, 'AuditAlerts.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string }>;
  };
  fs.rmSync(out, { recursive: true, force: true });
  const rules = Object.entries(template.Resources).filter(([, r]) => r.Type === EVENT_BRIDGE_RULE_TYPE);
  const writeRuleCount = detectionIds()
    .map(detectionById)
    .filter((d): d is WriteDetection => d.tier === 'write')
    .reduce((n, d) => n + eventPatternsFor(d.eventNames).length, 0);
  expect(rules).toHaveLength(writeRuleCount);
  // The example's account is a placeholder: deploy it to the stand-in's mgmt account.
  const app = path.join(project, 'example');
  writeAssembly(app, [{ id: 'AuditAlerts', account: ACCOUNT, region: 'cn-hangzhou', template }]);
  await withStandIn(async (standIn, run) => {
    const preflight = await run(['preflight', '--app', app, ...PROFILE]);
    expect(preflight.stdout.match(/^ok +AuditAlerts: eventbridge\.pattern /gm)).toHaveLength(rules.length);
    expect(preflight.stdout).not.toMatch(/^FAILED/m);
    const parameters = ['DingTalkRobotUrl', 'DingTalkSigningSecret', 'WebhookToken'].flatMap((key) => [
      '--parameters',
      `AuditAlerts:${key}=stand-in-${key}`,
    ]);
    const deploy = await run([
      'deploy',
      '--app',
      app,
      ...PROFILE,
      '--yes',
      '--require-approval',
      'never',
      ...parameters,
    ]);
    expect({ code: deploy.code, stderr: deploy.stderr }).toEqual({ code: 0, stderr: '' });
    expect(standIn.eventRulesOf(ACCOUNT).size).toBe(rules.length);
    const status = await run(['status', '--app', app, ...PROFILE, '--json']);
    const doc = JSON.parse(status.stdout) as { stacks: Array<{ alertRules?: Array<{ status: string }> }> };
    expect(validate(doc, documentedSchema('status'))).toEqual([]);
    const alertRules = doc.stacks.flatMap((s) => s.alertRules ?? []);
    expect(alertRules).toHaveLength(rules.length);
    expect(new Set(alertRules.map((r) => r.status))).toEqual(new Set(['ENABLE']));
    expect(status.code).toBe(0);
  });
});

test('hunt on a trail that delivers to SLS only (the alerts example): the SLS query of each detection over its logstore, labelled, exit 0', async () => {
  const out = tempDir('atcdk-alerts-hunt-sls-');
  synthExamples(out);
  const template = JSON.parse(fs.readFileSync(path.join(out, 'AuditAlerts.template.json'), 'utf8')) as object;
  const single = JSON.parse(fs.readFileSync(path.join(out, 'SingleAccountAudit.template.json'), 'utf8')) as object;
  fs.rmSync(out, { recursive: true, force: true });
  const app = path.join(project, 'hunt-sls');
  writeAssembly(app, [{ id: 'AuditAlerts', account: ACCOUNT, region: 'cn-hangzhou', template }]);
  // The account printed is the one in the trail's literal slsProjectArn (the example's).
  await withStandIn(async (standIn, run) => {
    const r = await run(['hunt', '--app', app, '--since', '2026-12-01T00:00:00Z', '--until', '2026-12-02T00:00:00Z']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        `-- AuditAlerts: trail audit_alerted, SLS project example-audit-alerts, logstore actiontrail_audit_alerted (account 2222222222222222, cn-hangzhou): ` +
          "SLS queries, not MaxCompute SQL: run each in the logstore's search box (SLS console) with the time range 2026-12-01T00:00:00.000Z to 2026-12-02T00:00:00.000Z",
        ...detectionIds().flatMap((id) => [
          '',
          `-- SLS ${id}:`,
          ...renderSlsQuery(detectionById(id))
            .split('\n')
            .map((l) => `-- ${l}`),
        ]),
        '',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('nothing to query');
    expect(standIn.requests).toEqual([]);

    // The README's main example has no literal account: no query, and the line says how to get one.
    const agnostic = path.join(project, 'hunt-agnostic');
    writeAssembly(agnostic, [{ id: 'SingleAccountAudit', region: 'cn-hangzhou', template: single }]);
    const none = await run([
      'hunt',
      '--app',
      agnostic,
      '--since',
      '2026-12-01T00:00:00Z',
      '--until',
      '2026-12-02T00:00:00Z',
    ]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(
      "-- SingleAccountAudit: trail audit_all does not deliver to a MaxCompute project known before deploy (a literal ARN, or one over the stack's literal env.account and region): no query. Give the stack a literal env.account and env.region, and synthesize again\n",
    );
  });
});
