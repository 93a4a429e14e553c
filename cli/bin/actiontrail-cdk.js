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
// A reader that stops early (`| head`) closes the pipe: the command still finishes what it
// started (a deploy keeps waiting for its stacks) and its exit code stands; the rest of the
// output has nowhere to go.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (!e || e.code !== 'EPIPE') throw e;
  });
}
cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
