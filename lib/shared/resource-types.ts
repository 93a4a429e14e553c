/**
 * The ROS resource type names that synth writes and the rules read: one place
 * per name, used by the L1s and constructs that write a type and by the rules
 * that check it. Node built-ins only.
 *
 * Sources: the ROS resource type references (ALIYUN::ACTIONTRAIL::*,
 * ALIYUN::MaxCompute::Project, ALIYUN::RAM::*, ALIYUN::OSS::Bucket, ALIYUN::RandomString,
 * ALIYUN::FC3::Function,
 * ALIYUN::SLS::Project); `Custom::ActionTrailTrail` is this library's own.
 */

/** The `Trail` construct's custom resource, served by the stack's `TrailProvider`. */
export const CUSTOM_TRAIL_TYPE = 'Custom::ActionTrailTrail';

/** ROS's own trail (`RosTrail`): no `TrailRegion`, no MaxCompute delivery. */
export const ROS_TRAIL_TYPE = 'ALIYUN::ACTIONTRAIL::Trail';

/** ROS's type that starts or stops a trail (`RosTrailLogging`). */
export const ROS_TRAIL_LOGGING_TYPE = 'ALIYUN::ACTIONTRAIL::TrailLogging';

/** ROS's ActionTrail history delivery job (`RosHistoryDeliveryJob`). */
export const ROS_HISTORY_DELIVERY_JOB_TYPE = 'ALIYUN::ACTIONTRAIL::HistoryDeliveryJob';

/** ROS's ActionTrail advanced query template (`RosAdvancedQueryTemplate`). */
export const ROS_ADVANCED_QUERY_TEMPLATE_TYPE = 'ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate';

/** A MaxCompute project (`RosProject`). */
export const MAXCOMPUTE_PROJECT_TYPE = 'ALIYUN::MaxCompute::Project';

/** A RAM role. */
export const RAM_ROLE_TYPE = 'ALIYUN::RAM::Role';

/** A RAM custom (managed) policy. */
export const RAM_MANAGED_POLICY_TYPE = 'ALIYUN::RAM::ManagedPolicy';

/** An OSS bucket. */
export const OSS_BUCKET_TYPE = 'ALIYUN::OSS::Bucket';

/** A Log Service (SLS) project. */
export const SLS_PROJECT_TYPE = 'ALIYUN::SLS::Project';

/** A random string (the provider's ownership key). */
export const RANDOM_STRING_TYPE = 'ALIYUN::RandomString';

/** A Function Compute 3.0 function (the provider's function). */
export const FC3_FUNCTION_TYPE = 'ALIYUN::FC3::Function';

/** A ROS stack group: its `TemplateBody` is the member template it deploys to other accounts. */
export const ROS_STACK_GROUP_TYPE = 'ALIYUN::ROS::StackGroup';
