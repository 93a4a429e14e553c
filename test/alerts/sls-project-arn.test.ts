/**
 * The trail's slsProjectArn as AuditAlerts reads it: an ARN whose region and
 * account may be known only at deploy time (tokens, which may hold ':'), and
 * whose project name must be literal. Exact texts, token strings shown as
 * `<token>` (their numbers depend on the order of the tests).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { AlertTarget, AuditAlerts } from 'actiontrail-cdk/alerts';
import { validationError } from '../support/errors';
import { newApp, resourcesOfType, synthTemplate } from '../support/template';

const ACCOUNT = '1234567890123456';
const LITERAL = { account: ACCOUNT, region: 'cn-hangzhou' };
const AT = "AuditAlerts 'Alerts/Alerts': trail delivers to SLS project ";
const FORM = 'acs:log:<region>:<account>:project/<project name>';
const NOT_AN_ARN =
  `which is not an SLS project ARN: it must read ${FORM}. ` +
  'Give the trail a slsProjectArn of that form, e.g. `acs:log:${stack.region}:${stack.account}:project/<project>`';
const NAME_IS_TOKEN =
  'whose name is a token: the SLS alerts name the project at synth, so it must be literal. ' +
  `Write the project's name in the ARN (${FORM}), or leave the SLS tier out (give the trail without slsProjectArn)`;

type ArnOf = (stack: ros.Stack, parameter: (id: string) => string) => string;

function alertsWith(env: ros.Environment | undefined, arnOf: ArnOf): { stack: ros.Stack; make: () => AuditAlerts } {
  const stack = new ros.Stack(newApp(), 'Alerts', { env });
  const parameter = (id: string) =>
    new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString;
  const slsProjectArn = arnOf(stack, parameter);
  const make = () =>
    new AuditAlerts(stack, 'Alerts', {
      trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail', slsProjectArn },
      targets: [AlertTarget.mnsQueue({ queueName: 'q' })],
      detections: ['AT-DETECT-TAMPER', 'AT-DETECT-ROOT-USE'],
    });
  return { stack, make };
}

function errorOf(env: ros.Environment | undefined, arnOf: ArnOf): string {
  return validationError(alertsWith(env, arnOf).make).message.replace(/\$\{Token\[[^\]]*\]\}/g, '<token>');
}

test.each<[string, ros.Environment | undefined, ArnOf, string]>([
  [
    'a logstore ARN',
    undefined,
    (s) => `acs:log:${s.region}:${s.account}:logstore/x`,
    `'acs:log:<token>:<token>:logstore/x', ${NOT_AN_ARN}`,
  ],
  [
    'another service',
    undefined,
    (s) => `acs:sls:${s.region}:${s.account}:project/p-p`,
    `'acs:sls:<token>:<token>:project/p-p', ${NOT_AN_ARN}`,
  ],
  ['two tokens', LITERAL, (_s, p) => `${p('A')}${p('B')}`, `'<token><token>', ${NOT_AN_ARN}`],
  ['text before a token', LITERAL, (_s, p) => `x${p('A')}`, `'x<token>', ${NOT_AN_ARN}`],
  [
    'one token, the whole ARN',
    LITERAL,
    (_s, p) => p('Arn'),
    "'<token>', an ARN known only at deploy time: the SLS alerts name the project and the logstore at synth, so the project name must be literal. " +
      `Give the trail a slsProjectArn written as \`${FORM}\` with a literal project name (region and account may be stack.region and stack.account)`,
  ],
  [
    'a token as the name',
    LITERAL,
    (_s, p) => `acs:log:cn-hangzhou:${ACCOUNT}:project/${p('N')}`,
    `'acs:log:cn-hangzhou:${ACCOUNT}:project/<token>', ${NAME_IS_TOKEN}`,
  ],
  [
    'a token in the name',
    LITERAL,
    (_s, p) => `acs:log:cn-hangzhou:${ACCOUNT}:project/x-${p('N')}`,
    `'acs:log:cn-hangzhou:${ACCOUNT}:project/x-<token>', ${NAME_IS_TOKEN}`,
  ],
  [
    'another region (the account a token)',
    LITERAL,
    (_s, p) => `acs:log:cn-beijing:${p('A')}:project/audit-logs`,
    "'audit-logs' in region cn-beijing, but this stack deploys to region cn-hangzhou: an ALIYUN::SLS::Alert is made in its stack's region. Use an SLS project in region cn-hangzhou (the trail's home region)",
  ],
  [
    'another account (the region a token)',
    LITERAL,
    (_s, p) => `acs:log:${p('R')}:6543210987654321:project/audit-logs`,
    `'audit-logs' of account 6543210987654321, but this stack deploys to account ${ACCOUNT}: an SLS alert runs in the project's account. Deliver the trail to an SLS project of account ${ACCOUNT}, or leave the SLS tier out (give the trail without slsProjectArn)`,
  ],
])('refused: %s', (_what, env, arnOf, message) => {
  expect(errorOf(env, arnOf)).toBe(AT + message);
});

test.each<[string, ros.Environment | undefined, ArnOf, string, unknown]>([
  [
    'a token as the region',
    LITERAL,
    (_s, p) => `acs:log:${p('R')}:${ACCOUNT}:project/audit-logs`,
    'audit-logs',
    { Ref: 'R' },
  ],
  [
    'an empty region: the stack region',
    undefined,
    (s) => `acs:log::${s.account}:project/audit-logs`,
    'audit-logs',
    { Ref: 'ALIYUN::Region' },
  ],
  [
    'a literal region in an agnostic stack',
    undefined,
    (s) => `acs:log:cn-beijing:${s.account}:project/audit-logs`,
    'audit-logs',
    'cn-beijing',
  ],
])('accepted: %s', (_what, env, arnOf, project, region) => {
  const { stack, make } = alertsWith(env, arnOf);
  make();
  const [alert] = Object.values(resourcesOfType(synthTemplate(stack), 'ALIYUN::SLS::Alert'));
  expect(alert.Properties.Project).toBe(project);
  expect(alert.Properties.Detail.Configuration.QueryList[0].Region).toEqual(region);
});

test('the SLS action policy: an ID, or a token', () => {
  const withPolicy = (slsActionPolicyId: string) =>
    new AuditAlerts(new ros.Stack(newApp(), 'Alerts', { env: LITERAL }), 'Alerts', {
      trail: {
        accountId: ACCOUNT,
        region: 'cn-hangzhou',
        trailName: 'audit_trail',
        slsProjectArn: `acs:log:cn-hangzhou:${ACCOUNT}:project/audit-logs`,
      },
      detections: ['AT-DETECT-ROOT-USE'],
      slsActionPolicyId,
    });
  expect(validationError(() => withPolicy('-bad')).message).toBe(
    "AuditAlerts 'Alerts/Alerts': slsActionPolicyId '-bad' must be an SLS action policy ID",
  );
  expect(withPolicy('my.policy_1').slsAlerts).toHaveLength(1);
});
