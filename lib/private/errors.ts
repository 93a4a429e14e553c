import * as ros from '@alicloud/ros-cdk-core';
import { quote } from '../shared/quote';
import { ValidationError } from '../shared/validation-error';

export { ValidationError };

/** A rule over one value: returns the rule it broke, or `undefined` when the value is fine. */
export type Rule = (value: string) => string | undefined;

/**
 * Validates the props of one construct and names it in every error.
 * Unresolved tokens are skipped: ROS checks them at deploy time.
 */
export class PropValidator {
  private readonly owner: string;
  /** The path of the construct being validated. */
  public readonly path: string;

  /**
   * @param kind the construct's class name, e.g. `Trail`
   * @param scope the construct being validated
   */
  constructor(kind: string, scope: ros.IConstruct) {
    this.path = scope.node.path;
    this.owner = `${kind} '${this.path}'`;
  }

  /** Throws a ValidationError for `property` with the given message (value and rule). */
  public fail(property: string, message: string): never {
    throw new ValidationError(this.owner, this.path, property, message);
  }

  /** Checks a string value against a rule; `undefined` and tokens pass. Returns the value. */
  public check<T extends string | undefined>(property: string, value: T, rule: Rule): T {
    if (value === undefined || ros.Token.isUnresolved(value)) return value;
    if (typeof value !== 'string') {
      this.fail(property, `${quote(value)} must be a string`);
    }
    const broken = rule(value);
    if (broken !== undefined) this.fail(property, `${quote(value)} ${broken}`);
    return value;
  }

  /** Checks that an optional value is a boolean; `undefined` and tokens pass. */
  public checkBoolean(property: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean' && !ros.Token.isUnresolved(value)) {
      this.fail(property, `${quote(value)} must be true or false`);
    }
  }

  /**
   * Checks that an optional value is one of `allowed` (e.g. the values of an
   * enum such as `ros.RemovalPolicy`); `undefined` and tokens pass.
   * @param hint how to write a valid value, e.g. `ros.RemovalPolicy.RETAIN or ros.RemovalPolicy.DESTROY`
   */
  public checkOneOf(property: string, value: unknown, allowed: readonly unknown[], hint: string): void {
    if (value === undefined || ros.Token.isUnresolved(value) || allowed.includes(value)) return;
    this.fail(property, `${quote(value)} must be one of ${allowed.map((a) => quote(a)).join(', ')} (${hint})`);
  }

  /** Checks every element of a list against a rule; `property[i]` names a bad element. */
  public checkEach(property: string, values: readonly string[] | undefined, rule: Rule): void {
    (values ?? []).forEach((v, i) => {
      if (v === undefined || v === null) this.fail(`${property}[${i}]`, `is ${v}: every element must be set`);
      this.check(`${property}[${i}]`, v, rule);
    });
  }
}

/** What reports a bad prop: a {@link PropValidator}, or anything with its `fail`. */
export interface PropFailer {
  /** Throws for `property`, with the message (value, rule and fix). */
  fail(property: string, message: string): never;
}

/** A validator whose every error goes through another's `fail`. */
class ReportingValidator extends PropValidator {
  constructor(
    scope: ros.IConstruct,
    private readonly reporter: PropFailer,
  ) {
    super('', scope);
  }

  public override fail(property: string, message: string): never {
    return this.reporter.fail(property, message);
  }
}

/**
 * The checks of {@link PropValidator} over `reporter`: a part that a
 * construct checks on its behalf (an alert target of `AuditAlerts`) is given
 * only the construct's `fail`, and reports through it, so its errors name
 * that construct.
 * @param reporter the construct's validator, or what stands for it
 * @param scope the construct being validated
 */
export function validatorOver(reporter: PropFailer, scope: ros.IConstruct): PropValidator {
  return reporter instanceof PropValidator ? reporter : new ReportingValidator(scope, reporter);
}
