/**
 * AuditAlerts: which detections it renders, overrides, targets, the SLS tier,
 * the limits, and the error text for bad input.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import * as sls from '@alicloud/ros-cdk-sls';
import { MaxComputeDestination, Trail, ValidationError } from 'actiontrail-cdk';
import {
  AlertSecret,
  AlertTarget,
  AuditAlerts,
  type AuditAlertsProps,
  EVENT_BRIDGE_LIMITS,
} from 'actiontrail-cdk/alerts';
import { DETECTIONS } from '../../lib/shared/detections';
import { alertMetadataOf } from '../../lib/shared/event-patterns';
import { validationError } from '../support/errors';
import { newApp, resourcesOfType, synthTemplate } from '../support/template';

const ACCOUNT = '1234567890123456';
const SLS = `acs:log:cn-hangzhou:${ACCOUNT}:project/audit-logs`;

function stackIn(app = newApp(), id = 'Alerts', env: ros.Environment = { account: ACCOUNT, region: 'cn-hangzhou' }) {
  return new ros.Stack(app, id, { env });
}

function dingTalk(): AlertTarget {
  return AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('RobotUrl') });
}

function alerts(stack: ros.Stack, props: Partial<AuditAlertsProps> = {}, id = 'Alerts'): AuditAlerts {
  return new AuditAlerts(stack, id, {
    trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail', slsProjectArn: SLS },
    targets: [dingTalk()],
    ...props,
  });
}

describe('detections', () => {
  test('by default: every write detection, and the identity ones when the trail delivers to SLS', () => {
    const withSls = alerts(stackIn());
    expect(withSls.detections).toEqual(DETECTIONS.map((d) => d.id));
    const withoutSls = alerts(stackIn(), {
      trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail' },
    });
    expect(withoutSls.detections).toEqual(DETECTIONS.filter((d) => d.tier === 'write').map((d) => d.id));
    expect(withoutSls.slsAlerts).toEqual([]);
  });

  test('a Trail of the app: its name, and its SLS destination', () => {
    const stack = stackIn();
    const trail = new Trail(stack, 'Trail', { trailName: 'audit_trail', slsProjectArn: SLS });
    const a = new AuditAlerts(stack, 'Alerts', { trail, targets: [dingTalk()] });
    expect(a.slsLogstore).toBe('actiontrail_audit_trail');
    expect(a.rules[0].ruleName).toBe('actiontrail-cdk-audit-trail-tamper-1');
    const noSls = stackIn(newApp(), 'Other');
    const mcTrail = new Trail(noSls, 'Trail', {
      trailName: 'audit_trail',
      maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou' }),
    });
    expect(new AuditAlerts(noSls, 'Alerts', { trail: mcTrail, targets: [dingTalk()] }).slsAlerts).toEqual([]);
  });

  test('a chosen list, in catalogue order; overrides turn off, change severity, add event names', () => {
    const stack = stackIn();
    const a = alerts(stack, {
      detections: ['AT-DETECT-KMS-KEY', 'AT-DETECT-TAMPER', 'AT-DETECT-ROOT-USE'],
      overrides: {
        'AT-DETECT-ROOT-USE': { enabled: false },
        'AT-DETECT-TAMPER': { severity: 'low', extraEventNames: ['DeleteDeliveryHistoryJob', 'A1', 'B2', 'C3'] },
      },
    });
    expect(a.detections).toEqual(['AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY']);
    // 6 + 4 tamper names: two rules, split at 5 values.
    expect(a.rules.map((r) => [r.ruleName, r.eventNames])).toEqual([
      [
        'actiontrail-cdk-audit-trail-tamper-1',
        ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'DeleteDataEventSelector', 'PutDataEventSelector'],
      ],
      [
        'actiontrail-cdk-audit-trail-tamper-2',
        ['UpdateGlobalEventsStorageRegion', 'DeleteDeliveryHistoryJob', 'A1', 'B2', 'C3'],
      ],
      ['actiontrail-cdk-audit-trail-kms-key-1', ['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial']],
    ]);
    const template = synthTemplate(stack);
    const rule = template.Resources.AlertsTamperRule1;
    const body = rule.Properties.Targets[0].ParamList.find((p: any) => p.ResourceKey === 'Body');
    expect(body.Template).toContain('[ActionTrail alert] low AT-DETECT-TAMPER');
    // Only CIS and identity detections get SLS alerts: KMS (2.20), not tamper.
    expect(
      Object.values(resourcesOfType(template, 'ALIYUN::SLS::Alert')).map((r) => alertMetadataOf(r as any)?.detection),
    ).toEqual(['AT-DETECT-KMS-KEY']);
  });

  test('two AuditAlerts in one stack (two trails) get distinct logical IDs and rule names', () => {
    const stack = stackIn();
    alerts(stack, { detections: ['AT-DETECT-KMS-KEY'] }, 'First');
    alerts(
      stack,
      {
        trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'second_trail' },
        detections: ['AT-DETECT-KMS-KEY'],
      },
      'Second',
    );
    const rules = resourcesOfType(synthTemplate(stack), 'ALIYUN::EventBridge::Rule');
    expect(Object.entries(rules).map(([id, r]) => [id, r.Properties.RuleName])).toEqual([
      ['FirstKmsKeyRule1', 'actiontrail-cdk-audit-trail-kms-key-1'],
      ['SecondKmsKeyRule1', 'actiontrail-cdk-second-trail-kms-key-1'],
    ]);
    // The same trail twice in one account and region would give the same rule names: refused, naming both and the fix.
    expect(validationError(() => alerts(stack, { detections: ['AT-DETECT-TAMPER'] }, 'Third')).message).toBe(
      "AuditAlerts 'Alerts/Third': trail is trail 'audit_trail', whose alerts AuditAlerts 'Alerts/First' already makes in account 1234567890123456, region cn-hangzhou: " +
        "both would name their EventBridge rules 'actiontrail-cdk-audit-trail-…' (trail names that differ only in '_' and '-' give the same names). " +
        'Make one AuditAlerts per trail, and choose what it alerts on with its detections and overrides',
    );
  });

  test('the same trail twice is refused even when neither makes EventBridge rules (SLS alerts only)', () => {
    const stack = stackIn();
    alerts(stack, { detections: ['AT-DETECT-ROOT-USE'], targets: undefined }, 'First');
    expect(
      validationError(() => alerts(stack, { detections: ['AT-DETECT-SIGNIN-FAILURE'], targets: undefined }, 'Second'))
        .message,
    ).toContain("trail is trail 'audit_trail', whose alerts AuditAlerts 'Alerts/First' already makes");
  });

  test('trail_one and trail-one would share SLS alert names in one project: refused, naming both and the fix', () => {
    const app = newApp();
    const trail = (trailName: string) => ({ accountId: ACCOUNT, region: 'cn-hangzhou', trailName, slsProjectArn: SLS });
    alerts(stackIn(app, 'One'), { trail: trail('trail_one'), detections: ['AT-DETECT-ROOT-USE'] });
    const e = validationError(() =>
      alerts(stackIn(app, 'Two'), { trail: trail('trail-one'), detections: ['AT-DETECT-ROOT-USE'] }, 'Other'),
    );
    expect(e.message).toContain("AuditAlerts 'Two/Other': trail is trail 'trail-one'");
    expect(e.message).toContain(
      "whose AT-DETECT-ROOT-USE SLS alert would be named 'at-trail-one-root-use' in SLS project 'audit-logs', a name AuditAlerts 'One/Alerts' already gives an alert there",
    );
    expect(e.message).toContain(
      'Make one AuditAlerts per trail, rename one of the trails, or deliver them to different SLS projects',
    );
    // Without SLS, the EventBridge rule names collide the same way.
    alerts(stackIn(app, 'Three'), { trail: { ...trail('trail_two'), slsProjectArn: undefined } });
    expect(
      validationError(() =>
        alerts(stackIn(app, 'Four'), { trail: { ...trail('trail-two'), slsProjectArn: undefined } }),
      ).message,
    ).toContain(
      "both would name their EventBridge rules 'actiontrail-cdk-trail-two-…' (trail names that differ only in '_' and '-' give the same names)",
    );
  });

  test('SLS alerts run every 5 minutes over the last 5 + slsDeliveryDelayMinutes (default 5), a documented overlap', () => {
    const window = (props: Partial<AuditAlertsProps>) => {
      const stack = stackIn();
      alerts(stack, { detections: ['AT-DETECT-ROOT-USE'], ...props });
      const [alert] = Object.values(resourcesOfType(synthTemplate(stack), 'ALIYUN::SLS::Alert'));
      const [q] = alert.Properties.Detail.Configuration.QueryList;
      return [alert.Properties.Detail.Schedule.Interval, q.TimeSpanType, q.Start, q.End];
    };
    expect(window({})).toEqual(['5m', 'Relative', '-10m', 'now']);
    expect(window({ slsDeliveryDelayMinutes: 0 })).toEqual(['5m', 'Relative', '-5m', 'now']);
    expect(window({ slsDeliveryDelayMinutes: 15 })).toEqual(['5m', 'Relative', '-20m', 'now']);
    for (const bad of [-1, 1.5, 1441]) {
      expect(validationError(() => alerts(stackIn(), { slsDeliveryDelayMinutes: bad })).message).toBe(
        `AuditAlerts 'Alerts/Alerts': slsDeliveryDelayMinutes ${bad} must be a whole number of minutes from 0 to 1440: how late an event may reach SLS and still alert. Pass e.g. 5, or leave it out`,
      );
    }
  });

  test('SLS alert severities follow the overrides', () => {
    const stack = stackIn();
    alerts(stack, { detections: ['AT-DETECT-ROOT-USE'], overrides: { 'AT-DETECT-ROOT-USE': { severity: 'medium' } } });
    const [alert] = Object.values(resourcesOfType(synthTemplate(stack), 'ALIYUN::SLS::Alert'));
    expect(alert.Properties.Detail.Configuration.SeverityConfigurations[0].Severity).toBe(6);
  });
});

describe('targets', () => {
  test('in a stack whose account is known only at deploy time, the endpoints join the account in (no [object Object])', () => {
    const stack = stackIn(newApp(), 'Agnostic', { region: 'cn-hangzhou' });
    alerts(stack, {
      detections: ['AT-DETECT-TAMPER'],
      targets: [
        AlertTarget.email({ senderAddress: 'alerts@mail.example.com', toAddresses: ['sec@example.com'] }),
        AlertTarget.sms({ phoneNumbers: ['+8613800000000'], signName: 'Example', templateCode: 'SMS_123456' }),
        AlertTarget.mnsQueue({ queueName: 'audit-alerts' }),
      ],
    });
    const template = synthTemplate(stack);
    expect(JSON.stringify(template)).not.toContain('[object Object]');
    const account = { Ref: 'ALIYUN::AccountId' };
    expect(template.Resources.AlertsTamperRule1.Properties.Targets.map((t: any) => t.Endpoint)).toEqual([
      { 'Fn::Join': ['', ['acs:mail:cn-hangzhou:', account]] },
      { 'Fn::Join': ['', ['acs:sms:cn-hangzhou:', account]] },
      { 'Fn::Join': ['', ['acs:mns:cn-hangzhou:', account, ':queues/audit-alerts']] },
    ]);
  });

  test('email, SMS and MNS queue targets render their documented parameters in the stack account and region', () => {
    const stack = stackIn();
    alerts(stack, {
      detections: ['AT-DETECT-TAMPER'],
      targets: [
        AlertTarget.email({
          senderAddress: 'alerts@mail.example.com',
          toAddresses: ['sec@example.com', 'ops@example.com'],
        }),
        AlertTarget.sms({ phoneNumbers: ['+8613800000000'], signName: 'Example', templateCode: 'SMS_123456' }),
        AlertTarget.mnsQueue({ queueName: 'audit-alerts' }),
      ],
    });
    const targets = synthTemplate(stack).Resources.AlertsTamperRule1.Properties.Targets;
    const keys = (t: any) => Object.fromEntries(t.ParamList.map((p: any) => [p.ResourceKey, p.Form]));
    expect(targets.map((t: any) => [t.Id, t.Type, t.Endpoint])).toEqual([
      ['email-1', 'acs.mail', `acs:mail:cn-hangzhou:${ACCOUNT}`],
      ['sms-2', 'acs.sms', `acs:sms:cn-hangzhou:${ACCOUNT}`],
      ['mns-queue-3', 'acs.mns.queue', `acs:mns:cn-hangzhou:${ACCOUNT}:queues/audit-alerts`],
    ]);
    expect(keys(targets[0])).toEqual({
      Subject: 'CONSTANT',
      AccountName: 'CONSTANT',
      AddressType: 'CONSTANT',
      ReplyToAddress: 'CONSTANT',
      ToAddress: 'CONSTANT',
      IsHtmlBody: 'CONSTANT',
      Body: 'TEMPLATE',
    });
    expect(keys(targets[1])).toEqual({
      PhoneNumbers: 'CONSTANT',
      SignName: 'CONSTANT',
      TemplateCode: 'CONSTANT',
      TemplateParam: 'TEMPLATE',
    });
    expect(keys(targets[2])).toEqual({ queue: 'CONSTANT', Body: 'TEMPLATE' });
    expect(JSON.parse(targets[2].ParamList[1].Template)).toMatchObject({
      detection: 'AT-DETECT-TAMPER',
      eventName: '${eventName}',
    });
  });

  test('a secret parameter given twice is made once; a parameter you made must be NoEcho without default', () => {
    const stack = stackIn();
    alerts(stack, { detections: ['AT-DETECT-TAMPER'], targets: [dingTalk(), dingTalk()] });
    expect(Object.keys(synthTemplate(stack).Parameters)).toEqual(['RobotUrl']);

    const other = stackIn();
    const plain = new ros.RosParameter(other, 'Plain', { type: ros.RosParameterType.STRING });
    const e = validationError(() =>
      alerts(other, { targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.fromParameter(plain) })] }),
    );
    expect(e.message).toContain("targets[0].robotUrl is parameter 'Plain', which is not NoEcho");
    const third = stackIn();
    const withDefault = new ros.RosParameter(third, 'Url', {
      type: ros.RosParameterType.STRING,
      noEcho: true,
      defaultValue: 'x',
    });
    expect(
      validationError(() =>
        alerts(third, { targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.fromParameter(withDefault) })] }),
      ).message,
    ).toContain('which has a default value: a default stands in the template');
  });
});

describe('secrets', () => {
  test('a webhook URL that is itself a secret comes from a NoEcho parameter too', () => {
    const stack = stackIn();
    alerts(stack, {
      detections: ['AT-DETECT-TAMPER'],
      targets: [AlertTarget.webhook({ url: AlertSecret.parameter('HookUrl') })],
    });
    const template = synthTemplate(stack);
    const [target] = template.Resources.AlertsTamperRule1.Properties.Targets;
    expect(target.Endpoint).toEqual({ Ref: 'HookUrl' });
    expect(template.Parameters.HookUrl).toMatchObject({ NoEcho: true });
  });

  test('a parameter name taken by another construct, or not a logical ID, is refused', () => {
    const stack = stackIn();
    new ros.Construct(stack, 'Taken');
    expect(
      validationError(() =>
        alerts(stack, { targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('Taken') })] }),
      ).message,
    ).toContain(
      "targets[0].robotUrl names 'Taken', which is already a construct of stack 'Alerts' and not a parameter",
    );
    expect(
      validationError(() =>
        alerts(stackIn(), { targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('no-dashes') })] }),
      ).message,
    ).toContain("a parameter's logical ID is a letter, then letters and digits");
  });
});

describe('errors name the construct, the property, the value, the rule and the fix', () => {
  test('an unknown detection id', () => {
    const e = validationError(() => alerts(stackIn(), { detections: ['AT-DETECT-TAMPER', 'AT-DETECT-NOPE'] }));
    expect(e.message).toMatch(
      /^AuditAlerts 'Alerts\/Alerts': detections\[1\] 'AT-DETECT-NOPE' is not a detection id: the known ids are AT-DETECT-TAMPER, /,
    );
    expect(e.message).toContain('Use one of them');
    expect(e.constructPath).toBe('Alerts/Alerts');
    const o = validationError(() => alerts(stackIn(), { overrides: { 'AT-DETECT-TYPO': { enabled: false } } }));
    expect(o.message).toContain("overrides['AT-DETECT-TYPO'] 'AT-DETECT-TYPO' is not a detection id");
  });

  test('a sixth target', () => {
    const six = Array.from({ length: 6 }, (_, i) => AlertTarget.mnsQueue({ queueName: `q${i}` }));
    const e = validationError(() => alerts(stackIn(), { targets: six }));
    expect(e.message).toBe(
      `AuditAlerts 'Alerts/Alerts': targets lists 6 targets: EventBridge allows at most ${EVENT_BRIDGE_LIMITS.targetsPerRule} per rule. Keep 5 (e.g. send to one MNS queue or webhook that fans out), or make a second AuditAlerts with other detections`,
    );
  });

  test('targets are optional: none with write detections on is an error with the fix; identity only needs none', () => {
    for (const targets of [undefined, []]) {
      const e = validationError(() =>
        alerts(stackIn(), { detections: ['AT-DETECT-TAMPER', 'AT-DETECT-ROOT-USE'], targets }),
      );
      expect(e.message).toBe(
        `AuditAlerts 'Alerts/Alerts': targets ${targets === undefined ? 'is not given' : 'is an empty list'}, but write detections are on (AT-DETECT-TAMPER): each makes EventBridge rules, and a rule needs 1 to 5 targets. ` +
          "Pass targets, e.g. [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })], or list identity detections only in detections",
      );
    }
    const stack = stackIn();
    const a = new AuditAlerts(stack, 'Alerts', {
      trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail', slsProjectArn: SLS },
      detections: ['AT-DETECT-ROOT-USE'],
    });
    expect(a.rules).toEqual([]);
    expect(a.slsAlerts).toHaveLength(1);
    expect(resourcesOfType(synthTemplate(stack), 'ALIYUN::EventBridge::Rule')).toEqual({});
  });

  test('an empty event list', () => {
    const e = validationError(() => alerts(stackIn(), { overrides: { 'AT-DETECT-TAMPER': { extraEventNames: [] } } }));
    expect(e.message).toBe(
      "AuditAlerts 'Alerts/Alerts': overrides['AT-DETECT-TAMPER'].extraEventNames [] is an empty event list: list at least one event name, or leave extraEventNames out",
    );
    expect(validationError(() => alerts(stackIn(), { detections: [] })).message).toContain(
      'detections [] is an empty list: list at least one detection id, or leave detections out',
    );
    expect(
      validationError(() => alerts(stackIn(), { overrides: { 'AT-DETECT-ROOT-USE': { extraEventNames: ['X'] } } }))
        .message,
    ).toContain('extraEventNames apply to write detections only');
    expect(
      validationError(() => alerts(stackIn(), { overrides: { 'AT-DETECT-TAMPER': { extraEventNames: ['bad name'] } } }))
        .message,
    ).toContain("extraEventNames[0] 'bad name' must be an event name");
  });

  test('a non-HTTPS webhook, and a webhook URL carrying a token; neither error prints the URL path or query', () => {
    const e = validationError(() =>
      alerts(stackIn(), { targets: [AlertTarget.webhook({ url: 'http://hooks.example.com/path/abc123?x=1' })] }),
    );
    expect(e.message).toBe(
      "AuditAlerts 'Alerts/Alerts': targets[0].url 'http://hooks.example.com/...' is not HTTPS: alerts carry who did what, so they go over https:// only. Use the receiver's https:// URL",
    );
    const t = validationError(() =>
      alerts(stackIn(), { targets: [AlertTarget.webhook({ url: 'https://hooks.example.com/in?token=s3cr3t-value' })] }),
    );
    expect(t.message).toBe(
      "AuditAlerts 'Alerts/Alerts': targets[0].url 'https://hooks.example.com/...' may carry a credential (a query string; not shown): a literal webhook URL must have no user info, query string or fragment and no token-like path, because the template stands in cdk.out and in ROS. " +
        "Pass the whole URL as a NoEcho parameter, url: AlertSecret.parameter('WebhookUrl'), and give it at deploy time (a token the receiver checks can go in token: AlertSecret.parameter(...))",
    );
    expect(t.message).not.toContain('s3cr3t-value');
  });

  test.each([
    ['any query key', 'https://hooks.example.com/in?apikey=k3y-SECRET', 'a query string'],
    ['an Azure-style code', 'https://fn.example.net/api/hook?code=S3CRET', 'a query string'],
    ['an empty query', 'https://hooks.example.com/in?', 'a query string'],
    ['a fragment', 'https://hooks.example.com/in#S3CRET', 'a fragment'],
    ['user info', 'https://user:S3CRET@hooks.example.com/in', 'user info'],
    [
      'a Slack incoming webhook',
      'https://hooks.slack.com/services/T000/B000/S3CRET',
      "a Slack incoming webhook's secret path",
    ],
    [
      'a token-like path segment',
      'https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c3d-S3CRET-4e5f-6789-abcdef012345',
      'a path segment that looks like a token (20 or more letters, digits, _ and -)',
    ],
    [
      'a mixed-case token',
      'https://hooks.example.com/x/AbCdEfGhIjKlMnOpQrStUvS3CRET',
      'a path segment that looks like a token (20 or more letters, digits, _ and -)',
    ],
  ])('a literal webhook URL with %s is refused, the URL not shown', (_what, url, reason) => {
    const e = validationError(() => alerts(stackIn(), { targets: [AlertTarget.webhook({ url })] }));
    expect(e.message).toContain(`may carry a credential (${reason}; not shown)`);
    expect(e.message).toContain("url: AlertSecret.parameter('WebhookUrl')");
    expect(e.message).not.toContain('S3CRET');
  });

  test('a literal webhook URL of plain words is accepted; the same URL as an AlertSecret is never in the template', () => {
    const stack = stackIn();
    alerts(stack, {
      detections: ['AT-DETECT-TAMPER'],
      targets: [AlertTarget.webhook({ url: 'https://alerts.example.com/actiontrail-alerts-receiver/in' })],
    });
    expect(synthTemplate(stack).Resources.AlertsTamperRule1.Properties.Targets[0].Endpoint).toBe(
      'https://alerts.example.com/actiontrail-alerts-receiver/in',
    );
  });

  test('a DingTalk URL given as a plain string (a JS caller or a cast): refused, never printed', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef';
    const e = validationError(() =>
      alerts(stackIn(), { targets: [AlertTarget.dingTalk({ robotUrl: url as unknown as AlertSecret })] }),
    );
    expect(e.message).toBe(
      "AuditAlerts 'Alerts/Alerts': targets[0].robotUrl is a plain string (its value is not shown): the robot's URL (it carries the access token) is a secret and must come from a NoEcho template parameter, never a string in code or the template. Pass AlertSecret.parameter('<ParameterName>') and give the value at deploy time",
    );
    expect(e.message).not.toContain('access_token');
    const s = validationError(() =>
      alerts(stackIn(), {
        targets: [
          AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('U'), signingSecret: 'SEC0123456789abcdef' as never }),
        ],
      }),
    );
    expect(s.message).toContain('targets[0].signingSecret is a plain string (its value is not shown)');
    expect(s.message).not.toContain('SEC0123');
  });

  test('identity alerts without an SLS destination: the fix shows how to add slsProjectArn', () => {
    const e = validationError(() =>
      alerts(stackIn(), {
        trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail' },
        detections: ['AT-DETECT-TAMPER', 'AT-DETECT-SIGNIN-NO-MFA'],
      }),
    );
    expect(e.message).toContain(
      "detections lists 'AT-DETECT-SIGNIN-NO-MFA' (CIS 2.17), an identity detection: sign-in events and refused calls are not published to EventBridge, so it needs the trail to deliver to SLS, and trail 'audit_trail' does not.",
    );
    expect(e.message).toContain(
      "Add slsProjectArn to the Trail, e.g. new Trail(stack, 'Trail', { ..., slsProjectArn: `acs:log:<region>:",
    );
  });

  test('51 rules on one bus, counted across the stacks of one account and region', () => {
    const app = newApp();
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    // 6 + 94 tamper names: 20 rules.
    alerts(stackIn(app, 'First'), {
      detections: ['AT-DETECT-TAMPER'],
      overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('First', 94) } },
    });
    // 6 + 149 names: 31 rules, in another stack of the same account and region: 51.
    const second = stackIn(app, 'Second');
    const e = validationError(() =>
      alerts(
        second,
        {
          trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'other_trail' },
          detections: ['AT-DETECT-TAMPER'],
          overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('Second', 149) } },
        },
        'More',
      ),
    );
    expect(e.message).toBe(
      `AuditAlerts 'Second/More': detections would put 51 EventBridge rules on bus 'default' of account ${ACCOUNT} in region cn-hangzhou (this AuditAlerts 31, 'First/Alerts' 20): EventBridge allows at most 50 rules on one bus. Turn detections off (overrides: { <id>: { enabled: false } }), drop extraEventNames (every 5 event names make one rule), or alert for fewer trails in this account and region`,
    );
    // Another region has its own bus.
    expect(() =>
      alerts(stackIn(app, 'Third', { account: ACCOUNT, region: 'cn-shanghai' }), {
        trail: { accountId: ACCOUNT, region: 'cn-shanghai', trailName: 'other_trail' },
        detections: ['AT-DETECT-TAMPER'],
        overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('Third', 149) } },
      }),
    ).not.toThrow();
  });

  test('a trail of another account or region, an SLS project of another account', () => {
    expect(
      validationError(() =>
        alerts(stackIn(), {
          trail: { accountId: '6543210987654321', region: 'cn-hangzhou', trailName: 'audit_trail' },
        }),
      ).message,
    ).toContain('but this stack deploys to account 1234567890123456: ActionTrail publishes an account');
    expect(
      validationError(() =>
        alerts(stackIn(), { trail: { accountId: ACCOUNT, region: 'cn-beijing', trailName: 'audit_trail' } }),
      ).message,
    ).toContain("the alerts deploy in the trail's home region. Create the AuditAlerts in a stack of region cn-beijing");
    const e = validationError(() =>
      alerts(stackIn(), {
        trail: {
          accountId: ACCOUNT,
          region: 'cn-hangzhou',
          trailName: 'audit_trail',
          slsProjectArn: 'acs:log:cn-hangzhou:6543210987654321:project/their-logs',
        },
      }),
    );
    expect(e.message).toContain(
      "delivers to SLS project 'their-logs' of account 6543210987654321, but this stack deploys to account 1234567890123456: an SLS alert runs in the project's account.",
    );
  });

  test('an environment-agnostic stack: the SLS project ARN may use stack.account and stack.region', () => {
    const stack = new ros.Stack(newApp(), 'Agnostic');
    const trail = new Trail(stack, 'Trail', {
      trailName: 'audit_trail',
      slsProjectArn: `acs:log:${stack.region}:${stack.account}:project/audit-logs`,
    });
    const a = new AuditAlerts(stack, 'Alerts', { trail, targets: [dingTalk()] });
    expect(a.slsAlerts.length).toBeGreaterThan(0);
    const [alert] = Object.values(resourcesOfType(synthTemplate(stack), 'ALIYUN::SLS::Alert'));
    expect(alert.Properties.Project).toBe('audit-logs');
    expect(alert.Properties.Detail.Configuration.QueryList[0].Region).toEqual({ Ref: 'ALIYUN::Region' });
  });

  test('an SLS project ARN that is not one, or whose name is a token, is refused with the rule and the fix', () => {
    const stack = new ros.Stack(newApp(), 'Agnostic');
    const name = new ros.RosParameter(stack, 'ProjectName', { type: ros.RosParameterType.STRING });
    const e = validationError(
      () =>
        new AuditAlerts(stack, 'Alerts', {
          trail: {
            accountId: ACCOUNT,
            region: 'cn-hangzhou',
            trailName: 'audit_trail',
            slsProjectArn: `acs:log:${stack.region}:${stack.account}:project/${name.valueAsString}`,
          },
          targets: [dingTalk()],
        }),
    );
    expect(e.message).toContain(
      'whose name is a token: the SLS alerts name the project at synth, so it must be literal.',
    );
    expect(e.message).toContain(
      "Write the project's name in the ARN (acs:log:<region>:<account>:project/<project name>), or leave the SLS tier out",
    );
    const arn = new ros.RosParameter(stack, 'Arn', { type: ros.RosParameterType.STRING });
    const whole = validationError(
      () =>
        new AuditAlerts(stack, 'Whole', {
          trail: {
            accountId: ACCOUNT,
            region: 'cn-hangzhou',
            trailName: 'other_trail',
            slsProjectArn: arn.valueAsString,
          },
          targets: [dingTalk()],
        }),
    );
    expect(whole.message).toContain('an ARN known only at deploy time');
    expect(whole.message).toContain(
      'with a literal project name (region and account may be stack.region and stack.account)',
    );
  });

  test('errors are ValidationErrors outside a stack too', () => {
    const app = newApp();
    expect(
      () =>
        new AuditAlerts(app, 'Loose', {
          trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'audit_trail' },
          targets: [dingTalk()],
        }),
    ).toThrow(ValidationError);
  });
});

describe('the rendered L1 props pass the packages own validators', () => {
  // AuditAlerts skips ros-cdk's per-synth validation (bench/alerts.js): these tests run it on every rule and alert.
  test('every EventBridge rule and SLS alert of a full pack, with every kind of target', () => {
    const stack = stackIn();
    const a = alerts(stack, {
      targets: [
        dingTalk(),
        AlertTarget.webhook({ url: 'https://hooks.example.com/in', token: AlertSecret.parameter('Token') }),
        AlertTarget.email({ senderAddress: 'alerts@mail.example.com', toAddresses: ['sec@example.com'] }),
        AlertTarget.sms({ phoneNumbers: ['+8613800000000'], signName: 'Example', templateCode: 'SMS_123456' }),
        AlertTarget.mnsQueue({ queueName: 'audit-alerts' }),
      ],
    });
    // In the same stack (the targets reference its parameters), with validation on.
    const scratch = new ros.Construct(stack, 'Validated');
    a.rules.forEach((rule, i) => {
      const r = rule.resource as eventbridge.RosRule;
      const props: eventbridge.RosRuleProps = {
        eventBusName: r.eventBusName,
        ruleName: r.ruleName,
        filterPattern: r.filterPattern,
        targets: r.targets,
        description: r.description,
        status: r.status,
      };
      new eventbridge.RosRule(scratch, `ValidatedRule${i}`, props, true);
    });
    a.slsAlerts.forEach((alert, i) => {
      const r = alert as sls.RosAlert;
      new sls.RosAlert(scratch, `ValidatedAlert${i}`, { project: r.project, detail: r.detail }, true);
    });
    expect(a.rules.length).toBe(21);
    expect(a.slsAlerts.length).toBe(13);
    const template = synthTemplate(stack);
    expect(Object.keys(template.Resources).filter((id) => id.startsWith('Validated'))).toHaveLength(34);
  });

  test('the validators do catch a bad prop (the check above can fail)', () => {
    const scratch = stackIn(newApp(), 'Invalid');
    new eventbridge.RosRule(
      scratch,
      'Bad',
      { eventBusName: 'default', ruleName: 'x', filterPattern: {}, targets: 7 as never },
      true,
    );
    expect(() => synthTemplate(scratch)).toThrow(/targets/i);
  });
});
