/**
 * Typed L1 constructs for ROS resource types that have no package on the
 * registry (`@alicloud/ros-cdk-actiontrail` and `@alicloud/ros-cdk-maxcompute`
 * are absent), in the shape of ROS CDK's generated classes.
 */
export * from './ros-trail';
export * from './ros-trail-logging';
export * from './ros-history-delivery-job';
export * from './ros-advanced-query-template';
export * from './ros-project';
