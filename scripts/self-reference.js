/**
 * Lets this repository's examples import the package by its name, as a user's
 * app does (`import { Trail } from 'actiontrail-cdk'`), without building it:
 * `require('actiontrail-cdk')` resolves to lib/index.ts (ts-node compiles it).
 * `cdk.json` preloads it (`ts-node -r ./scripts/self-reference.js`); the type
 * checker uses tsconfig.json's `paths` and jest its `moduleNameMapper`, to the
 * same file.
 */
'use strict';
const Module = require('module');
const path = require('path');

const PACKAGE_NAME = require('../package.json').name;
const SOURCE = path.join(__dirname, '..', 'lib', 'index.ts');
/** The subpath exports (package.json `exports`), to their sources. */
const SUBPATHS = { [`${PACKAGE_NAME}/alerts`]: path.join(__dirname, '..', 'lib', 'alerts', 'index.ts') };
const resolve = Module._resolveFilename;

Module._resolveFilename = function resolveSelf(request, ...rest) {
  if (request === PACKAGE_NAME) return SOURCE;
  return SUBPATHS[request] ?? resolve.call(this, request, ...rest);
};
