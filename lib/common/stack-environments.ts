import * as ros from '@alicloud/ros-cdk-core';
import { IAspect, IConstruct, Node } from 'constructs';

/**
 * The cloud-assembly metadata type that carries a stack's literal account and
 * region (`{ account?, region? }`) in `manifest.json`, on the stack's own path.
 *
 * ros-cdk-core 1.12 writes no `environment` for a stack artifact (it writes only
 * `templateFile` and `dependencies`), so without this entry a deploy tool cannot
 * know which account a stack belongs to. The `actiontrail-cdk` command reads it.
 */
export const STACK_ENVIRONMENT_METADATA = 'actiontrail-cdk:environment';

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
 * The library's constructs never call this: it only adds metadata to
 * `manifest.json` (templates are unchanged), and an app opts in once:
 * `StackEnvironments.record(app)`.
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

/** Adds the environment metadata to each stack it visits, once. */
class RecordStackEnvironment implements IAspect {
  private readonly done = new Set<ros.Stack>();

  public visit(node: IConstruct): void {
    if (!ros.Stack.isStack(node) || this.done.has(node)) {
      return;
    }
    this.done.add(node);
    const env: { account?: string; region?: string } = {};
    if (!ros.Token.isUnresolved(node.account)) {
      env.account = node.account;
    }
    if (!ros.Token.isUnresolved(node.region)) {
      env.region = node.region;
    }
    node.node.addMetadata(STACK_ENVIRONMENT_METADATA, env);
  }
}
