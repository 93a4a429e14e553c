/**
 * Unit tests of the provider's pure parts: properties, UpdateTrail parameters,
 * retry/backoff, settings and the action list.
 */
import { ACTIONTRAIL_ACTIONS } from '../../lib/provider/runtime/actions';
import { ApiError, NetworkError, isAmbiguousFailure, isRetryable, mayHaveTakenEffect } from '../../lib/provider/runtime/errors';
import { changedSettings, parseTrailProperties, readPreviousProperties, updateTrailParams } from '../../lib/provider/runtime/properties';
import { Deadline, backoffDelay, withRetries } from '../../lib/provider/runtime/retry';
import {
  DEFAULT_RETRY_BUDGET_MS,
  MIN_RETRY_BUDGET_MS,
  RESPONSE_RESERVE_MS,
  SAFETY_MARGIN_MS,
  invocationDeadlines,
  readSettings,
  resolveEndpoint,
} from '../../lib/provider/runtime/settings';
import { MC_PROJECT_ARN, trailProps } from './harness';

describe('ACTIONTRAIL_ACTIONS', () => {
  test('is the RAM form of every operation the provider calls', () => {
    expect(ACTIONTRAIL_ACTIONS).toEqual([
      'actiontrail:CreateTrail',
      'actiontrail:UpdateTrail',
      'actiontrail:DeleteTrail',
      'actiontrail:StartLogging',
      'actiontrail:StopLogging',
      'actiontrail:DescribeTrails',
    ]);
    expect(Object.isFrozen(ACTIONTRAIL_ACTIONS)).toBe(true);
  });
});

describe('parseTrailProperties', () => {
  test('reads booleans given as strings or booleans, with defaults', () => {
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: 'true', Logging: 'false' }))).toMatchObject({ isOrganizationTrail: true, logging: false });
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: true, Logging: false }))).toMatchObject({ isOrganizationTrail: true, logging: false });
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: undefined, Logging: undefined }))).toMatchObject({ isOrganizationTrail: false, logging: true });
  });

  test('keeps only known settings, drops empty strings and normalizes region lists', () => {
    const config = parseTrailProperties(trailProps({ TrailRegion: ' cn-hangzhou ,cn-shanghai', OssBucketName: '', ServiceToken: 'x' }));
    expect(config).toEqual({
      name: 'audit_all',
      isOrganizationTrail: false,
      logging: true,
      settings: { EventRW: 'All', TrailRegion: 'cn-hangzhou,cn-shanghai', MaxComputeProjectArn: MC_PROJECT_ARN },
    });
  });

  test('reports every problem at once', () => {
    expect(() => parseTrailProperties({ Name: 'X', EventRW: 1 })).toThrow(
      /Name "X" must be .*; EventRW must be a string, got number; EventRW is required.*; TrailRegion is required.*; at least one destination is required/,
    );
    expect(() => parseTrailProperties('nope')).toThrow('ResourceProperties must be an object');
  });

  test('reads previous properties leniently', () => {
    expect(readPreviousProperties(undefined)).toEqual({ name: undefined, isOrganizationTrail: false, logging: true, settings: {} });
    expect(readPreviousProperties({ Name: 'Old', EventRW: 'whatever', Logging: 'maybe' })).toEqual({
      name: 'Old',
      isOrganizationTrail: false,
      logging: true,
      settings: { EventRW: 'whatever' },
    });
  });
});

describe('updateTrailParams / changedSettings', () => {
  test('sends the desired settings and "" for each removed one', () => {
    expect(updateTrailParams('t', { EventRW: 'All', OssBucketName: 'b', OssKeyPrefix: 'prefix1' }, { EventRW: 'Write', SlsProjectArn: 'arn' })).toEqual({
      Name: 't',
      EventRW: 'Write',
      SlsProjectArn: 'arn',
      OssBucketName: '',
      OssKeyPrefix: '',
    });
  });

  test('does not clear what `keep` protects', () => {
    expect(updateTrailParams('t', { SlsWriteRoleArn: 'default' }, { EventRW: 'All' }, (f) => f === 'SlsWriteRoleArn')).toEqual({ Name: 't', EventRW: 'All' });
  });

  test('region lists compare as sets', () => {
    expect(changedSettings({ TrailRegion: 'a-1,b-2' }, { TrailRegion: 'b-2,a-1' })).toEqual([]);
    expect(changedSettings({ TrailRegion: 'a-1' }, { TrailRegion: 'All' })).toEqual(['TrailRegion']);
    expect(changedSettings({ OssBucketName: 'x' }, {})).toEqual(['OssBucketName']);
  });
});

describe('retries', () => {
  test('backoff doubles, is capped, and jitters within the upper half of each step', () => {
    expect(backoffDelay(1, 100, 1000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 1000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(200);
    expect(backoffDelay(10, 100, 1000, () => 1)).toBe(1000);
  });

  test('retryable errors are throttling, ServiceUnavailable, 5xx and network errors', () => {
    expect(isRetryable(new ApiError('A', 'Throttling.User', 'm', 'r', 400))).toBe(true);
    expect(isRetryable(new ApiError('A', 'Throttling', 'm', 'r', 429))).toBe(true);
    expect(isRetryable(new ApiError('A', 'ServiceUnavailable', 'm', 'r', 503))).toBe(true);
    expect(isRetryable(new ApiError('A', 'InternalError', 'm', 'r', 500))).toBe(true);
    expect(isRetryable(new ApiError('A', 'TrailNotFoundException', 'm', 'r', 404))).toBe(false);
    expect(isRetryable(new ApiError('A', 'InvalidParameter', 'm', 'r', 400))).toBe(false);
    expect(isRetryable(new NetworkError('reset', 'ECONNRESET'))).toBe(true);
    expect(isRetryable(new Error('bug'))).toBe(false);
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

  test('withRetries stops before a wait would pass the deadline and records the attempts', async () => {
    let now = 0;
    const deadline = new Deadline(1000, () => now);
    const waits: number[] = [];
    const error = new ApiError('A', 'Throttling.User', 'm', 'r', 400);
    await expect(
      withRetries(
        async () => {
          throw error;
        },
        { deadline, baseDelayMs: 100, maxDelayMs: 400, isRetryable, random: () => 0, sleep: async (ms) => void (waits.push(ms), (now += ms)) },
      ),
    ).rejects.toBe(error);
    expect(waits).toEqual([50, 100, 200, 200, 200, 200]); // 950 ms; the next 200 ms would pass 1000
    expect(error.attempts).toBe(7);
  });

  test('withRetries returns the first success', async () => {
    let calls = 0;
    const result = await withRetries(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new NetworkError('x', 'ECONNRESET');
        return 'ok';
      },
      { deadline: Deadline.in(10_000), baseDelayMs: 1, maxDelayMs: 1, isRetryable },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('settings', () => {
  test('defaults, and the budget capped by the function timeout', () => {
    expect(readSettings({})).toEqual({
      endpointOverride: undefined,
      retryBudgetMs: DEFAULT_RETRY_BUDGET_MS,
      cleanupReserveMs: 20_000,
      retryBaseMs: 500,
      retryMaxMs: 20_000,
      requestTimeoutMs: 15_000,
    });
    // Was 100_000 (timeout - answer reserve): that encoded the defect of no safety margin; now also - 15 s.
    expect(readSettings({}, 120).retryBudgetMs).toBe(85_000);
    expect(readSettings({ ACTIONTRAIL_RETRY_BUDGET_MS: '5', ACTIONTRAIL_RETRY_BASE_MS: 'x' }).retryBudgetMs).toBe(5);
    expect(readSettings({ ACTIONTRAIL_RETRY_BASE_MS: '-1' }).retryBaseMs).toBe(500);
  });

  test('the budget never exceeds the function timeout minus the answer reserve and a safety margin, and never drops below a minimum', () => {
    expect(RESPONSE_RESERVE_MS + SAFETY_MARGIN_MS).toBe(35_000);
    expect(readSettings({}, 300).retryBudgetMs).toBe(240_000); // 300 - 20 - 15 = 265 s > the 240 s default
    expect(readSettings({ ACTIONTRAIL_RETRY_BUDGET_MS: '600000' }, 300).retryBudgetMs).toBe(265_000);
    expect(readSettings({}, 60).retryBudgetMs).toBe(25_000);
    expect(readSettings({}, 30).retryBudgetMs).toBe(MIN_RETRY_BUDGET_MS);
    expect(readSettings({}, 1).retryBudgetMs).toBe(MIN_RETRY_BUDGET_MS);
  });

  test('the cleanup reserve comes out of the budget, at most half of it, and is configurable', () => {
    expect(readSettings({ ACTIONTRAIL_CLEANUP_RESERVE_MS: '5000' }).cleanupReserveMs).toBe(5_000);
    expect(readSettings({ ACTIONTRAIL_RETRY_BUDGET_MS: '1000' }).cleanupReserveMs).toBe(500);
    expect(readSettings({}, 60).cleanupReserveMs).toBe(12_500);
  });

  test('all deadlines count from handler entry, not from when the API client is built', () => {
    const settings = readSettings({ ACTIONTRAIL_RETRY_BUDGET_MS: '100000', ACTIONTRAIL_CLEANUP_RESERVE_MS: '20000' }, 300);
    const clock = () => 1_000_000 + 5_000; // 5 s after entry
    const d = invocationDeadlines(1_000_000, settings, 300, clock);
    expect(d.api.remaining()).toBe(75_000);
    expect(d.cleanup.remaining()).toBe(95_000);
    // The answer gets RESPONSE_RESERVE_MS, but never past the function's end.
    expect(invocationDeadlines(1_000_000, settings, 300, () => 1_000_000 + 290_000).answer().remaining()).toBe(9_000);
    expect(invocationDeadlines(1_000_000, settings, 300, clock).answer().remaining()).toBe(RESPONSE_RESERVE_MS);
  });

  test('endpoints: regional by default; overrides only https or loopback http', () => {
    expect(resolveEndpoint(undefined, 'cn-hangzhou')).toBe('https://actiontrail.cn-hangzhou.aliyuncs.com');
    expect(resolveEndpoint('http://127.0.0.1:8080/path', 'x')).toBe('http://127.0.0.1:8080');
    expect(resolveEndpoint('https://actiontrail-vpc.cn-hangzhou.aliyuncs.com', 'x')).toBe('https://actiontrail-vpc.cn-hangzhou.aliyuncs.com');
    expect(() => resolveEndpoint('http://10.0.0.1', 'x')).toThrow('loopback');
    expect(() => resolveEndpoint(undefined, 'evil.com/')).toThrow('invalid region');
  });
});
