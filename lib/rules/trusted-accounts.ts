/**
 * Declared trust: which accounts the RAM roles of a construct may trust.
 *
 * A construct that makes a role trusted by other accounts (for example the
 * delivery role of a log-archive account, trusted by the source accounts'
 * ActionTrail) declares those accounts with `declareTrustedAccounts`; rule
 * AT-ROLE-002 then accepts principals of these accounts, and of the stack's
 * own account, and reports any other.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from '../common/errors';
import { accountIdRule } from '../common/names';

/** Where declarations are kept on a construct (a global symbol, so that two copies of this library agree). */
const TRUSTED_ACCOUNTS = Symbol.for('actiontrail-cdk.audit-checks.trusted-accounts');

type WithTrustedAccounts = { [TRUSTED_ACCOUNTS]?: string[] };

/**
 * Declares that the RAM roles in `scope` (the construct and everything under
 * it) may trust `accountIds`. Call it on the role, or on the construct that
 * owns it, with the accounts its trust policy names, e.g. a
 * `DeliveryDestination`'s `sourceAccountIds`. Declarations add up; tokens
 * (e.g. a ROS parameter) are compared with the principal's account as rendered.
 *
 * @param scope the role, or a construct above it
 * @param accountIds 16-digit account IDs, or tokens that resolve to them
 * @throws ValidationError when a literal ID is not a 16-digit account ID
 */
export function declareTrustedAccounts(scope: ros.IConstruct, accountIds: readonly string[]): void {
  const v = new PropValidator('declareTrustedAccounts', scope);
  v.checkEach('accountIds', accountIds, accountIdRule);
  const holder = scope as WithTrustedAccounts;
  const declared = holder[TRUSTED_ACCOUNTS] ?? [];
  if (holder[TRUSTED_ACCOUNTS] === undefined) {
    Object.defineProperty(scope, TRUSTED_ACCOUNTS, { value: declared, enumerable: false });
  }
  declared.push(...accountIds);
}

/** The accounts declared on `construct` and on every scope above it, unresolved, in declaration order. */
export function declaredTrustedAccounts(construct: ros.IConstruct): readonly string[] {
  return construct.node.scopes.flatMap((scope) => (scope as WithTrustedAccounts)[TRUSTED_ACCOUNTS] ?? []);
}
