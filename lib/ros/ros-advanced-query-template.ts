import * as ros from '@alicloud/ros-cdk-core';
import { ROS_ADVANCED_QUERY_TEMPLATE_TYPE } from '../shared/resource-types';
import { constraintEnabled, renderInContext, validationHeading } from './validators';

/** The ROS type name of {@link RosAdvancedQueryTemplate}. */
const RESOURCE_TYPE = ROS_ADVANCED_QUERY_TEMPLATE_TYPE;

/**
 * Properties for defining a {@link RosAdvancedQueryTemplate} (`ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate`).
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-advancedquerytemplate
 */
export interface RosAdvancedQueryTemplateProps {
  /** Whether the template uses the simple query mode. */
  readonly simpleQuery: boolean | ros.IResolvable;

  /** The query statement of the template. */
  readonly templateSql: string | ros.IResolvable;

  /**
   * The template name (need not be unique).
   *
   * @default - no name
   */
  readonly templateName?: string | ros.IResolvable;
}

/**
 * Validates a `RosAdvancedQueryTemplateProps` bag; literal values only, tokens pass.
 *
 * @param properties - the resolved TypeScript properties
 * @returns the validation result
 */
function RosAdvancedQueryTemplatePropsValidator(properties: any): ros.ValidationResult {
  if (!ros.canInspect(properties)) {
    return ros.VALIDATION_SUCCESS;
  }
  const errors = new ros.ValidationResults();
  errors.collect(ros.propertyValidator('simpleQuery', ros.requiredValidator)(properties.simpleQuery));
  errors.collect(ros.propertyValidator('simpleQuery', ros.validateBoolean)(properties.simpleQuery));
  errors.collect(ros.propertyValidator('templateSql', ros.requiredValidator)(properties.templateSql));
  errors.collect(ros.propertyValidator('templateSql', ros.validateString)(properties.templateSql));
  errors.collect(ros.propertyValidator('templateName', ros.validateString)(properties.templateName));
  return errors.wrap(validationHeading('RosAdvancedQueryTemplateProps', RESOURCE_TYPE));
}

/**
 * Renders the ROS properties of an `ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate`.
 *
 * @param properties - the resolved TypeScript properties
 * @param enableResourcePropertyConstraint - whether to validate them first
 * @returns the ROS properties
 */
function rosAdvancedQueryTemplatePropsToRosTemplate(properties: any, enableResourcePropertyConstraint: boolean): any {
  if (!ros.canInspect(properties)) {
    return properties;
  }
  if (enableResourcePropertyConstraint) {
    RosAdvancedQueryTemplatePropsValidator(properties).assertSuccess();
  }
  return {
    SimpleQuery: ros.booleanToRosTemplate(properties.simpleQuery),
    TemplateSql: ros.stringToRosTemplate(properties.templateSql),
    TemplateName: ros.stringToRosTemplate(properties.templateName),
  };
}

/**
 * The ROS resource type `ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate`: a saved
 * query of ActionTrail's advanced event query.
 *
 * Invalid literal properties fail at synth; tokens are left to ROS.
 *
 * See https://www.alibabacloud.com/help/ros/developer-reference/aliyun-actiontrail-advancedquerytemplate
 */
export class RosAdvancedQueryTemplate extends ros.RosResource {
  /** The ROS resource type name of this class. */
  public static readonly ROS_RESOURCE_TYPE_NAME = RESOURCE_TYPE;

  /** Attribute `TemplateId`: the ID of the template. */
  public readonly attrTemplateId: ros.IResolvable;

  /** Whether the properties are validated at synth. */
  public enableResourcePropertyConstraint: boolean;

  /** Whether the template uses the simple query mode. */
  public simpleQuery: boolean | ros.IResolvable;

  /** The query statement of the template. */
  public templateSql: string | ros.IResolvable;

  /** The template name. */
  public templateName: string | ros.IResolvable | undefined;

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
    props: RosAdvancedQueryTemplateProps,
    enableResourcePropertyConstraint?: boolean,
  ) {
    super(scope, id, { type: RosAdvancedQueryTemplate.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.attrTemplateId = this.getAtt('TemplateId');

    this.enableResourcePropertyConstraint = constraintEnabled(this, enableResourcePropertyConstraint);
    this.simpleQuery = props.simpleQuery;
    this.templateSql = props.templateSql;
    this.templateName = props.templateName;
  }

  /** The current property values, read at synth. */
  protected get rosProperties(): { [key: string]: any } {
    return {
      simpleQuery: this.simpleQuery,
      templateSql: this.templateSql,
      templateName: this.templateName,
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
      rosAdvancedQueryTemplatePropsToRosTemplate(props, this.enableResourcePropertyConstraint),
    );
  }
}
