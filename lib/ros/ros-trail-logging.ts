import * as ros from '@alicloud/ros-cdk-core';
import { ROS_TRAIL_LOGGING_TYPE } from '../shared/resource-types';
import { constraintEnabled, renderInContext, validationHeading } from './validators';

/** The ROS type name of {@link RosTrailLogging}. */
const RESOURCE_TYPE = ROS_TRAIL_LOGGING_TYPE;

/**
 * Properties for defining a {@link RosTrailLogging} (`ALIYUN::ACTIONTRAIL::TrailLogging`).
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-traillogging
 */
export interface RosTrailLoggingProps {
  /** The name of the trail to start or stop. */
  readonly name: string | ros.IResolvable;

  /** `true` to start logging, `false` to stop it. */
  readonly enable: boolean | ros.IResolvable;
}

/**
 * Validates a `RosTrailLoggingProps` bag; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosTrailLoggingPropsValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.propertyValidator('name', ros.requiredValidator)(properties.name));
  errors.collect(ros.propertyValidator('name', ros.validateString)(properties.name));
  errors.collect(ros.propertyValidator('enable', ros.requiredValidator)(properties.enable));
  errors.collect(ros.propertyValidator('enable', ros.validateBoolean)(properties.enable));
  return errors.wrap(validationHeading('RosTrailLoggingProps', RESOURCE_TYPE));
}

/**
 * Renders the ROS properties of an `ALIYUN::ACTIONTRAIL::TrailLogging`.
 *
 * @param properties - the resolved TypeScript properties
 * @param enableResourcePropertyConstraint - whether to validate them first
 * @returns the ROS properties
 */
function rosTrailLoggingPropsToRosTemplate(properties: any, enableResourcePropertyConstraint: boolean): any {
  if (!ros.canInspect(properties)) {
    return properties;
  }
  if (enableResourcePropertyConstraint) {
    RosTrailLoggingPropsValidator(properties).assertSuccess();
  }
  return {
    Name: ros.stringToRosTemplate(properties.name),
    Enable: ros.booleanToRosTemplate(properties.enable),
  };
}

/**
 * The ROS resource type `ALIYUN::ACTIONTRAIL::TrailLogging`: starts or stops
 * the logging of an existing trail.
 *
 * Invalid literal properties fail at synth; tokens are left to ROS.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-traillogging
 */
export class RosTrailLogging extends ros.RosResource {
  /** The ROS resource type name of this class. */
  public static readonly ROS_RESOURCE_TYPE_NAME = RESOURCE_TYPE;

  /** Attribute `IsLogging`: whether the trail is logging. */
  public readonly attrIsLogging: ros.IResolvable;

  /** Attribute `LatestDeliveryError`: the last error of a delivery. */
  public readonly attrLatestDeliveryError: ros.IResolvable;

  /** Attribute `LatestDeliveryTime`: the time of the last successful delivery. */
  public readonly attrLatestDeliveryTime: ros.IResolvable;

  /** Attribute `StartLoggingTime`: the time logging was last started. */
  public readonly attrStartLoggingTime: ros.IResolvable;

  /** Attribute `StopLoggingTime`: the time logging was last stopped. */
  public readonly attrStopLoggingTime: ros.IResolvable;

  /** Whether the properties are validated at synth. */
  public enableResourcePropertyConstraint: boolean;

  /** The name of the trail to start or stop. */
  public name: string | ros.IResolvable;

  /** `true` to start logging, `false` to stop it. */
  public enable: boolean | ros.IResolvable;

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
    props: RosTrailLoggingProps,
    enableResourcePropertyConstraint?: boolean,
  ) {
    super(scope, id, { type: RosTrailLogging.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.attrIsLogging = this.getAtt('IsLogging');
    this.attrLatestDeliveryError = this.getAtt('LatestDeliveryError');
    this.attrLatestDeliveryTime = this.getAtt('LatestDeliveryTime');
    this.attrStartLoggingTime = this.getAtt('StartLoggingTime');
    this.attrStopLoggingTime = this.getAtt('StopLoggingTime');

    this.enableResourcePropertyConstraint = constraintEnabled(this, enableResourcePropertyConstraint);
    this.name = props.name;
    this.enable = props.enable;
  }

  /** The current property values, read at synth. */
  protected get rosProperties(): { [key: string]: any } {
    return {
      name: this.name,
      enable: this.enable,
    };
  }

  /**
   * Validates and renders the resolved properties to ROS's PascalCase form.
   *
   * @param props - the resolved properties
   * @returns the ROS properties
   */
  protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    return renderInContext(this, () => rosTrailLoggingPropsToRosTemplate(props, this.enableResourcePropertyConstraint));
  }
}
