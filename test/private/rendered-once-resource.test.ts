/** lib/private/rendered-once-resource.ts: the template takes the rules' render of this synthesis, else a fresh one. */
import * as ros from '@alicloud/ros-cdk-core';
import { RenderedOnceResource } from '../../lib/private/rendered-once-resource';
import { forgetRenderedFragment, rememberRenderedFragment, renderedFragment } from '../../lib/shared/markers';
import { newApp } from '../support/template';

const FRESH = { R: { Type: 'ALIYUN::ECS::VPC', Properties: { CidrBlock: '10.0.0.0/8' } } };

function resource(): { stack: ros.Stack; r: RenderedOnceResource } {
  const stack = new ros.Stack(newApp(), 'S');
  const r = new RenderedOnceResource(stack, 'R', { type: 'ALIYUN::ECS::VPC', properties: { CidrBlock: '10.0.0.0/8' } });
  return { stack, r };
}

test('without a recorded render it renders as any RosResource', () => {
  const { stack, r } = resource();
  expect(stack.resolve(r._toRosTemplate())).toEqual({ Resources: FRESH });
});

test('a recorded render is what it gives, until forgotten, and the record is not enumerable', () => {
  const { stack, r } = resource();
  const recorded = { Resources: { R: { Type: 'ALIYUN::ECS::VPC', Properties: { CidrBlock: '10.1.0.0/16' } } } };
  rememberRenderedFragment(r, recorded);
  expect(r._toRosTemplate()).toBe(recorded);
  expect(renderedFragment(r)).toBe(recorded);
  expect(Object.getOwnPropertySymbols({ ...r })).not.toContain(
    Symbol.for('actiontrail-cdk.audit-checks.rendered-fragment'),
  );
  forgetRenderedFragment(r);
  expect(stack.resolve(r._toRosTemplate())).toEqual({ Resources: FRESH });
});

test('the record lasts until the synchronous pass that made it is over', async () => {
  const { r } = resource();
  rememberRenderedFragment(r, { Resources: {} });
  expect(renderedFragment(r)).toEqual({ Resources: {} });
  await Promise.resolve();
  expect(renderedFragment(r)).toBeUndefined();
});

test('a new synthesis forgets an earlier render when it prepares', () => {
  const { stack, r } = resource();
  rememberRenderedFragment(r, { Resources: { R: { Type: 'stale' } } });
  const template = (stack.node.root as ros.App).synth().getStackByName('S').template as {
    Resources: Record<string, unknown>;
  };
  expect(template.Resources).toEqual(FRESH);
});

test('one render serves the whole synchronous pass; the next pass renders afresh and sees changes', async () => {
  const { stack, r } = resource();
  const other = new ros.RosResource(stack, 'Other', { type: 'ALIYUN::ECS::VPC' });
  const first = r._toRosTemplate();
  expect(r._toRosTemplate()).toBe(first);
  await Promise.resolve();
  // DependsOn is read when the fragment is made, not when it is resolved.
  r.addRosDependency(other.node.id);
  const second = r._toRosTemplate();
  expect(second).not.toBe(first);
  expect(stack.resolve(second)).toEqual({ Resources: { R: { ...FRESH.R, DependsOn: ['Other'] } } });
});

test('a synthesis does not take a render made before it prepared', () => {
  const { stack, r } = resource();
  const other = new ros.RosResource(stack, 'Other', { type: 'ALIYUN::ECS::VPC' });
  const before = r._toRosTemplate();
  r.addRosDependency(other.node.id);
  const template = (stack.node.root as ros.App).synth().getStackByName('S').template as {
    Resources: Record<string, { DependsOn?: unknown }>;
  };
  expect(template.Resources.R.DependsOn).toEqual(['Other']);
  expect(r._toRosTemplate()).not.toBe(before);
});
