import * as ros from '@alicloud/ros-cdk-core';
import { MaxComputeDestination, Trail } from 'actiontrail-cdk';

/** MaxCompute and OSS: queryable events in MaxCompute, and the same events kept as files in a bucket. */
export function maxComputeAndOssAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'MaxComputeAndOssAudit', { env: { region: 'cn-shanghai' } });
  new Trail(stack, 'BothTrail', {
    trailName: 'audit_both',
    maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-shanghai', quota: 'os_PayAsYouGoQuota' }),
    ossBucketName: 'example-audit-archive',
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  maxComputeAndOssAudit(app);
  app.synth();
}
