import * as ros from '@alicloud/ros-cdk-core';
import { stackOf } from '../constructs/stack-environments';
import { isSingleToken, parseArnWithTokens, slsProjectArnRule } from '../private/arn';
import { PropValidator } from '../private/errors';
import { accountIdRule, patternRule, regionIdRule, trailNameRule } from '../private/names';
import { claimAccountUniqueName } from '../private/unique-names';
import type { IAlertableTrail, ITrailAlerts } from '../blueprints/trail-alerts';
import {
  type Detection,
  type DetectionSeverity,
  DETECTIONS,
  detectionIds,
  type WriteDetection,
} from '../shared/detections';
import {
  ALERT_METADATA_KEY,
  type AlertResourceMetadata,
  DEFAULT_EVENT_BUS,
  EVENT_BRIDGE_LIMITS,
  eventPatternsFor,
} from '../shared/event-patterns';
import { quote } from '../shared/quote';
import { renderSlsQuery, SLS_EVENT_NAME_PATTERN, slsLogstoreName } from '../shared/sls-queries';
import { AlertTarget, type BoundAlertTarget } from './alert-target';
import type { AlertMessage } from './alert-message';
import { claimBusRules } from './rule-budget';
import { RenderedOnceAlert, RenderedOnceRule } from './rendered-once';

/** A trail given by its identity, when it is not a `Trail` of this app. */
export interface AlertedTrail {
  /** The account the trail belongs to (16 digits). */
  readonly accountId: string;
  /** The trail's home region, e.g. `cn-hangzhou`. */
  readonly region: string;
  /** The trail's name. */
  readonly trailName: string;
  /**
   * The Log Service project the trail delivers to, `acs:log:<region>:<account>:project/<name>`.
   * @default the trail does not deliver to SLS: no SLS tier, no identity detections
   */
  readonly slsProjectArn?: string;
}

/** How one detection differs from the catalogue, for this `AuditAlerts`. */
export interface DetectionOverride {
  /** `false` turns the detection off. @default true */
  readonly enabled?: boolean;
  /** The severity its alerts carry. @default the catalogue's severity */
  readonly severity?: DetectionSeverity;
  /**
   * More event names it matches (write detections only), e.g. a service's
   * newer API for the same change. @default none
   */
  readonly extraEventNames?: string[];
}

/** What `AuditAlerts` takes besides the trail; also what the blueprints take (`AuditAlerts.forBlueprints`). */
export interface AuditAlertsOptions {
  /**
   * Where real-time alerts go: 1 to 5 targets, each rule sends to all of them.
   * Needed when any write detection is on (each makes EventBridge rules);
   * without targets, turn the write detections off (e.g. `detections` listing
   * identity detections only), or synth fails naming the fix.
   * @default none (identity detections only, through SLS action policies)
   */
  readonly targets?: AlertTarget[];
  /**
   * The detection ids to alert on (`AT-DETECT-…`; the alerts guide lists them).
   * @default every detection the trail's destinations allow: the write
   * detections always; the identity detections when the trail delivers to SLS
   */
  readonly detections?: string[];
  /** Per-detection changes, by detection id. @default none */
  readonly overrides?: Record<string, DetectionOverride>;
  /**
   * The SLS action policy the SLS alerts notify through (SLS alerting sends
   * notifications by action policy; make one with your channels).
   * @default 'sls.builtin' (SLS's built-in action policy)
   */
  readonly slsActionPolicyId?: string;
  /**
   * How late, in minutes, an event may reach the trail's SLS logstore and
   * still alert (ActionTrail delivers to SLS within minutes, not at once).
   * Every SLS alert runs every 5 minutes over the
   * last `5 + slsDeliveryDelayMinutes` minutes (`-<n>m` to `now`): runs
   * overlap, so an event that arrives on time may alert in more than one run
   * (up to `1 + ceil(slsDeliveryDelayMinutes / 5)`); that is the price of not
   * losing a late one. `0` reads exactly the last 5 minutes: no repeat, and an
   * event indexed after its window closed is never alerted on. From 0 to 1440.
   * @default 5
   */
  readonly slsDeliveryDelayMinutes?: number;
}

/** Properties of `AuditAlerts`. */
export interface AuditAlertsProps extends AuditAlertsOptions {
  /**
   * The trail whose account is watched: a `Trail` of this app, or its
   * account, home region, name and SLS project. The alerts deploy in the
   * trail's home region and account (this construct's stack must be there).
   */
  readonly trail: IAlertableTrail | AlertedTrail;
}

/** SLS alert severities (SLS: 10 critical, 8 high, 6 medium, 4 low). */
const SLS_SEVERITY: Record<DetectionSeverity, number> = { critical: 10, high: 8, medium: 6, low: 4 };
const SEVERITIES: readonly DetectionSeverity[] = ['critical', 'high', 'medium', 'low'];
/**
 * Whether ros-cdk re-validates the L1 props at every synth. Off: the props are
 * built here, the same for the same input, and the tests pass every rendered
 * rule and alert through the packages' own validators; validating 31
 * resources at each synth doubled a single trail's synth time (bench/alerts.js).
 */
const VALIDATE_AT_SYNTH = false;
/**
 * How often each SLS alert runs, in minutes (its schedule). The window each
 * run reads is `-<5 + slsDeliveryDelayMinutes>m` to `now` (timeSpanType
 * `Relative`): SLS's alert docs warn that data written just before a run may
 * not be queryable yet and suggest a window ending earlier
 * (https://www.alibabacloud.com/help/doc-detail/118478.htm), but the alert
 * query reference (AlertQuery, api-sls-2020-12-30-struct-alertquery) shows
 * only `end: now` for relative windows, and the `-15m@m`-style time
 * expressions with an earlier end are documented for Scheduled SQL only. So
 * the window overlaps the previous runs instead of ending early: nothing
 * delivered late (up to the delay) is lost, and an event may alert twice.
 */
const SLS_SCHEDULE_MINUTES = 5;
/** Default of {@link AuditAlertsOptions.slsDeliveryDelayMinutes}. */
const DEFAULT_SLS_DELIVERY_DELAY_MINUTES = 5;
/** Most of {@link AuditAlertsOptions.slsDeliveryDelayMinutes}: a day. */
const MAX_SLS_DELIVERY_DELAY_MINUTES = 1440;

/** One synthesized EventBridge rule. */
export interface AlertRuleInfo {
  /** The detection it serves. */
  readonly detection: string;
  /** Its `RuleName`. */
  readonly ruleName: string;
  /** The event names its pattern lists. */
  readonly eventNames: readonly string[];
  /** The L1 resource. */
  readonly resource: ros.RosResource;
}

/**
 * Alerts, within minutes, on the ActionTrail events of the detection
 * catalogue, beside the trail that records them:
 *
 * - real time: one `ALIYUN::EventBridge::Rule` on the `default` bus per five
 *   event names of each write detection (ActionTrail publishes write events to
 *   EventBridge), sending a message (detection, account, region, event, who,
 *   source IP, time) to the `targets`;
 * - SLS: when the trail delivers to SLS, one `ALIYUN::SLS::Alert` per CIS and
 *   identity detection over the logstore `actiontrail_<trail name>`, the form
 *   the CIS benchmark prescribes and scanners check; sign-in events reach
 *   SLS only, so identity detections need it.
 *
 * Every rule and alert carries template `Metadata['actiontrail-cdk:alert']`
 * naming its detection, for `actiontrail-cdk preflight` and `status`. Limits
 * are enforced at synth: 5 values per pattern field (longer lists split), 1 to
 * 5 targets, at most 50 rules per bus across the app's stacks of one account
 * and region.
 */
export class AuditAlerts extends ros.Construct {
  /**
   * An `alerts` value for the organization blueprints (`OrganizationAudit`,
   * `MemberAccountTrails`): adds an `AuditAlerts` with these options beside
   * every trail the blueprint makes, id `<trail id>Alerts`.
   */
  public static forBlueprints(options: AuditAlertsOptions): ITrailAlerts {
    return {
      addTo: (trail: IAlertableTrail): void => {
        const scope = trail.node.scope as ros.Construct;
        new AuditAlerts(scope, `${trail.node.id}Alerts`, { ...options, trail });
      },
    };
  }

  /** The detections alerted on, in catalogue order. */
  public readonly detections: readonly string[];
  /** The EventBridge rules, in order. */
  public readonly rules: readonly AlertRuleInfo[];
  /** The SLS alerts (`ALIYUN::SLS::Alert`), in order; empty when the trail does not deliver to SLS. */
  public readonly slsAlerts: readonly ros.RosResource[];
  /** The trail's name. */
  public readonly trailName: string;
  /** The SLS logstore the SLS alerts read, `actiontrail_<trail name>`. @default undefined: no SLS destination */
  public readonly slsLogstore?: string;

  constructor(scope: ros.Construct, id: string, props: AuditAlertsProps) {
    super(scope, id);
    const v = new PropValidator('AuditAlerts', this);
    const stack = stackOf(v, this, 'AuditAlerts');
    if (props === undefined || props === null) v.fail('props', 'are required: at least trail and targets');
    const delay = props.slsDeliveryDelayMinutes ?? DEFAULT_SLS_DELIVERY_DELAY_MINUTES;
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_SLS_DELIVERY_DELAY_MINUTES) {
      v.fail(
        'slsDeliveryDelayMinutes',
        `${quote(delay)} must be a whole number of minutes from 0 to ${MAX_SLS_DELIVERY_DELAY_MINUTES}: how late an event may reach SLS and still alert. Pass e.g. 5, or leave it out`,
      );
    }

    const trail = resolveTrail(v, stack, props.trail);
    this.trailName = trail.trailName;
    const slsProject = trail.slsProjectArn !== undefined ? checkSlsProject(v, stack, trail.slsProjectArn) : undefined;

    // Which detections, with which overrides.
    const overrides = checkOverrides(v, props.overrides);
    const selected = selectDetections(v, props.detections, slsProject !== undefined);
    const active = selected.filter((d) => overrides.get(d.id)?.enabled !== false);
    for (const d of active) {
      if (d.tier === 'identity' && slsProject === undefined) {
        v.fail(
          'detections',
          `lists ${quote(d.id)} (CIS ${d.cis}), an identity detection: sign-in events and refused calls are not published to EventBridge, so it needs the trail to deliver to SLS, and trail '${trail.trailName}' does not. ` +
            "Add slsProjectArn to the Trail, e.g. new Trail(stack, 'Trail', { ..., slsProjectArn: `acs:log:<region>:${stack.account}:project/<project>` }) (or to the AlertedTrail), or leave identity detections out",
        );
      }
    }
    this.detections = active.map((d) => d.id);

    // Real time: EventBridge rules for the write detections.
    const writes = active.filter((d): d is WriteDetection => d.tier === 'write');
    const plans = writes.map((d) => {
      const extra = overrides.get(d.id)?.extraEventNames ?? [];
      return { detection: d, patterns: eventPatternsFor([...d.eventNames, ...extra]) };
    });
    const ruleCount = plans.reduce((sum, p) => sum + p.patterns.length, 0);
    const givenTargets = ruleCount > 0 ? requireTargets(v, props.targets, writes) : [];
    const slsDetections =
      slsProject === undefined ? [] : active.filter((x) => x.cis !== undefined || x.tier === 'identity');
    // Each SLS alert's name, per SLS project: checked first, as it names the alert that would collide.
    if (slsProject !== undefined) {
      for (const d of slsDetections) {
        const alertName = slsAlertName(trail.trailName, d);
        const project = slsProject.projectName;
        claimAccountUniqueName(
          v,
          this,
          'SLS alert name',
          'trail',
          `${project}/${slsProject.region}/${alertName}`,
          false,
          (holder, where) =>
            `is trail '${trail.trailName}', whose ${d.id} SLS alert would be named '${alertName}' in SLS project '${project}', a name AuditAlerts '${holder}' already gives an alert there (${where}): ` +
            `an SLS alert's name is unique in its project, and trail names that differ only in '_' and '-' give the same name. ` +
            `Make one AuditAlerts per trail, rename one of the trails, or deliver them to different SLS projects`,
        );
      }
    }
    const targets = bindTargets(v, this, givenTargets);
    if (ruleCount > 0) claimBusRules(v, this, ruleCount);
    const prefix = `actiontrail-cdk-${trail.trailName.replace(/_/g, '-')}`;
    const oneAuditAlertsPerTrail = (holder: string, where: string): string =>
      `is trail '${trail.trailName}', whose alerts AuditAlerts '${holder}' already makes in ${where}, region ${stack.region}: ` +
      `both would name their EventBridge rules '${prefix}-…' (trail names that differ only in '_' and '-' give the same names). ` +
      `Make one AuditAlerts per trail, and choose what it alerts on with its detections and overrides`;
    claimAccountUniqueName(
      v,
      this,
      'alert rule name prefix',
      'trail',
      `${prefix}/${stack.region}`,
      false,
      oneAuditAlertsPerTrail,
    );

    // ROS CDK uses a construct's id as its logical ID: prefix this construct's, so two AuditAlerts fit in a stack.
    const idPrefix = id.replace(/[^A-Za-z0-9]/g, '');
    const rules: AlertRuleInfo[] = [];
    for (const { detection, patterns } of plans) {
      const message = messageOf(detection, overrides.get(detection.id));
      const slug = detectionSlug(detection.id);
      patterns.forEach((pattern, i) => {
        const ruleName = `${prefix}-${slug}-${i + 1}`;
        const resource = new RenderedOnceRule(
          this,
          `${idPrefix}${pascal(slug)}Rule${i + 1}`,
          {
            eventBusName: DEFAULT_EVENT_BUS,
            ruleName,
            description: `actiontrail-cdk ${detection.id}: ${detection.title} (trail ${trail.trailName})`.slice(0, 256),
            status: 'ENABLE',
            filterPattern: pattern as unknown as Record<string, unknown>,
            targets: targets.map((t, j) => t.render(message, `${t.kind}-${j + 1}`)),
          },
          VALIDATE_AT_SYNTH,
        );
        const metadata: AlertResourceMetadata = { detection: detection.id, eventNames: [...pattern.data.eventName] };
        resource.addMetaData(ALERT_METADATA_KEY, metadata);
        rules.push({ detection: detection.id, ruleName, eventNames: pattern.data.eventName, resource });
      });
    }
    this.rules = rules;

    // SLS: one alert per CIS or identity detection, when the trail delivers to SLS.
    const slsAlerts: ros.RosResource[] = [];
    if (slsProject !== undefined) {
      this.slsLogstore = slsLogstoreName(trail.trailName);
      const actionPolicyId = props.slsActionPolicyId ?? 'sls.builtin';
      v.check(
        'slsActionPolicyId',
        actionPolicyId,
        patternRule(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be an SLS action policy ID'),
      );
      for (const d of slsDetections) {
        const override = overrides.get(d.id);
        const severity = override?.severity ?? d.severity;
        const extra = d.tier === 'write' ? (override?.extraEventNames ?? []) : [];
        const slug = detectionSlug(d.id);
        const alertName = slsAlertName(trail.trailName, d);
        const resource = new RenderedOnceAlert(
          this,
          `${idPrefix}${pascal(slug)}SlsAlert`,
          {
            project: slsProject.projectName,
            detail: {
              name: alertName,
              displayName: `ActionTrail ${d.cis ? `CIS ${d.cis} ` : ''}${d.title}`.slice(0, 64),
              description: `actiontrail-cdk ${d.id}: ${d.title} (trail ${trail.trailName})`,
              state: 'Enabled',
              schedule: { type: 'FixedRate', interval: `${SLS_SCHEDULE_MINUTES}m`, runImmediately: false },
              configuration: {
                version: '2.0',
                type: 'default',
                dashboard: 'internal-alert-analysis',
                queryList: [
                  {
                    query: renderSlsQuery(d, { extraEventNames: extra }),
                    store: this.slsLogstore,
                    storeType: 'log',
                    region: slsProject.region,
                    project: slsProject.projectName,
                    timeSpanType: 'Relative',
                    start: `-${SLS_SCHEDULE_MINUTES + delay}m`,
                    end: 'now',
                  },
                ],
                groupConfiguration: { type: 'no_group' },
                severityConfigurations: [
                  { severity: SLS_SEVERITY[severity], evalCondition: { condition: '', countCondition: '' } },
                ],
                annotations: [
                  { key: 'title', value: `[ActionTrail alert] ${severity} ${d.id}: ${d.title}` },
                  {
                    key: 'desc',
                    value: `${d.cis ? `CIS ${d.cis}. ` : ''}Trail ${trail.trailName}, logstore ${this.slsLogstore}`,
                  },
                ],
                labels: [{ key: 'detection', value: d.id }],
                autoAnnotation: true,
                sendResolved: false,
                threshold: 1,
                noDataFire: false,
                policyConfiguration: { alertPolicyId: 'sls.builtin.dynamic', actionPolicyId, repeatInterval: '1m' },
              },
            },
          },
          VALIDATE_AT_SYNTH,
        );
        const metadata: AlertResourceMetadata =
          d.tier === 'write' ? { detection: d.id, eventNames: [...d.eventNames, ...extra] } : { detection: d.id };
        resource.addMetaData(ALERT_METADATA_KEY, metadata);
        slsAlerts.push(resource);
      }
    }
    this.slsAlerts = slsAlerts;
  }
}

/** The trail's identity, checked. */
interface ResolvedTrail {
  readonly trailName: string;
  readonly slsProjectArn?: string;
}

function resolveTrail(
  v: PropValidator,
  stack: ros.Stack,
  trail: IAlertableTrail | AlertedTrail | undefined,
): ResolvedTrail {
  if (trail === undefined || trail === null) {
    v.fail('trail', 'is required: pass the Trail, or { accountId, region, trailName, slsProjectArn? }');
  }
  let account: string;
  let region: string;
  let trailName: string;
  let slsProjectArn: string | undefined;
  if (isConstruct(trail)) {
    const trailStack = ros.Stack.of(trail);
    account = trailStack.account;
    region = trailStack.region;
    trailName = trail.trailName;
    const arn = trail.parameters.SlsProjectArn;
    slsProjectArn = typeof arn === 'string' ? arn : undefined;
  } else {
    if (typeof trail !== 'object')
      v.fail('trail', `${quote(trail)} must be a Trail or { accountId, region, trailName }`);
    account = v.check('trail.accountId', trail.accountId, accountIdRule);
    region = v.check('trail.region', trail.region, regionIdRule);
    trailName = v.check('trail.trailName', trail.trailName, trailNameRule);
    for (const [key, value] of [
      ['trail.accountId', account],
      ['trail.region', region],
      ['trail.trailName', trailName],
    ] as const) {
      if (value === undefined) v.fail(key, 'is required');
    }
    slsProjectArn = v.check('trail.slsProjectArn', trail.slsProjectArn, slsProjectArnRule);
  }
  if (ros.Token.isUnresolved(trailName)) v.fail('trail', 'has a token for its name: alerts need a literal trail name');
  const literal = (value: string) => !ros.Token.isUnresolved(value);
  if (literal(account) && literal(stack.account) && account !== stack.account) {
    v.fail(
      'trail',
      `is trail '${trailName}' of account ${account}, but this stack deploys to account ${stack.account}: ActionTrail publishes an account's events to that account's EventBridge. Create the AuditAlerts in a stack of account ${account}`,
    );
  }
  if (literal(region) && literal(stack.region) && region !== stack.region) {
    v.fail(
      'trail',
      `is trail '${trailName}' with home region ${region}, but this stack deploys to region ${stack.region}: the alerts deploy in the trail's home region. Create the AuditAlerts in a stack of region ${region}`,
    );
  }
  return { trailName, slsProjectArn };
}

/** The form an SLS project ARN takes, for messages. */
const SLS_PROJECT_ARN_FORM = 'acs:log:<region>:<account>:project/<project name>';

/**
 * The SLS project of the trail's slsProjectArn, checked against the stack's
 * account and region where both are literal. The account and region may be
 * tokens (an environment-agnostic stack's `stack.account`, `stack.region`);
 * the project name must be literal (the alerts name it).
 */
function checkSlsProject(v: PropValidator, stack: ros.Stack, arn: string): { projectName: string; region: string } {
  const parts = parseArnWithTokens(arn);
  if (parts === undefined || parts.service !== 'log' || parts.resourceType !== 'project') {
    return v.fail(
      'trail',
      isSingleToken(arn)
        ? `delivers to SLS project ${quote(arn)}, an ARN known only at deploy time: the SLS alerts name the project and the logstore at synth, so the project name must be literal. ` +
            `Give the trail a slsProjectArn written as \`${SLS_PROJECT_ARN_FORM}\` with a literal project name (region and account may be stack.region and stack.account)`
        : `delivers to SLS project ${quote(arn)}, which is not an SLS project ARN: it must read ${SLS_PROJECT_ARN_FORM}. ` +
            `Give the trail a slsProjectArn of that form, e.g. \`acs:log:\${stack.region}:\${stack.account}:project/<project>\``,
    );
  }
  const { region, account, resourceName: name } = parts;
  if (ros.Token.isUnresolved(name)) {
    v.fail(
      'trail',
      `delivers to SLS project ${quote(arn)}, whose name is a token: the SLS alerts name the project at synth, so it must be literal. ` +
        `Write the project's name in the ARN (${SLS_PROJECT_ARN_FORM}), or leave the SLS tier out (give the trail without slsProjectArn)`,
    );
  }
  const literal = (value: string) => !ros.Token.isUnresolved(value) && value !== '';
  if (literal(account) && literal(stack.account) && account !== stack.account) {
    v.fail(
      'trail',
      `delivers to SLS project '${name}' of account ${account}, but this stack deploys to account ${stack.account}: an SLS alert runs in the project's account. Deliver the trail to an SLS project of account ${stack.account}, or leave the SLS tier out (give the trail without slsProjectArn)`,
    );
  }
  if (literal(region) && literal(stack.region) && region !== stack.region) {
    v.fail(
      'trail',
      `delivers to SLS project '${name}' in region ${region}, but this stack deploys to region ${stack.region}: an ALIYUN::SLS::Alert is made in its stack's region. Use an SLS project in region ${stack.region} (the trail's home region)`,
    );
  }
  return { projectName: name, region: region || stack.region };
}

function checkOverrides(v: PropValidator, overrides: unknown): Map<string, DetectionOverride> {
  const result = new Map<string, DetectionOverride>();
  if (overrides === undefined) return result;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    v.fail('overrides', `${quote(overrides)} must be an object keyed by detection id`);
  }
  for (const [id, override] of Object.entries(overrides as Record<string, unknown>)) {
    const property = `overrides[${quote(id)}]`;
    const detection = DETECTIONS.find((d) => d.id === id);
    if (detection === undefined) v.fail(property, unknownDetection(id));
    if (typeof override !== 'object' || override === null) {
      v.fail(property, `${quote(override)} must be { enabled?, severity?, extraEventNames? }`);
    }
    const o = override as DetectionOverride;
    v.checkBoolean(`${property}.enabled`, o.enabled);
    v.checkOneOf(`${property}.severity`, o.severity, SEVERITIES, SEVERITIES.map((s) => `'${s}'`).join(', '));
    if (o.extraEventNames !== undefined) {
      if (detection.tier !== 'write') {
        v.fail(
          `${property}.extraEventNames`,
          `is set, but ${id} is an identity detection (a predicate, not a list of event names): extraEventNames apply to write detections only`,
        );
      }
      if (!Array.isArray(o.extraEventNames) || o.extraEventNames.length === 0) {
        v.fail(
          `${property}.extraEventNames`,
          `${quote(o.extraEventNames)} is an empty event list: list at least one event name, or leave extraEventNames out`,
        );
      }
      o.extraEventNames.forEach((name, i) => {
        if (typeof name !== 'string' || !SLS_EVENT_NAME_PATTERN.test(name)) {
          v.fail(
            `${property}.extraEventNames[${i}]`,
            `${quote(name)} must be an event name as ActionTrail records it: an API operation's name, a letter, then letters, digits and '_' (at most 128)`,
          );
        }
      });
    }
    result.set(id, o);
  }
  return result;
}

function selectDetections(v: PropValidator, ids: unknown, hasSls: boolean): Detection[] {
  if (ids === undefined) return DETECTIONS.filter((d) => d.tier === 'write' || hasSls);
  if (!Array.isArray(ids) || ids.length === 0) {
    v.fail(
      'detections',
      `${quote(ids)} is an empty list: list at least one detection id, or leave detections out for every detection the trail's destinations allow`,
    );
  }
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!DETECTIONS.some((d) => d.id === id)) v.fail(`detections[${i}]`, unknownDetection(id));
    if (seen.has(id)) v.fail(`detections[${i}]`, `${quote(id)} is listed twice: list each detection once`);
    seen.add(id);
  });
  return DETECTIONS.filter((d) => seen.has(d.id));
}

function unknownDetection(id: unknown): string {
  return `${quote(id)} is not a detection id: the known ids are ${detectionIds().join(', ')}. Use one of them (the alerts guide lists what each matches)`;
}

/**
 * Returns `targets`, failing unless it is a list of at least one target: the
 * write detections make EventBridge rules, and a rule needs 1 to 5 targets.
 */
function requireTargets(v: PropValidator, targets: unknown, writes: readonly WriteDetection[]): readonly unknown[] {
  const max = EVENT_BRIDGE_LIMITS.targetsPerRule;
  if (targets === undefined || (Array.isArray(targets) && targets.length === 0)) {
    v.fail(
      'targets',
      `${targets === undefined ? 'is not given' : 'is an empty list'}, but write detections are on (${writes.map((d) => d.id).join(', ')}): each makes EventBridge rules, and a rule needs 1 to ${max} targets. ` +
        "Pass targets, e.g. [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })], or list identity detections only in detections",
    );
  }
  if (!Array.isArray(targets)) {
    v.fail(
      'targets',
      `${quote(targets)} lists no target: each EventBridge rule needs 1 to ${max}. Pass e.g. [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })]`,
    );
  }
  return targets;
}

/** Checks the targets (a list, after {@link requireTargets}) and binds each to `scope`'s stack. */
function bindTargets(v: PropValidator, scope: ros.Construct, targets: readonly unknown[]): BoundAlertTarget[] {
  const max = EVENT_BRIDGE_LIMITS.targetsPerRule;
  if (targets.length > max) {
    v.fail(
      'targets',
      `lists ${targets.length} targets: EventBridge allows at most ${max} per rule. Keep ${max} (e.g. send to one MNS queue or webhook that fans out), or make a second AuditAlerts with other detections`,
    );
  }
  return targets.map((t, i) => {
    if (!(t instanceof AlertTarget)) {
      v.fail(
        `targets[${i}]`,
        `${quote(typeof t)} must be an AlertTarget (AlertTarget.dingTalk, .webhook, .email, .sms, .mnsQueue)`,
      );
    }
    return t._bind(v, scope, `targets[${i}]`);
  });
}

function messageOf(detection: Detection, override: DetectionOverride | undefined): AlertMessage {
  return {
    detection: detection.id,
    title: detection.title,
    severity: override?.severity ?? detection.severity,
    cis: detection.cis,
  };
}

/** Whether the trail is a construct of the app (a `Trail`) rather than an `AlertedTrail`. */
function isConstruct(trail: IAlertableTrail | AlertedTrail): trail is IAlertableTrail {
  return ros.Construct.isConstruct(trail);
}

/** The SLS alert's name: `at-<trail name, _ as ->-<detection slug>`, at most 64 characters. */
function slsAlertName(trailName: string, detection: Detection): string {
  return `at-${trailName.replace(/_/g, '-')}-${detectionSlug(detection.id)}`.slice(0, 64);
}

/** `AT-DETECT-RAM-POLICY` -> `ram-policy`. */
function detectionSlug(id: string): string {
  return id.replace(/^AT-DETECT-/, '').toLowerCase();
}

function pascal(slug: string): string {
  return slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
