/**
 * The options of each alert target are checked at synth: every error names
 * the construct, the property (down to the list element), the bad value and
 * the rule. Exact texts, so that a change of the checks' wording shows.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { AlertTarget, AuditAlerts } from 'actiontrail-cdk/alerts';
import { validationError } from '../support/errors';
import { newApp, synthTemplate } from '../support/template';

const ACCOUNT = '1234567890123456';
const AT = "AuditAlerts 'Alerts/Alerts': ";

function stackIn(): ros.Stack {
  return new ros.Stack(newApp(), 'Alerts', { env: { account: ACCOUNT, region: 'cn-hangzhou' } });
}

function alerts(stack: ros.Stack, targets: unknown): AuditAlerts {
  return new AuditAlerts(stack, 'Alerts', {
    trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail' },
    detections: ['AT-DETECT-TAMPER'],
    targets: targets as AlertTarget[],
  });
}

function errorOf(targets: unknown): string {
  return validationError(() => alerts(stackIn(), targets)).message;
}

/** A target made from options a TypeScript caller could not write (a JS caller, or a cast). */
function loose(kind: 'email' | 'sms' | 'mnsQueue' | 'dingTalk' | 'webhook', options: unknown): AlertTarget {
  return (AlertTarget[kind] as (o: unknown) => AlertTarget)(options);
}

const MAIL = 'alerts@mail.example.com';
const SMS = { phoneNumbers: ['+8613800000000'], signName: 'Example', templateCode: 'SMS_123456' };
const EMAIL_RULE = 'must be an email address';
const QUEUE_RULE = 'must be an MNS queue name: a letter or digit first, then letters, digits and -, at most 256';

describe('targets that are not a list of AlertTargets', () => {
  test.each([
    ['a string', 'x', "'x'"],
    ['an object', { a: 1 }, '{"a":1}'],
  ])('%s: lists no target', (_what, targets, shown) => {
    expect(errorOf(targets)).toBe(
      `${AT}targets ${shown} lists no target: each EventBridge rule needs 1 to 5. Pass e.g. [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })]`,
    );
  });

  test('an element that is not an AlertTarget, and a target whose options are not an object', () => {
    expect(errorOf([{}])).toBe(
      `${AT}targets[0] 'object' must be an AlertTarget (AlertTarget.dingTalk, .webhook, .email, .sms, .mnsQueue)`,
    );
    expect(errorOf([loose('mnsQueue', null)])).toBe(`${AT}targets[0] options are null: pass an options object`);
  });
});

describe('single values: missing, of another type or breaking the rule', () => {
  test.each([
    [
      'a missing sender',
      loose('email', { toAddresses: [MAIL] }),
      `senderAddress undefined ${EMAIL_RULE} (a DirectMail sender address)`,
    ],
    [
      'a sender of another type',
      loose('email', { senderAddress: 5, toAddresses: [MAIL] }),
      `senderAddress 5 ${EMAIL_RULE} (a DirectMail sender address)`,
    ],
    [
      'a sender that is no address',
      AlertTarget.email({ senderAddress: 'nope', toAddresses: [MAIL] }),
      `senderAddress 'nope' ${EMAIL_RULE} (a DirectMail sender address)`,
    ],
    [
      'an empty SMS signature',
      AlertTarget.sms({ ...SMS, signName: '' }),
      "signName '' must be an approved SMS signature name (1-64 characters)",
    ],
    [
      'an SMS template code without SMS_',
      AlertTarget.sms({ ...SMS, templateCode: 'T1' }),
      "templateCode 'T1' must be an SMS template code, 'SMS_<digits>'",
    ],
    ['a queue name starting with -', AlertTarget.mnsQueue({ queueName: '-q' }), `queueName '-q' ${QUEUE_RULE}`],
    ['a missing queue name', loose('mnsQueue', {}), `queueName undefined ${QUEUE_RULE}`],
    [
      'a missing robot URL',
      loose('dingTalk', {}),
      "robotUrl is required: the robot's URL (it carries the access token)",
    ],
    [
      'a webhook URL of another type',
      loose('webhook', { url: 5 }),
      'url 5 must be an https:// URL or an AlertSecret holding one',
    ],
  ])('%s', (_what, target, message) => {
    expect(errorOf([target])).toBe(`${AT}targets[0].${message}`);
  });
});

describe('lists: 1 to 100 values, each checked and named by its index', () => {
  test.each([
    ['missing', loose('email', { senderAddress: MAIL }), 'toAddresses undefined must list 1 to 100 values'],
    ['empty', AlertTarget.email({ senderAddress: MAIL, toAddresses: [] }), 'toAddresses [] must list 1 to 100 values'],
    [
      'a bad second address',
      AlertTarget.email({ senderAddress: MAIL, toAddresses: [MAIL, 'bad'] }),
      `toAddresses[1] 'bad' ${EMAIL_RULE}`,
    ],
    [
      'a null element',
      loose('email', { senderAddress: MAIL, toAddresses: [MAIL, null] }),
      `toAddresses[1] null ${EMAIL_RULE}`,
    ],
    [
      'an element of another type',
      loose('email', { senderAddress: MAIL, toAddresses: [7] }),
      `toAddresses[0] 7 ${EMAIL_RULE}`,
    ],
    [
      'a short phone number',
      AlertTarget.sms({ ...SMS, phoneNumbers: ['12'] }),
      "phoneNumbers[0] '12' must be a mobile number: digits, an optional leading +",
    ],
  ])('%s', (_what, target, message) => {
    expect(errorOf([target])).toBe(`${AT}targets[0].${message}`);
  });

  test('101 recipients', () => {
    const e = errorOf([
      AlertTarget.email({ senderAddress: MAIL, toAddresses: Array.from({ length: 101 }, () => MAIL) }),
    ]);
    expect(e).toMatch(
      /^AuditAlerts 'Alerts\/Alerts': targets\[0\]\.toAddresses \["alerts@mail\.example\.com",.* must list 1 to 100 values$/,
    );
  });
});

test('values known only at deploy time pass the checks and stand in the template as references', () => {
  const stack = stackIn();
  const p = (id: string) => new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString;
  alerts(stack, [
    AlertTarget.email({ senderAddress: p('Sender'), toAddresses: [p('To')] }),
    AlertTarget.mnsQueue({ queueName: p('Queue') }),
  ]);
  const targets = synthTemplate(stack).Resources.AlertsTamperRule1.Properties.Targets;
  const param = (t: { ParamList: { ResourceKey: string; Value: unknown }[] }, key: string) =>
    t.ParamList.find((x) => x.ResourceKey === key)?.Value;
  expect(param(targets[0], 'AccountName')).toEqual({ Ref: 'Sender' });
  expect(param(targets[0], 'ToAddress')).toEqual({ Ref: 'To' });
  expect(param(targets[1], 'queue')).toEqual({ Ref: 'Queue' });
});
