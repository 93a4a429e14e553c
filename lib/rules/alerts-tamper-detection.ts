/**
 * AT-ALERT-001 (warning): the account a trail belongs to has tamper detection,
 * an alert on someone stopping, deleting or changing a trail.
 *
 * What counts, read from the synthesized templates only: an
 * `ALIYUN::EventBridge::Rule` or an `ALIYUN::SLS::Alert` whose template
 * `Metadata` holds the `actiontrail-cdk:alert` marker (`ALERT_METADATA_KEY`,
 * which the alert constructs write) with detection `AT-DETECT-TAMPER`, in a
 * stack of the same account anywhere in the app:
 * - the trail's own template (a stack's, or a stack group's member template):
 *   always the same account;
 * - another template whose account is literal and equal to the trail's, or a
 *   member template whose declared target accounts include it.
 * A trail whose account is known only at deploy time is covered only by an
 * alert of its own template (accounts that are tokens cannot be compared).
 *
 * Regions: a trail's own events (StopLogging, DeleteTrail, ...) are published
 * to the EventBridge bus of the region the call is made in, the trail's home
 * region, so when both the trail's and the alert's regions are literal they
 * must be equal. When either is known only at deploy time, the account alone
 * is compared.
 */
import { detectionById } from '../shared/detections';
import { ALERT_METADATA_KEY, alertMetadataOf, EVENT_BRIDGE_RULE_TYPE } from '../shared/event-patterns';
import { isAccountId, isRegionId } from '../shared/ids';
import { SLS_ALERT_TYPE } from '../shared/sls-queries';
import { AuditAppRule, AuditAppViolation, AuditLevel, AuditStackView } from './engine/model';
import { TRAIL_TYPES } from './engine/trail-view';

/** The detection whose presence this rule checks. */
const TAMPER = 'AT-DETECT-TAMPER';

/** The resource types that carry alerts. */
const ALERT_TYPES: readonly string[] = [EVENT_BRIDGE_RULE_TYPE, SLS_ALERT_TYPE];

/** Whether the template has an alert resource marked with the tamper detection. */
function hasTamperDetection(stack: AuditStackView): boolean {
  return stack.resources.some(
    (r) => ALERT_TYPES.includes(r.type) && alertMetadataOf({ Metadata: r.metadata })?.detection === TAMPER,
  );
}

/** The literal accounts a template deploys to: its stack's, or a member template's declared targets. */
function literalAccounts(stack: AuditStackView): string[] {
  if (isAccountId(stack.account)) return [stack.account];
  return (stack.deployedToAccounts ?? []).filter(isAccountId);
}

/** Whether every account the template deploys to is literal (so "every one is covered" can be decided). */
function allAccountsLiteral(stack: AuditStackView): boolean {
  if (isAccountId(stack.account)) return true;
  const deployed = stack.deployedToAccounts;
  return deployed !== undefined && deployed.length > 0 && deployed.every(isAccountId);
}

/** The literal region a template deploys to, or `undefined` when it is known only at deploy time. */
function literalRegion(stack: AuditStackView): string | undefined {
  return isRegionId(stack.region) ? stack.region : undefined;
}

/** Coverage keys: `<account>/<region>`, or `<account>/*` for an alert whose region is a token (covers any region). */
function coverageKeys(stack: AuditStackView): string[] {
  const region = literalRegion(stack) ?? '*';
  return literalAccounts(stack).map((a) => `${a}/${region}`);
}

/** Whether an account (in a region, when literal) has a tamper alert somewhere in the app. */
function isCovered(covered: ReadonlySet<string>, account: string, region: string | undefined): boolean {
  if (covered.has(`${account}/*`)) return true;
  if (region !== undefined) return covered.has(`${account}/${region}`);
  return [...covered].some((k) => k.startsWith(`${account}/`));
}

function violations(stacks: readonly AuditStackView[]): AuditAppViolation[] {
  const covered = new Set(stacks.filter(hasTamperDetection).flatMap(coverageKeys));
  const tamper = detectionById(TAMPER);
  const events = tamper.tier === 'write' ? tamper.eventNames.join(', ') : tamper.title;
  const marker = `carries the ${ALERT_METADATA_KEY} marker for ${TAMPER}`;
  const consequence = `so ${events} on this trail would alert no one`;
  const suppress = `or, where tamper alerts are made outside this app, AuditChecks.suppress(trail, 'AT-ALERT-001', '<where they are>')`;
  const found: AuditAppViolation[] = [];
  for (const stack of stacks) {
    const trails = stack.resources.filter((r) => TRAIL_TYPES.includes(r.type));
    if (trails.length === 0 || hasTamperDetection(stack)) continue;
    let violation: Omit<AuditAppViolation, 'path'>;
    if (allAccountsLiteral(stack)) {
      const region = literalRegion(stack);
      const uncovered = literalAccounts(stack).filter((a) => !isCovered(covered, a, region));
      if (uncovered.length === 0) continue;
      const accounts = `${uncovered.length === 1 ? 'account' : 'accounts'} ${uncovered.join(', ')}`;
      const where = region === undefined ? accounts : `${accounts} in region ${region}`;
      const why =
        region === undefined
          ? ''
          : ` (a trail's own events go to the EventBridge bus of its home region, ${region}; alerts of other regions do not see them)`;
      violation = {
        message: `the trail's ${accounts} ${uncovered.length === 1 ? 'has' : 'have'} no tamper detection${region === undefined ? '' : ` in region ${region}`}: no EventBridge rule or SLS alert of the app in a stack of ${where} ${marker}${why}, ${consequence}`,
        fix: `Add AuditAlerts (actiontrail-cdk/alerts) with ${TAMPER} to a stack of ${where}, ${suppress}`,
      };
    } else {
      violation = {
        message: `the trail's account is known only at deploy time and its own template has no tamper detection: no EventBridge rule or SLS alert there ${marker} (alerts of other stacks cannot be matched to an account that is a token), ${consequence}`,
        fix: `Add AuditAlerts (actiontrail-cdk/alerts) with ${TAMPER} beside the trail, or give its stack a literal env.account, ${suppress}`,
      };
    }
    for (const trail of trails) found.push({ path: trail.path, ...violation });
  }
  return found;
}

/**
 * AT-ALERT-001 (warning): the account a trail belongs to has tamper detection
 * (`AT-DETECT-TAMPER`) in some stack of the app. Runs under `AuditChecks`
 * only (a recommendation, like the other warnings).
 */
export const alertsTamperDetection: AuditAppRule = {
  id: 'AT-ALERT-001',
  level: AuditLevel.WARNING,
  title:
    "A trail's account and home region have tamper detection (an EventBridge rule or SLS alert for AT-DETECT-TAMPER) in the app",
  anchors: [],
  resourceTypes: [...TRAIL_TYPES, ...ALERT_TYPES],
  checkApp: violations,
};
