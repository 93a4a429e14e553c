/**
 * Suppressions: a rule turned off for a construct and everything under it,
 * with the reason why. Kept on the construct under a global symbol.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { findingsReported } from '../../shared/markers';
import { quote } from '../../shared/quote';
import { ValidationError } from '../../shared/validation-error';

/** The shortest reason a suppression accepts, in characters (leading and trailing spaces not counted). */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** A rule suppressed on a construct. */
export interface AuditSuppression {
  /** The suppressed rule. */
  readonly ruleId: string;
  /** Why its findings are acceptable here. */
  readonly reason: string;
  /** The path of the construct the suppression was declared on. */
  readonly path: string;
}

const SUPPRESSIONS = Symbol.for('actiontrail-cdk.audit-checks.suppressions');

type WithSuppressions = { [SUPPRESSIONS]?: Map<string, AuditSuppression> };

/**
 * Suppresses `ruleId` on `scope` and everything under it. Throws a
 * ValidationError when the rule is not one of `knownRuleIds` or the reason is
 * shorter than {@link MIN_SUPPRESSION_REASON_LENGTH} characters. A second
 * suppression of the same rule on the same construct replaces the first.
 */
export function addSuppression(
  scope: ros.IConstruct,
  ruleId: string,
  reason: string,
  knownRuleIds: readonly string[],
): void {
  const fail = (property: string, message: string): never => {
    throw new ValidationError(`AuditChecks.suppress '${scope.node.path}'`, scope.node.path, property, message);
  };
  if (typeof ruleId !== 'string' || !knownRuleIds.includes(ruleId)) {
    fail('ruleId', `${quote(ruleId)} is not a rule of AuditChecks; the rules are ${knownRuleIds.join(', ')}`);
  }
  if (findingsReported(scope.node.root)) {
    fail(
      'ruleId',
      `${quote(ruleId)} came after app.synth(): the app's findings are already printed and written, so this suppression would change nothing; call AuditChecks.suppress before app.synth()`,
    );
  }
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < MIN_SUPPRESSION_REASON_LENGTH) {
    fail(
      'reason',
      `${quote(reason)} must say why the finding is acceptable, in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters`,
    );
  }
  const holder = scope as WithSuppressions;
  let map = holder[SUPPRESSIONS];
  if (map === undefined) {
    map = new Map();
    Object.defineProperty(scope, SUPPRESSIONS, { value: map, enumerable: false });
  }
  map.set(ruleId, { ruleId, reason: trimmed, path: scope.node.path });
}

/** The suppression of `ruleId` nearest to `construct` (on it, or on the closest scope above it), if any. */
export function findSuppression(construct: ros.IConstruct, ruleId: string): AuditSuppression | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const found = (scopes[i] as WithSuppressions)[SUPPRESSIONS]?.get(ruleId);
    if (found) return found;
  }
  return undefined;
}
