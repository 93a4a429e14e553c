/**
 * `--json` runs that fail before the command's document, through the bin
 * against the stand-in: standard output still holds exactly one document, the
 * error document docs/cli.md publishes (validated with ajv against that very
 * block), with the exit code and the standard error line of a run without
 * `--json`, and no credential. And an unknown stack name gets "did you mean".
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { CliRun, StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];
const queue = (name: string) => ({
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: name } } },
});

let root: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

beforeAll(() => {
  root = tempDir('atcdk-json-errors-');
  creds = tempHome();
  writeAssembly(path.join(root, 'app'), [
    { id: 'OrgAudit-LogArchive', template: queue('a'), account: ARCHIVE, region: 'cn-hangzhou' },
    {
      id: 'OrgAudit-Management',
      template: queue('m'),
      account: MGMT,
      region: 'cn-hangzhou',
      dependencies: ['OrgAudit-LogArchive'],
    },
  ]);
  // An app with an error finding: list, diff and preflight stop before their document.
  const findings = path.join(root, 'findings');
  writeAssembly(findings, [{ id: 'Solo', template: queue('s'), account: MGMT, region: 'cn-hangzhou' }]);
  const manifestFile = path.join(findings, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.artifacts.Solo.metadata['/Solo/Trail'] = [
    { type: 'aliyun:ros:error', data: '[AT-TRAIL-001] the trail delivers nowhere' },
  ];
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
});

/**
 * The one document on standard output, after checking it is the published
 * error document of `command` with the run's exit code, and that standard
 * error carries the same message.
 */
function errorDocument(r: CliRun, command: string | null): { message: string; code: string; cloudCode: string | null } {
  expect(r.stdout.trim()).not.toBe('');
  const doc = JSON.parse(r.stdout) as Record<string, any>;
  expect(validate(doc, documentedSchema('error'))).toEqual([]);
  expect(doc).toMatchObject({ schema: 'actiontrail-cdk/error', version: 1, command, ok: false, exitCode: r.code });
  expect(r.stderr).toContain(`actiontrail-cdk: ${doc.error.message.split('\n')[0]}`);
  return doc.error;
}

test('an unknown stack: did you mean, on standard error and in the error document (exit 2; diff 1)', async () => {
  await withStandIn(async (standIn, run) => {
    const human = await run(['status', 'orgaudit-managment', '--app', 'app', ...PROFILE_FLAGS]);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toBe(
      "actiontrail-cdk: no stack 'orgaudit-managment' in the cloud assembly (did you mean 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management\n",
    );

    const r = await run(['status', 'orgaudit-managment', '--app', 'app', ...PROFILE_FLAGS, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(human.stderr);
    expect(errorDocument(r, 'status')).toEqual({
      message:
        "no stack 'orgaudit-managment' in the cloud assembly (did you mean 'OrgAudit-Management'?); it holds: OrgAudit-LogArchive, OrgAudit-Management",
      code: 'unknown-stack',
      cloudCode: null,
    });

    const diff = await run(['diff', 'Nope', '--app', 'app', ...PROFILE_FLAGS, '--json']);
    expect(diff.code).toBe(1);
    expect(errorDocument(diff, 'diff')).toMatchObject({ code: 'unknown-stack' });
    expect(standIn.requests).toEqual([]);
  });
});

test('a missing cloud assembly, a bad command line, error findings: one error document each, nothing called', async () => {
  await withStandIn(async (standIn, run) => {
    const missing = await run(['status', '--app', 'no-such-dir', ...PROFILE_FLAGS, '--json']);
    expect(missing.code).toBe(2);
    expect(errorDocument(missing, 'status')).toMatchObject({ code: 'no-assembly', cloudCode: null });
    expect(missing.stderr).toMatch(/cloud assembly '.*no-such-dir': .*manifest\.json does not exist/);

    const list = await run(['list', '--app', 'no-such-dir', '--json']);
    expect(list.code).toBe(2);
    expect(errorDocument(list, 'list')).toMatchObject({ code: 'no-assembly' });

    // Not parsed: the document comes from the command line as spelt.
    const bad = await run(['status', '--json', '--wait-for-delivery', 'soon', '--app', 'app']);
    expect(bad.code).toBe(2);
    expect(errorDocument(bad, 'status')).toEqual({
      message: "--wait-for-delivery 'soon' must be a positive number of minutes",
      code: 'usage',
      cloudCode: null,
    });
    const unknownCommand = await run(['stauts', '--json']);
    expect(unknownCommand.code).toBe(2);
    expect(errorDocument(unknownCommand, null)).toMatchObject({ code: 'usage' });
    expect(unknownCommand.stderr).toContain('(did you mean status?)');

    const findings = await run(['preflight', '--app', 'findings', '--profile', 'mgmt', '--json']);
    expect(findings.code).toBe(1);
    expect(errorDocument(findings, 'preflight')).toEqual({
      message: 'the app has 1 error finding(s): fix them (each line says how) and synthesize again; nothing was done',
      code: 'findings',
      cloudCode: null,
    });
    expect(findings.stderr).toContain('AT-TRAIL-001');
    expect(standIn.requests).toEqual([]);
  });
});

test('credentials that do not load, keys the cloud rejects, a refused call: one error document, no credential in it', async () => {
  await withStandIn(async (standIn, run) => {
    const noProfile = await run([
      'status',
      '--app',
      'app',
      '--profile',
      `${ARCHIVE}=nosuch`,
      '--profile',
      `${MGMT}=mgmt`,
      '--json',
    ]);
    expect(noProfile.code).toBe(1);
    const noProfileError = errorDocument(noProfile, 'status');
    expect(noProfileError).toMatchObject({ code: 'credentials', cloudCode: null });
    expect(noProfileError.message).toContain("cannot load profile 'nosuch'");

    // Keys the stand-in does not know: the cloud says InvalidAccessKeyId.NotFound.
    const home = tempHome();
    fs.writeFileSync(
      home.credentialsFile,
      '[stranger]\ntype = access_key\naccess_key_id = LTAI5tStrangerKey00009\naccess_key_secret = strangerSecret-0a1b2c3d4e\n',
    );
    const rejected = await run(
      ['status', 'OrgAudit-Management', '--app', 'app', '--profile', 'stranger', '--json'],
      home,
    );
    expect(rejected.code).toBe(1);
    const rejectedError = errorDocument(rejected, 'status');
    expect(rejectedError).toMatchObject({ code: 'credentials', cloudCode: 'InvalidAccessKeyId.NotFound' });
    for (const secret of ['LTAI5tStrangerKey00009', 'strangerSecret-0a1b2c3d4e']) {
      expect(rejected.stdout).not.toContain(secret);
      expect(rejected.stderr).not.toContain(secret);
    }

    standIn.faults.push({
      action: 'ListStacks',
      times: 1,
      status: 403,
      code: 'Forbidden.RAM',
      message: 'User not authorized to operate on the specified resource.',
    });
    const refused = await run(['status', 'OrgAudit-Management', '--app', 'app', ...PROFILE_FLAGS, '--json']);
    expect(refused.code).toBe(1);
    expect(errorDocument(refused, 'status')).toMatchObject({ code: 'cloud', cloudCode: 'Forbidden.RAM' });
    expect(refused.stderr).toContain('Forbidden.RAM');

    // Nothing listens on port 9: the connection is refused (the retries are short here).
    const unreachable = await run(['status', 'OrgAudit-Management', '--app', 'app', ...PROFILE_FLAGS, '--json'], {
      endpoint: 'http://127.0.0.1:9',
    });
    expect(unreachable.code).toBe(1);
    expect(errorDocument(unreachable, 'status')).toMatchObject({ code: 'network', cloudCode: null });

    // When it works, the command's own document and no other.
    const ok = await run(['status', 'OrgAudit-Management', '--app', 'app', ...PROFILE_FLAGS, '--json']);
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.stdout)).toMatchObject({ schema: 'actiontrail-cdk/status', ok: false });
  });
});
