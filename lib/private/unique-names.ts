import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';

/** Where a claim counts: a stack's account (and region), and what is claimed there so far. */
export interface ClaimPlace<T> {
  /** The stack of the claiming construct. */
  readonly stack: ros.Stack;
  /**
   * Whether the place is literal (the account, and the region for a regional
   * registry): then the claims span the app; otherwise they span the stack.
   */
  readonly known: boolean;
  /** The place as a key: `<account>` or `<account>/<region>`; `''` when not known. */
  readonly key: string;
  /** The claims made so far in this place's app (known) or stack (not known), by key. */
  readonly claims: Map<string, T>;
}

/**
 * Claims that must not clash in one account (or one account and region)
 * across the app: a construct claims at synth what the cloud would refuse
 * twice at deploy time. With a literal account (and region) the claims span
 * the app; when they are known only at deploy time, the stack (no two stacks'
 * places can then be compared).
 */
export class ClaimRegistry<T> {
  private readonly byOwner = new WeakMap<ros.IConstruct, Map<string, T>>();

  /** @param regional whether a place is an account and a region (true) or an account (false) */
  constructor(private readonly regional: boolean) {}

  /** The place of `scope`'s stack and the claims made there so far. */
  public placeOf(scope: ros.IConstruct): ClaimPlace<T> {
    const stack = ros.Stack.of(scope);
    const known = !ros.Token.isUnresolved(stack.account) && (!this.regional || !ros.Token.isUnresolved(stack.region));
    const owner = known ? scope.node.root : stack;
    let claims = this.byOwner.get(owner);
    if (claims === undefined) {
      claims = new Map<string, T>();
      this.byOwner.set(owner, claims);
    }
    const key = !known ? '' : this.regional ? `${stack.account}/${stack.region}` : stack.account;
    return { stack, known, key, claims };
  }
}

/** Claimed names (value: the holder's construct path), per account. */
const names = new ClaimRegistry<string>(false);

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
  const { stack, known, key: place, claims } = names.placeOf(scope);
  const key = `${kind}/${place}/${caseInsensitive ? name.toLowerCase() : name}`;
  const holder = claims.get(key);
  if (holder !== undefined) {
    const where = known ? `account ${stack.account}` : `stack '${stack.stackName}'`;
    v.fail(
      property,
      conflict?.(holder, where) ??
        `'${name}' is already the ${kind} of '${holder}' in ${where}: ${kind}s are unique per account`,
    );
  }
  claims.set(key, scope.node.path);
}
