#!/usr/bin/env node
/**
 * `npm run test:live`: the live acceptance suite (test/live/suite.ts), opt in
 * as Terraform's TF_ACC. Without ACTIONTRAIL_CDK_LIVE=1 it prints one line and
 * exits 0, so that it is safe anywhere. With it, it runs against the account
 * of ACTIONTRAIL_CDK_LIVE_PROFILE (or the default credentials), or against
 * ACTIONTRAIL_CDK_ENDPOINT when that is set (CI: the stand-in).
 * docs/testing.md "Live tests" lists the variables.
 */
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

if (process.env.ACTIONTRAIL_CDK_LIVE !== '1') {
  console.log(
    'test:live: skipped: set ACTIONTRAIL_CDK_LIVE=1 (and ACTIONTRAIL_CDK_LIVE_PROFILE) to run it against a real account (docs/testing.md "Live tests")',
  );
  process.exit(0);
}
const root = path.resolve(__dirname, '..');
const run = spawnSync('npx', ['ts-node', '--transpile-only', path.join(root, 'test', 'live', 'main.ts')], {
  cwd: process.cwd(),
  stdio: 'inherit',
  env: { ...process.env, ACTIONTRAIL_CDK_QUIET: '1' },
});
process.exit(run.status === null ? 1 : run.status);
