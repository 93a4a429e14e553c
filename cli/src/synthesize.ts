import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { CliError, ExitCode, UsageError } from './errors';

/** The directory the command synthesizes into when `--app` is absent, as `npm run synth` and ros-cdk do. */
export const DEFAULT_OUTDIR = 'cdk.out';

/** What a failed synth means for each command: the clause after the failure (none for the read-only ones). */
export const SYNTH_CONSEQUENCE: Readonly<Record<string, string | undefined>> = {
  deploy: 'nothing was deployed',
  destroy: 'nothing was destroyed',
};

/**
 * The app's error line: the first line of its standard error that reads
 * `<Name>Error: <message>` (`ValidationError: ...`, `TypeError: ...`,
 * `TSError: ...`, `Error [ERR_MODULE_NOT_FOUND]: ...`), where Node prints an
 * uncaught error's name and message, the stack trace following it.
 * @returns the line without its indentation, or undefined when there is none
 */
export function appErrorLine(stderr: string): string | undefined {
  for (const line of stderr.split(/\r?\n/)) {
    if (/^\s*(?:[A-Za-z_$][\w$.]*)?Error(?: \[[^\]]*\])?: \S/.test(line)) return line.trim();
  }
  return undefined;
}

/** An app that ran through cdk.json: what readAssembly needs to say where its assembly went. */
export interface SynthesizedApp {
  /** The assembly directory the command gave the app (`CDK_OUTDIR`). */
  readonly dir: string;
  /** The app command of cdk.json. */
  readonly app: string;
  /** When the command started it (ms since the epoch, before cdk.out was removed). */
  readonly startedAt: number;
}

/** The most of the app's standard error kept to find its error line in (it is all passed through). */
const KEPT_STDERR_CHARS = 256 * 1024;

/**
 * Synthesizes the project in `cwd` through its `cdk.json`, as the ros-cdk CLI
 * and `npm run synth` do: runs the `app` command with `CDK_OUTDIR` (and the
 * `context` as `CDK_CONTEXT_JSON`), into a fresh `cdk.out`. The app's own
 * output goes to standard error as it comes, so that standard output stays the
 * command's; when the app fails, the closing message quotes its error line
 * ({@link appErrorLine}), so that the cause is the last line the user reads.
 * @param consequence what the failure message adds, e.g. that nothing was deployed @default - nothing
 * @returns the assembly directory, the app command and when it started
 * @throws UsageError without a usable cdk.json; CliError when the app fails
 */
export async function synthesize(cwd: string, consequence?: string): Promise<SynthesizedApp> {
  const cdkJsonPath = path.join(cwd, 'cdk.json');
  let cdkJson: { app?: unknown; context?: unknown };
  try {
    cdkJson = JSON.parse(fs.readFileSync(cdkJsonPath, 'utf8'));
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `not readable JSON (${(e as Error).message})`;
    throw new UsageError(
      `cdk.json ${why} in ${cwd}: run from the project root, or pass --app <assembly dir>`,
      'synth-failed',
    );
  }
  if (typeof cdkJson.app !== 'string' || cdkJson.app.trim() === '') {
    throw new UsageError(`cdk.json in ${cwd} has no 'app' command; pass --app <assembly dir>`, 'synth-failed');
  }
  const app = cdkJson.app;
  const outdir = path.join(cwd, DEFAULT_OUTDIR);
  const startedAt = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const child = spawn(app, {
    cwd,
    shell: true,
    // Standard error through a pipe, passed on as it comes and kept for the error line.
    stdio: ['ignore', process.stderr, 'pipe'],
    // ACTIONTRAIL_CDK_QUIET: the command prints the findings itself, from the assembly (findings.ts), once.
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context ?? {}),
      ACTIONTRAIL_CDK_QUIET: '1',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    if (stderr.length < KEPT_STDERR_CHARS) stderr += chunk.toString('utf8');
  });
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  if (status !== 0) {
    const errorLine = appErrorLine(stderr);
    const parts = [
      `synth: '${app}' failed (${status === null ? `signal ${signal}` : `exit ${status}`})`,
      ...(consequence ? [consequence] : []),
      errorLine === undefined ? 'its output above says why' : `its error: ${errorLine}`,
    ];
    throw new CliError(parts.join('; '), ExitCode.FAILED, 'synth-failed');
  }
  return { dir: outdir, app, startedAt };
}
