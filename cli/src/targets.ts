import { callerAccount, checkAccount } from './account-check';
import { AssemblyStack } from './assembly';
import { CloudClients } from './clients';
import { CommandContext } from './context';
import { CliError, UsageError } from './errors';
import { CredentialsError, FailureSite, inOurWords } from './failures';
import { describeError } from './describe-error';
import { RosStacks } from './ros-stacks';

/** A stack with where and how it is deployed. */
export interface StackTarget {
  /** The stack of the assembly. */
  readonly stack: AssemblyStack;
  /** The region: the stack's literal env.region, else `--region`. */
  readonly region: string;
  /** The account: the stack's literal env.account, else the credentials' own. */
  readonly account: string;
  /** The credentials' label, e.g. `profile 'archive'`. */
  readonly label: string;
  /** The SDK clients for this stack. */
  readonly clients: CloudClients;
  /** The ROS calls for this stack. */
  readonly ros: RosStacks;
}

/**
 * Resolves every stack's region, credentials and clients, and checks every
 * literal `env.account` against STS GetCallerIdentity of the credentials that
 * would serve it, all before the command touches any stack.
 * @throws UsageError for a stack without a region; CliError for a wrong account
 */
export async function resolveTargets(stacks: AssemblyStack[], ctx: CommandContext): Promise<StackTarget[]> {
  for (const stack of stacks) {
    if (stack.region === undefined && ctx.args.region === undefined) {
      throw new UsageError(`stack '${stack.id}' has no literal env.region: pass --region <region>`);
    }
    // `--profile <account>=<profile>` chooses credentials by the stack's account; without one, the
    // default credentials would serve the stack, whatever account the user meant.
    if (stack.account === undefined && ctx.args.profile === undefined && ctx.args.profiles.size > 0) {
      const mapped = [...ctx.args.profiles.keys()].join(', ');
      throw new UsageError(
        `stack '${stack.id}' has no literal env.account, so --profile <account>=<profile> (given for ${mapped}) cannot choose its credentials and the default credentials would serve it: ` +
          `give the stack env.account, or pass --profile <profileName> when all the selected stacks are in one account`,
      );
    }
  }
  const identities = new Map<string, Promise<string>>();
  const targets: StackTarget[] = [];
  for (const stack of stacks) {
    const region = stack.region ?? (ctx.args.region as string);
    const site = { stack: stack.id, account: stack.account, label: ctx.credentials.labelFor(stack.account) };
    const { credential, label } = await inSite(ctx, { ...site, step: 'loading the credentials' }, () =>
      ctx.credentials.forAccount(stack.account),
    );
    const clients = new CloudClients(credential, region, ctx.endpoint, ctx.retry);
    let identity = identities.get(label);
    if (!identity) {
      identity = callerAccount(clients, label);
      identities.set(label, identity);
    }
    const pending = identity;
    const actual = await inSite(
      ctx,
      { ...site, step: 'checking the account of the credentials (STS GetCallerIdentity)' },
      () => pending,
    );
    if (stack.account !== undefined) {
      checkAccount(stack.id, stack.account, actual, label, ctx.credentials.profileFor(stack.account) === undefined);
    }
    targets.push({ stack, region, account: stack.account ?? actual, label, clients, ros: new RosStacks(clients) });
  }
  return targets;
}

/** Runs `body`; a failure of the SDK (not one of ours) becomes one line in our words. */
async function inSite<T>(ctx: CommandContext, site: FailureSite, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof CliError && !(e instanceof CredentialsError)) throw e;
    throw inOurWords(e, site, describeError(e), ctx.args.verbose);
  }
}

/** `Name (account A, region R, profile 'p')` for plans and headings. */
export function describeTarget(t: StackTarget): string {
  return `${t.stack.id} (account ${t.account}, ${t.region}, ${t.label})`;
}
