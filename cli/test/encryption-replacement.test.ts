/**
 * A change of a deployed MaxCompute project's storage encryption (issue 23):
 * ROS documents the project's Properties as not editable, so it is a
 * replacement of the audit project. `diff` and `preflight` say so, and
 * `deploy` refuses it unless `--allow-project-replacement` is given (also
 * with `--no-preflight`). Run against the stateful stand-in.
 */
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';
import { encryptionReplacements } from '../src/template-diff';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`];

const archiveTemplate = (encryption?: Record<string, unknown>) => ({
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: {
    Project: {
      Type: 'ALIYUN::MaxCompute::Project',
      Properties: {
        Name: 'actiontrail_3333333333333333',
        ...(encryption ? { Properties: { Encryption: encryption } } : {}),
      },
      DeletionPolicy: 'Retain',
    },
  },
});

let root: string;
let creds: { home: string; credentialsFile: string };

function assembly(name: string, encryption?: Record<string, unknown>): void {
  writeAssembly(path.join(root, name), [
    { id: 'Archive', template: archiveTemplate(encryption), account: ARCHIVE, region: 'cn-hangzhou' },
  ]);
}

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

beforeAll(() => {
  root = tempDir('atcdk-enc-');
  creds = tempHome();
  assembly('plain');
  assembly('encrypted', { Enable: true, Algorithm: 'AESCTR' });
});

test('encryptionReplacements: only a project in both templates whose Encryption differs (key order ignored)', () => {
  const t = (e?: unknown) => archiveTemplate(e as Record<string, unknown> | undefined);
  expect(encryptionReplacements(undefined, t({ Enable: true }))).toEqual([]);
  expect(
    encryptionReplacements(t({ Enable: true, Algorithm: 'AESCTR' }), t({ Algorithm: 'AESCTR', Enable: true })),
  ).toEqual([]);
  expect(encryptionReplacements(t(), t({ Enable: true, Algorithm: 'AESCTR' }))).toEqual([
    { logicalId: 'Project', old: undefined, new: { Enable: true, Algorithm: 'AESCTR' } },
  ]);
  expect(encryptionReplacements({ Resources: {} }, t({ Enable: true }))).toEqual([]);
});

test('diff and preflight report the replacement; deploy refuses it unless --allow-project-replacement', async () => {
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', 'Archive', '--app', 'plain', ...PROFILE_FLAGS, '--yes'])).code).toBe(0);
    const deployedId = standIn.liveStack(ARCHIVE, 'Archive')!.id;

    const diff = await run(['diff', 'Archive', '--app', 'encrypted', ...PROFILE_FLAGS]);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(
      '  [~] Project (ALIYUN::MaxCompute::Project) (replacement: storage encryption changes; ROS documents Properties as not editable)\n',
    );

    const preflight = await run(['preflight', 'Archive', '--app', 'encrypted', ...PROFILE_FLAGS]);
    expect(preflight.code).toBe(1);
    expect(preflight.stdout).toContain(
      'Project (ALIYUN::MaxCompute::Project): storage encryption (absent) -> {"Enable":true,"Algorithm":"AESCTR"} replaces the project that holds the audit events',
    );
    expect(preflight.stdout).toMatch(/maxcompute\.encryption/);

    for (const extra of [[], ['--no-preflight']]) {
      const refused = await run(['deploy', 'Archive', '--app', 'encrypted', ...PROFILE_FLAGS, '--yes', ...extra]);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toContain('--allow-project-replacement');
      expect(standIn.liveStack(ARCHIVE, 'Archive')!.id).toBe(deployedId);
    }
    expect(standIn.calls('UpdateStack')).toHaveLength(0);

    const allowed = await run([
      'deploy',
      'Archive',
      '--app',
      'encrypted',
      ...PROFILE_FLAGS,
      '--yes',
      '--allow-project-replacement',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('Replacement allowed (--allow-project-replacement): stack');
    expect(standIn.calls('UpdateStack')).toHaveLength(1);
  });
});
