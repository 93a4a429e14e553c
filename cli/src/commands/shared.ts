import { AssemblyStack } from '../assembly';
import { CommandContext } from '../context';
import { Printer } from '../printer';
import { ResumeCommands, WaitOptions, WaitResult } from '../stack-waiter';

/** The longest poll interval while waiting for a stack. */
const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * Wait options from the command line (`--timeout`) and the context.
 * @param resume the commands the advice after Ctrl-C or a timeout gives
 */
export function waitOptions(ctx: CommandContext, resume: ResumeCommands): WaitOptions {
  return {
    timeoutMs: ctx.args.timeoutMinutes * 60_000,
    intervalMs: ctx.pollIntervalMs,
    maxIntervalMs: Math.max(ctx.pollIntervalMs, MAX_POLL_INTERVAL_MS),
    signal: ctx.signal,
    resume,
  };
}

/** `stack X ended CREATE_FAILED: resource R (Type) CREATE_FAILED: reason`. */
export function failureMessage(stackName: string, result: WaitResult): string {
  const f = result.failure;
  const why = f
    ? `resource ${f.logicalResourceId} (${f.resourceType}) ${f.status}: ${f.statusReason}`
    : result.statusReason || 'ROS gave no reason';
  return `stack '${stackName}' ended ${result.status}: ${why}`;
}

/**
 * Prints which stacks of a plan were added to the selection (dependencies for
 * deploy, dependents for destroy), and how to leave them out.
 */
export function printAdded(
  printer: Printer,
  selected: AssemblyStack[],
  order: AssemblyStack[],
  kind: 'dependencies' | 'dependents',
): void {
  const added = order.filter((s) => !selected.includes(s)).map((s) => s.id);
  if (added.length > 0) {
    printer.line(
      `Including ${added.length} stack(s) as ${kind} of the selection: ${added.join(', ')} (--exclusively leaves them out)`,
    );
  }
}
