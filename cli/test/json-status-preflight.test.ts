/**
 * `status --json` and `preflight --json` through the bin against the
 * stand-in: every document parses and matches the JSON Schema docs/cli.md
 * publishes ("JSON output", validated with ajv), absent values are null and
 * never missing, and the validator reports a document that breaks the schema.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { ROOT, StandInRun, tempHome, withStandIn as withStandInAt, synthExamples } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];
const PROJECT = `actiontrail_${ARCHIVE}`;

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

beforeAll(() => {
  project = tempDir('atcdk-json-');
  synthExamples(path.join(project, 'cdk.out'));
  creds = tempHome();
});

/** The document on standard output, after checking it matches the published schema of `command`. */
function documentOf(command: 'status' | 'preflight', r: { stdout: string }): Record<string, any> {
  const doc = JSON.parse(r.stdout) as Record<string, any>;
  expect(validate(doc, documentedSchema(command))).toEqual([]);
  expect(doc).toMatchObject({ schema: `actiontrail-cdk/${command}`, version: 1 });
  return doc;
}

const status = (run: StandInRun, ...extra: string[]) =>
  run(['status', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--json', ...extra]);

test('status --json: not deployed, deployed and healthy, delivering with --schema, drifted and not logging, trail missing: each matches the schema, absent values null', async () => {
  await withStandIn(async (standIn, run) => {
    const absent = await status(run);
    expect(absent.code).toBe(1);
    const absentDoc = documentOf('status', absent);
    expect(absentDoc).toMatchObject({ ok: false, problems: ["stack 'OrgAudit-Management' is not deployed"] });
    expect(absentDoc.stacks).toEqual([
      {
        stack: 'OrgAudit-Management',
        stackName: 'OrgAudit-Management',
        account: MGMT,
        region: 'cn-hangzhou',
        deployed: false,
        status: null,
        statusReason: null,
        trails: [],
        repair: null,
        alertRules: [],
      },
    ]);

    const deploy = await run([
      'deploy',
      'OrgAudit-Management',
      '--app',
      'cdk.out',
      ...PROFILE_FLAGS,
      '--yes',
      '--require-approval',
      'never',
    ]);
    expect(deploy.code).toBe(0);

    const healthy = await status(run);
    expect(healthy.code).toBe(0);
    const healthyDoc = documentOf('status', healthy);
    expect(healthyDoc).toMatchObject({ ok: true, problems: [] });
    expect(healthyDoc.stacks[0]).toMatchObject({ deployed: true, status: 'CREATE_COMPLETE', repair: null });
    expect(healthyDoc.stacks[0].trails[0]).toMatchObject({
      name: 'org_audit',
      organization: true,
      found: true,
      status: 'Enable',
      logging: true,
      deliveryErrors: [],
      drift: [],
      delivery: {
        state: 'no-table-yet',
        project: PROJECT,
        table: 'actiontrail_org_audit',
        latestPartition: null,
        schema: null,
      },
    });
    // The stand-in has not delivered yet: no LatestDeliveryTime, so null rather than missing.
    expect(healthyDoc.stacks[0].trails[0]).toHaveProperty('latestDeliveryTime');
    expect(healthy.stderr).toBe('');

    // Logging since 21:00, its events in the partition of 22:00 (an older partition would not be this trail's).
    standIn.trailsOf(MGMT).get('org_audit')!.startLoggingTime = '2026-12-06T21:00:00.000Z';
    standIn.now = Date.UTC(2026, 11, 6, 22, 0, 0);
    standIn.deliver(ARCHIVE, PROJECT, 'org_audit');
    const delivering = await status(run, '--schema');
    expect(delivering.code).toBe(0);
    const deliveringDoc = documentOf('status', delivering);
    expect(deliveringDoc.stacks[0].trails[0].delivery).toMatchObject({
      state: 'delivering',
      latestPartition: 'ds=2026120622',
      schema: { partitionColumns: [{ name: 'ds', type: 'STRING' }] },
    });
    expect(deliveringDoc.stacks[0].trails[0].delivery.schema.nativeColumns.length).toBeGreaterThan(0);

    const trail = standIn.trailsOf(MGMT).get('org_audit')!;
    trail.isLogging = false;
    trail.settings = { ...trail.settings, EventRW: 'Write' };
    const drifted = await status(run);
    expect(drifted.code).toBe(1);
    const driftedDoc = documentOf('status', drifted);
    expect(driftedDoc.ok).toBe(false);
    expect(driftedDoc.problems).toEqual(
      expect.arrayContaining([
        "trail 'org_audit' is not logging",
        "trail 'org_audit' drifted: EventRW is Write, the template says All",
      ]),
    );
    expect(driftedDoc.stacks[0].trails[0]).toMatchObject({
      logging: false,
      drift: ['not logging', 'EventRW is Write, the template says All'],
    });
    expect(driftedDoc.stacks[0].repair).toBe('npx actiontrail-cdk deploy OrgAudit-Management --exclusively');
    // Human text stays off standard output.
    expect(drifted.stdout.trimStart().startsWith('{')).toBe(true);

    standIn.trailsOf(MGMT).delete('org_audit');
    const missing = await status(run);
    expect(missing.code).toBe(1);
    const missingDoc = documentOf('status', missing);
    expect(missingDoc.problems).toContain("trail 'org_audit' not found in ActionTrail");
    expect(missingDoc.stacks[0].trails[0]).toMatchObject({
      name: 'org_audit',
      found: false,
      status: null,
      logging: null,
      startLoggingTime: null,
      latestDeliveryTime: null,
      delivery: null,
    });
  });
});

test('preflight --json: all ok, a FAILED check, could-not-check from AccessDenied, and the wrong account: each matches the schema', async () => {
  await withStandIn(async (standIn, run) => {
    const ok = await run(['preflight', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--json']);
    expect(ok.code).toBe(0);
    const okDoc = documentOf('preflight', ok);
    expect(okDoc.ok).toBe(true);
    expect(okDoc.summary).toEqual({ ok: okDoc.checks.length, failed: 0, couldNotCheck: 0 });
    expect(okDoc.checks.length).toBeGreaterThan(5);
    expect(okDoc.checks.every((c: { status: string; fix: unknown }) => c.status === 'ok' && c.fix === null)).toBe(true);
    expect(okDoc.checks).toContainEqual(
      expect.objectContaining({
        stack: 'OrgAudit-Management',
        check: 'ros.resource-type',
        subject: 'ALIYUN::FC3::Function',
        status: 'ok',
        fix: null,
      }),
    );

    standIn.resourceTypes.set('ALIYUN::FC3::Function', {
      Properties: Object.fromEntries(
        ['FunctionName', 'Description', 'Runtime', 'Handler', 'Code', 'Role', 'Timeout', 'MemorySize', 'Cpu']
          .concat(['EnvironmentVariables', 'diskSize'])
          .map((p) => [p, {}]),
      ),
      Attributes: { Arn: {}, FunctionName: {} },
    });
    const failed = await run(['preflight', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, '--json']);
    expect(failed.code).toBe(1);
    const failedDoc = documentOf('preflight', failed);
    expect(failedDoc.ok).toBe(false);
    expect(failedDoc.summary.failed).toBe(1);
    const bad = failedDoc.checks.find((c: { status: string }) => c.status === 'failed');
    expect(bad).toMatchObject({
      stack: 'OrgAudit-Management',
      check: 'ros.resource-type',
      subject: 'ALIYUN::FC3::Function',
    });
    expect(bad.message).toContain("no property 'DiskSize' (it has: ");
    expect(typeof bad.fix).toBe('string');

    standIn.faults.push({
      action: 'GetResourceType',
      times: 100,
      status: 403,
      code: 'Forbidden.RAM',
      message: 'User not authorized to operate on the specified resource.',
    });
    const denied = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out', '--json']);
    expect(denied.code).toBe(0);
    const deniedDoc = documentOf('preflight', denied);
    expect(deniedDoc.ok).toBe(true);
    expect(deniedDoc.summary.couldNotCheck).toBeGreaterThan(0);
    expect(deniedDoc.checks).toContainEqual({
      stack: 'SingleAccountAudit',
      check: 'ros.resource-type',
      subject: 'ALIYUN::FC3::Function',
      status: 'could-not-check',
      message: 'GetResourceType was refused (Forbidden.RAM: User not authorized to operate on the specified resource.)',
      fix: 'grant ros:GetResourceType to the credentials (README "Permissions for preflight")',
    });

    const wrong = await run([
      'preflight',
      'OrgAudit-LogArchive',
      '--app',
      'cdk.out',
      '--profile',
      `${ARCHIVE}=mgmt`,
      '--json',
    ]);
    expect(wrong.code).toBe(1);
    const wrongDoc = documentOf('preflight', wrong);
    expect(wrongDoc).toMatchObject({ ok: false, summary: { ok: 0, failed: 1, couldNotCheck: 0 } });
    expect(wrongDoc.checks[0]).toMatchObject({ check: 'sts.account', status: 'failed' });
  });
});

test('the published status and preflight schemas reject a document with a field missing, of the wrong type, outside an enum, or not in the schema', () => {
  const trail = {
    name: 'org_audit',
    organization: true,
    found: true,
    status: 'Enable',
    logging: true,
    startLoggingTime: null,
    latestDeliveryTime: null,
    deliveryErrors: [],
    drift: [],
    delivery: null,
    arrival: 'no-check',
    dataEvents: null,
  };
  const stack = {
    stack: 'S',
    stackName: 'S',
    account: MGMT,
    region: 'cn-hangzhou',
    deployed: true,
    status: 'CREATE_COMPLETE',
    statusReason: null,
    trails: [trail],
    repair: null,
    alertRules: [],
  };
  const good = {
    schema: 'actiontrail-cdk/status',
    version: 1,
    ok: true,
    problems: [],
    arrival: { arriving: 0, notYet: 0, notArriving: 0, notChecked: 0, noCheck: 1 },
    stacks: [stack],
  };
  const statusSchema = documentedSchema('status');
  expect(validate(good, statusSchema)).toEqual([]);
  const { delivery: _dropped, ...withoutDelivery } = trail;
  expect(
    validate(
      {
        ...good,
        stacks: [
          { ...stack, repair: undefined, trails: [{ ...withoutDelivery, logging: 'yes' }] },
          { ...stack, trails: [{ ...trail, delivery: { state: 'late', project: 'p', table: 't', message: 'm' } }] },
          {
            ...stack,
            alertRules: [
              {
                logicalId: 'R',
                ruleName: null,
                eventBusName: 'default',
                detection: 'AT-DETECT-TAMPER',
                state: 'off',
                status: null,
                message: 'm',
              },
            ],
          },
        ],
      },
      statusSchema,
    ),
  ).toEqual([
    "$.stacks[0]: lacks 'repair'",
    "$.stacks[0].trails[0]: lacks 'delivery'",
    '$.stacks[0].trails[0].logging: is string, the schema says boolean or null',
    "$.stacks[1].trails[0].delivery: lacks 'latestPartition'",
    "$.stacks[1].trails[0].delivery: lacks 'schema'",
    '$.stacks[1].trails[0].delivery.state: "late" is not one of ["delivering","no-table-yet","not-delivering","could-not-check","not-found"]',
    "$.stacks[2].alertRules[0]: lacks 'targets'",
    '$.stacks[2].alertRules[0].state: "off" is not one of ["ok","missing","disabled","no-targets","could-not-check"]',
  ]);

  const check = { stack: 'S', check: 'sts.account', subject: MGMT, status: 'ok', message: 'm', fix: null };
  const preflightDoc = {
    schema: 'actiontrail-cdk/preflight',
    version: 1,
    ok: true,
    summary: { ok: 1, failed: 0, couldNotCheck: 0 },
    checks: [check],
  };
  const preflightSchema = documentedSchema('preflight');
  expect(validate(preflightDoc, preflightSchema)).toEqual([]);
  expect(
    validate(
      {
        ...preflightDoc,
        summary: { ok: 1.5, failed: 0, couldNotCheck: 0 },
        checks: [{ ...check, status: 'warn', check: 'ros.guess', extra: 1 }],
      },
      preflightSchema,
    ),
  ).toEqual([
    '$.summary.ok: is number, the schema says integer',
    "$.checks[0]: 'extra' is not in the schema",
    '$.checks[0].check: "ros.guess" is not one of ["sts.account","ros.validate-template","ros.resource-type","actiontrail.name","actiontrail.limit","maxcompute.project","maxcompute.quota","maxcompute.encryption","ram.delivery-role","eventbridge.pattern"]',
    '$.checks[0].status: "warn" is not one of ["ok","failed","could-not-check"]',
  ]);
});

test('the example documents of docs/cli.md ("status --json", "preflight --json") match the published schemas', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  for (const command of ['status', 'preflight'] as const) {
    const heading = `### \`${command} --json\``;
    expect(doc).toContain(heading);
    const example = /```json\n([\s\S]*?)\n```/.exec(doc.slice(doc.indexOf(heading)))![1];
    expect(validate(JSON.parse(example), documentedSchema(command))).toEqual([]);
  }
});
