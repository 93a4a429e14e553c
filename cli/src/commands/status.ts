import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { selectStacks } from '../plan';
import { isHealthy } from '../stack-states';
import { resolveTargets } from '../targets';
import { trailsInTemplate, trailState } from '../trail-status';

/**
 * `status [STACK...]`: each stack's ROS status and each of its trails'
 * ActionTrail state (DescribeTrails, GetTrailStatus): logging or not, latest
 * delivery time, latest delivery error. Exits 1 when a stack is not deployed
 * or not in a settled good state, or a trail is missing, not logging or has a
 * delivery error: the post-deploy check of a pipeline.
 */
export async function status(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const targets = await resolveTargets(selectStacks(assembly.stacks, args.stacks), ctx);
  const problems: string[] = [];
  for (const t of targets) {
    const name = t.stack.stackName;
    const remote = await t.ros.find(name);
    if (!remote) {
      printer.line(`${name}: not deployed (account ${t.account}, ${t.region})`);
      problems.push(`stack '${name}' is not deployed`);
      continue;
    }
    printer.line(`${name}: ${remote.status} (account ${t.account}, ${t.region})`);
    if (!isHealthy(remote.status)) {
      problems.push(`stack '${name}' is ${remote.status}${remote.statusReason ? `: ${remote.statusReason}` : ''}`);
    }
    for (const trail of trailsInTemplate(t.stack.template)) {
      const state = await trailState(t.clients, trail);
      if (state.status === undefined) {
        printer.line(`  trail ${trail.name}: not found`);
      } else {
        printer.line(
          `  trail ${trail.name}${trail.organization ? ' (multi-account)' : ''}: ${state.logging ? 'logging' : 'NOT logging'}, status ${state.status}, ` +
            `latest delivery ${state.latestDeliveryTime ?? 'none yet'}, ` +
            `latest delivery error ${state.deliveryErrors.length ? state.deliveryErrors.join('; ') : 'none'}`,
        );
      }
      problems.push(...state.problems);
    }
  }
  if (problems.length > 0) {
    printer.error(`status: ${problems.length} problem(s):`);
    for (const p of problems) printer.error(`  ${p}`);
    return ExitCode.FAILED;
  }
  printer.line('status: all stacks deployed, all trails logging without delivery errors');
  return ExitCode.OK;
}
