/**
 * The provider builds TRAIL_DECLARATIONS without `stack.toJsonString` (its
 * token machinery was most of the library's synth time, see
 * docs/benchmarks.md). This checks that the value is the one `toJsonString`
 * gives, for literal values, references, joins, values that resolve to plain
 * strings, and values JSON must escape (those take `toJsonString` itself).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { MaxComputeDestination, Trail } from '../../lib';
import { newApp, newStack, synthTemplate } from '../support/template';

/** What `toJsonString` makes of the stack's trails' Parameters, by logical ID in order, resolved in `stack`. */
function viaToJsonString(stack: ros.Stack, trails: Trail[]): unknown {
  const out: Record<string, unknown> = {};
  const byId = trails.map((t) => ({ id: String(stack.resolve(t.resource.logicalId)), parameters: t.parameters }));
  byId.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, parameters } of byId) out[id] = parameters;
  return stack.resolve(stack.toJsonString(out));
}

function declarations(stack: ros.Stack): unknown {
  return synthTemplate(stack).Resources.ActionTrailProviderFunction.Properties.EnvironmentVariables.TRAIL_DECLARATIONS;
}

describe('TRAIL_DECLARATIONS is what stack.toJsonString gives', () => {
  test('literal values only: a plain JSON string', () => {
    const stack = newStack('Literal', { region: 'cn-hangzhou', account: '1234567890123456' });
    const trails = [
      new Trail(stack, 'Zeta', { trailName: 'zeta_trail', ossBucketName: 'audit-bucket', logging: false }),
      new Trail(stack, 'Alpha', {
        trailName: 'alpha_trail',
        maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }),
      }),
    ];
    const value = declarations(stack);
    expect(typeof value).toBe('string');
    expect(value).toEqual(viaToJsonString(stack, trails));
  });

  test('the account ID left to ROS, in one and in several trails', () => {
    const stack = newStack('Refs', { region: 'cn-hangzhou' });
    const trails = [
      new Trail(stack, 'AuditTrail', {
        trailName: 'audit_all',
        maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }),
      }),
      new Trail(stack, 'Second', {
        trailName: 'second_trail',
        maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }),
      }),
    ];
    const value = declarations(stack);
    expect(value).toHaveProperty(['Fn::Join']);
    expect(value).toEqual(viaToJsonString(stack, trails));
  });

  test('parameters, joins, attributes and values that resolve to plain strings', () => {
    const stack = newStack('Tokens', { region: 'cn-hangzhou' });
    const bucket = new ros.RosParameter(stack, 'Bucket', {
      type: ros.RosParameterType.STRING,
      defaultValue: 'audit-bucket',
    });
    const role = new ros.RosResource(stack, 'WriteRole', {
      type: 'ALIYUN::RAM::Role',
      properties: { RoleName: 'writer' },
    });
    const trails = [
      new Trail(stack, 'ByParameter', {
        trailName: 'by_parameter',
        ossBucketName: bucket.valueAsString,
        ossKeyPrefix: ros.Fn.join('-', ['audit', stack.region]),
        ossWriteRoleArn: ros.Token.asString(role.getAtt('Arn')),
      }),
      new Trail(stack, 'ByLazy', {
        trailName: 'by_lazy',
        ossBucketName: ros.Lazy.stringValue({ produce: () => 'lazy-bucket' }),
      }),
    ];
    expect(declarations(stack)).toEqual(viaToJsonString(stack, trails));
  });

  test('a reference to another stack: the imported value, and the export is made as before', () => {
    const app = newApp();
    const producer = new ros.Stack(app, 'Roles', { env: { region: 'cn-hangzhou' } });
    const role = new ros.RosResource(producer, 'WriteRole', {
      type: 'ALIYUN::RAM::Role',
      properties: { RoleName: 'writer' },
    });
    const stack = new ros.Stack(app, 'Consumer', { env: { region: 'cn-hangzhou' } });
    const trails = [
      new Trail(stack, 'AuditTrail', {
        trailName: 'audit_all',
        ossBucketName: 'audit-bucket',
        ossWriteRoleArn: ros.Token.asString(role.getAtt('Arn')),
      }),
    ];
    const assembly = app.synth();
    const value = (assembly.getStackByName('Consumer').template as any).Resources.ActionTrailProviderFunction.Properties
      .EnvironmentVariables.TRAIL_DECLARATIONS;
    expect(JSON.stringify(value)).toContain('Fn::ImportValue');
    expect(value).toEqual(viaToJsonString(stack, trails));
    expect(Object.keys((assembly.getStackByName('Roles').template as any).Outputs ?? {})).toHaveLength(1);
  });

  test('values JSON escapes inside a reference: the same value, through toJsonString', () => {
    const stack = newStack('Escaped', { region: 'cn-hangzhou' });
    const trails = [
      new Trail(stack, 'Quoted', {
        trailName: 'quoted_trail',
        ossBucketName: ros.Fn.join('', ['a"b\\c', ros.Fn.ref('ALIYUN::AccountId')]),
      }),
      new Trail(stack, 'Unicode', {
        trailName: 'unicode_trail',
        ossBucketName: ros.Fn.join('', ['bucket-é', ros.Fn.ref('ALIYUN::Region')]),
      }),
    ];
    expect(declarations(stack)).toEqual(viaToJsonString(stack, trails));
  });
});
