/**
 * Apps, stacks and templates: the one set every construct-side test uses.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { tempDir } from './temp';

/** A new app (no stack traces: faster) that writes to a temporary directory, removed after the test file. */
export function newApp(): ros.App {
  return new ros.App({ outdir: tempDir('actiontrail-cdk-test-'), stackTraces: false });
}

/**
 * A new app and a stack in it.
 *
 * @param id - the stack's ID
 * @param env - the stack's environment: by default `cn-hangzhou`, the account left to deploy time;
 *   `{}` leaves both to deploy time
 * @param props - other options of the stack; leave `enableResourcePropertyConstraint` unset
 *   to validate (ros-cdk-core 1.12 disables validation when it is set, even to `true`)
 */
export function newStack(
  id = 'Audit',
  env: ros.Environment = { region: 'cn-hangzhou' },
  props: Omit<ros.StackProps, 'env'> = {},
): ros.Stack {
  return new ros.Stack(newApp(), id, { ...props, env });
}

/** A synthesized ROS template, as parsed JSON. */
export type Template = {
  [key: string]: any;
  ROSTemplateFormatVersion: string;
  Resources: Record<string, { Type: string; Properties?: any; DependsOn?: string[] | string; DeletionPolicy?: string }>;
  Outputs?: Record<string, any>;
};

/** Synthesizes the app that holds `stack` and returns that stack's template. */
export function synthTemplate(stack: ros.Stack): Template {
  const app = stack.node.root as ros.App;
  return app.synth().getStackByName(stack.stackName).template as Template;
}

/** The resources of one type in a template, by logical ID. */
export function resourcesOfType(template: Template, type: string): Template['Resources'] {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === type));
}
