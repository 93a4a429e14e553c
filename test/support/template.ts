import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';

/** Output directories of the apps made here; removed after each test file. */
const outdirs: string[] = [];
afterAll(() => outdirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A new app that writes to a temporary directory, removed after the test file. */
export function newApp(): ros.App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-test-'));
  outdirs.push(outdir);
  return new ros.App({ outdir, stackTraces: false });
}

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
  return new ros.Stack(newApp(), id, { env });
}
