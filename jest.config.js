/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The library's tests, and the CLI package's (cli/, an npm workspace).
  roots: ['<rootDir>/test', '<rootDir>/cli/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 20000,
  // Jest's default on a 2-core machine is one worker; the suite's slow files wait on
  // loopback I/O, so two workers cut the wall time by about a third (docs/benchmarks.md).
  maxWorkers: 2,
};
