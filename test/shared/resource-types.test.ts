/** lib/shared/resource-types.ts: each ROS type name once, for the L1s and constructs that write it and the rules that read it. */
import { RosAdvancedQueryTemplate, RosHistoryDeliveryJob, RosProject, RosTrail, RosTrailLogging } from '../../lib';
import { TRAIL_RESOURCE_TYPE } from '../../lib/constructs/trail';
import * as types from '../../lib/shared/resource-types';

test('the L1s and the Trail write the shared names', () => {
  expect([
    RosTrail.ROS_RESOURCE_TYPE_NAME,
    RosTrailLogging.ROS_RESOURCE_TYPE_NAME,
    RosHistoryDeliveryJob.ROS_RESOURCE_TYPE_NAME,
    RosAdvancedQueryTemplate.ROS_RESOURCE_TYPE_NAME,
    RosProject.ROS_RESOURCE_TYPE_NAME,
    TRAIL_RESOURCE_TYPE,
  ]).toEqual([
    types.ROS_TRAIL_TYPE,
    types.ROS_TRAIL_LOGGING_TYPE,
    types.ROS_HISTORY_DELIVERY_JOB_TYPE,
    types.ROS_ADVANCED_QUERY_TEMPLATE_TYPE,
    types.MAXCOMPUTE_PROJECT_TYPE,
    types.CUSTOM_TRAIL_TYPE,
  ]);
});

test('every name is a ROS type name, each once', () => {
  const names = Object.values(types);
  expect(new Set(names).size).toBe(names.length);
  for (const name of names) expect(name).toMatch(/^(ALIYUN(::[A-Za-z0-9]+){1,2}|Custom::[A-Za-z0-9]+)$/);
});
