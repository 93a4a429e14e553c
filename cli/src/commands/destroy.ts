import { confirm } from '../confirm';
import { CommandContext } from '../context';
import { CliError, ExitCode, UsageError } from '../errors';
import { destroyOrder, selectStacks } from '../plan';
import { resumeCommands, throwIfInterrupted, waitForStack } from '../stack-waiter';
import { describeTarget, resolveTargets } from '../targets';
import { failureMessage, printAdded, waitOptions } from './shared';

/**
 * `destroy STACK... | --all [--force]`: deletes the named stacks (names or
 * globs; no names needs `--all`) and every stack that depends on them (not with `--exclusively`), dependents first; never the stacks they
 * depend on. Reminds that resources with DeletionPolicy Retain stay, such as
 * the MaxCompute project that holds the audit data.
 */
export async function destroy(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  if (args.stacks.length === 0 && !args.all) {
    throw new UsageError(
      `destroy needs stack names or --all; nothing was deleted. --all would delete ${assembly.stacks.length} stack(s): ` +
        `${destroyOrder(assembly.stacks, assembly.stacks)
          .map((s) => s.id)
          .join(', ')}`,
    );
  }
  const selected = selectStacks(assembly.stacks, args.stacks);
  const order = destroyOrder(assembly.stacks, selected, args.exclusively);
  if (!args.force && ctx.stdin.isTTY !== true) {
    throw new UsageError(
      `destroy deletes ${order.map((s) => s.id).join(', ')}: pass --force to confirm without a terminal`,
    );
  }
  const targets = await resolveTargets(order, ctx);
  printer.line(`Destroying ${targets.length} stack(s), in this order (dependents first):`);
  for (const t of targets) printer.line(`  ${describeTarget(t)}`);
  printAdded(printer, selected, order, 'dependents');
  if (!args.force && !(await confirm('Delete these stacks?', ctx.stdin, ctx.promptOutput))) {
    printer.line('Cancelled: nothing was deleted.');
    return ExitCode.FAILED;
  }

  // After Ctrl-C or a timeout: the commands that check on this run's stacks and go on with its plan.
  const plan = order.map((s) => s.id);
  const retained: string[] = [];
  for (const t of targets) {
    const name = t.stack.stackName;
    const remote = await t.ros.find(name);
    if (!remote) {
      printer.line(`${name}: not deployed, nothing to delete`);
      continue;
    }
    const seen = new Set((await t.ros.events(remote.stackId)).map((e) => e.eventId));
    throwIfInterrupted(ctx.signal, name, resumeCommands(args, 'destroy', plan));
    await t.ros.delete(remote.stackId);
    printer.line(`${name}: DeleteStack started (${t.label}), waiting...`);
    const result = await waitForStack(
      t.ros,
      remote.stackId,
      name,
      printer,
      waitOptions(ctx, resumeCommands(args, 'destroy', plan, t.stack.id)),
      seen,
    );
    if (!result.ok) throw new CliError(failureMessage(name, result));
    printer.line(`${name}: ${result.status}`);
    for (const [id, r] of Object.entries(t.stack.template.Resources ?? {})) {
      if (r.DeletionPolicy === 'Retain') retained.push(`${name}/${id} (${r.Type})`);
    }
  }
  if (retained.length > 0) {
    printer.line(
      'Retained (DeletionPolicy Retain; still there, with their data, e.g. the audit events in MaxCompute):',
    );
    for (const r of retained) printer.line(`  ${r}`);
    printer.line('Delete them yourself if you really mean to lose that data.');
  } else {
    printer.line(
      'Resources with DeletionPolicy Retain, such as the MaxCompute project with the audit data, stay after a stack is deleted.',
    );
  }
  return ExitCode.OK;
}
