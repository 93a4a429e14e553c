/**
 * `npm run test:slow`: the suites too slow for `npm test` (which stays under a
 * minute on a 2-core machine). CI (.ci/run) runs both.
 *
 * - fault-schedules: 200 seeded fault schedules against the bundled provider,
 *   with real request timeouts and slow answers on loopback HTTP (about 20 s
 *   idle, more on a busy machine). Run alone, one file at a time, so that the
 *   timeouts it exercises are not raced by the rest of the suite.
 */
const SLOW_TESTS = ['<rootDir>/test/provider/fault-schedules.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: SLOW_TESTS,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 600000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
// For jest.config.js, which leaves these out; not enumerable, so jest does not read it as an option.
Object.defineProperty(module.exports, 'SLOW_TESTS', { value: SLOW_TESTS, enumerable: false });
