import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { deployOrder } from '../plan';

/**
 * `list`: the stacks in deploy order, their accounts, regions and
 * dependencies. Reads the assembly only; calls no API.
 */
export async function list(ctx: CommandContext): Promise<number> {
  const { printer, assembly } = ctx;
  const rows = deployOrder(assembly.stacks, assembly.stacks).map((s) => [
    s.id,
    s.account ?? "(credentials' account)",
    s.region ?? (ctx.args.region ? ctx.args.region : '(--region)'),
    s.dependencies.length ? s.dependencies.join(', ') : '-',
  ]);
  const head = ['STACK', 'ACCOUNT', 'REGION', 'DEPENDS ON'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) {
    printer.line(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
  }
  return ExitCode.OK;
}
