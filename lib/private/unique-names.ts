import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';

/** Claimed names: per app for literal accounts, per stack when the account is known only at deploy time. */
const claims = new WeakMap<ros.IConstruct, Map<string, string>>();

/**
 * Claims a name that must be unique in an account (a trail name, a RAM role
 * name), failing at synth when another construct of the app already holds it
 * in the same account rather than at deploy time. With a literal stack account
 * the check spans the app; otherwise it spans the stack.
 *
 * @param kind what the name is, e.g. `trail name` (used in the key and the message)
 * @param property the property that holds the name
 * @param caseInsensitive whether the service compares names without case (RAM role names)
 * @param conflict the message when the name is taken, given the holder's
 *   construct path and where (`account …` or `stack '…'`); it must name the
 *   rule and the fix. Default: a message naming the kind, the holder and that
 *   the kind is unique per account.
 */
export function claimAccountUniqueName(
  v: PropValidator,
  scope: ros.IConstruct,
  kind: string,
  property: string,
  name: string,
  caseInsensitive = false,
  conflict?: (holder: string, where: string) => string,
): void {
  if (ros.Token.isUnresolved(name)) return;
  const stack = ros.Stack.of(scope);
  const accountKnown = !ros.Token.isUnresolved(stack.account);
  const owner = accountKnown ? scope.node.root : stack;
  const names = claims.get(owner) ?? new Map<string, string>();
  claims.set(owner, names);
  const key = `${kind}/${accountKnown ? stack.account : ''}/${caseInsensitive ? name.toLowerCase() : name}`;
  const holder = names.get(key);
  if (holder !== undefined) {
    const where = accountKnown ? `account ${stack.account}` : `stack '${stack.stackName}'`;
    v.fail(
      property,
      conflict?.(holder, where) ??
        `'${name}' is already the ${kind} of '${holder}' in ${where}: ${kind}s are unique per account`,
    );
  }
  names.set(key, scope.node.path);
}
