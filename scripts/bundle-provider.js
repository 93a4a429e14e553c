#!/usr/bin/env node
/**
 * Builds the provider's deployable code: bundles lib/provider/handler.ts (and
 * what it imports: lib/provider/runtime/** and lib/shared; Node built-ins
 * only) into one CommonJS file with esbuild,
 * zips it as `index.js` with fixed timestamps, and writes
 * lib/provider/handler-code.generated.json. The same sources always give the
 * same bytes, so templates stay byte-identical between builds.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const esbuild = require('esbuild');
const { zipSync, strToU8 } = require('fflate');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'lib', 'provider', 'handler.ts');
const out = path.join(root, 'lib', 'provider', 'handler-code.generated.json');

function bundle() {
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    minify: false,
    legalComments: 'none',
    sourcemap: false,
    charset: 'utf8',
    logLevel: 'error',
    absWorkingDir: root,
  });
  // esbuild marks each bundled module with a comment holding its path relative to
  // absWorkingDir, so the output does not depend on where the repo is checked out.
  return result.outputFiles[0].text;
}

function zip(source) {
  // A local-time Date whose fields are 1980-01-01 00:00:00 gives the same DOS
  // timestamp in every time zone (fflate writes local-time fields).
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  return Buffer.from(zipSync({ 'index.js': [strToU8(source), { level: 9, mtime }] }, { mtime }));
}

/** Builds the generated JSON's text from the current sources. */
function generatedJson() {
  const source = bundle();
  const zipped = zip(source);
  return (
    JSON.stringify(
      {
        handler: 'index.handler',
        sourceBytes: Buffer.byteLength(source, 'utf8'),
        sourceSha256: crypto.createHash('sha256').update(source).digest('hex'),
        zipBytes: zipped.length,
        zipFileBase64: zipped.toString('base64'),
      },
      null,
      2,
    ) + '\n'
  );
}

module.exports = { bundle, zip, generatedJson, out };

if (require.main === module) {
  const json = generatedJson();
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
  if (previous !== json) fs.writeFileSync(out, json);
}
