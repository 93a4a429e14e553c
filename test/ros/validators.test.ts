import * as ros from '@alicloud/ros-cdk-core';
import {
  allowedValuesValidator,
  atLeastOneOfValidator,
  constraintEnabled,
  isLiteral,
  lengthValidator,
  patternValidator,
  renderInContext,
  validateInteger,
  validationHeading,
} from '../../lib/ros/validators';
import { errorLines, stringParam } from '../support/ros';
import { newStack, synthTemplate } from '../support/template';

/** The message of a result, or undefined when it succeeded. */
function messageOf(result: ros.ValidationResult): string | undefined {
  return result.isSuccess ? undefined : result.errorTree();
}

describe('isLiteral', () => {
  test.each([
    ['a string', 'abc', true],
    ['an empty string', '', true],
    ['a number', 0, true],
    ['false', false, true],
    ['a plain object', { a: 1 }, true],
    ['undefined', undefined, false],
    ['null', null, false],
    ['a Ref', { Ref: 'P' }, false],
    ['an Fn:: intrinsic', { 'Fn::Join': ['', ['a']] }, false],
  ])('%s -> %s', (_title, value, expected) => {
    expect(isLiteral(value)).toBe(expected);
  });

  test('unresolved tokens are not literals', () => {
    const stack = newStack('TestStack', {});
    const param = stringParam(stack, 'P');
    expect(isLiteral(param.valueAsString)).toBe(false);
    expect(isLiteral(ros.Token.asNumber(param.value))).toBe(false);
    expect(isLiteral(param.value)).toBe(false);
    expect(isLiteral(`prefix-${param.valueAsString}`)).toBe(false);
  });
});

describe('lengthValidator', () => {
  test('both bounds', () => {
    const v = lengthValidator(2, 4);
    expect(messageOf(v('a'))).toBe('"a" must be 2 to 4 characters long (got 1)');
    expect(messageOf(v('abcde'))).toBe('"abcde" must be 2 to 4 characters long (got 5)');
    expect(messageOf(v('ab'))).toBeUndefined();
    expect(messageOf(v('abcd'))).toBeUndefined();
  });

  test('a minimum only, including 0-length strings', () => {
    expect(messageOf(lengthValidator(1, undefined)(''))).toBe('"" must be at least 1 characters long (got 0)');
  });

  test('a maximum only', () => {
    expect(messageOf(lengthValidator(undefined, 2)('abc'))).toBe('"abc" must be at most 2 characters long (got 3)');
  });

  test('needs a bound', () => {
    expect(() => lengthValidator(undefined, undefined)).toThrow('lengthValidator needs a minimum or a maximum');
  });

  test('leaves non-strings, intrinsics and unresolved tokens alone', () => {
    const v = lengthValidator(5, 6);
    const stack = newStack('TestStack', {});
    for (const value of [undefined, 12, ['a'], { Ref: 'P' }, stringParam(stack, 'P').valueAsString]) {
      expect(messageOf(v(value))).toBeUndefined();
    }
  });
});

describe('patternValidator', () => {
  test('reports the value, the expression and the description', () => {
    expect(messageOf(patternValidator(/^a+$/, 'only a')('ab'))).toBe('"ab" must match /^a+$/ (only a)');
    expect(messageOf(patternValidator(/^a+$/, 'only a')('aa'))).toBeUndefined();
  });

  test('gives the same answer twice for a global expression', () => {
    const v = patternValidator(/^a+$/g, 'only a');
    expect(messageOf(v('aa'))).toBeUndefined();
    expect(messageOf(v('aa'))).toBeUndefined();
  });

  test('leaves non-strings and intrinsics alone', () => {
    const v = patternValidator(/^a+$/, 'only a');
    expect(messageOf(v(5))).toBeUndefined();
    expect(messageOf(v({ 'Fn::Sub': 'b' }))).toBeUndefined();
  });
});

describe('allowedValuesValidator', () => {
  test('reports the value and the list', () => {
    expect(messageOf(allowedValuesValidator(['A', 'B'])('a'))).toBe('"a" must be one of "A", "B"');
    expect(messageOf(allowedValuesValidator(['A', 'B'])('B'))).toBeUndefined();
    expect(messageOf(allowedValuesValidator([1, 2])(3))).toBe('3 must be one of 1, 2');
  });

  test('leaves values of another type and intrinsics to other validators', () => {
    expect(messageOf(allowedValuesValidator(['1', '2'])(1))).toBeUndefined();
    expect(messageOf(allowedValuesValidator(['A'])({ Ref: 'P' }))).toBeUndefined();
  });

  test('needs a value', () => {
    expect(() => allowedValuesValidator([])).toThrow('allowedValuesValidator needs at least one allowed value');
  });
});

describe('validateInteger', () => {
  test.each([
    [1.5, '1.5 must be an integer'],
    [3, undefined],
    ['3', undefined],
    [undefined, undefined],
  ])('%p', (value, expected) => {
    expect(messageOf(validateInteger(value))).toBe(expected);
  });
});

describe('atLeastOneOfValidator', () => {
  const v = atLeastOneOfValidator(['a', 'b']);

  test('passes when one is set, a token counting as set', () => {
    expect(messageOf(v({ a: 'x' }))).toBeUndefined();
    expect(messageOf(v({ b: false }))).toBeUndefined();
    expect(messageOf(v({ b: { Ref: 'P' } }))).toBeUndefined();
    expect(messageOf(v({ Ref: 'WholeBag' }))).toBeUndefined();
  });

  test('names the properties when none is set', () => {
    expect(messageOf(v({ a: undefined, c: 1 }))).toBe('a or b: at least one must be set (none was given)');
  });
});

test('validationHeading names the props type and the ROS type', () => {
  expect(validationHeading('RosXProps', 'ALIYUN::X::Y')).toBe(
    'supplied properties not correct for "RosXProps" (ALIYUN::X::Y)',
  );
});

describe('renderInContext', () => {
  test('puts the construct path in front of an error', () => {
    const stack = newStack('TestStack', {});
    expect(() =>
      renderInContext(stack, () => {
        throw new Error('boom');
      }),
    ).toThrow(/^While synthesizing TestStack: boom$/);
  });

  test('returns what the renderer returns', () => {
    const stack = newStack('TestStack', {});
    expect(renderInContext(stack, () => 42)).toBe(42);
  });
});

describe('constraintEnabled', () => {
  test.each([
    ['unset', {}, undefined, true],
    ['false', { enableResourcePropertyConstraint: false }, undefined, false],
    // ros-cdk-core 1.12: any value of the stack option, true included, turns validation off.
    ['true', { enableResourcePropertyConstraint: true }, undefined, false],
    ['unset', {}, false, false],
    ['true', { enableResourcePropertyConstraint: true }, true, true],
  ])('stack option %s, explicit %p', (_title, stackProps, explicit, expected) => {
    const stack = newStack('TestStack', {}, stackProps);
    expect(constraintEnabled(stack, explicit)).toBe(expected);
  });
});

describe('test helpers', () => {
  test('synthTemplate returns the whole template', () => {
    const stack = newStack('TestStack', {});
    expect(synthTemplate(stack)).toEqual({
      ROSTemplateFormatVersion: '2015-09-01',
      Metadata: { 'ALIYUN::ROS::Interface': { TemplateTags: ['Create by ROS CDK'] } },
    });
  });

  test('errorLines drops the creation trace and the final dot', () => {
    expect(errorLines('Head\n  a: b\n    c: d.\nObject creation stack:\n  at x')).toEqual(['Head', 'a: b', '  c: d']);
  });
});
