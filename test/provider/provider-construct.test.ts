/**
 * The provider as the template declares it: the stack ID and the trail
 * declarations in the function's environment, the ROS read scoped to the
 * stack, the custom resource's
 * Timeout against the function's, the optional SLS log destination, and the
 * shapes addToPolicy accepts.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { MaxComputeDestination, Trail } from '../../lib';
import { CUSTOM_RESOURCE_TIMEOUT_SECONDS, PROVIDER_TIMEOUT_SECONDS } from '../../lib/provider/trail-provider';
import { validationError } from '../support/errors';
import { check } from '../support/audit-checks';
import { newApp, newStack, synthTemplate } from '../support/template';
import { isServiceOnlyRole } from '../../lib/shared/markers';

function trail(
  stack: ros.Stack,
  id = 'AuditTrail',
  props: Partial<ConstructorParameters<typeof Trail>[2]> = {},
): Trail {
  return new Trail(stack, id, {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }),
    ...props,
  });
}

describe("the function's environment", () => {
  test("holds the stack's ID and every trail's declared Parameters under its logical ID; no RandomString any more", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    trail(stack);
    new Trail(stack, 'Second', { trailName: 'second_trail', ossBucketName: 'audit-bucket', logging: false });
    const t = synthTemplate(stack);
    expect(Object.values(t.Resources).map((r: any) => r.Type)).not.toContain('ALIYUN::RandomString');
    const env = t.Resources.ActionTrailProviderFunction.Properties.EnvironmentVariables;
    expect(Object.keys(env).sort()).toEqual(['TRAIL_DECLARATIONS', 'TRAIL_STACK_ID']);
    expect(env.TRAIL_STACK_ID).toEqual({ Ref: 'ALIYUN::StackId' });
    const declarations = JSON.parse(env.TRAIL_DECLARATIONS);
    expect(Object.keys(declarations)).toEqual(['AuditTrail', 'Second']);
    // The declarations are the Parameters without the drift-repair value, which the provider ignores.
    const declared = (parameters: Record<string, unknown>) => {
      const { ActionTrailCdkConverge: converge, ...rest } = parameters;
      expect(converge).toEqual({ Ref: 'ActionTrailCdkConverge' });
      return rest;
    };
    expect(declarations.AuditTrail).toEqual(declared(t.Resources.AuditTrail.Properties.Parameters));
    expect(declarations.Second).toEqual(declared(t.Resources.Second.Properties.Parameters));
    expect(t.Resources.ActionTrailProviderFunction.DependsOn).toEqual(['ActionTrailProviderRole']);
  });

  test("the role may read ROS's record of its own stack only: ros:GetStackResource on acs:ros:<region>:<account>:stack/<its stack ID>", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    trail(stack);
    const statements: any[] =
      synthTemplate(stack).Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    const reads = statements.filter((st) => st.Action.some((a: string) => a.startsWith('ros:')));
    expect(reads).toEqual([
      {
        Effect: 'Allow',
        Action: ['ros:GetStackResource'],
        Resource: [
          {
            'Fn::Join': ['', ['acs:ros:cn-hangzhou:1234567890123456:stack/', { Ref: 'ALIYUN::StackId' }]],
          },
        ],
      },
    ]);
    // Nothing else of ROS, and no wildcard in any resource of the ROS statement.
    expect(JSON.stringify(reads)).not.toContain('*');
  });

  test('references in the Parameters stay references (ROS resolves them in the environment too)', () => {
    const stack = newStack();
    trail(stack);
    const env = synthTemplate(stack).Resources.ActionTrailProviderFunction.Properties.EnvironmentVariables;
    expect(env.TRAIL_DECLARATIONS['Fn::Join'][1]).toContainEqual({ Ref: 'ALIYUN::AccountId' });
  });

  test("must fit Function Compute's 4 KB for all environment variables: a synth error says how much and what to do", () => {
    const fits = newStack('Fits', { region: 'cn-hangzhou', account: '1234567890123456' });
    for (let i = 0; i < 10; i++)
      new Trail(fits, `Trail${i}`, {
        trailName: `audit_trail_${i}`,
        ossBucketName: `audit-bucket-${i}`,
        ossKeyPrefix: 'AuditLogs',
      });
    const env = synthTemplate(fits).Resources.ActionTrailProviderFunction.Properties.EnvironmentVariables;
    expect(
      'TRAIL_STACK_ID'.length + 36 + 'TRAIL_DECLARATIONS'.length + env.TRAIL_DECLARATIONS.length,
    ).toBeLessThanOrEqual(4096);

    const tooMany = newStack('TooMany', { region: 'cn-hangzhou', account: '1234567890123456' });
    for (let i = 0; i < 30; i++)
      new Trail(tooMany, `Trail${i}`, {
        trailName: `audit_trail_${i}`,
        ossBucketName: `audit-bucket-${i}`,
        ossKeyPrefix: 'AuditLogs',
      });
    expect(() => synthTemplate(tooMany)).toThrow(
      /TrailProvider 'TooMany\/ActionTrailProvider': EnvironmentVariables need at least \d{4,} bytes for the 30 trail\(s\) of stack 'TooMany' .*over Function Compute's limit of 4096 bytes: put some of these trails in another stack/,
    );
  });

  test('is byte-identical across two syntheses', () => {
    const render = (): string => {
      const stack = newStack();
      trail(stack);
      new Trail(stack, 'Another', { trailName: 'another_one', ossBucketName: 'audit-bucket' });
      return JSON.stringify(synthTemplate(stack));
    };
    expect(render()).toBe(render());
  });
});

describe('timeouts', () => {
  test('the custom resource waits longer than the function runs, with margin', () => {
    const stack = newStack();
    trail(stack);
    const t = synthTemplate(stack);
    expect(t.Resources.ActionTrailProviderFunction.Properties.Timeout).toBe(PROVIDER_TIMEOUT_SECONDS);
    expect(t.Resources.AuditTrail.Properties.Timeout).toBe(CUSTOM_RESOURCE_TIMEOUT_SECONDS);
    expect(CUSTOM_RESOURCE_TIMEOUT_SECONDS - PROVIDER_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(120);
  });
});

describe('providerLogConfig', () => {
  test("sets the function's LogConfig and lets its role write to exactly that logstore", () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
    trail(stack, 'AuditTrail', { providerLogConfig: { project: 'audit-ops', logstore: 'provider' } });
    trail(stack, 'Second', {
      trailName: 'second_trail',
      providerLogConfig: { project: 'audit-ops', logstore: 'provider' },
    });
    const t = synthTemplate(stack);
    expect(t.Resources.ActionTrailProviderFunction.Properties.LogConfig).toEqual({
      Project: 'audit-ops',
      Logstore: 'provider',
    });
    expect(t.Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement).toContainEqual({
      Effect: 'Allow',
      Action: ['log:PostLogStoreLogs'],
      Resource: ['acs:log:cn-hangzhou:1234567890123456:project/audit-ops/logstore/provider'],
    });
  });

  test('the audit rules still pass with a log destination (the added statement names one action on one logstore)', () => {
    const app = newApp();
    const stack = new ros.Stack(app, 'Logged', { env: { region: 'cn-hangzhou', account: '1234567890123456' } });
    trail(stack, 'AuditTrail', { providerLogConfig: { project: 'audit-ops', logstore: 'provider' } });
    const result = check(app);
    expect(result.error).toBeUndefined();
    expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  test('by default there is no LogConfig and no log permission', () => {
    const stack = newStack();
    trail(stack);
    const t = synthTemplate(stack);
    expect(t.Resources.ActionTrailProviderFunction.Properties.LogConfig).toBeUndefined();
    expect(JSON.stringify(t.Resources.ActionTrailProviderRole)).not.toContain('log:');
  });

  test('two different destinations for the one provider, or an empty name, are refused', () => {
    const stack = newStack();
    trail(stack, 'AuditTrail', { providerLogConfig: { project: 'audit-ops', logstore: 'provider' } });
    expect(
      validationError(() =>
        trail(stack, 'Second', {
          trailName: 'second_trail',
          providerLogConfig: { project: 'other', logstore: 'provider' },
        }),
      ).message,
    ).toBe(
      'Trail \'Audit/Second\': providerLogConfig {"project":"other","logstore":"provider"} differs from {"project":"audit-ops","logstore":"provider"}, already set for the stack\'s one provider: set the same log destination on every trail of the stack, or on one only',
    );
    expect(
      validationError(() => trail(newStack(), 'AuditTrail', { providerLogConfig: { project: ' ', logstore: 'x' } }))
        .message,
    ).toBe("Trail 'Audit/AuditTrail': providerLogConfig.project ' ' must be a non-empty string (an SLS project name)");
  });
});

describe('addToPolicy rejects wrong shapes (issue 10)', () => {
  const provider = (): Trail['provider'] => trail(newStack()).provider;
  const path = "TrailProvider 'Audit/ActionTrailProvider'";

  test.each<[string, unknown, string]>([
    [
      'conditions as a string',
      { actions: ['ecs:DescribeRegions'], resources: ['*'], conditions: 'x' },
      `${path}: conditions 'x' must be a non-empty object of operator to { key: value }`,
    ],
    [
      'conditions as an array',
      { actions: ['ecs:DescribeRegions'], resources: ['*'], conditions: [] },
      `${path}: conditions [] must be a non-empty object`,
    ],
    [
      'an operator with a string',
      { actions: ['ecs:DescribeRegions'], resources: ['*'], conditions: { StringEquals: 'x' } },
      `${path}: conditions.StringEquals 'x' must be a non-empty object of condition key to value`,
    ],
    [
      'a condition value as a number',
      { actions: ['ecs:DescribeRegions'], resources: ['*'], conditions: { StringEquals: { 'acs:SourceIp': 1 } } },
      `${path}: conditions.StringEquals.acs:SourceIp 1 must be a string or a non-empty array of strings`,
    ],
    [
      'an odd operator',
      { actions: ['ecs:DescribeRegions'], resources: ['*'], conditions: { 'String Equals': { a: 'b' } } },
      `${path}: conditions operator 'String Equals' must be a RAM condition operator`,
    ],
    [
      'actions as a string',
      { actions: 'ecs:DescribeRegions', resources: ['*'] },
      `${path}: actions 'ecs:DescribeRegions' must be a non-empty array of action names`,
    ],
    ['an action that is not a string', { actions: [42], resources: ['*'] }, `${path}: actions[0] 42 must be a string`],
    [
      'resources as a string',
      { actions: ['ecs:DescribeRegions'], resources: '*' },
      `${path}: resources '*' must be a non-empty array of ARNs`,
    ],
    [
      'a resource that is not a string',
      { actions: ['ecs:DescribeRegions'], resources: [null] },
      `${path}: resources[0] null must be a string`,
    ],
    ['no statement', undefined, `${path}: statement undefined must be an object`],
  ])('%s', (_title, statement, message) => {
    const e = validationError(() => provider().addToPolicy(statement as never));
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.constructPath).toBe('Audit/ActionTrailProvider');
  });

  test('a well-formed condition, with a list value, is rendered as given', () => {
    const stack = newStack();
    const p = trail(stack).provider;
    p.addToPolicy({
      actions: ['ecs:DescribeRegions'],
      resources: ['*'],
      conditions: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } },
    });
    const statements =
      synthTemplate(stack).Resources.ActionTrailProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements[statements.length - 1]).toEqual({
      Effect: 'Allow',
      Action: ['ecs:DescribeRegions'],
      Resource: ['*'],
      Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } },
    });
  });
});

describe("the provider's role is service-only (the app-wide rules skip it)", () => {
  test("its trust policy names this account's Function Compute and nothing else, as the marker promises", () => {
    const stack = newStack();
    const t = trail(stack);
    const template = synthTemplate(stack);
    const role = template.Resources.ActionTrailProviderRole;
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '1',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
    });
    expect(isServiceOnlyRole(t.provider.role)).toBe(true);
  });

  test('a DeliveryDestination-style role made by hand is not marked, so the app-wide rules read it', () => {
    const stack = newStack();
    const role = new ros.RosResource(stack, 'WriteRole', { type: 'ALIYUN::RAM::Role', properties: {} });
    expect(isServiceOnlyRole(role)).toBe(false);
  });
});
