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
    // 3 + 4 tamper names: two rules, split at 5 values.
    expect(a.rules.map((r) => [r.ruleName, r.eventNames])).toEqual([
      [
        'actiontrail-cdk-audit-trail-tamper-1',
        ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'DeleteDeliveryHistoryJob', 'A1'],
      ],
      ['actiontrail-cdk-audit-trail-tamper-2', ['B2', 'C3']],
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
    alerts(stack, { detections: ['AT-DETECT-TAMPER'] }, 'First');
    alerts(
      stack,
      {
        trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'second_trail' },
        detections: ['AT-DETECT-TAMPER'],
      },
      'Second',
    );
    const rules = resourcesOfType(synthTemplate(stack), 'ALIYUN::EventBridge::Rule');
    expect(Object.entries(rules).map(([id, r]) => [id, r.Properties.RuleName])).toEqual([
      ['FirstTamperRule1', 'actiontrail-cdk-audit-trail-tamper-1'],
      ['SecondTamperRule1', 'actiontrail-cdk-second-trail-tamper-1'],
    ]);
    // The same trail twice in one account and region would give the same rule names: refused.
    expect(validationError(() => alerts(stack, { detections: ['AT-DETECT-KMS-KEY'] }, 'Third')).message).toContain(
      'is already the alert rule name prefix of',
    );
  });

  test('SLS alert severities follow the overrides', () => {
    const stack = stackIn();
    alerts(stack, { detections: ['AT-DETECT-ROOT-USE'], overrides: { 'AT-DETECT-ROOT-USE': { severity: 'medium' } } });
    const [alert] = Object.values(resourcesOfType(synthTemplate(stack), 'ALIYUN::SLS::Alert'));
    expect(alert.Properties.Detail.Configuration.SeverityConfigurations[0].Severity).toBe(6);
  });
});

describe('targets', () => {
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
    expect(validationError(() => alerts(stackIn(), { targets: [] })).message).toContain(
      'targets [] lists no target: each EventBridge rule needs 1 to 5',
    );
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
    expect(t.message).toContain('carries a credential');
    expect(t.message).not.toContain('s3cr3t-value');
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
    // 3 + 97 tamper names: 20 rules.
    alerts(stackIn(app, 'First'), {
      detections: ['AT-DETECT-TAMPER'],
      overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('First', 97) } },
    });
    // 3 + 152 names: 31 rules, in another stack of the same account and region: 51.
    const second = stackIn(app, 'Second');
    const e = validationError(() =>
      alerts(
        second,
        {
          trail: { accountId: ACCOUNT, region: 'cn-hangzhou', trailName: 'other_trail' },
          detections: ['AT-DETECT-TAMPER'],
          overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('Second', 152) } },
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
        overrides: { 'AT-DETECT-TAMPER': { extraEventNames: names('Third', 152) } },
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
    expect(a.rules.length).toBe(18);
    expect(a.slsAlerts.length).toBe(13);
    const template = synthTemplate(stack);
    expect(Object.keys(template.Resources).filter((id) => id.startsWith('Validated'))).toHaveLength(31);
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
