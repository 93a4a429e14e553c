/**
 * The `actiontrail-cdk` command against the stateful stand-in, run as a child
 * process through the real SDK clients: create / update / destroy, dependency
 * order across two accounts, the wrong-account refusal, a stack that ends
 * CREATE_FAILED, an existing failed stack, throttling, `status` with a stopped
 * trail and with a delivery error, `diff`, Ctrl-C, the timeout, and no secret
 * in any output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { PROFILES, StandInRun, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(60_000);

const ARCHIVE = '3333333333333333';
const MGMT = '1111111111111111';
const PROFILE_FLAGS = ['--profile', `${ARCHIVE}=archive`, '--profile', `${MGMT}=mgmt`];

const archiveTemplate = {
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: {
    Project: {
      Type: 'ALIYUN::MaxCompute::Project',
      Properties: { Name: 'actiontrail_3333333333333333' },
      DeletionPolicy: 'Retain',
    },
    Role: { Type: 'ALIYUN::RAM::Role', Properties: { RoleName: 'ActionTrailDeliveryRole' } },
  },
  Outputs: { ProjectArn: { Value: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_3333333333333333' } },
};
const mgmtTemplate = (eventRW: string) => ({
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: {
    Trail: {
      Type: 'Custom::ActionTrailTrail',
      Properties: { Parameters: { Name: 'audit_trail', EventRW: eventRW, Logging: true } },
    },
  },
});
const extraTemplate = {
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: { Queue: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } },
};

let root: string;
let creds: { home: string; credentialsFile: string };

/** An assembly of three stacks: Archive (3333) <- Mgmt (1111) <- Extra (1111). */
function assembly(name: string, eventRW = 'All'): string {
  const dir = path.join(root, name);
  writeAssembly(dir, [
    { id: 'Archive', template: archiveTemplate, account: ARCHIVE, region: 'cn-hangzhou' },
    { id: 'Mgmt', template: mgmtTemplate(eventRW), account: MGMT, region: 'cn-hangzhou', dependencies: ['Archive'] },
    { id: 'Extra', template: extraTemplate, account: MGMT, region: 'cn-hangzhou', dependencies: ['Mgmt'] },
  ]);
  return dir;
}

/** The stand-in, with the bin run in the project directory. */
const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: root, ...creds }, body);

beforeAll(() => {
  root = tempDir('atcdk-cmd-');
  creds = tempHome();
  assembly('v1');
  assembly('v2', 'Write');
});

test('create, then no changes, then update, then destroy: dependents first, never dependencies, retained resources named', async () => {
  await withStandIn(async (standIn, run) => {
    // deploy Mgmt: its dependency Archive first; Extra (a dependent) is left alone. No --yes: stdin is not a terminal.
    const create = await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--outputs-file', 'outputs.json']);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    expect(standIn.calls('CreateStack').map((r) => [r.params.StackName, r.account])).toEqual([
      ['Archive', ARCHIVE],
      ['Mgmt', MGMT],
    ]);
    expect(standIn.calls('CreateStack')[1].params.TemplateBody).toBe(
      fs.readFileSync(path.join(root, 'v1', 'Mgmt.template.json'), 'utf8'),
    );
    expect(create.stdout).toContain(
      'Outputs:\n  Archive.ProjectArn = acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_3333333333333333\n',
    );
    expect(JSON.parse(fs.readFileSync(path.join(root, 'outputs.json'), 'utf8'))).toEqual({
      Archive: { ProjectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_3333333333333333' },
      Mgmt: {},
    });

    const same = await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Archive: no changes (ROS: the template is the one the stack already has)');
    expect(same.stdout).toContain('Mgmt: no changes');
    // The last line says that nothing changed, not "Deployed".
    expect(same.stdout).toMatch(/\nNo changes: 2 stack\(s\) already up to date: Archive, Mgmt\n$/);
    expect(standIn.calls('UpdateStack')).toHaveLength(2);
    expect(standIn.calls('CreateStack')).toHaveLength(2);

    const update = await run(['deploy', 'Mgmt', '--app', 'v2', ...PROFILE_FLAGS, '--yes']);
    expect(update.code).toBe(0);
    const updates = standIn.calls('UpdateStack');
    expect(updates.at(-1)!.params.TemplateBody).toBe(
      fs.readFileSync(path.join(root, 'v2', 'Mgmt.template.json'), 'utf8'),
    );
    expect(update.stdout).toContain('Mgmt | Trail | Custom::ActionTrailTrail | UPDATE_COMPLETE');
    expect(update.stdout).toContain('Mgmt: UPDATE_COMPLETE');
    expect(update.stdout).toMatch(/\nDeployed 2 stack\(s\): Archive, Mgmt; no changes to 1 of them: Archive\n$/);
    // Events of the earlier create are not printed again.
    expect(update.stdout).not.toContain('CREATE_COMPLETE');
    expect(standIn.liveStack(MGMT, 'Mgmt')!.status).toBe('UPDATE_COMPLETE');

    // destroy Mgmt: Extra (not deployed) and Mgmt; never Archive, its dependency.
    const destroyMgmt = await run(['destroy', 'Mgmt', '--app', 'v2', ...PROFILE_FLAGS, '--force']);
    expect(destroyMgmt.code).toBe(0);
    expect(destroyMgmt.stdout).toContain('Extra: not deployed, nothing to delete');
    expect(standIn.calls('DeleteStack').map((r) => r.account)).toEqual([MGMT]);
    expect(standIn.liveStack(ARCHIVE, 'Archive')!.status).toBe('CREATE_COMPLETE');
    expect(standIn.trailsOf(MGMT).size).toBe(0);

    const destroyAll = await run(['destroy', 'Archive', '--app', 'v2', ...PROFILE_FLAGS, '--force']);
    expect(destroyAll.code).toBe(0);
    expect(standIn.calls('DeleteStack').map((r) => r.account)).toEqual([MGMT, ARCHIVE]);
    expect(destroyAll.stdout).toContain(
      'Retained (DeletionPolicy Retain; still there, with their data, e.g. the audit events in MaxCompute):\n  Archive/Project (ALIYUN::MaxCompute::Project)\n',
    );
    expect(standIn.liveStack(ARCHIVE, 'Archive')).toBeUndefined();
  });
});

test('destroy without --force and without a terminal deletes nothing (exit 2)', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['destroy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('destroy deletes Extra, Mgmt, Archive: pass --force');
    expect(standIn.requests).toEqual([]);
  });
});

test('destroy --yes (or -y) is refused, pointing to --force: exit 2, nothing deleted; destroy --help does not offer it', async () => {
  await withStandIn(async (standIn, run) => {
    for (const yes of ['--yes', '-y']) {
      const r = await run(['destroy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, yes]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `actiontrail-cdk: '${yes}' is not an option of destroy, which deletes stacks: it asks on a terminal, and only --force deletes without asking (also without a terminal); nothing was deleted; see actiontrail-cdk destroy --help\n`,
      );
    }
    expect(standIn.requests).toEqual([]);
    const help = await run(['destroy', '--help']);
    expect(help.stdout).not.toMatch(/^ +--yes/m);
    expect(help.stdout).toContain('without one it needs --force (--yes is not taken)');
    expect(help.stdout).toMatch(/--force, -f +destroy without asking/);
  });
});

test('wrong account: refuses before creating anything, names both accounts', async () => {
  await withStandIn(async (standIn, run) => {
    // The archive stack mapped to the management profile.
    const swapped = await run([
      'deploy',
      'Mgmt',
      '--app',
      'v1',
      '--profile',
      `${ARCHIVE}=mgmt`,
      '--profile',
      `${MGMT}=mgmt`,
      '--yes',
    ]);
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toContain(
      `stack 'Archive' belongs to account ${ARCHIVE}, but profile 'mgmt' belongs to account ${MGMT}: refusing to touch it (nothing was changed)`,
    );
    // No profile for the archive account: the default credentials (account 9999...) are refused too.
    const unmapped = await run(['deploy', 'Archive', '--app', 'v1', '--yes']);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stderr).toContain(
      `stack 'Archive' belongs to account ${ARCHIVE}, but the default credentials belong to account ${PROFILES.default.account}`,
    );
    expect(unmapped.stderr).toContain(`pass --profile ${ARCHIVE}=<profile of that account>`);
    expect(standIn.requests.map((r) => r.action).filter((a) => a !== 'GetCallerIdentity')).toEqual([]);
  });
});

test('a stack that ends CREATE_FAILED: the failing resource and its reason, exit 1; deploying again reports the failed stack and deletes nothing', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.failOnCreate.set('Archive', {
      logicalId: 'Role',
      reason: 'EntityAlreadyExists.Role: The role already exists: ActionTrailDeliveryRole',
    });
    const r = await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Archive | Role | ALIYUN::RAM::Role | CREATE_FAILED | EntityAlreadyExists.Role: The role already exists: ActionTrailDeliveryRole',
    );
    expect(r.stderr).toContain(
      "stack 'Archive' ended CREATE_FAILED: resource Role (ALIYUN::RAM::Role) CREATE_FAILED: EntityAlreadyExists.Role: The role already exists: ActionTrailDeliveryRole; not deployed: Mgmt",
    );
    expect(standIn.calls('CreateStack').map((c) => c.params.StackName)).toEqual(['Archive']);

    const again = await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("nothing was deployed:\n  stack 'Archive' exists in CREATE_FAILED");
    expect(again.stderr).toContain(
      `'npx actiontrail-cdk destroy Archive --app v1 --profile ${ARCHIVE}=archive --profile ${MGMT}=mgmt --force'`,
    );
    expect(again.stderr).toContain('It was not deleted.');
    expect(standIn.calls('CreateStack')).toHaveLength(1);
    expect(standIn.calls('UpdateStack')).toHaveLength(0);
    expect(standIn.calls('DeleteStack')).toHaveLength(0);
  });
});

test('throttling and 5xx are retried with backoff; the retried CreateStack keeps its ClientToken; other errors are not retried', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.faults.push(
      {
        action: 'CreateStack',
        times: 2,
        status: 400,
        code: 'Throttling.User',
        message: 'Request was denied due to user flow control.',
      },
      {
        action: 'GetStack',
        times: 1,
        status: 503,
        code: 'ServiceUnavailable',
        message: 'The request has failed due to a temporary failure of the server.',
      },
    );
    const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(r.code).toBe(0);
    const creates = standIn.calls('CreateStack');
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((c) => c.params.ClientToken)).size).toBe(1);
    expect(creates[0].params.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(standIn.stacks.filter((s) => s.name === 'Archive')).toHaveLength(1);
    expect(r.stderr).toContain('retrying after Throttling.User');
    expect(r.stderr).toContain('retrying after ServiceUnavailable');

    standIn.faults.push({
      action: 'ListStacks',
      times: 1,
      status: 403,
      code: 'Forbidden.RAM',
      message: 'User not authorized to operate on the specified resource.',
    });
    const before = standIn.calls('ListStacks').length;
    const denied = await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('Forbidden.RAM');
    expect(standIn.calls('ListStacks').length - before).toBe(1);
  });
});

test('status: exit 1 for a stopped trail and for a delivery error, 0 when logging', async () => {
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes'])).code).toBe(0);
    const ok = await run(['status', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      '  trail audit_trail: logging, status Enable, latest delivery 2026-11-29T21:00:00Z, latest delivery error none',
    );

    const trail = standIn.trailsOf(MGMT).get('audit_trail')!;
    trail.isLogging = false;
    trail.status = 'Disable';
    const stopped = await run(['status', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('  trail audit_trail: NOT logging, status Disable');
    expect(stopped.stderr).toContain("status: 1 problem(s):\n  trail 'audit_trail' is not logging\n");

    trail.isLogging = true;
    trail.status = 'Enable';
    trail.latestDeliveryError = 'ODPS-0420095: Access Denied - Authorization Failed';
    const failing = await run(['status', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      'latest delivery error LatestDeliveryError: ODPS-0420095: Access Denied - Authorization Failed',
    );
    expect(failing.stderr).toContain(
      "trail 'audit_trail' delivery error (LatestDeliveryError: ODPS-0420095: Access Denied - Authorization Failed)",
    );

    // A stack that is not deployed is a problem too.
    const extra = await run(['status', 'Extra', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(extra.code).toBe(1);
    expect(extra.stdout).toContain('Extra: not deployed (account 1111111111111111, cn-hangzhou)');
  });
});

test('diff: "new stack" before the deploy, the changed resource after a change, nothing when equal (exit 2, 2, 0)', async () => {
  await withStandIn(async (standIn, run) => {
    const fresh = await run(['diff', 'Archive', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(fresh.code).toBe(2);
    expect(fresh.stdout).toBe(
      'Archive: new stack (cn-hangzhou, account 3333333333333333): 2 resource(s) to create\n' +
        '  [+] Project (ALIYUN::MaxCompute::Project)\n  [+] Role (ALIYUN::RAM::Role)\n' +
        'Security changes: none (no trust principal, policy action or resource, or function code changes)\n',
    );
    // A new stack has no deployed template to compare, and nothing to replace: no GetTemplate, no PreviewStack.
    expect(standIn.calls('GetTemplate')).toHaveLength(0);
    expect(standIn.calls('PreviewStack')).toHaveLength(0);

    expect((await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes'])).code).toBe(0);
    const changed = await run(['diff', 'Mgmt', '--app', 'v2', ...PROFILE_FLAGS]);
    expect(changed.code).toBe(2);
    expect(changed.stdout).toBe(
      'Mgmt: 1 change(s) (stack CREATE_COMPLETE)\n  [~] Trail (Custom::ActionTrailTrail)\n' +
        '      Properties.Parameters.EventRW: "All" -> "Write"\n' +
        'Security changes: none (no trust principal, policy action or resource, or function code changes)\n',
    );
    expect(standIn.calls('GetTemplate').at(-1)!.params.StackId).toBe(standIn.liveStack(MGMT, 'Mgmt')!.id);
    expect(standIn.calls('PreviewStack').at(-1)!.params.StackId).toBe(standIn.liveStack(MGMT, 'Mgmt')!.id);

    const equal = await run(['diff', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(equal.code).toBe(0);
    expect(equal.stdout).toBe(
      'Mgmt: no differences (stack CREATE_COMPLETE)\nSecurity changes: none (no trust principal, policy action or resource, or function code changes)\n',
    );
    expect(standIn.calls('UpdateStack')).toHaveLength(0);
  });
});

test('Ctrl-C while waiting leaves the operation running and says how to resume', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.hold.add('Archive');
    const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes'], {
      onOutput: { text: 'waiting...', then: (child) => setTimeout(() => child.kill('SIGINT'), 100) },
    });
    expect(r.code).toBe(130);
    // The advice names the stacks and repeats --app and the profiles: the commands act on what this run did.
    expect(r.stderr).toContain(
      `actiontrail-cdk: interrupted: the CREATE_IN_PROGRESS operation on stack 'Archive' keeps running in ROS (nothing was cancelled or deleted). ` +
        `Check it with 'npx actiontrail-cdk status Archive --app v1 --profile ${ARCHIVE}=archive --profile ${MGMT}=mgmt', ` +
        `then run 'npx actiontrail-cdk deploy Archive --app v1 --profile ${ARCHIVE}=archive --profile ${MGMT}=mgmt' again when it has finished.\n`,
    );
    expect(standIn.liveStack(ARCHIVE, 'Archive')!.status).toBe('CREATE_IN_PROGRESS');
    expect(standIn.requests.map((q) => q.action).filter((a) => /Delete|Cancel/.test(a))).toEqual([]);
  });
});

test('Ctrl-C during destroy: the advice repeats the stacks, --app and the profiles, and destroy needs --force; --parameters are named, never repeated', async () => {
  await withStandIn(async (standIn, run) => {
    expect((await run(['deploy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--yes'])).code).toBe(0);
    standIn.hold.add('Mgmt');
    const r = await run(['destroy', 'Mgmt', '--app', 'v1', ...PROFILE_FLAGS, '--force', '--exclusively'], {
      onOutput: { text: 'waiting...', then: (child) => setTimeout(() => child.kill('SIGINT'), 100) },
    });
    expect(r.code).toBe(130);
    const options = `--app v1 --profile ${ARCHIVE}=archive --profile ${MGMT}=mgmt`;
    expect(r.stderr).toContain(
      `actiontrail-cdk: interrupted: the DELETE_IN_PROGRESS operation on stack 'Mgmt' keeps running in ROS (nothing was cancelled or deleted). ` +
        `Check it with 'npx actiontrail-cdk status Mgmt ${options}', ` +
        `then run 'npx actiontrail-cdk destroy Mgmt ${options} --exclusively --force' again when it has finished.\n`,
    );
    expect(standIn.liveStack(MGMT, 'Mgmt')!.status).toBe('DELETE_IN_PROGRESS');
    // The commands of the advice work as printed: status reads the stack with the run's credentials, destroy goes on.
    const status = await run(['status', 'Mgmt', ...options.split(' ')]);
    expect(status.stdout).toContain('DELETE_IN_PROGRESS');
    standIn.hold.delete('Mgmt');
    const again = await run(['destroy', 'Mgmt', ...options.split(' '), '--exclusively', '--force']);
    expect(again.stderr).toBe('');

    // A deploy with a NoEcho parameter: the advice says to add --parameters, and never holds its value.
    const dir = path.join(root, 'with-parameter');
    writeAssembly(dir, [
      {
        id: 'Solo',
        account: MGMT,
        region: 'cn-hangzhou',
        template: { ...extraTemplate, Parameters: { Note: { Type: 'String', NoEcho: true, Default: 'x' } } },
      },
    ]);
    standIn.hold.add('Solo');
    const secret = 'n0t-in-the-advice-42';
    const deploy = await run(
      [
        'deploy',
        'Solo',
        '--app',
        'with-parameter',
        '--profile',
        `${MGMT}=mgmt`,
        '--yes',
        '--parameters',
        `Solo:Note=${secret}`,
      ],
      { onOutput: { text: 'waiting...', then: (child) => setTimeout(() => child.kill('SIGINT'), 100) } },
    );
    expect(deploy.code).toBe(130);
    expect(deploy.stderr).toContain(
      `then run 'npx actiontrail-cdk deploy Solo --app with-parameter --profile ${MGMT}=mgmt' again when it has finished (with this run's --parameters added: not repeated here).`,
    );
    expect(deploy.stderr).not.toContain(secret);
  });
});

test('--timeout bounds the wait: exit 1 with how to resume', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.hold.add('Archive');
    const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes', '--timeout', '0.002'], {
      env: { ACTIONTRAIL_CDK_POLL_INTERVAL_MS: '40' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "timed out after 0.002 min (--timeout): the CREATE_IN_PROGRESS operation on stack 'Archive' keeps running in ROS",
    );
    expect(standIn.calls('GetStack').length).toBeGreaterThanOrEqual(1);
  });
});

test('no credential in output, even when the server echoes the key and the secret', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.faults.push({
      action: 'GetCallerIdentity',
      times: 1,
      status: 400,
      code: 'SignatureDoesNotMatch',
      message: `Specified signature is not matched with our calculation. server string to sign is: POST /?AccessKeyId={AK}&x=1 secret=${PROFILES.archive.secret}`,
    });
    // --verbose shows the SDK's text, which holds the echo: redacted.
    const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SignatureDoesNotMatch');
    expect(r.stderr).toContain('AccessKeyId=[REDACTED]');
    // withStandIn checks that no key ID or secret of any profile appears.
  });
});

test('list: stacks, accounts, regions and dependencies, without credentials or API calls', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['list', '--app', 'v1'], { credentialsFile: path.join(root, 'missing') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'STACK    ACCOUNT           REGION       DEPENDS ON\n' +
        'Archive  3333333333333333  cn-hangzhou  -\n' +
        'Mgmt     1111111111111111  cn-hangzhou  Archive\n' +
        'Extra    1111111111111111  cn-hangzhou  Mgmt\n',
    );
    expect(standIn.requests).toEqual([]);
  });
});

test('without --app the command synthesizes through cdk.json into cdk.out first', async () => {
  const project = tempDir('atcdk-synth-');
  fs.writeFileSync(
    path.join(project, 'app.js'),
    `
    const fs = require('fs'); const path = require('path');
    const out = process.env.CDK_OUTDIR;
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'Solo.template.json'), '{"ROSTemplateFormatVersion":"2015-09-01","Resources":{}}');
    const ctx = JSON.parse(process.env.CDK_CONTEXT_JSON);
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '7.0.0', artifacts: { Solo: {
      type: 'aliyun:ros:stack', properties: { templateFile: 'Solo.template.json' },
      metadata: { '/Solo': [{ type: 'actiontrail-cdk:environment', data: { region: ctx.region } }] } } } }));
  `,
  );
  fs.writeFileSync(
    path.join(project, 'cdk.json'),
    JSON.stringify({ app: 'node app.js', context: { region: 'cn-shanghai' } }),
  );
  fs.mkdirSync(path.join(project, 'cdk.out'));
  fs.writeFileSync(path.join(project, 'cdk.out', 'Stale.template.json'), '{}');
  await withStandIn(async (_standIn, run) => {
    const r = await run(['list'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "STACK  ACCOUNT                 REGION       DEPENDS ON\nSolo   (credentials' account)  cn-shanghai  -\n",
    );
    expect(fs.existsSync(path.join(project, 'cdk.out', 'Stale.template.json'))).toBe(false);
  });
});

test('usage errors exit 2 and touch nothing', async () => {
  await withStandIn(async (standIn, run) => {
    const unknown = await run(['deploi']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'deploi'");
    const badProfile = await run(['deploy', '--app', 'v1', '--profile', '12=archive']);
    expect(badProfile.code).toBe(2);
    expect(badProfile.stderr).toContain("--profile '12=archive' must be <accountId>=<profileName>");
    const noStack = await run(['deploy', 'Nope', '--app', 'v1', '--yes']);
    expect(noStack.code).toBe(2);
    expect(noStack.stderr).toContain("no stack 'Nope' in the cloud assembly; it holds: Archive, Mgmt, Extra");
    expect(standIn.requests).toEqual([]);
  });
});

test('the stand-in verifies every signature: a profile with the right key ID and a wrong secret is refused', async () => {
  const wrong = path.join(root, 'wrong-secret');
  fs.writeFileSync(
    wrong,
    `[archive]\ntype = access_key\naccess_key_id = ${PROFILES.archive.id}\naccess_key_secret = not-the-archive-secret\n`,
  );
  await withStandIn(async (standIn, run) => {
    const r = await run(['deploy', 'Archive', '--app', 'v1', '--profile', `${ARCHIVE}=archive`, '--yes'], {
      credentialsFile: wrong,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SignatureDoesNotMatch');
    expect(r.stderr).not.toContain('not-the-archive-secret');
    expect(standIn.calls('CreateStack')).toHaveLength(0);
  });
});

test('a stack without a literal region needs --region, which then serves it', async () => {
  const dir = path.join(root, 'no-region');
  writeAssembly(dir, [{ id: 'Floating', template: extraTemplate }]);
  await withStandIn(async (standIn, run) => {
    const missing = await run(['deploy', '--app', 'no-region', '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("stack 'Floating' has no literal env.region: pass --region <region>");
    expect(standIn.requests).toEqual([]);

    const r = await run(['deploy', '--app', 'no-region', '--yes', '--region', 'cn-shanghai']);
    expect(r.code).toBe(0);
    // No literal account: the default credentials, whatever their account.
    expect(standIn.calls('CreateStack').map((c) => [c.params.RegionId, c.account])).toEqual([
      ['cn-shanghai', PROFILES.default.account],
    ]);
    expect(r.stdout).toContain(
      `Floating (account ${PROFILES.default.account}, cn-shanghai, the default credentials): create`,
    );
  });
});

test('with rollback (ROS default) a failed create ends ROLLBACK_COMPLETE: the resource reason is shown, and the stack is reported, never deleted', async () => {
  await withStandIn(async (standIn, run) => {
    standIn.failOnCreate.set('Archive', {
      logicalId: 'Project',
      reason: 'ODPS-0110061: quota os_PayAsYouGoQuota not found',
      rollback: true,
    });
    const r = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Archive | Archive | ALIYUN::ROS::Stack | ROLLBACK_COMPLETE');
    expect(r.stderr).toContain(
      "stack 'Archive' ended ROLLBACK_COMPLETE: resource Project (ALIYUN::MaxCompute::Project) CREATE_FAILED: ODPS-0110061: quota os_PayAsYouGoQuota not found",
    );

    const again = await run(['deploy', 'Archive', '--app', 'v1', ...PROFILE_FLAGS, '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      "stack 'Archive' exists in ROLLBACK_COMPLETE (Stack ROLLBACK completed successfully): its creation failed, so ROS cannot update it.",
    );
    expect(standIn.calls('DeleteStack')).toHaveLength(0);
    expect(standIn.calls('UpdateStack')).toHaveLength(0);

    // diff reports it too, never as "no differences", and exits 1.
    const diff = await run(['diff', 'Archive', '--app', 'v1', ...PROFILE_FLAGS]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('Archive: cannot be updated: stack is ROLLBACK_COMPLETE');
    expect(diff.stdout).not.toContain('no differences');
  });
});
