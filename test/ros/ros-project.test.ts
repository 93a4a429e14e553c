import * as ros from '@alicloud/ros-cdk-core';
import { RosProject, RosProjectProps } from '../../lib/ros';
import { expectRejected, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

const TYPE = 'ALIYUN::MaxCompute::Project';
const NAME_RULE =
  "must match /^[a-z][a-z0-9_]{2,27}$/ (3 to 28 characters: a lowercase letter first, then lowercase letters, digits or '_')";
const PROPERTIES_HEADING =
  'properties: supplied properties not correct for "RosProject.PropertiesProperty" (ALIYUN::MaxCompute::Project.Properties)';

function rejectedWith(props: RosProjectProps, ...problems: string[]): void {
  const stack = newStack('TestStack', {});
  new RosProject(stack, 'Project', props);
  expectRejected(stack, { path: 'TestStack/Project', propsType: 'RosProjectProps', resourceType: TYPE, problems });
}

function renderedProperties(props: RosProjectProps): any {
  const stack = newStack('TestStack', {});
  new RosProject(stack, 'Project', props);
  return synthTemplate(stack).Resources.Project.Properties;
}

describe('RosProject', () => {
  test('has the ROS type name', () => {
    expect(RosProject.ROS_RESOURCE_TYPE_NAME).toBe(TYPE);
  });

  test('renders every property, nested ones included, in PascalCase', () => {
    const stack = newStack('TestStack', {});
    new RosProject(stack, 'Project', {
      name: 'actiontrail_1234567890123456',
      comment: 'ActionTrail events',
      defaultQuota: 'os_PayAsYouGoQuota',
      chargeType: 'PayAsYouGo',
      ipWhiteList: { ipList: '10.0.0.0/8,192.168.0.1', vpcIpList: '172.16.0.0/12' },
      properties: {
        sqlMeteringMax: 100,
        typeSystem: '2',
        retentionDays: 7,
        encryption: { enable: true, algorithm: 'AES256', key: 'kms-key-id' },
        allowFullScan: false,
        enableDecimal2: true,
      },
      supportSchemaLevels: true,
    });
    expect(synthTemplate(stack).Resources).toEqual({
      Project: {
        Type: TYPE,
        Properties: {
          Name: 'actiontrail_1234567890123456',
          Comment: 'ActionTrail events',
          DefaultQuota: 'os_PayAsYouGoQuota',
          ChargeType: 'PayAsYouGo',
          IpWhiteList: { IpList: '10.0.0.0/8,192.168.0.1', VpcIpList: '172.16.0.0/12' },
          Properties: {
            SqlMeteringMax: 100,
            TypeSystem: '2',
            RetentionDays: 7,
            Encryption: { Enable: true, Algorithm: 'AES256', Key: 'kms-key-id' },
            AllowFullScan: false,
            EnableDecimal2: true,
          },
          SupportSchemaLevels: true,
        },
      },
    });
  });

  test('leaves unset properties out', () => {
    expect(renderedProperties({ name: 'audit', properties: { typeSystem: 'hive' } })).toEqual({
      Name: 'audit',
      Properties: { TypeSystem: 'hive' },
    });
  });

  describe('accepts', () => {
    test.each(['abc', 'a'.repeat(28), 'actiontrail_1234567890123456', 'a_1'])('the name %s', (name) => {
      expect(renderedProperties({ name })).toEqual({ Name: name });
    });

    test.each([
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
    ])('the charge type %s', (chargeType) => {
      expect(renderedProperties({ name: 'audit', chargeType })).toEqual({ Name: 'audit', ChargeType: chargeType });
    });

    test.each(['1', '2', 'hive'])('the type system %s', (typeSystem) => {
      expect(renderedProperties({ name: 'audit', properties: { typeSystem } })).toEqual({
        Name: 'audit',
        Properties: { TypeSystem: typeSystem },
      });
    });
  });

  describe('rejects', () => {
    test('a missing name', () => {
      rejectedWith({} as RosProjectProps, 'name: required but missing');
    });

    test.each([
      ['too short', 'ab'],
      ['too long', 'a'.repeat(29)],
      ['upper case', 'Audit'],
      ['a digit first', '1audit'],
      ['a hyphen', 'audit-log'],
    ])('a name with %s', (_title, name) => {
      rejectedWith({ name }, `name: "${name}" ${NAME_RULE}`);
    });

    test('a charge type that is not a synonym', () => {
      rejectedWith(
        { name: 'audit', chargeType: 'Monthly' },
        'chargeType: "Monthly" must be one of "PayAsYouGo", "PostPaid", "PayOnDemand", "Postpaid", "PostPay", ' +
          '"Postpay", "POSTPAY", "POST", "Subscription", "PrePaid", "Prepaid", "PrePay", "Prepay", "PREPAY", "PRE"',
      );
    });

    test.each(['comment', 'defaultQuota', 'chargeType'])('a %s that is not a string', (prop) => {
      rejectedWith({ name: 'audit', [prop]: 1 } as unknown as RosProjectProps, `${prop}: 1 should be a string`);
    });

    test('a supportSchemaLevels that is not a boolean', () => {
      rejectedWith(
        { name: 'audit', supportSchemaLevels: 'false' } as unknown as RosProjectProps,
        'supportSchemaLevels: "false" should be a boolean',
      );
    });

    test('an ipWhiteList that is not an object', () => {
      rejectedWith(
        { name: 'audit', ipWhiteList: '10.0.0.1' } as unknown as RosProjectProps,
        'ipWhiteList: supplied properties not correct for "RosProject.IpWhiteListProperty" (ALIYUN::MaxCompute::Project.IpWhiteList)',
        '  "10.0.0.1" should be an \'object\'',
      );
    });

    test('ipWhiteList entries that are lists instead of comma-separated strings', () => {
      rejectedWith(
        { name: 'audit', ipWhiteList: { ipList: ['10.0.0.1'], vpcIpList: ['10.0.0.2'] } } as unknown as RosProjectProps,
        'ipWhiteList: supplied properties not correct for "RosProject.IpWhiteListProperty" (ALIYUN::MaxCompute::Project.IpWhiteList)',
        '  ipList: ["10.0.0.1"] should be a string',
        '  vpcIpList: ["10.0.0.2"] should be a string',
      );
    });

    test('a type system outside 1|2|hive', () => {
      rejectedWith(
        { name: 'audit', properties: { typeSystem: 'Hive' } },
        PROPERTIES_HEADING,
        '  typeSystem: "Hive" must be one of "1", "2", "hive"',
      );
    });

    test('a type system given as a number', () => {
      rejectedWith(
        { name: 'audit', properties: { typeSystem: 2 } } as unknown as RosProjectProps,
        PROPERTIES_HEADING,
        '  typeSystem: 2 should be a string',
      );
    });

    test.each(['sqlMeteringMax', 'retentionDays'])('a %s that is a string', (prop) => {
      rejectedWith(
        { name: 'audit', properties: { [prop]: '7' } } as unknown as RosProjectProps,
        PROPERTIES_HEADING,
        `  ${prop}: "7" should be a number`,
      );
    });

    test.each(['sqlMeteringMax', 'retentionDays'])('a %s that is not an integer', (prop) => {
      rejectedWith(
        { name: 'audit', properties: { [prop]: 7.5 } },
        PROPERTIES_HEADING,
        `  ${prop}: 7.5 must be an integer`,
      );
    });

    test.each(['allowFullScan', 'enableDecimal2'])('a %s that is not a boolean', (prop) => {
      rejectedWith(
        { name: 'audit', properties: { [prop]: 'yes' } } as unknown as RosProjectProps,
        PROPERTIES_HEADING,
        `  ${prop}: "yes" should be a boolean`,
      );
    });

    test('wrong types inside encryption', () => {
      rejectedWith(
        {
          name: 'audit',
          properties: { encryption: { enable: 1, algorithm: 2, key: 3 } },
        } as unknown as RosProjectProps,
        PROPERTIES_HEADING,
        '  encryption: supplied properties not correct for "RosProject.EncryptionProperty" ' +
          '(ALIYUN::MaxCompute::Project.Properties.Encryption)',
        '    enable: 1 should be a boolean',
        '    algorithm: 2 should be a string',
        '    key: 3 should be a string',
      );
    });

    test('problems at several levels at once', () => {
      rejectedWith(
        { name: 'A', chargeType: 'x', properties: { retentionDays: 0.5 } },
        `name: "A" ${NAME_RULE}`,
        'chargeType: "x" must be one of "PayAsYouGo", "PostPaid", "PayOnDemand", "Postpaid", "PostPay", ' +
          '"Postpay", "POSTPAY", "POST", "Subscription", "PrePaid", "Prepaid", "PrePay", "Prepay", "PREPAY", "PRE"',
        PROPERTIES_HEADING,
        '  retentionDays: 0.5 must be an integer',
      );
    });
  });

  describe('tokens', () => {
    test('a parameter in every property, nested ones included, renders as a Ref and is not validated', () => {
      const stack = newStack('TestStack', {});
      const ref = (id: string) => stringParam(stack, id).valueAsString;
      const num = (id: string) => new ros.RosParameter(stack, id, { type: ros.RosParameterType.NUMBER }).valueAsNumber;
      const bool = (id: string) => new ros.RosParameter(stack, id, { type: ros.RosParameterType.BOOLEAN }).value;
      new RosProject(stack, 'Project', {
        name: ref('Name'),
        comment: ref('Comment'),
        defaultQuota: ref('Quota'),
        chargeType: ref('ChargeType'),
        ipWhiteList: { ipList: ref('IpList'), vpcIpList: ref('VpcIpList') },
        properties: {
          sqlMeteringMax: num('SqlMax'),
          typeSystem: ref('TypeSystem'),
          retentionDays: num('Retention'),
          encryption: { enable: bool('Encrypt'), algorithm: ref('Algorithm'), key: ref('Key') },
          allowFullScan: bool('FullScan'),
          enableDecimal2: bool('Decimal2'),
        },
        supportSchemaLevels: bool('Schemas'),
      });
      expect(synthTemplate(stack).Resources.Project.Properties).toEqual({
        Name: { Ref: 'Name' },
        Comment: { Ref: 'Comment' },
        DefaultQuota: { Ref: 'Quota' },
        ChargeType: { Ref: 'ChargeType' },
        IpWhiteList: { IpList: { Ref: 'IpList' }, VpcIpList: { Ref: 'VpcIpList' } },
        Properties: {
          SqlMeteringMax: { Ref: 'SqlMax' },
          TypeSystem: { Ref: 'TypeSystem' },
          RetentionDays: { Ref: 'Retention' },
          Encryption: { Enable: { Ref: 'Encrypt' }, Algorithm: { Ref: 'Algorithm' }, Key: { Ref: 'Key' } },
          AllowFullScan: { Ref: 'FullScan' },
          EnableDecimal2: { Ref: 'Decimal2' },
        },
        SupportSchemaLevels: { Ref: 'Schemas' },
      });
    });

    test('a whole nested property may be a token', () => {
      const stack = newStack('TestStack', {});
      const whitelist = new ros.RosParameter(stack, 'WhiteList', { type: ros.RosParameterType.JSON });
      new RosProject(stack, 'Project', { name: 'audit', ipWhiteList: whitelist.value });
      expect(synthTemplate(stack).Resources.Project.Properties).toEqual({
        Name: 'audit',
        IpWhiteList: { Ref: 'WhiteList' },
      });
    });

    test('a name built from the account ID is not validated', () => {
      const stack = newStack('TestStack', {});
      new RosProject(stack, 'Project', { name: `actiontrail_${ros.RosPseudo.accountId}` });
      expect(synthTemplate(stack).Resources.Project.Properties).toEqual({
        Name: { 'Fn::Join': ['', ['actiontrail_', { Ref: 'ALIYUN::AccountId' }]] },
      });
    });
  });

  test('attrName is Fn::GetAtt Name', () => {
    const stack = newStack('TestStack', {});
    const project = new RosProject(stack, 'Project', { name: 'audit' });
    expect(stack.resolve(project.attrName)).toEqual({ 'Fn::GetAtt': ['Project', 'Name'] });
  });

  test('false in the constructor skips validation, nested properties included', () => {
    const stack = newStack('TestStack', {});
    new RosProject(stack, 'Project', { name: 'Bad-Name', properties: { typeSystem: '9' } }, false);
    expect(synthTemplate(stack).Resources.Project.Properties).toEqual({
      Name: 'Bad-Name',
      Properties: { TypeSystem: '9' },
    });
  });
});
