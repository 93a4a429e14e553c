/**
 * `actiontrail-cdk synth` through the bin, on a project whose cdk.json runs a
 * small app of the library (a Trail whose name has a hyphen: warning
 * AT-TRAIL-005): it writes cdk.out, prints each file written and the count of
 * findings, and every finding appears exactly once: the command silences the
 * library's own printing (ACTIONTRAIL_CDK_QUIET) and prints the assembly's
 * findings itself, as before list, diff and deploy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runCli, tempHome } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

let project: string;
let creds: { home: string; credentialsFile: string };
const WARNING =
  "warning AT-TRAIL-005 at Synthy/T/T: the trail 'audit-all' delivers to MaxCompute table 'actiontrail_audit-all'";

/** Runs the bin in the project (no stand-in: synth calls no API). */
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { endpoint: 'http://127.0.0.1:9', cwd: project, ...creds, env });

const count = (text: string, part: string): number => text.split(part).length - 1;

beforeAll(() => {
  project = tempDir('atcdk-synth-');
  creds = tempHome();
  fs.writeFileSync(
    path.join(project, 'app.ts'),
    [
      `import * as ros from ${JSON.stringify(path.join(ROOT, 'node_modules', '@alicloud', 'ros-cdk-core'))};`,
      `import { MaxComputeDestination, Trail } from ${JSON.stringify(path.join(ROOT, 'lib'))};`,
      'const app = new ros.App();',
      "const stack = new ros.Stack(app, 'Synthy', { env: { region: 'cn-hangzhou' } });",
      "new Trail(stack, 'T', { trailName: process.env.TRAIL_NAME ?? 'audit-all', maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }) });",
      'app.synth();',
    ].join('\n'),
  );
  const tsNode = path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');
  fs.writeFileSync(
    path.join(project, 'cdk.json'),
    JSON.stringify({ app: `node ${tsNode} --transpile-only -P ${path.join(ROOT, 'tsconfig.json')} app.ts` }),
  );
});

test('synth writes cdk.out, prints the files written and the findings, each finding once', async () => {
  const r = await run(['synth']);
  expect(r.code).toBe(0);
  const template = fs.statSync(path.join(project, 'cdk.out', 'Synthy.template.json')).size;
  expect(r.stdout).toMatch(/^Synthesized 1 stack\(s\) into cdk\.out\/:\n/);
  expect(r.stdout).toMatch(new RegExp(` {2}Synthy\\.template\\.json +${template} bytes {2}template of Synthy\n`));
  expect(r.stdout).toMatch(
    / {2}infraguard-waivers\.yaml +\d+ bytes {2}InfraGuard waivers \(--waivers of infraguard scan\)\n/,
  );
  expect(r.stdout).toMatch(/ {2}manifest\.json +\d+ bytes {2}manifest\n/);
  expect(r.stderr).toContain(`actiontrail-cdk: ${WARNING}`);
  expect(r.stderr).toContain('findings: 0 error(s), 1 warning(s), 0 info (cloud assembly)\n');
  expect(count(r.stdout + r.stderr, 'AT-TRAIL-005')).toBe(1);
});

test('whatever ACTIONTRAIL_CDK_QUIET the user set, each finding is printed once; --strict makes a warning exit 1', async () => {
  for (const quiet of ['1', '0']) {
    const r = await run(['synth'], { ACTIONTRAIL_CDK_QUIET: quiet });
    expect(r.code).toBe(0);
    expect(count(r.stdout + r.stderr, 'AT-TRAIL-005')).toBe(1);
  }
  const strict = await run(['synth', '--strict']);
  expect(strict.code).toBe(1);
  expect(strict.stderr).toContain('actiontrail-cdk: --strict: the app has 1 warning finding(s)');
  expect(fs.existsSync(path.join(project, 'cdk.out', 'Synthy.template.json'))).toBe(true);
});

test('no findings: says so; a failing app: exit 1, naming the command', async () => {
  const clean = await run(['synth'], { TRAIL_NAME: 'audit_all' });
  expect(clean.code).toBe(0);
  expect(clean.stdout).toContain('Findings: none\n');
  const broken = await run(['synth'], { TRAIL_NAME: '' });
  expect(broken.code).toBe(1);
  expect(broken.stderr).toMatch(/actiontrail-cdk: synth: 'node .*app\.ts' failed \(exit 1\); its error: /);
  expect((await run(['synth', 'Synthy'])).stderr).toBe(
    "actiontrail-cdk: 'synth' takes no stack names (got 'Synthy')\n",
  );
});

/** The last line of `text` (without its newline). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) as string;

test('an app that throws: its stack trace passes through, and the closing line quotes its error, with what it means for the command', async () => {
  const env = { TRAIL_NAME: 'AuditAll' };
  const error =
    "its error: ValidationError: Trail 'Synthy/T': trailName 'AuditAll' must be 6-36 characters, start with a lowercase letter";
  const app = /^actiontrail-cdk: synth: 'node .*app\.ts' failed \(exit 1\); /;
  const cases: Array<[string[], string, number]> = [
    [['synth'], '', 1],
    [['deploy', '--yes'], 'nothing was deployed; ', 1],
    [['destroy', '--all', '--force'], 'nothing was destroyed; ', 1],
    [['list'], '', 1],
    [['diff'], '', 1],
    [['status'], '', 1],
    [['hunt'], '', 1],
    [['preflight'], '', 1],
  ];
  for (const [args, consequence, code] of cases) {
    const r = await run(args, env);
    const closing = lastLine(r.stderr);
    expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code, stdout: '' });
    expect({ args, closing: closing.replace(app, '') }).toEqual({
      args,
      closing: expect.stringMatching(new RegExp(`^${consequence}${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
    });
    expect(closing).toMatch(app);
    // The app's own output still passes through, above: its stack trace.
    expect(r.stderr).toMatch(/\n {4}at new Trail /);
  }
  // --json: the document says synth-failed, with the same message.
  const json = await run(['status', '--json'], env);
  expect(JSON.parse(json.stdout).error).toMatchObject({
    code: 'synth-failed',
    message: expect.stringContaining(error),
  });
});

test('an app whose new App({ outdir }) writes elsewhere: says so, and which --app to pass', async () => {
  const elsewhere = tempDir('atcdk-synth-outdir-');
  fs.writeFileSync(
    path.join(elsewhere, 'app.ts'),
    fs
      .readFileSync(path.join(project, 'app.ts'), 'utf8')
      .replace('new ros.App()', "new ros.App({ outdir: 'cdk.out.org' })"),
  );
  fs.copyFileSync(path.join(project, 'cdk.json'), path.join(elsewhere, 'cdk.json'));
  const expected =
    `actiontrail-cdk: synth: '${JSON.parse(fs.readFileSync(path.join(elsewhere, 'cdk.json'), 'utf8')).app}' ran but wrote no cloud assembly to ` +
    `${path.join(elsewhere, 'cdk.out')} (the CDK_OUTDIR this command gave it); it wrote one to cdk.out.org. ` +
    'An outdir set in new App({ outdir }) overrides CDK_OUTDIR: leave outdir out of new App(...), or pass --app cdk.out.org\n';
  for (const args of [['list'], ['synth']]) {
    const r = await runCli(args, { endpoint: 'http://127.0.0.1:9', cwd: elsewhere, ...creds, env: {} });
    expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
    expect(lastLine(r.stderr) + '\n').toBe(expected);
  }
  // And the advice works.
  const list = await runCli(['list', '--app', 'cdk.out.org'], {
    endpoint: 'http://127.0.0.1:9',
    cwd: elsewhere,
    ...creds,
  });
  expect(list.code).toBe(0);
  expect(list.stdout).toContain('Synthy');
});
