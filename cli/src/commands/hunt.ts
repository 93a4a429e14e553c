import { closest, DEFAULT_HUNT_HOURS } from '../args';
import { CommandContext } from '../context';
import { maxComputeProjectOf } from '../delivery';
import { trailParameters } from '../drift';
import { ExitCode, UsageError } from '../errors';
import { selectStacks } from '../plan';
import { trailsInTemplate } from '../trail-status';
import { Detection, detectionById, detectionIds, renderHuntingQuery } from '../../../lib/shared/detections';

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

/**
 * `hunt [STACK...]`: for each trail of the selected stacks that delivers to
 * MaxCompute (a project known at synth), one MaxCompute SQL query per
 * detection over `<project>.actiontrail_<trail>` within the window
 * (`renderHuntingQuery` of lib/shared/detections.ts). No API call, no
 * credentials: the queries are printed, one SQL script on standard output.
 * Exits 2 on an unknown `--detection`, 1 when no selected trail delivers to
 * MaxCompute, else 0.
 */
export async function hunt(ctx: CommandContext): Promise<number> {
  const { assembly, args, printer } = ctx;
  const detections = huntDetections(args.detections);
  const { start, end } = huntWindow(args, Date.now());
  let printed = 0;
  for (const stack of selectStacks(assembly.stacks, args.stacks)) {
    const region = stack.region ?? args.region ?? '';
    for (const trail of trailsInTemplate(stack.template)) {
      const project = maxComputeProjectOf(trailParameters(stack.template, trail.name), stack.account ?? '', region);
      if (!project || !/^[A-Za-z][A-Za-z0-9_]*$/.test(project.resourceName)) {
        printer.line(
          `-- ${stack.id}: trail ${trail.name} does not deliver to a MaxCompute project known before deploy (a literal ARN, or one over the stack's literal env.account and region): no query`,
        );
        continue;
      }
      printer.line(
        `-- ${stack.id}: trail ${trail.name}, table ${project.resourceName}.actiontrail_${trail.name} (account ${project.account}, ${project.region})`,
      );
      for (const detection of detections) {
        let query = renderHuntingQuery(detection, {
          accountId: project.account,
          trailName: trail.name,
          start,
          end,
          eventColumn: args.eventColumn,
          partitionColumn: args.partitionColumn,
        });
        // The renderer names the project actiontrail_<account>, the one ActionTrail creates; a trail may
        // deliver to another project of that account (a MaxCompute project name is [a-z][a-z0-9_]).
        if (project.resourceName !== `actiontrail_${project.account}`) {
          query = query.replace(`FROM actiontrail_${project.account}.`, `FROM ${project.resourceName}.`);
        }
        printer.line('');
        printer.line(query);
        printed++;
      }
      printer.line('');
    }
  }
  if (printed === 0) {
    printer.error(
      'hunt: no trail of the selected stacks delivers to a MaxCompute project known before deploy: nothing to query',
    );
    return ExitCode.FAILED;
  }
  return ExitCode.OK;
}
