import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, MaxComputeDestination, Trail } from '../../lib';
import { ALERT_METADATA_KEY, EVENT_BRIDGE_RULE_TYPE } from '../../lib/shared/event-patterns';
import { SLS_ALERT_TYPE } from '../../lib/shared/sls-queries';
import { check, compliantTrail, findingsOf, tamperDetection } from '../support/audit-checks';
import { newApp, newStack } from '../support/template';
import { organizationAudit } from '../../examples/organization';

const A = '1111111111111111';
const B = '2222222222222222';
const SUPPRESS =
  "or, where tamper alerts are made outside this app, AuditChecks.suppress(trail, 'AT-ALERT-001', '<where they are>')";
const EVENTS =
  'StopLogging, DeleteTrail, UpdateTrail, DeleteDataEventSelector, PutDataEventSelector, UpdateGlobalEventsStorageRegion';
const MARKER = 'carries the actiontrail-cdk:alert marker for AT-DETECT-TAMPER';
const CONSEQUENCE = `so ${EVENTS} on this trail would alert no one`;
const HOME_REGION =
  "(a trail's own events go to the EventBridge bus of its home region, cn-hangzhou; alerts of other regions do not see them)";

/** A Trail without the tamper detection compliantTrail adds. */
function bareTrail(stack: ros.Stack, id = 'AuditTrail', trailName = 'audit_all'): Trail {
  return new Trail(stack, id, {
    trailName,
    maxCompute: MaxComputeDestination.thisAccount({ quota: 'os_PayAsYouGoQuota' }),
  });
}

function accountStack(app: ros.App, id: string, account: string, region = 'cn-hangzhou'): ros.Stack {
  return new ros.Stack(app, id, { env: { account, region } });
}

describe('AT-ALERT-001 a trail has tamper detection in its account', () => {
  test('compliant: an EventBridge rule or an SLS alert marked AT-DETECT-TAMPER beside the trail', () => {
    const stack = newStack();
    compliantTrail(stack);
    expect(findingsOf(check(stack), 'AT-ALERT-001')).toEqual([]);

    const sls = newStack();
    bareTrail(sls);
    tamperDetection(sls, 'TamperAlert', SLS_ALERT_TYPE);
    expect(findingsOf(check(sls), 'AT-ALERT-001')).toEqual([]);
  });

  test('compliant: the alert is in another stack of the same literal account and region', () => {
    const app = newApp();
    bareTrail(accountStack(app, 'Trail', A));
    tamperDetection(accountStack(app, 'Alerts', A));
    const result = check(app);
    expect(findingsOf(result, 'AT-ALERT-001')).toEqual([]);
    expect(result.report.summary.warnings).toBe(0);
  });

  test("non-compliant: the alert is in another region of the account (the trail's events go to its home region's bus)", () => {
    const app = newApp();
    bareTrail(accountStack(app, 'Trail', A));
    tamperDetection(accountStack(app, 'Alerts', A, 'ap-southeast-1'));
    const findings = findingsOf(check(app), 'AT-ALERT-001');
    expect(findings.map((f) => [f.message, f.fix])).toEqual([
      [
        `the trail's account ${A} has no tamper detection in region cn-hangzhou: no EventBridge rule or SLS alert of the app in a stack of account ${A} in region cn-hangzhou ${MARKER} ${HOME_REGION}, ${CONSEQUENCE}`,
        `Add AuditAlerts (actiontrail-cdk/alerts) with AT-DETECT-TAMPER to a stack of account ${A} in region cn-hangzhou, ${SUPPRESS}`,
      ],
    ]);
  });

  test('a region known only at deploy time, on either side, falls back to comparing the account', () => {
    const app = newApp();
    bareTrail(new ros.Stack(app, 'Trail', { env: { account: A } }));
    tamperDetection(accountStack(app, 'Alerts', A, 'ap-southeast-1'));
    expect(findingsOf(check(app), 'AT-ALERT-001')).toEqual([]);

    const other = newApp();
    bareTrail(accountStack(other, 'Trail', A));
    tamperDetection(new ros.Stack(other, 'Alerts', { env: { account: A } }));
    expect(findingsOf(check(other), 'AT-ALERT-001')).toEqual([]);

    const uncovered = newApp();
    bareTrail(new ros.Stack(uncovered, 'Trail', { env: { account: A } }));
    tamperDetection(accountStack(uncovered, 'Alerts', B));
    expect(findingsOf(check(uncovered), 'AT-ALERT-001').map((f) => f.message)).toEqual([
      `the trail's account ${A} has no tamper detection: no EventBridge rule or SLS alert of the app in a stack of account ${A} ${MARKER}, ${CONSEQUENCE}`,
    ]);
  });

  test('non-compliant: no alert at all is a warning naming the account, annotated; synth succeeds', () => {
    const app = newApp();
    bareTrail(accountStack(app, 'Trail', A));
    const result = check(app);
    const message = `the trail's account ${A} has no tamper detection in region cn-hangzhou: no EventBridge rule or SLS alert of the app in a stack of account ${A} in region cn-hangzhou ${MARKER} ${HOME_REGION}, ${CONSEQUENCE}`;
    const fix = `Add AuditAlerts (actiontrail-cdk/alerts) with AT-DETECT-TAMPER to a stack of account ${A} in region cn-hangzhou, ${SUPPRESS}`;
    expect(findingsOf(result, 'AT-ALERT-001')).toEqual([
      {
        ruleId: 'AT-ALERT-001',
        level: AuditLevel.WARNING,
        path: 'Trail/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message,
        fix,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(result.assembly!.getStackByName('Trail').messages).toContainEqual({
      level: 'warning',
      id: '/Trail/AuditTrail/AuditTrail',
      entry: expect.objectContaining({ type: 'aliyun:ros:warning', data: `[AT-ALERT-001] ${message}. Fix: ${fix}` }),
    });
  });

  test("non-compliant: the alert is in another account's stack", () => {
    const app = newApp();
    bareTrail(accountStack(app, 'Trail', A));
    tamperDetection(accountStack(app, 'Alerts', B));
    expect(findingsOf(check(app), 'AT-ALERT-001').map((f) => f.message)).toEqual([
      expect.stringContaining(`the trail's account ${A} has no tamper detection`),
    ]);
  });

  test('non-compliant: an alert of another detection, or the marker on a resource that is no alert, or none', () => {
    for (const add of [
      (s: ros.Stack) => tamperDetection(s, 'RamRule', EVENT_BRIDGE_RULE_TYPE, 'AT-DETECT-RAM-POLICY'),
      (s: ros.Stack) => tamperDetection(s, 'NotAnAlert', 'ALIYUN::SLS::Logstore'),
      (s: ros.Stack) => {
        const rule = new ros.RosResource(s, 'Unmarked', { type: EVENT_BRIDGE_RULE_TYPE, properties: {} });
        rule.rosOptions.metadata = { [ALERT_METADATA_KEY]: 'AT-DETECT-TAMPER' };
      },
    ]) {
      const stack = newStack();
      bareTrail(stack);
      add(stack);
      expect(findingsOf(check(stack), 'AT-ALERT-001')).toHaveLength(1);
    }
  });

  test('a trail whose account is a token is covered only by an alert of its own template', () => {
    const app = newApp();
    bareTrail(new ros.Stack(app, 'Trail', { env: { region: 'cn-hangzhou' } }));
    tamperDetection(new ros.Stack(app, 'Alerts', { env: { region: 'cn-hangzhou' } }));
    const [finding] = findingsOf(check(app), 'AT-ALERT-001');
    expect(finding.path).toBe('Trail/AuditTrail/AuditTrail');
    expect(finding.message).toBe(
      "the trail's account is known only at deploy time and its own template has no tamper detection: no EventBridge rule or SLS alert there carries the actiontrail-cdk:alert marker for AT-DETECT-TAMPER (alerts of other stacks cannot be matched to an account that is a token), so " +
        `${EVENTS} on this trail would alert no one`,
    );
    expect(finding.fix).toBe(
      `Add AuditAlerts (actiontrail-cdk/alerts) with AT-DETECT-TAMPER beside the trail, or give its stack a literal env.account, ${SUPPRESS}`,
    );
  });

  test('every trail of an uncovered stack gets its own finding; an L1 trail counts too', () => {
    const stack = newStack();
    bareTrail(stack, 'First', 'audit_first');
    bareTrail(stack, 'Second', 'audit_second');
    new ros.RosResource(stack, 'L1', { type: 'ALIYUN::ACTIONTRAIL::Trail', properties: { Name: 'audit_l1' } });
    expect(findingsOf(check(stack), 'AT-ALERT-001').map((f) => f.path)).toEqual([
      'Audit/First/First',
      'Audit/L1',
      'Audit/Second/Second',
    ]);
  });

  test("a stack group's member template: an alert in the same template covers its trail", () => {
    const memberTemplate = (withAlert: boolean) => {
      const stack = newStack();
      new ros.RosResource(stack, 'Members', {
        type: 'ALIYUN::ROS::StackGroup',
        properties: {
          StackGroupName: 'members',
          TemplateBody: {
            ROSTemplateFormatVersion: '2015-09-01',
            Resources: {
              MemberTrail: {
                Type: 'Custom::ActionTrailTrail',
                Properties: { ServiceToken: 'x', Parameters: { Name: 'member_trail', TrailRegion: 'All' } },
              },
              ...(withAlert
                ? {
                    Tamper: {
                      Type: EVENT_BRIDGE_RULE_TYPE,
                      Metadata: {
                        [ALERT_METADATA_KEY]: { detection: 'AT-DETECT-TAMPER', eventNames: ['StopLogging'] },
                      },
                      Properties: { EventBusName: 'default', RuleName: 'tamper' },
                    },
                  }
                : {}),
            },
          },
        },
      });
      return findingsOf(check(stack), 'AT-ALERT-001').map((f) => f.path);
    };
    expect(memberTemplate(true)).toEqual([]);
    expect(memberTemplate(false)).toEqual(['Audit/Members/TemplateBody/MemberTrail']);
  });

  test("a stack group's declared member accounts are covered by alert stacks of each of them", () => {
    const memberFindings = (alertAccounts: readonly string[]) => {
      const app = newApp();
      organizationAudit(app);
      alertAccounts.forEach((account, i) => tamperDetection(accountStack(app, `Alerts${i}`, account)));
      return findingsOf(check(app), 'AT-ALERT-001')
        .filter((f) => f.path.includes('MemberTrails'))
        .map((f) => f.message);
    };
    expect(memberFindings(['7777777777777777'])).toEqual([
      expect.stringContaining("the trail's account 8888888888888888 has no tamper detection"),
    ]);
    expect(memberFindings(['7777777777777777', '8888888888888888'])).toEqual([]);
  });

  test('suppressed: reported with the reason, not annotated', () => {
    const stack = newStack();
    const trail = bareTrail(stack);
    AuditChecks.suppress(trail, 'AT-ALERT-001', 'tamper alerts come from the SOC account');
    const result = check(stack);
    expect(findingsOf(result, 'AT-ALERT-001')).toEqual([
      expect.objectContaining({ suppressed: true, reason: 'tamper alerts come from the SOC account' }),
    ]);
    expect(result.report.summary).toEqual(expect.objectContaining({ warnings: 0, suppressed: 1 }));
    const messages = result.assembly!.getStackByName('Audit').messages.map((m) => String(m.entry.data));
    expect(messages.filter((m) => m.includes('AT-ALERT-001'))).toEqual([]);
  });

  test('runs under AuditChecks only: a Trail in an app without AuditChecks gets no AT-ALERT-001', () => {
    const stack = newStack();
    bareTrail(stack);
    const messages = (stack.node.root as ros.App)
      .synth()
      .getStackByName('Audit')
      .messages.map((m) => String(m.entry.data));
    expect(messages.filter((m) => m.includes('AT-ALERT-001'))).toEqual([]);
  });
});
