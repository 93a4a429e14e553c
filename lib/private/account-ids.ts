import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';
import { accountIdRule } from './names';

/** An account that must not appear in a list, and why. */
export interface ExcludedAccount {
  /** The account ID (a token is ignored). */
  readonly accountId: string;
  /** What the account is, e.g. `this stack's own account`. */
  readonly what: string;
  /** What to do instead. */
  readonly advice: string;
}

/**
 * Checks a list of account IDs: not empty, each 16 digits, none twice, none
 * of `excluded`. Errors name `property[i]`. Tokens pass (ROS checks them).
 */
export function checkAccountIds(
  v: PropValidator,
  property: string,
  ids: readonly string[] | undefined,
  excluded: readonly ExcludedAccount[] = [],
): readonly string[] {
  if (ids === undefined) v.fail(property, 'is required: list the 16-digit IDs of the accounts');
  if (!Array.isArray(ids)) v.fail(property, `${JSON.stringify(ids)} must be a list of 16-digit account IDs`);
  if (ids.length === 0) {
    v.fail(property, 'is empty: list at least one 16-digit account ID');
  }
  v.checkEach(property, ids, accountIdRule);
  ids.forEach((id, i) => {
    if (ros.Token.isUnresolved(id)) return;
    const first = ids.indexOf(id);
    if (first !== i)
      v.fail(`${property}[${i}]`, `'${id}' is listed twice (also at index ${first}): list each account once`);
    const bad = excluded.find((e) => !ros.Token.isUnresolved(e.accountId) && e.accountId === id);
    if (bad) v.fail(`${property}[${i}]`, `'${id}' is ${bad.what}: ${bad.advice}`);
  });
  return ids;
}
