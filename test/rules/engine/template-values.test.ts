import { shorten } from '../../../lib/shared/quote';
import {
  asList,
  canonicalValue,
  describeValue,
  field,
  hasWildcard,
  isObject,
  isRosFunction,
  isSet,
  literalBoolean,
  stringPieces,
  THIS_ACCOUNT,
  THIS_REGION,
} from '../../../lib/rules/engine/template-values';

describe('template values', () => {
  test('a ROS function is an object of one key, Ref or Fn::*', () => {
    expect(isRosFunction({ Ref: 'ALIYUN::AccountId' })).toBe(true);
    expect(isRosFunction({ 'Fn::Join': ['', []] })).toBe(true);
    expect(isRosFunction({ Ref: 'A', Other: 1 })).toBe(false);
    expect(isRosFunction(['Ref'])).toBe(false);
    expect(isRosFunction('Ref')).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject([])).toBe(false);
  });

  test('field ignores the case of keys, an exact key first', () => {
    expect(field({ statement: [1] }, 'Statement')).toEqual([1]);
    expect(field({ Statement: 'exact', statement: 'other' }, 'Statement')).toBe('exact');
    expect(field('text', 'Statement')).toBeUndefined();
  });

  test('lists, set values and booleans written as strings', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList('a')).toEqual(['a']);
    expect(asList(['a', 'b'])).toEqual(['a', 'b']);
    expect([undefined, null, ''].map(isSet)).toEqual([false, false, false]);
    expect([0, false, 'x'].map(isSet)).toEqual([true, true, true]);
    expect(['true', 'True', true, 'false', 'False', false, 'yes'].map(literalBoolean)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      undefined,
    ]);
  });

  test('canonical values sort keys, so equal ROS functions compare equal', () => {
    expect(canonicalValue({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(canonicalValue('text')).toBe('text');
    expect(canonicalValue(undefined)).toBe('undefined');
    expect(THIS_ACCOUNT).toBe('{"Ref":"ALIYUN::AccountId"}');
    expect(THIS_REGION).toBe('{"Ref":"ALIYUN::Region"}');
  });

  test('describeValue: strings whole in quotes, JSON cut as lib/shared/quote cuts it, ROS functions named as such', () => {
    expect(describeValue(undefined)).toBe('(not set)');
    expect(describeValue('x'.repeat(100))).toBe(`'${'x'.repeat(100)}'`);
    expect(describeValue(7)).toBe('7');
    const long = { Ref: 'p'.repeat(100) };
    expect(describeValue(long)).toBe(`a value known only at deploy time (${shorten(canonicalValue(long))})`);
    expect(describeValue(long)).toContain('...)');
    expect(describeValue([1, 2])).toBe('[1,2]');
  });

  test('string pieces flatten Fn::Join with a literal delimiter; wildcards are found in literal text only', () => {
    const joined = { 'Fn::Join': ['', [{ Ref: 'A' }, '@actiontrail.aliyuncs.com']] };
    expect(stringPieces(joined)).toEqual([{ token: '{"Ref":"A"}' }, '@actiontrail.aliyuncs.com']);
    expect(stringPieces({ 'Fn::Join': [':', ['a', 'b']] })).toEqual(['a', ':', 'b']);
    expect(stringPieces(5)).toEqual(['5']);
    expect(hasWildcard({ 'Fn::Join': ['', ['acs:ram::', { Ref: 'A' }, ':*']] })).toBe(true);
    expect(hasWildcard({ Ref: '*' })).toBe(false);
  });
});
