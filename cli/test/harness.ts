/**
 * Runs the `actiontrail-cdk` command as a child process, the way users run it,
 * against the stand-in: the CLI is bundled once with esbuild, with the options
 * of the package's own build (cli/scripts/build.js: lib/shared inside, its
 * packages external and loaded from node_modules), credentials come from a temporary
 * credentials file with named profiles, and ACTIONTRAIL_CDK_ENDPOINT sends
 * every call to the stand-in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { buildSync, BuildOptions } from 'esbuild';
import { tempDir } from '../../test/support/temp';
import { CloudStandIn } from './stand-in';

/** The repository's root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The CLI package's root (cli/). */
export const CLI_ROOT = path.resolve(__dirname, '..');

/** How the package's build (cli/scripts/build.js) bundles the command into dist/main.js. */
const BUILD_OPTIONS = JSON.parse(
  fs.readFileSync(path.join(CLI_ROOT, 'scripts', 'esbuild-options.json'), 'utf8'),
) as BuildOptions;

/** The test accounts: profile -> keys and account. Secrets are fake but must never be printed. */
export const PROFILES = {
  default: { account: '9999999999999999', id: 'LTAI5tDefaultKey000001', secret: 'defaultSecret-7f3a9c1e55b0' },
  archive: { account: '3333333333333333', id: 'LTAI5tArchiveKey000002', secret: 'archiveSecret-2b8d6e4f9a11' },
  mgmt: { account: '1111111111111111', id: 'LTAI5tMgmtKey000000003', secret: 'mgmtSecret-5c0e7a3b1d22' },
} as const;

/** AccessKey ID -> account and secret, for the stand-in (which verifies every signature). */
export const ACCOUNTS_BY_KEY: Record<string, { account: string; secret: string }> = Object.fromEntries(
  Object.values(PROFILES).map((p) => [p.id, { account: p.account, secret: p.secret }]),
);

let bundled: string | undefined;

/**
 * Bundles cli/src/main.ts as the package's build does, plus what its bin
 * script adds (run the command), into node_modules/.cache (so that its packages
 * resolve from node_modules), named by content: concurrent test files share it.
 */
export function cliBundle(): string {
  if (bundled) return bundled;
  const result = buildSync({
    ...BUILD_OPTIONS,
    stdin: {
      contents: "require('./src/main').runCli(process.argv.slice(2)).then((c) => { process.exitCode = c; });",
      resolveDir: CLI_ROOT,
      loader: 'js',
    },
    write: false,
    outfile: 'cli.js',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const dir = path.join(ROOT, 'node_modules', '.cache', 'actiontrail-cdk-cli-test');
  const out = path.join(dir, `cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, out);
  }
  bundled = out;
  return out;
}

/** A temporary home with a credentials file holding the three profiles. */
export function tempHome(): { home: string; credentialsFile: string } {
  const home = tempDir('atcdk-home-');
  const credentialsFile = path.join(home, 'credentials');
  const ini = Object.entries(PROFILES)
    .map(([name, p]) => `[${name}]\ntype = access_key\naccess_key_id = ${p.id}\naccess_key_secret = ${p.secret}\n`)
    .join('\n');
  fs.writeFileSync(credentialsFile, ini);
  return { home, credentialsFile };
}

/** The result of one run. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  readonly endpoint: string;
  readonly cwd: string;
  readonly credentialsFile: string;
  readonly home: string;
  readonly env?: Record<string, string>;
  /** Called with the child as soon as its output contains this text. */
  readonly onOutput?: { text: string; then: (child: ReturnType<typeof spawn>) => void };
}

/** Runs `actiontrail-cdk <args>` and collects its output and exit code. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: options.home,
    ALIBABA_CLOUD_CREDENTIALS_FILE: options.credentialsFile,
    ACTIONTRAIL_CDK_ENDPOINT: options.endpoint,
    ACTIONTRAIL_CDK_POLL_INTERVAL_MS: '5',
    ACTIONTRAIL_CDK_RETRY_BASE_MS: '5',
    // Belt and braces: no test may reach the ECS metadata service.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle(), ...args], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    let fired = false;
    const check = (): void => {
      if (options.onOutput && !fired && (stdout + stderr).includes(options.onOutput.text)) {
        fired = true;
        options.onOutput.then(child);
      }
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      check();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      check();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Writes a small cloud assembly: stacks with templates, dependencies and recorded envs. */
export function writeAssembly(
  dir: string,
  stacks: Array<{ id: string; template: object; account?: string; region?: string; dependencies?: string[] }>,
): void {
  fs.mkdirSync(dir, { recursive: true });
  const artifacts: Record<string, unknown> = {};
  for (const s of stacks) {
    fs.writeFileSync(path.join(dir, `${s.id}.template.json`), JSON.stringify(s.template, undefined, 2));
    const env: Record<string, string> = {};
    if (s.account) env.account = s.account;
    if (s.region) env.region = s.region;
    artifacts[s.id] = {
      type: 'aliyun:ros:stack',
      properties: { templateFile: `${s.id}.template.json` },
      ...(s.dependencies ? { dependencies: s.dependencies } : {}),
      metadata: { [`/${s.id}`]: [{ type: 'actiontrail-cdk:environment', data: env }] },
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '7.0.0', artifacts }, undefined, 2));
}

/** Every secret of the test profiles: none may appear in any output. */
export function secrets(): string[] {
  return Object.values(PROFILES).flatMap((p) => [p.id, p.secret]);
}

/** Runs the bin (see {@link runCli}) against the stand-in of {@link withStandIn}. */
export type StandInRun = (args: string[], extra?: Partial<RunOptions>) => Promise<CliRun>;

/**
 * Runs `body` against a fresh stand-in, stopped afterwards. Its `run` starts
 * the bin with `defaults` (the project directory and the credentials home),
 * `args` passed through `argv` first (e.g. to add `--app` and profiles), and
 * checks that no secret of any test profile appears in what the bin printed.
 */
export async function withStandIn(
  defaults: Omit<RunOptions, 'endpoint'>,
  body: (standIn: CloudStandIn, run: StandInRun) => Promise<void>,
  argv: (args: string[]) => string[] = (args) => args,
): Promise<void> {
  const standIn = new CloudStandIn(ACCOUNTS_BY_KEY);
  const endpoint = await standIn.start();
  try {
    await body(standIn, async (args, extra = {}) => {
      const run = await runCli(argv(args), { endpoint, ...defaults, ...extra });
      for (const secret of secrets()) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
      return run;
    });
  } finally {
    await standIn.stop();
  }
}

/**
 * Synthesizes the repository's example app (scripts/synth.js) into `outdir`,
 * as `npm run synth` does, and fails the test if it does not succeed.
 */
export function synthExamples(outdir: string): void {
  const synth = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js')], {
    cwd: ROOT,
    env: { ...process.env, CDK_OUTDIR: outdir },
    encoding: 'utf8',
  });
  expect(synth.status).toBe(0);
}
