/**
 * Reads a V8 CPU profile (`node --cpu-prof` writes `*.cpuprofile`) and sums
 * self time per function, for the "where does the time go" part of the
 * benchmark. Self time of a function = samples taken while it was on top of
 * the stack x the sampling interval.
 *
 *   node bench/cpuprofile.js <file.cpuprofile>... [--top=25]
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** A readable location: the path relative to the repo (node_modules shortened), and the 1-based line. */
function location(callFrame) {
  const url = callFrame.url || '';
  if (url === '') return '(native)';
  let file = url.replace(/^file:\/\//, '');
  if (file.startsWith(root)) file = path.relative(root, file);
  file = file.replace(/^node_modules\//, '');
  return `${file}:${callFrame.lineNumber + 1}`;
}

/**
 * Sums self time per function over one or more profiles (several runs of the
 * same program add up to a steadier picture). Returns `{ totalMs, functions }`,
 * `functions` sorted by self time (then by name and location, so equal times
 * always print in the same order), each `{ name, location, selfMs, share }`.
 */
function summarize(profiles) {
  const perFunction = new Map();
  let totalUs = 0;
  for (const profile of Array.isArray(profiles) ? profiles : [profiles]) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const samples = profile.samples || [];
    const deltas = profile.timeDeltas || [];
    // timeDeltas[i] is the time before sample i; the time after a sample is charged to it.
    for (let i = 0; i < samples.length; i++) {
      const us = deltas[i + 1] ?? 0;
      const { callFrame } = byId.get(samples[i]);
      const key = `${callFrame.functionName || '(anonymous)'}\u0000${location(callFrame)}`;
      perFunction.set(key, (perFunction.get(key) ?? 0) + us);
      totalUs += us;
    }
  }
  const functions = [...perFunction.entries()]
    .map(([key, us]) => {
      const [name, loc] = key.split('\u0000');
      return { name, location: loc, selfMs: us / 1000, share: totalUs ? us / totalUs : 0 };
    })
    .sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name) || a.location.localeCompare(b.location));
  return { totalMs: totalUs / 1000, functions };
}

/**
 * The area a location (`where`) belongs to: an npm package (`@alicloud/ros-cdk-core`),
 * a file of this library (`dist/lib/trail.js`), Node's own code, or V8
 * (garbage collection, native code such as file writes and JSON).
 */
function areaOf(where) {
  if (where === '(native)') return '(V8 / native: GC, I/O, JSON, RegExp)';
  if (where.startsWith('node:')) return 'Node.js core';
  const file = where.replace(/:\d+$/, '');
  if (file.startsWith('dist/') || file.startsWith('bench/')) return file;
  const parts = file.split('/');
  return parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Sums self time per area (see `areaOf`), largest first. */
function byArea(functions) {
  const areas = new Map();
  for (const f of functions) {
    const area = areaOf(f.location);
    areas.set(area, (areas.get(area) ?? 0) + f.selfMs);
  }
  return [...areas.entries()]
    .map(([area, ms]) => ({ area, ms }))
    .sort((a, b) => b.ms - a.ms || a.area.localeCompare(b.area));
}

module.exports = { summarize, byArea, areaOf };

if (require.main === module) {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('usage: node bench/cpuprofile.js <file.cpuprofile>... [--top=25]');
    process.exit(2);
  }
  const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6)) || 25;
  const { totalMs, functions } = summarize(files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))));
  console.log(`total sampled: ${totalMs.toFixed(0)} ms`);
  for (const f of functions.slice(0, top)) {
    console.log(
      `${f.selfMs.toFixed(1).padStart(8)} ms ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.name}  ${f.location}`,
    );
  }
  console.log('\nby area:');
  for (const a of byArea(functions)) console.log(`${a.ms.toFixed(1).padStart(8)} ms  ${a.area}`);
}
