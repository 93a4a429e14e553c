/**
 * What `status` finds for each stack and trail, as data: the stack's ROS
 * status, each trail's ActionTrail state, its drift from the template, and
 * its delivery to MaxCompute. `status` prints it as lines or, with `--json`,
 * as one document (docs/cli.md "status --json").
 */
import { CloudClients } from './clients';
import { CommandContext } from './context';
import { checkDataEvents, DataEventSelectorsView, DataEventsReport, DataEventsState } from './data-event-status';
import {
  checkDelivery,
  DeliveryReport,
  deliveryPredatesStart,
  maxComputeProjectOf,
  NOT_DELIVERING_AFTER_MINUTES,
  toMs,
} from './delivery';
import { canRepair, repairCommand, trailDrift, trailParameters } from './drift';
import { isHealthy } from './stack-states';
import { StackTarget } from './targets';
import { trailState, TrailState } from './trail-status';
import { ArnParts } from '../../lib/shared/arn';
import { alertRuleProblems, AlertRuleReport } from './alert-rules';

/** One trail of a stack. */
export interface TrailReport {
  /** The trail name. */
  readonly name: string;
  /** Whether it is a multi-account trail. */
  readonly organization: boolean;
  /** Whether ActionTrail knows it. */
  readonly found: boolean;
  /** DescribeTrails `Status`. @default - not found */
  readonly status?: string;
  /** GetTrailStatus `IsLogging`. @default - not found */
  readonly logging?: boolean;
  /** GetTrailStatus `StartLoggingTime`. @default - unknown */
  readonly startLoggingTime?: string;
  /** GetTrailStatus `LatestDeliveryTime`. @default - none */
  readonly latestDeliveryTime?: string;
  /**
   * `LatestDeliveryTime` predates `StartLoggingTime` (both known), less than
   * {@link NOT_DELIVERING_AFTER_MINUTES} after the start: nothing since logging
   * started has been delivered yet. @default false
   */
  readonly deliveredBeforeStartOnly?: boolean;
  /** Non-empty `LatestDelivery*Error`s. */
  readonly deliveryErrors: string[];
  /** What differs from the template (`not logging`, `EventRW is Write, the template says All`). */
  readonly drift: string[];
  /** The delivery to MaxCompute. @default - the trail does not deliver to MaxCompute (or to a project known at synth) */
  readonly delivery?: DeliveryReport;
  /** Its data event selectors, declared and live (data-event-status.ts). @default - it declares none and has none */
  readonly dataEvents?: DataEventsReport;
}

/** One stack. */
export interface StackReport {
  /** The artifact ID. */
  readonly stack: string;
  /** The ROS stack name. */
  readonly stackName: string;
  /** The account. */
  readonly account: string;
  /** The region. */
  readonly region: string;
  /** Whether the stack exists. */
  readonly deployed: boolean;
  /** The ROS status. @default - not deployed */
  readonly status?: string;
  /** The ROS status reason. @default - none */
  readonly statusReason?: string;
  /** The trails of its template. */
  readonly trails: TrailReport[];
  /** The command that repairs its trails' drift. @default - no drift */
  readonly repair?: string;
  /** Its alert rules (EventBridge GetRule). @default [] */
  readonly alertRules?: AlertRuleReport[];
}

/**
 * Clients of the account that owns a project: the stack's own, another
 * target's, or a `--profile <account>=<profile>` mapping; undefined (could not
 * check) when none of these is that account's.
 */
export function projectClients(
  ctx: CommandContext,
  targets: readonly StackTarget[],
  t: StackTarget,
): (project: ArnParts) => Promise<CloudClients | undefined> {
  return async (project) => {
    if (project.account === t.account) return t.clients.inRegion(project.region);
    const other = targets.find((x) => x.account === project.account);
    if (other) return other.clients.inRegion(project.region);
    // Only an explicit `--profile <that account>=<profile>`: `--profile <name>` serves the stacks'
    // own account (STS GetCallerIdentity checked it), so it is not the project's.
    if (ctx.credentials.mappedProfileFor(project.account) === undefined) return undefined;
    const { credential } = await ctx.credentials.forAccount(project.account);
    return new CloudClients(credential, project.region, ctx.endpoint, ctx.retry);
  };
}

/** Reads one trail: its state, drift (data event selectors included) and (when it delivers to MaxCompute) delivery. */
export async function trailReport(
  t: StackTarget,
  trail: { name: string; organization: boolean; logicalId: string },
  clientsFor: (project: ArnParts) => Promise<CloudClients | undefined>,
  options: { delivery: boolean; schema: boolean; now: number },
): Promise<{ report: TrailReport; state: TrailState }> {
  const state = await trailState(t.clients, trail);
  const parameters = trailParameters(t.stack.template, trail.name);
  const dataEvents =
    state.status === undefined
      ? undefined
      : await checkDataEvents(t.clients, trail.name, parameters, t.account, t.region);
  const drift = [...trailDrift(parameters, state, t.account, t.region), ...(dataEvents?.drift ?? [])];
  let delivery: DeliveryReport | undefined;
  const project = maxComputeProjectOf(parameters, t.account, t.region);
  if (options.delivery && project && state.status !== undefined) {
    const clients = await clientsFor(project);
    delivery = clients
      ? await checkDelivery(clients, project, trail.name, state.startLoggingTime, options.now, options.schema)
      : {
          state: 'could-not-check',
          project: project.resourceName,
          table: `actiontrail_${trail.name}`,
          message: `could not check delivery: no credentials for account ${project.account}, which owns the project; pass --profile ${project.account}=<profile>`,
        };
  }
  return {
    state,
    report: {
      name: trail.name,
      organization: trail.organization,
      found: state.status !== undefined,
      status: state.status,
      logging: state.logging,
      startLoggingTime: state.startLoggingTime,
      latestDeliveryTime: state.latestDeliveryTime,
      deliveredBeforeStartOnly:
        deliveryPredatesStart(state.latestDeliveryTime, state.startLoggingTime) &&
        options.now - (toMs(state.startLoggingTime) as number) <= NOT_DELIVERING_AFTER_MINUTES * 60_000,
      deliveryErrors: state.deliveryErrors,
      drift,
      delivery,
      dataEvents,
    },
  };
}

/** The problems `status` exits 1 for. */
export function problemsOf(reports: readonly StackReport[]): string[] {
  const problems: string[] = [];
  for (const s of reports) {
    if (!s.deployed) {
      problems.push(`stack '${s.stackName}' is not deployed`);
      continue;
    }
    if (s.status !== undefined && !isHealthy(s.status)) {
      problems.push(`stack '${s.stackName}' is ${s.status}${s.statusReason ? `: ${s.statusReason}` : ''}`);
    }
    for (const tr of s.trails) {
      if (!tr.found) {
        problems.push(`trail '${tr.name}' not found in ActionTrail`);
        continue;
      }
      if (!tr.logging) problems.push(`trail '${tr.name}' is not logging`);
      for (const err of tr.deliveryErrors) problems.push(`trail '${tr.name}' delivery error (${err})`);
      const settings = tr.drift.filter((d) => d !== 'not logging');
      if (settings.length > 0) problems.push(`trail '${tr.name}' drifted: ${settings.join('; ')}`);
      if (tr.delivery?.state === 'not-delivering' || tr.delivery?.state === 'not-found')
        problems.push(`trail '${tr.name}': ${tr.delivery.message}`);
    }
    problems.push(...alertRuleProblems(s.stackName, s.alertRules ?? []));
  }
  return problems;
}

/**
 * What is known about whether a trail's events arrive: `arriving` (its
 * MaxCompute table has a partition), `not-yet` (no table or partition yet,
 * within the delivery delay), `not-arriving` (not found, not logging, NOT
 * delivering, or its project not found: problems), `not-checked` (delivery
 * could not be read, e.g. no credentials for the project's account) or
 * `no-check` (no MaxCompute project known at synth: SLS/OSS destinations, which
 * `status` cannot read back).
 */
export type ArrivalState = 'arriving' | 'not-yet' | 'not-arriving' | 'not-checked' | 'no-check';

/** A trail's {@link ArrivalState}. */
export function arrivalOf(t: TrailReport): ArrivalState {
  if (!t.found || !t.logging) return 'not-arriving';
  switch (t.delivery?.state) {
    case undefined:
      return t.deliveredBeforeStartOnly ? 'not-yet' : 'no-check';
    case 'delivering':
      return 'arriving';
    case 'no-table-yet':
      return 'not-yet';
    case 'could-not-check':
      return 'not-checked';
    default:
      return 'not-arriving';
  }
}

/** The trails of deployed stacks counted by {@link ArrivalState} (`status --json` `arrival`). */
export interface ArrivalCounts {
  /** Trails whose events arrive (`arriving`). */
  readonly arriving: number;
  /** Trails within the delivery delay, nothing delivered yet (`not-yet`). */
  readonly notYet: number;
  /** Trails whose events do not arrive: problems (`not-arriving`). */
  readonly notArriving: number;
  /** Trails whose delivery could not be read (`not-checked`). */
  readonly notChecked: number;
  /** Trails with no arrival check: SLS/OSS destinations (`no-check`). */
  readonly noCheck: number;
}

/** The trails of the reports, grouped by {@link ArrivalState} (every state present, in report order). */
function trailsByArrival(reports: readonly StackReport[]): Record<ArrivalState, TrailReport[]> {
  const by: Record<ArrivalState, TrailReport[]> = {
    arriving: [],
    'not-yet': [],
    'not-arriving': [],
    'not-checked': [],
    'no-check': [],
  };
  for (const s of reports) for (const t of s.trails) by[arrivalOf(t)].push(t);
  return by;
}

/** Counts the trails of the reports by {@link ArrivalState}. */
export function arrivalCounts(reports: readonly StackReport[]): ArrivalCounts {
  const by = trailsByArrival(reports);
  return {
    arriving: by.arriving.length,
    notYet: by['not-yet'].length,
    notArriving: by['not-arriving'].length,
    notChecked: by['not-checked'].length,
    noCheck: by['no-check'].length,
  };
}

/**
 * The summary of what is known about arrival, e.g. `events arriving: 1 trail;
 * not yet (within the delivery delay): 1 (org_audit); not checked: 1 (org_audit:
 * no credentials for account 3333333333333333, which owns the project; ...)`.
 * Categories without a trail are left out, except `events arriving`.
 */
export function arrivalSummary(reports: readonly StackReport[]): string {
  const by = trailsByArrival(reports);
  const named = (of: readonly TrailReport[], why?: (t: TrailReport) => string): string =>
    `${of.length} (${of.map((t) => (why ? `${t.name}: ${why(t)}` : t.name)).join('; ')})`;
  const arriving = by.arriving.length;
  const parts = [`events arriving: ${arriving} trail${arriving === 1 ? '' : 's'}`];
  if (by['not-yet'].length > 0) parts.push(`not yet (within the delivery delay): ${named(by['not-yet'])}`);
  if (by['not-arriving'].length > 0) parts.push(`NOT arriving: ${named(by['not-arriving'])}`);
  if (by['not-checked'].length > 0) {
    const why = (t: TrailReport) =>
      (t.delivery?.message ?? '').replace(/^could not check delivery: /, '').split(';')[0];
    parts.push(`not checked: ${named(by['not-checked'], why)}`);
  }
  if (by['no-check'].length > 0) {
    parts.push(
      `no arrival check (no MaxCompute project known at synth; SLS/OSS destinations): ${named(by['no-check'])}`,
    );
  }
  return parts.join('; ');
}

/** The repair advice of a stack whose trails drifted. */
export function repairAdvice(t: StackTarget, drifted: boolean): string | undefined {
  if (!drifted) return undefined;
  return canRepair(t.stack.template)
    ? repairCommand(t.stack.id)
    : `synthesize with this actiontrail-cdk (the template has no ActionTrailCdkConverge parameter), then ${repairCommand(t.stack.id)}`;
}

/** A trail of `status --json`: {@link TrailReport} with every absent value null (docs/cli.md "JSON output"). */
export interface TrailJson {
  readonly name: string;
  readonly organization: boolean;
  readonly found: boolean;
  readonly status: string | null;
  readonly logging: boolean | null;
  readonly startLoggingTime: string | null;
  readonly latestDeliveryTime: string | null;
  readonly deliveryErrors: string[];
  readonly drift: string[];
  readonly delivery: {
    readonly state: DeliveryReport['state'];
    readonly project: string;
    readonly table: string;
    readonly message: string;
    readonly latestPartition: string | null;
    readonly schema: { readonly nativeColumns: unknown[]; readonly partitionColumns: unknown[] } | null;
  } | null;
  /** What is known about whether its events arrive ({@link ArrivalState}). */
  readonly arrival: ArrivalState;
  /** The trail's data events; null when it declares none and has none. */
  readonly dataEvents: {
    readonly state: DataEventsState;
    readonly declared: DataEventSelectorsView | null;
    readonly live: DataEventSelectorsView | null;
    readonly drift: string[];
    readonly message: string | null;
  } | null;
}

/** A stack of `status --json`: {@link StackReport} with every absent value null. */
export interface StackJson {
  readonly stack: string;
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly deployed: boolean;
  readonly status: string | null;
  readonly statusReason: string | null;
  readonly trails: TrailJson[];
  readonly repair: string | null;
  /** Its alert rules; [] when the template has none (or the stack is not deployed). */
  readonly alertRules: AlertRuleJson[];
}

/** An alert rule of `status --json`: {@link AlertRuleReport} with every absent value null. */
export interface AlertRuleJson {
  readonly logicalId: string;
  readonly ruleName: string | null;
  readonly eventBusName: string;
  readonly detection: string;
  readonly state: AlertRuleReport['state'];
  readonly status: string | null;
  readonly targets: number | null;
  readonly message: string;
}

/** A report as `status --json` prints it: absent values are null, never missing (JSON.stringify drops undefined). */
export function stackJson(s: StackReport): StackJson {
  return {
    stack: s.stack,
    stackName: s.stackName,
    account: s.account,
    region: s.region,
    deployed: s.deployed,
    status: s.status ?? null,
    statusReason: s.statusReason ?? null,
    trails: s.trails.map((t) => ({
      name: t.name,
      organization: t.organization,
      found: t.found,
      status: t.status ?? null,
      logging: t.logging ?? null,
      startLoggingTime: t.startLoggingTime ?? null,
      latestDeliveryTime: t.latestDeliveryTime ?? null,
      deliveryErrors: t.deliveryErrors,
      drift: t.drift,
      delivery: t.delivery
        ? {
            state: t.delivery.state,
            project: t.delivery.project,
            table: t.delivery.table,
            message: t.delivery.message,
            latestPartition: t.delivery.latestPartition ?? null,
            schema: t.delivery.schema ?? null,
          }
        : null,
      arrival: arrivalOf(t),
      dataEvents: t.dataEvents
        ? {
            state: t.dataEvents.state,
            declared: t.dataEvents.declared ?? null,
            live: t.dataEvents.live ?? null,
            drift: t.dataEvents.drift,
            message: t.dataEvents.message ?? null,
          }
        : null,
    })),
    repair: s.repair ?? null,
    alertRules: (s.alertRules ?? []).map((r) => ({
      logicalId: r.logicalId,
      ruleName: r.ruleName ?? null,
      eventBusName: r.eventBusName,
      detection: r.detection,
      state: r.state,
      status: r.status ?? null,
      targets: r.targets ?? null,
      message: r.message,
    })),
  };
}
