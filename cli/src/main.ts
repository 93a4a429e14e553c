import * as path from 'path';
import { CliArgs, CommandName, commandHelp, commandOfCommandLine, parseCliArgs, USAGE } from './args';
import { Assembly, readAssembly } from './assembly';
import { InputStream } from './confirm';
import { CommandContext } from './context';
import { endpointOverride } from './endpoint';
import { CliError, ErrorKind, ExitCode, kindOfExitCode, UsageError } from './errors';
import { OutputStream, Printer } from './printer';
import { Redactor } from '../../lib/shared/redact';
import { knownSecrets } from './known-secrets';
import { resolveParameterValues } from './stack-parameters';
import { defaultRetryBaseMs } from './retry';
import { defaultPollIntervalMs } from './stack-waiter';
import { describeError } from './describe-error';
import { errorCode, networkCode } from './failures';
import { synthesize, SYNTH_CONSEQUENCE } from './synthesize';
import { findingsStop, readFindings, reportFindings } from './findings';
import { writeJsonError } from './json-output';
import { cloudCode, httpStatus } from './cloud-errors';
import { selectStacks } from './plan';
import { checkProfileAccounts, stacksActedOn } from './profile-accounts';
import { version } from '../package.json';

/** The commands, loaded on demand (so `list` and `--help` never load the SDKs). */
const COMMANDS: Record<Exclude<CommandName, 'synth'>, () => Promise<(ctx: CommandContext) => Promise<number>>> = {
  deploy: async () => (await import('./commands/deploy')).deploy,
  diff: async () => (await import('./commands/diff')).diff,
  destroy: async () => (await import('./commands/destroy')).destroy,
  status: async () => (await import('./commands/status')).status,
  list: async () => (await import('./commands/list')).list,
  preflight: async () => (await import('./commands/preflight')).preflight,
  hunt: async () => (await import('./commands/hunt')).hunt,
};

/** The commands that print the app's findings first (and stop on errors, or warnings with --strict). */
const SHOWS_FINDINGS: readonly CommandName[] = ['list', 'diff', 'deploy', 'preflight'];

/** The process parts the command uses; tests pass their own. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: OutputStream & NodeJS.WritableStream;
  /** Standard error. */
  readonly stderr: OutputStream & NodeJS.WritableStream;
  /** Standard input. */
  readonly stdin: InputStream;
  /** The working directory (the project root). */
  readonly cwd: string;
  /** The environment. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs `actiontrail-cdk <argv>` and resolves to the exit code. Never throws:
 * errors are printed (through the redactor) as one message.
 */
export async function runCli(
  argv: string[],
  io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  },
): Promise<number> {
  // Every credential known before any is loaded (environment, credentials files): masked from the first line on.
  const known = knownSecrets(io.env);
  const redactor = new Redactor(known.environment);
  redactor.addWhole(...known.files);
  const printer = new Printer(io.stdout, io.stderr, redactor);
  const controller = new AbortController();
  let interrupts = 0;
  // Set once the command line is read: the command and `--json`, for the document of a second Ctrl-C.
  let json = jsonRequested(argv);
  let command: string | null = commandOfCommandLine(argv);
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) {
      const message = 'interrupted again, exiting. Stack operations already started keep running in ROS.';
      printer.error(`actiontrail-cdk: ${message}`);
      // `--json`: still exactly one document on standard output.
      if (json && !printer.wroteData) {
        writeJsonError(printer, command, ExitCode.INTERRUPTED, { message, code: 'interrupted' });
      }
      process.exit(ExitCode.INTERRUPTED);
    }
    printer.error(
      'actiontrail-cdk: Ctrl-C: stopping after the current API call (Ctrl-C again exits now); stack operations already started keep running in ROS.',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  // diff's exit codes are 0 same, 1 error, 2 differences: its usage errors exit 1.
  let isDiff = commandOfCommandLine(argv) === 'diff';
  // `--json`: exactly one document on standard output, also when the run fails, even
  // before the command line is parsed (then as the command line spells it): `json` and `command` above.
  try {
    const parsed: CliArgs = parseCliArgs(argv);
    isDiff = parsed.command === 'diff' && !parsed.help && !parsed.version;
    json = parsed.json;
    command = parsed.command;
    if (parsed.version) {
      printer.line(version);
      return ExitCode.OK;
    }
    if (parsed.help) {
      printer.line(parsed.helpFor ? commandHelp(parsed.helpFor) : USAGE);
      return ExitCode.OK;
    }
    // `--parameters S:K=@env:VAR`: read now; the redactor masks each value so read in every line printed.
    const args: CliArgs = {
      ...parsed,
      parameters: resolveParameterValues(parsed.parameters, io.env, (v) => redactor.addWhole(v)),
    };
    const endpoint = endpointOverride(io.env);
    if (endpoint !== undefined) {
      // Everything goes to the one base URL: the credentials chain must not ask
      // the ECS metadata service (100.100.100.200) or a credentials URI either.
      process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
      delete process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
    }
    if (args.json) printer.jsonMode();
    if (args.command === 'synth') {
      return await (await import('./commands/synth')).synth(io.cwd, printer, args.strict === true);
    }
    // Without --app: synthesize through cdk.json; a failure says what it means for this command.
    const synthesized = args.app === undefined ? await synthesize(io.cwd, SYNTH_CONSEQUENCE[args.command]) : undefined;
    const assembly = readAssembly(path.resolve(io.cwd, synthesized?.dir ?? (args.app as string)), synthesized);
    checkSingleProfile(args, assembly);
    if (args.profiles.size > 0) checkProfileAccounts(args.profiles, assembly, stacksActedOn(args, assembly));
    if (SHOWS_FINDINGS.includes(args.command)) {
      const findings = readFindings(assembly);
      const stop = reportFindings(findings, printer, args.strict === true);
      if (stop !== undefined) {
        const message = findingsStop(findings, args.strict === true) as string;
        if (json) writeJsonError(printer, args.command, stop, { message, code: 'findings' });
        return stop;
      }
    }
    const run = await COMMANDS[args.command]();
    const credentials =
      args.command === 'list' || args.command === 'hunt'
        ? (undefined as never)
        : new (await import('./credentials')).CredentialProfiles(args.profiles, redactor, args.profile);
    const code = await run({
      args,
      assembly,
      printer,
      credentials,
      endpoint,
      retry: {
        baseDelayMs: defaultRetryBaseMs(io.env),
        // Ctrl-C ends a wait between attempts at once and starts no further call.
        signal: controller.signal,
        onRetry: (e, attempt, delay) =>
          printer.error(
            `  retrying after ${args.verbose ? describeError(e) : errorCode(e)} (attempt ${attempt}, waiting ${delay} ms)`,
          ),
      },
      pollIntervalMs: defaultPollIntervalMs(io.env),
      signal: controller.signal,
      stdin: io.stdin,
      cwd: io.cwd,
      promptOutput: io.stderr,
    });
    // A safety net: every command writes its document, but a path that returns early must not leave stdout empty.
    if (json && !printer.wroteData) {
      writeJsonError(printer, args.command, code, {
        message: `${args.command} ended with exit code ${code} without its document; standard error says why`,
        code: kindOfExitCode(code),
      });
    }
    return code;
  } catch (e) {
    let code = e instanceof CliError ? e.exitCode : ExitCode.FAILED;
    if (isDiff && code === ExitCode.USAGE) code = ExitCode.FAILED;
    const verbose = argv.includes('--verbose') || argv.includes('-v');
    let message = e instanceof CliError ? e.message : unexpected(e, verbose);
    let kind = errorKind(e);
    // A call that failed after Ctrl-C (e.g. the one in flight): the run was interrupted (130).
    if (controller.signal.aborted && code !== ExitCode.INTERRUPTED) {
      code = ExitCode.INTERRUPTED;
      message = `interrupted (Ctrl-C); then: ${message}`;
      kind = { code: 'interrupted' };
    }
    printer.error(`actiontrail-cdk: ${message}`);
    // Not a second document when the command's own is out already (it failed after writing it).
    if (json && !printer.wroteData) writeJsonError(printer, command, code, { message, ...kind });
    return code;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Whether the command line asks for `--json` (before a `--`), as it spells it: also when it does not parse. */
function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--json' || a.startsWith('--json='));
}

/**
 * The kind of a failure and the cloud's code, for the `--json` error document:
 * ours say it themselves; an SDK error that reached here is a network failure,
 * or an answer of the cloud (one with an HTTP status or an answer body).
 */
function errorKind(e: unknown): { code: ErrorKind; cloudCode?: string } {
  if (e instanceof CliError) return { code: e.kind, cloudCode: e.cloudCode };
  if (networkCode(e) !== undefined) return { code: 'network' };
  const code = cloudCode(e);
  const answered = httpStatus(e) !== undefined || typeof (e as { data?: unknown } | undefined)?.data === 'object';
  if (code === undefined || !answered) return { code: 'failed' };
  return { code: /AccessKey|Signature|SecurityToken/i.test(code) ? 'credentials' : 'cloud', cloudCode: code };
}

/** An error no step put in our words: a network failure still gets one line with the fix. */
function unexpected(e: unknown, verbose: boolean): string {
  const code = networkCode(e);
  if (code === undefined) return describeError(e);
  const line = `network failure (${code}): check the network connection, DNS and proxy (HTTPS_PROXY), and ACTIONTRAIL_CDK_ENDPOINT if it is set, then run the command again`;
  return verbose ? `${line}\n  SDK: ${describeError(e)}` : `${line} (--verbose shows the SDK message)`;
}

/**
 * `--profile NAME` serves every stack the command names (all of them when it
 * names none), so those must all be in one account. A dependency in another
 * account that deploy adds is caught later by the STS account check, which
 * names the stack.
 * @throws UsageError when the named stacks' literal accounts are several
 */
function checkSingleProfile(args: CliArgs, assembly: Assembly): void {
  if (args.profile === undefined) return;
  const named = args.all || args.stacks.length === 0 ? assembly.stacks : selectStacks(assembly.stacks, args.stacks);
  const accounts = [...new Set(named.map((s) => s.account).filter((a) => a !== undefined))];
  if (accounts.length > 1) {
    const which =
      args.all || args.stacks.length === 0 ? 'the stacks' : `the stacks named (${named.map((s) => s.id).join(', ')})`;
    throw new UsageError(
      `--profile ${args.profile} would serve every stack, but ${which} are in ${accounts.length} accounts (${accounts.join(', ')}): ` +
        `name one account's stacks, or give each account its profile: --profile <account>=<profile>, e.g. ${accounts
          .map((a) => `--profile ${a}=<its profile>`)
          .join(' ')}`,
    );
  }
}

export { describeError };
