/** lib/shared/quote.ts: how every message shows a value. */
import { clip, jsonText, jsonValue, quote, quoteJson, quoteValue, shorten } from '../../lib/shared/quote';

describe('jsonText', () => {
  test('JSON where JSON has a text, String() where it has none, never a throw', () => {
    expect(jsonText({ a: [1] })).toBe('{"a":[1]}');
    expect(jsonText(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonText(cyclic)).toBe('[object Object]');
    expect(jsonText(10n)).toBe('10');
  });
});

describe('message style', () => {
  test('quote: strings in single quotes, numbers as written, the rest as JSON', () => {
    expect(quote('ab')).toBe("'ab'");
    expect(quote(7)).toBe('7');
    expect(quote(NaN)).toBe('NaN');
    expect(quote(-Infinity)).toBe('-Infinity');
    expect(quote(undefined)).toBe('undefined');
    expect(quote(3n)).toBe('3n');
    expect(quote({ a: 1 })).toBe('{"a":1}');
  });

  test('quote cuts to 77 characters and ... past 80', () => {
    expect(quote('x'.repeat(80))).toBe(`'${'x'.repeat(80)}'`);
    expect(quote('x'.repeat(81))).toBe(`'${'x'.repeat(77)}...'`);
  });

  test('quoteJson: JSON, so the string "7" and the number 7 differ', () => {
    expect(quoteJson('7')).toBe('"7"');
    expect(quoteJson(7)).toBe('7');
    expect(quoteJson({ a: [1] })).toBe('{"a":[1]}');
    expect(quoteJson(undefined)).toBe('undefined');
    expect(quoteJson('x'.repeat(100))).toBe(`"${'x'.repeat(76)}...`);
    expect(quoteJson('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
  });

  test('shorten keeps text up to the limit', () => {
    expect(shorten('abcdef', 6)).toBe('abcdef');
    expect(shorten('abcdefg', 6)).toBe('abc...');
  });
});

describe('Reason style', () => {
  test('clip says how much was left out', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdefgh', 6)).toBe('abcdef... (2 more characters)');
  });

  test('quoteValue: JSON-quoted text, clipped', () => {
    expect(quoteValue('ab')).toBe('"ab"');
    expect(quoteValue(7)).toBe('"7"');
    expect(quoteValue({ a: 1 })).toBe('"{\\"a\\":1}"');
    expect(quoteValue('x'.repeat(12), 10)).toBe(`"${'x'.repeat(10)}... (2 more characters)"`);
  });

  test('jsonValue: JSON whose type shows, clipped', () => {
    expect(jsonValue('Create')).toBe('"Create"');
    expect(jsonValue(7)).toBe('7');
    expect(jsonValue(null)).toBe('null');
    expect(jsonValue('x'.repeat(90))).toBe(`"${'x'.repeat(79)}... (12 more characters)`);
  });
});

describe('clip and quoteValue', () => {
  test('clip keeps text up to the limit and cuts longer text', () => {
    expect(clip('abcd', 4)).toBe('abcd');
    expect(clip('abcde', 4)).toBe('abcd... (1 more characters)');
  });

  test('quoteValue JSON-quotes strings and JSON values, clipped', () => {
    expect(quoteValue('a"b')).toBe('"a\\"b"');
    expect(quoteValue({ a: 1 })).toBe('"{\\"a\\":1}"');
    expect(quoteValue('x'.repeat(81))).toBe(JSON.stringify(`${'x'.repeat(80)}... (1 more characters)`));
    expect(quoteValue('abcdef', 3)).toBe('"abc... (3 more characters)"');
  });

  test('quoteValue shows values JSON cannot represent as text instead of failing', () => {
    expect(quoteValue(undefined)).toBe('"undefined"');
    expect(quoteValue(() => 1)).toBe('"() => 1"');
    expect(quoteValue(BigInt(12))).toBe('"12"');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(quoteValue(circular)).toBe('"[object Object]"');
  });
});
