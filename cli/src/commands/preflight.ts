import { CloudClients } from '../clients';
import { CommandContext } from '../context';
import { CliError, ExitCode, InterruptedError } from '../errors';
import { writeJson } from '../json-output';
import { deployOrder, selectStacks } from '../plan';
import { CheckResult, resultLine, runPreflight, summarize } from '../preflight';
import { RemoteStack } from '../ros-stacks';
import { resolveTargets, StackTarget } from '../targets';

/**
 * Clients for an account that `--profile <account>=<name>` maps and no selected stack uses.
 * Never `--profile <name>`: it serves the stacks' one account (STS checked it), not another
 * account's project or role, which would be read with the wrong account's credentials.
 */
function profileClients(ctx: CommandContext): (account: string, region: string) => Promise<CloudClients | undefined> {
  return async (account, region) => {
    if (ctx.credentials.mappedProfileFor(account) === undefined) return undefined;
    const { credential } = await ctx.credentials.forAccount(account);
    return new CloudClients(credential, region, ctx.endpoint, ctx.retry);
  };
}

/** A check as `preflight --json` prints it: `fix` is null when there is none, never missing (docs/cli.md "JSON output"). */
function checkJson(r: CheckResult): Omit<CheckResult, 'fix'> & { readonly fix: string | null } {
  return { ...r, fix: r.fix ?? null };
}

/**
 * After Ctrl-C the checks that were cut short read as could-not-check (their
 * calls stopped): printing them would be a partial preflight that can exit 0
 * (and say `"ok": true`). A cancelled run is never a passing gate: it ends
 * as every interrupted command does, exit 130 and the `interrupted` error
 * (main.ts prints it, with `--json` as the one document), no check printed.
 * @throws InterruptedError when the signal is aborted
 */
function throwIfInterrupted(signal: AbortSignal, results: readonly CheckResult[]): void {
  if (!signal.aborted) return;
  const made = results.filter((r) => r.status !== 'could-not-check').length;
  throw new InterruptedError(
    `interrupted (Ctrl-C) during preflight: ${made} of ${results.length} check(s) were made before it, so no result is reported ` +
      '(an interrupted preflight is not a pass); nothing was changed. Run preflight again.',
  );
}

/**
 * Runs the checks and prints them: one line each (or, with `--json`, one
 * document), then a summary line.
 * @returns the results
 */
export async function checkAndPrint(
  ctx: CommandContext,
  targets: StackTarget[],
  deployed?: ReadonlyMap<StackTarget, RemoteStack | undefined>,
  json = false,
): Promise<CheckResult[]> {
  const results = await runPreflight({
    targets,
    allStacks: ctx.assembly.stacks,
    deployed,
    clientsForAccount: profileClients(ctx),
    allowProjectReplacement: ctx.args.allowProjectReplacement === true,
  });
  throwIfInterrupted(ctx.signal, results);
  const counts = summarize(results);
  if (json) {
    writeJson(ctx.printer, 'preflight', { ok: counts.failed === 0, summary: counts, checks: results.map(checkJson) });
    return results;
  }
  for (const r of results) ctx.printer.line(resultLine(r));
  ctx.printer.line(
    `preflight: ${results.length} check(s): ${counts.ok} ok, ${counts.failed} FAILED, ${counts.couldNotCheck} could not be checked`,
  );
  return results;
}

/**
 * `preflight [STACK...]`: read-only checks of the selected stacks and their
 * dependencies against their accounts (src/preflight.ts lists them). Exits 1
 * on any FAILED check (with `--strict`, also on a could-not-check), else 0.
 */
export async function preflight(ctx: CommandContext): Promise<number> {
  const { assembly, args, printer } = ctx;
  const order = deployOrder(assembly.stacks, selectStacks(assembly.stacks, args.stacks), args.exclusively);
  let targets: StackTarget[];
  try {
    targets = await resolveTargets(order, ctx);
  } catch (e) {
    if (!(e instanceof CliError) || !/belongs? to account/.test(e.message)) throw e;
    const failed: CheckResult = {
      stack: /stack '([^']+)'/.exec(e.message)?.[1] ?? '-',
      check: 'sts.account',
      subject: 'credentials',
      status: 'failed',
      message: e.message.replace(/; (pass|fix) .*$/, ''),
      fix: /; ((pass|fix) .*)$/.exec(e.message)?.[1],
    };
    if (args.json) {
      writeJson(printer, 'preflight', {
        ok: false,
        summary: { ok: 0, failed: 1, couldNotCheck: 0 },
        checks: [checkJson(failed)],
      });
    } else {
      printer.line(resultLine(failed));
      printer.line('preflight: stopped at the account check: nothing else was checked');
    }
    return ExitCode.FAILED;
  }
  const results = await checkAndPrint(ctx, targets, undefined, args.json === true);
  const counts = summarize(results);
  if (counts.failed > 0) return ExitCode.FAILED;
  if (args.strict && counts.couldNotCheck > 0) {
    if (!args.json) printer.error(`preflight: --strict: ${counts.couldNotCheck} check(s) could not be made`);
    return ExitCode.FAILED;
  }
  return ExitCode.OK;
}
