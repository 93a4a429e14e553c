/**
 * validatorOver: PropValidator's checks for a part checked on a construct's
 * behalf, reporting through the `fail` it was given.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator, validatorOver } from '../../lib/private/errors';
import { patternRule } from '../../lib/private/names';
import { newApp } from '../support/template';

const rule = patternRule(/^q[0-9]+$/, "must be 'q' and digits");

test('a PropValidator is used as it is', () => {
  const scope = new ros.Construct(newApp(), 'Owner');
  const v = new PropValidator('Owner', scope);
  expect(validatorOver(v, scope)).toBe(v);
});

test('another reporter gets every failure, with the property and the value and the rule', () => {
  const scope = new ros.Construct(newApp(), 'Owner');
  const seen: [string, string][] = [];
  const reporter = {
    fail(property: string, message: string): never {
      seen.push([property, message]);
      throw new Error('reported');
    },
  };
  const checks = validatorOver(reporter, scope);
  expect(checks.check('queue', 'q1', rule)).toBe('q1');
  expect(() => checks.check('queue', 'x', rule)).toThrow('reported');
  expect(() => checks.checkEach('queues', ['q1', 'y'], rule)).toThrow('reported');
  const token = new ros.RosParameter(new ros.Stack(newApp(), 'S'), 'P', { type: ros.RosParameterType.STRING });
  expect(checks.check('queue', token.valueAsString, rule)).toBe(token.valueAsString);
  expect(seen).toEqual([
    ['queue', "'x' must be 'q' and digits"],
    ['queues[1]', "'y' must be 'q' and digits"],
  ]);
  expect(checks.path).toBe('Owner');
});
