import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from '../private/errors';
import { DEFAULT_EVENT_BUS, EVENT_BRIDGE_LIMITS } from '../shared/event-patterns';

/** Rules claimed on each bus: per app for literal account and region, per stack otherwise. */
const claims = new WeakMap<ros.IConstruct, Map<string, { path: string; rules: number }[]>>();

/**
 * Claims `rules` EventBridge rules on the `default` bus of `scope`'s stack's
 * account and region, across every `AuditAlerts` of the app (EventBridge
 * allows at most {@link EVENT_BRIDGE_LIMITS.rulesPerBus} rules on one bus).
 * Fails, naming the count, the holders and the fix, when the claim would pass
 * the limit. With an account or region known only at deploy time the count
 * spans the stack.
 */
export function claimBusRules(v: PropValidator, scope: ros.IConstruct, rules: number): void {
  const stack = ros.Stack.of(scope);
  const known = !ros.Token.isUnresolved(stack.account) && !ros.Token.isUnresolved(stack.region);
  const owner = known ? scope.node.root : stack;
  const buses = claims.get(owner) ?? new Map<string, { path: string; rules: number }[]>();
  claims.set(owner, buses);
  const key = known ? `${stack.account}/${stack.region}` : '';
  const holders = buses.get(key) ?? [];
  const total = holders.reduce((sum, h) => sum + h.rules, 0) + rules;
  const limit = EVENT_BRIDGE_LIMITS.rulesPerBus;
  if (total > limit) {
    const where = known
      ? `account ${stack.account} in region ${stack.region}`
      : `stack '${stack.stackName}' (account or region known only at deploy time)`;
    const others = holders.map((h) => `'${h.path}' ${h.rules}`).join(', ');
    v.fail(
      'detections',
      `would put ${total} EventBridge rules on bus '${DEFAULT_EVENT_BUS}' of ${where} (this AuditAlerts ${rules}${others ? `, ${others}` : ''}): EventBridge allows at most ${limit} rules on one bus. ` +
        'Turn detections off (overrides: { <id>: { enabled: false } }), drop extraEventNames (every 5 event names make one rule), or alert for fewer trails in this account and region',
    );
  }
  holders.push({ path: scope.node.path, rules });
  buses.set(key, holders);
}
