/**
 * The organization blueprints take `alerts` (a value from the alerts subpath)
 * and add AuditAlerts beside every trail they make, member template included.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { MemberAccountTrails, OrganizationAudit } from 'actiontrail-cdk';
import { AlertSecret, AlertTarget, AuditAlerts } from 'actiontrail-cdk/alerts';
import { alertMetadataOf } from '../../lib/shared/event-patterns';
import { validationError } from '../support/errors';
import { newApp, resourcesOfType, synthTemplate, type Template } from '../support/template';

function organization(memberRollout: boolean) {
  const app = newApp();
  const org = new OrganizationAudit(app, 'Org', {
    managementAccountId: '1111111111111111',
    logArchiveAccountId: '3333333333333333',
    region: 'cn-hangzhou',
    ...(memberRollout
      ? { memberRollout: { folderIds: ['fd-ExampleFolder'], memberAccountIds: ['7777777777777777'] } }
      : {}),
    alerts: AuditAlerts.forBlueprints({
      targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })],
      detections: ['AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY'],
    }),
  });
  const assembly = app.synth();
  return {
    org,
    management: assembly.getStackByName(org.managementStack.stackName).template as Template,
    logArchive: assembly.getStackByName(org.logArchiveStack.stackName).template as Template,
  };
}

const detectionsOf = (template: Template) =>
  Object.values(resourcesOfType(template, 'ALIYUN::EventBridge::Rule')).map(
    (r) => alertMetadataOf(r as any)?.detection,
  );

test('OrganizationAudit adds the alerts beside the management trail, not in the log-archive stack', () => {
  const { management, logArchive } = organization(false);
  // Six tamper names: two rules.
  expect(detectionsOf(management)).toEqual(['AT-DETECT-TAMPER', 'AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY']);
  expect(management.Resources.OrganizationTrailAlertsTamperRule1).toBeDefined();
  expect(management.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(detectionsOf(logArchive)).toEqual([]);
});

test('with memberRollout, the member template holds the alerts and the stack group passes the secret by Ref', () => {
  const { org, management } = organization(true);
  const member = org.memberTrails!.memberTemplate as Template;
  expect(detectionsOf(member)).toEqual(['AT-DETECT-TAMPER', 'AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY']);
  expect(member.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(member.Parameters.DingTalkRobotUrl.Default).toBeUndefined();
  const [group] = Object.values(resourcesOfType(management, 'ALIYUN::ROS::StackGroup'));
  expect(group.Properties.Parameters).toEqual({ DingTalkRobotUrl: { Ref: 'DingTalkRobotUrl' } });
  expect(management.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(JSON.stringify(management)).not.toMatch(/access_token/);
});

describe('MemberAccountTrails reuses a management-stack parameter for a member secret only when it is NoEcho without default', () => {
  const member = (stack: ros.Stack) =>
    new MemberAccountTrails(stack, 'Members', {
      projectArn: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
      roleArn: 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole',
      folderIds: ['fd-Folder1'],
      alerts: AuditAlerts.forBlueprints({
        targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') })],
        detections: ['AT-DETECT-TAMPER'],
      }),
    });
  const stackWith = (props?: ros.RosParameterProps) => {
    const stack = new ros.Stack(newApp(), 'Management', {
      env: { account: '1111111111111111', region: 'cn-hangzhou' },
    });
    if (props) new ros.RosParameter(stack, 'DingTalkRobotUrl', props);
    return stack;
  };

  test.each([
    ['not NoEcho', { type: ros.RosParameterType.STRING }, 'which is not NoEcho: make it with noEcho: true'],
    [
      'with a default',
      {
        type: ros.RosParameterType.STRING,
        noEcho: true,
        defaultValue: 'https://oapi.dingtalk.com/robot/send?access_token=x',
      },
      'which has a default value: a default stands in the template; remove it',
    ],
  ])(
    'a parameter %s is refused, naming the construct, the parameter, the rule and the fix',
    (_what, props, problem) => {
      const e = validationError(() => member(stackWith(props)));
      expect(e.message).toBe(
        `MemberAccountTrails 'Management/Members': alerts need the NoEcho parameter 'DingTalkRobotUrl' in stack 'Management' to pass an alert secret to the member template, and the stack's 'DingTalkRobotUrl' is parameter 'DingTalkRobotUrl', ${problem}: ` +
          'a secret must come from a NoEcho parameter without a default, or its value stands in the template. Fix that parameter, or rename the AlertSecret parameter',
      );
      expect(e.message).not.toContain('access_token');
    },
  );

  test('a NoEcho parameter without default is reused, and one is made when there is none', () => {
    for (const stack of [stackWith({ type: ros.RosParameterType.STRING, noEcho: true }), stackWith()]) {
      member(stack);
      const template = synthTemplate(stack);
      expect(template.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
      expect(template.Parameters.DingTalkRobotUrl.Default).toBeUndefined();
    }
  });
});
