/**
 * errors.ts (error types, retry/ambiguity rules, the FAILED Reason text,
 * clip / quoteValue) and redact.ts (the Redactor), as pure functions with
 * exact expected values.
 */
import {
  ApiError,
  InvalidPropertiesError,
  NetworkError,
  ProviderError,
  describeError,
  isAmbiguousFailure,
  isEventualConsistencyError,
  isRetryable,
  mayHaveTakenEffect,
} from '../../lib/provider/runtime/errors';
import { clip, quoteValue } from '../../lib/shared/quote';
import { REDACTED, Redactor } from '../../lib/shared/redact';
import { FAKE } from './harness';

describe('error types', () => {
  test('each error type names itself, so a logged error says what kind it is', () => {
    expect(String(new ApiError('UpdateTrail', 'InvalidParameter', 'bad', 'r-1', 400))).toBe('ApiError: UpdateTrail failed: InvalidParameter: bad');
    expect(String(new NetworkError('socket hang up', 'ECONNRESET'))).toBe('NetworkError: socket hang up');
    expect(String(new InvalidPropertiesError(['a', 'b']))).toBe('InvalidPropertiesError: Invalid trail properties: a; b');
    expect(String(new ProviderError('refused'))).toBe('ProviderError: refused');
  });
});

describe('retry rules', () => {
  test('ServiceUnavailable is retried whatever its HTTP status', () => {
    expect(isRetryable(new ApiError('A', 'ServiceUnavailable', 'm', 'r', 400))).toBe(true);
    expect(isRetryable(new ApiError('A', 'ServiceUnavailableX', 'm', 'r', 400))).toBe(false);
  });

  test('a throttled 403 is throttling (retried as such), not an eventual-consistency error', () => {
    const throttled = new ApiError('A', 'Throttling.User', 'm', 'r', 403);
    expect(isEventualConsistencyError(throttled)).toBe(false);
    expect(isRetryable(throttled)).toBe(true);
  });

  test('Insufficient*PolicyException codes must match whole', () => {
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyException', 'm', 'r', 400))).toBe(true);
    expect(isEventualConsistencyError(new ApiError('A', 'NotInsufficientBucketPolicyException', 'm', 'r', 400))).toBe(false);
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyExceptionX', 'm', 'r', 400))).toBe(false);
  });

  test('only API errors can be eventual-consistency errors', () => {
    const lookalike = Object.assign(new Error('x'), { code: 'TrailNotFoundException', statusCode: 403 });
    expect(isEventualConsistencyError(lookalike, true)).toBe(false);
    expect(isEventualConsistencyError(undefined, true)).toBe(false);
    expect(isEventualConsistencyError(null, true)).toBe(false);
  });
});

describe('ambiguity rules', () => {
  test('an error that is neither an API nor a network error is not ambiguous and did not take effect', () => {
    expect(isAmbiguousFailure(new Error('bug'))).toBe(false);
    expect(isAmbiguousFailure('text')).toBe(false);
    expect(mayHaveTakenEffect(Object.assign(new Error('bug'), { ambiguousEarlierAttempt: true }))).toBe(false);
    expect(mayHaveTakenEffect(undefined)).toBe(false);
  });
});

describe('describeError: the FAILED Reason', () => {
  test('an API error: action, code, message, RequestId, HTTP status, and the attempts when more than one', () => {
    const e = new ApiError('CreateTrail', 'InvalidParameter', 'bad name', 'r-1', 400);
    expect(describeError(e)).toBe('CreateTrail failed: InvalidParameter: bad name (RequestId: r-1, HTTP 400)');
    e.attempts = 3;
    expect(describeError(e)).toBe('CreateTrail failed: InvalidParameter: bad name (RequestId: r-1, HTTP 400, after 3 attempts)');
    expect(describeError(new ApiError('DescribeTrails', 'HTTP502', 'page', undefined, 502))).toBe('DescribeTrails failed: HTTP502: page (RequestId: none, HTTP 502)');
  });

  test('a network error: the action, or "request" when it was not an API call, and the attempts when more than one', () => {
    const e = new NetworkError('socket hang up', 'ECONNRESET');
    expect(describeError(e)).toBe('request failed: network error ECONNRESET: socket hang up');
    e.action = 'DeleteTrail';
    e.attempts = 4;
    expect(describeError(e)).toBe('DeleteTrail failed: network error ECONNRESET: socket hang up after 4 attempts');
  });

  test('invalid properties and provider errors are shown as written', () => {
    expect(describeError(new InvalidPropertiesError(['Name is required']))).toBe('Invalid trail properties: Name is required');
    expect(describeError(new ProviderError('the trail is not this stack\'s'))).toBe('the trail is not this stack\'s');
  });

  test('anything else is an internal error, with the error\'s name and message, or the thrown value', () => {
    expect(describeError(new TypeError('x is not a function'))).toBe('Internal error: TypeError: x is not a function');
    // Name and message, even where the error's own text would differ.
    expect(describeError(new RangeError(''))).toBe('Internal error: RangeError: ');
    expect(describeError(Object.assign(new Error('boom'), { toString: () => 'custom text' }))).toBe('Internal error: Error: boom');
    expect(describeError('a thrown string')).toBe('Internal error: a thrown string');
    expect(describeError(undefined)).toBe('Internal error: undefined');
  });

  test('long codes and messages are clipped, saying how much was left out', () => {
    const e = new ApiError('UpdateTrail', 'C'.repeat(101), 'm'.repeat(601), 'r', 400);
    expect(describeError(e)).toBe(`UpdateTrail failed: ${'C'.repeat(100)}... (1 more characters): ${'m'.repeat(600)}... (1 more characters) (RequestId: r, HTTP 400)`);
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
    expect(new Redactor([]).text('POST http://127.0.0.1:9/cb?Expires=1&OSSAccessKeyId=abc done')).toBe(`POST http://127.0.0.1:9/cb?${REDACTED} done`);
  });
});
