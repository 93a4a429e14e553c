/**
 * Validation helpers shared by the typed L1 classes in `lib/ros`.
 *
 * The L1 classes validate with the ros-cdk-core machinery (`ValidationResults`,
 * `propertyValidator`, `requiredValidator`, `validateString`, `validateBoolean`,
 * `validateNumber`), whose messages already name the property, the value and the
 * rule (`name: 123 should be a string`). This module adds what ros-cdk-core 1.12
 * lacks:
 *
 * - length, pattern, allowed-value and integer checks whose messages carry the
 *   offending value (`name: "ab" must be 6 to 36 characters long (got 2)`).
 *   ros-cdk-core's `validateLength` only prints the length, its `validateRange`
 *   prints the minimum when the maximum is exceeded, and neither it nor
 *   `validateAllowedPattern` / `validateAllowedValues` skips ROS intrinsics, so
 *   its generated code has to guard every call;
 * - a heading for the whole error that names the resource type;
 * - the construct path in front of the error (`While synthesizing <path>: ...`);
 * - the default of the `enableResourcePropertyConstraint` switch.
 *
 * Every check here passes values it cannot know yet: `undefined`/`null`, ROS
 * intrinsics (`{"Ref": ...}`, `{"Fn::...": ...}`), and unresolved tokens. ROS
 * itself validates those at deploy time.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { quoteJson } from '../shared/quote';

/**
 * Checks one value and returns a successful or failed validation result.
 */
export type Validator = (value: any) => ros.ValidationResult;

/**
 * Whether `value` is a literal that can be checked at synth time.
 *
 * False for `undefined`/`null`, for ROS intrinsics such as `{"Ref": "P"}` or
 * `{"Fn::Join": [...]}` (what tokens have become by the time properties are
 * rendered), and for tokens that are still unresolved.
 *
 * @param value - the value to look at
 * @returns true when the value is known now
 */
export function isLiteral(value: unknown): boolean {
  return ros.canInspect(value) && !ros.Token.isUnresolved(value);
}

function failure(value: unknown, rule: string): ros.ValidationResult {
  return new ros.ValidationResult(`${quoteJson(value)} ${rule}`);
}

/**
 * A validator of a string's length, in characters (UTF-16 code units, as ROS counts).
 *
 * Only literal strings are checked; other types are left to the type validator.
 *
 * @param min - the shortest allowed length, or undefined for no lower bound
 * @param max - the longest allowed length, or undefined for no upper bound
 * @returns the validator; its message reads `"ab" must be 6 to 36 characters long (got 2)`
 */
export function lengthValidator(min: number | undefined, max: number | undefined): Validator {
  let rule: string;
  if (min !== undefined && max !== undefined) {
    rule = `must be ${min} to ${max} characters long`;
  } else if (min !== undefined) {
    rule = `must be at least ${min} characters long`;
  } else if (max !== undefined) {
    rule = `must be at most ${max} characters long`;
  } else {
    throw new Error('lengthValidator needs a minimum or a maximum');
  }
  return (value: any) => {
    if (!isLiteral(value) || typeof value !== 'string') {
      return ros.VALIDATION_SUCCESS;
    }
    const tooShort = min !== undefined && value.length < min;
    const tooLong = max !== undefined && value.length > max;
    return tooShort || tooLong ? failure(value, `${rule} (got ${value.length})`) : ros.VALIDATION_SUCCESS;
  };
}

/**
 * A validator that a string matches a regular expression.
 *
 * Only literal strings are checked; other types are left to the type validator.
 *
 * @param pattern - the expression the whole value must match (anchor it)
 * @param description - the rule in words, shown after the expression
 * @returns the validator; its message reads `"1abc" must match /^[a-z].../ (<description>)`
 */
export function patternValidator(pattern: RegExp, description: string): Validator {
  return (value: any) => {
    if (!isLiteral(value) || typeof value !== 'string') {
      return ros.VALIDATION_SUCCESS;
    }
    // A fresh RegExp per call, so that a global/sticky flag cannot carry lastIndex over.
    return new RegExp(pattern.source, pattern.flags).test(value)
      ? ros.VALIDATION_SUCCESS
      : failure(value, `must match ${pattern} (${description})`);
  };
}

/**
 * A validator that a value is one of a fixed list (compared with `===`).
 *
 * Only literals of the same primitive type as the first allowed value are
 * checked; a value of another type is left to the type validator.
 *
 * @param allowed - the allowed values
 * @returns the validator; its message reads `"Any" must be one of "Read", "Write", "All"`
 */
export function allowedValuesValidator(allowed: ReadonlyArray<string | number>): Validator {
  if (allowed.length === 0) {
    throw new Error('allowedValuesValidator needs at least one allowed value');
  }
  const list = allowed.map((v) => quoteJson(v)).join(', ');
  return (value: any) => {
    if (!isLiteral(value) || typeof value !== typeof allowed[0]) {
      return ros.VALIDATION_SUCCESS;
    }
    return allowed.includes(value) ? ros.VALIDATION_SUCCESS : failure(value, `must be one of ${list}`);
  };
}

/**
 * Checks that a literal number is an integer (ROS type `Integer`).
 *
 * Non-numbers are left to `ros.validateNumber`.
 *
 * @param value - the value to check
 * @returns the result; its message reads `7.5 must be an integer`
 */
export function validateInteger(value: any): ros.ValidationResult {
  if (!isLiteral(value) || typeof value !== 'number' || Number.isInteger(value)) {
    return ros.VALIDATION_SUCCESS;
  }
  return failure(value, 'must be an integer');
}

/**
 * A validator of a property bag: at least one of the named properties must be set.
 *
 * A token counts as set.
 *
 * @param names - the property names (TypeScript spelling)
 * @returns the validator; its message reads `ossBucketName or slsProjectArn: at least one must be set (none was given)`
 */
export function atLeastOneOfValidator(names: string[]): Validator {
  return (bag: any) => {
    if (!ros.canInspect(bag) || names.some((name) => bag[name] != null)) {
      return ros.VALIDATION_SUCCESS;
    }
    return new ros.ValidationResult(`${names.join(' or ')}: at least one must be set (none was given)`);
  };
}

/**
 * The heading of a failed validation of a property bag.
 *
 * @param propsTypeName - the TypeScript interface, e.g. `RosTrailProps` or `RosProject.PropertiesProperty`
 * @param rosTypeName - the ROS type or property path, e.g. `ALIYUN::ACTIONTRAIL::Trail`
 * @returns e.g. `supplied properties not correct for "RosTrailProps" (ALIYUN::ACTIONTRAIL::Trail)`
 */
export function validationHeading(propsTypeName: string, rosTypeName: string): string {
  return `supplied properties not correct for "${propsTypeName}" (${rosTypeName})`;
}

/**
 * Runs `render` and, if it throws, puts the construct path in front of the message.
 *
 * ros-cdk-core validates properties while it resolves the template, where its
 * own `While synthesizing <path>` prefix is not applied; this restores it.
 *
 * @param resource - the resource whose properties are rendered
 * @param render - renders (and validates) the properties
 * @returns what `render` returns
 */
export function renderInContext<T>(resource: ros.IConstruct, render: () => T): T {
  try {
    return render();
  } catch (e) {
    if (e instanceof Error) {
      e.message = `While synthesizing ${resource.node.path}: ${e.message}`;
    }
    throw e;
  }
}

/**
 * The effective `enableResourcePropertyConstraint` switch of an L1 resource.
 *
 * An explicit value wins. Otherwise the stack decides, like the upstream L2
 * constructs do: validation is on unless the stack was created with
 * `enableResourcePropertyConstraint` set. Note that ros-cdk-core 1.12 turns
 * validation **off** for a stack created with `enableResourcePropertyConstraint: true`
 * (it tests `=== undefined`); leave the stack option unset to validate.
 *
 * @param scope - a construct inside the stack
 * @param explicit - the value passed to the L1 constructor, if any
 * @returns whether properties are validated at synth
 */
export function constraintEnabled(scope: ros.IConstruct, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) {
    return explicit;
  }
  return ros.Stack.of(scope).enableResourcePropertyConstraint;
}
