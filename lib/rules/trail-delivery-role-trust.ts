/**
 * The app-wide delivery-trust rules: a trail that delivers to MaxCompute
 * through a write role of another account (`MaxComputeWriteRoleArn`) and the
 * RAM role of that ARN, in any stack of the same app, must agree: ActionTrail
 * of the trail's account assumes the role as `<account>@actiontrail.aliyuncs.com`,
 * which the role's trust policy must name. Roles are matched by ARN,
 * `acs:ram::<stack account>:role/<RoleName>`, both literal; a trail is
 * checked against the account that owns it (its stack's account, or, for a
 * stack group's member template, the accounts it is deployed to).
 */
import { isAccountId } from '../shared/ids';
import { RAM_ROLE_TYPE } from '../shared/resource-types';
import { AuditAppRule, AuditAppViolation, AuditLevel, AuditResource, AuditStackView } from './engine/model';
import { allowStatements, principals } from './engine/policy-documents';
import { field, stringPieces } from './engine/template-values';
import { TRAIL_TYPES, trailView } from './engine/trail-view';

/** A role of the app that ActionTrail of some accounts may assume. */
interface DeliveryRole {
  readonly arn: string;
  readonly resource: AuditResource;
  /** The accounts whose ActionTrail the trust policy names (literal IDs, or the JSON of a ROS function). */
  readonly trusted: readonly string[];
}

/** A trail of the app delivering through a literal write role ARN. */
interface DeliveringTrail {
  readonly resource: AuditResource;
  readonly roleArn: string;
  /** The literal accounts that own the trail; `undefined` when not known at synth. */
  readonly accounts: readonly string[] | undefined;
  /** What the account is when it is not known, for the warning. */
  readonly accountText: string;
}

const SERVICE = /@actiontrail\.aliyuncs\.com$/;

/** What the three rules read: the trails and the RAM roles. */
const DELIVERY_TRUST_TYPES: readonly string[] = [...TRAIL_TYPES, RAM_ROLE_TYPE];

/** Stands for a trusted account that cannot be told at synth. */
const UNKNOWN = '(an account known only at deploy time)';

/** A value's text, with '?' for each part known only at deploy time. */
function literalText(value: unknown): string {
  return stringPieces(value)
    .map((p) => (typeof p === 'string' ? p : '?'))
    .join('');
}

/** The roles of the app with literal ARNs, by ARN. */
function deliveryRoles(stacks: readonly AuditStackView[]): Map<string, DeliveryRole> {
  const roles = new Map<string, DeliveryRole>();
  for (const stack of stacks) {
    if (!isAccountId(stack.account)) continue;
    for (const resource of stack.resources) {
      if (resource.type !== RAM_ROLE_TYPE) continue;
      const name = field(resource.properties, 'RoleName');
      if (typeof name !== 'string') continue;
      const document = field(resource.properties, 'AssumeRolePolicyDocument');
      const trusted = allowStatements(document, '').flatMap((s) =>
        principals(s.statement)
          .filter((p) => p.type.toLowerCase() === 'service' && SERVICE.test(literalText(p.value)))
          .map((p) => (p.account.kind === 'account' ? p.account.account : UNKNOWN)),
      );
      const arn = `acs:ram::${stack.account}:role/${name}`;
      roles.set(arn, { arn, resource, trusted: [...new Set(trusted)] });
    }
  }
  return roles;
}

/** The trails of the app that deliver to MaxCompute through a literal write role. */
function deliveringTrails(stacks: readonly AuditStackView[]): DeliveringTrail[] {
  return stacks.flatMap((stack) =>
    stack.resources
      .filter((r) => TRAIL_TYPES.includes(r.type))
      .flatMap((resource): DeliveringTrail[] => {
        const roleArn = trailView(resource).setting('MaxComputeWriteRoleArn');
        if (typeof roleArn !== 'string') return [];
        if (isAccountId(stack.account)) return [{ resource, roleArn, accounts: [stack.account], accountText: '' }];
        if (stack.deployedToAccounts !== undefined) {
          const literal = stack.deployedToAccounts.filter(isAccountId);
          if (literal.length === stack.deployedToAccounts.length)
            return [{ resource, roleArn, accounts: literal, accountText: '' }];
          return [
            {
              resource,
              roleArn,
              accounts: undefined,
              accountText: 'some of the accounts it is deployed to are tokens',
            },
          ];
        }
        // An embedded template's view is named '<stack>/<logical ID>' (a stack name has no '/').
        const accountText = stack.stackName.includes('/')
          ? 'it is deployed by a stack group to accounts not known at synth (pass memberAccountIds to MemberAccountTrails)'
          : `its stack's account is ${stack.account}, known only at deploy time (give the stack a literal env.account)`;
        return [{ resource, roleArn, accounts: undefined, accountText }];
      }),
  );
}

/** Every delivery-trust finding of the app, by level. */
function analyse(stacks: readonly AuditStackView[]): Record<AuditLevel, AuditAppViolation[]> {
  const roles = deliveryRoles(stacks);
  const trails = deliveringTrails(stacks);
  const result: Record<AuditLevel, AuditAppViolation[]> = {
    [AuditLevel.ERROR]: [],
    [AuditLevel.WARNING]: [],
    [AuditLevel.INFO]: [],
  };
  for (const trail of trails) {
    const role = roles.get(trail.roleArn);
    if (role === undefined) continue;
    const what = `the trail '${trail.resource.path}' delivers through the role '${role.resource.path}' (${role.arn})`;
    if (trail.accounts === undefined) {
      result[AuditLevel.WARNING].push({
        path: trail.resource.path,
        message: `${what}, but ${trail.accountText}: whether the role trusts the trail's account could not be checked (it trusts ${describe(role.trusted)})`,
        fix: "Give the trail's stack a literal env.account, or check by hand that the role's trust policy (sourceAccountIds) lists the account",
      });
      continue;
    }
    const partlyKnown = role.trusted.some((a) => !isAccountId(a));
    for (const account of trail.accounts) {
      if (role.trusted.includes(account)) continue;
      if (partlyKnown) {
        result[AuditLevel.WARNING].push({
          path: trail.resource.path,
          message: `${what}, whose trust policy names accounts known only at deploy time (it trusts ${describe(role.trusted)}): whether it trusts account ${account}, the trail's owner, could not be checked`,
          fix: `Make sure the destination's sourceAccountIds resolve to a list that includes ${account}, or list it literally`,
        });
        continue;
      }
      const needed = [...role.trusted.filter(isAccountId), account];
      result[AuditLevel.ERROR].push({
        path: trail.resource.path,
        message: `${what}, which does not trust account ${account}, the trail's owner (it trusts ${describe(role.trusted)}): ActionTrail could never deliver`,
        fix: `Add ${account} to the destination's sourceAccountIds, e.g. sourceAccountIds: [${needed.map((a) => `'${a}'`).join(', ')}], or deliver to a role that trusts it`,
      });
    }
  }
  for (const role of roles.values()) {
    const delivering = trails.filter((t) => t.roleArn === role.arn);
    if (delivering.some((t) => t.accounts === undefined)) continue;
    const owners = new Set(delivering.flatMap((t) => t.accounts ?? []));
    const idle = role.trusted.filter((a) => isAccountId(a) && !owners.has(a));
    if (idle.length === 0) continue;
    result[AuditLevel.INFO].push({
      path: role.resource.path,
      message: `the role ${role.arn} trusts the ActionTrail of ${idle.length === 1 ? 'account' : 'accounts'} ${idle.join(', ')}, but no trail of this app in ${idle.length === 1 ? 'that account' : 'those accounts'} delivers through it`,
      fix: 'Nothing, if their trails are deployed from elsewhere; otherwise add the trail, or remove the account from sourceAccountIds',
    });
  }
  return result;
}

function describe(accounts: readonly string[]): string {
  return accounts.length ? accounts.join(', ') : 'no ActionTrail principal';
}

/**
 * AT-TRAIL-009 (error): the write role a trail delivers to MaxCompute through,
 * when another stack of the app creates it, trusts the trail's account.
 */
export const trailDeliveryRoleTrusted: AuditAppRule = {
  id: 'AT-TRAIL-009',
  level: AuditLevel.ERROR,
  title: "A trail's MaxCompute write role, made in the same app, trusts the account that owns the trail",
  anchors: [],
  resourceTypes: DELIVERY_TRUST_TYPES,
  checkApp: (stacks) => analyse(stacks)[AuditLevel.ERROR],
};

/**
 * AT-TRAIL-010 (warning): AT-TRAIL-009 could not check a trail, because the
 * account that owns it is known only at deploy time.
 */
export const trailDeliveryRoleUnchecked: AuditAppRule = {
  id: 'AT-TRAIL-010',
  level: AuditLevel.WARNING,
  title: "A trail's account is known at synth, so that AT-TRAIL-009 can check its write role's trust",
  anchors: [],
  resourceTypes: DELIVERY_TRUST_TYPES,
  checkApp: (stacks) => analyse(stacks)[AuditLevel.WARNING],
};

/**
 * AT-ROLE-003 (info): a delivery role trusts the ActionTrail of an account
 * with no trail in the app delivering through it (may be deliberate).
 */
export const roleTrustedAccountHasTrail: AuditAppRule = {
  id: 'AT-ROLE-003',
  level: AuditLevel.INFO,
  title: 'Each account a delivery role trusts has a trail in the app delivering through it',
  anchors: [],
  resourceTypes: DELIVERY_TRUST_TYPES,
  checkApp: (stacks) => analyse(stacks)[AuditLevel.INFO],
};
