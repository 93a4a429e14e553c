/**
 * Alerts on the audit trail, in one account: tamper and CIS write-event alerts
 * in real time (EventBridge rules on the `default` bus) to a DingTalk robot and
 * an HTTPS webhook, and the SLS alerts of every CIS item, identity items
 * included, over the trail's SLS destination (`actiontrail_<trail name>`).
 *
 * The robot URL (with its access token), its signing secret and the webhook's
 * token are NoEcho template parameters: give them at the first deploy, read
 * from the environment so that they are neither typed nor printed, e.g.
 * `npx actiontrail-cdk deploy AuditAlerts --parameters AuditAlerts:DingTalkRobotUrl=@env:DINGTALK_URL --parameters ...`;
 * later deploys keep them unless given again. (`ros-cdk deploy` works too but
 * skips actiontrail-cdk's preflight, which tests every rule's pattern with EventBridge.)
 * The account ID and the SLS project are placeholders: replace them with yours.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Trail } from 'actiontrail-cdk';
import { AlertSecret, AlertTarget, AuditAlerts } from 'actiontrail-cdk/alerts';

/** The account of the example. */
export const ALERTS_EXAMPLE_ACCOUNT = '2222222222222222';

/** Adds the alerted trail's stack to `app`. */
export function alertsAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'AuditAlerts', {
    env: { account: ALERTS_EXAMPLE_ACCOUNT, region: 'cn-hangzhou' },
    description: 'ActionTrail trail delivering to SLS, with real-time and SLS alerts (actiontrail-cdk example)',
  });

  const trail = new Trail(stack, 'AlertedTrail', {
    trailName: 'audit_alerted',
    slsProjectArn: `acs:log:cn-hangzhou:${ALERTS_EXAMPLE_ACCOUNT}:project/example-audit-alerts`,
  });

  new AuditAlerts(stack, 'Alerts', {
    trail,
    // Default detections: every write detection (tamper and CIS) and, because
    // the trail delivers to SLS, the identity detections (CIS 2.16-2.19).
    targets: [
      AlertTarget.dingTalk({
        robotUrl: AlertSecret.parameter('DingTalkRobotUrl', 'DingTalk robot webhook URL, with its access token'),
        signingSecret: AlertSecret.parameter('DingTalkSigningSecret', "DingTalk robot's signing secret (SEC...)"),
      }),
      AlertTarget.webhook({
        url: 'https://alerts.example.com/actiontrail',
        token: AlertSecret.parameter('WebhookToken', 'Token sent in the x-eventbridge-signature-token header'),
      }),
    ],
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  alertsAudit(app);
  app.synth();
}
