/**
 * parseArnWithTokens: an ARN whose region and account may be tokens is split
 * as a literal one, each token kept in its part, even when its string form
 * holds ':'.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { isSingleToken, parseArnWithTokens } from '../../lib/private/arn';
import { parseArn } from '../../lib/shared/arn';
import { newApp } from '../support/template';

const stack = new ros.Stack(newApp(), 'Agnostic');
const parameter = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;

test('the pseudo parameters stand in their parts; their string forms hold ":"', () => {
  expect(stack.region).toContain(':');
  expect(parseArnWithTokens(`acs:log:${stack.region}:${stack.account}:project/audit-logs`)).toEqual({
    service: 'log',
    region: stack.region,
    account: stack.account,
    resourceType: 'project',
    resourceName: 'audit-logs',
  });
  expect(parseArnWithTokens(`acs:log:cn-hangzhou:1234567890123456:project/x-${parameter}`)?.resourceName).toBe(
    `x-${parameter}`,
  );
});

test.each([
  'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
  'acs:ram::1234567890123456:role/Writer',
  'acs:log:cn-hangzhou:1234567890123456:project/a:b',
  'acs:log:a:b:c:project/x',
  'acs:log:cn-hangzhou:1234567890123456:project/',
  'not an arn',
])('a literal ARN parses as parseArn parses it: %s', (arn) => {
  expect(parseArnWithTokens(arn)).toEqual(parseArn(arn));
});

test('a token as the service, a token as the whole ARN, or text around tokens only: not an ARN', () => {
  expect(parseArnWithTokens(`acs:${parameter}:cn-hangzhou:1234567890123456:project/p`)).toBeUndefined();
  expect(parseArnWithTokens(parameter)).toBeUndefined();
  expect(parseArnWithTokens(`${parameter}${stack.region}`)).toBeUndefined();
});

test('isSingleToken: one token and nothing else', () => {
  expect(isSingleToken(parameter)).toBe(true);
  expect(isSingleToken(stack.account)).toBe(true);
  expect(isSingleToken(`${parameter}${parameter}`)).toBe(false);
  expect(isSingleToken(`x${parameter}`)).toBe(false);
  expect(isSingleToken('acs:log:cn-hangzhou:1234567890123456:project/p')).toBe(false);
});
