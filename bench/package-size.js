/**
 * The package's size as a consumer installs it: what `npm pack` puts in the
 * tarball (files, packed and unpacked bytes, the largest files), and the
 * installed bytes of its runtime dependencies and of its required peers, each
 * with their own dependencies, as installed in this repository's node_modules.
 * Reads the build in dist/ (run `npm run build` first); never runs a script of
 * the package (`npm pack --dry-run --ignore-scripts`).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

/** Bytes of all files under `dir` (symlinks not followed). */
function directoryBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

/** `names` and everything they depend on, as installed under `root`/node_modules. */
function dependencyClosure(root, names) {
  const seen = new Map();
  const visit = (name, from) => {
    let manifestPath;
    try {
      manifestPath = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      return; // not installed (e.g. an optional dependency for another platform)
    }
    const dir = path.dirname(manifestPath);
    if (seen.has(dir)) return;
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    seen.set(dir, manifest.name);
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of names) visit(name, root);
  return seen;
}

/** Installed bytes and package count of `names` with their dependencies (nested copies counted once each). */
function installedBytes(root, names) {
  const closure = dependencyClosure(root, names);
  const dirs = [...closure.keys()];
  // A nested node_modules inside a counted package is counted with it: skip it as its own entry.
  const outermost = dirs.filter((d) => !dirs.some((o) => o !== d && d.startsWith(o + path.sep)));
  return { packages: closure.size, bytes: outermost.reduce((sum, d) => sum + directoryBytes(d), 0) };
}

/** Measures the package of the repository at `root`. */
function measurePackageSize(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`npm pack --dry-run failed: ${run.stderr}`);
  const info = JSON.parse(run.stdout.slice(run.stdout.indexOf('[')))[0];
  const largest = [...info.files]
    .sort((a, b) => b.size - a.size || a.path.localeCompare(b.path))
    .slice(0, 3)
    .map((f) => ({ path: f.path, bytes: f.size }));
  const optional = new Set(
    Object.keys(pkg.peerDependenciesMeta ?? {}).filter((p) => pkg.peerDependenciesMeta[p].optional),
  );
  const requiredPeers = Object.keys(pkg.peerDependencies ?? {})
    .filter((p) => !optional.has(p))
    .sort();
  const dependencies = Object.keys(pkg.dependencies ?? {}).sort();
  return {
    name: info.name,
    version: info.version,
    files: info.entryCount ?? info.files.length,
    packedBytes: info.size,
    unpackedBytes: info.unpackedSize,
    largest,
    dependencies: { names: dependencies, ...installedBytes(root, dependencies) },
    requiredPeers: { names: requiredPeers, ...installedBytes(root, requiredPeers) },
  };
}

module.exports = { measurePackageSize, installedBytes, directoryBytes };
