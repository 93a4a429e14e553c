/**
 * The ROS controls of deploy through the bin against the stand-in:
 * `--parameters STACK:KEY=VALUE`, `--disable-rollback`, `--resource-group-id`
 * and `--tags KEY=VALUE` reach CreateStack and UpdateStack as the ROS
 * 2019-09-10 API names them; `--concurrency N` deploys independent stacks at
 * once (the stand-in's operation timestamps overlap) while a dependent stack
 * still waits for its dependency.
 */
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];

let root: string;
let creds: { home: string; credentialsFile: string };

const queue = (name: string, retention?: boolean): object => ({
  ROSTemplateFormatVersion: '2015-09-01',
  ...(retention
    ? { Parameters: { Retention: { Type: 'Number', Default: 7 }, Owner: { Type: 'String', Default: 'unowned' } } }
    : {}),
  Resources: { Queue: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: name } } },
});

/** Archive (3333) <- Extra (3333); Mgmt (1111) depends on nothing: independent of both. */
function assembly(name: string, suffix = ''): void {
  writeAssembly(path.join(root, name), [
    { id: 'Archive', template: queue(`archive${suffix}`, true), account: ARCHIVE, region: 'cn-hangzhou' },
    { id: 'Mgmt', template: queue(`mgmt${suffix}`), account: MGMT, region: 'cn-hangzhou' },
    {
      id: 'Extra',
      template: queue(`extra${suffix}`),
      account: ARCHIVE,
      region: 'cn-hangzhou',
      dependencies: ['Archive'],
    },
  ]);
}

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

beforeAll(() => {
  root = tempDir('atcdk-controls-');
  creds = tempHome();
  assembly('v1');
  assembly('v2', '-2');
});

test('--parameters, --disable-rollback, --resource-group-id and --tags reach CreateStack and UpdateStack', async () => {
  await withStandIn(async (standIn, run) => {
    const controls = [
      '--parameters',
      'Archive:Retention=30',
      '--parameters',
      'Archive:Owner=audit team=a:b',
      '--disable-rollback',
      '--resource-group-id',
      'rg-acfmxyz1234',
      '--tags',
      'team=security',
      '--tags',
      'env=prod',
    ];
    const create = await run(['deploy', 'Archive', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, ...controls]);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    const expected = {
      'Parameters.1.ParameterKey': 'Retention',
      'Parameters.1.ParameterValue': '30',
      'Parameters.2.ParameterKey': 'Owner',
      'Parameters.2.ParameterValue': 'audit team=a:b',
      DisableRollback: 'true',
      ResourceGroupId: 'rg-acfmxyz1234',
      'Tags.1.Key': 'team',
      'Tags.1.Value': 'security',
      'Tags.2.Key': 'env',
      'Tags.2.Value': 'prod',
    };
    const [archive, mgmt] = standIn.calls('CreateStack');
    expect(archive.params).toMatchObject({ StackName: 'Archive', ...expected });
    // Parameters go to the stack they name only; the other controls to every stack.
    expect(Object.keys(mgmt.params).filter((k) => k.startsWith('Parameters'))).toEqual([]);
    expect(mgmt.params).toMatchObject({ StackName: 'Mgmt', DisableRollback: 'true', 'Tags.2.Value': 'prod' });

    const update = await run(['deploy', 'Archive', '--app', 'v2', ...PROFILE_FLAGS, ...controls]);
    expect(update.code).toBe(0);
    expect(standIn.calls('UpdateStack')[0].params).toMatchObject({
      StackId: standIn.liveStack(ARCHIVE, 'Archive')!.id,
      ...expected,
    });

    // Without the flags nothing of them is sent (ROS defaults: rollback on, default resource group).
    await run(['deploy', 'Mgmt', '--app', 'v2', ...PROFILE_FLAGS]);
    const plain = standIn.calls('UpdateStack').at(-1)!.params;
    expect(Object.keys(plain).filter((k) => /^(Parameters|Tags|DisableRollback|ResourceGroupId)/.test(k))).toEqual([]);
  });
});

test('--parameters and --tags are checked before any API call, with the fix in the message', async () => {
  await withStandIn(async (standIn, run) => {
    const cases: Array<[string[], string]> = [
      [
        ['--parameters', 'Nope:Retention=1'],
        "--parameters Nope:Retention=...: stack 'Nope' is not deployed by this command; it deploys: Archive",
      ],
      [
        ['--parameters', 'Archive:Retension=1'],
        "--parameters Archive:Retension=...: the template of 'Archive' declares no parameter 'Retension'; it declares: Retention, Owner",
      ],
      [
        ['--parameters', 'Retention=1'],
        "--parameters 'Retention=1' must be <stack>:<key>=<value>, e.g. --parameters OrgAudit-LogArchive:RetentionDays=180",
      ],
      [['--tags', 'team'], "--tags 'team' must be <key>=<value>, e.g. --tags team=security"],
      [['--tags', 'acs:x=1'], "--tags 'acs:x=1': a tag key cannot start with 'aliyun' or 'acs:' (ROS reserves them)"],
      [['--concurrency', '0'], "--concurrency '0' must be a whole number of stacks, 1 or more"],
      [
        ['--require-approval', 'sometimes'],
        "--require-approval 'sometimes' must be one of never, any-change, broadening; see actiontrail-cdk deploy --help",
      ],
    ];
    for (const [flags, message] of cases) {
      const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, ...flags]);
      expect({ flags, code: r.code, stderr: r.stderr }).toEqual({
        flags,
        code: 2,
        stderr: `actiontrail-cdk: ${message}\n`,
      });
    }
    expect(standIn.requests).toEqual([]);
  });
});

test('--concurrency 2: two accounts deploy at once, the dependent stack waits for its dependency; without it, one at a time', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['deploy', '--all', '--app', 'v1', ...PROFILE_FLAGS, '--concurrency', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deploying 3 stack(s), in this order (up to 2 independent ones at once):\n');
    const op = (account: string, name: string) => standIn.liveStack(account, name)!.operations![0];
    const [archive, mgmt, extra] = [op(ARCHIVE, 'Archive'), op(MGMT, 'Mgmt'), op(ARCHIVE, 'Extra')];
    // Archive (3333) and Mgmt (1111) overlap ...
    expect(mgmt.startedAt).toBeLessThan(archive.endedAt!);
    expect(archive.startedAt).toBeLessThan(mgmt.endedAt!);
    // ... and Extra starts only after Archive, its dependency, completed.
    expect(extra.startedAt).toBeGreaterThan(archive.endedAt!);
    // Every event line carries its stack's name first.
    const events = r.stdout.split('\n').filter((l) => l.includes(' | '));
    expect(events.length).toBeGreaterThan(6);
    expect(events.every((l) => /^(Archive|Mgmt|Extra) \| /.test(l))).toBe(true);
    expect(r.stdout).toContain('Deployed 3 stack(s): Archive, Mgmt, Extra\n');
  });

  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', '--all', '--app', 'v1', ...PROFILE_FLAGS])).code).toBe(0);
    const op = (account: string, name: string) => standIn.liveStack(account, name)!.operations![0];
    expect(op(MGMT, 'Mgmt').startedAt).toBeGreaterThan(op(ARCHIVE, 'Archive').endedAt!);
    expect(op(ARCHIVE, 'Extra').startedAt).toBeGreaterThan(op(MGMT, 'Mgmt').endedAt!);
  });
});

test('--concurrency: after a failure nothing more starts, the running stack finishes, and the message names both', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.failOnCreate.set('Archive', { logicalId: 'Queue', reason: 'QueueAlreadyExist' });
    const r = await run(['deploy', '--all', '--app', 'v1', ...PROFILE_FLAGS, '--concurrency', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "actiontrail-cdk: stack 'Archive' ended CREATE_FAILED: resource Queue (ALIYUN::MNS::Queue) CREATE_FAILED: QueueAlreadyExist; not deployed: Extra\n",
    );
    expect(standIn.liveStack(MGMT, 'Mgmt')!.status).toBe('CREATE_COMPLETE');
    expect(standIn.calls('CreateStack').map((c) => c.params.StackName)).toEqual(['Archive', 'Mgmt']);
  });
});

test('--concurrency: Ctrl-C while two stacks wait names both as still running, starts nothing more, exits 130', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.hold.add('Archive');
    standIn.hold.add('Mgmt');
    const r = await run(['deploy', '--all', '--app', 'v1', ...PROFILE_FLAGS, '--concurrency', '2'], {
      onOutput: { text: 'Mgmt: CreateStack started', then: (child) => setTimeout(() => child.kill('SIGINT'), 100) },
    });
    expect(r.code).toBe(130);
    for (const name of ['Archive', 'Mgmt']) {
      expect(r.stderr).toContain(`the CREATE_IN_PROGRESS operation on stack '${name}' keeps running in ROS`);
    }
    expect(r.stderr).toContain('; not started: Extra');
    expect(
      standIn
        .calls('CreateStack')
        .map((c) => c.params.StackName)
        .sort(),
    ).toEqual(['Archive', 'Mgmt']);
  });
});
