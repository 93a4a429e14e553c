/**
 * The provider's settings (`runtime/settings.ts`), the checks of a request
 * before anything is called (`runtime/request.ts`) and the operator log
 * (`runtime/log.ts`), with exact expected values.
 */
import { createLogger } from '../../lib/provider/runtime/log';
import { REDACTED, Redactor } from '../../lib/shared/redact';
import { REQUEST_TYPES, requestTypeOf } from '../../lib/provider/runtime/custom-resource/request';
import { DEFAULT_RESPONSE_HOST_SUFFIX, answerTargets } from '../../lib/provider/runtime/custom-resource/targets';
import { RESPONSE_RESERVE_MS, invocationDeadlines, readSettings, resolveEndpoint } from '../../lib/provider/runtime/settings';

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
    expect(invocationDeadlines(entry, settings, '1' as unknown as number, late).answer().remaining()).toBe(RESPONSE_RESERVE_MS);
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

describe('resolveEndpoint', () => {
  test('an override is reduced to scheme, host and port', () => {
    expect(resolveEndpoint('https://actiontrail.example.com:8443/some/path?q=1', 'cn-hangzhou')).toBe('https://actiontrail.example.com:8443');
  });

  test('http only to a loopback address: 127.0.0.1, localhost or [::1]', () => {
    expect(resolveEndpoint('http://127.0.0.1:9000', 'x')).toBe('http://127.0.0.1:9000');
    expect(resolveEndpoint('http://localhost:9000/p', 'x')).toBe('http://localhost:9000');
    expect(resolveEndpoint('http://[::1]:9000/p', 'x')).toBe('http://[::1]:9000');
    for (const url of ['http://10.0.0.1', 'http://127.0.0.2', 'http://example.com', 'ftp://127.0.0.1', 'ws://localhost']) {
      expect(() => resolveEndpoint(url, 'x')).toThrow(new Error('ACTIONTRAIL_ENDPOINT must be https://, or http:// to a loopback address'));
    }
  });

  test('an override that is not a URL is refused (a host and port without a scheme is either not a URL or a scheme that is not https)', () => {
    expect(() => resolveEndpoint('localhost:9000', 'x')).toThrow(new Error('ACTIONTRAIL_ENDPOINT must be https://, or http:// to a loopback address'));
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
    for (const region of ['', 'a', 'cn-1', 'CN-hangzhou', 'cn-hangzhou/x', 'x/cn-hangzhou', 'cn hangzhou', 'evil.com']) {
      expect(() => resolveEndpoint(undefined, region)).toThrow(
        new Error(`invalid region ${JSON.stringify(region)} (no RegionId in the request or region in the context)`),
      );
    }
  });
});

describe('answerTargets', () => {
  const ros = 'https://ros.cn-hangzhou.aliyuncs.com/response?Signature=s';

  test('the default rule: https on a host under .aliyuncs.com; the ResponseURL first', () => {
    expect(DEFAULT_RESPONSE_HOST_SUFFIX).toBe('.aliyuncs.com');
    const intranet = 'https://ros-vpc.cn-hangzhou.ALIYUNCS.com/response';
    expect(answerTargets({ ResponseURL: ros, IntranetResponseURL: intranet })).toEqual({ urls: [ros, intranet], refused: [] });
  });

  test('missing, null and empty URLs are skipped, not refused', () => {
    expect(answerTargets({})).toEqual({ urls: [], refused: [] });
    expect(answerTargets({ ResponseURL: null, IntranetResponseURL: '' })).toEqual({ urls: [], refused: [] });
    expect(answerTargets({ ResponseURL: undefined, IntranetResponseURL: ros })).toEqual({ urls: [ros], refused: [] });
  });

  test('each refusal names the field and the reason, with scheme and host but never the query', () => {
    const refused = (url: unknown, allowed?: string[]): string[] => answerTargets({ IntranetResponseURL: url }, allowed).refused;
    expect(refused(42)).toEqual(['IntranetResponseURL is not a string (number)']);
    expect(refused({ url: ros })).toEqual(['IntranetResponseURL is not a string (object)']);
    expect(refused('ros.aliyuncs.com/x')).toEqual(['IntranetResponseURL is not a URL']);
    expect(refused('https://user@ros.aliyuncs.com/x?Signature=s')).toEqual(['IntranetResponseURL "https://ros.aliyuncs.com" carries user info']);
    expect(refused('https://:pw@ros.aliyuncs.com/x')).toEqual(['IntranetResponseURL "https://ros.aliyuncs.com" carries user info']);
    expect(refused('http://ros.aliyuncs.com/x?Signature=s')).toEqual(['IntranetResponseURL "http://ros.aliyuncs.com" must be https']);
    expect(refused('https://evilaliyuncs.com/x')).toEqual(['IntranetResponseURL "https://evilaliyuncs.com" is not on a ROS callback host (*.aliyuncs.com)']);
    expect(refused('https://ros.aliyuncs.com.evil.example:8443/x')).toEqual([
      'IntranetResponseURL "https://ros.aliyuncs.com.evil.example:8443" is not on a ROS callback host (*.aliyuncs.com)',
    ]);
  });

  test('RESPONSE_URL_ALLOWED_HOSTS replaces the rule: listed hosts only, over https or http', () => {
    const allowed = ['127.0.0.1', 'ros.example'];
    expect(answerTargets({ ResponseURL: 'http://127.0.0.1:9/x', IntranetResponseURL: 'https://ROS.example/y' }, allowed)).toEqual({
      urls: ['http://127.0.0.1:9/x', 'https://ROS.example/y'],
      refused: [],
    });
    expect(answerTargets({ ResponseURL: ros, IntranetResponseURL: 'ftp://ros.example/y' }, allowed)).toEqual({
      urls: [],
      refused: [
        'ResponseURL "https://ros.cn-hangzhou.aliyuncs.com" is not on a host listed in RESPONSE_URL_ALLOWED_HOSTS',
        'IntranetResponseURL "ftp://ros.example" must be https (or http on a listed host)',
      ],
    });
  });
});

describe('requestTypeOf', () => {
  test('exactly Create, Update or Delete', () => {
    expect(REQUEST_TYPES).toEqual(['Create', 'Update', 'Delete']);
    for (const t of REQUEST_TYPES) expect(requestTypeOf(t)).toBe(t);
    for (const v of ['create', 'Create ', '', 'Read', 42, undefined, null, ['Create']]) expect(requestTypeOf(v)).toBeUndefined();
  });
});

describe('createLogger', () => {
  const secret = 'SuperSecretValue-1234567890';
  const sinks = (): { sink: { log: (l: string) => void; warn: (l: string) => void; error: (l: string) => void }; out: Record<string, string[]> } => {
    const out: Record<string, string[]> = { log: [], warn: [], error: [] };
    return { out, sink: { log: (l) => out.log.push(l), warn: (l) => out.warn.push(l), error: (l) => out.error.push(l) } };
  };

  test('info, warn and error each go to their own stream as one JSON line with the fields at top level', () => {
    const { sink, out } = sinks();
    const log = createLogger(new Redactor([]), sink);
    log.info('i', { a: 1 });
    log.warn('w', { b: 'two' });
    log.error('e');
    expect(out).toEqual({
      log: ['{"level":"info","msg":"i","a":1}'],
      warn: ['{"level":"warn","msg":"w","b":"two"}'],
      error: ['{"level":"error","msg":"e"}'],
    });
  });

  test('fields that cannot be serialized are replaced, and the line is still redacted', () => {
    const { sink, out } = sinks();
    const log = createLogger(new Redactor([secret]), sink);
    log.warn(`refused for ${secret}`, { size: BigInt(1) });
    expect(out.warn).toEqual([`{"level":"warn","msg":"refused for ${REDACTED}","fields":"unserializable"}`]);
  });

  test('by default, lines go to the console', () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      createLogger(new Redactor([])).info('hello');
      expect(spy.mock.calls).toEqual([['{"level":"info","msg":"hello"}']]);
    } finally {
      spy.mockRestore();
    }
  });
});
