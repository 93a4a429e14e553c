import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { CliError, ExitCode, UsageError } from './errors';

/** The directory the command synthesizes into when `--app` is absent, as `npm run synth` and ros-cdk do. */
export const DEFAULT_OUTDIR = 'cdk.out';

/**
 * Synthesizes the project in `cwd` through its `cdk.json`, as the ros-cdk CLI
 * and `npm run synth` do: runs the `app` command with `CDK_OUTDIR` (and the
 * `context` as `CDK_CONTEXT_JSON`), into a fresh `cdk.out`. The app's own
 * output goes to standard error, so that standard output stays the command's.
 * @param consequence what the failure message adds, e.g. that nothing was deployed
 * @returns the assembly directory
 * @throws UsageError without a usable cdk.json; CliError when the app fails
 */
export function synthesize(cwd: string, consequence = 'nothing was deployed'): string {
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
  const outdir = path.join(cwd, DEFAULT_OUTDIR);
  fs.rmSync(outdir, { recursive: true, force: true });
  const run = spawnSync(cdkJson.app, {
    cwd,
    shell: true,
    stdio: ['ignore', process.stderr, process.stderr],
    // ACTIONTRAIL_CDK_QUIET: the command prints the findings itself, from the assembly (findings.ts), once.
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context ?? {}),
      ACTIONTRAIL_CDK_QUIET: '1',
    },
  });
  if (run.status !== 0) {
    throw new CliError(
      `synth: '${cdkJson.app}' failed (${run.status === null ? `signal ${run.signal}` : `exit ${run.status}`}); ${consequence}`,
      ExitCode.FAILED,
      'synth-failed',
    );
  }
  return outdir;
}
