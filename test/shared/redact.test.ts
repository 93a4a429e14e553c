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

describe('Redactor: secrets written as key=value or "key": "value", whoever they belong to', () => {
  const r = new Redactor([]);
  test.each([
    ['AccessKeySecret=abc123XYZ rest', `AccessKeySecret=${REDACTED} rest`],
    ['access_key_secret = abc123XYZ, rest', `access_key_secret = ${REDACTED}, rest`],
    ['{"SecurityToken": "abc123XYZ", "x": 1}', `{"SecurityToken": "${REDACTED}", "x": 1}`],
    ["security_token:'abc123XYZ'&next", `security_token:'${REDACTED}'&next`],
    ['SECURITYTOKEN :\tabc123XYZ', `SECURITYTOKEN :\t${REDACTED}`],
  ])('%j', (input, expected) => {
    expect(r.text(input)).toBe(expected);
  });

  test('a key with no value after it, or a value under another key, is left as it is', () => {
    expect(r.text('AccessKeySecret is required')).toBe('AccessKeySecret is required');
    expect(r.text('RoleName=actiontrail-writer')).toBe('RoleName=actiontrail-writer');
  });
});

test('a Redactor made without secrets knows none: ordinary text, however long, is kept whole', () => {
  const text = 'The trail was here, logging since noon; Stryker-style pieces of prose are not credentials.';
  expect(new Redactor().text(text)).toBe(text);
  expect(new Redactor(undefined).value({ note: text })).toEqual({ note: text });
});

test('errors are reduced to name, code (as a string) and redacted message; a missing code is left out', () => {
  const r = new Redactor(['s3cr3t-value-1234']);
  const withCode = Object.assign(new Error('denied for s3cr3t-value-1234'), { code: 403 });
  expect(r.value(withCode)).toEqual({ name: 'Error', code: '403', message: `denied for ${REDACTED}` });
  expect(r.value(new TypeError('plain'))).toEqual({ name: 'TypeError', message: 'plain' });
  expect(Object.keys(r.value(new TypeError('plain')) as object)).toEqual(['name', 'message']);
});

test('addWhole: a parameter value is replaced whole, its pieces are left (they are ordinary text such as https://)', () => {
  const r = new Redactor();
  r.addWhole('hunter2-webhook-token', 'abc');
  expect(r.text('token hunter2-webhook-token, piece hunter2-webhook, https://example.com/x')).toBe(
    `token ${REDACTED}, piece hunter2-webhook, https://example.com/x`,
  );
  // Shorter than 4 characters: ignored, as by add().
  expect(r.text('abc')).toBe('abc');
});
