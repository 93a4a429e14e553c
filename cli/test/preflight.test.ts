/**
 * `actiontrail-cdk preflight` (and `deploy`, which runs it first) through the
 * bin against the stand-in: ROS resource types and ValidateTemplate, trail
 * name clashes and the per-region limit, MaxCompute project region, quota and
 * activation, the cross-account delivery role, AccessDenied and throttling as
 * could-not-check, `--json`, and the account check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { GET_DATA_EVENT_SELECTOR_ACTION } from '../src/data-event-status';
import { PREFLIGHT_RAM_ACTIONS } from '../src/preflight';
import { ALERT_RAM_ACTIONS } from '../src/alert-rules';
import {
  PROFILES,
  ROOT,
  StandInRun,
  tempHome,
  withStandIn as withStandInAt,
  writeAssembly,
  synthExamples,
} from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

/** A trail in MGMT delivering to a project and role in ARCHIVE that no stack of the app creates. */
function handWritten(name: string, roleName = 'SharedDeliveryRole'): string {
  const dir = path.join(project, name);
  writeAssembly(dir, [
    {
      id: 'Mgmt',
      account: MGMT,
      region: 'cn-hangzhou',
      template: {
        ROSTemplateFormatVersion: '2015-09-01',
        Resources: {
          Trail: {
            Type: 'Custom::ActionTrailTrail',
            Properties: {
              Parameters: {
                Name: 'hand_trail',
                EventRW: 'All',
                Logging: true,
                MaxComputeProjectArn: `acs:odps:cn-hangzhou:${ARCHIVE}:project/actiontrail_${ARCHIVE}`,
                MaxComputeWriteRoleArn: `acs:ram::${ARCHIVE}:role/${roleName}`,
              },
            },
          },
        },
      },
    },
  ]);
  return dir;
}

beforeAll(() => {
  project = tempDir('atcdk-preflight-');
  synthExamples(path.join(project, 'cdk.out'));
  creds = tempHome();
});

test('preflight of the example org app: one ok line per check, roles this app creates "will be created", exit 0, nothing written', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['preflight', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // The dependency OrgAudit-LogArchive is checked first, with the archive account's credentials.
    expect(lines[0]).toBe(
      `ok              OrgAudit-LogArchive: sts.account ${ARCHIVE}: profile 'archive' belongs to account ${ARCHIVE} (STS GetCallerIdentity)`,
    );
    expect(r.stdout).toMatch(
      /ok {14}OrgAudit-Management: ros\.resource-type ALIYUN::FC3::Function: ROS knows propert(y|ies) [^\n]*DiskSize[^\n]*; attribute ARN/,
    );
    expect(r.stdout).toContain(
      'ok              OrgAudit-LogArchive: ros.validate-template OrgAudit-LogArchive.template.json: ROS ValidateTemplate accepts the template (cn-hangzhou)',
    );
    expect(r.stdout).toContain(
      `ok              OrgAudit-Management: ram.delivery-role acs:ram::${ARCHIVE}:role/ActionTrailDeliveryRole: will be created by stack OrgAudit-LogArchive of this app`,
    );
    expect(r.stdout).toContain(
      `ok              OrgAudit-LogArchive: maxcompute.project actiontrail_${ARCHIVE}: does not exist yet in account ${ARCHIVE}: the stack creates it in cn-hangzhou`,
    );
    expect(r.stdout).toContain(
      'ok              OrgAudit-LogArchive: maxcompute.quota os_PayAsYouGoQuota: 1 quota(s) in cn-hangzhou, os_PayAsYouGoQuota among them',
    );
    expect(r.stdout).toContain(
      `ok              OrgAudit-Management: actiontrail.name org_audit: no trail 'org_audit' yet in account ${MGMT}: it will be created`,
    );
    expect(lines.at(-1)).toMatch(/^preflight: \d+ check\(s\): \d+ ok, 0 FAILED, 0 could not be checked$/);
    // Read-only: no call that changes anything.
    const writes = standIn.requests.filter((q) => /^(Create|Update|Delete|Start|Stop|Attach|Put)/.test(q.action));
    expect(writes).toEqual([]);
    expect(
      standIn
        .calls('GetResourceType')
        .map((q) => q.params.ResourceType)
        .sort(),
    ).toEqual(
      ['ALIYUN::FC3::Function', 'ALIYUN::MaxCompute::Project', 'ALIYUN::RAM::Role', 'ALIYUN::RAM::Role'].sort(),
    );
    expect(standIn.calls('GetRole')[0].account).toBe(ARCHIVE);
  });
});

test('a ROS that names an FC3 property and attribute differently: FAILED naming them, exit 1; deploy stops before any stack, --no-preflight goes on', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.resourceTypes.set('ALIYUN::FC3::Function', {
      Properties: Object.fromEntries(
        ['FunctionName', 'Description', 'Runtime', 'Handler', 'Code', 'Role', 'Timeout', 'MemorySize', 'Cpu']
          .concat(['EnvironmentVariables', 'diskSize'])
          .map((p) => [p, {}]),
      ),
      Attributes: { Arn: {}, FunctionName: {} },
    });
    const r = await run(['preflight', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAILED {10}OrgAudit-Management: ros\.resource-type ALIYUN::FC3::Function: ROS GetResourceType ALIYUN::FC3::Function in cn-hangzhou: no property 'DiskSize' \(it has: [^)]*diskSize[^)]*\); no attribute 'ARN' \(it has: Arn, FunctionName\): the deploy would fail at this resource; fix: /,
    );
    expect(r.stdout).toMatch(/preflight: \d+ check\(s\): \d+ ok, 1 FAILED, 0 could not be checked\n$/);

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
    expect(deploy.code).toBe(1);
    expect(deploy.stdout).toContain('FAILED          OrgAudit-Management: ros.resource-type ALIYUN::FC3::Function');
    expect(deploy.stderr).toContain(
      'preflight: 1 check(s) FAILED: nothing was deployed; fix what each FAILED line says, or deploy with --no-preflight',
    );
    expect(standIn.calls('CreateStack')).toHaveLength(0);

    const forced = await run([
      'deploy',
      'OrgAudit-Management',
      '--app',
      'cdk.out',
      ...PROFILE_FLAGS,
      '--yes',
      '--require-approval',
      'never',
      '--no-preflight',
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).not.toContain('Preflight');
    expect(standIn.calls('CreateStack')).toHaveLength(2);
  });
});

test('an unknown resource type in the region fails; ValidateTemplate refusing the template fails', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.resourceTypes.delete('ALIYUN::FC3::Function');
    standIn.faults.push({
      action: 'ValidateTemplate',
      times: 1,
      status: 400,
      code: 'InvalidTemplate',
      message: 'Template format error: unknown function Fn::Nope',
    });
    const r = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'FAILED          SingleAccountAudit: ros.resource-type ALIYUN::FC3::Function: ROS in cn-hangzhou has no resource type ALIYUN::FC3::Function (ResourceTypeNotFound: ',
    );
    expect(r.stdout).toContain(
      'FAILED          SingleAccountAudit: ros.validate-template SingleAccountAudit.template.json: ROS ValidateTemplate refused the template: InvalidTemplate: Template format error: unknown function Fn::Nope',
    );
  });
});

test('ActionTrail: a trail of the same name the stack does not manage fails; so does the sixth trail in a region', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.trailsOf(PROFILES.default.account).set('audit_all', {
      name: 'audit_all',
      organization: false,
      status: 'Enable',
      isLogging: true,
      latestDeliveryTime: '',
      latestDeliveryError: '',
    });
    const clash = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out']);
    expect(clash.code).toBe(1);
    expect(clash.stdout).toContain(
      `FAILED          SingleAccountAudit: actiontrail.name audit_all: a trail named 'audit_all' already exists in account ${PROFILES.default.account} (home region cn-hangzhou) and stack SingleAccountAudit does not manage it: CreateTrail would fail (TrailAlreadyExistsException); fix: give the trail another name in the app`,
    );
    standIn.trailsOf(PROFILES.default.account).clear();
    for (const n of ['t_one1', 't_two2', 't_three', 't_four4', 't_five5']) {
      standIn.trailsOf(PROFILES.default.account).set(n, {
        name: n,
        organization: false,
        status: 'Enable',
        isLogging: true,
        latestDeliveryTime: '',
        latestDeliveryError: '',
      });
    }
    const limit = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out']);
    expect(limit.code).toBe(1);
    expect(limit.stdout).toContain(
      `FAILED          SingleAccountAudit: actiontrail.limit cn-hangzhou: account ${PROFILES.default.account} has 5 single-account trail(s) in cn-hangzhou and the app adds 1: 6 is past ActionTrail's limit of 5 per region (MaximumNumberOfTrailsExceededException); fix: delete trails that are no longer needed (existing: t_one1, t_two2, t_three, t_four4, t_five5)`,
    );
  });
});

test('MaxCompute: a project in another region, a region without quota, and MaxCompute not activated each fail with the fix', async () => {
  await withStandIn(async (standIn, run) => {
    standIn
      .projectsOf(ARCHIVE)
      .set(`actiontrail_${ARCHIVE}`, { region: 'cn-shanghai', status: 'AVAILABLE', tables: new Map() });
    standIn.quotas.set('cn-hangzhou', []);
    const r = await run(['preflight', 'OrgAudit-LogArchive', '--app', 'cdk.out', ...PROFILE_FLAGS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `FAILED          OrgAudit-LogArchive: maxcompute.project actiontrail_${ARCHIVE}: project actiontrail_${ARCHIVE} exists in account ${ARCHIVE}, but in cn-shanghai, not cn-hangzhou as the app says; fix: use MaxCompute region cn-shanghai in the app`,
    );
    expect(r.stdout).toContain(
      'FAILED          OrgAudit-LogArchive: maxcompute.quota os_PayAsYouGoQuota: no MaxCompute quota in cn-hangzhou; fix: choose another MaxCompute region, one with a quota',
    );
    standIn.quotas.set('cn-hangzhou', [
      { nickName: 'os_team_quota', name: 'team', regionId: 'cn-hangzhou', status: 'ON' },
    ]);
    const other = await run(['preflight', 'OrgAudit-LogArchive', '--app', 'cdk.out', ...PROFILE_FLAGS]);
    expect(other.stdout).toContain(
      'could-not-check OrgAudit-LogArchive: maxcompute.quota os_PayAsYouGoQuota: os_PayAsYouGoQuota is not in ListQuotas (os_team_quota, team); whether ListQuotas lists the pay-as-you-go quota is not known',
    );

    standIn.maxComputeNotActivated.add(ARCHIVE);
    const off = await run(['preflight', 'OrgAudit-LogArchive', '--app', 'cdk.out', ...PROFILE_FLAGS]);
    expect(off.code).toBe(1);
    expect(off.stdout).toContain(
      `FAILED          OrgAudit-LogArchive: maxcompute.project actiontrail_${ARCHIVE}: MaxCompute is not activated in account ${ARCHIVE} (ODPS-0420095: MaxCompute service is not activated (ServiceNotActivated)); fix: activate MaxCompute (and DataWorks) for account ${ARCHIVE} in the console, in cn-hangzhou`,
    );
  });
});

test('cross-account role: GetRole with the destination account; a trust policy without the source account and no delivery policy fail; a missing project fails', async () => {
  await withStandIn(async (standIn, run) => {
    handWritten('hand');
    standIn.rolesOf(ARCHIVE).set('SharedDeliveryRole', {
      trustPolicy: JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: ['2222222222222222@actiontrail.aliyuncs.com'] },
          },
        ],
      }),
      policies: [],
    });
    const r = await run(['preflight', '--app', 'hand', ...PROFILE_FLAGS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `FAILED          Mgmt: ram.delivery-role acs:ram::${ARCHIVE}:role/SharedDeliveryRole: role SharedDeliveryRole in account ${ARCHIVE}: its trust policy does not let ActionTrail of ${MGMT} assume it (it trusts: 2222222222222222); AliyunActionTrailDeliveryPolicy is not attached; fix: add ${MGMT}@actiontrail.aliyuncs.com to its trust policy (DeliveryDestination sourceAccountIds) and attach the system policy AliyunActionTrailDeliveryPolicy`,
    );
    expect(r.stdout).toContain(
      `FAILED          Mgmt: maxcompute.project actiontrail_${ARCHIVE} (trail hand_trail): project actiontrail_${ARCHIVE} does not exist in account ${ARCHIVE} (cn-hangzhou): the trail could not deliver`,
    );
    expect(standIn.calls('GetRole').map((q) => q.account)).toEqual([ARCHIVE]);

    standIn.rolesOf(ARCHIVE).get('SharedDeliveryRole')!.trustPolicy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { Service: [`${MGMT}@actiontrail.aliyuncs.com`] } }],
    });
    standIn.rolesOf(ARCHIVE).get('SharedDeliveryRole')!.policies.push({
      PolicyName: 'AliyunActionTrailDeliveryPolicy',
      PolicyType: 'System',
    });
    standIn
      .projectsOf(ARCHIVE)
      .set(`actiontrail_${ARCHIVE}`, { region: 'cn-hangzhou', status: 'AVAILABLE', tables: new Map() });
    const fixed = await run(['preflight', '--app', 'hand', ...PROFILE_FLAGS]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain(
      `ok              Mgmt: ram.delivery-role acs:ram::${ARCHIVE}:role/SharedDeliveryRole: trusts ActionTrail of ${MGMT}; AliyunActionTrailDeliveryPolicy attached`,
    );

    // AccessDenied on the destination account's GetRole, and on GetProject: could-not-check, naming the action.
    standIn.faults.push(
      {
        action: 'GetRole',
        times: 100,
        status: 403,
        code: 'NoPermission',
        message: 'You are not authorized to do this action.',
      },
      { action: 'GetProject', times: 100, status: 403, code: 'NoPermission', message: 'denied' },
    );
    const denied = await run(['preflight', '--app', 'hand', ...PROFILE_FLAGS]);
    expect(denied.code).toBe(0);
    expect(denied.stdout).toContain(
      `could-not-check Mgmt: ram.delivery-role acs:ram::${ARCHIVE}:role/SharedDeliveryRole: GetRole was refused (NoPermission: You are not authorized to do this action.); fix: grant ram:GetRole to the credentials`,
    );
    expect(denied.stdout).toContain(
      `could-not-check Mgmt: maxcompute.project actiontrail_${ARCHIVE} (trail hand_trail): GetProject was refused (NoPermission: denied); fix: grant odps:GetProject to the credentials`,
    );
    standIn.faults.length = 0;

    // Without credentials for the destination account: could-not-check, saying which --profile to pass.
    const noProfile = await run(['preflight', '--app', 'hand', '--profile', `${MGMT}=mgmt`]);
    expect(noProfile.code).toBe(0);
    expect(noProfile.stdout).toContain(
      `could-not-check Mgmt: ram.delivery-role acs:ram::${ARCHIVE}:role/SharedDeliveryRole: no credentials for account ${ARCHIVE}, which owns the role; fix: pass --profile ${ARCHIVE}=<profile of that account>`,
    );

    // `--profile mgmt` (a bare name) serves the stacks' account only: the destination account's
    // role and project are never read with mgmt's credentials (they would answer for account 1111).
    const readsBefore = standIn.calls('GetRole').length + standIn.calls('GetProject').length;
    const bare = await run(['preflight', '--app', 'hand', '--profile', 'mgmt']);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain(
      `could-not-check Mgmt: ram.delivery-role acs:ram::${ARCHIVE}:role/SharedDeliveryRole: no credentials for account ${ARCHIVE}, which owns the role; fix: pass --profile ${ARCHIVE}=<profile of that account>`,
    );
    expect(bare.stdout).toContain(
      `could-not-check Mgmt: maxcompute.project actiontrail_${ARCHIVE} (trail hand_trail): `,
    );
    expect(standIn.calls('GetRole').length + standIn.calls('GetProject').length).toBe(readsBefore);
  });
});

test('AccessDenied and throttling are could-not-check lines naming the RAM action; exit 0 unless --strict', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.faults.push(
      {
        action: 'GetResourceType',
        times: 100,
        status: 403,
        code: 'Forbidden.RAM',
        message: 'User not authorized to operate on the specified resource.',
      },
      {
        action: 'DescribeTrails',
        times: 100,
        status: 400,
        code: 'Throttling.User',
        message: 'Request was denied due to user flow control.',
      },
    );
    const r = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'could-not-check SingleAccountAudit: ros.resource-type ALIYUN::FC3::Function: GetResourceType was refused (Forbidden.RAM: User not authorized to operate on the specified resource.); fix: grant ros:GetResourceType to the credentials',
    );
    expect(r.stdout).toContain(
      'could-not-check SingleAccountAudit: actiontrail.name audit_all: DescribeTrails was throttled after every retry (Throttling.User: Request was denied due to user flow control.); fix: run preflight again in a minute',
    );
    const strict = await run(['preflight', 'SingleAccountAudit', '--app', 'cdk.out', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/preflight: --strict: \d+ check\(s\) could not be made/);
  });
});

describe('Ctrl-C during preflight is never a passing gate', () => {
  /** DescribeTrails throttled with 20 s between attempts: Ctrl-C at the first retry line cuts the checks short. */
  const interrupted = (standIn: CloudStandIn, run: StandInRun, json: boolean) => {
    standIn.faults.push({
      action: 'DescribeTrails',
      times: 100,
      status: 400,
      code: 'Throttling.User',
      message: 'Request was denied due to user flow control.',
    });
    return run(
      ['preflight', 'OrgAudit-Management', '--app', 'cdk.out', ...PROFILE_FLAGS, ...(json ? ['--json'] : [])],
      {
        env: { ACTIONTRAIL_CDK_RETRY_BASE_MS: '20000' },
        onOutput: { text: 'retrying after Throttling.User', then: (child) => child.kill('SIGINT') },
      },
    );
  };

  test('--json: exit 130 and the one interrupted error document, no preflight document', async () => {
    await withStandIn(async (standIn, run) => {
      const r = await interrupted(standIn, run, true);
      expect(r.code).toBe(130);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({
        schema: 'actiontrail-cdk/error',
        ok: false,
        command: 'preflight',
        exitCode: 130,
        error: { code: 'interrupted' },
      });
      expect(doc.error.message).toMatch(
        /^interrupted \(Ctrl-C\) during preflight: \d+ of \d+ check\(s\) were made before it, so no result is reported \(an interrupted preflight is not a pass\); nothing was changed\. Run preflight again\.$/,
      );
      expect(r.stdout).not.toContain('"checks"');
    });
  });

  test('without --json: exit 130, the interrupted message, no check line and no summary', async () => {
    await withStandIn(async (standIn, run) => {
      const r = await interrupted(standIn, run, false);
      expect(r.code).toBe(130);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /actiontrail-cdk: interrupted \(Ctrl-C\) during preflight: \d+ of \d+ check\(s\) were made/,
      );
      expect(r.stderr).not.toContain('could-not-check');
    });
  });
});

test('--json: one document with version, ok, summary and checks; the wrong account is a FAILED sts.account check', async () => {
  await withStandIn(async (_standIn, run) => {
    const r = await run(['preflight', 'OrgAudit-LogArchive', '--app', 'cdk.out', ...PROFILE_FLAGS, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      version: number;
      ok: boolean;
      summary: { ok: number; failed: number; couldNotCheck: number };
      checks: Array<Record<string, string>>;
    };
    expect(doc.version).toBe(1);
    expect(doc.ok).toBe(true);
    expect(doc.summary.failed).toBe(0);
    expect(doc.summary.ok).toBe(doc.checks.length);
    expect(doc.checks[0]).toEqual({
      stack: 'OrgAudit-LogArchive',
      check: 'sts.account',
      subject: ARCHIVE,
      status: 'ok',
      message: `profile 'archive' belongs to account ${ARCHIVE} (STS GetCallerIdentity)`,
      fix: null,
    });

    const wrong = await run(['preflight', 'OrgAudit-LogArchive', '--app', 'cdk.out', '--profile', `${ARCHIVE}=mgmt`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(
      `FAILED          OrgAudit-LogArchive: sts.account credentials: stack 'OrgAudit-LogArchive' belongs to account ${ARCHIVE}, but profile 'mgmt' belongs to account ${MGMT}`,
    );
  });
});

test('the README policy for preflight lists every RAM action preflight calls, and those status reads', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('#### Permissions for preflight'));
  const policy = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]) as {
    Statement: Array<{ Action: string[] }>;
  };
  const listed = policy.Statement.flatMap((s) => s.Action).sort();
  expect(listed).toEqual(
    [
      ...PREFLIGHT_RAM_ACTIONS,
      'actiontrail:GetTrailStatus',
      GET_DATA_EVENT_SELECTOR_ACTION,
      'odps:GetTableInfo',
      'odps:ListTablePartitions',
      ALERT_RAM_ACTIONS.GetRule,
    ].sort(),
  );
});
