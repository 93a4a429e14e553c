import * as ros from '@alicloud/ros-cdk-core';
import { DataEvents, Trail } from 'actiontrail-cdk';

/**
 * Data events: every read and write on a bucket that holds evidence, recorded
 * by a trail that delivers to SLS (and whose own bucket is audited too).
 */
export function dataEventsAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'DataEventsAudit', { env: { region: 'cn-hangzhou' } });
  new Trail(stack, 'EvidenceTrail', {
    trailName: 'audit_evidence',
    slsProjectArn: `acs:log:cn-hangzhou:${stack.account}:project/example-evidence-logs`,
    ossBucketName: 'example-evidence-trail',
    dataEvents: DataEvents.onOssBuckets(['example-evidence', 'example-evidence-trail']),
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  dataEventsAudit(app);
  app.synth();
}
