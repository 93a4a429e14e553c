import * as ros from '@alicloud/ros-cdk-core';
import { RosTrailLogging, RosTrailLoggingProps } from '../../lib/ros';
import { expectRejected, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

const TYPE = 'ALIYUN::ACTIONTRAIL::TrailLogging';

function rejectedWith(props: RosTrailLoggingProps, ...problems: string[]): void {
  const stack = newStack('TestStack', {});
  new RosTrailLogging(stack, 'Logging', props);
  expectRejected(stack, { path: 'TestStack/Logging', propsType: 'RosTrailLoggingProps', resourceType: TYPE, problems });
}

describe('RosTrailLogging', () => {
  test('has the ROS type name', () => {
    expect(RosTrailLogging.ROS_RESOURCE_TYPE_NAME).toBe(TYPE);
  });

  test('renders every property', () => {
    const stack = newStack('TestStack', {});
    new RosTrailLogging(stack, 'Logging', { name: 'audit1', enable: true });
    expect(synthTemplate(stack).Resources).toEqual({
      Logging: { Type: TYPE, Properties: { Name: 'audit1', Enable: true } },
    });
  });

  test('renders enable: false (not dropped as empty)', () => {
    const stack = newStack('TestStack', {});
    new RosTrailLogging(stack, 'Logging', { name: 'audit1', enable: false });
    expect(synthTemplate(stack).Resources.Logging.Properties).toEqual({ Name: 'audit1', Enable: false });
  });

  describe('rejects', () => {
    test('a missing name', () => {
      rejectedWith({ enable: true } as RosTrailLoggingProps, 'name: required but missing');
    });

    test('a missing enable', () => {
      rejectedWith({ name: 'audit1' } as RosTrailLoggingProps, 'enable: required but missing');
    });

    test('both missing, with both problems', () => {
      rejectedWith({} as RosTrailLoggingProps, 'name: required but missing', 'enable: required but missing');
    });

    test('a name that is not a string', () => {
      rejectedWith({ name: 7, enable: true } as unknown as RosTrailLoggingProps, 'name: 7 should be a string');
    });

    test('an enable that is a string', () => {
      rejectedWith(
        { name: 'audit1', enable: 'true' } as unknown as RosTrailLoggingProps,
        'enable: "true" should be a boolean',
      );
    });
  });

  test('tokens render as Refs and are not validated', () => {
    const stack = newStack('TestStack', {});
    const enable = new ros.RosParameter(stack, 'Enable', { type: ros.RosParameterType.BOOLEAN });
    new RosTrailLogging(stack, 'Logging', { name: stringParam(stack, 'Name').valueAsString, enable: enable.value });
    expect(synthTemplate(stack).Resources.Logging.Properties).toEqual({
      Name: { Ref: 'Name' },
      Enable: { Ref: 'Enable' },
    });
  });

  test('every attribute is an Fn::GetAtt', () => {
    const stack = newStack('TestStack', {});
    const logging = new RosTrailLogging(stack, 'Logging', { name: 'audit1', enable: true });
    expect(
      stack.resolve({
        isLogging: logging.attrIsLogging,
        latestDeliveryError: logging.attrLatestDeliveryError,
        latestDeliveryTime: logging.attrLatestDeliveryTime,
        startLoggingTime: logging.attrStartLoggingTime,
        stopLoggingTime: logging.attrStopLoggingTime,
      }),
    ).toEqual({
      isLogging: { 'Fn::GetAtt': ['Logging', 'IsLogging'] },
      latestDeliveryError: { 'Fn::GetAtt': ['Logging', 'LatestDeliveryError'] },
      latestDeliveryTime: { 'Fn::GetAtt': ['Logging', 'LatestDeliveryTime'] },
      startLoggingTime: { 'Fn::GetAtt': ['Logging', 'StartLoggingTime'] },
      stopLoggingTime: { 'Fn::GetAtt': ['Logging', 'StopLoggingTime'] },
    });
  });

  test('false in the constructor skips validation', () => {
    const stack = newStack('TestStack', {});
    new RosTrailLogging(stack, 'Logging', { name: 'audit1', enable: 'yes' } as unknown as RosTrailLoggingProps, false);
    expect(synthTemplate(stack).Resources.Logging.Properties).toEqual({ Name: 'audit1', Enable: 'yes' });
  });
});
