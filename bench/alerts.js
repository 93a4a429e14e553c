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
 * rules, every CIS and identity detection's SLS alert, two targets), or with
 * the pack's floor (its template written with ros-cdk-core alone, see
 * VARIANTS), and synthesizes it into a temporary directory. The order of the
 * variants rotates from run to run so that load on the machine hits each
 * alike; the medians are compared.
 *
 * Three measures per run:
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

/**
 * The variants, each one fresh process:
 * - `without`: the trail alone;
 * - `with`: the trail and the full pack;
 * - `floor`: the trail, and the pack's parameters and resources written as
 *   ros-cdk-core `RosParameter`s and `RosResource`s with the properties,
 *   metadata and DependsOn of `with`'s template (read from a JSON file): the
 *   least ros-cdk-core can do to write the same template, with neither the
 *   alerts' code nor the two L1 packages loaded (the JSON file's parse is
 *   counted in it);
 * - `floorLoaded`: `floor` after loading `actiontrail-cdk/alerts` (and with it
 *   the two packages' generated L1 modules) without using it.
 */
const VARIANTS = ['without', 'with', 'floor', 'floorLoaded'];

/** One synth in this process (the child): prints `{ processMs, synthMs, cpuMs, resources }` as JSON. */
function child(variant, outdir, packFile) {
  const { performance } = require('perf_hooks');
  const ros = require('@alicloud/ros-cdk-core');
  const lib = require(path.join(ROOT, 'dist', 'lib', 'index.js'));
  const loadAlerts = variant === 'with' || variant === 'floorLoaded';
  const alerts = loadAlerts ? require(path.join(ROOT, 'dist', 'lib', 'alerts', 'index.js')) : undefined;
  const pack =
    variant === 'floor' || variant === 'floorLoaded' ? JSON.parse(fs.readFileSync(packFile, 'utf8')) : undefined;
  const start = performance.now();
  const app = new ros.App({ outdir, stackTraces: false, context: { 'aliyun:ros:disable-stack-trace': true } });
  const stack = new ros.Stack(app, 'Bench', { env: { account: '2222222222222222', region: 'cn-hangzhou' } });
  const trail = new lib.Trail(stack, 'Trail', {
    trailName: 'bench_trail',
    slsProjectArn: 'acs:log:cn-hangzhou:2222222222222222:project/bench-logs',
  });
  if (variant === 'with') {
    new alerts.AuditAlerts(stack, 'Alerts', {
      trail,
      targets: [
        alerts.AlertTarget.dingTalk({ robotUrl: alerts.AlertSecret.parameter('DingTalkRobotUrl') }),
        alerts.AlertTarget.webhook({ url: 'https://alerts.example.com/in' }),
      ],
    });
  }
  if (pack) addPackFloor(ros, stack, pack);
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

/** Writes the pack's parameters and resources (`{ Parameters, Resources }` of a template) with ros-cdk-core alone. */
function addPackFloor(ros, stack, pack) {
  for (const [id, p] of Object.entries(pack.Parameters)) {
    new ros.RosParameter(stack, id, { type: p.Type, noEcho: p.NoEcho, description: p.Description });
  }
  for (const [id, r] of Object.entries(pack.Resources)) {
    const resource = new ros.RosResource(stack, id, { type: r.Type, properties: r.Properties });
    for (const [key, value] of Object.entries(r.Metadata || {})) resource.addMetaData(key, value);
    for (const target of r.DependsOn || []) resource.addRosDependency(target);
  }
}

/** One run of `variant` in a fresh process; `keep` returns the template text instead of deleting it. */
function runOnce(variant, packFile, keep = false) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-alerts-bench-'));
  try {
    const run = spawnSync(process.execPath, [__filename, CHILD_FLAG, variant, outdir, packFile ?? ''], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ACTIONTRAIL_CDK_QUIET: '1' },
    });
    if (run.status !== 0) throw new Error(`alerts bench: the ${variant} run failed:\n${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split('\n').pop());
    if (keep) result.template = fs.readFileSync(path.join(outdir, 'Bench.template.json'), 'utf8');
    return result;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Writes the pack (what `with`'s template holds beyond `without`'s) to a JSON
 * file in `dir`, and checks that the floor writes `with`'s template byte for
 * byte. Returns the file's path.
 */
function preparePackFloor(dir) {
  const withTemplate = runOnce('with', undefined, true).template;
  const without = JSON.parse(runOnce('without', undefined, true).template);
  const full = JSON.parse(withTemplate);
  const added = (section) =>
    Object.fromEntries(Object.entries(full[section] || {}).filter(([id]) => !(id in (without[section] || {}))));
  const packFile = path.join(dir, 'pack.json');
  fs.writeFileSync(packFile, JSON.stringify({ Parameters: added('Parameters'), Resources: added('Resources') }));
  for (const variant of ['floor', 'floorLoaded']) {
    if (runOnce(variant, packFile, true).template !== withTemplate) {
      throw new Error(`alerts bench: the ${variant} variant does not write the template of the full pack`);
    }
  }
  return packFile;
}

/**
 * Measures a single trail's synth alone, with the full alert pack, and with
 * the pack's floor (see VARIANTS).
 * @param {{ runs?: number }} [options] runs per variant (default 7; at least 3)
 * @returns {{ runs: number, without: object, with: object, floor: object, floorLoaded: object,
 *   processRatio: number, synthRatio: number, cpuRatio: number, processOverhead: number,
 *   pairedProcessOverhead: number, synthOverhead: number,
 *   floorOverhead: number, floorLoadedOverhead: number, target: number, withinTarget: boolean }}
 *   medians per variant (`processMs`, `synthMs`, `cpuMs`, `resources`); ratios are with / without,
 *   overheads ratio - 1 (`floorOverhead` and `floorLoadedOverhead` of process time; `pairedProcessOverhead`
 *   the median of the runs' own with / without ratios, less 1); `withinTarget`
 *   holds when the process overhead is under the target
 */
function measureAlertsOverhead(options = {}) {
  const runs = Math.max(3, options.runs ?? 7);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'alerts', 'index.js'))) {
    throw new Error('alerts bench: dist/lib/alerts/index.js is missing: run npm run build:lib first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-alerts-pack-'));
  try {
    const packFile = preparePackFloor(dir); // also warms the file cache, not counted
    const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let i = 0; i < runs; i++) {
      // The order rotates so that a slow spell on the machine hits each variant.
      for (let j = 0; j < VARIANTS.length; j++) {
        const variant = VARIANTS[(i + j) % VARIANTS.length];
        samples[variant].push(runOnce(variant, packFile));
      }
    }
    const summary = (list) => ({
      processMs: median(list.map((s) => s.processMs)),
      synthMs: median(list.map((s) => s.synthMs)),
      cpuMs: median(list.map((s) => s.cpuMs)),
      resources: list[0].resources,
    });
    const [without, withPack, floor, floorLoaded] = VARIANTS.map((v) => summary(samples[v]));
    const processRatio = withPack.processMs / without.processMs;
    // Run i of each variant ran in the same rotation, under about the same load: the median of their ratios is steadier.
    const pairedProcessRatio = median(samples.with.map((s, i) => s.processMs / samples.without[i].processMs));
    return {
      runs,
      without,
      with: withPack,
      floor,
      floorLoaded,
      processRatio,
      synthRatio: withPack.synthMs / without.synthMs,
      cpuRatio: withPack.cpuMs / without.cpuMs,
      processOverhead: processRatio - 1,
      pairedProcessOverhead: pairedProcessRatio - 1,
      synthOverhead: withPack.synthMs / without.synthMs - 1,
      floorOverhead: floor.processMs / without.processMs - 1,
      floorLoadedOverhead: floorLoaded.processMs / without.processMs - 1,
      target: TARGET_OVERHEAD,
      withinTarget: processRatio - 1 < TARGET_OVERHEAD,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { measureAlertsOverhead, TARGET_OVERHEAD };

if (require.main === module) {
  if (process.argv[2] === CHILD_FLAG) {
    child(process.argv[3], process.argv[4], process.argv[5]);
  } else {
    const runs = process.argv[2] ? Number(process.argv[2]) : undefined;
    console.log(JSON.stringify(measureAlertsOverhead({ runs }), null, 2));
  }
}
