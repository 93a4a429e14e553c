#!/usr/bin/env node
/**
 * `npx actiontrail-cdk <command>`: deploy, diff, destroy, status and list the
 * stacks of a cloud assembly across accounts. The command itself is
 * dist/main.js, the bundle that this package's `npm run build` writes and
 * `npm pack` builds (through `prepack`).
 */
'use strict';
const path = require('path');

const main = path.join(__dirname, '..', 'dist', 'main.js');
let cli;
try {
  cli = require(main);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(main)) {
    console.error(
      'actiontrail-cdk: dist/main.js is missing: run `npm run build` in the actiontrail-cdk-cli package (cli/) first',
    );
    process.exit(2);
  }
  throw e;
}
cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
