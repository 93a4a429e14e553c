/**
 * The alert pack's L1 resources, rendered once per synthesis and skipping
 * ros-cdk's reference scan when it has nothing to find (the private
 * rendered-once-resource module says how). Measured with bench/alerts.js.
 */
// The L1 modules only: each package's entry also loads its L2 constructs (for
// ros-cdk-sls, 20 modules and 1 MB of JavaScript) that the alerts never use.
import { RosRule } from '@alicloud/ros-cdk-eventbridge/lib/eventbridge.generated';
import { RosAlert } from '@alicloud/ros-cdk-sls/lib/sls.generated';
import { renderedOnce } from '../private/rendered-once-resource';

/** An `ALIYUN::EventBridge::Rule` rendered once per synthesis. */
export const RenderedOnceRule = renderedOnce(RosRule);

/** An `ALIYUN::SLS::Alert` rendered once per synthesis. */
export const RenderedOnceAlert = renderedOnce(RosAlert);
