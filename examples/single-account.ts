/**
 * Single-account audit: this account's events, from every region, read and
 * write, delivered to the MaxCompute project `actiontrail_<this account ID>`
 * (created here with a pay-as-you-go quota and retained on stack delete), in
 * table `actiontrail_audit_all`.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { EventRW, MaxComputeDestination, Trail, TrailRegion } from 'actiontrail-cdk';

/** Adds the single-account audit stack to `app`. */
export function singleAccountAudit(app: ros.App): ros.Stack {
  const stack = new ros.Stack(app, 'SingleAccountAudit', {
    env: { region: 'cn-hangzhou' },
    description: "ActionTrail trail delivering this account's events to MaxCompute (actiontrail-cdk example)",
  });

  const trail = new Trail(stack, 'AuditTrail', {
    trailName: 'audit_all',
    eventRW: EventRW.ALL,
    trailRegion: TrailRegion.ALL,
    logging: true,
    maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzhou', quota: 'os_PayAsYouGoQuota' }),
  });

  new ros.RosOutput(stack, 'TrailArn', { value: trail.trailArn, description: 'ARN of the trail' });
  new ros.RosOutput(stack, 'MaxComputeProject', {
    value: trail.maxComputeProjectName,
    description: 'MaxCompute project holding the events',
  });
  new ros.RosOutput(stack, 'MaxComputeTable', {
    value: trail.maxComputeTableName,
    description: 'MaxCompute table holding the events',
  });
  return stack;
}

if (require.main === module) {
  const app = new ros.App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  singleAccountAudit(app);
  app.synth();
}
