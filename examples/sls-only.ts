import * as ros from '@alicloud/ros-cdk-core';
import { Trail } from 'actiontrail-cdk';

/** SLS only: the events into an existing Log Service project of this account, for search and alerts. */
export function slsOnlyAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'SlsOnlyAudit', { env: { region: 'cn-hangzhou' } });
  new Trail(stack, 'SlsTrail', {
    trailName: 'audit_to_sls',
    slsProjectArn: `acs:log:cn-hangzhou:${stack.account}:project/example-audit-logs`,
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  slsOnlyAudit(app);
  app.synth();
}
