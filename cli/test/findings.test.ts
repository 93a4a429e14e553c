/**
 * The command prints the app's findings before `list`, `diff`, `deploy` and
 * `preflight`, each once, from the cloud assembly (manifest annotations and
 * audit-checks.json); an error finding stops the command, and `--strict` makes
 * a warning stop it too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

let root: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

const REGION_WARNING =
  "[AT-TRAIL-007] trailRegion 'cn-hangzou' is not a known region ID (did you mean cn-hangzhou?). Fix: use a region ID from the ActionTrail region list";
const EMBEDDED = {
  ruleId: 'AT-TRAIL-005',
  level: 'warning',
  path: 'Solo/Members/Trail',
  logicalId: 'Trail',
  resourceType: 'Custom::ActionTrailTrail',
  message: "name 'member-audit' has a hyphen",
  fix: 'use an underscore',
  anchors: [],
  suppressed: false,
};

/** An assembly of one stack with the given annotations and audit-checks.json findings. */
function assembly(name: string, annotations: Array<{ type: string; data: string }>, reportFindings: object[]): string {
  const dir = path.join(root, name);
  writeAssembly(dir, [
    {
      id: 'Solo',
      account: '9999999999999999',
      region: 'cn-hangzhou',
      template: {
        ROSTemplateFormatVersion: '2015-09-01',
        Resources: { Queue: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } },
      },
    },
  ]);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.artifacts.Solo.metadata['/Solo/Trail/Trail'] = annotations;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(dir, 'audit-checks.json'),
    JSON.stringify({
      version: 1,
      rules: [],
      summary: {},
      stacks: [
        {
          stackName: 'Solo',
          templateFile: 'Solo.template.json',
          resourcesChecked: 1,
          findings: [
            {
              ruleId: 'AT-TRAIL-007',
              level: 'warning',
              path: 'Solo/Trail/Trail',
              logicalId: 'Trail',
              resourceType: 'Custom::ActionTrailTrail',
              message: "trailRegion 'cn-hangzou' is not a known region ID (did you mean cn-hangzhou?)",
              fix: 'use a region ID from the ActionTrail region list',
              anchors: [],
              suppressed: false,
            },
            { ...EMBEDDED, ruleId: 'AT-TRAIL-001', message: 'suppressed one', suppressed: true, reason: 'ok' },
          ],
        },
        {
          stackName: 'Solo/Members',
          templateFile: 'Solo.template.json',
          embeddedAt: '/Resources/Members/Properties/TemplateBody',
          resourcesChecked: 1,
          findings: reportFindings,
        },
      ],
    }),
  );
  return dir;
}

beforeAll(() => {
  root = tempDir('atcdk-findings-');
  creds = tempHome();
  assembly('warn', [{ type: 'aliyun:ros:warning', data: REGION_WARNING }], [EMBEDDED]);
  assembly(
    'error',
    [{ type: 'aliyun:ros:error', data: '[AT-TRAIL-009] the role does not trust 1111. Fix: add it' }],
    [],
  );
});

test('list, diff, deploy and preflight print every finding once (manifest and audit-checks.json), suppressed ones not', async () => {
  await withStandIn(async (_standIn, run) => {
    const expected =
      'actiontrail-cdk: warning AT-TRAIL-007 at Solo/Trail/Trail: ' +
      "trailRegion 'cn-hangzou' is not a known region ID (did you mean cn-hangzhou?). Fix: use a region ID from the ActionTrail region list\n" +
      "actiontrail-cdk: warning AT-TRAIL-005 at Solo/Members/Trail: name 'member-audit' has a hyphen. Fix: use an underscore\n" +
      'findings: 0 error(s), 2 warning(s), 0 info (cloud assembly)\n';
    const list = await run(['list', '--app', 'warn']);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(expected);
    expect(list.stdout).toContain('Solo');
    for (const command of ['diff', 'deploy', 'preflight']) {
      const r = await run([
        command,
        '--app',
        'warn',
        '--profile',
        'default',
        ...(command === 'deploy' ? ['--yes'] : []),
      ]);
      expect(r.stderr.slice(0, expected.length)).toBe(expected);
    }
  });
});

test('--strict turns a warning into exit 1 before anything is called; an error finding always stops', async () => {
  await withStandIn(async (standIn, run) => {
    const list = await run(['list', '--app', 'warn', '--strict']);
    expect(list.code).toBe(1);
    expect(list.stdout).toBe('');
    expect(list.stderr).toContain(
      'actiontrail-cdk: --strict: the app has 2 warning finding(s): fix them, suppress them with a reason (AuditChecks), or run without --strict; nothing was done',
    );
    const deploy = await run(['deploy', '--app', 'warn', '--profile', 'default', '--yes', '--strict']);
    expect(deploy.code).toBe(1);
    expect(standIn.requests).toEqual([]);

    const error = await run(['deploy', '--app', 'error', '--profile', 'default', '--yes']);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain(
      'actiontrail-cdk: error AT-TRAIL-009 at Solo/Trail/Trail: the role does not trust 1111. Fix: add it\n',
    );
    expect(error.stderr).toContain('the app has 1 error finding(s)');
    expect(standIn.requests).toEqual([]);
    // status is a post-deploy check: it reports no findings.
    const status = await run(['status', '--app', 'warn', '--profile', 'default']);
    expect(status.stderr).not.toContain('AT-TRAIL-007');
  });
});

test('an app synthesized by the command prints nothing itself (ACTIONTRAIL_CDK_QUIET=1): the command prints each finding once', async () => {
  const project = tempDir('atcdk-findings-synth-');
  const warn = path.join(root, 'warn');
  fs.writeFileSync(
    path.join(project, 'app.js'),
    `
    const fs = require('fs'); const path = require('path');
    if (process.env.ACTIONTRAIL_CDK_QUIET !== '1') process.stderr.write('app printed its own findings\\n');
    fs.cpSync(${JSON.stringify(warn)}, process.env.CDK_OUTDIR, { recursive: true });
  `,
  );
  fs.writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
  await withStandIn(async (_standIn, run) => {
    const r = await run(['list'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('app printed its own findings');
    expect(r.stderr.match(/AT-TRAIL-007/g)).toHaveLength(1);
  });
});
