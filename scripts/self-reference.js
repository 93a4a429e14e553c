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
const resolve = Module._resolveFilename;

Module._resolveFilename = function resolveSelf(request, ...rest) {
  return request === PACKAGE_NAME ? SOURCE : resolve.call(this, request, ...rest);
};
