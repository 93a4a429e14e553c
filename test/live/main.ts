/**
 * `npm run test:live` runs this (through scripts/test-live.js, which stops
 * first unless ACTIONTRAIL_CDK_LIVE=1): the live acceptance suite of
 * ./suite.ts, report in live-report.json (ACTIONTRAIL_CDK_LIVE_REPORT).
 */
import * as path from 'path';
import { runLiveSuite } from './suite';

runLiveSuite({
  env: process.env,
  reportFile: path.resolve(process.env.ACTIONTRAIL_CDK_LIVE_REPORT || 'live-report.json'),
  log: (line) => process.stdout.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`live: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
