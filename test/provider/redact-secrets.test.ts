/**
 * Which credential strings the Redactor takes, and in what order it replaces
 * them: a secret of the shortest accepted length, one secret inside another,
 * and the last piece of a secret.
 */
import { REDACTED, Redactor } from '../../lib/shared/redact';

test('a 4-character secret is replaced; a 3-character one is not (it would shred the text)', () => {
  expect(new Redactor(['wxyz']).text('a wxyz b')).toBe(`a ${REDACTED} b`);
  expect(new Redactor(['xyz']).text('a xyz b')).toBe('a xyz b');
});

test.each([
  [['wxyz', 'abcwxyzdef']],
  [['abcwxyzdef', 'wxyz']],
  [['wxyz', 'q1w2e3r4', 'abcwxyzdef']],
])('a secret that contains another is replaced whole, whatever the order given (%j)', (secrets) => {
  expect(new Redactor(secrets).text('x abcwxyzdef y wxyz z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
});

test('the last 8 characters of a secret, alone, are replaced', () => {
  expect(new Redactor(['ABCDEFGHIJKLMNOP']).text('cut: IJKLMNOP.')).toBe(`cut: ${REDACTED}.`);
  expect(new Redactor(['ABCDEFGHIJKLMNOP']).text('cut: ABCDEFGH.')).toBe(`cut: ${REDACTED}.`);
});
