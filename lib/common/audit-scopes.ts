import * as ros from '@alicloud/ros-cdk-core';

/**
 * The scopes `AuditChecks.of` was applied to. Constructs that give a warning
 * which is also an AuditChecks rule (e.g. a Trail's unknown region, AT-TRAIL-007)
 * ask here at synth (prepare) time: under a checked scope the rule reports it,
 * and a suppression silences it; elsewhere the construct annotates it itself.
 * It lives in lib/common so that constructs need not import the rules pack.
 */
const checkedScopes = new WeakSet<ros.IConstruct>();

/** Records that AuditChecks checks `scope` and everything under it. */
export function markAuditChecked(scope: ros.IConstruct): void {
  checkedScopes.add(scope);
}

/** Whether AuditChecks checks `construct` (it or one of its scopes was given to `AuditChecks.of`). */
export function isAuditChecked(construct: ros.IConstruct): boolean {
  return construct.node.scopes.some((scope) => checkedScopes.has(scope));
}
