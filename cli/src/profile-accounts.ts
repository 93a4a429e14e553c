import { CliArgs } from './args';
import { Assembly, AssemblyStack } from './assembly';
import { UsageError } from './errors';
import { deployOrder, destroyOrder, selectStacks } from './plan';
import { closeNames, quotedAlternatives } from './suggest';

/** A 16-digit number in a template: an account ID in an ARN (`acs:odps:cn-hangzhou:<account>:project/x`) or a trust policy. */
const ACCOUNT_IN_TEMPLATE = /(?<!\d)\d{16}(?!\d)/g;

/**
 * The stacks a command acts on, whose credentials `--profile` chooses: the
 * selection (every stack without names), with the dependencies `deploy` and
 * `preflight` add and the dependents `destroy` adds (not with `--exclusively`).
 * @throws UsageError for a name that matches no stack (as the command would)
 */
export function stacksActedOn(
  args: Pick<CliArgs, 'command' | 'stacks' | 'exclusively'>,
  assembly: Assembly,
): AssemblyStack[] {
  const selected = selectStacks(assembly.stacks, args.stacks);
  if (args.command === 'deploy' || args.command === 'preflight') {
    return deployOrder(assembly.stacks, selected, args.exclusively);
  }
  if (args.command === 'destroy') return destroyOrder(assembly.stacks, selected, args.exclusively);
  return selected;
}

/**
 * Refuses a `--profile <account>=<name>` whose account no stack of the cloud
 * assembly is in (by its literal env.account) and no template names (e.g. the
 * account owning a MaxCompute project a trail delivers to, whose profile
 * preflight and status use): a mistyped account would otherwise be ignored,
 * and the default credentials would serve the account meant. A mapping for an
 * account whose stacks are merely not selected is accepted (pipelines pass
 * every account's profile and select subsets). Only when a stack the command
 * acts on has no literal account is nothing refused here (any account may be
 * its deploy-time one; resolving the targets then refuses the mapping for
 * that stack); a stack without one that the command leaves alone does not
 * turn the check off.
 * @param actedOn the stacks the command acts on ({@link stacksActedOn})
 * @throws UsageError naming the mapping, the close accounts and the stacks' accounts
 */
export function checkProfileAccounts(
  profiles: ReadonlyMap<string, string>,
  assembly: Assembly,
  actedOn: readonly AssemblyStack[],
): void {
  if (profiles.size === 0 || actedOn.some((s) => s.account === undefined)) return;
  const literal = assembly.stacks.filter((s) => s.account !== undefined);
  const stackAccounts = [...new Set(literal.map((s) => s.account as string))];
  const named = new Set(stackAccounts);
  for (const s of assembly.stacks) for (const m of s.templateBody.matchAll(ACCOUNT_IN_TEMPLATE)) named.add(m[0]);
  const agnostic = assembly.stacks.filter((s) => s.account === undefined).map((s) => s.id);
  for (const [account, profile] of profiles) {
    if (named.has(account)) continue;
    const close = closeNames(account, [...named]);
    const guess = close.length > 0 ? ` (did you mean ${quotedAlternatives(close.slice(0, 3))}?)` : '';
    const held = stackAccounts
      .map(
        (a) =>
          `${a} (${literal
            .filter((s) => s.account === a)
            .map((s) => s.id)
            .join(', ')})`,
      )
      .join(', ');
    const rest =
      agnostic.length > 0 ? `; ${agnostic.join(', ')} ha${agnostic.length > 1 ? 've' : 's'} no literal account` : '';
    throw new UsageError(
      `--profile ${account}=${profile}: no stack of the cloud assembly is in account ${account}, and no template names it${guess}; ` +
        `the stacks are in account${stackAccounts.length > 1 ? 's' : ''} ${held}${rest}: correct the account, or leave the mapping out`,
    );
  }
}
