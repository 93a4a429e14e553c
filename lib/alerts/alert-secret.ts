import * as ros from '@alicloud/ros-cdk-core';
import { secretParameterProblem } from '../private/secret-parameter';
import { quote } from '../shared/quote';

/** A ROS parameter's logical ID: a letter first, then letters and digits (1-255). */
const PARAMETER_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,254}$/;

/** What a secret resolves to in the stack that uses it. */
export interface BoundAlertSecret {
  /** The `{"Ref": ...}` of the NoEcho parameter, as a string token. */
  readonly value: string;
  /** The parameter's logical ID. */
  readonly parameterName: string;
}

/**
 * A secret an alert target needs (a DingTalk robot URL with its access token,
 * a robot's signing secret, a webhook token), read from a `NoEcho` ROS
 * template parameter, so that its value is given at deploy time and never
 * stands in a template, the cloud assembly's manifest, a log or an error.
 * ROS masks a `NoEcho` parameter's value in its answers.
 *
 * There is deliberately no way to make one from a plain string.
 */
export class AlertSecret {
  /**
   * A secret read from a `NoEcho` parameter with this logical ID in the stack
   * of the alerts, made there (type String, no default) unless the stack has
   * it already. Give its value when deploying, e.g.
   * `ros-cdk deploy --parameters DingTalkRobotUrl=...`.
   * @param parameterName - the parameter's logical ID: a letter, then letters and digits
   * @param description - the parameter's description (default: a generic one naming actiontrail-cdk alerts)
   */
  public static parameter(parameterName: string, description?: string): AlertSecret {
    return new AlertSecret({ parameterName, description });
  }

  /**
   * A secret read from a parameter you made: it must be `noEcho: true` and have
   * no default value (a default would stand in the template).
   * @param parameter - the `ros.RosParameter`
   */
  public static fromParameter(parameter: ros.RosParameter): AlertSecret {
    return new AlertSecret({ parameter });
  }

  private readonly source: { parameterName?: string; description?: string; parameter?: ros.RosParameter };

  private constructor(source: { parameterName?: string; description?: string; parameter?: ros.RosParameter }) {
    this.source = source;
  }

  /**
   * The parameter's reference in `scope`'s stack, making the parameter when
   * needed; returns the rule it broke instead when the parameter is unusable.
   * @internal
   */
  public _bind(scope: ros.IConstruct): BoundAlertSecret | string {
    const stack = ros.Stack.of(scope);
    const given = this.source.parameter;
    if (given !== undefined) {
      if (!(given instanceof ros.RosParameter)) return 'must be a ros.RosParameter';
      if (ros.Stack.of(given) !== stack) {
        return `is parameter '${given.node.path}' of another stack: use a parameter of stack '${stack.node.path}'`;
      }
      return checked(given);
    }
    const name = this.source.parameterName;
    if (typeof name !== 'string' || !PARAMETER_ID_PATTERN.test(name)) {
      return `names the parameter ${quote(name)}: a parameter's logical ID is a letter, then letters and digits`;
    }
    const existing = stack.node.tryFindChild(name);
    if (existing !== undefined) {
      if (!(existing instanceof ros.RosParameter)) {
        return `names '${name}', which is already a construct of stack '${stack.node.path}' and not a parameter: pick another name`;
      }
      return checked(existing);
    }
    const parameter = new ros.RosParameter(stack, name, {
      type: ros.RosParameterType.STRING,
      noEcho: true,
      description:
        this.source.description ?? 'actiontrail-cdk alerts: a secret of an alert target (given at deploy time)',
    });
    return { value: parameter.valueAsString, parameterName: name };
  }
}

function checked(parameter: ros.RosParameter): BoundAlertSecret | string {
  return secretParameterProblem(parameter) ?? { value: parameter.valueAsString, parameterName: parameter.node.id };
}
