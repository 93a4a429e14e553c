import * as ros from '@alicloud/ros-cdk-core';
import { IAspect, IConstruct, Node } from 'constructs';
import { STACK_ENVIRONMENT_METADATA } from '../shared/metadata';

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
   * @param scope the app (or any construct above the stacks)
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
