/**
 * The command line itself, through the command against the stand-in:
 * `--version`, help per command (`deploy --help`, `help deploy`), our own
 * one-line messages for unknown options and missing values, `--profile NAME`
 * for a one-account app, and `diff`'s exit codes (0 same, 1 error, 2 differs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { CLI_ROOT, PROFILES, StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';
import { commandsWith } from '../src/args';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const template = (queue: string) => ({
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: { Queue: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: queue } } },
});

let root: string;
let creds: { home: string; credentialsFile: string };

beforeAll(() => {
  root = tempDir('atcdk-ux-');
  creds = tempHome();
  // One account (the management account), two stacks.
  writeAssembly(path.join(root, 'one'), [
    { id: 'Audit-A', template: template('a'), account: MGMT, region: 'cn-hangzhou' },
    { id: 'Audit-B', template: template('b'), account: MGMT, region: 'cn-hangzhou', dependencies: ['Audit-A'] },
  ]);
  writeAssembly(path.join(root, 'one-v2'), [
    { id: 'Audit-A', template: template('a2'), account: MGMT, region: 'cn-hangzhou' },
    { id: 'Audit-B', template: template('b'), account: MGMT, region: 'cn-hangzhou', dependencies: ['Audit-A'] },
  ]);
  // Two accounts.
  writeAssembly(path.join(root, 'two'), [
    { id: 'Archive', template: template('x'), account: ARCHIVE, region: 'cn-hangzhou' },
    { id: 'Mgmt', template: template('y'), account: MGMT, region: 'cn-hangzhou', dependencies: ['Archive'] },
  ]);
});

/** The stand-in, with the bin run in the project directory. */
const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

test("--version prints the CLI package's version", async () => {
  await withStandIn(async (standIn, run) => {
    const version = (JSON.parse(fs.readFileSync(path.join(CLI_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run(['deploy', '--version'])).stdout).toBe(`${version}\n`);
    expect(standIn.requests).toEqual([]);
  });
});

test('help per command: deploy --help and help deploy show the options of deploy with an example', async () => {
  await withStandIn(async (standIn, run) => {
    const flag = await run(['deploy', '--help']);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/^Usage: actiontrail-cdk deploy \[STACK\.\.\.\]/);
    for (const option of [
      '--all',
      '--exclusively',
      '--outputs-file <file>',
      '--yes, -y',
      '--profile <account>=<name>',
    ]) {
      expect(flag.stdout).toContain(option);
    }
    expect(flag.stdout).not.toContain('--force');
    expect(flag.stdout).toContain('Examples:\n  actiontrail-cdk deploy ');
    const command = await run(['help', 'deploy']);
    expect(command).toEqual(flag);

    const destroy = await run(['destroy', '-h']);
    expect(destroy.stdout).toContain('--force, -f');
    expect(destroy.stdout).not.toContain('--outputs-file');
    const diff = await run(['help', 'diff']);
    expect(diff.stdout).toContain(
      '0 no differences, 1 error (including a stack that cannot be updated), 2 differences',
    );

    const general = await run(['help']);
    expect(general.stdout).toMatch(/^Usage: actiontrail-cdk <command>/);
    expect((await run(['--help'])).stdout).toBe(general.stdout);
    expect(general.stdout).toContain('actiontrail-cdk <command> --help shows the options of a command.');
    expect(standIn.requests).toEqual([]);
  });
});

test('the general help lists every command there is, hunt included, each with its synopsis', async () => {
  await withStandIn(async (standIn, run) => {
    const general = await run(['--help']);
    const listed = [...general.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...commandsWith('help'), 'help'].sort());
    expect(general.stdout).toMatch(/^ {2}hunt \[STACK\.\.\.\] +the detections as queries over the trails/m);
    expect(standIn.requests).toEqual([]);
  });
});

test('the general help says, for each option not every command takes, which commands take it, as the parser does', async () => {
  await withStandIn(async (standIn, run) => {
    const general = (await run(['--help'])).stdout;
    const lines = [...general.matchAll(/^ {2}--([a-z-]+)(?:, -[a-z])?(?: \S+)? +(.*)$/gm)];
    expect(lines.length).toBeGreaterThan(15);
    const every = commandsWith('help').length;
    for (const [, option, help] of lines) {
      const commands = commandsWith(option);
      const listed = commands.length > 0 && commands.length < every ? `(${commands.join(', ')}) ` : '';
      expect({ option, help: help.slice(0, listed.length) }).toEqual({ option, help: listed });
      if (listed === '') expect({ option, help }).toEqual({ option, help: expect.not.stringMatching(/^\(/) });
    }
    expect(general).toMatch(/^ {2}--timeout <minutes> +\(deploy, destroy\) wait at most this long/m);
    expect(general).toMatch(/^ {2}--wait-for-delivery <minutes> +\(status\) wait up to this long/m);
    expect(general).toMatch(/^ {2}--help, -h +this text$/m);
    // What the help says is what the parser does.
    const refused = await run(['status', '--app', 'one', '--timeout', '5']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("'--timeout' is not an option of status (it is an option of deploy, destroy)");
    expect(standIn.requests).toEqual([]);
  });
});

test('unknown options and missing values: one line of our own, with a suggestion and where to find help', async () => {
  await withStandIn(async (standIn, run) => {
    const cases: Array<[string[], string]> = [
      [
        ['destroy', 'Archive', '--frce'],
        "unknown option '--frce' for destroy (did you mean --force?); see actiontrail-cdk destroy --help",
      ],
      [
        ['deploy', '--frce'],
        "unknown option '--frce' for deploy (did you mean --force, an option of destroy?); see actiontrail-cdk deploy --help",
      ],
      [
        ['deploy', '--exclusivly'],
        "unknown option '--exclusivly' for deploy (did you mean --exclusively?); see actiontrail-cdk deploy --help",
      ],
      [['status', '-x'], "unknown option '-x' for status; see actiontrail-cdk status --help"],
      [
        ['status', '--outputs-file', 'o.json'],
        "'--outputs-file' is not an option of status (it is an option of deploy); see actiontrail-cdk status --help",
      ],
      [['deploy', '--app'], "option '--app' needs a value: --app <dir>; see actiontrail-cdk deploy --help"],
      [
        ['deploy', '--profile', '--yes'],
        "option '--profile' needs a value: --profile <account>=<name>; see actiontrail-cdk deploy --help",
      ],
      [['deploy', '--yes=no'], "option '--yes' takes no value (got 'no'); see actiontrail-cdk deploy --help"],
      [['deploi'], "unknown command 'deploi' (did you mean deploy?); see actiontrail-cdk --help"],
      [['help', 'deploi'], "no command 'deploi' to help with; see actiontrail-cdk --help"],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
        args,
        code: 2,
        stderr: `actiontrail-cdk: ${message}\n`,
        stdout: '',
      });
    }
    expect(standIn.requests).toEqual([]);
  });
});

test('--profile NAME serves an app whose stacks are all in one account; across accounts it says to use <account>=<profile>', async () => {
  await withStandIn(async (standIn, run) => {
    const one = await run(['deploy', '--app', 'one', '--profile', 'mgmt', '--yes']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`Audit-A (account ${MGMT}, cn-hangzhou, profile 'mgmt'): create`);
    expect(standIn.calls('CreateStack').map((c) => [c.params.StackName, c.account])).toEqual([
      ['Audit-A', MGMT],
      ['Audit-B', MGMT],
    ]);

    // The wrong profile for that one account: the account check still refuses, in good grammar.
    const wrong = await run(['diff', '--app', 'one', '--profile=archive']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `stack 'Audit-A' belongs to account ${MGMT}, but profile 'archive' belongs to account ${ARCHIVE}`,
    );

    const requests = standIn.requests.length;
    const two = await run(['deploy', '--app', 'two', '--profile', 'mgmt', '--yes']);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(
      `actiontrail-cdk: --profile mgmt would serve every stack, but the stacks are in 2 accounts (${ARCHIVE}, ${MGMT}): ` +
        `name one account's stacks, or give each account its profile: --profile <account>=<profile>, e.g. ` +
        `--profile ${ARCHIVE}=<its profile> --profile ${MGMT}=<its profile>\n`,
    );
    // Only the stacks named count: one account's stacks take one profile (the STS check still guards each stack).
    const both = await run(['diff', 'Archive', 'Mgmt', '--app', 'two', '--profile', 'mgmt']);
    expect(both.stderr).toContain('the stacks named (Archive, Mgmt) are in 2 accounts');
    // diff keeps 2 for differences: a usage error is 1 there.
    expect(both.code).toBe(1);
    const mixed = await run(['deploy', '--app', 'two', '--profile', 'mgmt', '--profile', `${ARCHIVE}=archive`]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot be combined');
    expect(standIn.requests.length).toBe(requests);
    expect(PROFILES.mgmt.account).toBe(MGMT);
    const archiveOnly = await run(['diff', 'Archive', '--app', 'two', '--profile', 'archive']);
    expect(archiveOnly.stderr).not.toContain('would serve every stack');
    expect(archiveOnly.stdout).toContain('Archive');
  });
});

test('diff exits 0 when nothing differs, 2 when something does, 1 on an error; a stack that cannot be updated is reported as such', async () => {
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', '--app', 'one', '--profile', 'mgmt', '--yes'])).code).toBe(0);
    const same = await run(['diff', '--app', 'one', '--profile', 'mgmt']);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe(
      'Audit-A: no differences (stack CREATE_COMPLETE)\nAudit-B: no differences (stack CREATE_COMPLETE)\n' +
        'Security changes: none (no trust principal, policy action or resource, or function code changes)\n',
    );
    const differs = await run(['diff', '--app', 'one-v2', '--profile', 'mgmt']);
    expect(differs.code).toBe(2);
    expect(differs.stdout).toContain('Audit-A: 1 change(s) (stack CREATE_COMPLETE)\n  [~] Queue (ALIYUN::MNS::Queue)');

    // Errors exit 1, usage errors included: never 2, which would read as "differs".
    expect((await run(['diff', '--app', 'one', '--profile', 'mgmt', '--frce'])).code).toBe(1);
    expect((await run(['diff', 'Nope', '--app', 'one', '--profile', 'mgmt'])).code).toBe(1);
    expect((await run(['diff', '--app', 'one', '--profile', 'archive'])).code).toBe(1);

    for (const status of ['ROLLBACK_COMPLETE', 'UPDATE_FAILED', 'DELETE_FAILED', 'UPDATE_IN_PROGRESS']) {
      standIn.liveStack(MGMT, 'Audit-A')!.status = status;
      const r = await run(['diff', '--app', 'one', '--profile', 'mgmt']);
      expect({ status, code: r.code }).toEqual({ status, code: 1 });
      expect(r.stdout).toMatch(new RegExp(`^Audit-A: cannot be updated: stack is ${status}`));
      expect(r.stdout).not.toContain('Audit-A: no differences');
      expect(r.stdout).toContain('Audit-B: no differences');
      expect(r.stderr).toBe('diff: 1 stack(s) cannot be updated: Audit-A\n');
    }
    expect(standIn.calls('UpdateStack')).toHaveLength(0);
  });
});

test('credentials and network failures: one line naming the stack, account, profile, step and fix; the SDK text with --verbose', async () => {
  const onlyArchive = path.join(root, 'only-archive');
  fs.writeFileSync(
    onlyArchive,
    `[archive]\ntype = access_key\naccess_key_id = ${PROFILES.archive.id}\naccess_key_secret = ${PROFILES.archive.secret}\n`,
  );
  const wrongSecret = path.join(root, 'wrong-secret');
  fs.writeFileSync(
    wrongSecret,
    `[mgmt]\ntype = access_key\naccess_key_id = ${PROFILES.mgmt.id}\naccess_key_secret = not-the-mgmt-secret\n`,
  );
  await withStandIn(async (standIn, run) => {
    const noDefault = await run(['status', '--app', 'two', '--profile', `${ARCHIVE}=archive`], {
      credentialsFile: onlyArchive,
    });
    expect(noDefault.code).toBe(1);
    expect(noDefault.stderr).toMatch(
      new RegExp(
        `^actiontrail-cdk: stack 'Mgmt' \\(account ${MGMT}, the default credentials\\): loading the credentials: cannot load the default credentials; ` +
          `fix: set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a \\[default\\] section in ${onlyArchive.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(--verbose shows the SDK message\\)\\n$`,
      ),
    );
    const verbose = await run(['status', '--app', 'two', '--profile', `${ARCHIVE}=archive`, '--verbose'], {
      credentialsFile: onlyArchive,
    });
    expect(verbose.stderr.split('\n')).toHaveLength(3);
    expect(verbose.stderr.split('\n')[1]).toMatch(/^ {2}SDK: .+/);

    const noProfile = await run(['diff', '--app', 'one', '--profile', 'mgmt'], { credentialsFile: onlyArchive });
    expect(noProfile.code).toBe(1);
    expect(noProfile.stderr).toContain(
      `actiontrail-cdk: stack 'Audit-A' (account ${MGMT}, profile 'mgmt'): loading the credentials: cannot load profile 'mgmt'; ` +
        `fix: it is not in ${onlyArchive} (profiles: archive) nor in ${path.join(creds.home, '.aliyun', 'config.json')} (profiles: none): ` +
        `add a [mgmt] section to ${onlyArchive}`,
    );
    expect(noProfile.stderr.trim().split('\n')).toHaveLength(1);

    const refused = await run(['deploy', '--app', 'one', '--profile', 'mgmt', '--yes'], {
      credentialsFile: wrongSecret,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `actiontrail-cdk: stack 'Audit-A' (account ${MGMT}, profile 'mgmt'): checking the account of the credentials (STS GetCallerIdentity): ` +
        `the call was refused (SignatureDoesNotMatch); fix: check the AccessKey of profile 'mgmt' (ID, secret, not disabled) and its RAM permissions ` +
        `(--verbose shows the SDK message)\n`,
    );
    expect(refused.stderr).not.toContain('not-the-mgmt-secret');
    expect(standIn.calls('CreateStack')).toHaveLength(0);

    const offline = await run(['deploy', '--app', 'one', '--profile', 'mgmt', '--yes'], {
      endpoint: 'http://127.0.0.1:9',
    });
    expect(offline.code).toBe(1);
    const lines = offline.stderr.replace(/\n$/, '').split('\n');
    expect(lines.at(-1)).toBe(
      `actiontrail-cdk: stack 'Audit-A' (account ${MGMT}, profile 'mgmt'): checking the account of the credentials (STS GetCallerIdentity): ` +
        `cannot reach 127.0.0.1:9 (ECONNREFUSED); fix: check the network connection, DNS and proxy (HTTPS_PROXY), and ACTIONTRAIL_CDK_ENDPOINT if it is set, ` +
        `then run the command again (--verbose shows the SDK message)`,
    );
    // The lines before it are the retries, by code, not the SDK's text.
    expect(lines.slice(0, -1)).toEqual(
      [1, 2, 3, 4, 5].map((n) =>
        expect.stringMatching(new RegExp(`^ {2}retrying after ECONNREFUSED \\(attempt ${n}, waiting \\d+ ms\\)$`)),
      ),
    );
  });
});
