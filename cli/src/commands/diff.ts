import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { writeJson } from '../json-output';
import { selectStacks } from '../plan';
import { printSecurity, resourceLines, StackDiff, stackDiff, stackDiffJson } from '../stack-diff';
import { isFailedCreate, isInProgress } from '../stack-states';
import { resolveTargets } from '../targets';

/**
 * `diff [STACK...]`: what a deploy would change. Per stack, the resources that
 * change and, per modified resource, the property paths with old -> new values
 * (the deployed template from ROS GetTemplate against the synthesized one;
 * ROS PreviewStack says which are replaced); then the security section: trust
 * principals, policy actions and resources, function code. A stack that does
 * not exist is a "new stack". A stack that ROS cannot update (a failed create,
 * *_FAILED) or that is busy is reported as such, never as "no differences".
 * With `--json`, one document on standard output (docs/cli.md). Exits 0 when
 * nothing differs, 2 when something does, 1 on an error or a stack that
 * cannot be updated.
 */
export async function diff(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const targets = await resolveTargets(selectStacks(assembly.stacks, args.stacks), ctx);
  const diffs: StackDiff[] = [];
  const reasons = new Map<StackDiff, string>();
  for (const t of targets) {
    const name = t.stack.stackName;
    const remote = await t.ros.find(name);
    if (remote && (isFailedCreate(remote.status) || remote.status.endsWith('_FAILED') || isInProgress(remote.status))) {
      const why = isInProgress(remote.status)
        ? 'an operation is running; diff again when it has finished'
        : `ROS cannot update it, so deploy would refuse it; look at its events, fix the cause, then 'npx actiontrail-cdk destroy ${t.stack.id} --force' and deploy again`;
      const reason = `stack is ${remote.status}${remote.statusReason ? ` (${remote.statusReason})` : ''}: ${why}`;
      printer.line(`${name}: cannot be updated: ${reason}`);
      const d = await stackDiff(t, remote, { preview: false, blocked: true });
      diffs.push(d);
      reasons.set(d, reason);
      continue;
    }
    const d = await stackDiff(t, remote, { preview: true });
    diffs.push(d);
    if (d.state === 'new') {
      printer.line(
        `${name}: new stack (${t.region}, account ${t.account}): ${d.diff.resources.length} resource(s) to create`,
      );
    } else {
      const n = d.diff.resources.length + d.template.length;
      printer.line(`${name}: ${n === 0 ? 'no differences' : `${n} change(s)`} (stack ${remote?.status})`);
    }
    for (const l of resourceLines(d)) printer.line(l);
  }
  printSecurity(printer, diffs);
  const blocked = diffs.filter((d) => d.state === 'blocked');
  const differs = diffs.some((d) => d.state === 'new' || d.state === 'changed');
  if (args.json) {
    writeJson(printer, 'diff', {
      differences: differs,
      broadening: diffs.some((d) => d.diff.broadening),
      blocked: blocked.length > 0,
      stacks: diffs.map((d) => stackDiffJson(d, reasons.get(d))),
    });
  }
  if (blocked.length > 0) {
    printer.error(
      `diff: ${blocked.length} stack(s) cannot be updated: ${blocked.map((d) => d.target.stack.stackName).join(', ')}`,
    );
    return ExitCode.FAILED;
  }
  return differs ? ExitCode.DIFFERENCES : ExitCode.OK;
}
