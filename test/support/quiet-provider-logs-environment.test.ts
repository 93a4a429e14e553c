import { spawnSync } from 'child_process';
import * as path from 'path';
import { PROVIDER_LOG_LINE } from './quiet-provider-logs-environment';
import { tempDir } from './temp';

const root = path.resolve(__dirname, '..', '..');

/** Runs jest, with the environment of jest.config.js, on quiet-provider-logs.probe.ts alone; returns its output. */
function runProbe(env: Record<string, string> = {}): { status: number | null; output: string } {
  // The environment and transform of `npm test`, so this checks what npm test runs.
  const base = jest.requireActual<{ testEnvironment: string; transform: unknown }>('../../jest.config.js');
  const config = {
    rootDir: root,
    roots: ['<rootDir>/test/support'],
    testMatch: ['**/quiet-provider-logs.probe.ts'],
    testEnvironment: base.testEnvironment,
    transform: base.transform,
    moduleFileExtensions: ['ts', 'js', 'json'],
  };
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--config',
      JSON.stringify(config),
      '--ci',
      '--colors=false',
      '--cacheDirectory',
      tempDir('quiet-provider-logs-jest-cache-'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SHOW_PROVIDER_LOGS: '', FORCE_COLOR: '0', ...env },
      timeout: 120_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the test environment of npm test (the provider's log lines)", () => {
  test('matches the lines the provider writes and nothing else', () => {
    expect(PROVIDER_LOG_LINE.test('{"level":"info","msg":"request received","requestType":"Create"}')).toBe(true);
    expect(PROVIDER_LOG_LINE.test('{"level":"error","msg":"request failed"}')).toBe(true);
    expect(PROVIDER_LOG_LINE.test('{"msg":"x","level":"info"}')).toBe(false);
    expect(PROVIDER_LOG_LINE.test('level: info')).toBe(false);
  });

  test("holds a passing test's lines, prints a failing test's under its name, lets other lines and spies through", () => {
    const { status, output } = runProbe();
    expect(status).toBe(1);
    expect(output).toContain('✕ fails');
    expect(output).toContain('✓ a spy records provider lines');
    expect(output).toContain('a plain line passes through');
    expect(output).not.toContain('held, then dropped');
    expect(output).not.toContain('seen by the spy"}\n');
    expect(output).toMatch(
      /provider log of the failed test "probe fails" \(2 lines\):\n\s*\{"level":"warn","msg":"held, then shown: the test failed"\}\n\s*\{"level":"error","msg":"also shown"\}/,
    );
  }, 120_000);

  test('SHOW_PROVIDER_LOGS=1 prints every line as it comes', () => {
    const { output } = runProbe({ SHOW_PROVIDER_LOGS: '1' });
    expect(output).toContain('held, then dropped');
    expect(output).toContain('seen by the spy');
    expect(output).not.toContain('provider log of the failed test');
  }, 120_000);
});
