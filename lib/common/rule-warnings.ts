import * as ros from '@alicloud/ros-cdk-core';
import { isAuditChecked } from './audit-scopes';

/**
 * A warning a construct gives that is also an AuditChecks rule: the construct
 * annotates it when AuditChecks does not check it, so it shows either way,
 * once, and a user can suppress it with `AuditChecks.suppress`.
 */
export interface RuleWarning {
  /** The rule's ID, e.g. `AT-TRAIL-007`. */
  readonly ruleId: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The text of the annotation, as AuditChecks writes it: `[<rule ID>] <message>. Fix: <fix>`. */
export function ruleWarningText(warning: RuleWarning): string {
  return `[${warning.ruleId}] ${warning.message}. Fix: ${warning.fix}`;
}

/**
 * Annotates `resource` with each warning, unless AuditChecks checks it (the
 * rules then report them, and honour suppressions). Call at synth time (from
 * `prepare()`), when every `AuditChecks.of` call has been made.
 */
export function annotateUnlessChecked(resource: ros.IConstruct, warnings: readonly RuleWarning[]): void {
  if (warnings.length === 0 || isAuditChecked(resource)) return;
  for (const warning of warnings) resource.node.addWarning(ruleWarningText(warning));
}
