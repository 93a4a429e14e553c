/**
 * The provider's role and function are plain `RosResource`s (faster synth,
 * docs/benchmarks.md). This checks that ROS CDK's own generated classes,
 * `ram.RosRole` and `fc.RosFunction`, accept the same properties (their
 * validators run) and render them identically, so the shortcut drifts from
 * nothing ROS CDK knows about these types.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { MaxComputeDestination, Trail } from '../../lib';
import { newStack, synthTemplate } from '../support/template';

/**
 * PascalCase keys to the camelCase props of the generated classes, recursively.
 * Intrinsics (`Ref`, `Fn::*`), a statement's `Condition` map (its operators
 * are rendered verbatim by RosRole) and the function's `EnvironmentVariables`
 * (variable names are data) are kept as they are.
 */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k.includes('::') || k === 'Ref') return [k, v];
      return [k.charAt(0).toLowerCase() + k.slice(1), k === 'Condition' || k === 'EnvironmentVariables' ? v : camel(v)];
    }),
  );
}

test("ros-cdk-ram RosRole and ros-cdk-fc3 RosFunction render the provider's properties identically", () => {
  const stack = newStack('Audit', { region: 'cn-hangzhou', account: '1234567890123456' });
  new Trail(stack, 'AuditTrail', {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.anotherAccount({
      projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
      roleArn: 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole',
    }),
    ossBucketName: 'audit-bucket',
  });
  const ours = synthTemplate(stack).Resources;

  const other = newStack('Parity', { region: 'cn-hangzhou', account: '1234567890123456' });
  const roleProps = camel(ours.ActionTrailProviderRole.Properties) as ram.RosRoleProps;
  new ram.RosRole(other, 'ActionTrailProviderRole', roleProps, true);
  const fnProps = camel(ours.ActionTrailProviderFunction.Properties) as Record<string, unknown>;
  new fc.RosFunction(
    other,
    'ActionTrailProviderFunction',
    {
      ...fnProps,
      role: ros.Fn.getAtt('ActionTrailProviderRole', 'Arn'),
    } as unknown as fc.RosFunctionProps,
    true,
  );
  const theirs = synthTemplate(other).Resources;

  expect(theirs.ActionTrailProviderRole.Properties).toEqual(ours.ActionTrailProviderRole.Properties);
  expect(theirs.ActionTrailProviderFunction.Properties).toEqual(ours.ActionTrailProviderFunction.Properties);
});
