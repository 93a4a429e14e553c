import * as ros from '@alicloud/ros-cdk-core';
import { EventRW, MaxComputeDestination, Trail, TrailRegion } from '../../lib';
import { PROVIDER_CODE } from '../../lib/provider/handler-code';
import { validationError } from '../support/errors';
import { newApp, newStack, resourcesOfType, synthTemplate } from '../support/template';

const ACCOUNT = { Ref: 'ALIYUN::AccountId' };

function thisAccountTrail(stack = newStack(), props: Partial<ConstructorParameters<typeof Trail>[2]> = {}): Trail {
  return new Trail(stack, 'AuditTrail', {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou', quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
}

describe('Trail template', () => {
  test('renders the custom resource with secure defaults and this-account MaxCompute delivery', () => {
    const stack = newStack();
    thisAccountTrail(stack);
    const template = synthTemplate(stack);
    expect(template.Resources.AuditTrail).toEqual({
      Type: 'Custom::ActionTrailTrail',
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['ActionTrailProviderFunction', 'ARN'] },
        Timeout: 600,
        Parameters: {
          Name: 'audit_all',
          EventRW: 'All',
          TrailRegion: 'All',
          IsOrganizationTrail: false,
          Logging: true,
          MaxComputeProjectArn: {
            'Fn::Join': ['', ['acs:odps:cn-hangzhou:', ACCOUNT, ':project/actiontrail_', ACCOUNT]],
          },
          ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
        },
      },
      DependsOn: ['ActionTrailProviderFunction', 'ActionTrailProject'],
      DeletionPolicy: 'Delete',
    });
    expect(Object.keys(template.Resources).sort()).toEqual([
      'ActionTrailProject',
      'ActionTrailProviderFunction',
      'ActionTrailProviderRole',
      'AuditTrail',
    ]);
  });

  test('creates the project actiontrail_<account> with the quota and retains it on stack delete', () => {
    const stack = newStack();
    thisAccountTrail(stack);
    expect(synthTemplate(stack).Resources.ActionTrailProject).toEqual({
      Type: 'ALIYUN::MaxCompute::Project',
      Properties: {
        Name: { 'Fn::Join': ['', ['actiontrail_', ACCOUNT]] },
        Comment: 'ActionTrail events delivered by actiontrail-cdk trails of this account',
        DefaultQuota: 'os_PayAsYouGoQuota',
        Properties: { Encryption: { Enable: true, Algorithm: 'AESCTR' } },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('uses literal names when the account is known at synth', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    const trail = thisAccountTrail(stack);
    expect(trail.maxComputeProjectName).toBe('actiontrail_1234567890123456');
    expect(trail.maxComputeTableName).toBe('actiontrail_audit_all');
    expect(trail.trailArn).toBe('acs:actiontrail:cn-hangzhou:1234567890123456:trail/audit_all');
    const t = synthTemplate(stack);
    expect(t.Resources.AuditTrail.Properties.Parameters.MaxComputeProjectArn).toBe(
      'acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_1234567890123456',
    );
    expect(t.Resources.ActionTrailProject.Properties.Name).toBe('actiontrail_1234567890123456');
  });

  test('leaves the project to ActionTrail when no quota and no createProject are given', () => {
    const stack = newStack();
    thisAccountTrail(stack, { maxCompute: MaxComputeDestination.thisAccount() });
    const t = synthTemplate(stack);
    expect(resourcesOfType(t, 'ALIYUN::MaxCompute::Project')).toEqual({});
    expect(t.Resources.AuditTrail.DependsOn).toEqual(['ActionTrailProviderFunction']);
  });

  test('renders every prop the user sets', () => {
    const stack = newStack();
    thisAccountTrail(stack, {
      trailName: 'reads_two_regions',
      eventRW: EventRW.READ,
      trailRegion: TrailRegion.of('cn-hangzhou', 'cn-shanghai'),
      organizationTrail: true,
      logging: false,
      maxCompute: undefined,
      ossBucketName: 'audit-bucket',
      ossKeyPrefix: 'trail/',
      ossWriteRoleArn: 'acs:ram::1234567890123456:role/oss-writer',
      slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
      slsWriteRoleArn: 'acs:ram::1234567890123456:role/sls-writer',
      removalPolicy: ros.RemovalPolicy.RETAIN,
    });
    const resource = synthTemplate(stack).Resources.AuditTrail;
    expect(resource.Properties.Parameters).toEqual({
      Name: 'reads_two_regions',
      EventRW: 'Read',
      TrailRegion: 'cn-hangzhou,cn-shanghai',
      IsOrganizationTrail: true,
      Logging: false,
      OssBucketName: 'audit-bucket',
      OssKeyPrefix: 'trail/',
      OssWriteRoleArn: 'acs:ram::1234567890123456:role/oss-writer',
      SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
      SlsWriteRoleArn: 'acs:ram::1234567890123456:role/sls-writer',
      ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
    });
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  test('passes tokens through unvalidated', () => {
    const stack = newStack();
    const name = new ros.RosParameter(stack, 'TrailName', { type: ros.RosParameterType.STRING });
    thisAccountTrail(stack, { trailName: name.valueAsString });
    expect(synthTemplate(stack).Resources.AuditTrail.Properties.Parameters.Name).toEqual({ Ref: 'TrailName' });
  });
});

describe('TrailProvider', () => {
  function provider(stack: ros.Stack) {
    const t = synthTemplate(stack);
    return { role: t.Resources.ActionTrailProviderRole, fn: t.Resources.ActionTrailProviderFunction, t };
  }

  test('is one nodejs20 function with the embedded code, shared by every trail of a stack', () => {
    const stack = newStack();
    thisAccountTrail(stack);
    new Trail(stack, 'SecondTrail', { trailName: 'second_trail', ossBucketName: 'audit-bucket' });
    const { fn, t } = provider(stack);
    expect(Object.keys(resourcesOfType(t, 'ALIYUN::FC3::Function'))).toEqual(['ActionTrailProviderFunction']);
    expect(Object.keys(resourcesOfType(t, 'ALIYUN::RAM::Role'))).toEqual(['ActionTrailProviderRole']);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs20',
      Handler: 'index.handler',
      Code: { ZipFile: PROVIDER_CODE.zipFileBase64 },
      Role: { 'Fn::GetAtt': ['ActionTrailProviderRole', 'Arn'] },
      Timeout: 300,
    });
    expect(fn.DependsOn).toEqual(['ActionTrailProviderRole']);
    expect(t.Resources.SecondTrail.Properties.ServiceToken).toEqual({
      'Fn::GetAtt': ['ActionTrailProviderFunction', 'ARN'],
    });
  });

  test("role: trusted by Function Compute, ActionTrail actions and ROS's record of its own stack only, no wildcard action", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    thisAccountTrail(stack);
    const { role } = provider(stack);
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '1',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
    });
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'actiontrail:CreateTrail',
          'actiontrail:DeleteTrail',
          'actiontrail:DescribeTrails',
          'actiontrail:GetTrailStatus',
          'actiontrail:StartLogging',
          'actiontrail:StopLogging',
          'actiontrail:UpdateTrail',
        ],
        Resource: ['acs:actiontrail:cn-hangzhou:1234567890123456:*'],
      },
      {
        // Reading and removing data event selectors only: no trail declares any, so no Put.
        Effect: 'Allow',
        Action: ['actiontrail:DeleteDataEventSelector', 'actiontrail:GetDataEventSelector'],
        Resource: ['acs:actiontrail:cn-hangzhou:1234567890123456:trail/*'],
      },
      {
        Effect: 'Allow',
        Action: ['ram:CreateServiceLinkedRole'],
        Resource: ['acs:ram:*:1234567890123456:role/*'],
        Condition: { StringEquals: { 'ram:ServiceName': 'actiontrail.aliyuncs.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['ros:GetStackResource'],
        Resource: [{ 'Fn::Join': ['', ['acs:ros:cn-hangzhou:1234567890123456:stack/', { Ref: 'ALIYUN::StackId' }]] }],
      },
    ]);
    for (const s of statements) for (const a of s.Action) expect(a).not.toMatch(/\*/);
  });

  test('role: ram:PassRole only on the write roles trails pass, and no service-linked role when every destination has one', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    new Trail(stack, 'ToArchive', {
      trailName: 'to_archive',
      maxCompute: MaxComputeDestination.anotherAccount({
        projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
        roleArn: 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole',
      }),
      slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
      slsWriteRoleArn: 'acs:ram::1234567890123456:role/sls-writer',
    });
    const { role, t } = provider(stack);
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    // ActionTrail, data event reads and removals, PassRole, and ROS's record of the stack.
    expect(statements).toHaveLength(4);
    expect(statements.find((s: { Action: string[] }) => s.Action.includes('ros:GetStackResource')).Action).toEqual([
      'ros:GetStackResource',
    ]);
    expect(statements.find((s: { Action: string[] }) => s.Action.includes('ram:PassRole'))).toEqual({
      Effect: 'Allow',
      Action: ['ram:PassRole'],
      Resource: ['acs:ram::1234567890123456:role/sls-writer', 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole'],
      Condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
    });
    expect(t.Resources.ToArchive.Properties.Parameters).toMatchObject({
      MaxComputeProjectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
      MaxComputeWriteRoleArn: 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole',
    });
  });

  test('names are unique per stack and region and fit RAM and FC limits', () => {
    const app = newApp();
    const stacks = ['A', 'B'.repeat(120)].flatMap((id) =>
      ['cn-hangzhou', 'ap-southeast-1'].map((region) => {
        const stack = new ros.Stack(app, `${id}-${region}`, { env: { region } });
        new Trail(stack, 'T', { trailName: 'audit_all', ossBucketName: 'audit-bucket' });
        return stack;
      }),
    );
    const assembly = app.synth();
    const names = stacks.map((stack) => {
      const t = assembly.getStackByName(stack.stackName).template;
      return {
        role: t.Resources.ActionTrailProviderRole.Properties.RoleName as string,
        policy: t.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyName as string,
        fn: t.Resources.ActionTrailProviderFunction.Properties.FunctionName as string,
      };
    });
    for (const kind of ['role', 'policy', 'fn'] as const) {
      expect(new Set(names.map((n) => n[kind])).size).toBe(names.length);
    }
    for (const n of names) {
      expect(n.role).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
      expect(n.fn).toMatch(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/);
      expect(n.policy.length).toBeLessThanOrEqual(128);
    }
  });

  test('uses ALIYUN::Region in the role name when the region is known only at deploy time', () => {
    const stack = newStack('Audit', {});
    new Trail(stack, 'T', { trailName: 'audit_all', ossBucketName: 'audit-bucket' });
    const roleName = synthTemplate(stack).Resources.ActionTrailProviderRole.Properties.RoleName;
    expect(roleName).toEqual({
      'Fn::Join': ['-', [expect.stringMatching(/^ActionTrailProvider-Audit-[0-9a-f]{8}$/), { Ref: 'ALIYUN::Region' }]],
    });
  });
});

describe('Trail validation', () => {
  test.each([
    [
      'Ab',
      "Trail 'Audit/AuditTrail': trailName 'Ab' must be 6-36 characters, start with a lowercase letter and contain only lowercase letters, digits, '-' and '_'",
    ],
    ['Audit_All', "Trail 'Audit/AuditTrail': trailName 'Audit_All' must be 6-36 characters"],
    ['audit all', "Trail 'Audit/AuditTrail': trailName 'audit all' must be"],
    ['a'.repeat(37), `Trail 'Audit/AuditTrail': trailName '${'a'.repeat(37)}' must be 6-36 characters`],
  ])('rejects trailName %p', (trailName, message) => {
    const e = validationError(() => thisAccountTrail(newStack(), { trailName }));
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.property).toBe('trailName');
    expect(e.constructPath).toBe('Audit/AuditTrail');
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'no destination',
      { maxCompute: undefined },
      "Trail 'Audit/AuditTrail': maxCompute is not set, nor ossBucketName or slsProjectArn: a trail needs at least one destination",
    ],
    [
      'a bad eventRW',
      { eventRW: 'Everything' },
      "Trail 'Audit/AuditTrail': eventRW 'Everything' must be one of All, Read, Write",
    ],
    [
      'a bad region',
      { trailRegion: TrailRegion.of('hangzhou') },
      "Trail 'Audit/AuditTrail': trailRegion 'hangzhou' has 'hangzhou', which must be a region ID such as 'cn-hangzhou' or 'ap-southeast-1'",
    ],
    [
      'no region',
      { trailRegion: TrailRegion.of() },
      "Trail 'Audit/AuditTrail': trailRegion '' must list at least one region",
    ],
    [
      'a repeated region',
      { trailRegion: TrailRegion.of('cn-hangzhou', 'cn-hangzhou') },
      "Trail 'Audit/AuditTrail': trailRegion 'cn-hangzhou,cn-hangzhou' lists 'cn-hangzhou' twice",
    ],
    [
      'a bad bucket',
      { ossBucketName: 'Bad_Bucket' },
      "Trail 'Audit/AuditTrail': ossBucketName 'Bad_Bucket' must be 3-63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit",
    ],
    [
      'a prefix without a bucket',
      { ossKeyPrefix: 'audit/' },
      "Trail 'Audit/AuditTrail': ossKeyPrefix 'audit/' is set but ossBucketName is not: it applies only with ossBucketName",
    ],
    [
      'a short prefix',
      { ossBucketName: 'audit-bucket', ossKeyPrefix: 'a/' },
      "Trail 'Audit/AuditTrail': ossKeyPrefix 'a/' must be 6-32 characters, a letter first, then letters, digits, '-', '_' and '/'",
    ],
    [
      'a bad SLS ARN',
      { slsProjectArn: 'acs:log:cn-hangzhou:123:project/logs' },
      "Trail 'Audit/AuditTrail': slsProjectArn 'acs:log:cn-hangzhou:123:project/logs' has account '123', which must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'an SLS role without a project',
      { slsWriteRoleArn: 'acs:ram::1234567890123456:role/w' },
      "Trail 'Audit/AuditTrail': slsWriteRoleArn 'acs:ram::1234567890123456:role/w' is set but slsProjectArn is not",
    ],
    [
      'a role ARN with a region',
      { ossBucketName: 'audit-bucket', ossWriteRoleArn: 'acs:ram:cn-hangzhou:1234567890123456:role/w' },
      "Trail 'Audit/AuditTrail': ossWriteRoleArn 'acs:ram:cn-hangzhou:1234567890123456:role/w' must have an empty region field ('acs:ram::<16-digit account ID>:role/<role name>')",
    ],
    [
      'a quota with createProject false',
      { maxCompute: MaxComputeDestination.thisAccount({ quota: 'q', createProject: false }) },
      "Trail 'Audit/AuditTrail': maxCompute.quota 'q' applies only when the library creates the project: drop it or set createProject to true",
    ],
    [
      "a project region other than the stack's",
      { maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-beijing', createProject: true }) },
      "Trail 'Audit/AuditTrail': maxCompute.region 'cn-beijing' differs from the stack's region 'cn-hangzhou'",
    ],
    [
      'a malformed region',
      { maxCompute: MaxComputeDestination.thisAccount({ region: 'Hangzhou' }) },
      "Trail 'Audit/AuditTrail': maxCompute.region 'Hangzhou' must be a region ID",
    ],
    [
      'a malformed project ARN',
      {
        maxCompute: MaxComputeDestination.anotherAccount({
          projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/audit',
          roleArn: 'acs:ram::3333333333333333:role/r',
        }),
      },
      "Trail 'Audit/AuditTrail': maxCompute.projectArn 'acs:odps:cn-hangzhou:3333333333333333:project/audit' has name 'audit', which must start with 'actiontrail_'",
    ],
  ])('rejects %s', (_what, props, message) => {
    const e = validationError(() => thisAccountTrail(newStack(), props as never));
    expect(e.message.startsWith(message)).toBe(true);
  });

  test('rejects two trails of one stack with the same name', () => {
    const stack = newStack();
    thisAccountTrail(stack);
    const e = validationError(
      () => new Trail(stack, 'Again', { trailName: 'audit_all', ossBucketName: 'audit-bucket' }),
    );
    expect(e.message).toBe(
      "Trail 'Audit/Again': trailName 'audit_all' is already the trail name of 'Audit/AuditTrail' in stack 'Audit': trail names are unique per account",
    );
  });

  test('rejects an id that is a logical ID the library adds to the stack', () => {
    const e = validationError(
      () => new Trail(newStack(), 'ActionTrailProject', { trailName: 'audit_all', ossBucketName: 'audit-bucket' }),
    );
    expect(e.message).toBe(
      "Trail 'Audit/ActionTrailProject': id 'ActionTrailProject' is the logical ID of a resource this library adds to the stack (ActionTrailProvider, ActionTrailProviderRole, ActionTrailProviderFunction, ActionTrailProject, ActionTrailCdkConverge): choose another id",
    );
  });

  test('rejects a malformed literal stack account, which would end up in ARNs', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '12345' });
    const e = validationError(() => thisAccountTrail(stack));
    expect(e.message).toBe(
      "Trail 'Audit/AuditTrail': env.account of stack 'Audit' '12345' must be a 16-digit Alibaba Cloud account ID",
    );
  });

  test('rejects a second trail that wants another quota for the shared project', () => {
    const stack = newStack();
    thisAccountTrail(stack);
    const e = validationError(
      () =>
        new Trail(stack, 'Other', {
          trailName: 'other_trail',
          maxCompute: MaxComputeDestination.thisAccount({ quota: 'another_quota' }),
        }),
    );
    expect(e.message).toBe(
      "Trail 'Audit/Other': maxCompute.quota 'another_quota' differs from 'os_PayAsYouGoQuota', the quota another trail in this stack gave the shared project ActionTrailProject",
    );
  });
});

describe('determinism', () => {
  test('two synths of the same app give byte-identical templates', () => {
    const render = () => {
      const stack = newStack();
      thisAccountTrail(stack);
      new Trail(stack, 'Second', {
        trailName: 'second_trail',
        slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
        slsWriteRoleArn: 'acs:ram::1234567890123456:role/sls-writer',
      });
      return JSON.stringify(synthTemplate(stack));
    };
    expect(render()).toBe(render());
  });
});

describe('TrailProvider.addToPolicy', () => {
  test('adds a named statement to the role policy', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    const trail = thisAccountTrail(stack, { organizationTrail: true });
    trail.provider.addToPolicy({ actions: ['resourcemanager:GetResourceDirectory'], resources: ['*'] });
    const statements =
      synthTemplate(stack).Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements[statements.length - 1]).toEqual({
      Effect: 'Allow',
      Action: ['resourcemanager:GetResourceDirectory'],
      Resource: ['*'],
    });
  });

  test('refuses wildcard actions', () => {
    const trail = thisAccountTrail(newStack());
    const e = validationError(() =>
      trail.provider.addToPolicy({ actions: ['resourcemanager:Get*'], resources: ['*'] }),
    );
    expect(e.message).toBe(
      "TrailProvider 'Audit/ActionTrailProvider': actions[0] 'resourcemanager:Get*' must be one named action such as 'resourcemanager:GetResourceDirectory' (no wildcard)",
    );
  });
});

describe('this-account project ordering', () => {
  test('a trail defined before the one that creates the project waits for the project too', () => {
    const stack = newStack();
    new Trail(stack, 'First', { trailName: 'first_trail', maxCompute: MaxComputeDestination.thisAccount() });
    thisAccountTrail(stack);
    const t = synthTemplate(stack);
    expect(t.Resources.First.DependsOn).toEqual(['ActionTrailProviderFunction', 'ActionTrailProject']);
    expect(t.Resources.AuditTrail.DependsOn).toEqual(['ActionTrailProviderFunction', 'ActionTrailProject']);
  });
});

describe('names unique per account, across the app', () => {
  test('two stacks of one app in the same literal account may not use the same trail name', () => {
    const app = newApp();
    const env = { account: '1234567890123456', region: 'cn-hangzhou' };
    new Trail(new ros.Stack(app, 'One', { env }), 'T', { trailName: 'audit_all', ossBucketName: 'audit-bucket' });
    const e = validationError(
      () =>
        new Trail(new ros.Stack(app, 'Two', { env: { ...env, region: 'cn-beijing' } }), 'T', {
          trailName: 'audit_all',
          ossBucketName: 'audit-bucket',
        }),
    );
    expect(e.message).toBe(
      "Trail 'Two/T': trailName 'audit_all' is already the trail name of 'One/T' in account 1234567890123456: trail names are unique per account",
    );
  });

  test('the same trail name in two different accounts is fine', () => {
    const app = newApp();
    new Trail(new ros.Stack(app, 'One', { env: { account: '1234567890123456', region: 'cn-hangzhou' } }), 'T', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
    });
    expect(
      () =>
        new Trail(new ros.Stack(app, 'Two', { env: { account: '2234567890123456', region: 'cn-hangzhou' } }), 'T', {
          trailName: 'audit_all',
          ossBucketName: 'audit-bucket',
        }),
    ).not.toThrow();
  });

  test('organizationTrail and logging must be booleans; an eventRW token passes', () => {
    const stack = newStack();
    expect(validationError(() => thisAccountTrail(stack, { organizationTrail: 'yes' as never })).message).toBe(
      "Trail 'Audit/AuditTrail': organizationTrail 'yes' must be true or false",
    );
    const param = new ros.RosParameter(stack, 'Events', { type: ros.RosParameterType.STRING });
    new Trail(stack, 'WithToken', {
      trailName: 'with_token',
      ossBucketName: 'audit-bucket',
      eventRW: param.valueAsString as never,
    });
    expect(synthTemplate(stack).Resources.WithToken.Properties.Parameters.EventRW).toEqual({ Ref: 'Events' });
  });

  test('addToPolicy refuses RAM and STS actions', () => {
    const trail = thisAccountTrail(newStack());
    expect(
      validationError(() => trail.provider.addToPolicy({ actions: ['ram:AttachPolicyToRole'], resources: ['*'] }))
        .message,
    ).toBe(
      "TrailProvider 'Audit/ActionTrailProvider': actions[0] 'ram:AttachPolicyToRole' is a RAM or STS action, which could let the provider role widen its own rights: the library grants the RAM actions it needs itself",
    );
  });
});
