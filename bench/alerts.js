#!/usr/bin/env node
/**
 * What the full alert pack adds to a single trail's synth (issue 22: keep it
 * under 30%). For scripts/bench.js to call (the lead wires it in):
 *
 *   const { measureAlertsOverhead } = require('../bench/alerts');
 *   const result = measureAlertsOverhead({ runs: 7 });
 *
 * Each run is a fresh Node process (as `ros-cdk synth` starts one) that loads
 * the built package (dist/lib: run `npm run build:lib` first), builds one
 * stack with one trail delivering to SLS, with or without an `AuditAlerts`
 * of every detection (the full pack: every write detection's EventBridge
 * rules, every CIS and identity detection's SLS alert, two targets), and
 * synthesizes it into a temporary directory. Runs alternate between the two
 * variants so that load on the machine hits both alike; the medians are
 * compared.
 *
 * Two times per run:
 * - `processMs`: process start to the end of synth: what a user waits for
 *   (Node's start-up, loading the modules, construct, synth);
 * - `synthMs`: construct + `app.synth()` only (modules already loaded);
 * - `cpuMs`: the process's user + system CPU time to the end of synth (less
 *   sensitive than wall time to other processes on the machine).
 *
 * Standalone: `node bench/alerts.js [runs]` prints the result as JSON.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { median } = require('./stats');

const ROOT = path.resolve(__dirname, '..');
const CHILD_FLAG = '--alerts-bench-child';
/** The target: the pack adds less than this fraction. */
const TARGET_OVERHEAD = 0.3;

/** One synth in this process (the child): prints `{ processMs, synthMs, resources }` as JSON. */
function child(withAlerts, outdir) {
  const { performance } = require('perf_hooks');
  const ros = require('@alicloud/ros-cdk-core');
  const lib = require(path.join(ROOT, 'dist', 'lib', 'index.js'));
  const alerts = withAlerts ? require(path.join(ROOT, 'dist', 'lib', 'alerts', 'index.js')) : undefined;
  const start = performance.now();
  const app = new ros.App({ outdir, stackTraces: false, context: { 'aliyun:ros:disable-stack-trace': true } });
  const stack = new ros.Stack(app, 'Bench', { env: { account: '2222222222222222', region: 'cn-hangzhou' } });
  const trail = new lib.Trail(stack, 'Trail', {
    trailName: 'bench_trail',
    slsProjectArn: 'acs:log:cn-hangzhou:2222222222222222:project/bench-logs',
  });
  if (alerts) {
    new alerts.AuditAlerts(stack, 'Alerts', {
      trail,
      targets: [
        alerts.AlertTarget.dingTalk({ robotUrl: alerts.AlertSecret.parameter('DingTalkRobotUrl') }),
        alerts.AlertTarget.webhook({ url: 'https://alerts.example.com/in' }),
      ],
    });
  }
  const template = app.synth().getStackByName('Bench').template;
  const end = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      processMs: end,
      synthMs: end - start,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      resources: Object.keys(template.Resources || {}).length,
    })}\n`,
  );
}

/** One measured run in a fresh process. */
function runOnce(withAlerts) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-alerts-bench-'));
  try {
    const run = spawnSync(process.execPath, [__filename, CHILD_FLAG, withAlerts ? 'with' : 'without', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ACTIONTRAIL_CDK_QUIET: '1' },
    });
    if (run.status !== 0) {
      throw new Error(`alerts bench: the ${withAlerts ? 'with' : 'without'} run failed:\n${run.stderr}`);
    }
    return JSON.parse(run.stdout.trim().split('\n').pop());
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Measures a single trail's synth with and without the full alert pack.
 * @param {{ runs?: number }} [options] runs per variant (default 7; at least 3)
 * @returns {{ runs: number, without: object, with: object, processRatio: number, synthRatio: number, cpuRatio: number,
 *   processOverhead: number, synthOverhead: number, target: number, withinTarget: boolean }}
 *   medians per variant (`processMs`, `synthMs`, `cpuMs`, `resources`); ratios are with / without,
 *   overheads ratio - 1; `withinTarget` holds when the process overhead is under the target
 */
function measureAlertsOverhead(options = {}) {
  const runs = Math.max(3, options.runs ?? 7);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'alerts', 'index.js'))) {
    throw new Error('alerts bench: dist/lib/alerts/index.js is missing: run npm run build:lib first');
  }
  runOnce(false); // warm the file cache, not counted
  const samples = { without: [], with: [] };
  for (let i = 0; i < runs; i++) {
    samples.without.push(runOnce(false));
    samples.with.push(runOnce(true));
  }
  const summary = (list) => ({
    processMs: median(list.map((s) => s.processMs)),
    synthMs: median(list.map((s) => s.synthMs)),
    cpuMs: median(list.map((s) => s.cpuMs)),
    resources: list[0].resources,
  });
  const without = summary(samples.without);
  const withPack = summary(samples.with);
  const processRatio = withPack.processMs / without.processMs;
  const synthRatio = withPack.synthMs / without.synthMs;
  const cpuRatio = withPack.cpuMs / without.cpuMs;
  return {
    runs,
    without,
    with: withPack,
    processRatio,
    synthRatio,
    cpuRatio,
    processOverhead: processRatio - 1,
    synthOverhead: synthRatio - 1,
    target: TARGET_OVERHEAD,
    withinTarget: processRatio - 1 < TARGET_OVERHEAD,
  };
}

module.exports = { measureAlertsOverhead, TARGET_OVERHEAD };

if (require.main === module) {
  if (process.argv[2] === CHILD_FLAG) {
    child(process.argv[3] === 'with', process.argv[4]);
  } else {
    const runs = process.argv[2] ? Number(process.argv[2]) : undefined;
    console.log(JSON.stringify(measureAlertsOverhead({ runs }), null, 2));
  }
}
