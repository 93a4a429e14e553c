/**
 * The app `cdk.json` names: every example of the README in one app, so that
 * `npm run synth` (or `ros-cdk synth`) writes all their templates to cdk.out/.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks } from 'actiontrail-cdk';
import { organizationAudit } from './organization';
import { singleAccountAudit } from './single-account';
import { ossOnlyAudit } from './oss-only';
import { slsOnlyAudit } from './sls-only';
import { maxComputeAndOssAudit } from './maxcompute-and-oss';
import { dataEventsAudit } from './data-events-on-bucket';
import { alertsAudit } from './alerts';

/** Builds the examples' app, with the compliance checks applied. */
export function examplesApp(props: ros.AppProps = {}): ros.App {
  const app = new ros.App(props);
  const deliveryExamples: ros.IConstruct[] = [
    singleAccountAudit(app),
    ...Object.values(organizationAudit(app)),
    ossOnlyAudit(app),
    slsOnlyAudit(app),
    maxComputeAndOssAudit(app),
    dataEventsAudit(app),
  ];
  // These examples show delivery only: a real app adds AuditAlerts beside each trail (AT-ALERT-001).
  for (const example of deliveryExamples) {
    AuditChecks.suppress(example, 'AT-ALERT-001', 'a delivery-only example: tamper alerts are not its subject');
  }
  // The alerts example: a trail with its alerts, so AT-ALERT-001 holds without a suppression.
  alertsAudit(app);
  // Compliance checks (README "Compliance checks"): synth fails on errors and writes cdk.out/audit-checks.json.
  AuditChecks.of(app);
  return app;
}

if (require.main === module) {
  examplesApp().synth();
}
