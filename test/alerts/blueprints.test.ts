/**
 * The organization blueprints take `alerts` (a value from the alerts subpath)
 * and add AuditAlerts beside every trail they make, member template included.
 */
import { OrganizationAudit } from 'actiontrail-cdk';
import { AlertSecret, AlertTarget, AuditAlerts } from 'actiontrail-cdk/alerts';
import { alertMetadataOf } from '../../lib/shared/event-patterns';
import { newApp, resourcesOfType, type Template } from '../support/template';

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
  expect(detectionsOf(management)).toEqual(['AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY']);
  expect(management.Resources.OrganizationTrailAlertsTamperRule1).toBeDefined();
  expect(management.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(detectionsOf(logArchive)).toEqual([]);
});

test('with memberRollout, the member template holds the alerts and the stack group passes the secret by Ref', () => {
  const { org, management } = organization(true);
  const member = org.memberTrails!.memberTemplate as Template;
  expect(detectionsOf(member)).toEqual(['AT-DETECT-TAMPER', 'AT-DETECT-KMS-KEY']);
  expect(member.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(member.Parameters.DingTalkRobotUrl.Default).toBeUndefined();
  const [group] = Object.values(resourcesOfType(management, 'ALIYUN::ROS::StackGroup'));
  expect(group.Properties.Parameters).toEqual({ DingTalkRobotUrl: { Ref: 'DingTalkRobotUrl' } });
  expect(management.Parameters.DingTalkRobotUrl).toMatchObject({ NoEcho: true });
  expect(JSON.stringify(management)).not.toMatch(/access_token/);
});
