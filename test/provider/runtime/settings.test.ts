/**
 * runtime/settings.ts: the environment variables, the budget capped by the
 * function timeout, the deadlines of one invocation and the endpoint, with exact
 * expected values.
 */
import {
  RESPONSE_RESERVE_MS,
  invocationDeadlines,
  readSettings,
  resolveEndpoint,
  resolveRosEndpoint,
  DEFAULT_RETRY_BUDGET_MS,
  MIN_RETRY_BUDGET_MS,
  SAFETY_MARGIN_MS,
} from '../../../lib/provider/runtime/settings';

describe('readSettings', () => {
  test('every variable is read; numbers are floored', () => {
    expect(
      readSettings({
        ACTIONTRAIL_ENDPOINT: 'http://127.0.0.1:1234',
        ACTIONTRAIL_RETRY_BUDGET_MS: '90000.9',
        ACTIONTRAIL_CLEANUP_RESERVE_MS: '3000.5',
        ACTIONTRAIL_RETRY_BASE_MS: '7.9',
        ACTIONTRAIL_RETRY_MAX_MS: '70',
        ACTIONTRAIL_REQUEST_TIMEOUT_MS: '700',
        ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '7000',
        RESPONSE_URL_ALLOWED_HOSTS: 'A.example',
      }),
    ).toEqual({
      endpointOverride: 'http://127.0.0.1:1234',
      retryBudgetMs: 90_000,
      cleanupReserveMs: 3000,
      retryBaseMs: 7,
      retryMaxMs: 70,
      requestTimeoutMs: 700,
      consistencyWindowMs: 7000,
      responseUrlHosts: ['a.example'],
    });
  });

  test('a number that is not positive and finite falls back to the default', () => {
    for (const raw of ['0', '-5', 'Infinity', 'abc', '', ' ']) {
      expect(readSettings({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: raw }).requestTimeoutMs).toBe(15_000);
    }
    expect(readSettings({ ACTIONTRAIL_REQUEST_TIMEOUT_MS: '0.5' }).requestTimeoutMs).toBe(0);
  });

  test('an empty ACTIONTRAIL_ENDPOINT is no override', () => {
    expect(readSettings({ ACTIONTRAIL_ENDPOINT: '' }).endpointOverride).toBeUndefined();
  });

  test('the allowed hosts: trimmed, lower-cased, blanks dropped; none at all is the default rule', () => {
    expect(readSettings({ RESPONSE_URL_ALLOWED_HOSTS: ' , ,' }).responseUrlHosts).toBeUndefined();
    expect(readSettings({ RESPONSE_URL_ALLOWED_HOSTS: '' }).responseUrlHosts).toBeUndefined();
    expect(readSettings({ RESPONSE_URL_ALLOWED_HOSTS: 'one' }).responseUrlHosts).toEqual(['one']);
  });

  test('the function timeout caps the budget only when it is a positive number of seconds (fractions of a millisecond dropped)', () => {
    expect(readSettings({}, 0).retryBudgetMs).toBe(240_000);
    expect(readSettings({}, -60).retryBudgetMs).toBe(240_000);
    expect(readSettings({}, '60' as unknown as number).retryBudgetMs).toBe(240_000);
    expect(readSettings({}, 60.0009).retryBudgetMs).toBe(25_000);
  });
});

describe('invocationDeadlines', () => {
  const settings = readSettings({ ACTIONTRAIL_RETRY_BUDGET_MS: '100000', ACTIONTRAIL_CLEANUP_RESERVE_MS: '20000' });
  const entry = 1_000_000;

  test('without a usable function timeout, the answer always gets the full reserve', () => {
    const late = () => entry + 10_000_000;
    expect(invocationDeadlines(entry, settings, undefined, late).answer().remaining()).toBe(RESPONSE_RESERVE_MS);
    expect(invocationDeadlines(entry, settings, 0, late).answer().remaining()).toBe(RESPONSE_RESERVE_MS);
    expect(
      invocationDeadlines(entry, settings, '1' as unknown as number, late)
        .answer()
        .remaining(),
    ).toBe(RESPONSE_RESERVE_MS);
  });

  test('the answer deadline is made when asked for, from the clock at that time', () => {
    let clock = entry;
    const d = invocationDeadlines(entry, settings, 300, () => clock);
    clock = entry + 50_000;
    const answer = d.answer();
    expect(answer.at).toBe(entry + 50_000 + RESPONSE_RESERVE_MS);
    // ... and ends 1 s before the function does.
    clock = entry + 295_000;
    expect(d.answer().at).toBe(entry + 299_000);
    expect(d.api.at).toBe(entry + 80_000);
    expect(d.cleanup.at).toBe(entry + 100_000);
  });
});

describe('resolveRosEndpoint: the ROS_ENDPOINT test seam', () => {
  test('unset: ROS public endpoint; set: scheme, host and port of the override', () => {
    expect(resolveRosEndpoint(undefined)).toBe('https://ros.aliyuncs.com');
    expect(resolveRosEndpoint('')).toBe('https://ros.aliyuncs.com');
    expect(resolveRosEndpoint('https://ros.example.com:8443/x?y=1')).toBe('https://ros.example.com:8443');
    expect(resolveRosEndpoint('http://127.0.0.1:9000/p')).toBe('http://127.0.0.1:9000');
    expect(resolveRosEndpoint('http://localhost:9000')).toBe('http://localhost:9000');
    expect(resolveRosEndpoint('http://[::1]:9000')).toBe('http://[::1]:9000');
  });

  test('http only to a loopback address, and it must be a URL: the errors name ROS_ENDPOINT', () => {
    for (const url of ['http://10.0.0.1', 'http://ros.aliyuncs.com', 'ftp://127.0.0.1'])
      expect(() => resolveRosEndpoint(url)).toThrow(
        new Error('ROS_ENDPOINT must be https://, or http:// to a loopback address'),
      );
    expect(() => resolveRosEndpoint('127.0.0.1:9000')).toThrow(new Error('ROS_ENDPOINT is not a URL'));
  });

  test('read from the environment; empty means unset', () => {
    expect(readSettings({ ROS_ENDPOINT: 'http://127.0.0.1:1' }).rosEndpointOverride).toBe('http://127.0.0.1:1');
    expect(readSettings({ ROS_ENDPOINT: '' }).rosEndpointOverride).toBeUndefined();
    expect(readSettings({}).rosEndpointOverride).toBeUndefined();
  });
});

describe('resolveEndpoint', () => {
  test('an override is reduced to scheme, host and port', () => {
    expect(resolveEndpoint('https://actiontrail.example.com:8443/some/path?q=1', 'cn-hangzhou')).toBe(
      'https://actiontrail.example.com:8443',
    );
  });

  test('http only to a loopback address: 127.0.0.1, localhost or [::1]', () => {
    expect(resolveEndpoint('http://127.0.0.1:9000', 'x')).toBe('http://127.0.0.1:9000');
    expect(resolveEndpoint('http://localhost:9000/p', 'x')).toBe('http://localhost:9000');
    expect(resolveEndpoint('http://[::1]:9000/p', 'x')).toBe('http://[::1]:9000');
    for (const url of [
      'http://10.0.0.1',
      'http://127.0.0.2',
      'http://example.com',
      'ftp://127.0.0.1',
      'ws://localhost',
    ]) {
      expect(() => resolveEndpoint(url, 'x')).toThrow(
        new Error('ACTIONTRAIL_ENDPOINT must be https://, or http:// to a loopback address'),
      );
    }
  });

  test('an override that is not a URL is refused (a host and port without a scheme is either not a URL or a scheme that is not https)', () => {
    expect(() => resolveEndpoint('localhost:9000', 'x')).toThrow(
      new Error('ACTIONTRAIL_ENDPOINT must be https://, or http:// to a loopback address'),
    );
    expect(() => resolveEndpoint('127.0.0.1:9000', 'x')).toThrow(new Error('ACTIONTRAIL_ENDPOINT is not a URL'));
    let err: unknown;
    try {
      resolveEndpoint('//nothing', 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: 'ProviderError', message: 'ACTIONTRAIL_ENDPOINT is not a URL' });
  });

  test('the regional endpoint needs a region ID, by the one rule synth and the CLI use too', () => {
    expect(resolveEndpoint(undefined, 'ap-southeast-1')).toBe('https://actiontrail.ap-southeast-1.aliyuncs.com');
    expect(resolveEndpoint('', 'cn-shanghai-finance-1')).toBe('https://actiontrail.cn-shanghai-finance-1.aliyuncs.com');
    for (const region of [
      '',
      'a',
      'cn-1',
      'CN-hangzhou',
      'cn-hangzhou/x',
      'x/cn-hangzhou',
      'cn hangzhou',
      'evil.com',
    ]) {
      expect(() => resolveEndpoint(undefined, region)).toThrow(
        new Error(`invalid region ${JSON.stringify(region)} (no RegionId in the request or region in the context)`),
      );
    }
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
    expect(readSettings({ RESPONSE_URL_ALLOWED_HOSTS: ' 127.0.0.1, ROS.example.com ,' }).responseUrlHosts).toEqual([
      '127.0.0.1',
      'ros.example.com',
    ]);
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
    const settings = readSettings(
      { ACTIONTRAIL_RETRY_BUDGET_MS: '100000', ACTIONTRAIL_CLEANUP_RESERVE_MS: '20000' },
      300,
    );
    const clock = () => 1_000_000 + 5_000; // 5 s after entry
    const d = invocationDeadlines(1_000_000, settings, 300, clock);
    expect(d.api.remaining()).toBe(75_000);
    expect(d.cleanup.remaining()).toBe(95_000);
    // The answer gets RESPONSE_RESERVE_MS, but never past the function's end.
    expect(
      invocationDeadlines(1_000_000, settings, 300, () => 1_000_000 + 290_000)
        .answer()
        .remaining(),
    ).toBe(9_000);
    expect(invocationDeadlines(1_000_000, settings, 300, clock).answer().remaining()).toBe(RESPONSE_RESERVE_MS);
  });

  test('endpoints: regional by default; overrides only https or loopback http', () => {
    expect(resolveEndpoint(undefined, 'cn-hangzhou')).toBe('https://actiontrail.cn-hangzhou.aliyuncs.com');
    expect(resolveEndpoint('http://127.0.0.1:8080/path', 'x')).toBe('http://127.0.0.1:8080');
    expect(resolveEndpoint('https://actiontrail-vpc.cn-hangzhou.aliyuncs.com', 'x')).toBe(
      'https://actiontrail-vpc.cn-hangzhou.aliyuncs.com',
    );
    expect(() => resolveEndpoint('http://10.0.0.1', 'x')).toThrow('loopback');
    expect(() => resolveEndpoint(undefined, 'evil.com/')).toThrow('invalid region');
  });
});
