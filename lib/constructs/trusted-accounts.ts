/**
 * Declared trust: which accounts the RAM roles of a construct may trust.
 *
 * A construct that makes a role trusted by other accounts (for example the
 * delivery role of a log-archive account, trusted by the source accounts'
 * ActionTrail) declares those accounts with `declareTrustedAccounts`; rule
 * AT-ROLE-002 then accepts principals of these accounts, and of the stack's
 * own account, and reports any other. The declaration is a marker on the
 * construct tree (the shared markers module), which the rules read.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from '../private/errors';
import { accountIdRule } from '../private/names';
import { addTrustedAccounts } from '../shared/markers';

/**
 * Declares that the RAM roles in `scope` (the construct and everything under
 * it) may trust `accountIds`. Call it on the role, or on the construct that
 * owns it, with the accounts its trust policy names, e.g. a
 * `DeliveryDestination`'s `sourceAccountIds`. Declarations add up; tokens
 * (e.g. a ROS parameter) are compared with the principal's account as rendered.
 *
 * @param scope - the role, or a construct above it
 * @param accountIds - 16-digit account IDs, or tokens that resolve to them
 * @throws ValidationError when a literal ID is not a 16-digit account ID
 */
export function declareTrustedAccounts(scope: ros.IConstruct, accountIds: readonly string[]): void {
  const v = new PropValidator('declareTrustedAccounts', scope);
  v.checkEach('accountIds', accountIds, accountIdRule);
  addTrustedAccounts(scope, accountIds);
}
