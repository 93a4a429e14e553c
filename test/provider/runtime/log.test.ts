/**
 * runtime/log.ts: the operator log, one redacted JSON object per line.
 */
import { createLogger } from '../../../lib/provider/runtime/log';
import { REDACTED, Redactor } from '../../../lib/shared/redact';

describe('createLogger', () => {
  const secret = 'SuperSecretValue-1234567890';
  const sinks = (): {
    sink: { log: (l: string) => void; warn: (l: string) => void; error: (l: string) => void };
    out: Record<string, string[]>;
  } => {
    const out: Record<string, string[]> = { log: [], warn: [], error: [] };
    return {
      out,
      sink: { log: (l) => out.log.push(l), warn: (l) => out.warn.push(l), error: (l) => out.error.push(l) },
    };
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
