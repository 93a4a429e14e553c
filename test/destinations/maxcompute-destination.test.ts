/**
 * Cross-account delivery end to end at synth: a DeliveryDestination in the
 * log-archive account's stack, a Trail in a source account's stack delivering
 * there with MaxComputeDestination.anotherAccount.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import {
  AnotherAccountMaxComputeOptions,
  AuditChecks,
  DeliveryDestination,
  MaxComputeDestination,
  MemberAccountTrails,
  Trail,
  ValidationError,
} from '../../lib';
import { newApp, newStack, synthTemplate } from '../support/template';
import { validationError } from '../support/errors';

const SOURCE = '1111111111111111';
const ARCHIVE = '3333333333333333';
const PROJECT_ARN = 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive';
const ROLE_ARN = 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole';

/** An app with the log-archive stack and a source stack, both with literal accounts. */
function twoAccounts(): { archive: DeliveryDestination; archiveStack: ros.Stack; sourceStack: ros.Stack } {
  const app = newApp();
  const archiveStack = new ros.Stack(app, 'LogArchive', { env: { account: ARCHIVE, region: 'cn-hangzhou' } });
  const sourceStack = new ros.Stack(app, 'Source', { env: { account: SOURCE, region: 'cn-hangzhou' } });
  const archive = new DeliveryDestination(archiveStack, 'Archive', {
    sourceAccountIds: [SOURCE],
    projectName: 'actiontrail_archive',
  });
  return { archive, archiveStack, sourceStack };
}

function policyStatements(template: ReturnType<typeof synthTemplate>): any[] {
  return template.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
}

describe.each([
  ['single-account', false],
  ['multi-account', true],
])('a %s trail delivering to another account', (_form, organizationTrail) => {
  test('passes the project and the write role, and waits for no project of its own', () => {
    const { archive, sourceStack } = twoAccounts();
    const trail = new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      organizationTrail,
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: archive.projectArn, roleArn: archive.roleArn }),
    });
    const template = synthTemplate(sourceStack);
    expect(template.Resources.Trail.Properties.Parameters).toEqual({
      Name: 'org_audit',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: organizationTrail,
      Logging: true,
      MaxComputeProjectArn: PROJECT_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
      ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
    });
    expect(template.Resources.Trail.DependsOn).toEqual(['ActionTrailProviderFunction']);
    expect(trail.maxComputeProjectName).toBe('actiontrail_archive');
    expect(trail.maxComputeTableName).toBe('actiontrail_org_audit');
  });

  test('grants the provider ram:PassRole on exactly that role, and no service-linked role', () => {
    const { archive, sourceStack } = twoAccounts();
    new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      organizationTrail,
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: archive.projectArn, roleArn: archive.roleArn }),
    });
    const statements = policyStatements(synthTemplate(sourceStack));
    expect(statements.filter((s) => s.Action.includes('ram:PassRole'))).toEqual([
      {
        Effect: 'Allow',
        Action: ['ram:PassRole'],
        Resource: [ROLE_ARN],
        Condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
      },
    ]);
    expect(statements.flatMap((s) => s.Action)).not.toContain('ram:CreateServiceLinkedRole');
  });
});

test('the two stacks share no cross-stack reference: the source template holds literal ARNs only', () => {
  const { archive, archiveStack, sourceStack } = twoAccounts();
  new Trail(sourceStack, 'Trail', {
    trailName: 'org_audit',
    organizationTrail: true,
    maxCompute: MaxComputeDestination.anotherAccount({ projectArn: archive.projectArn, roleArn: archive.roleArn }),
  });
  const text = JSON.stringify(synthTemplate(sourceStack));
  expect(text).not.toContain('ArchiveRole"');
  expect(text).not.toContain('ALIYUN::AccountId');
  expect(synthTemplate(archiveStack).Outputs).toMatchObject({
    ArchiveProjectArn: { Value: PROJECT_ARN },
    ArchiveRoleArn: { Value: ROLE_ARN },
  });
});

describe('MaxComputeDestination.anotherAccount bad input', () => {
  const good: AnotherAccountMaxComputeOptions = { projectArn: PROJECT_ARN, roleArn: ROLE_ARN };
  const cases: Array<[string, Partial<AnotherAccountMaxComputeOptions>, string]> = [
    [
      'a project ARN of the wrong form',
      { projectArn: 'acs:odps:cn-hangzhou:3333333333333333:actiontrail_archive' },
      "maxCompute.projectArn 'acs:odps:cn-hangzhou:3333333333333333:actiontrail_archive' must be an ARN of the form " +
        "'acs:odps:<region>:<16-digit account ID>:project/actiontrail_<name>'",
    ],
    [
      'a project ARN of another service',
      { projectArn: 'acs:log:cn-hangzhou:3333333333333333:project/actiontrail_archive' },
      "maxCompute.projectArn 'acs:log:cn-hangzhou:3333333333333333:project/actiontrail_archive' must be an ARN of the form " +
        "'acs:odps:<region>:<16-digit account ID>:project/actiontrail_<name>'",
    ],
    [
      'a malformed account ID in the project ARN',
      { projectArn: 'acs:odps:cn-hangzhou:333:project/actiontrail_archive' },
      "maxCompute.projectArn 'acs:odps:cn-hangzhou:333:project/actiontrail_archive' has account '333', which must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'a malformed region in the project ARN',
      { projectArn: 'acs:odps:hangzhou:3333333333333333:project/actiontrail_archive' },
      "maxCompute.projectArn 'acs:odps:hangzhou:3333333333333333:project/actiontrail_archive' has region 'hangzhou', which must be a region ID such as 'cn-hangzhou' or 'ap-southeast-1' (at most 32 characters)",
    ],
    [
      'a project name outside actiontrail_',
      { projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/audit_archive' },
      "maxCompute.projectArn 'acs:odps:cn-hangzhou:3333333333333333:project/audit_archive' has name 'audit_archive', which must start with 'actiontrail_' " +
        "followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a project name too long',
      { projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_12345678901234567' },
      "maxCompute.projectArn 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_12345678901234567' has name 'actiontrail_12345678901234567', " +
        "which must start with 'actiontrail_' followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a malformed account ID in the role ARN',
      { roleArn: 'acs:ram::33333333333333333:role/ActionTrailDeliveryRole' },
      "maxCompute.roleArn 'acs:ram::33333333333333333:role/ActionTrailDeliveryRole' has account '33333333333333333', which must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'a role name outside RAM rules',
      { roleArn: 'acs:ram::3333333333333333:role/Delivery_Role' },
      "maxCompute.roleArn 'acs:ram::3333333333333333:role/Delivery_Role' has name 'Delivery_Role', which must be 1-64 characters of letters, digits, '.' and '-'",
    ],
    [
      'a role ARN with a region',
      { roleArn: 'acs:ram:cn-hangzhou:3333333333333333:role/ActionTrailDeliveryRole' },
      "maxCompute.roleArn 'acs:ram:cn-hangzhou:3333333333333333:role/ActionTrailDeliveryRole' must have an empty region field ('acs:ram::<16-digit account ID>:role/<role name>')",
    ],
    [
      'a role in another account than the project',
      { roleArn: 'acs:ram::4444444444444444:role/ActionTrailDeliveryRole' },
      "maxCompute.roleArn 'acs:ram::4444444444444444:role/ActionTrailDeliveryRole' is in account 4444444444444444, but the project is in account " +
        '3333333333333333: the write role must be in the destination account',
    ],
    [
      "a project in the stack's own account",
      {
        projectArn: 'acs:odps:cn-hangzhou:1111111111111111:project/actiontrail_archive',
        roleArn: 'acs:ram::1111111111111111:role/ActionTrailDeliveryRole',
      },
      "maxCompute.projectArn 'acs:odps:cn-hangzhou:1111111111111111:project/actiontrail_archive' is in this stack's own account 1111111111111111: " +
        'use MaxComputeDestination.thisAccount() instead',
    ],
  ];

  test.each(cases)('%s fails at synth naming path, property, value and rule', (_name, options, message) => {
    const stack = newStack('Source', { account: SOURCE, region: 'cn-hangzhou' });
    let error: unknown;
    try {
      new Trail(stack, 'Trail', {
        trailName: 'org_audit',
        organizationTrail: true,
        maxCompute: MaxComputeDestination.anotherAccount({ ...good, ...options }),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(`Trail 'Source/Trail': ${message}`);
  });
});

/** The written cloud assembly manifest of `app` (synthesizes it). */
function writtenManifest(app: ros.App): { artifacts: Record<string, { type: string; dependencies?: string[] }> } {
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
}

describe("cross-stack wiring: a trail using another stack's DeliveryDestination ARNs", () => {
  test("the trail's stack depends on the archive stack in the written manifest.json, as OrganizationAudit does", () => {
    const { archive, archiveStack, sourceStack } = twoAccounts();
    new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: archive.projectArn, roleArn: archive.roleArn }),
    });
    const manifest = writtenManifest(archiveStack.node.root as ros.App);
    expect(manifest.artifacts.Source.dependencies).toContain('LogArchive');
    expect(manifest.artifacts.LogArchive.dependencies ?? []).not.toContain('Source');
    expect(sourceStack.dependencies).toEqual([archiveStack]);
  });

  test("ARNs written out by hand that equal the destination's are wired too, once however many trails use them", () => {
    const { archiveStack, sourceStack } = twoAccounts();
    for (const id of ['TrailA', 'TrailB']) {
      new Trail(sourceStack, id, {
        trailName: id === 'TrailA' ? 'audit_a' : 'audit_b',
        maxCompute: MaxComputeDestination.anotherAccount({ projectArn: PROJECT_ARN, roleArn: ROLE_ARN }),
      });
    }
    const manifest = writtenManifest(archiveStack.node.root as ros.App);
    expect(manifest.artifacts.Source.dependencies!.filter((d) => d === 'LogArchive')).toEqual(['LogArchive']);
  });

  test("MemberAccountTrails given the destination's ARNs is wired too: its stack deploys after the archive", () => {
    const { archive, archiveStack, sourceStack } = twoAccounts();
    new MemberAccountTrails(sourceStack, 'MemberTrails', {
      projectArn: archive.projectArn,
      roleArn: archive.roleArn,
      folderIds: ['fd-Folder1'],
    });
    const manifest = writtenManifest(archiveStack.node.root as ros.App);
    expect(manifest.artifacts.Source.dependencies).toContain('LogArchive');
    expect(manifest.artifacts.LogArchive.dependencies ?? []).not.toContain('Source');
  });

  test('ARNs of a project outside the app add no dependency', () => {
    const app = newApp();
    const sourceStack = new ros.Stack(app, 'Source', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: PROJECT_ARN, roleArn: ROLE_ARN }),
    });
    const manifest = writtenManifest(app);
    expect((manifest.artifacts.Source.dependencies ?? []).filter((d) => !d.endsWith('.assets'))).toEqual([]);
  });

  test('an archive stack without a literal env.account fails at once, in one line naming both constructs and the fix', () => {
    const app = newApp();
    const archiveStack = new ros.Stack(app, 'LogArchive', { env: { region: 'cn-hangzhou' } });
    const sourceStack = new ros.Stack(app, 'Source', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    const archive = new DeliveryDestination(archiveStack, 'Archive', { sourceAccountIds: [SOURCE] });
    const error = validationError(
      () =>
        new Trail(sourceStack, 'Trail', {
          trailName: 'org_audit',
          maxCompute: MaxComputeDestination.anotherAccount({
            projectArn: archive.projectArn,
            roleArn: archive.roleArn,
          }),
        }),
    );
    expect(error.message).toBe(
      "Trail 'Source/Trail': maxCompute.projectArn is the projectArn of DeliveryDestination 'LogArchive/Archive' in stack 'LogArchive', " +
        "which has no literal env.account or env.region, so the ARN holds ALIYUN::AccountId or ALIYUN::Region and would name this stack's account or region: " +
        "give stack 'LogArchive' a literal env: { account, region }",
    );
    expect(error.message).not.toMatch(/Resolution error|\n/);
  });
});

describe('MaxCompute region', () => {
  const farProject = 'acs:odps:cn-shanghai:3333333333333333:project/actiontrail_archive';
  const farMessage =
    `Parameters.MaxComputeProjectArn '${farProject}' is another account's project in region cn-shanghai, but the trail's home region is cn-hangzhou: ` +
    "ActionTrail documents a MaxCompute region other than the trail's only for the trail's own account";
  const farFix =
    "Deliver to a project in the trail's region, or check that delivery works and suppress AT-TRAIL-008 on the trail";

  function farTrail(): { app: ros.App; trail: Trail } {
    const app = newApp();
    const sourceStack = new ros.Stack(app, 'Source', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    const trail = new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: farProject, roleArn: ROLE_ARN }),
    });
    return { app, trail };
  }

  test("anotherAccount: a project in another region than the trail's stack is a warning (AT-TRAIL-008), not an error", () => {
    const { app } = farTrail();
    const stack = app.synth().getStackByName('Source');
    expect((stack.template as any).Resources.Trail.Properties.Parameters.MaxComputeProjectArn).toBe(farProject);
    expect(stack.messages.map((m) => [m.level, m.id, m.entry.data])).toEqual([
      ['warning', '/Source/Trail/Trail', `[AT-TRAIL-008] ${farMessage}. Fix: ${farFix}`],
    ]);
  });

  test('anotherAccount: under AuditChecks the same warning is a finding, once, and suppressing it silences it', () => {
    const checked = farTrail();
    const checks = AuditChecks.of(checked.app);
    const messages = checked.app
      .synth()
      .getStackByName('Source')
      .messages.map((m) => m.entry.data);
    expect(messages.filter((m) => String(m).includes('AT-TRAIL-008'))).toEqual([
      `[AT-TRAIL-008] ${farMessage}. Fix: ${farFix}`,
    ]);
    expect(checks.report!.stacks.flatMap((s) => s.findings).filter((f) => f.ruleId === 'AT-TRAIL-008')).toEqual([
      expect.objectContaining({
        level: 'warning',
        path: 'Source/Trail/Trail',
        message: farMessage,
        fix: farFix,
        suppressed: false,
      }),
    ]);

    const quiet = farTrail();
    AuditChecks.suppress(quiet.trail, 'AT-TRAIL-008', 'delivery across regions checked in the console');
    AuditChecks.of(quiet.app);
    expect(
      quiet.app
        .synth()
        .getStackByName('Source')
        .messages.map((m) => m.entry.data)
        .filter((m) => String(m).includes('AT-TRAIL-008')),
    ).toEqual([]);
  });

  test("anotherAccount: a project in the trail's region gives no warning", () => {
    const app = newApp();
    const sourceStack = new ros.Stack(app, 'Source', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    new Trail(sourceStack, 'Trail', {
      trailName: 'org_audit',
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: PROJECT_ARN, roleArn: ROLE_ARN }),
    });
    expect(app.synth().getStackByName('Source').messages).toEqual([]);
  });

  test('thisAccount({ region }) keeps allowing a project region other than the trail\'s (the console\'s "MaxCompute Region")', () => {
    const stack = newStack('Source', { account: SOURCE, region: 'cn-hangzhou' });
    new Trail(stack, 'Trail', {
      trailName: 'audit_all',
      maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-shanghai' }),
    });
    const template = synthTemplate(stack);
    expect(template.Resources.Trail.Properties.Parameters.MaxComputeProjectArn).toBe(
      `acs:odps:cn-shanghai:${SOURCE}:project/actiontrail_${SOURCE}`,
    );
  });
});
