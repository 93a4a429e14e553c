/**
 * The test environment of `npm test` and `npm run test:slow` (jest.config.js,
 * jest.slow.config.js): Node's, except that the provider's log lines are held
 * back, and printed only with a test that fails.
 *
 * The provider logs one JSON line per step to the console, where Function
 * Compute collects them (lib/provider/runtime/log.ts). The handler and e2e tests
 * run it in the jest process, so without this `npm test` printed about a hundred
 * such lines (700 lines of output with jest's console headers), and a failure
 * had to be found among them.
 *
 * - A provider line (one string argument of the form `{"level":"info|warn|error","msg":...`)
 *   written during a test is kept; any other console output passes through
 *   (jest then names this file, not the caller, as where it was logged).
 * - When the test fails, its provider lines are printed after it, under one
 *   heading naming the test; when it passes they are dropped.
 * - A test that asserts on logs spies on the console (`captureConsole` in
 *   test/provider/harness.ts, or `jest.spyOn(console, 'log')`): the spy stands
 *   in front of this filter and records every line, as before.
 * - `SHOW_PROVIDER_LOGS=1` prints every provider line as it comes.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

/** A provider log line: what `createLogger` writes. */
export const PROVIDER_LOG_LINE = /^\{"level":"(info|warn|error)","msg":/;

/** The console methods the provider's sink (console by default) and other code may call. */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** The full name of a test: its describe blocks' names and its own, as jest prints them. */
function fullName(test: Circus.TestEntry): string {
  const names = [test.name];
  for (let block: Circus.DescribeBlock | undefined = test.parent; block?.parent; block = block.parent) {
    names.unshift(block.name);
  }
  return names.join(' ');
}

/** Node's test environment, holding back the provider's log lines (see the file's comment). */
export default class QuietProviderLogsEnvironment extends NodeEnvironment {
  /** The provider lines written since the current test started. */
  private held: string[] = [];
  /** Whether provider lines are printed as they come (`SHOW_PROVIDER_LOGS=1`). */
  private readonly showAll: boolean;
  /** The console's own `log`, for printing held lines past the filter (set by `setup`). */
  private print?: (...args: unknown[]) => void;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.showAll = process.env.SHOW_PROVIDER_LOGS === '1';
  }

  /** Wraps the test file's console, which jest installs after constructing the environment. */
  async setup(): Promise<void> {
    await super.setup();
    if (this.showAll) return;
    const testConsole = this.global.console as unknown as Record<string, (...args: unknown[]) => void>;
    this.print = testConsole.log.bind(testConsole);
    for (const method of METHODS) {
      const original = testConsole[method];
      testConsole[method] = (...args: unknown[]): void => {
        if (args.length === 1 && typeof args[0] === 'string' && PROVIDER_LOG_LINE.test(args[0])) {
          this.held.push(args[0]);
          return;
        }
        original.apply(testConsole, args);
      };
    }
  }

  /** Starts each test with nothing held, and prints what a failed test held. */
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') {
      this.held = [];
    } else if (event.name === 'test_done') {
      if (event.test.errors.length > 0 && this.held.length > 0) {
        this.print?.(
          [`provider log of the failed test "${fullName(event.test)}" (${this.held.length} lines):`, ...this.held].join(
            '\n',
          ),
        );
      }
      this.held = [];
    }
  }
}
