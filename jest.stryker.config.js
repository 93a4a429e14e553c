/**
 * The jest configuration Stryker runs (stryker.conf.json). It is the normal
 * one minus the tests that check sources or the committed bundle against each
 * other: under Stryker the sources are instrumented, so "the committed bundle
 * is up to date" cannot hold there. Those tests still run in `npm test` and CI.
 */
const base = require('./jest.config');

/** Test files that compare sources with the generated bundle. */
const SOURCE_CHECKS = ['<rootDir>/test/provider/bundle.test.ts', '<rootDir>/test/provider/sources.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...SOURCE_CHECKS],
};
