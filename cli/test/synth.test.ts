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
  expect(broken.stderr).toMatch(
    /actiontrail-cdk: synth: 'node .*app\.ts' failed \(exit 1\); its output above says why/,
  );
  expect((await run(['synth', 'Synthy'])).stderr).toBe(
    "actiontrail-cdk: 'synth' takes no stack names (got 'Synthy')\n",
  );
});
