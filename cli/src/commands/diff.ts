import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { selectStacks } from '../plan';
import { resolveTargets } from '../targets';

const MARKS: Record<string, string> = { Add: '[+]', Modify: '[~]', Remove: '[-]' };

/**
 * `diff [STACK...]`: what a deploy would change, from ROS PreviewStack. A
 * stack that does not exist is a "new stack" (previewed as a create). Exits 1
 * when anything differs, as `ros-cdk diff` does, 0 when nothing does.
 */
export async function diff(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const targets = await resolveTargets(selectStacks(assembly.stacks, args.stacks), ctx);
  let differs = false;
  for (const t of targets) {
    const name = t.stack.stackName;
    const remote = await t.ros.find(name);
    const changes = await t.ros.preview(
      remote ? { stackId: remote.stackId, stackName: name } : { stackName: name },
      t.stack.templateBody,
    );
    if (!remote) {
      differs = true;
      printer.line(`${name}: new stack (${t.region}, account ${t.account}): ${changes.length} resource(s) to create`);
    } else {
      const real = changes.filter((c) => c.action !== 'None');
      printer.line(
        `${name}: ${real.length === 0 ? 'no differences' : `${real.length} change(s)`} (stack ${remote.status})`,
      );
      if (real.length > 0) differs = true;
    }
    for (const c of changes) {
      if (c.action === 'None') continue;
      const replace =
        c.action === 'Modify' && c.replacement && c.replacement !== 'False' ? ` (replacement: ${c.replacement})` : '';
      printer.line(`  ${MARKS[c.action] ?? `[${c.action}]`} ${c.logicalResourceId} (${c.resourceType})${replace}`);
    }
  }
  return differs ? ExitCode.FAILED : ExitCode.OK;
}
