import * as fs from 'fs';
import * as path from 'path';
import { confirm } from '../confirm';
import { CommandContext } from '../context';
import { CliError, ExitCode } from '../errors';
import { deployOrder, selectStacks } from '../plan';
import { RemoteStack, StackOutput } from '../ros-stacks';
import { isFailedCreate, isInProgress } from '../stack-states';
import { throwIfInterrupted, waitForStack } from '../stack-waiter';
import { describeTarget, resolveTargets, StackTarget } from '../targets';
import { failureMessage, printAdded, waitOptions } from './shared';

/**
 * `deploy [STACK...]`: creates or updates the named stacks (names or globs;
 * default: all) and their dependencies (not with `--exclusively`), in dependency order, each with the credentials of its
 * account, waiting for each and streaming its events; prints the outputs.
 * Before anything is created: every account is checked, and a stack that
 * exists in a failed-create or in-progress state stops the deploy with advice.
 */
export async function deploy(ctx: CommandContext): Promise<number> {
  const { printer, assembly, args } = ctx;
  const selected = selectStacks(assembly.stacks, args.stacks);
  const order = deployOrder(assembly.stacks, selected, args.exclusively);
  const targets = await resolveTargets(order, ctx);

  const existing = new Map<StackTarget, RemoteStack | undefined>();
  const blocked: string[] = [];
  for (const t of targets) {
    const remote = await t.ros.find(t.stack.stackName);
    existing.set(t, remote);
    if (remote && isFailedCreate(remote.status)) {
      blocked.push(
        `stack '${t.stack.stackName}' exists in ${remote.status}${remote.statusReason ? ` (${remote.statusReason})` : ''}: its creation failed, so ROS cannot update it. ` +
          `Look at its events in the ROS console (stack ${remote.stackId}, ${t.region}), fix the cause, then delete it with ` +
          `'npx actiontrail-cdk destroy ${t.stack.id} --force' (resources with DeletionPolicy Retain stay) and deploy again. It was not deleted.`,
      );
    } else if (remote && isInProgress(remote.status)) {
      blocked.push(
        `stack '${t.stack.stackName}' is ${remote.status}: wait until it finishes ('npx actiontrail-cdk status ${t.stack.id}'), then deploy again.`,
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

  printer.line(`Deploying ${targets.length} stack(s), in this order:`);
  for (const t of targets) {
    printer.line(`  ${describeTarget(t)}: ${existing.get(t) ? 'update' : 'create'}`);
  }
  printAdded(printer, selected, order, 'dependencies');
  if (!args.yes && !(await confirm('Deploy?', ctx.stdin, ctx.promptOutput))) {
    printer.line('Cancelled: nothing was deployed.');
    return ExitCode.FAILED;
  }

  const outputs: Array<{ stack: string; outputs: StackOutput[] }> = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const name = t.stack.stackName;
    const remote = existing.get(t);
    throwIfInterrupted(ctx.signal, name, 'deploy');
    let stackId: string;
    const seen = new Set<string>();
    if (remote) {
      for (const e of await t.ros.events(remote.stackId)) seen.add(e.eventId);
      const changed = await t.ros.update(remote.stackId, t.stack.templateBody);
      stackId = remote.stackId;
      // An unchanged template whose trails drifted: ROS runs the trails' Update (drift-repair.ts).
      if (!changed && !(await (await import('../drift-repair')).repairIfDrifted(ctx, t, stackId))) {
        printer.line(`${name}: no changes (ROS: the template is the one the stack already has)`);
        outputs.push({ stack: name, outputs: (await t.ros.get(stackId)).outputs });
        continue;
      }
      if (changed) printer.line(`${name}: UpdateStack started (${t.label}), waiting...`);
    } else {
      stackId = await t.ros.create(name, t.stack.templateBody);
      printer.line(`${name}: CreateStack started, stack ${stackId} (${t.label}), waiting...`);
    }
    const result = await waitForStack(t.ros, stackId, name, printer, waitOptions(ctx, 'deploy'), seen);
    if (!result.ok) {
      const rest = targets.slice(i + 1).map((r) => r.stack.id);
      throw new CliError(`${failureMessage(name, result)}${rest.length ? `; not deployed: ${rest.join(', ')}` : ''}`);
    }
    printer.line(`${name}: ${result.status}`);
    outputs.push({ stack: name, outputs: (await t.ros.get(stackId)).outputs });
  }

  const lines = outputs.flatMap((o) => o.outputs.map((out) => `  ${o.stack}.${out.key} = ${out.value}`));
  if (lines.length > 0) {
    printer.line('Outputs:');
    for (const l of lines) printer.line(l);
  }
  if (args.outputsFile) {
    const file = path.resolve(ctx.cwd, args.outputsFile);
    const json: Record<string, Record<string, string>> = {};
    for (const o of outputs) json[o.stack] = Object.fromEntries(o.outputs.map((out) => [out.key, out.value]));
    fs.writeFileSync(file, `${JSON.stringify(json, undefined, 2)}\n`);
    printer.line(`Outputs written to ${args.outputsFile}`);
  }
  printer.line(`Deployed ${targets.length} stack(s): ${targets.map((t) => t.stack.stackName).join(', ')}`);
  return ExitCode.OK;
}
