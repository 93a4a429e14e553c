/**
 * lib/shared/redact.ts, the one Redactor: which credential strings it takes, in
 * what order it replaces them (a secret of the shortest accepted length, one
 * secret inside another, the last piece of a secret), pieces of a credential,
 * deep values and URLs, with exact expected values.
 */
import { REDACTED, Redactor } from '../../lib/shared/redact';
import { FAKE } from '../provider/harness';

test('a 4-character secret is replaced; a 3-character one is not (it would shred the text)', () => {
  expect(new Redactor(['wxyz']).text('a wxyz b')).toBe(`a ${REDACTED} b`);
  expect(new Redactor(['xyz']).text('a xyz b')).toBe('a xyz b');
});

test.each([[['wxyz', 'abcwxyzdef']], [['abcwxyzdef', 'wxyz']], [['wxyz', 'q1w2e3r4', 'abcwxyzdef']]])(
  'a secret that contains another is replaced whole, whatever the order given (%j)',
  (secrets) => {
    expect(new Redactor(secrets).text('x abcwxyzdef y wxyz z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
  },
);

test('the last 8 characters of a secret, alone, are replaced', () => {
  expect(new Redactor(['ABCDEFGHIJKLMNOP']).text('cut: IJKLMNOP.')).toBe(`cut: ${REDACTED}.`);
  expect(new Redactor(['ABCDEFGHIJKLMNOP']).text('cut: ABCDEFGH.')).toBe(`cut: ${REDACTED}.`);
});

describe('Redactor: pieces of a credential', () => {
  const secret = FAKE.accessKeySecret; // 31 characters, no 8-character piece repeats
  const r = new Redactor([secret]);

  test('a piece at the very start of the text', () => {
    expect(r.text(`${secret.slice(0, 12)} tail`)).toBe(`${REDACTED} tail`);
  });

  test('a piece at the very end of the text', () => {
    expect(r.text(`head ${secret.slice(5, 13)}`)).toBe(`head ${REDACTED}`);
  });

  test('two pieces with ordinary text between them are replaced separately, the text between kept', () => {
    expect(r.text(`${secret.slice(0, 9)} and ${secret.slice(15, 24)}`)).toBe(`${REDACTED} and ${REDACTED}`);
  });

  test('two pieces that touch are one run, replaced once', () => {
    expect(r.text(`x${secret.slice(0, 8)}${secret.slice(20, 28)}y`)).toBe(`x${REDACTED}y`);
  });
});

describe('Redactor: deep values', () => {
  const r = new Redactor([]);
  const inArrays = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [inArrays(depth - 1, leaf)]);
  const inObjects = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { a: inObjects(depth - 1, leaf) });

  test('values nested up to 20 levels are copied; deeper ones are replaced', () => {
    expect(r.value(inArrays(20, 'leaf'))).toEqual(inArrays(20, 'leaf'));
    expect(r.value(inArrays(21, 'leaf'))).toEqual(inArrays(21, REDACTED));
    expect(r.value(inObjects(20, 'leaf'))).toEqual(inObjects(20, 'leaf'));
    expect(r.value(inObjects(21, 'leaf'))).toEqual(inObjects(21, REDACTED));
  });
});

describe('Redactor: URLs', () => {
  test('the query of a plain-http URL is masked too (a loopback or misconfigured ResponseURL)', () => {
    expect(new Redactor([]).text('POST http://127.0.0.1:9/cb?Expires=1&OSSAccessKeyId=abc done')).toBe(
      `POST http://127.0.0.1:9/cb?${REDACTED} done`,
    );
  });
});
