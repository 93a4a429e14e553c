import * as ros from '@alicloud/ros-cdk-core';
import { ROS_HISTORY_DELIVERY_JOB_TYPE } from '../shared/resource-types';
import { constraintEnabled, renderInContext, validationHeading } from './validators';

/** The ROS type name of {@link RosHistoryDeliveryJob}. */
const RESOURCE_TYPE = ROS_HISTORY_DELIVERY_JOB_TYPE;

/**
 * Properties for defining a {@link RosHistoryDeliveryJob} (`ALIYUN::ACTIONTRAIL::HistoryDeliveryJob`).
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-historydeliveryjob
 */
export interface RosHistoryDeliveryJobProps {
  /** The name of the trail whose past events are delivered. */
  readonly trailName: string | ros.IResolvable;
}

/**
 * Validates a `RosHistoryDeliveryJobProps` bag; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosHistoryDeliveryJobPropsValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.propertyValidator('trailName', ros.requiredValidator)(properties.trailName));
  errors.collect(ros.propertyValidator('trailName', ros.validateString)(properties.trailName));
  return errors.wrap(validationHeading('RosHistoryDeliveryJobProps', RESOURCE_TYPE));
}

/**
 * Renders the ROS properties of an `ALIYUN::ACTIONTRAIL::HistoryDeliveryJob`.
 *
 * @param properties - the resolved TypeScript properties
 * @param enableResourcePropertyConstraint - whether to validate them first
 * @returns the ROS properties
 */
function rosHistoryDeliveryJobPropsToRosTemplate(properties: any, enableResourcePropertyConstraint: boolean): any {
  if (!ros.canInspect(properties)) {
    return properties;
  }
  if (enableResourcePropertyConstraint) {
    RosHistoryDeliveryJobPropsValidator(properties).assertSuccess();
  }
  return {
    TrailName: ros.stringToRosTemplate(properties.trailName),
  };
}

/**
 * The ROS resource type `ALIYUN::ACTIONTRAIL::HistoryDeliveryJob`: delivers a
 * trail's events of the past days to its destinations.
 *
 * Invalid literal properties fail at synth; tokens are left to ROS.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-historydeliveryjob
 */
export class RosHistoryDeliveryJob extends ros.RosResource {
  /** The ROS resource type name of this class. */
  public static readonly ROS_RESOURCE_TYPE_NAME = RESOURCE_TYPE;

  /** Attribute `JobId`: the ID of the delivery job. */
  public readonly attrJobId: ros.IResolvable;

  /** Whether the properties are validated at synth. */
  public enableResourcePropertyConstraint: boolean;

  /** The name of the trail whose past events are delivered. */
  public trailName: string | ros.IResolvable;

  /**
   * Defines the resource in `scope`; its properties are rendered (and validated) at synth.
   *
   * @param scope - scope in which this resource is defined
   * @param id - scoped id of the resource; it is also the template's logical ID
   * @param props - resource properties
   * @param enableResourcePropertyConstraint - validate the properties at synth;
   *   defaults to the stack's setting (on unless the stack option was set)
   */
  constructor(
    scope: ros.Construct,
    id: string,
    props: RosHistoryDeliveryJobProps,
    enableResourcePropertyConstraint?: boolean,
  ) {
    super(scope, id, { type: RosHistoryDeliveryJob.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.attrJobId = this.getAtt('JobId');

    this.enableResourcePropertyConstraint = constraintEnabled(this, enableResourcePropertyConstraint);
    this.trailName = props.trailName;
  }

  /** The current property values, read at synth. */
  protected get rosProperties(): { [key: string]: any } {
    return {
      trailName: this.trailName,
    };
  }

  /**
   * Validates and renders the resolved properties to ROS's PascalCase form.
   *
   * @param props - the resolved properties
   * @returns the ROS properties
   */
  protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    return renderInContext(this, () =>
      rosHistoryDeliveryJobPropsToRosTemplate(props, this.enableResourcePropertyConstraint),
    );
  }
}
