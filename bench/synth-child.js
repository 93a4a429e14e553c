#!/usr/bin/env node
/**
 * One measured synth, run by scripts/bench.js in a fresh Node process so that
 * its peak memory belongs to this synth alone:
 *
 *   node bench/synth-child.js <ours|floor|floorLoaded> <stacks> <outdir> [--keep] [--cpu-profile=<file>]
 *
 * Loads the app's modules, builds an app of <stacks> trail stacks
 * (bench/apps.js), synthesizes it into <outdir>, and prints one JSON line:
 *
 *   { kind, stacks, loadMs, constructMs, synthMs, cpuMs, processMs, maxRssKiB,
 *     templates, templateBytes, maxTemplateBytes, resourcesPerStack }
 *
 * - `loadMs`: requiring the modules the app needs;
 * - `constructMs`: building the construct tree;
 * - `synthMs`: `app.synth()` (validating, resolving tokens, writing the cloud assembly);
 * - `cpuMs`: user + system CPU time of construct + synth (less sensitive than
 *   wall time to other processes on the machine);
 * - `processMs`: from process start to the end of synth (Node's own start-up,
 *   module loading, construct and synth: what a user waits for, less the exit);
 * - `maxRssKiB`: the process's peak resident set size, read right after synth
 *   (`process.resourceUsage().maxRSS`), before anything else is allocated.
 *
 * Template sizes are read from the files (no parsing, except the first
 * template for its resource count). The outdir is deleted afterwards unless
 * `--keep` is given (the template comparison keeps it). `--cpu-profile=<file>`
 * records a V8 CPU profile of construct + synth only (not module loading)
 * through the inspector.
 */
'use strict';
const { performance } = require('perf_hooks');
const fs = require('fs');
const path = require('path');
const { APPS } = require('./apps');

/** The context cdk.json gives the app (`npm run synth` and the ros-cdk CLI pass it), so the benchmark synthesizes as they do. */
function cdkContext() {
  const cdkJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'cdk.json'), 'utf8'));
  return cdkJson.context || {};
}

/** Sizes of the templates written to `outdir`, and the resource count of the first. */
function templateSizes(outdir) {
  const files = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json'))
    .sort();
  const sizes = files.map((f) => fs.statSync(path.join(outdir, f)).size);
  const first = files.length ? JSON.parse(fs.readFileSync(path.join(outdir, files[0]), 'utf8')) : {};
  return {
    templates: files.length,
    templateBytes: sizes.reduce((a, b) => a + b, 0),
    maxTemplateBytes: Math.max(0, ...sizes),
    resourcesPerStack: Object.keys(first.Resources || {}).length,
  };
}

/** Starts the inspector's CPU profiler; the returned function stops it and writes the profile to `file`. */
async function startCpuProfile(file) {
  const { Session } = require('inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 }); // microseconds
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(profile));
  };
}

async function main() {
  const [kind, stacksArg, outdir, ...flags] = process.argv.slice(2);
  const app = APPS[kind];
  const stacks = Number(stacksArg);
  if (!app || !Number.isInteger(stacks) || stacks < 1 || !outdir) {
    console.error('usage: synth-child.js <ours|floor|floorLoaded> <stacks> <outdir> [--keep] [--cpu-profile=<file>]');
    process.exit(2);
  }
  const profileFile = flags.find((f) => f.startsWith('--cpu-profile='))?.slice('--cpu-profile='.length);
  const context = cdkContext();

  const t0 = performance.now();
  const modules = app.load();
  const t1 = performance.now();
  const stopProfile = profileFile ? await startCpuProfile(profileFile) : undefined;
  const cpu0 = process.cpuUsage();
  const t1b = performance.now();
  const rosApp = new modules.ros.App({ outdir, context });
  app.build(modules, rosApp, stacks);
  const t2 = performance.now();
  rosApp.synth();
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const maxRssKiB = process.resourceUsage().maxRSS;
  if (stopProfile) await stopProfile();

  const sizes = templateSizes(outdir);
  if (!flags.includes('--keep')) fs.rmSync(outdir, { recursive: true, force: true });
  const result = {
    kind,
    stacks,
    loadMs: t1 - t0,
    constructMs: t2 - t1b,
    synthMs: t3 - t2,
    cpuMs: (cpu.user + cpu.system) / 1000,
    processMs: t3,
    maxRssKiB,
    ...sizes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
