/**
 * Run by quiet-provider-logs-environment.test.ts in a child jest, never by
 * `npm test` (it does not match `*.test.ts`): provider lines in a passing and
 * a failing test, a plain line, and a spy that must see a provider line.
 */
describe('probe', () => {
  test('passes', () => {
    console.log('{"level":"info","msg":"held, then dropped: the test passed"}');
    console.log('a plain line passes through');
  });

  test('fails', () => {
    console.warn('{"level":"warn","msg":"held, then shown: the test failed"}');
    console.error('{"level":"error","msg":"also shown"}');
    expect('the probe fails on purpose').toBe('');
  });

  test('a spy records provider lines', () => {
    const spy = jest.spyOn(console, 'log');
    console.log('{"level":"info","msg":"seen by the spy"}');
    expect(spy.mock.calls).toEqual([['{"level":"info","msg":"seen by the spy"}']]);
    spy.mockRestore();
  });
});
