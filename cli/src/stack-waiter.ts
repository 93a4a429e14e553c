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
  /** What the operation is, for messages: `deploy` or `destroy`. */
  readonly verb: 'deploy' | 'destroy';
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
 * @throws InterruptedError when the signal is aborted
 */
export function throwIfInterrupted(signal: AbortSignal, next: string, verb: 'deploy' | 'destroy'): void {
  if (signal.aborted) {
    throw new InterruptedError(
      `interrupted before stack '${next}': nothing more was started. Run 'npx actiontrail-cdk ${verb === 'deploy' ? 'deploy' : 'destroy --force'}' again to go on.`,
    );
  }
}

/** The poll interval: `ACTIONTRAIL_CDK_POLL_INTERVAL_MS` when set (tests shorten it), else 2 s. */
export function defaultPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ACTIONTRAIL_CDK_POLL_INTERVAL_MS;
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : 2000;
}

/** The message printed on Ctrl-C or timeout: the operation goes on, and how to pick it up again. */
export function resumeAdvice(stackName: string, status: string, verb: 'deploy' | 'destroy'): string {
  return (
    `the ${status || 'current'} operation on stack '${stackName}' keeps running in ROS (nothing was cancelled or deleted). ` +
    `Check it with 'npx actiontrail-cdk status ${stackName}', then run '${verb === 'deploy' ? 'npx actiontrail-cdk deploy' : 'npx actiontrail-cdk destroy --force'}' again when it has finished.`
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
    new InterruptedError(`interrupted: ${resumeAdvice(stackName, status, options.verb)}`);
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
        `timed out after ${Number((options.timeoutMs / 60000).toFixed(3))} min (--timeout): ${resumeAdvice(stackName, status, options.verb)}`,
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
