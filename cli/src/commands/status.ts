import { alertRuleReports } from '../alert-rules';
import { CommandContext } from '../context';
import { dataEventLines } from '../data-event-status';
import { age, deliveryPollMs, deliveryPredatesStart, DeliveryReport, waitForDelivery } from '../delivery';
import { ExitCode } from '../errors';
import { writeJson } from '../json-output';
import { selectStacks } from '../plan';
import {
  arrivalCounts,
  arrivalSummary,
  problemsOf,
  projectClients,
  repairAdvice,
  stackJson,
  StackReport,
  trailReport,
  TrailReport,
} from '../status-report';
import { resolveTargets } from '../targets';
import { trailsInTemplate } from '../trail-status';

/**
 * `status [STACK...]`: each stack's ROS status and each of its trails'
 * ActionTrail state (DescribeTrails, GetTrailStatus): logging or not, latest
 * delivery time, latest delivery error; its drift from the template, with the
 * command that repairs it; and, for a trail that delivers to MaxCompute,
 * whether its table `actiontrail_<trail>` receives events (delivering / no
 * table yet / NOT delivering); for a trail with data events, its declared and
 * live selectors (GetDataEventSelector), whose differences are drift. `--wait-for-delivery <minutes>` polls until
 * each such table has a partition; `--schema` prints the table's columns;
 * `--json` prints one document. Each alert rule of the template (EventBridge
 * rules with the alert metadata) is read back with GetRule. Exits 1 when a
 * stack is not deployed or not in a settled good state, a trail is missing,
 * not logging, has a delivery error, drifted, or is not delivering, or an
 * alert rule is missing, disabled or has no targets: the post-deploy check of
 * a pipeline.
 */
export async function status(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const targets = await resolveTargets(selectStacks(assembly.stacks, args.stacks), ctx);
  const options = { delivery: true, schema: args.schema === true, now: Date.now() };
  const reports: StackReport[] = [];
  // The delivery checks, to run again while waiting.
  const rechecks: Array<{ stack: number; trail: number; run: () => Promise<DeliveryReport | undefined> }> = [];
  for (const t of targets) {
    const remote = await t.ros.find(t.stack.stackName);
    const base = { stack: t.stack.id, stackName: t.stack.stackName, account: t.account, region: t.region };
    if (!remote) {
      reports.push({ ...base, deployed: false, trails: [] });
      continue;
    }
    const trails: TrailReport[] = [];
    const clientsFor = projectClients(ctx, targets, t);
    for (const trail of trailsInTemplate(t.stack.template)) {
      const { report } = await trailReport(t, trail, clientsFor, options);
      trails.push(report);
      if (report.delivery) {
        const at = { stack: reports.length, trail: trails.length - 1 };
        rechecks.push({
          ...at,
          run: async () => (await trailReport(t, trail, clientsFor, { ...options, now: Date.now() })).report.delivery,
        });
      }
    }
    const alertRules = await alertRuleReports(t);
    reports.push({
      ...base,
      deployed: true,
      status: remote.status,
      statusReason: remote.statusReason,
      trails,
      alertRules,
      repair: repairAdvice(
        t,
        trails.some((x) => x.drift.length > 0),
      ),
    });
  }

  if (args.waitForDeliveryMinutes !== undefined && rechecks.length > 0) {
    const first = rechecks.map((r) => reports[r.stack].trails[r.trail].delivery as DeliveryReport);
    let round = 0;
    const final = await waitForDelivery(
      async () => {
        if (round++ === 0) return first;
        return Promise.all(rechecks.map(async (r, i) => (await r.run()) ?? first[i]));
      },
      {
        timeoutMs: args.waitForDeliveryMinutes * 60_000,
        intervalMs: deliveryPollMs(),
        signal: ctx.signal,
        onWait: (pending, left) =>
          printer.error(
            `waiting for delivery: ${pending.map((p) => p.table).join(', ')} (${age(left)} left, --wait-for-delivery)`,
          ),
      },
    );
    rechecks.forEach((r, i) => {
      const trail = reports[r.stack].trails[r.trail];
      reports[r.stack].trails[r.trail] = { ...trail, delivery: final[i] };
    });
  }

  const problems = problemsOf(reports);
  if (args.json) {
    writeJson(printer, 'status', {
      ok: problems.length === 0,
      problems,
      arrival: arrivalCounts(reports),
      stacks: reports.map(stackJson),
    });
    return problems.length > 0 ? ExitCode.FAILED : ExitCode.OK;
  }
  for (const s of reports) {
    if (!s.deployed) {
      printer.line(`${s.stackName}: not deployed (account ${s.account}, ${s.region})`);
      continue;
    }
    printer.line(`${s.stackName}: ${s.status} (account ${s.account}, ${s.region})`);
    for (const trail of s.trails) printTrail(ctx, trail);
    for (const r of s.alertRules ?? []) {
      printer.line(
        `  alert rule ${r.ruleName ?? r.logicalId} (${r.logicalId}, ${r.detection}, bus ${r.eventBusName}): ${r.message}`,
      );
    }
    if (s.repair) printer.line(`  repair the drift: ${s.repair}`);
  }
  if (problems.length > 0) {
    printer.error(`status: ${problems.length} problem(s):`);
    for (const p of problems) printer.error(`  ${p}`);
    for (const s of reports) if (s.repair) printer.error(`  to repair the drift of ${s.stack}: ${s.repair}`);
    printer.error(`status: ${arrivalSummary(reports)}`);
    return ExitCode.FAILED;
  }
  // No problem: every stack deployed, every trail logging without delivery errors; whether events arrive is said apart.
  const stacks = reports.length;
  const trails = reports.reduce((n, s) => n + s.trails.length, 0);
  printer.line(
    `status: ${stacks} stack${stacks === 1 ? '' : 's'} deployed, ${trails} trail${trails === 1 ? '' : 's'} logging without delivery errors; ${arrivalSummary(reports)}`,
  );
  return ExitCode.OK;
}

/** The lines of one trail: its state, drift, delivery and, with --schema, the table's columns. */
function printTrail(ctx: CommandContext, trail: TrailReport): void {
  const { printer } = ctx;
  if (!trail.found) {
    printer.line(`  trail ${trail.name}: not found`);
    return;
  }
  printer.line(
    `  trail ${trail.name}${trail.organization ? ' (multi-account)' : ''}: ${trail.logging ? 'logging' : 'NOT logging'}, status ${trail.status}, ` +
      `latest delivery ${trail.latestDeliveryTime ?? 'none yet'}, ` +
      `latest delivery error ${trail.deliveryErrors.length ? trail.deliveryErrors.join('; ') : 'none'}`,
  );
  for (const line of dataEventLines(trail.dataEvents)) printer.line(line);
  if (trail.drift.length > 0) printer.line(`    drift: ${trail.drift.join('; ')}`);
  // With what says whether events arrive: after the data events and the drift, before the MaxCompute line.
  if (deliveryPredatesStart(trail.latestDeliveryTime, trail.startLoggingTime)) {
    printer.line(
      `    latest delivery ${trail.latestDeliveryTime} predates this trail's logging start ${trail.startLoggingTime}: no event since logging started has been delivered yet`,
    );
  }
  const d = trail.delivery;
  if (d) {
    printer.line(`    MaxCompute ${d.project}.${d.table}: ${d.message}`);
    if (d.schema) {
      if (d.schema.nativeColumns.length + d.schema.partitionColumns.length === 0) {
        printer.line('    schema: no columns returned');
      }
      for (const [kind, columns] of [
        ['column', d.schema.nativeColumns],
        ['partition column', d.schema.partitionColumns],
      ] as const) {
        for (const c of columns as Array<Record<string, unknown>>) {
          printer.line(
            `    ${kind} ${String(c.name)} ${String(c.type ?? '')}${c.comment ? `: ${String(c.comment)}` : ''}`,
          );
        }
      }
    }
  }
}
