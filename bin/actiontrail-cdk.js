#!/usr/bin/env node
/**
 * `npx actiontrail-cdk <command>`: deploy, diff, destroy, status and list the
 * stacks of a cloud assembly across accounts. The command itself is
 * dist/lib/cli/main.js, which `npm run build` compiles and `npm pack` builds
 * (through `prepack`).
 */
'use strict';
const path = require('path');

let cli;
try {
  cli = require(path.join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(path.join('dist', 'lib', 'cli', 'main.js'))) {
    console.error('actiontrail-cdk: dist/lib/cli/main.js is missing: run `npm run build` in the actiontrail-cdk package first');
    process.exit(2);
  }
  throw e;
}
cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
