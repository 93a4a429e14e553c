/**
 * runtime/errors.ts: the error types, which failures are retried at once, failed
 * fast, or possibly applied by the API (then the provider must look before it
 * answers), and the FAILED Reason text, as pure functions with exact expected
 * values.
 */
import {
  ApiError,
  NetworkError,
  isAmbiguousFailure,
  isRetryable,
  InvalidPropertiesError,
  ProviderError,
  describeError,
  isEventualConsistencyError,
  mayHaveTakenEffect,
} from '../../../lib/provider/runtime/errors';

const apiError = (status: number, code = 'InvalidParameter'): ApiError =>
  new ApiError('CreateTrail', code, 'message', 'req-1', status);

describe('isRetryable for network errors', () => {
  test.each([
    'ENOTFOUND',
    'EAI_AGAIN',
    'EINVALIDURL',
    'ERR_INVALID_URL',
    'EPROTO',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('%s fails fast: a retry cannot help', (code) => {
    expect(isRetryable(new NetworkError('failed', code))).toBe(false);
  });

  test.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EEMPTYANSWER'])('%s is retried', (code) => {
    expect(isRetryable(new NetworkError('failed', code))).toBe(true);
  });
});

describe('isAmbiguousFailure', () => {
  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EINVALIDURL', 'ERR_INVALID_URL'])(
    '%s proves the request was never sent',
    (code) => {
      expect(isAmbiguousFailure(new NetworkError('failed', code))).toBe(false);
    },
  );

  test.each(['ECONNRESET', 'ETIMEDOUT', 'EPROTO'])('%s may have reached the API', (code) => {
    expect(isAmbiguousFailure(new NetworkError('failed', code))).toBe(true);
  });

  test('an API error is ambiguous only with a 5xx status, whatever its code', () => {
    expect(isAmbiguousFailure(apiError(400))).toBe(false);
    expect(isAmbiguousFailure(apiError(429, 'Throttling.User'))).toBe(false);
    expect(isAmbiguousFailure(apiError(499, 'ECONNRESET'))).toBe(false);
    expect(isAmbiguousFailure(apiError(500, 'InternalError'))).toBe(true);
    expect(isAmbiguousFailure(apiError(503, 'ECONNREFUSED'))).toBe(true);
  });

  test('anything that is neither an API nor a network error is not ambiguous, even with a status field', () => {
    expect(isAmbiguousFailure(null)).toBe(false);
    expect(isAmbiguousFailure({ statusCode: 503 })).toBe(false);
  });
});

describe('error types', () => {
  test('each error type names itself, so a logged error says what kind it is', () => {
    expect(String(new ApiError('UpdateTrail', 'InvalidParameter', 'bad', 'r-1', 400))).toBe(
      'ApiError: UpdateTrail failed: InvalidParameter: bad',
    );
    expect(String(new NetworkError('socket hang up', 'ECONNRESET'))).toBe('NetworkError: socket hang up');
    expect(String(new InvalidPropertiesError(['a', 'b']))).toBe(
      'InvalidPropertiesError: Invalid trail properties: a; b',
    );
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
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyException', 'm', 'r', 400))).toBe(
      true,
    );
    expect(isEventualConsistencyError(new ApiError('A', 'NotInsufficientBucketPolicyException', 'm', 'r', 400))).toBe(
      false,
    );
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyExceptionX', 'm', 'r', 400))).toBe(
      false,
    );
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
    expect(describeError(e)).toBe(
      'CreateTrail failed: InvalidParameter: bad name (RequestId: r-1, HTTP 400, after 3 attempts)',
    );
    expect(describeError(new ApiError('DescribeTrails', 'HTTP502', 'page', undefined, 502))).toBe(
      'DescribeTrails failed: HTTP502: page (RequestId: none, HTTP 502)',
    );
  });

  test('a network error: the action, or "request" when it was not an API call, and the attempts when more than one', () => {
    const e = new NetworkError('socket hang up', 'ECONNRESET');
    expect(describeError(e)).toBe('request failed: network error ECONNRESET: socket hang up');
    e.action = 'DeleteTrail';
    e.attempts = 4;
    expect(describeError(e)).toBe('DeleteTrail failed: network error ECONNRESET: socket hang up after 4 attempts');
  });

  test('invalid properties and provider errors are shown as written', () => {
    expect(describeError(new InvalidPropertiesError(['Name is required']))).toBe(
      'Invalid trail properties: Name is required',
    );
    expect(describeError(new ProviderError("the trail is not this stack's"))).toBe("the trail is not this stack's");
  });

  test("anything else is an internal error, with the error's name and message, or the thrown value", () => {
    expect(describeError(new TypeError('x is not a function'))).toBe('Internal error: TypeError: x is not a function');
    // Name and message, even where the error's own text would differ.
    expect(describeError(new RangeError(''))).toBe('Internal error: RangeError: ');
    expect(describeError(Object.assign(new Error('boom'), { toString: () => 'custom text' }))).toBe(
      'Internal error: Error: boom',
    );
    expect(describeError('a thrown string')).toBe('Internal error: a thrown string');
    expect(describeError(undefined)).toBe('Internal error: undefined');
  });

  test('long codes and messages are clipped, saying how much was left out', () => {
    const e = new ApiError('UpdateTrail', 'C'.repeat(101), 'm'.repeat(601), 'r', 400);
    expect(describeError(e)).toBe(
      `UpdateTrail failed: ${'C'.repeat(100)}... (1 more characters): ${'m'.repeat(600)}... (1 more characters) (RequestId: r, HTTP 400)`,
    );
  });
});

describe('retries', () => {
  test('retryable errors are throttling, ServiceUnavailable, 5xx and network errors', () => {
    expect(isRetryable(new ApiError('A', 'Throttling.User', 'm', 'r', 400))).toBe(true);
    expect(isRetryable(new ApiError('A', 'Throttling', 'm', 'r', 429))).toBe(true);
    expect(isRetryable(new ApiError('A', 'ServiceUnavailable', 'm', 'r', 503))).toBe(true);
    expect(isRetryable(new ApiError('A', 'InternalError', 'm', 'r', 500))).toBe(true);
    expect(isRetryable(new ApiError('A', 'TrailNotFoundException', 'm', 'r', 404))).toBe(false);
    expect(isRetryable(new ApiError('A', 'InvalidParameter', 'm', 'r', 400))).toBe(false);
    expect(isRetryable(new NetworkError('reset', 'ECONNRESET'))).toBe(true);
    expect(isRetryable(new Error('bug'))).toBe(false);
    // HTTP 429 whatever its body (a gateway's text page has no JSON code); an empty 2xx answer.
    expect(isRetryable(new ApiError('A', 'HTTP429', 'text', undefined, 429))).toBe(true);
    expect(isRetryable(new NetworkError('empty', 'EEMPTYANSWER'))).toBe(true);
    // Fail fast: DNS and bad endpoints.
    expect(isRetryable(new NetworkError('dns', 'ENOTFOUND'))).toBe(false);
    expect(isRetryable(new NetworkError('dns', 'EAI_AGAIN'))).toBe(false);
    expect(isRetryable(new NetworkError('url', 'EINVALIDURL'))).toBe(false);
  });

  test('eventual-consistency errors: bucket policy, RAM 403, and not-found only right after a create', () => {
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyException', 'm', 'r', 400))).toBe(
      true,
    );
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientSlsPolicyException', 'm', 'r', 400))).toBe(true);
    expect(isEventualConsistencyError(new ApiError('A', 'NoPermission', 'm', 'r', 403))).toBe(true);
    expect(isEventualConsistencyError(new ApiError('A', 'TrailNotFoundException', 'm', 'r', 404))).toBe(false);
    expect(isEventualConsistencyError(new ApiError('A', 'TrailNotFoundException', 'm', 'r', 404), true)).toBe(true);
    expect(isEventualConsistencyError(new ApiError('A', 'InvalidParameter', 'm', 'r', 400), true)).toBe(false);
    expect(isEventualConsistencyError(new NetworkError('x', 'ECONNRESET'), true)).toBe(false);
  });

  test('ambiguous outcomes (the call may have been applied): timeouts, resets and 5xx; not refusals, DNS or 4xx', () => {
    expect(isAmbiguousFailure(new NetworkError('t', 'ETIMEDOUT'))).toBe(true);
    expect(isAmbiguousFailure(new NetworkError('r', 'ECONNRESET'))).toBe(true);
    expect(isAmbiguousFailure(new ApiError('A', 'InternalError', 'm', 'r', 500))).toBe(true);
    expect(isAmbiguousFailure(new ApiError('A', 'HTTP502', 'm', undefined, 502))).toBe(true);
    expect(isAmbiguousFailure(new NetworkError('c', 'ECONNREFUSED'))).toBe(false);
    expect(isAmbiguousFailure(new NetworkError('d', 'ENOTFOUND'))).toBe(false);
    expect(isAmbiguousFailure(new ApiError('A', 'Throttling.User', 'm', 'r', 400))).toBe(false);
    expect(isAmbiguousFailure(new ApiError('A', 'TrailAlreadyExistsException', 'm', 'r', 400))).toBe(false);
    const later = new ApiError('CreateTrail', 'TrailAlreadyExistsException', 'm', 'r', 400);
    expect(mayHaveTakenEffect(later)).toBe(false);
    later.ambiguousEarlierAttempt = true;
    expect(mayHaveTakenEffect(later)).toBe(true);
  });
});
