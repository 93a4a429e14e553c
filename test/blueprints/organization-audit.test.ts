import * as ros from '@alicloud/ros-cdk-core';
import { OrganizationAudit, OrganizationAuditProps } from '../../lib';
import { newApp, Template } from '../support/template';
import { validationError } from '../support/errors';

const MANAGEMENT = '1111111111111111';
const LOG_ARCHIVE = '3333333333333333';
const PROJECT_ARN = 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_3333333333333333';
const ROLE_ARN = 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole';

function blueprint(props: Partial<OrganizationAuditProps> = {}, app = newApp()): OrganizationAudit {
  return new OrganizationAudit(app, 'OrgAudit', {
    managementAccountId: MANAGEMENT,
    logArchiveAccountId: LOG_ARCHIVE,
    region: 'cn-hangzhou',
    ...props,
  });
}

function templates(audit: OrganizationAudit): { archive: Template; management: Template } {
  const assembly = (audit.node.root as ros.App).synth();
  return {
    archive: assembly.getStackByName(audit.logArchiveStack.stackName).template,
    management: assembly.getStackByName(audit.managementStack.stackName).template,
  };
}

describe('OrganizationAudit', () => {
  test('yields a log-archive stack and a management stack, named from the id, in their accounts and region', () => {
    const audit = blueprint();
    expect(audit.logArchiveStack.stackName).toBe('OrgAudit-LogArchive');
    expect(audit.managementStack.stackName).toBe('OrgAudit-Management');
    expect([audit.logArchiveStack.account, audit.logArchiveStack.region]).toEqual([LOG_ARCHIVE, 'cn-hangzhou']);
    expect([audit.managementStack.account, audit.managementStack.region]).toEqual([MANAGEMENT, 'cn-hangzhou']);
    expect(ros.Stack.of(audit.destination)).toBe(audit.logArchiveStack);
    expect(ros.Stack.of(audit.trail)).toBe(audit.managementStack);
    expect(audit.memberTrails).toBeUndefined();
  });

  test('the management stack depends on the log-archive stack in the cloud assembly (archive first)', () => {
    const audit = blueprint();
    const assembly = (audit.node.root as ros.App).synth();
    const artifacts = assembly.manifest.artifacts!;
    expect(artifacts['OrgAudit-Management'].dependencies).toContain('OrgAudit-LogArchive');
    expect(artifacts['OrgAudit-LogArchive'].dependencies ?? []).not.toContain('OrgAudit-Management');
  });

  test("the archive trusts exactly the management account's ActionTrail and keeps its project", () => {
    const { archive } = templates(blueprint({ quota: 'os_PayAsYouGoQuota' }));
    expect(Object.keys(archive.Resources).sort()).toEqual(['ArchiveProject', 'ArchiveRole']);
    expect(archive.Resources.ArchiveRole.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '1',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: ['1111111111111111@actiontrail.aliyuncs.com'] },
        },
      ],
    });
    expect(archive.Resources.ArchiveRole.Properties.PolicyAttachments).toEqual({
      System: ['AliyunActionTrailDeliveryPolicy'],
    });
    expect(archive.Resources.ArchiveProject).toMatchObject({
      Properties: { Name: 'actiontrail_3333333333333333', DefaultQuota: 'os_PayAsYouGoQuota' },
      DeletionPolicy: 'Retain',
    });
    expect(archive.Outputs).toMatchObject({
      ArchiveProjectArn: { Value: PROJECT_ARN },
      ArchiveRoleArn: { Value: ROLE_ARN },
    });
  });

  test('the management stack holds a multi-account trail delivering to the archive by computed ARNs', () => {
    const audit = blueprint();
    const { management } = templates(audit);
    expect(management.Resources.OrganizationTrail.Properties.Parameters).toEqual({
      Name: 'org_audit',
      EventRW: 'All',
      TrailRegion: 'All',
      IsOrganizationTrail: true,
      Logging: true,
      MaxComputeProjectArn: PROJECT_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
      ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
    });
    const statements = management.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements.filter((s: any) => s.Action.includes('ram:PassRole'))).toEqual([
      {
        Effect: 'Allow',
        Action: ['ram:PassRole'],
        Resource: [ROLE_ARN],
        Condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
      },
    ]);
    expect(JSON.stringify(management)).not.toContain('ALIYUN::AccountId');
    expect(audit.trail.trailName).toBe('org_audit');
  });

  test('optional props reach the resources', () => {
    const audit = blueprint({
      trailName: 'company_audit',
      projectName: 'actiontrail_company',
      roleName: 'CompanyAuditDelivery',
      logArchiveStackName: 'audit-archive',
      managementStackName: 'audit-management',
      projectRemovalPolicy: ros.RemovalPolicy.DESTROY,
    });
    const { archive, management } = templates(audit);
    expect(archive.Resources.ArchiveProject).toMatchObject({
      Properties: { Name: 'actiontrail_company' },
      DeletionPolicy: 'Delete',
    });
    expect(archive.Resources.ArchiveRole.Properties.RoleName).toBe('CompanyAuditDelivery');
    expect(management.Resources.OrganizationTrail.Properties.Parameters).toMatchObject({
      Name: 'company_audit',
      MaxComputeProjectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_company',
      MaxComputeWriteRoleArn: 'acs:ram::3333333333333333:role/CompanyAuditDelivery',
    });
    expect([audit.logArchiveStack.stackName, audit.managementStack.stackName]).toEqual([
      'audit-archive',
      'audit-management',
    ]);
  });

  test('synthesizes the same templates twice (deterministic)', () => {
    const a = templates(blueprint());
    const b = templates(blueprint());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('OrganizationAudit with memberRollout', () => {
  const rollout = { folderIds: ['fd-ExampleFolder'], memberAccountIds: ['4444444444444444', '5555555555555555'] };

  test('the management account gets a single-account trail and the members a stack group', () => {
    const audit = blueprint({ memberRollout: rollout });
    const { management } = templates(audit);
    expect(Object.keys(management.Resources).sort()).toEqual([
      'ActionTrailProviderFunction',
      'ActionTrailProviderRole',
      'ManagementTrail',
      'MemberTrailsStackGroup',
      'MemberTrailsStackInstances',
    ]);
    expect(management.Resources.ManagementTrail.Properties.Parameters).toMatchObject({
      Name: 'management_audit',
      IsOrganizationTrail: false,
      MaxComputeProjectArn: PROJECT_ARN,
      MaxComputeWriteRoleArn: ROLE_ARN,
    });
    expect(management.Resources.MemberTrailsStackInstances.Properties).toEqual({
      StackGroupName: 'OrgAudit-Management-MemberTrails',
      RegionIds: ['cn-hangzhou'],
      DeploymentTargets: { RdFolderIds: ['fd-ExampleFolder'] },
      RetainStacks: false,
    });
    expect(audit.memberTrails!.memberTemplate).toEqual(
      management.Resources.MemberTrailsStackGroup.Properties.TemplateBody,
    );
  });

  test('the archive trusts the management account, then the member accounts, in that order', () => {
    const { archive } = templates(blueprint({ memberRollout: rollout }));
    expect(archive.Resources.ArchiveRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
      '1111111111111111@actiontrail.aliyuncs.com',
      '4444444444444444@actiontrail.aliyuncs.com',
      '5555555555555555@actiontrail.aliyuncs.com',
    ]);
  });

  test('too many member accounts for the trust policy fail at synth, naming the archive', () => {
    const memberAccountIds = Array.from({ length: 44 }, (_, i) => String(2000000000000000 + i));
    expect(validationError(() => blueprint({ memberRollout: { ...rollout, memberAccountIds } })).message).toMatch(
      /^DeliveryDestination 'OrgAudit\/LogArchive\/Archive': sourceAccountIds lists 45 accounts, whose trust policy would be 2080 bytes, over the 2048-byte limit/,
    );
    expect(() =>
      blueprint({ memberRollout: { ...rollout, memberAccountIds }, maxTrustPolicyBytes: 6144 }),
    ).not.toThrow();
  });
});

describe('OrganizationAudit bad input', () => {
  const rollout = { folderIds: ['fd-ExampleFolder'], memberAccountIds: ['4444444444444444'] };
  const cases: Array<[string, Partial<OrganizationAuditProps>, string]> = [
    [
      'a malformed management account ID',
      { managementAccountId: '111' },
      "managementAccountId '111' must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'a malformed log-archive account ID',
      { logArchiveAccountId: '3333-3333-3333-3333' },
      "logArchiveAccountId '3333-3333-3333-3333' must be a 16-digit Alibaba Cloud account ID",
    ],
    ['a missing region', { region: undefined }, 'region is required'],
    [
      'a malformed region',
      { region: 'Hangzhou' },
      "region 'Hangzhou' must be a region ID such as 'cn-hangzhou' or 'ap-southeast-1' (at most 32 characters)",
    ],
    [
      'the log-archive account being the management account',
      { logArchiveAccountId: MANAGEMENT },
      "logArchiveAccountId '1111111111111111' is also the management account: keep the archive in a separate account, or use MaxComputeDestination.thisAccount()",
    ],
    [
      'a stack name with _',
      { logArchiveStackName: 'Org_Audit' },
      "logArchiveStackName 'Org_Audit' must be 1-255 characters of letters, digits and '-', starting with a letter (ROS and ros-cdk-core stack name rules)",
    ],
    [
      'a stack name starting with a digit',
      { managementStackName: '1-management' },
      "managementStackName '1-management' must be 1-255 characters of letters, digits and '-', starting with a letter (ROS and ros-cdk-core stack name rules)",
    ],
    [
      'the same name for both stacks',
      { logArchiveStackName: 'audit', managementStackName: 'audit' },
      "managementStackName 'audit' is also the log-archive stack's name: give the two stacks different names",
    ],
    [
      'a member account ID that is malformed',
      { memberRollout: { ...rollout, memberAccountIds: ['4444444444444444', '12'] } },
      "memberRollout.memberAccountIds[1] '12' must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'no member account IDs',
      { memberRollout: { ...rollout, memberAccountIds: [] } },
      'memberRollout.memberAccountIds is empty: list at least one 16-digit account ID',
    ],
    [
      'a member account listed twice',
      { memberRollout: { ...rollout, memberAccountIds: ['4444444444444444', '4444444444444444'] } },
      "memberRollout.memberAccountIds[1] '4444444444444444' is listed twice (also at index 0): list each account once",
    ],
    [
      'the management account listed as a member',
      { memberRollout: { ...rollout, memberAccountIds: [MANAGEMENT] } },
      "memberRollout.memberAccountIds[0] '1111111111111111' is the management account: it is trusted already; list only member accounts",
    ],
    [
      'the log-archive account listed as a member',
      { memberRollout: { ...rollout, memberAccountIds: [LOG_ARCHIVE] } },
      "memberRollout.memberAccountIds[0] '3333333333333333' is the log-archive account: it cannot deliver to itself through the delivery role; " +
        'keep it out of the rolled-out folders',
    ],
    [
      'member trails named like the management trail',
      { trailName: 'audit_all', memberRollout: { ...rollout, trailName: 'audit_all' } },
      "memberRollout.trailName 'audit_all' is also the management trail's name: give member trails another name, " +
        'so that a folder holding the management account cannot collide with its trail',
    ],
  ];

  test.each(cases)('%s fails at synth naming path, property, value and rule', (_name, props, message) => {
    const error = validationError(() => blueprint(props));
    expect(error.message).toBe(`OrganizationAudit 'OrgAudit': ${message}`);
  });

  test('a stack name derived from an id that ROS does not accept asks for the name', () => {
    const app = newApp();
    expect(
      validationError(
        () =>
          new OrganizationAudit(app, 'Org_Audit', {
            managementAccountId: MANAGEMENT,
            logArchiveAccountId: LOG_ARCHIVE,
            region: 'cn-hangzhou',
          }),
      ).message,
    ).toBe(
      "OrganizationAudit 'Org_Audit': logArchiveStackName 'Org_Audit-LogArchive' (derived from the id 'Org_Audit') " +
        "must be 1-255 characters of letters, digits and '-', starting with a letter (ROS and ros-cdk-core stack name rules): pass logArchiveStackName",
    );
  });

  test('a bad trail name is reported by the trail, with its path', () => {
    expect(validationError(() => blueprint({ trailName: 'Org-Audit' })).message).toBe(
      "Trail 'OrgAudit/Management/OrganizationTrail': trailName 'Org-Audit' must be 6-36 characters, start with a lowercase letter " +
        "and contain only lowercase letters, digits, '-' and '_'",
    );
  });

  test('a bad folder ID is reported by the member rollout, with its path', () => {
    expect(validationError(() => blueprint({ memberRollout: { ...rollout, folderIds: ['folder-1'] } })).message).toBe(
      "MemberAccountTrails 'OrgAudit/Management/MemberTrails': folderIds[0] 'folder-1' must be a resource directory folder ID such as " +
        "'fd-bVaRIG****' (or the root folder 'r-...')",
    );
  });
});
