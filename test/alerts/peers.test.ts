/**
 * The alerts entry names its optional peers and their version ranges in
 * lib/alerts/peers.ts (for the "install them" message); they must be what the
 * root package.json states, and the optional peers the alert pack imports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PEERS } from '../../lib/alerts/peers';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** The packages the sources under `dir` import or require (by package name, subpaths folded). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(dir, entry), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'((?:@[^/']+\/)?[^/'.][^/']*)/g))
      found.add(m[1]);
  }
  return found;
}

test('each peer and range is a peerDependency of package.json, marked optional', () => {
  expect(PEERS.length).toBeGreaterThan(0);
  for (const [name, range] of PEERS) {
    expect({ name, range: pkg.peerDependencies[name], meta: pkg.peerDependenciesMeta[name] }).toEqual({
      name,
      range,
      meta: { optional: true },
    });
  }
});

test('the peers are exactly the optional peers the alert pack imports', () => {
  const optional = Object.keys(pkg.peerDependenciesMeta).filter((n) => pkg.peerDependenciesMeta[n].optional);
  const imported = importedPackages(path.join(root, 'lib', 'alerts'));
  expect(imported.has('@alicloud/ros-cdk-core')).toBe(true);
  expect(PEERS.map(([name]) => name).sort()).toEqual(optional.filter((n) => imported.has(n)).sort());
});
