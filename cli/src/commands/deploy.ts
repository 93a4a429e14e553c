import * as fs from 'fs';
import * as path from 'path';
import { approve } from '../approval';
import { AssemblyStack } from '../assembly';
import { runPlan } from '../concurrency';
import { CommandContext } from '../context';
import { CliError, ExitCode, UsageError } from '../errors';
import { deployOrder, selectStacks } from '../plan';
import { RemoteStack, StackOptions, StackOutput } from '../ros-stacks';
import { printSecurity, StackDiff, stackDiff } from '../stack-diff';
import { isFailedCreate, isInProgress } from '../stack-states';
import { InterruptedError, resumeCommands, throwIfInterrupted, waitForStack } from '../stack-waiter';
import { describeTarget, resolveTargets, StackTarget } from '../targets';
import { encryptionReplacementLine } from '../template-diff';
import { noEchoParameters, parametersForUpdate } from '../stack-parameters';
import { failureMessage, printAdded, waitOptions } from './shared';

/**
 * Checks `--parameters` against the plan before any API call: each names a
 * stack of the plan and a parameter its template declares.
 * @throws UsageError naming the stack or parameter and what there is
 */
export function checkParameters(ctx: CommandContext, order: AssemblyStack[]): void {
  for (const p of ctx.args.parameters) {
    const stack = order.find((s) => s.id === p.stack || s.stackName === p.stack);
    if (!stack) {
      throw new UsageError(
        `--parameters ${p.stack}:${p.key}=...: stack '${p.stack}' is not deployed by this command; it deploys: ${order.map((s) => s.id).join(', ')}`,
      );
    }
    const declared = Object.keys(
      ((stack.template as { Parameters?: Record<string, unknown> }).Parameters ?? {}) as Record<string, unknown>,
    );
    if (!declared.includes(p.key)) {
      throw new UsageError(
        `--parameters ${p.stack}:${p.key}=...: the template of '${stack.id}' declares no parameter '${p.key}'` +
          (declared.length ? `; it declares: ${declared.join(', ')}` : '; it declares none'),
      );
    }
  }
}

/**
 * The ROS controls of the command line for one stack. On update, NoEcho
 * parameters not given keep their previous values ({@link parametersForUpdate}).
 */
function stackOptions(ctx: CommandContext, stack: AssemblyStack, update: boolean): StackOptions & { kept: string[] } {
  const { args } = ctx;
  const given = args.parameters
    .filter((p) => p.stack === stack.id || p.stack === stack.stackName)
    .map((p) => ({ key: p.key, value: p.value }));
  const { parameters, usePreviousParameters, kept } = update
    ? parametersForUpdate(stack.template, given)
    : { parameters: given, usePreviousParameters: false, kept: [] };
  return {
    parameters,
    usePreviousParameters,
    kept,
    disableRollback: args.disableRollback,
    resourceGroupId: args.resourceGroupId,
    tags: args.tags,
  };
}

/** `create`, `update (3 resource change(s))` or `update (no template changes)`, for the plan. */
function planLine(d: StackDiff): string {
  if (d.state === 'new') return `create (${d.diff.resources.length} resource(s))`;
  const n = d.diff.resources.length + d.template.length;
  return n === 0 ? 'update (no template changes)' : `update (${n} change(s))`;
}

/**
 * The last line of a deploy: `Deployed 2 stack(s): A, B`; when ROS left some
 * as they were, `...; no changes to 1 of them: B`; when it left them all,
 * `No changes: 2 stack(s) already up to date: A, B`.
 */
export function summaryLine(targets: readonly StackTarget[], unchanged: ReadonlySet<StackTarget>): string {
  const names = (ts: readonly StackTarget[]): string => ts.map((t) => t.stack.stackName).join(', ');
  const same = targets.filter((t) => unchanged.has(t));
  if (same.length === 0) return `Deployed ${targets.length} stack(s): ${names(targets)}`;
  if (same.length === targets.length)
    return `No changes: ${targets.length} stack(s) already up to date: ${names(targets)}`;
  return `Deployed ${targets.length} stack(s): ${names(targets)}; no changes to ${same.length} of them: ${names(same)}`;
}

/**
 * Refuses a deploy that changes a deployed MaxCompute project's storage
 * encryption (a replacement of the audit project: ROS documents `Properties`
 * as not editable) unless `--allow-project-replacement` is given; preflight
 * reports the same, but `--no-preflight` must not skip this.
 */
function refuseProjectReplacement(ctx: CommandContext, diffs: ReadonlyMap<StackTarget, StackDiff>): void {
  const lines = [...diffs.values()].flatMap((d) =>
    (d.encryptionReplacements ?? []).map((r) => `stack '${d.target.stack.stackName}': ${encryptionReplacementLine(r)}`),
  );
  if (lines.length === 0) return;
  if (ctx.args.allowProjectReplacement) {
    for (const l of lines) ctx.printer.line(`Replacement allowed (--allow-project-replacement): ${l}`);
    return;
  }
  throw new CliError(
    `nothing was deployed: ${lines.length} MaxCompute project(s) would be replaced:\n  ${lines.join('\n  ')}\n` +
      "Keep the deployed setting (e.g. ProjectEncryption.unencrypted('deployed before encryption became the default')), " +
      'or deploy with --allow-project-replacement once the old project can go (it is retained, and its name is taken).',
  );
}

/**
 * `deploy [STACK...]`: creates or updates the named stacks (names or globs;
 * default: all) and their dependencies (not with `--exclusively`), in
 * dependency order, up to `--concurrency` independent stacks at once, each
 * with the credentials of its account, waiting for each and streaming its
 * events; prints the outputs. Before anything is created: every account is
 * checked, a stack that exists in a failed-create or in-progress state stops
 * the deploy with advice, and the plan and its security changes are printed
 * and approved (`--require-approval`).
 */
export async function deploy(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const selected = selectStacks(assembly.stacks, args.stacks);
  const order = deployOrder(assembly.stacks, selected, args.exclusively);
  checkParameters(ctx, order);
  // A secret given on the command line is masked in every line printed, as an @env: one is.
  for (const p of args.parameters) {
    const stack = order.find((s) => s.id === p.stack || s.stackName === p.stack);
    if (stack && noEchoParameters(stack.template).includes(p.key)) printer.redactor.addWhole(p.value);
  }
  const targets = await resolveTargets(order, ctx);
  // After Ctrl-C or a timeout: the commands that check on this run's stacks and go on with its plan.
  const plan = order.map((s) => s.id);
  const resume = (stack?: string) => resumeCommands(args, 'deploy', plan, stack);

  const existing = new Map<StackTarget, RemoteStack | undefined>();
  const blocked: string[] = [];
  for (const t of targets) {
    const remote = await t.ros.find(t.stack.stackName);
    existing.set(t, remote);
    if (remote && isFailedCreate(remote.status)) {
      blocked.push(
        `stack '${t.stack.stackName}' exists in ${remote.status}${remote.statusReason ? ` (${remote.statusReason})` : ''}: its creation failed, so ROS cannot update it. ` +
          `Look at its events in the ROS console (stack ${remote.stackId}, ${t.region}), fix the cause, then delete it with ` +
          `'${resumeCommands({ ...args, all: false }, 'destroy', [t.stack.id]).again}' (resources with DeletionPolicy Retain stay) and deploy again. It was not deleted.`,
      );
    } else if (remote && isInProgress(remote.status)) {
      blocked.push(
        `stack '${t.stack.stackName}' is ${remote.status}: wait until it finishes ('${resume(t.stack.id).status}'), then deploy again.`,
      );
    }
  }
  if (blocked.length > 0) {
    throw new CliError(`nothing was deployed:\n  ${blocked.join('\n  ')}`);
  }

  if (!args.noPreflight) {
    printer.line('Preflight (read-only checks against the accounts; --no-preflight skips them):');
    const checks = await (await import('./preflight')).checkAndPrint(ctx, targets, existing);
    const failed = checks.filter((c) => c.status === 'failed').length;
    if (failed > 0) {
      throw new CliError(
        `preflight: ${failed} check(s) FAILED: nothing was deployed; fix what each FAILED line says, or deploy with --no-preflight`,
      );
    }
  }

  const diffs = new Map<StackTarget, StackDiff>();
  for (const t of targets) diffs.set(t, await stackDiff(t, existing.get(t), { preview: false }));
  refuseProjectReplacement(ctx, diffs);

  printer.line(
    `Deploying ${targets.length} stack(s), in this order${args.concurrency > 1 ? ` (up to ${args.concurrency} independent ones at once)` : ''}:`,
  );
  for (const t of targets) printer.line(`  ${describeTarget(t)}: ${planLine(diffs.get(t) as StackDiff)}`);
  printAdded(printer, selected, order, 'dependencies');
  const all = [...diffs.values()];
  printSecurity(printer, all);
  const outcome = await approve(
    args.requireApproval,
    {
      anyChange: all.some((d) => d.state !== 'same'),
      broadening: all.some((d) => d.diff.broadening),
    },
    { yes: args.yes, stdin: ctx.stdin, output: ctx.promptOutput },
  );
  if (outcome === 'cancelled') {
    printer.line('Cancelled: nothing was deployed.');
    return ExitCode.FAILED;
  }

  printer.quietProgress = args.concurrency > 1;
  const outputs = new Map<StackTarget, StackOutput[]>();
  // Stacks ROS left as they were (same template and parameters, no drift to repair): the summary says so.
  const unchanged = new Set<StackTarget>();
  const deployOne = async (t: StackTarget): Promise<void> => {
    const name = t.stack.stackName;
    const remote = existing.get(t);
    throwIfInterrupted(ctx.signal, name, resume());
    let stackId: string;
    const seen = new Set<string>();
    const options = stackOptions(ctx, t.stack, remote !== undefined);
    if (options.kept.length > 0) {
      printer.line(
        `${name}: NoEcho parameter(s) ${options.kept.join(', ')} not given: keeping their previous values (UpdateStack UsePreviousParameters; the other parameters are sent explicitly)`,
      );
    }
    if (remote) {
      for (const e of await t.ros.events(remote.stackId)) seen.add(e.eventId);
      const changed = await t.ros.update(remote.stackId, t.stack.templateBody, options);
      stackId = remote.stackId;
      // An unchanged template whose trails drifted: ROS runs the trails' Update (drift-repair.ts).
      if (!changed && !(await (await import('../drift-repair')).repairIfDrifted(ctx, t, stackId, options))) {
        printer.line(`${name}: no changes (ROS: the template is the one the stack already has)`);
        unchanged.add(t);
        outputs.set(t, (await t.ros.get(stackId)).outputs);
        return;
      }
      if (changed) printer.line(`${name}: UpdateStack started (${t.label}), waiting...`);
    } else {
      stackId = await t.ros.create(name, t.stack.templateBody, options);
      printer.line(`${name}: CreateStack started, stack ${stackId} (${t.label}), waiting...`);
    }
    const result = await waitForStack(t.ros, stackId, name, printer, waitOptions(ctx, resume(t.stack.id)), seen);
    if (!result.ok) throw new CliError(failureMessage(name, result));
    printer.line(`${name}: ${result.status}`);
    outputs.set(t, (await t.ros.get(stackId)).outputs);
  };

  const byId = new Map(targets.map((t) => [t.stack.id, t]));
  const run = await runPlan(
    targets.map((t) => ({ id: t.stack.id, dependencies: t.stack.dependencies })),
    args.concurrency,
    (item) => deployOne(byId.get(item.id) as StackTarget),
    () => ctx.signal.aborted,
  );
  if (run.failed.length > 0) {
    const interrupted = run.failed.filter((f) => f.error instanceof InterruptedError);
    if (interrupted.length > 0) {
      // Each stack that was waited for keeps running in ROS: name them all.
      const others = run.failed.filter((f) => !(f.error instanceof InterruptedError));
      throw new InterruptedError(
        [...interrupted, ...others].map((f) => (f.error as Error).message).join('; ') +
          (run.notStarted.length ? `; not started: ${run.notStarted.join(', ')}` : ''),
      );
    }
    const messages = run.failed.map((f) => (f.error instanceof Error ? f.error.message : String(f.error)));
    const rest = run.notStarted;
    const code = Math.max(...run.failed.map((f) => (f.error instanceof CliError ? f.error.exitCode : 1)));
    throw new CliError(
      `${messages.join('; ')}${rest.length ? `; not deployed: ${rest.join(', ')}` : ''}`,
      code === ExitCode.USAGE ? ExitCode.FAILED : code,
    );
  }
  if (run.notStarted.length > 0) {
    throwIfInterrupted(ctx.signal, run.notStarted[0], resume());
  }

  const lines = targets.flatMap((t) =>
    (outputs.get(t) ?? []).map((out) => `  ${t.stack.stackName}.${out.key} = ${out.value}`),
  );
  if (lines.length > 0) {
    printer.line('Outputs:');
    for (const l of lines) printer.line(l);
  }
  if (args.outputsFile) {
    const file = path.resolve(ctx.cwd, args.outputsFile);
    const json: Record<string, Record<string, string>> = {};
    for (const t of targets) {
      json[t.stack.stackName] = Object.fromEntries((outputs.get(t) ?? []).map((out) => [out.key, out.value]));
    }
    fs.writeFileSync(file, `${JSON.stringify(json, undefined, 2)}\n`);
    printer.line(`Outputs written to ${args.outputsFile}`);
  }
  printer.line(summaryLine(targets, unchanged));
  return ExitCode.OK;
}
