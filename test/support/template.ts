import * as ros from '@alicloud/ros-cdk-core';

/** A synthesized ROS template, as parsed JSON. */
export type Template = {
  ROSTemplateFormatVersion: string;
  Resources: Record<string, { Type: string; Properties?: any; DependsOn?: string[] | string; DeletionPolicy?: string }>;
  Outputs?: Record<string, any>;
  [key: string]: any;
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

/** A new app and a stack in `cn-hangzhou` (account left to deploy time unless given). */
export function newStack(id = 'Audit', env: { region?: string; account?: string } = { region: 'cn-hangzhou' }): ros.Stack {
  const app = new ros.App({ stackTraces: false });
  return new ros.Stack(app, id, { env });
}
