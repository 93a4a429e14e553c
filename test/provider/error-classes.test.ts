/**
 * How each failure is classed: retried at once, failed fast, or possibly
 * applied by the API (then the provider must look before it answers).
 */
import { ApiError, NetworkError, isAmbiguousFailure, isRetryable } from '../../lib/provider/runtime/errors';

const apiError = (status: number, code = 'InvalidParameter'): ApiError => new ApiError('CreateTrail', code, 'message', 'req-1', status);

describe('isRetryable for network errors', () => {
  test.each(['ENOTFOUND', 'EAI_AGAIN', 'EINVALIDURL', 'ERR_INVALID_URL', 'EPROTO', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    '%s fails fast: a retry cannot help',
    (code) => {
      expect(isRetryable(new NetworkError('failed', code))).toBe(false);
    },
  );

  test.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EEMPTYANSWER'])('%s is retried', (code) => {
    expect(isRetryable(new NetworkError('failed', code))).toBe(true);
  });
});

describe('isAmbiguousFailure', () => {
  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EINVALIDURL', 'ERR_INVALID_URL'])('%s proves the request was never sent', (code) => {
    expect(isAmbiguousFailure(new NetworkError('failed', code))).toBe(false);
  });

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
