/**
 * Selecting stacks, through the command against the stand-in: names and globs
 * (`*`, `?`), `--all`, `--exclusively`, the dependencies deploy adds and the
 * dependents destroy adds (printed before acting), and destroy's refusal to
 * act on every stack without `--all`.
 */
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];
const template = (type: string) => ({
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: { R: { Type: type, Properties: {} } },
});

let root: string;
let creds: { home: string; credentialsFile: string };

/** OrgAudit-LogArchive (3333) <- OrgAudit-Management (1111) <- Member-Extra (1111). */
beforeAll(() => {
  root = tempDir('atcdk-sel-');
  creds = tempHome();
  writeAssembly(path.join(root, 'app'), [
    { id: 'OrgAudit-LogArchive', template: template('ALIYUN::RAM::Role'), account: ARCHIVE, region: 'cn-hangzhou' },
    {
      id: 'OrgAudit-Management',
      template: template('ALIYUN::MNS::Queue'),
      account: MGMT,
      region: 'cn-hangzhou',
      dependencies: ['OrgAudit-LogArchive'],
    },
    {
      id: 'Member-Extra',
      template: template('ALIYUN::MNS::Queue'),
      account: MGMT,
      region: 'cn-hangzhou',
      dependencies: ['OrgAudit-Management'],
    },
  ]);
});

/** The stand-in, with the bin run on the app of three stacks with every profile. */
const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body, (args) => [...args, '--app', 'app', ...PROFILE_FLAGS]);

const live = (s: CloudStandIn): string[] =>
  [
    ['OrgAudit-LogArchive', ARCHIVE],
    ['OrgAudit-Management', MGMT],
    ['Member-Extra', MGMT],
  ]
    .filter(([name, account]) => s.liveStack(account, name) !== undefined)
    .map(([name]) => name);

test("status and diff take globs: 'OrgAudit-Man*' and 'OrgAudit-Managemen?' select one stack; a glob matching nothing names the stacks", async () => {
  await withStandIn(async (standIn, run) => {
    const star = await run(['status', 'OrgAudit-Man*']);
    expect(star.code).toBe(1);
    expect(star.stdout).toBe('OrgAudit-Management: not deployed (account 1111111111111111, cn-hangzhou)\n');
    const question = await run(['status', 'OrgAudit-Managemen?']);
    expect(question.stdout).toBe(star.stdout);
    const both = await run(['diff', 'OrgAudit-*']);
    expect(both.code).toBe(2);
    expect(both.stdout).toContain('OrgAudit-LogArchive: new stack');
    expect(both.stdout).toContain('OrgAudit-Management: new stack');
    expect(both.stdout).not.toContain('Member-Extra');

    const before = standIn.requests.length;
    const none = await run(['status', 'Nothing-*']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "actiontrail-cdk: 'Nothing-*' matches no stack in the cloud assembly; it holds: OrgAudit-LogArchive, OrgAudit-Management, Member-Extra\n",
    );
    expect(standIn.requests.length).toBe(before);
  });
});

test('deploy: a glob plus its dependencies, listed before acting; --exclusively leaves them out', async () => {
  await withStandIn(async (standIn, run) => {
    const only = await run(['deploy', 'OrgAudit-Log*', '--yes']);
    expect(only.code).toBe(0);
    expect(only.stdout).not.toContain('Including');

    const glob = await run(['deploy', 'Member-*', '--exclusively', '--yes']);
    expect(glob.code).toBe(0);
    expect(glob.stdout).toContain('Deploying 1 stack(s), in this order:\n  Member-Extra (account 1111111111111111');
    expect(live(standIn)).toEqual(['OrgAudit-LogArchive', 'Member-Extra']);

    const all = await run(['deploy', 'Member-Extra', '--yes']);
    expect(all.code).toBe(0);
    const plan = all.stdout.slice(0, all.stdout.indexOf('OrgAudit-LogArchive: no changes'));
    expect(plan).toMatch(
      /Deploying 3 stack\(s\), in this order:\n {2}OrgAudit-LogArchive .*: update \(no template changes\)\n {2}OrgAudit-Management .*: create \(1 resource\(s\)\)\n {2}Member-Extra .*: update \(no template changes\)\nIncluding 2 stack\(s\) as dependencies of the selection: OrgAudit-LogArchive, OrgAudit-Management \(--exclusively leaves them out\)\n/,
    );
    expect(live(standIn)).toEqual(['OrgAudit-LogArchive', 'OrgAudit-Management', 'Member-Extra']);
  });
});

test('destroy --force without names or --all deletes nothing, exits non-zero and names what --all would delete; --exclusively and --all', async () => {
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', '--all', '--yes'])).code).toBe(0);
    const deployed = standIn.requests.length;

    for (const args of [['destroy', '--force'], ['destroy']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'actiontrail-cdk: destroy needs stack names or --all; nothing was deleted. --all would delete 3 stack(s): Member-Extra, OrgAudit-Management, OrgAudit-LogArchive\n',
      );
    }
    expect(standIn.requests.length).toBe(deployed);
    expect(standIn.calls('DeleteStack')).toHaveLength(0);
    expect(live(standIn)).toEqual(['OrgAudit-LogArchive', 'OrgAudit-Management', 'Member-Extra']);

    const both = await run(['destroy', 'Member-Extra', '--all', '--force']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give stack names or --all, not both');

    const dependents = await run(['destroy', 'OrgAudit-Man*', '--exclusively', '--force']);
    expect(dependents.code).toBe(0);
    expect(dependents.stdout).toContain(
      'Destroying 1 stack(s), in this order (dependents first):\n  OrgAudit-Management (',
    );
    expect(live(standIn)).toEqual(['OrgAudit-LogArchive', 'Member-Extra']);

    const withDependents = await run(['destroy', 'OrgAudit-LogArchive', '--force']);
    expect(withDependents.code).toBe(0);
    expect(withDependents.stdout).toContain(
      'Including 2 stack(s) as dependents of the selection: Member-Extra, OrgAudit-Management (--exclusively leaves them out)',
    );
    expect(live(standIn)).toEqual([]);

    expect((await run(['deploy', '--all', '--yes'])).code).toBe(0);
    const all = await run(['destroy', '--all', '--force']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(
      /Destroying 3 stack\(s\), in this order \(dependents first\):\n {2}Member-Extra .*\n {2}OrgAudit-Management .*\n {2}OrgAudit-LogArchive /,
    );
    expect(live(standIn)).toEqual([]);
  });
});
