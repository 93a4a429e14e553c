/**
 * Users who do not use alerts do not load (nor need) the EventBridge and SLS
 * packages: the main entry loads neither; the subpath loads both, and without
 * them fails with what to install. Run in a child Node, as an app would load
 * the sources (ts-node, as `npm run synth` does).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const OPTIONAL_PEERS = /node_modules[\\/]@alicloud[\\/]ros-cdk-(eventbridge|sls)[\\/]/;

function node(script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('the main entry loads neither @alicloud/ros-cdk-eventbridge nor @alicloud/ros-cdk-sls', () => {
  const run = node("require('./lib/index.ts'); console.log(JSON.stringify(Object.keys(require.cache)));");
  expect(run.status).toBe(0);
  const loaded: string[] = JSON.parse(run.stdout);
  expect(loaded.some((f) => f.endsWith(path.join('lib', 'index.ts')))).toBe(true);
  expect(loaded.filter((f) => OPTIONAL_PEERS.test(f))).toEqual([]);
});

test('the alerts entry loads both', () => {
  const run = node("require('./lib/alerts/index.ts'); console.log(JSON.stringify(Object.keys(require.cache)));");
  expect(run.status).toBe(0);
  const loaded: string[] = JSON.parse(run.stdout);
  expect(loaded.some((f) => /ros-cdk-eventbridge/.test(f))).toBe(true);
  expect(loaded.some((f) => /ros-cdk-sls/.test(f))).toBe(true);
});

test('without the optional peers, the alerts entry fails with what to install', () => {
  // Hide both packages from the resolver, as in a project that did not install them.
  const run = node(`
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (/^@alicloud\\/ros-cdk-(eventbridge|sls)$/.test(request)) {
        const e = new Error("Cannot find module '" + request + "'"); e.code = 'MODULE_NOT_FOUND'; throw e;
      }
      return resolve.call(this, request, ...rest);
    };
    require('./lib/alerts/index.ts');`);
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(
    'actiontrail-cdk/alerts needs the optional peer dependencies @alicloud/ros-cdk-eventbridge and @alicloud/ros-cdk-sls, which are not installed. Install them: npm install @alicloud/ros-cdk-eventbridge@^1.15.0 @alicloud/ros-cdk-sls@^1.11.0',
  );
});
