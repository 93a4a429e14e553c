/**
 * The Reason of a request whose answer may go to one URL but not the other:
 * every refusal is named, one after the other.
 */
import { answerTargets, notActedOnReason } from '../../lib/provider/runtime/custom-resource/targets';

describe('notActedOnReason', () => {
  test('names one refused URL and why', () => {
    expect(notActedOnReason(['ResponseURL "http://x" must be https'])).toBe('the request was not acted on: ResponseURL "http://x" must be https');
  });

  test('separates several refusals with "; " in the order answerTargets found them', () => {
    const { refused } = answerTargets({ ResponseURL: 'ftp://127.0.0.1/a', IntranetResponseURL: 'https://evil.example.com/b' });
    expect(notActedOnReason(refused)).toBe(
      'the request was not acted on: ResponseURL "ftp://127.0.0.1" must be https; IntranetResponseURL "https://evil.example.com" is not on a ROS callback host (*.aliyuncs.com)',
    );
  });
});
