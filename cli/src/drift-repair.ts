import { CommandContext } from './context';
import { canRepair, startRepair } from './drift';
import { projectClients, trailReport } from './status-report';
import { StackOptions } from './ros-stacks';
import { StackTarget } from './targets';
import { trailsInTemplate } from './trail-status';
import { CONVERGE_PARAMETER } from '../../lib/shared/provider-contract';

/**
 * `deploy` of a stack whose template ROS says is unchanged: reads its trails
 * (DescribeTrails, GetTrailStatus) and, when one drifted from the template
 * (not logging, settings changed by hand), starts the UpdateStack that makes
 * ROS run the trails' Update (a new {@link CONVERGE_PARAMETER} value), so that
 * the provider converges them.
 * @returns true when an UpdateStack was started (the caller waits for it)
 */
export async function repairIfDrifted(
  ctx: CommandContext,
  t: StackTarget,
  stackId: string,
  options: StackOptions = {},
): Promise<boolean> {
  const trails = trailsInTemplate(t.stack.template);
  if (trails.length === 0) return false;
  const drifted: string[] = [];
  const clientsFor = projectClients(ctx, [t], t);
  for (const trail of trails) {
    const { report } = await trailReport(t, trail, clientsFor, { delivery: false, schema: false, now: Date.now() });
    if (report.drift.length > 0) drifted.push(`trail ${trail.name}: ${report.drift.join('; ')}`);
  }
  if (drifted.length === 0) return false;
  const name = t.stack.stackName;
  if (!canRepair(t.stack.template)) {
    ctx.printer.line(
      `${name}: the template is unchanged, but ${drifted.join(', ')}; this template cannot make ROS update its trails (no ${CONVERGE_PARAMETER} parameter): synthesize it with this actiontrail-cdk and deploy again`,
    );
    return false;
  }
  const value = await startRepair(t, stackId, options);
  ctx.printer.line(
    `${name}: the template is unchanged, but ${drifted.join(', ')}: UpdateStack with ${CONVERGE_PARAMETER}=${value}, so that ROS updates the trails and the provider converges them (${t.label}), waiting...`,
  );
  return true;
}
