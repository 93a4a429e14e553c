/**
 * runtime/custom-resource/targets.ts: where the answer may go (the ResponseURL
 * rules), and the Reason of a request whose answer may go to one URL but not
 * the other: every refusal is named, one after the other.
 */
import {
  DEFAULT_RESPONSE_HOST_SUFFIX,
  answerTargets,
  notActedOnReason,
} from '../../../../lib/provider/runtime/custom-resource/targets';

describe('answerTargets', () => {
  const ros = 'https://ros.cn-hangzhou.aliyuncs.com/response?Signature=s';

  test('the default rule: https on a host under .aliyuncs.com; the ResponseURL first', () => {
    expect(DEFAULT_RESPONSE_HOST_SUFFIX).toBe('.aliyuncs.com');
    const intranet = 'https://ros-vpc.cn-hangzhou.ALIYUNCS.com/response';
    expect(answerTargets({ ResponseURL: ros, IntranetResponseURL: intranet })).toEqual({
      urls: [ros, intranet],
      refused: [],
    });
  });

  test('missing, null and empty URLs are skipped, not refused', () => {
    expect(answerTargets({})).toEqual({ urls: [], refused: [] });
    expect(answerTargets({ ResponseURL: null, IntranetResponseURL: '' })).toEqual({ urls: [], refused: [] });
    expect(answerTargets({ ResponseURL: undefined, IntranetResponseURL: ros })).toEqual({ urls: [ros], refused: [] });
  });

  test('each refusal names the field and the reason, with scheme and host but never the query', () => {
    const refused = (url: unknown, allowed?: string[]): string[] =>
      answerTargets({ IntranetResponseURL: url }, allowed).refused;
    expect(refused(42)).toEqual(['IntranetResponseURL is not a string (number)']);
    expect(refused({ url: ros })).toEqual(['IntranetResponseURL is not a string (object)']);
    expect(refused('ros.aliyuncs.com/x')).toEqual(['IntranetResponseURL is not a URL']);
    expect(refused('https://user@ros.aliyuncs.com/x?Signature=s')).toEqual([
      'IntranetResponseURL "https://ros.aliyuncs.com" carries user info',
    ]);
    expect(refused('https://:pw@ros.aliyuncs.com/x')).toEqual([
      'IntranetResponseURL "https://ros.aliyuncs.com" carries user info',
    ]);
    expect(refused('http://ros.aliyuncs.com/x?Signature=s')).toEqual([
      'IntranetResponseURL "http://ros.aliyuncs.com" must be https',
    ]);
    expect(refused('https://evilaliyuncs.com/x')).toEqual([
      'IntranetResponseURL "https://evilaliyuncs.com" is not on a ROS callback host (*.aliyuncs.com)',
    ]);
    expect(refused('https://ros.aliyuncs.com.evil.example:8443/x')).toEqual([
      'IntranetResponseURL "https://ros.aliyuncs.com.evil.example:8443" is not on a ROS callback host (*.aliyuncs.com)',
    ]);
  });

  test('RESPONSE_URL_ALLOWED_HOSTS replaces the rule: listed hosts only, over https or http', () => {
    const allowed = ['127.0.0.1', 'ros.example'];
    expect(
      answerTargets({ ResponseURL: 'http://127.0.0.1:9/x', IntranetResponseURL: 'https://ROS.example/y' }, allowed),
    ).toEqual({
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

describe('notActedOnReason', () => {
  test('names one refused URL and why', () => {
    expect(notActedOnReason(['ResponseURL "http://x" must be https'])).toBe(
      'the request was not acted on: ResponseURL "http://x" must be https',
    );
  });

  test('separates several refusals with "; " in the order answerTargets found them', () => {
    const { refused } = answerTargets({
      ResponseURL: 'ftp://127.0.0.1/a',
      IntranetResponseURL: 'https://evil.example.com/b',
    });
    expect(notActedOnReason(refused)).toBe(
      'the request was not acted on: ResponseURL "ftp://127.0.0.1" must be https; IntranetResponseURL "https://evil.example.com" is not on a ROS callback host (*.aliyuncs.com)',
    );
  });
});

describe('request checks', () => {
  test('ResponseURLs: https on *.aliyuncs.com by default; the allowed-hosts list replaces that rule', () => {
    const ok = 'https://ros-callback.cn-hangzhou.aliyuncs.com/x?Signature=s';
    expect(answerTargets({ ResponseURL: ok }).urls).toEqual([ok]);
    expect(answerTargets({ ResponseURL: 'http://ros.cn-hangzhou.aliyuncs.com/x' }).refused[0]).toContain(
      'must be https',
    );
    expect(answerTargets({ ResponseURL: 'https://aliyuncs.com.evil.example/x' }).refused[0]).toContain(
      'is not on a ROS callback host',
    );
    expect(answerTargets({ ResponseURL: 'https://user:pw@ros.aliyuncs.com/x' }).refused[0]).toContain('user info');
    expect(answerTargets({ ResponseURL: 'file:///etc/passwd', IntranetResponseURL: 42 }).refused).toHaveLength(2);
    expect(answerTargets({ ResponseURL: 'http://127.0.0.1:9/x' }, ['127.0.0.1']).urls).toHaveLength(1);
    expect(answerTargets({ ResponseURL: ok }, ['127.0.0.1']).urls).toEqual([]);
  });
});
