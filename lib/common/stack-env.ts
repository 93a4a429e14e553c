import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';
import { accountIdRule, regionIdRule } from './names';
import { recordStackEnvironment } from './stack-environments';

/**
 * The stack that holds `construct`. Where ros-cdk-core's `Stack.of` would only
 * say "No stack could be identified", fails naming the construct and saying
 * where to put it. Records the stack's literal account and region in the cloud
 * assembly (`recordStackEnvironment`), for the `actiontrail-cdk` command.
 * @param kind the construct's class name, for the fix, e.g. `Trail`
 */
export function stackOf(v: PropValidator, construct: ros.IConstruct, kind: string): ros.Stack {
  if (!construct.node.scopes.some((scope) => ros.Stack.isStack(scope))) {
    const parent = construct.node.scopes[construct.node.scopes.length - 2];
    const where = parent === undefined || parent.node.scopes.length === 1 ? 'the app' : `'${parent.node.path}', which is in no stack`;
    v.fail('scope', `is ${where}: a ${kind} must be created inside a ros.Stack, e.g. new ${kind}(new ros.Stack(app, 'Audit', { env }), '${construct.node.id}', { ... })`);
  }
  const stack = ros.Stack.of(construct);
  recordStackEnvironment(stack);
  return stack;
}

/**
 * Checks the literal account and region of the stack that holds a construct:
 * they end up in ARNs and names, so a malformed `env` must fail at synth.
 * Values known only at deploy time (`ALIYUN::AccountId`, `ALIYUN::Region`) pass.
 */
export function checkStackEnv(v: PropValidator, stack: ros.Stack): void {
  v.check(`env.account of stack '${stack.stackName}'`, stack.account, accountIdRule);
  v.check(`env.region of stack '${stack.stackName}'`, stack.region, regionIdRule);
}
