/**
 * Unit tests of the provider's pure parts: properties, UpdateTrail parameters,
 * retry/backoff, settings and the action list.
 */
import { ACTIONTRAIL_ACTIONS } from '../../lib/shared/provider-contract';
import { ApiError, NetworkError, isAmbiguousFailure, isEventualConsistencyError, isRetryable, mayHaveTakenEffect } from '../../lib/provider/runtime/errors';
import { Ownership, failedCreatePhysicalId, namesNothing } from '../../lib/provider/runtime/ownership';
import { requestTypeOf } from '../../lib/provider/runtime/custom-resource/request';
import { answerTargets } from '../../lib/provider/runtime/custom-resource/targets';
import { changedSettings, parseTrailProperties, readPreviousProperties, updateTrailParams } from '../../lib/provider/runtime/properties';
import { Deadline, backoffDelay, withRetries } from '../../lib/shared/backoff';
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
      'actiontrail:GetTrailStatus',
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
    // HTTP 429 whatever its body (a gateway's text page has no JSON code); an empty 2xx answer.
    expect(isRetryable(new ApiError('A', 'HTTP429', 'text', undefined, 429))).toBe(true);
    expect(isRetryable(new NetworkError('empty', 'EEMPTYANSWER'))).toBe(true);
    // Fail fast: DNS and bad endpoints.
    expect(isRetryable(new NetworkError('dns', 'ENOTFOUND'))).toBe(false);
    expect(isRetryable(new NetworkError('dns', 'EAI_AGAIN'))).toBe(false);
    expect(isRetryable(new NetworkError('url', 'EINVALIDURL'))).toBe(false);
  });

  test('eventual-consistency errors: bucket policy, RAM 403, and not-found only right after a create', () => {
    expect(isEventualConsistencyError(new ApiError('A', 'InsufficientBucketPolicyException', 'm', 'r', 400))).toBe(true);
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
      consistencyWindowMs: 60_000,
      responseUrlHosts: undefined,
    });
    expect(readSettings({ RESPONSE_URL_ALLOWED_HOSTS: ' 127.0.0.1, ROS.example.com ,' }).responseUrlHosts).toEqual(['127.0.0.1', 'ros.example.com']);
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

describe('ownership', () => {
  const env = (declarations: unknown, key = 'k'.repeat(40)) => ({ TRAIL_OWNERSHIP_KEY: key, TRAIL_DECLARATIONS: JSON.stringify(declarations) });

  test('a physical ID binds a name to a logical ID under the key; anything else does not verify', () => {
    const own = Ownership.fromEnv(env({}));
    const id = own.physicalId('AuditTrail', 'audit_all');
    expect(id).toMatch(/^audit_all\.[0-9a-f]{32}$/);
    expect(own.boundName('AuditTrail', id)).toBe('audit_all');
    expect(own.boundName('OtherTrail', id)).toBeUndefined();
    expect(own.boundName('AuditTrail', id.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
    expect(own.boundName('AuditTrail', id.replace('audit_all', 'victim_trl'))).toBeUndefined();
    expect(own.boundName('AuditTrail', 'audit_all')).toBeUndefined();
    expect(Ownership.fromEnv(env({}, 'j'.repeat(40))).boundName('AuditTrail', id)).toBeUndefined();
  });

  test('declarations: validated, looked up by logical ID only', () => {
    const own = Ownership.fromEnv(env({ AuditTrail: trailProps() }));
    expect(own.declared('AuditTrail').name).toBe('audit_all');
    expect(own.declaredName('toString')).toBeUndefined();
    expect(() => own.declared('Other')).toThrow('declares no trail with the logical ID "Other"');
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: 'short', TRAIL_DECLARATIONS: '{}' })).toThrow('TRAIL_OWNERSHIP_KEY of at least 32');
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: 'k'.repeat(40), TRAIL_DECLARATIONS: '[1]' })).toThrow('must be a JSON object');
  });

  test('the failed-Create placeholder names nothing', () => {
    expect(failedCreatePhysicalId('AuditTrail')).toBe('create-failed.AuditTrail');
    expect(namesNothing('create-failed.AuditTrail')).toBe(true);
    expect(namesNothing(undefined)).toBe(true);
    expect(namesNothing('audit_all')).toBe(false);
  });
});

describe('request checks', () => {
  test('ResponseURLs: https on *.aliyuncs.com by default; the allowed-hosts list replaces that rule', () => {
    const ok = 'https://ros-callback.cn-hangzhou.aliyuncs.com/x?Signature=s';
    expect(answerTargets({ ResponseURL: ok }).urls).toEqual([ok]);
    expect(answerTargets({ ResponseURL: 'http://ros.cn-hangzhou.aliyuncs.com/x' }).refused[0]).toContain('must be https');
    expect(answerTargets({ ResponseURL: 'https://aliyuncs.com.evil.example/x' }).refused[0]).toContain('is not on a ROS callback host');
    expect(answerTargets({ ResponseURL: 'https://user:pw@ros.aliyuncs.com/x' }).refused[0]).toContain('user info');
    expect(answerTargets({ ResponseURL: 'file:///etc/passwd', IntranetResponseURL: 42 }).refused).toHaveLength(2);
    expect(answerTargets({ ResponseURL: 'http://127.0.0.1:9/x' }, ['127.0.0.1']).urls).toHaveLength(1);
    expect(answerTargets({ ResponseURL: ok }, ['127.0.0.1']).urls).toEqual([]);
  });

  test('RequestType must be exactly one of the three strings', () => {
    expect(['Create', 'Update', 'Delete'].map(requestTypeOf)).toEqual(['Create', 'Update', 'Delete']);
    for (const v of [['Delete'], 'delete', 'Delete ', { toString: () => 'Delete' }, undefined]) expect(requestTypeOf(v)).toBeUndefined();
  });
});
