import { Assembly } from './assembly';
import { UsageError } from './errors';
import { closeNames, quotedAlternatives } from './suggest';

/** A 16-digit number in a template: an account ID in an ARN (`acs:odps:cn-hangzhou:<account>:project/x`) or a trust policy. */
const ACCOUNT_IN_TEMPLATE = /(?<!\d)\d{16}(?!\d)/g;

/**
 * Refuses a `--profile <account>=<name>` whose account no stack of the cloud
 * assembly is in and no template names (e.g. the account owning a MaxCompute
 * project a trail delivers to, whose profile preflight and status use): a
 * mistyped account would otherwise be ignored, and the default credentials
 * would serve the account meant. A mapping for an account whose stacks are
 * merely not selected is accepted (pipelines pass every account's profile and
 * select subsets). With a stack that has no literal account, any account may
 * be its deploy-time one: nothing is refused here.
 * @throws UsageError naming the mapping, the close accounts and the stacks' accounts
 */
export function checkProfileAccounts(profiles: ReadonlyMap<string, string>, assembly: Assembly): void {
  if (profiles.size === 0 || assembly.stacks.some((s) => s.account === undefined)) return;
  const stackAccounts = [...new Set(assembly.stacks.map((s) => s.account as string))];
  const named = new Set(stackAccounts);
  for (const s of assembly.stacks) for (const m of s.templateBody.matchAll(ACCOUNT_IN_TEMPLATE)) named.add(m[0]);
  for (const [account, profile] of profiles) {
    if (named.has(account)) continue;
    const close = closeNames(account, [...named]);
    const guess = close.length > 0 ? ` (did you mean ${quotedAlternatives(close.slice(0, 3))}?)` : '';
    const held = stackAccounts
      .map(
        (a) =>
          `${a} (${assembly.stacks
            .filter((s) => s.account === a)
            .map((s) => s.id)
            .join(', ')})`,
      )
      .join(', ');
    throw new UsageError(
      `--profile ${account}=${profile}: no stack of the cloud assembly is in account ${account}, and no template names it${guess}; ` +
        `the stacks are in account${stackAccounts.length > 1 ? 's' : ''} ${held}: correct the account, or leave the mapping out`,
    );
  }
}
