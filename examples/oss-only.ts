import * as ros from '@alicloud/ros-cdk-core';
import { Trail } from 'actiontrail-cdk';

/** OSS only: every region's read and write events into an existing bucket, under a key prefix. */
export function ossOnlyAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'OssOnlyAudit', { env: { region: 'cn-hangzhou' } });
  new Trail(stack, 'OssTrail', {
    trailName: 'audit_to_oss',
    ossBucketName: 'example-audit-oss-only', // an existing bucket, kept when the stack goes
    ossKeyPrefix: 'actiontrail/all',
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  ossOnlyAudit(app);
  app.synth();
}
