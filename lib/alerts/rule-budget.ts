import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from '../private/errors';
import { ClaimRegistry } from '../private/unique-names';
import { DEFAULT_EVENT_BUS, EVENT_BRIDGE_LIMITS } from '../shared/event-patterns';

/** Rules claimed on each bus (per account and region): each holder's construct path and count. */
const buses = new ClaimRegistry<{ path: string; rules: number }[]>(true);

/**
 * Claims `rules` EventBridge rules on the `default` bus of `scope`'s stack's
 * account and region, across every `AuditAlerts` of the app (EventBridge
 * allows at most {@link EVENT_BRIDGE_LIMITS.rulesPerBus} rules on one bus).
 * Fails, naming the count, the holders and the fix, when the claim would pass
 * the limit. With an account or region known only at deploy time the count
 * spans the stack.
 */
export function claimBusRules(v: PropValidator, scope: ros.IConstruct, rules: number): void {
  const { stack, known, key, claims } = buses.placeOf(scope);
  const holders = claims.get(key) ?? [];
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
  claims.set(key, holders);
}
