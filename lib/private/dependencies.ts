import * as ros from '@alicloud/ros-cdk-core';

/**
 * Makes `source` wait for `target` in the template (`DependsOn`).
 *
 * ros-cdk-core 1.12's `RosResource.addDependsOn` records the dependency but
 * never renders it; `addRosDependency` (by logical ID) is what reaches the
 * template. Both resources must be in the same stack.
 */
export function dependOn(source: ros.RosResource, target: ros.RosResource): void {
  if (ros.Stack.of(source) !== ros.Stack.of(target)) {
    throw new Error(`dependOn: '${source.node.path}' and '${target.node.path}' are in different stacks`);
  }
  source.addRosDependency(target.node.id);
}
