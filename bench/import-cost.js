#!/usr/bin/env node
/**
 * What `require('actiontrail-cdk')` costs, and that it loads none of the SDKs
 * the `actiontrail-cdk` command uses (issue 11): from the build (dist/), each
 * measurement in a fresh `node` process, medians of several runs:
 *
 *   node bench/import-cost.js [--runs=N]     (prints one JSON object on stdout)
 *
 * - `library`: requiring dist/lib/index.js (ros-cdk-core and the library);
 * - `cli`: requiring cli/dist/main.js (the command's entry, the CLI package's
 *   bundle; its commands, and with them the SDKs, load only when a command runs);
 * - `sdks`: requiring @alicloud/ros20190910, @alicloud/openapi-core and
 *   @alicloud/credentials, what a deploy adds on top.
 *
 * For each: milliseconds (`performance.now()` around the require), the number
 * of modules it loaded, and which SDK modules are among them.
 */
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const SDK = /node_modules[\\/](@alicloud[\\/](ros20190910|openapi-core|credentials|pop-core)|@darabonba)[\\/]/;

const TARGETS = {
  library: [path.join(root, 'dist', 'lib', 'index.js')],
  cli: [path.join(root, 'cli', 'dist', 'main.js')],
  sdks: ['@alicloud/ros20190910', '@alicloud/openapi-core', '@alicloud/credentials'],
};

function child(modules) {
  const script = `
    const { performance } = require('perf_hooks');
    const before = new Set(Object.keys(require.cache));
    const t = performance.now();
    for (const m of ${JSON.stringify(modules)}) require(m);
    const ms = performance.now() - t;
    const loaded = Object.keys(require.cache).filter((f) => !before.has(f));
    const sdk = [...new Set(loaded.filter((f) => ${SDK}.test(f)).map((f) => ${SDK}.exec(f)[1].replace(/\\\\/g, '/')))];
    process.stdout.write(JSON.stringify({ ms, modules: loaded.length, sdk }));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`import-cost child failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Measures the three targets, `runs` fresh processes each (rotating their order). */
function measureImportCost(runs = 7) {
  const results = {};
  for (const name of Object.keys(TARGETS)) results[name] = [];
  for (let i = 0; i < runs; i++) {
    for (const name of Object.keys(TARGETS)) results[name].push(child(TARGETS[name]));
  }
  const out = { runs };
  for (const [name, rs] of Object.entries(results)) {
    out[name] = { ms: median(rs.map((r) => r.ms)), modules: rs[0].modules, sdk: rs[0].sdk };
  }
  return out;
}

module.exports = { measureImportCost };

if (require.main === module) {
  const arg = process.argv.find((a) => a.startsWith('--runs='));
  process.stdout.write(`${JSON.stringify(measureImportCost(arg ? Number(arg.slice(7)) : 7), undefined, 2)}\n`);
}
