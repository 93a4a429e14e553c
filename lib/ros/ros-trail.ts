import * as ros from '@alicloud/ros-cdk-core';
import { ROS_TRAIL_TYPE } from '../shared/resource-types';
import {
  allowedValuesValidator,
  atLeastOneOfValidator,
  constraintEnabled,
  lengthValidator,
  patternValidator,
  renderInContext,
  validationHeading,
} from './validators';

/** The ROS type name of {@link RosTrail}. */
const RESOURCE_TYPE = ROS_TRAIL_TYPE;

/**
 * Properties for defining a {@link RosTrail} (`ALIYUN::ACTIONTRAIL::Trail`).
 *
 * The ROS resource delivers to OSS and/or Simple Log Service only: at least one
 * of `ossBucketName` and `slsProjectArn` must be set. It cannot deliver to
 * MaxCompute, nor set the trail region or make an organization trail.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-trail
 */
export interface RosTrailProps {
  /**
   * The trail name, unique in the account: 6 to 36 characters, starting with a
   * letter, then letters, digits, `-` and `_`.
   */
  readonly name: string | ros.IResolvable;

  /**
   * Which events the trail records: `Read`, `Write` or `All`. Rendered as `EventRW`.
   *
   * @default - ROS's default, `Write`
   */
  readonly eventRw?: string | ros.IResolvable;

  /**
   * The existing OSS bucket the trail delivers to: 3 to 63 characters, a
   * lowercase letter or digit first, then lowercase letters, digits and `-`.
   *
   * @default - no OSS delivery (then `slsProjectArn` is required)
   */
  readonly ossBucketName?: string | ros.IResolvable;

  /**
   * The prefix of the objects written to the OSS bucket: 6 to 32 characters, a
   * letter first, then letters, digits, `-`, `/` and `_`.
   *
   * @default - no prefix
   */
  readonly ossKeyPrefix?: string | ros.IResolvable;

  /**
   * The RAM role ActionTrail assumes to deliver.
   *
   * @default - ActionTrail's service-linked role
   */
  readonly roleName?: string | ros.IResolvable;

  /**
   * The ARN of the Simple Log Service project the trail delivers to.
   *
   * @default - no Simple Log Service delivery (then `ossBucketName` is required)
   */
  readonly slsProjectArn?: string | ros.IResolvable;

  /**
   * The ARN of the RAM role ActionTrail assumes to write to Simple Log Service.
   *
   * @default - ActionTrail's service-linked role
   */
  readonly slsWriteRoleArn?: string | ros.IResolvable;
}

/**
 * Validates a `RosTrailProps` bag; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosTrailPropsValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.propertyValidator('name', ros.requiredValidator)(properties.name));
  errors.collect(ros.propertyValidator('name', ros.validateString)(properties.name));
  errors.collect(ros.propertyValidator('name', lengthValidator(6, 36))(properties.name));
  errors.collect(
    ros.propertyValidator(
      'name',
      patternValidator(/^[A-Za-z][A-Za-z0-9_-]*$/, "a letter first, then letters, digits, '-' or '_'"),
    )(properties.name),
  );
  errors.collect(ros.propertyValidator('eventRw', ros.validateString)(properties.eventRw));
  errors.collect(
    ros.propertyValidator('eventRw', allowedValuesValidator(['Read', 'Write', 'All']))(properties.eventRw),
  );
  errors.collect(ros.propertyValidator('ossBucketName', ros.validateString)(properties.ossBucketName));
  errors.collect(ros.propertyValidator('ossBucketName', lengthValidator(3, 63))(properties.ossBucketName));
  errors.collect(
    ros.propertyValidator(
      'ossBucketName',
      patternValidator(
        /^[a-z0-9][a-z0-9-]*$/,
        "a lowercase letter or digit first, then lowercase letters, digits or '-'",
      ),
    )(properties.ossBucketName),
  );
  errors.collect(ros.propertyValidator('ossKeyPrefix', ros.validateString)(properties.ossKeyPrefix));
  errors.collect(ros.propertyValidator('ossKeyPrefix', lengthValidator(6, 32))(properties.ossKeyPrefix));
  errors.collect(
    ros.propertyValidator(
      'ossKeyPrefix',
      patternValidator(/^[A-Za-z][A-Za-z0-9/_-]*$/, "a letter first, then letters, digits, '-', '/' or '_'"),
    )(properties.ossKeyPrefix),
  );
  errors.collect(ros.propertyValidator('roleName', ros.validateString)(properties.roleName));
  errors.collect(ros.propertyValidator('slsProjectArn', ros.validateString)(properties.slsProjectArn));
  errors.collect(ros.propertyValidator('slsWriteRoleArn', ros.validateString)(properties.slsWriteRoleArn));
  errors.collect(atLeastOneOfValidator(['ossBucketName', 'slsProjectArn'])(properties));
  return errors.wrap(validationHeading('RosTrailProps', RESOURCE_TYPE));
}

/**
 * Renders the ROS properties of an `ALIYUN::ACTIONTRAIL::Trail`.
 *
 * @param properties - the resolved TypeScript properties
 * @param enableResourcePropertyConstraint - whether to validate them first
 * @returns the ROS properties
 */
function rosTrailPropsToRosTemplate(properties: any, enableResourcePropertyConstraint: boolean): any {
  if (!ros.canInspect(properties)) {
    return properties;
  }
  if (enableResourcePropertyConstraint) {
    RosTrailPropsValidator(properties).assertSuccess();
  }
  return {
    Name: ros.stringToRosTemplate(properties.name),
    EventRW: ros.stringToRosTemplate(properties.eventRw),
    OssBucketName: ros.stringToRosTemplate(properties.ossBucketName),
    OssKeyPrefix: ros.stringToRosTemplate(properties.ossKeyPrefix),
    RoleName: ros.stringToRosTemplate(properties.roleName),
    SlsProjectArn: ros.stringToRosTemplate(properties.slsProjectArn),
    SlsWriteRoleArn: ros.stringToRosTemplate(properties.slsWriteRoleArn),
  };
}

/**
 * The ROS resource type `ALIYUN::ACTIONTRAIL::Trail`: a trail delivering to OSS
 * and/or Simple Log Service.
 *
 * Invalid literal properties fail at synth; tokens are left to ROS.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-trail
 */
export class RosTrail extends ros.RosResource {
  /** The ROS resource type name of this class. */
  public static readonly ROS_RESOURCE_TYPE_NAME = RESOURCE_TYPE;

  /** Attribute `Name`: the trail name. */
  public readonly attrName: ros.IResolvable;

  /** Whether the properties are validated at synth. */
  public enableResourcePropertyConstraint: boolean;

  /** The trail name. */
  public name: string | ros.IResolvable;

  /** Which events the trail records (`EventRW`). */
  public eventRw: string | ros.IResolvable | undefined;

  /** The OSS bucket the trail delivers to. */
  public ossBucketName: string | ros.IResolvable | undefined;

  /** The prefix of the objects written to the OSS bucket. */
  public ossKeyPrefix: string | ros.IResolvable | undefined;

  /** The RAM role ActionTrail assumes to deliver. */
  public roleName: string | ros.IResolvable | undefined;

  /** The ARN of the Simple Log Service project the trail delivers to. */
  public slsProjectArn: string | ros.IResolvable | undefined;

  /** The ARN of the RAM role ActionTrail assumes to write to Simple Log Service. */
  public slsWriteRoleArn: string | ros.IResolvable | undefined;

  /**
   * Defines the resource in `scope`; its properties are rendered (and validated) at synth.
   *
   * @param scope - scope in which this resource is defined
   * @param id - scoped id of the resource; it is also the template's logical ID
   * @param props - resource properties
   * @param enableResourcePropertyConstraint - validate the properties at synth;
   *   defaults to the stack's setting (on unless the stack option was set)
   */
  constructor(scope: ros.Construct, id: string, props: RosTrailProps, enableResourcePropertyConstraint?: boolean) {
    super(scope, id, { type: RosTrail.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.attrName = this.getAtt('Name');

    this.enableResourcePropertyConstraint = constraintEnabled(this, enableResourcePropertyConstraint);
    this.name = props.name;
    this.eventRw = props.eventRw;
    this.ossBucketName = props.ossBucketName;
    this.ossKeyPrefix = props.ossKeyPrefix;
    this.roleName = props.roleName;
    this.slsProjectArn = props.slsProjectArn;
    this.slsWriteRoleArn = props.slsWriteRoleArn;
  }

  /** The current property values, read at synth. */
  protected get rosProperties(): { [key: string]: any } {
    return {
      name: this.name,
      eventRw: this.eventRw,
      ossBucketName: this.ossBucketName,
      ossKeyPrefix: this.ossKeyPrefix,
      roleName: this.roleName,
      slsProjectArn: this.slsProjectArn,
      slsWriteRoleArn: this.slsWriteRoleArn,
    };
  }

  /**
   * Validates and renders the resolved properties to ROS's PascalCase form.
   *
   * @param props - the resolved properties
   * @returns the ROS properties
   */
  protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    return renderInContext(this, () => rosTrailPropsToRosTemplate(props, this.enableResourcePropertyConstraint));
  }
}
