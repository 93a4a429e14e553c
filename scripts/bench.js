#!/usr/bin/env node
/**
 * `npm run bench` (issue #6): after `npm run build`, measures in one run
 *
 * - synth time and peak memory of apps of 1, 10, 100 and 1,000 trail stacks,
 *   for the library (`ours`) and for a `floor` app that builds the same
 *   templates with ros-cdk-core's `RosResource` alone (bench/apps.js), each
 *   run in a fresh process (bench/synth-child.js), medians of several runs;
 * - how synth time grows with the number of stacks;
 * - template bytes per trail stack and the embedded provider code's size;
 * - the package's installed size (bench/package-size.js);
 * - the ActionTrail API calls the provider makes per request, against the
 *   local simulator (bench/provider-calls.js);
 * - where the time goes (CPU profiles, bench/cpuprofile.js);
 * - what requiring the library costs, and that it loads none of the CLI's
 *   SDKs (bench/import-cost.js);
 * - how long `npx jest` takes;
 *
 * prints the tables, and writes them with the date, machine and method to
 * docs/benchmarks.md (bench/report.js).
 *
 * Options (any of them but --no-write makes a partial run, which does not
 * write docs/benchmarks.md):
 *   --sizes=1,10       app sizes to measure (default 1,10,100,1000)
 *   --runs=N           runs per size and app (default 9 below 100 stacks, 7 at 100, 3 at 1,000)
 *   --no-profile       skip the CPU profiles
 *   --no-jest          skip timing the test suite
 *   --no-write         print only
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const { performance } = require('perf_hooks');
const { unzipSync } = require('fflate');
const { median, linearFit, powerFit } = require('../bench/stats');
const { summarize, byArea } = require('../bench/cpuprofile');
const { renderDocument, renderSummary } = require('../bench/report');
const { measurePackageSize } = require('../bench/package-size');
const { measureImportCost } = require('../bench/import-cost');
const { measureAlertsOverhead } = require('../bench/alerts');

const root = path.resolve(__dirname, '..');
const CHILD = path.join(root, 'bench', 'synth-child.js');
const KINDS = ['ours', 'floor'];
/** Below this many stacks, the control app `floorLoaded` (the floor after loading the library) runs too. */
const CONTROL_BELOW = 100;
const DEFAULT_SIZES = [1, 10, 100, 1000];
/**
 * Runs per size and app: many of the small, cheap ones (their times are a few
 * tens of ms, where a busy machine shows most), fewer of the large ones (a
 * 1,000-stack synth takes 4-10 s), so that the whole run stays well within
 * 5 minutes on 2 cores.
 */
const defaultRuns = (size) => (size >= 1000 ? 3 : size >= 100 ? 7 : 9);
/** `npx jest` is stopped after this long (the suite's target is 60 s). */
const JEST_TIMEOUT_MS = 180_000;
/** Profiled runs: several small ones summed (one is too short to sample well), one large one. */
const PROFILE_SMALL = { stacks: 1, runs: 10 };
const PROFILE_LARGE = { stacks: 1000, runs: 1 };

function parseOptions(argv) {
  const known = new Set(['--no-profile', '--no-jest', '--no-write']);
  const opts = { sizes: DEFAULT_SIZES, runs: undefined, profile: true, jest: true, write: true, partial: false };
  for (const arg of argv) {
    if (arg.startsWith('--sizes=')) {
      opts.sizes = arg.slice(8).split(',').map(Number);
      opts.partial = true;
    } else if (arg.startsWith('--runs=')) {
      opts.runs = Number(arg.slice(7));
      opts.partial = true;
    } else if (known.has(arg)) {
      if (arg === '--no-profile') opts.profile = false;
      if (arg === '--no-jest') opts.jest = false;
      if (arg === '--no-write') opts.write = false;
      if (arg !== '--no-write') opts.partial = true;
    } else {
      throw new Error(`unknown option ${arg} (see the comment at the top of scripts/bench.js)`);
    }
  }
  if (opts.sizes.some((s) => !Number.isInteger(s) || s < 1) || (opts.runs !== undefined && !(opts.runs >= 1))) {
    throw new Error('--sizes takes positive integers, --runs a positive integer');
  }
  opts.sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
  opts.runsBySize = Object.fromEntries(opts.sizes.map((s) => [s, opts.runs ?? defaultRuns(s)]));
  return opts;
}

const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);

/** A new empty temporary directory. */
function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `actiontrail-bench-${label}-`));
}

/** Runs one synth in a fresh process and returns its JSON result; throws with its stderr when it fails. */
function synthOnce(kind, stacks, extra = []) {
  const outdir = tempDir(`${kind}-${stacks}`);
  try {
    const run = spawnSync(process.execPath, [CHILD, kind, String(stacks), outdir, ...extra], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      // The child must not inherit a CDK_OUTDIR / CDK_CONTEXT_JSON from the caller.
      env: withoutCdkVariables(process.env),
    });
    if (run.status !== 0)
      throw new Error(`synth of ${stacks} ${kind} stack(s) failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
    return { ...JSON.parse(run.stdout.trim().split('\n').pop()), outdir };
  } finally {
    if (!extra.includes('--keep')) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function withoutCdkVariables(env) {
  const copy = { ...env };
  delete copy.CDK_OUTDIR;
  delete copy.CDK_CONTEXT_JSON;
  return copy;
}

/** The first JSON path where `a` and `b` differ, e.g. `Resources.AuditTrail.DependsOn[1]`, or undefined. */
function firstDifference(a, b, at = '') {
  if (
    typeof a !== typeof b ||
    Array.isArray(a) !== Array.isArray(b) ||
    a === null ||
    b === null ||
    typeof a !== 'object'
  ) {
    return JSON.stringify(a) === JSON.stringify(b) ? undefined : { at: at || '(root)', ours: a, floor: b };
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return { at: `${at || '(root)'} keys`, ours: keysA, floor: keysB };
  for (const k of keysA) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}

/**
 * Synthesizes both apps with 2 stacks and requires byte-identical templates:
 * otherwise the floor no longer builds what the library builds, and the
 * comparison would be meaningless. Doubles as the warm-up. Returns the check's
 * summary and the text of one of our templates.
 */
function checkTemplatesIdentical() {
  const stacks = 2;
  const ours = synthOnce('ours', stacks, ['--keep']);
  const floor = synthOnce('floor', stacks, ['--keep']);
  try {
    const list = (dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.template.json'))
        .sort();
    const files = list(ours.outdir);
    if (files.join() !== list(floor.outdir).join()) {
      throw new Error(
        `the apps write different templates: ours ${files.join(', ')}; floor ${list(floor.outdir).join(', ')}`,
      );
    }
    for (const f of files) {
      const a = fs.readFileSync(path.join(ours.outdir, f), 'utf8');
      const b = fs.readFileSync(path.join(floor.outdir, f), 'utf8');
      if (a !== b) {
        const d = firstDifference(JSON.parse(a), JSON.parse(b));
        const show = (v) => JSON.stringify(v)?.slice(0, 200);
        throw new Error(
          `${f} differs between ours and the floor` +
            (d ? ` at ${d.at}: ours ${show(d.ours)}, floor ${show(d.floor)}` : ' (same JSON, different formatting)') +
            ".\nThe library's output changed: update buildFloor in bench/apps.js to build the same template.",
        );
      }
    }
    return {
      check: { stacks, files: files.length, identical: true },
      template: fs.readFileSync(path.join(ours.outdir, files[0]), 'utf8'),
    };
  } finally {
    fs.rmSync(ours.outdir, { recursive: true, force: true });
    fs.rmSync(floor.outdir, { recursive: true, force: true });
  }
}

/** Sizes of the embedded provider code, checked against the zip itself. */
function providerCodeSizes() {
  const code = JSON.parse(
    fs.readFileSync(path.join(root, 'dist', 'lib', 'provider', 'handler-code.generated.json'), 'utf8'),
  );
  const zip = Buffer.from(code.zipFileBase64, 'base64');
  const index = unzipSync(new Uint8Array(zip))['index.js'];
  const sha256 = index ? crypto.createHash('sha256').update(index).digest('hex') : '';
  const ok = index && zip.length === code.zipBytes && index.length === code.sourceBytes && sha256 === code.sourceSha256;
  return {
    sourceBytes: code.sourceBytes,
    zipBytes: code.zipBytes,
    base64Bytes: code.zipFileBase64.length,
    sha256: code.sourceSha256,
    verified: ok
      ? 'The sizes were checked against the ZipFile itself: it decodes to the zip, whose index.js has the recorded size and SHA-256.'
      : '**The recorded sizes do not match the ZipFile** (rebuild with `npm run bundle`).',
  };
}

/** Template sizes from the text of a single-trail stack's template. */
function templateSizes(text) {
  const template = JSON.parse(text);
  const fn = Object.values(template.Resources).find((res) => res.Type === 'ALIYUN::FC3::Function');
  return {
    bytes: Buffer.byteLength(text, 'utf8'),
    minifiedBytes: Buffer.byteLength(JSON.stringify(template), 'utf8'),
    zipFileChars: fn?.Properties?.Code?.ZipFile?.length ?? 0,
    resources: Object.keys(template.Resources).length,
  };
}

/** Median of each measured field over the runs of one app at one size. */
function summarizeRuns(runs) {
  const m = (key) => median(runs.map((r) => r[key]));
  return {
    runs,
    synthMs: median(runs.map((r) => r.constructMs + r.synthMs)),
    constructMs: m('constructMs'),
    synthOnlyMs: m('synthMs'),
    cpuMs: m('cpuMs'),
    loadMs: m('loadMs'),
    processMs: m('processMs'),
    maxRssKiB: m('maxRssKiB'),
    templateBytes: m('templateBytes'),
    templates: m('templates'),
  };
}

/**
 * The synth matrix: every size, every app. The order of the apps rotates from
 * one run to the next, so that a slow spell on the machine hits each of them.
 * Small sizes also run the control app `floorLoaded`.
 */
function measureSynth(opts) {
  const rows = [];
  for (const stacks of opts.sizes) {
    const runs = opts.runsBySize[stacks];
    const kinds = stacks < CONTROL_BELOW ? [...KINDS, 'floorLoaded'] : KINDS;
    const results = Object.fromEntries(kinds.map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      const order = kinds.map((_, j) => kinds[(i + j) % kinds.length]);
      for (const kind of order) {
        const r = synthOnce(kind, stacks);
        results[kind].push(r);
        progress(
          `${stacks} stack(s), run ${i + 1}/${runs}, ${kind}: ${(r.constructMs + r.synthMs).toFixed(0)} ms, ${(r.maxRssKiB / 1024).toFixed(0)} MiB`,
        );
      }
    }
    const ours = summarizeRuns(results.ours);
    const floor = summarizeRuns(results.floor);
    // Run i of each app ran close together in time, under about the same load: the median of their ratios is steadier.
    const paired = median(
      results.ours.map(
        (o, i) => (o.constructMs + o.synthMs) / (results.floor[i].constructMs + results.floor[i].synthMs),
      ),
    );
    const row = { stacks, runs, ours, floor, ratio: ours.synthMs / floor.synthMs, pairedRatio: paired };
    if (results.floorLoaded) row.floorLoaded = summarizeRuns(results.floorLoaded);
    rows.push(row);
  }
  return rows;
}

/** Growth figures of one app from the synth rows. */
function growthOf(rows, kind) {
  const points = rows.map((row) => ({ x: row.stacks, y: row[kind].synthMs }));
  const large = rows.filter((row) => row.stacks >= 100);
  const growth = { fit: linearFit(points) };
  const tail = points.filter((p) => p.x >= 10);
  if (tail.length >= 2) growth.power = powerFit(tail);
  if (large.length >= 2) {
    const [mid, big] = [large[large.length - 2], large[large.length - 1]];
    Object.assign(growth, {
      midSize: mid.stacks,
      largeSize: big.stacks,
      largeOverMid: big[kind].synthMs / mid[kind].synthMs,
    });
  }
  return growth;
}

/** Profiles construct + synth of both apps at a size, summing `runs` runs each. */
function profileApps({ stacks, runs }) {
  const dir = tempDir('profile');
  try {
    const result = { stacks, runs };
    for (const kind of KINDS) {
      const profiles = [];
      for (let i = 0; i < runs; i++) {
        const file = path.join(dir, `${kind}-${i}.cpuprofile`);
        synthOnce(kind, stacks, [`--cpu-profile=${file}`]);
        profiles.push(JSON.parse(fs.readFileSync(file, 'utf8')));
      }
      const summary = summarize(profiles);
      result[kind] = {
        totalMs: summary.totalMs / runs,
        functions: summary.functions.map((f) => ({ ...f, selfMs: f.selfMs / runs })),
      };
      result[`${kind}Areas`] = byArea(result[kind].functions);
    }
    progress(
      `profiled ${stacks} stack(s): ours ${result.ours.totalMs.toFixed(0)} ms, floor ${result.floor.totalMs.toFixed(0)} ms sampled per run`,
    );
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs bench/provider-calls.js in its own process. */
function measureProviderCalls() {
  const run = spawnSync(process.execPath, [path.join(root, 'bench', 'provider-calls.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) {
    const why = (run.stderr || run.error?.message || '').trim().split('\n').slice(0, 3).join(' ');
    progress(`provider API calls not measured: ${why}`);
    return { error: why || `exit ${run.status}` };
  }
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

/**
 * Runs `cmd args` in its own process group and resolves with its exit code,
 * or `null` when it was stopped after `timeoutMs` (the whole group is killed,
 * so that no jest worker outlives it). Output is discarded.
 */
function runWithTimeout(cmd, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve(null);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Times `npx jest` (the test suite without npm's pretest bundling), once. */
async function measureJest() {
  const dir = tempDir('jest');
  const out = path.join(dir, 'results.json');
  try {
    const started = performance.now();
    const exitCode = await runWithTimeout('npx', ['jest', '--json', `--outputFile=${out}`], JEST_TIMEOUT_MS);
    const ms = performance.now() - started;
    if (exitCode === null) return { ms, exitCode, summary: `stopped after ${JEST_TIMEOUT_MS / 1000} s` };
    if (!fs.existsSync(out)) return { ms, exitCode, summary: 'jest wrote no results' };
    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    const slowest = results.testResults
      .map((t) => ({ file: path.relative(root, t.name), ms: t.endTime - t.startTime }))
      .sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file))
      .slice(0, 5);
    const failedFiles = results.testResults
      .filter((t) => t.status === 'failed')
      .map((t) => path.relative(root, t.name))
      .sort();
    const summary =
      `${results.numTotalTestSuites} files, ${results.numTotalTests} tests, ${results.numFailedTests} failed` +
      (results.numRuntimeErrorTestSuites ? `, ${results.numRuntimeErrorTestSuites} files failed to run` : '');
    return { ms, exitCode, summary, slowest, failedFiles };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadStart: os.loadavg()[0],
    rosCdkCore: require('@alicloud/ros-cdk-core/package.json').version,
  };
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(path.join(root, 'dist', 'lib', 'index.js'))) {
    throw new Error('dist/lib/index.js is missing: run `npm run build` first (`npm run bench` does)');
  }
  const started = performance.now();
  const results = {
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    env: environment(),
    options: { sizes: opts.sizes, runs: opts.runsBySize },
  };

  progress('checking that the floor app writes the same templates as ours (and warming up)');
  const { check, template } = checkTemplatesIdentical();
  results.templateCheck = check;
  results.code = providerCodeSizes();
  results.template = templateSizes(template);
  progress('measuring the package (npm pack --dry-run)');
  results.package = measurePackageSize(root);

  results.synth = measureSynth(opts);
  results.growth = { ours: growthOf(results.synth, 'ours'), floor: growthOf(results.synth, 'floor') };
  const largest = results.synth[results.synth.length - 1];
  results.template.perStackAtLargest = largest.ours.templateBytes / largest.ours.templates;

  progress("counting the provider's API calls against the simulator");
  results.provider = measureProviderCalls();

  progress("measuring the library's import cost (and that it loads no SDK)");
  results.importCost = measureImportCost();

  progress("measuring what the full alert pack adds to a single trail's synth (bench/alerts.js)");
  results.alerts = measureAlertsOverhead({ runs: 15 });

  if (opts.profile) {
    results.profile = { small: profileApps(PROFILE_SMALL), large: profileApps(PROFILE_LARGE) };
  }
  if (opts.jest) {
    progress('timing npx jest');
    results.jest = await measureJest();
  } else {
    results.jest = { skipped: true };
  }

  results.env.loadEnd = os.loadavg()[0];
  results.elapsedMs = performance.now() - started;
  process.stdout.write(`\n${renderSummary(results)}\n`);
  const docFile = path.join(root, 'docs', 'benchmarks.md');
  if (opts.write && !opts.partial) {
    fs.mkdirSync(path.dirname(docFile), { recursive: true });
    fs.writeFileSync(docFile, renderDocument(results));
    process.stdout.write(
      `\nbench: wrote ${path.relative(process.cwd(), docFile)} (${(results.elapsedMs / 1000).toFixed(0)} s)\n`,
    );
  } else {
    process.stdout.write(
      `\nbench: partial run (${(results.elapsedMs / 1000).toFixed(0)} s); ${path.relative(process.cwd(), docFile)} not written\n`,
    );
  }
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
