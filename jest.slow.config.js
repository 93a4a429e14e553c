/**
 * `npm run test:slow`: the suites too slow for `npm test` (which stays under a
 * minute on a 2-core machine). CI (.ci/run) runs both.
 *
 * - fault-schedules: 200 seeded fault schedules against the bundled provider,
 *   with real request timeouts and slow answers on loopback HTTP (about 20 s
 *   idle, more on a busy machine). Run alone, one file at a time, so that the
 *   timeouts it exercises are not raced by the rest of the suite.
 * - the slowest suites of the CLI's bin against the stand-in (each run of the
 *   bin is a fresh Node process; these files start dozens, 9 to 25 s each):
 *   they kept `npm test` over a minute. The other CLI suites stay in it.
 */
const CLI_BIN_SUITES = [
  'commands',
  'synth',
  'status-data-events',
  'status-delivery',
  'preflight',
  'alerts',
  'deploy-parameters',
  'review',
  'json-status-preflight',
  'ergonomics',
  'json-errors',
  'secrets-interrupts',
];

const SLOW_TESTS = [
  '<rootDir>/test/provider/fault-schedules.test.ts',
  ...CLI_BIN_SUITES.map((name) => `<rootDir>/cli/test/${name}.test.ts`),
];

/** @type {import('jest').Config} */
module.exports = {
  // Node's, with the provider's JSON log lines held back unless a test fails (the file says how).
  testEnvironment: '<rootDir>/test/support/quiet-provider-logs-environment.ts',
  roots: ['<rootDir>/test', '<rootDir>/cli/test'],
  testMatch: SLOW_TESTS,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^actiontrail-cdk$': '<rootDir>/lib/index.ts',
    '^actiontrail-cdk/alerts$': '<rootDir>/lib/alerts/index.ts',
  },
  testTimeout: 600000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
// For jest.config.js, which leaves these out; not enumerable, so jest does not read it as an option.
Object.defineProperty(module.exports, 'SLOW_TESTS', { value: SLOW_TESTS, enumerable: false });
