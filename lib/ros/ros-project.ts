import * as ros from '@alicloud/ros-cdk-core';
import { MAXCOMPUTE_PROJECT_TYPE } from '../shared/resource-types';
import {
  allowedValuesValidator,
  constraintEnabled,
  patternValidator,
  renderInContext,
  validateInteger,
  validationHeading,
} from './validators';

/** The ROS type name of {@link (RosProject:class)}. */
const RESOURCE_TYPE = MAXCOMPUTE_PROJECT_TYPE;

/**
 * The `ChargeType` values ROS accepts.
 *
 * The ROS documentation lists `Prepaid` and `Postpaid`; the ROS resource
 * specification behind the upstream ROS CDK generator (ros-cdk-maxcompute's
 * `RosProjectPropsValidator`, which is not published on the registry used here)
 * accepts `PayAsYouGo`, `Subscription` and these synonyms of them.
 */
const CHARGE_TYPES = [
  'PayAsYouGo',
  'PostPaid',
  'PayOnDemand',
  'Postpaid',
  'PostPay',
  'Postpay',
  'POSTPAY',
  'POST',
  'Subscription',
  'PrePaid',
  'Prepaid',
  'PrePay',
  'Prepay',
  'PREPAY',
  'PRE',
];

/** The `Properties.TypeSystem` values: MaxCompute 1.0, 2.0 and Hive-compatible data types. */
const TYPE_SYSTEMS = ['1', '2', 'hive'];

/**
 * Properties for defining a {@link (RosProject:class)} (`ALIYUN::MaxCompute::Project`).
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-maxcompute-project
 */
export interface RosProjectProps {
  /**
   * The project name: 3 to 28 characters, a lowercase letter first, then
   * lowercase letters, digits and `_`. It cannot be changed after creation.
   */
  readonly name: string | ros.IResolvable;

  /**
   * A description of the project.
   *
   * @default - no description
   */
  readonly comment?: string | ros.IResolvable;

  /**
   * The default compute quota (its nickname), e.g. `os_PayAsYouGoQuota`.
   *
   * @default - the account's default quota
   */
  readonly defaultQuota?: string | ros.IResolvable;

  /**
   * The billing method of the quota: `PayAsYouGo` or `Subscription`, or one of
   * their synonyms (`Postpaid`, `PostPay`, `Prepaid`, `PrePay`, ...).
   *
   * @default - ROS's default
   */
  readonly chargeType?: string | ros.IResolvable;

  /**
   * The IP address whitelists of the project.
   *
   * @default - no whitelist
   */
  readonly ipWhiteList?: RosProject.IpWhiteListProperty | ros.IResolvable;

  /**
   * Basic properties of the project.
   *
   * @default - MaxCompute's defaults
   */
  readonly properties?: RosProject.PropertiesProperty | ros.IResolvable;

  /**
   * Whether the project supports schemas (a level between project and table).
   *
   * @default false
   */
  readonly supportSchemaLevels?: boolean | ros.IResolvable;
}

/**
 * Validates a `RosProjectProps` bag, nested properties included; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosProjectPropsValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.propertyValidator('name', ros.requiredValidator)(properties.name));
  errors.collect(ros.propertyValidator('name', ros.validateString)(properties.name));
  errors.collect(
    ros.propertyValidator(
      'name',
      patternValidator(
        /^[a-z][a-z0-9_]{2,27}$/,
        "3 to 28 characters: a lowercase letter first, then lowercase letters, digits or '_'",
      ),
    )(properties.name),
  );
  errors.collect(ros.propertyValidator('comment', ros.validateString)(properties.comment));
  errors.collect(ros.propertyValidator('defaultQuota', ros.validateString)(properties.defaultQuota));
  errors.collect(ros.propertyValidator('chargeType', ros.validateString)(properties.chargeType));
  errors.collect(ros.propertyValidator('chargeType', allowedValuesValidator(CHARGE_TYPES))(properties.chargeType));
  errors.collect(ros.propertyValidator('ipWhiteList', RosProject_IpWhiteListPropertyValidator)(properties.ipWhiteList));
  errors.collect(ros.propertyValidator('properties', RosProject_PropertiesPropertyValidator)(properties.properties));
  errors.collect(ros.propertyValidator('supportSchemaLevels', ros.validateBoolean)(properties.supportSchemaLevels));
  return errors.wrap(validationHeading('RosProjectProps', RESOURCE_TYPE));
}

/**
 * Renders the ROS properties of an `ALIYUN::MaxCompute::Project`.
 *
 * @param properties - the resolved TypeScript properties
 * @param enableResourcePropertyConstraint - whether to validate them first
 * @returns the ROS properties
 */
function rosProjectPropsToRosTemplate(properties: any, enableResourcePropertyConstraint: boolean): any {
  if (!ros.canInspect(properties)) {
    return properties;
  }
  if (enableResourcePropertyConstraint) {
    RosProjectPropsValidator(properties).assertSuccess();
  }
  return {
    Name: ros.stringToRosTemplate(properties.name),
    Comment: ros.stringToRosTemplate(properties.comment),
    DefaultQuota: ros.stringToRosTemplate(properties.defaultQuota),
    ChargeType: ros.stringToRosTemplate(properties.chargeType),
    IpWhiteList: rosProjectIpWhiteListPropertyToRosTemplate(properties.ipWhiteList),
    Properties: rosProjectPropertiesPropertyToRosTemplate(properties.properties),
    SupportSchemaLevels: ros.booleanToRosTemplate(properties.supportSchemaLevels),
  };
}

/**
 * The ROS resource type `ALIYUN::MaxCompute::Project`: a MaxCompute project.
 *
 * Invalid literal properties (nested ones included) fail at synth; tokens are left to ROS.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-maxcompute-project
 */
export class RosProject extends ros.RosResource {
  /** The ROS resource type name of this class. */
  public static readonly ROS_RESOURCE_TYPE_NAME = RESOURCE_TYPE;

  /** Attribute `Name`: the project name. */
  public readonly attrName: ros.IResolvable;

  /** Whether the properties are validated at synth. */
  public enableResourcePropertyConstraint: boolean;

  /** The project name. */
  public name: string | ros.IResolvable;

  /** A description of the project. */
  public comment: string | ros.IResolvable | undefined;

  /** The default compute quota. */
  public defaultQuota: string | ros.IResolvable | undefined;

  /** The billing method of the quota. */
  public chargeType: string | ros.IResolvable | undefined;

  /** The IP address whitelists of the project. */
  public ipWhiteList: RosProject.IpWhiteListProperty | ros.IResolvable | undefined;

  /** Basic properties of the project. */
  public properties: RosProject.PropertiesProperty | ros.IResolvable | undefined;

  /** Whether the project supports schemas. */
  public supportSchemaLevels: boolean | ros.IResolvable | undefined;

  /**
   * Defines the resource in `scope`; its properties are rendered (and validated) at synth.
   *
   * @param scope - scope in which this resource is defined
   * @param id - scoped id of the resource; it is also the template's logical ID
   * @param props - resource properties
   * @param enableResourcePropertyConstraint - validate the properties at synth;
   *   defaults to the stack's setting (on unless the stack option was set)
   */
  constructor(scope: ros.Construct, id: string, props: RosProjectProps, enableResourcePropertyConstraint?: boolean) {
    super(scope, id, { type: RosProject.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.attrName = this.getAtt('Name');

    this.enableResourcePropertyConstraint = constraintEnabled(this, enableResourcePropertyConstraint);
    this.name = props.name;
    this.comment = props.comment;
    this.defaultQuota = props.defaultQuota;
    this.chargeType = props.chargeType;
    this.ipWhiteList = props.ipWhiteList;
    this.properties = props.properties;
    this.supportSchemaLevels = props.supportSchemaLevels;
  }

  /** The current property values, read at synth. */
  protected get rosProperties(): { [key: string]: any } {
    return {
      name: this.name,
      comment: this.comment,
      defaultQuota: this.defaultQuota,
      chargeType: this.chargeType,
      ipWhiteList: this.ipWhiteList,
      properties: this.properties,
      supportSchemaLevels: this.supportSchemaLevels,
    };
  }

  /**
   * Validates and renders the resolved properties to ROS's PascalCase form.
   *
   * @param props - the resolved properties
   * @returns the ROS properties
   */
  protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    return renderInContext(this, () => rosProjectPropsToRosTemplate(props, this.enableResourcePropertyConstraint));
  }
}

/**
 * The nested property types of {@link (RosProject:class)}.
 */
export namespace RosProject {
  /**
   * The IP address whitelists of a project (`IpWhiteList`).
   */
  export interface IpWhiteListProperty {
    /**
     * The whitelist for the classic network and the Internet: IP addresses or
     * CIDR blocks separated by commas.
     *
     * @default - no whitelist
     */
    readonly ipList?: string | ros.IResolvable;

    /**
     * The whitelist for VPCs: IP addresses or CIDR blocks separated by commas.
     *
     * @default - no whitelist
     */
    readonly vpcIpList?: string | ros.IResolvable;
  }

  /**
   * Basic properties of a project (`Properties`).
   */
  export interface PropertiesProperty {
    /**
     * The most an SQL job may consume (an integer).
     *
     * @default - no limit
     */
    readonly sqlMeteringMax?: number | ros.IResolvable;

    /**
     * The data type edition: `1` (MaxCompute 1.0), `2` (MaxCompute 2.0) or `hive`
     * (Hive-compatible).
     *
     * @default - MaxCompute's default
     */
    readonly typeSystem?: string | ros.IResolvable;

    /**
     * The number of days backup data is kept (an integer).
     *
     * @default - MaxCompute's default
     */
    readonly retentionDays?: number | ros.IResolvable;

    /**
     * Storage encryption.
     *
     * @default - MaxCompute's default
     */
    readonly encryption?: RosProject.EncryptionProperty | ros.IResolvable;

    /**
     * Whether a query may scan a whole partitioned table.
     *
     * @default - MaxCompute's default
     */
    readonly allowFullScan?: boolean | ros.IResolvable;

    /**
     * Whether the Decimal 2.0 data type is enabled.
     *
     * @default - MaxCompute's default
     */
    readonly enableDecimal2?: boolean | ros.IResolvable;
  }

  /**
   * Storage encryption of a project (`Properties.Encryption`).
   */
  export interface EncryptionProperty {
    /**
     * Whether storage encryption is enabled.
     *
     * @default - MaxCompute's default
     */
    readonly enable?: boolean | ros.IResolvable;

    /**
     * The encryption algorithm.
     *
     * @default - MaxCompute's default
     */
    readonly algorithm?: string | ros.IResolvable;

    /**
     * The encryption key.
     *
     * @default - MaxCompute's default
     */
    readonly key?: string | ros.IResolvable;
  }
}

/**
 * Validates a `RosProject.IpWhiteListProperty`; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosProject_IpWhiteListPropertyValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.validateObject(properties));
  errors.collect(ros.propertyValidator('ipList', ros.validateString)(properties.ipList));
  errors.collect(ros.propertyValidator('vpcIpList', ros.validateString)(properties.vpcIpList));
  return errors.wrap(validationHeading('RosProject.IpWhiteListProperty', `${RESOURCE_TYPE}.IpWhiteList`));
}

/**
 * Renders a `RosProject.IpWhiteListProperty` (validated with the whole property bag).
 *
 * @param properties - the resolved TypeScript properties
 * @returns the ROS properties
 */
function rosProjectIpWhiteListPropertyToRosTemplate(properties: any): any {
  if (!ros.canInspect(properties) || typeof properties !== 'object') {
    return properties;
  }
  return {
    IpList: ros.stringToRosTemplate(properties.ipList),
    VpcIpList: ros.stringToRosTemplate(properties.vpcIpList),
  };
}

/**
 * Validates a `RosProject.PropertiesProperty`; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosProject_PropertiesPropertyValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.validateObject(properties));
  errors.collect(ros.propertyValidator('sqlMeteringMax', ros.validateNumber)(properties.sqlMeteringMax));
  errors.collect(ros.propertyValidator('sqlMeteringMax', validateInteger)(properties.sqlMeteringMax));
  errors.collect(ros.propertyValidator('typeSystem', ros.validateString)(properties.typeSystem));
  errors.collect(ros.propertyValidator('typeSystem', allowedValuesValidator(TYPE_SYSTEMS))(properties.typeSystem));
  errors.collect(ros.propertyValidator('retentionDays', ros.validateNumber)(properties.retentionDays));
  errors.collect(ros.propertyValidator('retentionDays', validateInteger)(properties.retentionDays));
  errors.collect(ros.propertyValidator('encryption', RosProject_EncryptionPropertyValidator)(properties.encryption));
  errors.collect(ros.propertyValidator('allowFullScan', ros.validateBoolean)(properties.allowFullScan));
  errors.collect(ros.propertyValidator('enableDecimal2', ros.validateBoolean)(properties.enableDecimal2));
  return errors.wrap(validationHeading('RosProject.PropertiesProperty', `${RESOURCE_TYPE}.Properties`));
}

/**
 * Renders a `RosProject.PropertiesProperty` (validated with the whole property bag).
 *
 * @param properties - the resolved TypeScript properties
 * @returns the ROS properties
 */
function rosProjectPropertiesPropertyToRosTemplate(properties: any): any {
  if (!ros.canInspect(properties) || typeof properties !== 'object') {
    return properties;
  }
  return {
    SqlMeteringMax: ros.numberToRosTemplate(properties.sqlMeteringMax),
    TypeSystem: ros.stringToRosTemplate(properties.typeSystem),
    RetentionDays: ros.numberToRosTemplate(properties.retentionDays),
    Encryption: rosProjectEncryptionPropertyToRosTemplate(properties.encryption),
    AllowFullScan: ros.booleanToRosTemplate(properties.allowFullScan),
    EnableDecimal2: ros.booleanToRosTemplate(properties.enableDecimal2),
  };
}

/**
 * Validates a `RosProject.EncryptionProperty`; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosProject_EncryptionPropertyValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.validateObject(properties));
  errors.collect(ros.propertyValidator('enable', ros.validateBoolean)(properties.enable));
  errors.collect(ros.propertyValidator('algorithm', ros.validateString)(properties.algorithm));
  errors.collect(ros.propertyValidator('key', ros.validateString)(properties.key));
  return errors.wrap(validationHeading('RosProject.EncryptionProperty', `${RESOURCE_TYPE}.Properties.Encryption`));
}

/**
 * Renders a `RosProject.EncryptionProperty` (validated with the whole property bag).
 *
 * @param properties - the resolved TypeScript properties
 * @returns the ROS properties
 */
function rosProjectEncryptionPropertyToRosTemplate(properties: any): any {
  if (!ros.canInspect(properties) || typeof properties !== 'object') {
    return properties;
  }
  return {
    Enable: ros.booleanToRosTemplate(properties.enable),
    Algorithm: ros.stringToRosTemplate(properties.algorithm),
    Key: ros.stringToRosTemplate(properties.key),
  };
}
