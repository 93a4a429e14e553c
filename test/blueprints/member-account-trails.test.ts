import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { EventRW, MemberAccountTrails, MemberAccountTrailsProps, TrailRegion } from '../../lib';
import { newStack, synthTemplate } from '../support/template';
import { validationError } from '../support/errors';

const MANAGEMENT = '1111111111111111';
const PROJECT_ARN = 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive';
const ROLE_ARN = 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole';

function managementStack(): ros.Stack {
  return newStack('Management', { account: MANAGEMENT, region: 'cn-hangzhou' });
}

function memberTrails(stack = managementStack(), props: Partial<MemberAccountTrailsProps> = {}): MemberAccountTrails {
  return new MemberAccountTrails(stack, 'MemberTrails', {
    projectArn: PROJECT_ARN,
    roleArn: ROLE_ARN,
    folderIds: ['fd-Folder1', 'fd-Folder2'],
    ...props,
  });
}

describe('MemberAccountTrails template', () => {
  test('a service-managed stack group with automatic deployment, holding the member template', () => {
    const stack = managementStack();
    const members = memberTrails(stack);
    const group = synthTemplate(stack).Resources.MemberTrailsStackGroup;
    expect(group.Type).toBe('ALIYUN::ROS::StackGroup');
    const { TemplateBody, ...properties } = group.Properties;
    expect(properties).toEqual({
      StackGroupName: 'Management-MemberTrails',
      Description: `ActionTrail trail 'member_audit' in each member account, delivering to ${PROJECT_ARN} (actiontrail-cdk)`,
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    });
    expect(TemplateBody).toEqual(members.memberTemplate);
  });

  test("stack instances in the folders' accounts, in one region, after the stack group", () => {
    const stack = managementStack();
    memberTrails(stack);
    expect(synthTemplate(stack).Resources.MemberTrailsStackInstances).toEqual({
      Type: 'ALIYUN::ROS::StackInstances',
      Properties: {
        StackGroupName: 'Management-MemberTrails',
        RegionIds: ['cn-hangzhou'],
        DeploymentTargets: { RdFolderIds: ['fd-Folder1', 'fd-Folder2'] },
        RetainStacks: false,
      },
      DependsOn: ['MemberTrailsStackGroup'],
    });
  });

  test("the member template: a single-account trail delivering to the archive, in the member's own account", () => {
    const members = memberTrails();
    const template = members.memberTemplate as any;
    expect(template.ROSTemplateFormatVersion).toBe('2015-09-01');
    expect(Object.keys(template.Resources).sort()).toEqual([
      'ActionTrailProviderFunction',
      'ActionTrailProviderRole',
      'MemberTrail',
    ]);
    expect(template.Resources.MemberTrail.Properties.Parameters).toEqual({
      Name: 'member_audit',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: false,
      Logging: true,
      MaxComputeProjectArn: PROJECT_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
      ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
    });
    const statements = template.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements[0].Resource).toEqual([
      { 'Fn::Join': ['', ['acs:actiontrail:cn-hangzhou:', { Ref: 'ALIYUN::AccountId' }, ':*']] },
    ]);
    expect(statements.filter((s: any) => s.Action.includes('ram:PassRole'))).toEqual([
      {
        Effect: 'Allow',
        Action: ['ram:PassRole'],
        Resource: [ROLE_ARN],
        Condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
      },
    ]);
  });

  test('the member template names no management account ID', () => {
    const stack = managementStack();
    memberTrails(stack);
    const body = JSON.stringify(synthTemplate(stack).Resources.MemberTrailsStackGroup.Properties.TemplateBody);
    expect(body).not.toContain(MANAGEMENT);
    expect(body).toContain('"Ref":"ALIYUN::AccountId"');
  });

  test('is deterministic: the same props give the same template', () => {
    const a = managementStack();
    memberTrails(a);
    const b = managementStack();
    memberTrails(b);
    expect(JSON.stringify(synthTemplate(a))).toBe(JSON.stringify(synthTemplate(b)));
  });

  test("writes nothing into the app's output directory (CDK_OUTDIR) while synthesizing the member template", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'member-outdir-'));
    const saved = process.env.CDK_OUTDIR;
    process.env.CDK_OUTDIR = outdir;
    try {
      memberTrails();
      expect(fs.readdirSync(outdir)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.CDK_OUTDIR;
      else process.env.CDK_OUTDIR = saved;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('options reach the resources and the member template', () => {
    const stack = managementStack();
    const members = memberTrails(stack, {
      trailName: 'account_audit',
      eventRW: EventRW.WRITE,
      trailRegion: TrailRegion.of('cn-hangzhou', 'cn-shanghai'),
      stackGroupName: 'actiontrail_members',
      autoDeployment: false,
      retainStacksOnAccountRemoval: true,
      retainStacks: true,
    });
    const resources = synthTemplate(stack).Resources;
    expect(resources.MemberTrailsStackGroup.Properties).toMatchObject({
      StackGroupName: 'actiontrail_members',
      AutoDeployment: { Enabled: false, RetainStacksOnAccountRemoval: true },
    });
    expect(resources.MemberTrailsStackInstances.Properties).toMatchObject({
      StackGroupName: 'actiontrail_members',
      RetainStacks: true,
    });
    expect((members.memberTemplate as any).Resources.MemberTrail.Properties.Parameters).toMatchObject({
      Name: 'account_audit',
      EventRW: 'Write',
      TrailRegion: 'cn-hangzhou,cn-shanghai',
    });
  });
});

describe('MemberAccountTrails bad input', () => {
  const cases: Array<[string, Partial<MemberAccountTrailsProps>, string]> = [
    [
      'a malformed project ARN',
      { projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/archive' },
      "projectArn 'acs:odps:cn-hangzhou:3333333333333333:project/archive' has name 'archive', which must start with 'actiontrail_' " +
        "followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a role name outside RAM rules',
      { roleArn: 'acs:ram::3333333333333333:role/Delivery_Role' },
      "roleArn 'acs:ram::3333333333333333:role/Delivery_Role' has name 'Delivery_Role', which must be 1-64 characters of letters, digits, '.' and '-'",
    ],
    [
      'a role in another account than the project',
      { roleArn: 'acs:ram::4444444444444444:role/ActionTrailDeliveryRole' },
      "roleArn 'acs:ram::4444444444444444:role/ActionTrailDeliveryRole' is in account 4444444444444444, but the project is in account " +
        '3333333333333333: the write role must be in the destination account',
    ],
    [
      'a token project ARN',
      { projectArn: ros.Fn.join('', ['acs:odps:cn-hangzhou:', ros.RosPseudo.accountId, ':project/actiontrail_x']) },
      'projectArn is a token: it must be a literal ARN, because the member template is synthesized apart from this app ' +
        '(give the log-archive stack a literal env.account and env.region)',
    ],
    ['no folders', { folderIds: [] }, 'folderIds [] must list at least one resource directory folder ID'],
    [
      'a malformed folder ID',
      { folderIds: ['fd-Folder1', 'Folder2'] },
      "folderIds[1] 'Folder2' must be a resource directory folder ID such as 'fd-bVaRIG****' (or the root folder 'r-...')",
    ],
    [
      'a folder listed twice',
      { folderIds: ['fd-Folder1', 'fd-Folder1'] },
      "folderIds[1] 'fd-Folder1' is listed twice (also at index 0): list each folder once",
    ],
    [
      "a region other than the project's",
      { region: 'cn-shanghai' },
      "region 'cn-shanghai' differs from the project's region 'cn-hangzhou': deploy the member trails in the project's region",
    ],
    [
      'a malformed region',
      { region: 'hangzhou' },
      "region 'hangzhou' must be a region ID such as 'cn-hangzhou' or 'ap-southeast-1' (at most 32 characters)",
    ],
    [
      'a bad trail name',
      { trailName: 'Member' },
      "trailName 'Member' must be 6-36 characters, start with a lowercase letter and contain only lowercase letters, digits, '-' and '_'",
    ],
    [
      'a bad stack group name',
      { stackGroupName: '-members' },
      "stackGroupName '-members' must be 1-255 characters of letters, digits, '-' and '_', starting with a letter or digit",
    ],
    [
      'a non-boolean autoDeployment',
      { autoDeployment: 'yes' as unknown as boolean },
      "autoDeployment 'yes' must be true or false",
    ],
  ];

  test.each(cases)('%s fails at synth naming path, property, value and rule', (_name, props, message) => {
    const error = validationError(() => memberTrails(managementStack(), props));
    expect(error.message).toBe(`MemberAccountTrails 'Management/MemberTrails': ${message}`);
  });
});
