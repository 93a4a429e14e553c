import { closest, DEFAULT_HUNT_HOURS } from '../args';
import { CommandContext } from '../context';
import { literalValue, maxComputeProjectOf } from '../delivery';
import { trailParameters } from '../drift';
import { ExitCode, UsageError } from '../errors';
import { selectStacks } from '../plan';
import { trailsInTemplate } from '../trail-status';
import { ArnParts, maxComputeTableName, parseArn } from '../../../lib/shared/arn';
import {
  Detection,
  detectionById,
  detectionIds,
  MAXCOMPUTE_PROJECT_NAME_PATTERN,
  renderHuntingQuery,
} from '../../../lib/shared/detections';
import { renderSlsQuery, slsLogstoreName } from '../../../lib/shared/sls-queries';

/** The detections `--detection` names (every one when none), in catalogue order. */
export function huntDetections(ids: readonly string[] | undefined): Detection[] {
  const known = detectionIds();
  for (const id of ids ?? []) {
    if (!known.includes(id)) {
      const guess = closest(id, known);
      throw new UsageError(
        `--detection '${id}' is not a detection id${guess ? ` (did you mean ${guess}?)` : ''}; the known ids are ${known.join(', ')}`,
      );
    }
  }
  return known.filter((id) => ids === undefined || ids.length === 0 || ids.includes(id)).map(detectionById);
}

/** The window of a run: `--since`/`--until`, else the `--hours` (default 24) before now, to the minute. */
export function huntWindow(
  args: { since?: Date; until?: Date; hours?: number },
  now: number,
): { start: Date; end: Date } {
  const end = args.until ?? new Date(Math.floor(now / 60_000) * 60_000);
  const start = args.since ?? new Date(end.getTime() - (args.hours ?? DEFAULT_HUNT_HOURS) * 3_600_000);
  if (start.getTime() >= end.getTime()) {
    throw new UsageError(
      `the window starts ${start.toISOString()} and ends ${end.toISOString()}: --since must be before --until (now, when not given)`,
    );
  }
  return { start, end };
}

/** The SLS project a trail's parameters deliver to, if it is known before deploy. */
function slsProjectOf(
  parameters: Readonly<Record<string, unknown>> | undefined,
  account: string,
  region: string,
): ArnParts | undefined {
  const arn = literalValue(parameters?.SlsProjectArn, account, region);
  const parts = arn === undefined ? undefined : parseArn(arn);
  return parts && parts.service === 'log' && parts.resourceName !== '' ? parts : undefined;
}

/**
 * `hunt [STACK...]`: for each trail of the selected stacks that delivers to
 * MaxCompute (a project known at synth), one MaxCompute SQL query per
 * detection over `<project>.actiontrail_<trail>` within the window
 * (`renderHuntingQuery` of lib/shared/detections.ts); for each trail that
 * delivers to SLS, the SLS query of each detection (`renderSlsQuery` of
 * lib/shared/sls-queries.ts, the query its SLS alert runs) over the logstore
 * `actiontrail_<trail>`, labelled as SLS, each line commented out (`-- `) so
 * that standard output stays one SQL script. No API call, no credentials.
 * Exits 2 on an unknown `--detection`, 1 when no selected trail delivers to
 * MaxCompute or SLS, else 0.
 */
export async function hunt(ctx: CommandContext): Promise<number> {
  const { assembly, args, printer } = ctx;
  const detections = huntDetections(args.detections);
  const { start, end } = huntWindow(args, Date.now());
  let printed = 0;
  for (const stack of selectStacks(assembly.stacks, args.stacks)) {
    const region = stack.region ?? args.region ?? '';
    for (const trail of trailsInTemplate(stack.template)) {
      const parameters = trailParameters(stack.template, trail.name);
      const sls = slsProjectOf(parameters, stack.account ?? '', region);
      if (sls) {
        printSlsQueries(ctx, stack.id, trail.name, sls, detections, { start, end });
        printed += detections.length;
      }
      const project = maxComputeProjectOf(parameters, stack.account ?? '', region);
      if (sls && !project) continue;
      if (!project || !MAXCOMPUTE_PROJECT_NAME_PATTERN.test(project.resourceName)) {
        printer.line(
          `-- ${stack.id}: trail ${trail.name} does not deliver to a MaxCompute project known before deploy (a literal ARN, or one over the stack's literal env.account and region): no query. Give the stack a literal env.account and env.region, and synthesize again`,
        );
        continue;
      }
      printer.line(
        `-- ${stack.id}: trail ${trail.name}, table ${project.resourceName}.${maxComputeTableName(trail.name)} (account ${project.account}, ${project.region})`,
      );
      for (const detection of detections) {
        const query = renderHuntingQuery(detection, {
          accountId: project.account,
          projectName: project.resourceName,
          trailName: trail.name,
          start,
          end,
          eventColumn: args.eventColumn,
          partitionColumn: args.partitionColumn,
        });
        printer.line('');
        printer.line(query);
        printed++;
      }
      printer.line('');
    }
  }
  if (printed === 0) {
    printer.error(
      'hunt: no trail of the selected stacks delivers to a MaxCompute or SLS project known before deploy: nothing to query',
    );
    return ExitCode.FAILED;
  }
  return ExitCode.OK;
}

/**
 * The SLS queries of a trail that delivers to SLS, as comments: a header
 * naming the project and logstore, then per detection its id and the query
 * (run it in the logstore's search box with the time range set to the window;
 * an SLS query holds no time).
 */
function printSlsQueries(
  ctx: CommandContext,
  stackId: string,
  trailName: string,
  project: ArnParts,
  detections: readonly Detection[],
  window: { start: Date; end: Date },
): void {
  const { printer } = ctx;
  printer.line(
    `-- ${stackId}: trail ${trailName}, SLS project ${project.resourceName}, logstore ${slsLogstoreName(trailName)} (account ${project.account}, ${project.region}): ` +
      `SLS queries, not MaxCompute SQL: run each in the logstore's search box (SLS console) with the time range ${window.start.toISOString()} to ${window.end.toISOString()}`,
  );
  for (const detection of detections) {
    printer.line('');
    printer.line(`-- SLS ${detection.id}:`);
    for (const line of renderSlsQuery(detection).split('\n')) printer.line(`-- ${line}`);
  }
  printer.line('');
}
