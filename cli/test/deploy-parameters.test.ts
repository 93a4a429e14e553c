/**
 * `deploy --parameters` and the NoEcho parameters (secrets) through the bin
 * against the stand-in: `STACK:KEY=@env:VAR` reads a value from the
 * environment and no output shows it; on update (and drift repair) the
 * secrets not given keep their previous values (UsePreviousParameters, with
 * every other parameter sent explicitly), so a redeploy needs no secret on
 * the command line. The stand-in refuses, as ROS does, an update that leaves
 * a parameter without a default unset.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CloudStandIn } from './stand-in';
import { PROFILES, StandInRun, synthExamples, tempHome, withStandIn as withStandInAt, writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(180_000);

const ACCOUNT = PROFILES.mgmt.account;
const FLAGS = ['--app', 'example', '--profile', 'mgmt', '--yes', '--require-approval', 'never'];
const ROBOT_URL = 'https://oapi.dingtalk.com/robot/send?access_token=robot-token-0123456789abcdef';
const SIGNING = 'SECsigning0123456789abcdef';
const WEBHOOK_TOKEN = 'webhook-token-0123456789abcdef';
const NEW_ROBOT_URL = 'https://oapi.dingtalk.com/robot/send?access_token=robot-token-fedcba9876543210';

let project: string;
let creds: { home: string; credentialsFile: string };

const withStandIn = (body: (s: CloudStandIn, run: StandInRun) => Promise<void>): Promise<void> =>
  withStandInAt({ cwd: project, ...creds }, body);

beforeAll(() => {
  project = tempDir('atcdk-deploy-parameters-');
  const out = tempDir('atcdk-deploy-parameters-synth-');
  synthExamples(out);
  const template = JSON.parse(fs.readFileSync(path.join(out, 'AuditAlerts.template.json'), 'utf8')) as object;
  fs.rmSync(out, { recursive: true, force: true });
  // The example's account is a placeholder: deploy it to the stand-in's mgmt account.
  writeAssembly(path.join(project, 'example'), [
    { id: 'AuditAlerts', account: ACCOUNT, region: 'cn-hangzhou', template },
  ]);
  creds = tempHome();
});

/** Fails when any secret value appears in what the bin printed. */
function expectNoSecret(r: { stdout: string; stderr: string }): void {
  for (const s of [ROBOT_URL, NEW_ROBOT_URL, SIGNING, WEBHOOK_TOKEN, 'robot-token', 'SECsigning', 'webhook-token']) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

const KEPT_LINE =
  'AuditAlerts: NoEcho parameter(s) DingTalkRobotUrl, DingTalkSigningSecret, WebhookToken not given: keeping their previous values (UpdateStack UsePreviousParameters; the other parameters are sent explicitly)';

test('deploy: @env: values are read and never printed; a redeploy and a drift repair keep the secrets not given', async () => {
  await withStandIn(async (standIn, run) => {
    const env = { ROBOT_URL, WEBHOOK_TOKEN };
    const first = await run(
      [
        'deploy',
        ...FLAGS,
        '--parameters',
        'AuditAlerts:DingTalkRobotUrl=@env:ROBOT_URL',
        '--parameters',
        `AuditAlerts:DingTalkSigningSecret=${SIGNING}`,
        '--parameters',
        'AuditAlerts:WebhookToken=@env:WEBHOOK_TOKEN',
        '--verbose',
      ],
      { env },
    );
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expectNoSecret(first);
    const create = standIn.calls('CreateStack')[0].params;
    expect(create).toMatchObject({
      'Parameters.1.ParameterKey': 'DingTalkRobotUrl',
      'Parameters.1.ParameterValue': ROBOT_URL,
      'Parameters.3.ParameterKey': 'WebhookToken',
      'Parameters.3.ParameterValue': WEBHOOK_TOKEN,
    });
    expect(create.UsePreviousParameters).toBeUndefined();
    const stack = standIn.liveStack(ACCOUNT, 'AuditAlerts')!;

    // Someone stops the trail: deploy without any secret repairs it, and the secrets stay.
    const trail = standIn.trailsOf(ACCOUNT).get('audit_alerted')!;
    trail.isLogging = false;
    trail.status = 'Disable';
    const repair = await run(['deploy', ...FLAGS]);
    expect({ code: repair.code, stderr: repair.stderr }).toEqual({ code: 0, stderr: '' });
    expectNoSecret(repair);
    expect(repair.stdout).toContain(`${KEPT_LINE}\n`);
    expect(repair.stdout).toMatch(/UpdateStack with ActionTrailCdkConverge=repair-\d+/);
    expect(repair.stdout).toContain('AuditAlerts: UPDATE_COMPLETE');
    const updates = standIn.calls('UpdateStack').map((u) => u.params);
    expect(updates).toHaveLength(2);
    for (const u of updates) {
      expect(u.UsePreviousParameters).toBe('true');
      // Only the NoEcho parameters are left to UsePreviousParameters: the others are sent.
      expect(Object.entries(u).filter(([k]) => /^Parameters\.\d+\.ParameterKey$/.test(k))).toEqual([
        ['Parameters.1.ParameterKey', 'ActionTrailCdkConverge'],
      ]);
    }
    expect(updates[0]['Parameters.1.ParameterValue']).toBe('none');
    expect(updates[1]['Parameters.1.ParameterValue']).toMatch(/^repair-\d+$/);
    expect(stack.parameters).toEqual({
      DingTalkRobotUrl: ROBOT_URL,
      DingTalkSigningSecret: SIGNING,
      WebhookToken: WEBHOOK_TOKEN,
      ActionTrailCdkConverge: expect.stringMatching(/^repair-\d+$/),
    });
    expect(standIn.trailsOf(ACCOUNT).get('audit_alerted')!.isLogging).toBe(true);

    // A new robot URL from the environment; the other two secrets kept; the converge value back to its default.
    const rotate = await run(['deploy', ...FLAGS, '--parameters', 'AuditAlerts:DingTalkRobotUrl=@env:NEW_URL'], {
      env: { NEW_URL: NEW_ROBOT_URL },
    });
    expect({ code: rotate.code, stderr: rotate.stderr }).toEqual({ code: 0, stderr: '' });
    expectNoSecret(rotate);
    expect(rotate.stdout).toContain(
      'AuditAlerts: NoEcho parameter(s) DingTalkSigningSecret, WebhookToken not given: keeping their previous values',
    );
    expect(stack.parameters).toEqual({
      DingTalkRobotUrl: NEW_ROBOT_URL,
      DingTalkSigningSecret: SIGNING,
      WebhookToken: WEBHOOK_TOKEN,
      ActionTrailCdkConverge: 'none',
    });

    // An unset or empty variable is a usage error naming it, before any API call.
    const before = standIn.requests.length;
    const unset = await run(['deploy', ...FLAGS, '--parameters', 'AuditAlerts:WebhookToken=@env:NO_SUCH_VAR']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toBe(
      'actiontrail-cdk: --parameters AuditAlerts:WebhookToken=@env:NO_SUCH_VAR: the environment variable NO_SUCH_VAR is not set; export it first (e.g. read -rs NO_SUCH_VAR && export NO_SUCH_VAR)\n',
    );
    const empty = await run(['deploy', ...FLAGS, '--parameters', 'AuditAlerts:WebhookToken=@env:EMPTY'], {
      env: { EMPTY: '' },
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('the environment variable EMPTY is empty');
    expect(standIn.requests.length).toBe(before);
  });
});

test('the stand-in refuses, as ROS does, a stack whose parameter without default is not given', async () => {
  await withStandIn(async (standIn, run) => {
    const r = await run(['deploy', ...FLAGS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('StackValidationFailed');
    expect(r.stderr).toContain('DingTalkRobotUrl, DingTalkSigningSecret, WebhookToken');
    expect(standIn.liveStack(ACCOUNT, 'AuditAlerts')).toBeUndefined();
  });
});
