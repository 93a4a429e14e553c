import * as ros from '@alicloud/ros-cdk-core';
import { RosAdvancedQueryTemplate, RosAdvancedQueryTemplateProps } from '../../lib/ros';
import { expectRejected, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

const TYPE = 'ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate';

function rejectedWith(props: RosAdvancedQueryTemplateProps, ...problems: string[]): void {
  const stack = newStack('TestStack', {});
  new RosAdvancedQueryTemplate(stack, 'Query', props);
  expectRejected(stack, {
    path: 'TestStack/Query',
    propsType: 'RosAdvancedQueryTemplateProps',
    resourceType: TYPE,
    problems,
  });
}

describe('RosAdvancedQueryTemplate', () => {
  test('has the ROS type name', () => {
    expect(RosAdvancedQueryTemplate.ROS_RESOURCE_TYPE_NAME).toBe(TYPE);
  });

  test('renders every property', () => {
    const stack = newStack('TestStack', {});
    new RosAdvancedQueryTemplate(stack, 'Query', {
      simpleQuery: false,
      templateSql: 'event.userIdentity.type: root-account',
      templateName: 'root-activity',
    });
    expect(synthTemplate(stack).Resources).toEqual({
      Query: {
        Type: TYPE,
        Properties: {
          SimpleQuery: false,
          TemplateSql: 'event.userIdentity.type: root-account',
          TemplateName: 'root-activity',
        },
      },
    });
  });

  test('leaves an unset templateName out', () => {
    const stack = newStack('TestStack', {});
    new RosAdvancedQueryTemplate(stack, 'Query', { simpleQuery: true, templateSql: '*' });
    expect(synthTemplate(stack).Resources.Query.Properties).toEqual({ SimpleQuery: true, TemplateSql: '*' });
  });

  describe('rejects', () => {
    test('missing simpleQuery and templateSql', () => {
      rejectedWith(
        {} as RosAdvancedQueryTemplateProps,
        'simpleQuery: required but missing',
        'templateSql: required but missing',
      );
    });

    test('a simpleQuery that is not a boolean', () => {
      rejectedWith(
        { simpleQuery: 1, templateSql: '*' } as unknown as RosAdvancedQueryTemplateProps,
        'simpleQuery: 1 should be a boolean',
      );
    });

    test('a templateSql that is not a string', () => {
      rejectedWith(
        { simpleQuery: true, templateSql: { query: '*' } } as unknown as RosAdvancedQueryTemplateProps,
        'templateSql: {"query":"*"} should be a string',
      );
    });

    test('a templateName that is not a string', () => {
      rejectedWith(
        { simpleQuery: true, templateSql: '*', templateName: 3 } as unknown as RosAdvancedQueryTemplateProps,
        'templateName: 3 should be a string',
      );
    });
  });

  test('tokens render as Refs and are not validated', () => {
    const stack = newStack('TestStack', {});
    const simple = new ros.RosParameter(stack, 'Simple', { type: ros.RosParameterType.BOOLEAN });
    new RosAdvancedQueryTemplate(stack, 'Query', {
      simpleQuery: simple.value,
      templateSql: stringParam(stack, 'Sql').valueAsString,
      templateName: stringParam(stack, 'Name').valueAsString,
    });
    expect(synthTemplate(stack).Resources.Query.Properties).toEqual({
      SimpleQuery: { Ref: 'Simple' },
      TemplateSql: { Ref: 'Sql' },
      TemplateName: { Ref: 'Name' },
    });
  });

  test('attrTemplateId is Fn::GetAtt TemplateId', () => {
    const stack = newStack('TestStack', {});
    const query = new RosAdvancedQueryTemplate(stack, 'Query', { simpleQuery: true, templateSql: '*' });
    expect(stack.resolve(query.attrTemplateId)).toEqual({ 'Fn::GetAtt': ['Query', 'TemplateId'] });
  });
});
