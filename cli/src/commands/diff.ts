import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { selectStacks } from '../plan';
import { isFailedCreate, isInProgress } from '../stack-states';
import { resolveTargets } from '../targets';

const MARKS: Record<string, string> = { Add: '[+]', Modify: '[~]', Remove: '[-]' };

/**
 * `diff [STACK...]`: what a deploy would change, from ROS PreviewStack. A
 * stack that does not exist is a "new stack" (previewed as a create). A stack
 * that ROS cannot update (a failed create, *_FAILED) or that is busy is
 * reported as such, never as "no differences". Exits 0 when nothing differs,
 * 2 when something does, 1 on an error or a stack that cannot be updated.
 */
export async function diff(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const targets = await resolveTargets(selectStacks(assembly.stacks, args.stacks), ctx);
  let differs = false;
  const blocked: string[] = [];
  for (const t of targets) {
    const name = t.stack.stackName;
    const remote = await t.ros.find(name);
    if (remote && (isFailedCreate(remote.status) || remote.status.endsWith('_FAILED') || isInProgress(remote.status))) {
      const why = isInProgress(remote.status)
        ? 'an operation is running; diff again when it has finished'
        : `ROS cannot update it, so deploy would refuse it; look at its events, fix the cause, then 'npx actiontrail-cdk destroy ${t.stack.id} --force' and deploy again`;
      printer.line(
        `${name}: cannot be updated: stack is ${remote.status}${remote.statusReason ? ` (${remote.statusReason})` : ''}: ${why}`,
      );
      blocked.push(name);
      continue;
    }
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
  if (blocked.length > 0) {
    printer.error(`diff: ${blocked.length} stack(s) cannot be updated: ${blocked.join(', ')}`);
    return ExitCode.FAILED;
  }
  return differs ? ExitCode.DIFFERENCES : ExitCode.OK;
}
