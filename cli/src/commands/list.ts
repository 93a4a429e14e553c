import { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { writeJson } from '../json-output';
import { deployOrder } from '../plan';

/**
 * `list`: the stacks in deploy order, their accounts, regions and
 * dependencies. Reads the assembly only; calls no API. With `--json`, one
 * document on standard output (docs/cli.md, "JSON output").
 */
export async function list(ctx: CommandContext): Promise<number> {
  const { printer, assembly } = ctx;
  const ordered = deployOrder(assembly.stacks, assembly.stacks);
  if (ctx.args.json) {
    writeJson(printer, 'list', {
      stacks: ordered.map((s) => ({
        stack: s.id,
        stackName: s.stackName,
        account: s.account ?? null,
        region: s.region ?? ctx.args.region ?? null,
        dependencies: s.dependencies,
        templateFile: s.templateFile,
      })),
    });
    return ExitCode.OK;
  }
  const rows = ordered.map((s) => [
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
