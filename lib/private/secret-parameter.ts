import * as ros from '@alicloud/ros-cdk-core';

/**
 * Why a ROS parameter cannot hold a secret, or `undefined` when it can: it
 * must be `NoEcho` (ROS masks its value in its answers) and have no default
 * value (a default stands in the template). Read from the parameter as it
 * renders, so it holds whichever way the parameter was made. Shared by
 * `AlertSecret` and the blueprints that pass secrets on.
 */
export function secretParameterProblem(parameter: ros.RosParameter): string | undefined {
  const rendered = ros.Stack.of(parameter).resolve(parameter._toRosTemplate()) as {
    Parameters?: Record<string, { NoEcho?: boolean; Default?: unknown }>;
  };
  const name = parameter.node.id;
  const declared = rendered.Parameters?.[parameter.logicalId] ?? Object.values(rendered.Parameters ?? {})[0] ?? {};
  if (declared.NoEcho !== true) return `is parameter '${name}', which is not NoEcho: make it with noEcho: true`;
  if (declared.Default !== undefined) {
    return `is parameter '${name}', which has a default value: a default stands in the template; remove it`;
  }
  return undefined;
}
