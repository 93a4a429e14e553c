/**
 * Named profiles from both places `@alicloud/credentials` reads them, through
 * the bin against the stand-in: the credentials file
 * (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`) and
 * the aliyun CLI's `~/.aliyun/config.json`. The file wins when both hold the
 * name; a name in neither is one line naming both files and their profiles;
 * `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` turns the CLI config off, as it
 * does in the library; a CLI mode the library does not support is reported
 * with the fix.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { PROFILES, StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
/** An account no stack is in, named by a template. */
const OWNER = '5555555555555555';

let root: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

beforeAll(() => {
  root = tempDir('atcdk-profiles-');
  creds = tempHome();
  const queue = {
    ROSTemplateFormatVersion: '2015-09-01',
    Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } },
  };
  writeAssembly(path.join(root, 'two'), [
    { id: 'Archive', template: queue, account: ARCHIVE, region: 'cn-hangzhou' },
    { id: 'Mgmt', template: queue, account: MGMT, region: 'cn-hangzhou', dependencies: ['Archive'] },
  ]);
  writeAssembly(path.join(root, 'one'), [{ id: 'Solo', template: queue, account: MGMT, region: 'cn-hangzhou' }]);
  // A stack whose template names another account (a MaxCompute project it delivers to).
  writeAssembly(path.join(root, 'refers'), [
    {
      id: 'Refers',
      template: { ...queue, Outputs: { Project: { Value: `acs:odps:cn-hangzhou:${OWNER}:project/audit` } } },
      account: MGMT,
      region: 'cn-hangzhou',
    },
  ]);
  writeAssembly(path.join(root, 'agnostic'), [{ id: 'Anywhere', template: queue, region: 'cn-hangzhou' }]);
  // As the repository's example app: stacks with literal accounts, and one without (env-agnostic).
  writeAssembly(path.join(root, 'mixed'), [
    { id: 'Archive', template: queue, account: ARCHIVE, region: 'cn-hangzhou' },
    { id: 'Mgmt', template: queue, account: MGMT, region: 'cn-hangzhou', dependencies: ['Archive'] },
    { id: 'Anywhere', template: queue, region: 'cn-hangzhou' },
  ]);
  fs.mkdirSync(path.join(creds.home, '.aliyun'));
  fs.writeFileSync(
    path.join(creds.home, '.aliyun', 'config.json'),
    JSON.stringify({
      current: 'cli-mgmt',
      profiles: [
        {
          name: 'cli-mgmt',
          mode: 'AK',
          access_key_id: PROFILES.mgmt.id,
          access_key_secret: PROFILES.mgmt.secret,
          region_id: 'cn-hangzhou',
        },
        // Same name as a profile of the credentials file, with other keys: the file wins.
        { name: 'archive', mode: 'AK', access_key_id: PROFILES.mgmt.id, access_key_secret: PROFILES.mgmt.secret },
        { name: 'by-uri', mode: 'CredentialsURI', credentials_uri: 'http://127.0.0.1:9/creds' },
      ],
    }),
  );
});

test('a profile of the aliyun CLI config serves an account (<account>=<name>) and a one-account app (--profile NAME)', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['deploy', '--app', 'two', '--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=cli-mgmt`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(standIn.calls('CreateStack').map((c) => [c.params.StackName, c.accessKeyId])).toEqual([
      ['Archive', PROFILES.archive.id],
      ['Mgmt', PROFILES.mgmt.id],
    ]);
    expect(r.stdout).toContain(`Mgmt (account ${MGMT}, cn-hangzhou, profile 'cli-mgmt')`);

    const solo = await run(['status', '--app', 'one', '--profile', 'cli-mgmt']);
    expect(solo.stdout).toContain('Solo: not deployed');
    expect(standIn.calls('GetCallerIdentity').at(-1)!.accessKeyId).toBe(PROFILES.mgmt.id);
  });
});

test('the credentials file wins over the CLI config for a name both hold', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['status', 'Archive', '--app', 'two', '--profile', `${ARCHIVE}=archive`]);
    expect(r.stdout).toContain('Archive: not deployed');
    expect(standIn.calls('GetCallerIdentity').map((c) => c.accessKeyId)).toEqual([PROFILES.archive.id]);
  });
});

test('a name in neither place, a disabled CLI config, and a CLI mode the library does not support: one line each, with the fix', async () => {
  await withStandIn(async (standIn, run) => {
    const config = path.join(creds.home, '.aliyun', 'config.json');
    const missing = await run(['status', '--app', 'one', '--profile', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `actiontrail-cdk: stack 'Solo' (account ${MGMT}, profile 'nope'): loading the credentials: cannot load profile 'nope'; ` +
        `fix: it is not in ${creds.credentialsFile} (profiles: default, archive, mgmt) nor in ${config} (profiles: cli-mgmt, archive, by-uri): ` +
        `add a [nope] section to ${creds.credentialsFile} (type = access_key | ram_role_arn | ecs_ram_role), or run 'aliyun configure --profile nope' ` +
        '(--verbose shows the SDK message)\n',
    );

    const disabled = await run(['status', '--app', 'one', '--profile', 'cli-mgmt'], {
      env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' },
    });
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain(
      `fix: it is not in ${creds.credentialsFile} (profiles: default, archive, mgmt) (the aliyun CLI config is not read: ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)`,
    );

    const unsupported = await run(['status', '--app', 'one', '--profile', 'by-uri', '--verbose']);
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr).toContain(
      `cannot load profile 'by-uri'; fix: fix profile 'by-uri' in ${config} ('aliyun configure --profile by-uri';`,
    );
    expect(unsupported.stderr).toContain("SDK: unsupported profile mode 'CredentialsURI'");
    expect(standIn.calls('GetCallerIdentity')).toHaveLength(0);
  });
});

test('a stack without a literal account and only <account>=<profile> mappings: refused before any call, nothing deleted', async () => {
  await withStandIn(async (standIn, run) => {
    // Deployed with the default credentials (account 9999999999999999), as a user might have done.
    expect((await run(['deploy', '--app', 'agnostic', '--yes'])).code).toBe(0);
    const before = standIn.requests.length;
    for (const args of [['destroy', 'Anywhere', '--force'], ['deploy', '--yes'], ['diff'], ['status']]) {
      const r = await run([...args, '--app', 'agnostic', '--profile', `${MGMT}=cli-mgmt`]);
      // A usage error exits 2; diff exits 1 on any error, as 2 means differences (docs/cli.md).
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: args[0] === 'diff' ? 1 : 2, stdout: '' });
      expect(r.stderr).toBe(
        `actiontrail-cdk: stack 'Anywhere' has no literal env.account, so --profile <account>=<profile> (given for ${MGMT}) cannot choose its credentials and the default credentials would serve it: ` +
          'give the stack env.account, or pass --profile <profileName> when all the selected stacks are in one account\n',
      );
    }
    expect(standIn.requests.slice(before)).toEqual([]);
    // --profile NAME still serves it.
    expect((await run(['status', '--app', 'agnostic', '--profile', 'cli-mgmt'])).code).toBe(0);
  });
});

/**
 * A preload (NODE_OPTIONS=--require) that makes every DNS look-up of the bin
 * fail as it does without a network (getaddrinfo ENOTFOUND); the stand-in is
 * reached by IP address, which needs no look-up.
 */
function noNetworkPreload(dir: string): string {
  const file = path.join(dir, 'no-network.js');
  fs.writeFileSync(
    file,
    [
      "const dns = require('dns');",
      'dns.lookup = (hostname, options, callback) => {',
      "  const cb = typeof options === 'function' ? options : callback;",
      "  const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });",
      '  process.nextTick(() => cb(e));',
      '};',
    ].join('\n'),
  );
  return file;
}

test('a ram_role_arn profile that cannot reach STS: a network failure with the network fix, not "fix the section"', async () => {
  const dir = tempDir('atcdk-role-profile-');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(
    credentialsFile,
    [
      '[archive]',
      'type = access_key',
      `access_key_id = ${PROFILES.archive.id}`,
      `access_key_secret = ${PROFILES.archive.secret}`,
      '',
      '[mgmt]',
      'type = ram_role_arn',
      `access_key_id = ${PROFILES.archive.id}`,
      `access_key_secret = ${PROFILES.archive.secret}`,
      `role_arn = acs:ram::${MGMT}:role/audit-admin`,
      'role_session_name = actiontrail-cdk',
      '',
    ].join('\n'),
  );
  const env = { NODE_OPTIONS: `--require ${noNetworkPreload(dir)}` };
  await withStandIn(async (standIn, run) => {
    const args = ['diff', '--app', 'two', '--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];
    const r = await run(args, { credentialsFile, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `actiontrail-cdk: stack 'Mgmt' (account ${MGMT}, profile 'mgmt'): loading the credentials: cannot reach sts.aliyuncs.com (ENOTFOUND); ` +
        'fix: check the network connection, DNS and proxy (HTTPS_PROXY), and ACTIONTRAIL_CDK_ENDPOINT if it is set, then run the command again ' +
        '(--verbose shows the SDK message)\n',
    );
    // The access_key profile of the other account was loaded and checked; nothing was asked for the role's account.
    expect(standIn.calls('GetCallerIdentity').map((c) => c.accessKeyId)).toEqual([PROFILES.archive.id]);

    // --json: the error document says `network`, as for an access_key profile whose API is unreachable.
    const json = await run([...args, '--json'], { credentialsFile, env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'network', cloudCode: null });

    // --verbose: the SDK's two messages, kept apart.
    const verbose = await run([...args, '--verbose'], { credentialsFile, env });
    expect(verbose.stderr.split('\n')[1]).toMatch(
      /^ {2}SDK: ENOTFOUND: getaddrinfo ENOTFOUND sts\.aliyuncs\.com; POST https:\/\/sts\.aliyuncs\.com\//,
    );
  });
});

test('--profile <account>=<name> for an account no stack is in and no template names: exit 2, naming the mapping and the accounts', async () => {
  await withStandIn(async (standIn, run) => {
    const typo = '1111111111111112';
    const expected =
      `actiontrail-cdk: --profile ${typo}=mgmt: no stack of the cloud assembly is in account ${typo}, and no template names it (did you mean '${MGMT}'?); ` +
      `the stacks are in accounts ${ARCHIVE} (Archive), ${MGMT} (Mgmt): correct the account, or leave the mapping out\n`;
    for (const command of ['status', 'deploy', 'destroy', 'preflight', 'diff']) {
      const r = await run([
        command,
        'Mgmt',
        '--app',
        'two',
        '--profile',
        `${ARCHIVE}=archive`,
        '--profile',
        `${typo}=mgmt`,
      ]);
      // A usage error exits 2; diff exits 1 on any error, as 2 means differences.
      expect({ command, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        command,
        code: command === 'diff' ? 1 : 2,
        stdout: '',
        stderr: expected,
      });
    }
    // Far from every account: no guess.
    const far = await run(['status', '--app', 'one', '--profile', '7777777777777777=mgmt']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe(
      'actiontrail-cdk: --profile 7777777777777777=mgmt: no stack of the cloud assembly is in account 7777777777777777, and no template names it; ' +
        `the stacks are in account ${MGMT} (Solo): correct the account, or leave the mapping out\n`,
    );
    expect(standIn.requests).toEqual([]);

    // An account whose stacks are not selected, and one a template names: accepted.
    const subset = await run([
      'status',
      'Archive',
      '--app',
      'two',
      '--profile',
      `${ARCHIVE}=archive`,
      '--profile',
      `${MGMT}=mgmt`,
    ]);
    expect(subset.stdout).toContain('Archive: not deployed');
    expect(subset.stderr).not.toContain('--profile');
    const named = await run([
      'status',
      '--app',
      'refers',
      '--profile',
      `${MGMT}=mgmt`,
      '--profile',
      `${OWNER}=archive`,
    ]);
    expect(named.stdout).toContain('Refers: not deployed');
    expect(named.stderr).not.toContain('--profile');
  });
});

test('the --profile typo guard with an env-agnostic stack in the app: on when the command leaves that stack alone', async () => {
  await withStandIn(async (standIn, run) => {
    const typo = '1111111111111112';
    for (const command of ['status', 'deploy', 'preflight', 'diff', 'destroy']) {
      const r = await run([
        command,
        'Mgmt',
        '--app',
        'mixed',
        '--profile',
        `${ARCHIVE}=archive`,
        '--profile',
        `${typo}=mgmt`,
      ]);
      expect({ command, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        command,
        code: command === 'diff' ? 1 : 2,
        stdout: '',
        stderr:
          `actiontrail-cdk: --profile ${typo}=mgmt: no stack of the cloud assembly is in account ${typo}, and no template names it (did you mean '${MGMT}'?); ` +
          `the stacks are in accounts ${ARCHIVE} (Archive), ${MGMT} (Mgmt); Anywhere has no literal account: correct the account, or leave the mapping out\n`,
      });
    }
    expect(standIn.requests).toEqual([]);

    // The right accounts, the env-agnostic stack not selected: accepted.
    const right = await run([
      'status',
      'Mgmt',
      '--app',
      'mixed',
      '--profile',
      `${ARCHIVE}=archive`,
      '--profile',
      `${MGMT}=mgmt`,
    ]);
    expect(right.stdout).toContain('Mgmt: not deployed');
    expect(right.stderr).not.toContain('--profile');

    // The env-agnostic stack selected: any account may be its deploy-time one, so no typo is named; the mapping
    // cannot choose that stack's credentials, which is refused as before.
    const selected = await run(['status', 'Anywhere', '--app', 'mixed', '--profile', `${typo}=mgmt`]);
    expect(selected.code).toBe(2);
    expect(selected.stderr).toContain(
      `actiontrail-cdk: stack 'Anywhere' has no literal env.account, so --profile <account>=<profile> (given for ${typo}) cannot choose its credentials`,
    );
  });
});
