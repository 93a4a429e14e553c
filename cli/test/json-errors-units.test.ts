/**
 * The `--json` error document, in process (fast; cli/test/json-errors.test.ts
 * runs the bin against the stand-in for the failures that need a cloud): the
 * failures before any call print exactly one document on standard output, the
 * one docs/cli.md publishes, with the exit code and the standard error line of
 * a run without `--json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { CliError, kindOfExitCode, UsageError } from '../src/errors';
import { runCli } from '../src/main';
import { writeAssembly } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';

let root: string;

beforeAll(() => {
  root = tempDir('atcdk-json-units-');
  const queue = {
    ROSTemplateFormatVersion: '2015-09-01',
    Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } },
  };
  writeAssembly(path.join(root, 'app'), [
    { id: 'OrgAudit-LogArchive', template: queue, account: '3333333333333333', region: 'cn-hangzhou' },
    { id: 'OrgAudit-Management', template: queue, account: '1111111111111111', region: 'cn-hangzhou' },
  ]);
  fs.mkdirSync(path.join(root, 'empty'));
});

/** Runs the command in process; no endpoint, no credentials: these runs fail before any call. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await runCli(argv, { stdout: out, stderr: err, stdin: new PassThrough(), cwd: root, env: {} } as never);
  return { code, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

/** The one document on standard output, checked against the published schema, the exit code and standard error. */
async function failing(argv: string[], command: string | null, code: number): Promise<Record<string, any>> {
  const r = await run(argv);
  expect(r.code).toBe(code);
  const doc = JSON.parse(r.stdout) as Record<string, any>;
  expect(validate(doc, documentedSchema('error'))).toEqual([]);
  expect(doc).toMatchObject({ schema: 'actiontrail-cdk/error', version: 1, command, ok: false, exitCode: code });
  // The same line as without --json, on standard error.
  const human = await run(argv.filter((a) => a !== '--json'));
  expect(human.code).toBe(code);
  expect(human.stdout).toBe('');
  expect(r.stderr).toBe(human.stderr);
  expect(r.stderr).toBe(`actiontrail-cdk: ${doc.error.message}\n`);
  return doc.error;
}

test('an unknown stack: kind unknown-stack, the did-you-mean message; diff exits 1', async () => {
  expect(await failing(['status', 'OrgAudit-Managment', '--app', 'app', '--json'], 'status', 2)).toEqual({
    message:
      "no stack 'OrgAudit-Managment' in the cloud assembly (did you mean 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management",
    code: 'unknown-stack',
    cloudCode: null,
  });
  expect(await failing(['preflight', 'orgaudit-*', '--app', 'app', '--json'], 'preflight', 2)).toMatchObject({
    code: 'unknown-stack',
  });
  expect(await failing(['diff', 'Nope', '--app', 'app', '--json'], 'diff', 1)).toMatchObject({
    code: 'unknown-stack',
  });
});

test('no cloud assembly, no cdk.json: kinds no-assembly and synth-failed', async () => {
  const missing = await failing(['list', '--app', 'missing', '--json'], 'list', 2);
  expect(missing).toMatchObject({ code: 'no-assembly', cloudCode: null });
  expect(missing.message).toMatch(
    /^cloud assembly '.*missing': .*manifest\.json does not exist; run 'npm run synth' first/,
  );
  expect(await failing(['list', '--app', 'empty', '--json'], 'list', 2)).toMatchObject({ code: 'no-assembly' });
  expect(await failing(['status', '--json'], 'status', 2)).toMatchObject({ code: 'synth-failed' });
});

test('a command line that does not parse: kind usage, the command as spelt (null for none)', async () => {
  expect(await failing(['status', '--json', '--bogus'], 'status', 2)).toEqual({
    message: "unknown option '--bogus' for status; see actiontrail-cdk status --help",
    code: 'usage',
    cloudCode: null,
  });
  // A command without --json: still the document, since the command line asks for it.
  const deploy = await run(['deploy', '--json']);
  expect(deploy.code).toBe(2);
  expect(JSON.parse(deploy.stdout)).toMatchObject({ command: 'deploy', exitCode: 2, error: { code: 'usage' } });
  expect(deploy.stderr).toContain("'--json' is not an option of deploy");
  expect(await failing(['--json', 'lsit'], null, 2)).toMatchObject({ code: 'usage' });
  expect(await failing(['diff', '--json', '--region', 'nowhere'], 'diff', 1)).toMatchObject({ code: 'usage' });
});

test('a --json after -- is a stack name, not the option; --help and --version print their text', async () => {
  const r = await run(['status', '--app', 'app', '--', '--json']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect((await run(['status', '--help', '--json'])).stdout).toMatch(/^Usage: actiontrail-cdk status/);
  // The documented exception to "one JSON document" (docs/cli.md "JSON output"): text, exit 0, no document.
  for (const argv of [
    ['--version', '--json'],
    ['--help', '--json'],
    ['preflight', '--help', '--json'],
  ]) {
    const text = await run(argv);
    expect({ argv, code: text.code }).toEqual({ argv, code: 0 });
    expect(text.stdout).toMatch(/^(\d+\.\d+\.\d+\S*|Usage: actiontrail-cdk .*)\n/);
    expect(() => JSON.parse(text.stdout)).toThrow();
  }
});

test('a run that succeeds prints its own document only', async () => {
  const r = await run(['list', '--app', 'app', '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ schema: 'actiontrail-cdk/list' });
});

test('an error of ours says its kind: from its exit code unless given, with the cloud code of a refused call', () => {
  expect([new CliError('x').kind, new CliError('x', 2).kind, new CliError('x', 130).kind]).toEqual([
    'failed',
    'usage',
    'interrupted',
  ]);
  expect(new UsageError('x').kind).toBe('usage');
  expect(new UsageError('x', 'no-assembly')).toMatchObject({ kind: 'no-assembly', exitCode: 2 });
  expect(new CliError('x', 1, 'cloud', 'Forbidden.RAM')).toMatchObject({ kind: 'cloud', cloudCode: 'Forbidden.RAM' });
  expect([0, 1, 2, 130].map(kindOfExitCode)).toEqual(['failed', 'failed', 'usage', 'interrupted']);
});

test("the error document's command: an alias mapped, an option's value never taken for it", async () => {
  // `ls` is `list`.
  expect(await failing(['ls', '--json', '--bogus'], 'list', 2)).toMatchObject({ code: 'usage' });
  // `list` here is --app's value: no command was given.
  expect(await failing(['--app', 'list', '--json'], null, 2)).toEqual({
    message: 'no command given; see actiontrail-cdk --help',
    code: 'usage',
    cloudCode: null,
  });
  // A value first, then the command.
  expect(await failing(['--region', 'status', 'diff', '--json', '--bogus'], 'diff', 1)).toMatchObject({
    code: 'usage',
  });
});

test('help with an unknown option: a usage error, as for every command; a known option is ignored', async () => {
  expect(await failing(['help', '--json', '--frob'], null, 2)).toEqual({
    message: "unknown option '--frob'; see actiontrail-cdk --help",
    code: 'usage',
    cloudCode: null,
  });
  const ok = await run(['help', 'status', '--profile', 'mgmt']);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('Usage: actiontrail-cdk status');
});

test('a credential from the environment is masked before the command line is read', async () => {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  err.on('data', (c: Buffer) => (text += c.toString()));
  const code = await runCli(['status', 's3cr3tValue123456', '--app', 'app', '--json'], {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    cwd: root,
    env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's3cr3tValue123456', ALIBABA_CLOUD_CREDENTIALS_FILE: '/nonexistent' },
  } as never);
  expect(code).toBe(2);
  expect(text).toContain("no stack '[REDACTED]'");
  expect(text).not.toContain('s3cr3tVa');
});
