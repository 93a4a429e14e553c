import * as ros from '@alicloud/ros-cdk-core';
import { IAspect, IConstruct, Node } from 'constructs';
import { PropValidator } from '../private/errors';
import { accountIdRule, regionIdRule } from '../private/names';
import { STACK_ENVIRONMENT_METADATA } from '../shared/metadata';

/*
 * A construct's stack and its environment: the stack that holds a construct
 * (`stackOf`), its literal account and region checked (`checkStackEnv`) and
 * recorded in the cloud assembly for the `actiontrail-cdk` command
 * (`recordStackEnvironment`, and `StackEnvironments` for other stacks).
 */

/** A stack's literal deployment target as recorded in the cloud assembly. */
export interface RecordedStackEnvironment {
  /** The 16-digit account ID, when `env.account` is a literal. @default - absent: deploy-time account */
  readonly account?: string;
  /** The region ID, when `env.region` is a literal. @default - absent: deploy-time region */
  readonly region?: string;
}

/**
 * Records every stack's literal `env.account` and `env.region` in the cloud
 * assembly (metadata type {@link STACK_ENVIRONMENT_METADATA}), so that
 * `npx actiontrail-cdk deploy` picks the right credentials, checks the account
 * and knows the region. Values known only at deploy time are left out.
 *
 * The library's constructs (`Trail`, `DeliveryDestination`, and the blueprints
 * built of them) record their own stack already; call this for an app whose
 * other stacks the command should deploy with the right account too. It only
 * adds metadata to `manifest.json`: templates are unchanged.
 */
export class StackEnvironments {
  /**
   * Records the environments of all stacks under `scope`, including stacks
   * added after this call (it works as an aspect, applied at synth).
   * @param scope - the app (or any construct above the stacks)
   */
  public static record(scope: IConstruct): void {
    Node.of(scope).applyAspect(new RecordStackEnvironment());
  }

  private constructor() {}
}

/** The stacks whose environment is recorded already: each gets one entry. */
const recorded = new WeakSet<ros.Stack>();

/**
 * Records `stack`'s literal account and region in the cloud assembly, once
 * however often it is called. The constructs call it for their own stack.
 * @internal
 */
export function recordStackEnvironment(stack: ros.Stack): void {
  if (recorded.has(stack)) {
    return;
  }
  recorded.add(stack);
  const env: { account?: string; region?: string } = {};
  if (!ros.Token.isUnresolved(stack.account)) {
    env.account = stack.account;
  }
  if (!ros.Token.isUnresolved(stack.region)) {
    env.region = stack.region;
  }
  stack.node.addMetadata(STACK_ENVIRONMENT_METADATA, env);
}

/** Records the environment of each stack it visits. */
class RecordStackEnvironment implements IAspect {
  public visit(node: IConstruct): void {
    if (ros.Stack.isStack(node)) {
      recordStackEnvironment(node);
    }
  }
}

/**
 * The stack that holds `construct`. Where ros-cdk-core's `Stack.of` would only
 * say "No stack could be identified", fails naming the construct and saying
 * where to put it. Records the stack's literal account and region in the cloud
 * assembly (`recordStackEnvironment`), for the `actiontrail-cdk` command.
 * @param kind - the construct's class name, for the fix, e.g. `Trail`
 * @internal
 */
export function stackOf(v: PropValidator, construct: ros.IConstruct, kind: string): ros.Stack {
  if (!construct.node.scopes.some((scope) => ros.Stack.isStack(scope))) {
    const parent = construct.node.scopes[construct.node.scopes.length - 2];
    const where =
      parent === undefined || parent.node.scopes.length === 1
        ? 'the app'
        : `'${parent.node.path}', which is in no stack`;
    v.fail(
      'scope',
      `is ${where}: a ${kind} must be created inside a ros.Stack, e.g. new ${kind}(new ros.Stack(app, 'Audit', { env }), '${construct.node.id}', { ... })`,
    );
  }
  const stack = ros.Stack.of(construct);
  recordStackEnvironment(stack);
  return stack;
}

/**
 * Checks the literal account and region of the stack that holds a construct:
 * they end up in ARNs and names, so a malformed `env` must fail at synth.
 * Values known only at deploy time (`ALIYUN::AccountId`, `ALIYUN::Region`) pass.
 * @internal
 */
export function checkStackEnv(v: PropValidator, stack: ros.Stack): void {
  v.check(`env.account of stack '${stack.stackName}'`, stack.account, accountIdRule);
  v.check(`env.region of stack '${stack.stackName}'`, stack.region, regionIdRule);
}
