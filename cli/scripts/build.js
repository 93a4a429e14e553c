#!/usr/bin/env node
/**
 * Builds the CLI package: bundles src/main.ts, with the kernel it imports from
 * the library's sources (../lib/shared: IDs, endpoints, metadata keys, the
 * Redactor, backoff), into one CommonJS file, dist/main.js, with esbuild.
 *
 * Why a bundle: the kernel is the one copy of those rules that the constructs,
 * the provider's bundle and the CLI share (issue 18), but lib/shared is not
 * inside cli/, so a packed CLI could not reach it by a relative path. Bundling
 * it in keeps the CLI package free of any dependency on the library package
 * (which is not on the registry, and whose users must not install the SDKs),
 * without publishing the kernel as a public subpath of the library. The same
 * way scripts/bundle-provider.js puts the kernel into the provider's bundle.
 *
 * Every package (the SDKs, Node built-ins) stays external and loads from
 * node_modules at run time. The commands stay lazily loaded: esbuild turns
 * `await import('./commands/deploy')` into a deferred module initializer, so
 * `list` and `--help` still load no SDK (cli/test/library-boundary.test.ts).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const cliRoot = path.resolve(__dirname, '..');
const outfile = path.join(cliRoot, 'dist', 'main.js');

/**
 * How to bundle, kept in esbuild-options.json so that the CLI tests
 * (cli/test/harness.ts) bundle the command exactly as the package ships it.
 */
const options = JSON.parse(fs.readFileSync(path.join(__dirname, 'esbuild-options.json'), 'utf8'));

function build() {
  fs.rmSync(path.join(cliRoot, 'dist'), { recursive: true, force: true });
  esbuild.buildSync({
    ...options,
    entryPoints: [path.join(cliRoot, 'src', 'main.ts')],
    outfile,
    absWorkingDir: cliRoot,
    logLevel: 'error',
  });
  return outfile;
}

module.exports = { build };

if (require.main === module) {
  const out = build();
  console.log(`actiontrail-cdk-cli: built ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);
}
