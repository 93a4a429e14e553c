import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from '../private/errors';

/**
 * Where the ARNs of each `DeliveryDestination` of an app come from, so that a
 * trail in another stack of the same app that delivers to them
 * (`MaxComputeDestination.anotherAccount({ projectArn, roleArn })`) can make
 * its stack depend on the destination's stack, as `OrganizationAudit` does:
 * tools that honour the cloud assembly's dependencies then deploy the archive
 * first. ARNs are matched by value: a literal ARN, or the token a destination
 * returns when its stack's account or region is known only at deploy time.
 */
export interface RegisteredDestination {
  /** The destination construct's path, for messages. */
  readonly path: string;
  /** The stack that creates the project and role. */
  readonly stack: ros.Stack;
  /** Whether the ARN holds that stack's `ALIYUN::AccountId`/`ALIYUN::Region`, so that no other stack may use it. */
  readonly ownStackOnly: boolean;
  /** The destination's property the ARN is, e.g. `projectArn`. */
  readonly property: string;
}

const byApp = new WeakMap<ros.IConstruct, Map<string, RegisteredDestination>>();

/** Records that `arn` is the `property` of the destination `construct` in `stack`. */
export function registerDestinationArn(
  construct: ros.IConstruct,
  stack: ros.Stack,
  property: string,
  arn: string,
): void {
  const root = construct.node.root;
  const arns = byApp.get(root) ?? new Map<string, RegisteredDestination>();
  byApp.set(root, arns);
  arns.set(arn, { path: construct.node.path, stack, ownStackOnly: ros.Token.isUnresolved(arn), property });
}

/** The destination of `scope`'s app whose ARN `arn` is, if any. */
export function findDestinationArn(scope: ros.IConstruct, arn: string): RegisteredDestination | undefined {
  return byApp.get(scope.node.root)?.get(arn);
}

/**
 * When an ARN is a `DeliveryDestination`'s of another stack of the same app,
 * makes `stack` (the stack of `scope`, which delivers there) depend on that
 * stack, as `OrganizationAudit` does, so the archive deploys first. Fails, in one line, when that ARN holds the other
 * stack's `ALIYUN::AccountId`/`ALIYUN::Region` (its stack has no literal env),
 * which would resolve to this stack's account or region.
 */
export function dependOnDestinationStacks(
  v: PropValidator,
  scope: ros.IConstruct,
  stack: ros.Stack,
  arns: Array<[string, string]>,
): void {
  for (const [property, arn] of arns) {
    const destination = findDestinationArn(scope, arn);
    if (destination === undefined || destination.stack === stack) continue;
    const home = destination.stack.stackName;
    if (destination.ownStackOnly) {
      v.fail(
        property,
        `is the ${destination.property} of DeliveryDestination '${destination.path}' in stack '${home}', which has no literal env.account or env.region, ` +
          `so the ARN holds ALIYUN::AccountId or ALIYUN::Region and would name this stack's account or region: give stack '${home}' a literal env: { account, region }`,
      );
    }
    stack.addDependency(
      destination.stack,
      `'${scope.node.path}' delivers to DeliveryDestination '${destination.path}', which must exist first`,
    );
  }
}
