/**
 * The jest configuration Stryker runs (stryker.conf.json): the test files under
 * test/provider and test/shared that load the provider's TypeScript sources
 * (the bundle's lib/shared modules included) into the jest process, and only those.
 *
 * - Left out because they cannot kill a mutant: the tests of the constructs,
 *   rules, blueprints and CLI (of the bundle's sources they load at most
 *   lib/shared, whose tests in test/shared run here), and the tests
 *   that run the generated bundle, in a child process (`e2e-lifecycle.test.ts`, `e2e-duplicates.test.ts`)
 *   or in this one (`fault-schedules.test.ts`): the bundle is built from the
 *   unmutated sources before Stryker starts. `provider-l1-parity.test.ts` is a
 *   test of the provider construct (it synthesizes, and runs ROS CDK's own
 *   generated classes), like the construct tests.
 * - Left out because they cannot hold there: the tests that compare the
 *   sources with the committed bundle (`bundle.test.ts`, `sources.test.ts`):
 *   under Stryker the sources are instrumented.
 *
 * Leaving a test out can only lower the score, never raise it. `npm test`,
 * `npm run test:slow` and CI run every test as always.
 *
 * Without the global setup and teardown of jest.config.js (the private temp
 * directory and its leftover check, test/support/temp-dir.ts): Stryker runs
 * the suite many times in its sandbox, and the check belongs to `npm test`.
 */
const base = require('./jest.config');

/**
 * Test files under test/provider that do not load the provider's sources into
 * the jest process, or that compare those sources with the committed bundle.
 */
const NOT_SOURCE_TESTS = [
  'bundle',
  'sources',
  'e2e-lifecycle',
  'e2e-data-events',
  'e2e-duplicates',
  'fault-schedules',
  'provider-l1-parity',
].map((name) => `<rootDir>/test/provider/${name}.test.ts`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/provider/**/*.test.ts', '<rootDir>/test/shared/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...NOT_SOURCE_TESTS],
  globalSetup: undefined,
  globalTeardown: undefined,
  // Node's own: Stryker's jest runner wraps the environment and loads it with a plain
  // require, which cannot load jest.config.js's (TypeScript, a <rootDir> path).
  testEnvironment: 'node',
};
