/**
 * `npm test`: every test except the slow suites (jest.slow.config.js,
 * `npm run test:slow`; CI runs both).
 */
const { SLOW_TESTS } = require('./jest.slow.config');

/** @type {import('jest').Config} */
module.exports = {
  // Node's, with the provider's JSON log lines held back unless a test fails (the file says how).
  testEnvironment: '<rootDir>/test/support/quiet-provider-logs-environment.ts',
  // The library's tests, and the CLI package's (cli/, an npm workspace).
  roots: ['<rootDir>/test', '<rootDir>/cli/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...SLOW_TESTS],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The examples import the package by name, as a user's app does: here it is this repository's source.
  moduleNameMapper: {
    '^actiontrail-cdk$': '<rootDir>/lib/index.ts',
    '^actiontrail-cdk/alerts$': '<rootDir>/lib/alerts/index.ts',
  },
  // Generous: no test here checks its own duration through this timeout (the tests of
  // deadlines measure them), and a busy machine (npm test must pass there too) can take
  // several times as long as an idle one over a file's heaviest test.
  testTimeout: 60000,
  // Jest's default on a 2-core machine is one worker; the suite's slow files wait on
  // loopback I/O, so two workers cut the wall time by about a third (docs/benchmarks.md).
  maxWorkers: 2,
  // The run gets a private temp directory; a test that leaves anything in it fails the run
  // (test/support/temp-dir.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
