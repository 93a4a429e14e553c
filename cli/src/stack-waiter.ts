import { CliArgs } from './args';
import { CliError, InterruptedError } from './errors';
import { Printer } from './printer';
import { RosStacks, StackEvent } from './ros-stacks';
import { isInProgress, isSuccess } from './stack-states';

/** How {@link waitForStack} polls. */
export interface WaitOptions {
  /** Give up after this long (the operation keeps running in ROS). */
  readonly timeoutMs: number;
  /** The first poll interval; it grows by half each poll up to `maxIntervalMs`. */
  readonly intervalMs: number;
  /** The longest poll interval. */
  readonly maxIntervalMs: number;
  /** Aborted by Ctrl-C. */
  readonly signal: AbortSignal;
  /** The commands the advice after Ctrl-C or a timeout gives ({@link resumeCommands}). */
  readonly resume: ResumeCommands;
}

/** The commands that pick up an interrupted deploy or destroy, as the advice prints them. */
export interface ResumeCommands {
  /** `npx actiontrail-cdk status <stack> <the run's options>`: how the stack's operation is going. */
  readonly status: string;
  /** The command that runs the same plan again (`deploy ...` or `destroy ... --force`). */
  readonly again: string;
  /** The run's options that `again` leaves out and the user adds (`--parameters`: values may be secret). */
  readonly notRepeated: readonly string[];
}

/** The options of a run that the resume advice repeats, and those it only names. */
export type ResumeArgs = Pick<
  CliArgs,
  | 'app'
  | 'profiles'
  | 'profile'
  | 'region'
  | 'all'
  | 'exclusively'
  | 'parameters'
  | 'tags'
  | 'resourceGroupId'
  | 'disableRollback'
  | 'allowProjectReplacement'
>;

/**
 * One word of a command line as a POSIX shell reads it: as it is when it holds
 * only characters no shell treats specially, else in double quotes (the advice
 * puts each command in single quotes) with `\`, `"`, `$` and backquote escaped.
 */
export function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `"${word.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** `npx actiontrail-cdk <words>`, each word quoted for a shell. */
function command(words: readonly string[]): string {
  return ['npx', 'actiontrail-cdk', ...words.map(shellWord)].join(' ');
}

/**
 * The commands to check on and go on with an interrupted (or timed-out)
 * deploy or destroy: they name the stacks and repeat the options that choose
 * the cloud assembly and the credentials (`--app`, `--profile`, `--region`),
 * so that they act on the same stacks with the same credentials. `again`
 * names the run's plan (`--all` for a run of every stack) with
 * `--exclusively` when it was given, and for destroy `--force` (the run was
 * confirmed). Nothing a parameter holds is repeated (it may be secret): the
 * options that shape a deploy but are not repeated are named after it.
 * @param plan the stack IDs of the run, in its order
 * @param stack the stack `status` names @default - every stack of the plan
 */
export function resumeCommands(
  args: ResumeArgs,
  verb: 'deploy' | 'destroy',
  plan: readonly string[],
  stack?: string,
): ResumeCommands {
  const options = [
    ...(args.app !== undefined ? ['--app', args.app] : []),
    ...(args.profile !== undefined ? ['--profile', args.profile] : []),
    ...[...args.profiles].flatMap(([account, name]) => ['--profile', `${account}=${name}`]),
    ...(args.region !== undefined ? ['--region', args.region] : []),
  ];
  const stacks = args.all ? ['--all'] : [...plan];
  const again = [verb, ...stacks, ...options, ...(args.exclusively ? ['--exclusively'] : [])];
  if (verb === 'destroy') again.push('--force');
  const named =
    verb === 'deploy'
      ? [
          ...(args.parameters.length > 0 ? ['--parameters'] : []),
          ...(args.tags.length > 0 ? ['--tags'] : []),
          ...(args.resourceGroupId !== undefined ? ['--resource-group-id'] : []),
          ...(args.disableRollback ? ['--disable-rollback'] : []),
          ...(args.allowProjectReplacement ? ['--allow-project-replacement'] : []),
        ]
      : [];
  return {
    status: command(['status', ...(stack !== undefined ? [stack] : plan), ...options]),
    again: command(again),
    notRepeated: named,
  };
}

/** How a stack operation ended. */
export interface WaitResult {
  /** The final status. */
  readonly status: string;
  /** The stack's status reason. @default - none */
  readonly statusReason?: string;
  /** The first failed resource event of this operation, if any. */
  readonly failure?: StackEvent;
  /** True when the final status is a success. */
  readonly ok: boolean;
}

/** Thrown when Ctrl-C interrupts a wait (or a retry): the operation keeps running in ROS. */
export { InterruptedError };

/**
 * Stops before the next stack operation once Ctrl-C was pressed.
 * @param next the stack that would be next, for the message
 * @param resume the commands that go on ({@link resumeCommands})
 * @throws InterruptedError when the signal is aborted
 */
export function throwIfInterrupted(signal: AbortSignal, next: string, resume: ResumeCommands): void {
  if (signal.aborted) {
    throw new InterruptedError(
      `interrupted before stack '${next}': nothing more was started. Run '${resume.again}' again to go on${notRepeated(resume)}.`,
    );
  }
}

/** ` (with this run's --parameters added: not repeated here)`, or nothing. */
function notRepeated(resume: ResumeCommands): string {
  return resume.notRepeated.length > 0
    ? ` (with this run's ${resume.notRepeated.join(', ')} added: not repeated here)`
    : '';
}

/** The poll interval: `ACTIONTRAIL_CDK_POLL_INTERVAL_MS` when set (tests shorten it), else 2 s. */
export function defaultPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ACTIONTRAIL_CDK_POLL_INTERVAL_MS;
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : 2000;
}

/**
 * The message printed on Ctrl-C or timeout: the operation goes on, and how to
 * pick it up again.
 * @param resume the commands to check on it and to go on ({@link resumeCommands})
 */
export function resumeAdvice(stackName: string, status: string, resume: ResumeCommands): string {
  return (
    `the ${status || 'current'} operation on stack '${stackName}' keeps running in ROS (nothing was cancelled or deleted). ` +
    `Check it with '${resume.status}', then run '${resume.again}' again when it has finished${notRepeated(resume)}.`
  );
}

/**
 * Polls GetStack and ListStackEvents until the stack leaves `*_IN_PROGRESS`,
 * printing each new event once. Polling backs off and stops at the timeout.
 * @param seen IDs of events from before this operation (not printed again); filled as events print
 * @throws InterruptedError on Ctrl-C; CliError on timeout (both say how to resume)
 */
export async function waitForStack(
  ros: RosStacks,
  stackId: string,
  stackName: string,
  printer: Printer,
  options: WaitOptions,
  seen: Set<string>,
): Promise<WaitResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let interval = options.intervalMs;
  let status = '';
  const fresh: StackEvent[] = [];
  const interrupted = (): InterruptedError =>
    new InterruptedError(`interrupted: ${resumeAdvice(stackName, status, options.resume)}`);
  // A Ctrl-C that stops a call's retries is told as this stack's interruption, naming it.
  const poll = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      throw e instanceof InterruptedError ? interrupted() : e;
    }
  };
  for (;;) {
    if (options.signal.aborted) throw interrupted();
    const stack = await poll(() => ros.get(stackId));
    status = stack.status;
    for (const e of await poll(() => ros.events(stackId))) {
      if (seen.has(e.eventId)) continue;
      seen.add(e.eventId);
      fresh.push(e);
      printer.event(stackName, e);
    }
    if (!isInProgress(status)) {
      printer.clearProgress();
      const failure =
        fresh.find((e) => e.status.endsWith('_FAILED') && e.statusReason !== '' && e.logicalResourceId !== stackName) ??
        fresh.find((e) => e.status.endsWith('_FAILED') && e.statusReason !== '');
      return { status, statusReason: stack.statusReason, failure, ok: isSuccess(status) };
    }
    const elapsed = Math.round((Date.now() - started) / 1000);
    printer.progress(`${stackName}: ${status} (${elapsed}s, ${fresh.length} event(s))`);
    if (Date.now() + interval > deadline) {
      printer.clearProgress();
      throw new CliError(
        `timed out after ${Number((options.timeoutMs / 60000).toFixed(3))} min (--timeout): ${resumeAdvice(stackName, status, options.resume)}`,
      );
    }
    await sleep(interval, options.signal);
    interval = Math.min(options.maxIntervalMs, Math.ceil(interval * 1.5));
  }
}

/** Sleeps, waking early (without error) when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
