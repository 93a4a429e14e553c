/**
 * No leftovers in the OS temp directory (issue 18): jest's globalSetup gives
 * the whole run a private temporary directory (TMPDIR, TMP and TEMP point to
 * it, so `os.tmpdir()` in the test workers and in the processes tests spawn
 * resolves there), and globalTeardown fails the run when a test left anything
 * in it, listing what. The directory itself is always removed, so `npm test`
 * leaves nothing behind even when a test leaks, and runs of other worktrees
 * sharing the machine never count against this one.
 *
 * Not counted: caches that tools keep in the temp directory on purpose and
 * reuse across runs (ts-node's `v8-compile-cache-<uid>`, written by the
 * `scripts/synth.js` the CLI tests spawn).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;
const KEY = 'ACTIONTRAIL_TEST_TMPDIR';
const CACHES = [/^v8-compile-cache-/];

/** jest globalSetup: a private temp directory for the run. */
export function setup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-jest-'));
  const saved: Record<string, string | undefined> = {};
  for (const name of VARIABLES) {
    saved[name] = process.env[name];
    process.env[name] = dir;
  }
  process.env[KEY] = JSON.stringify({ dir, saved });
}

/** jest globalTeardown: removes the private directory; throws when tests left entries in it. */
export function teardown(): void {
  const state = process.env[KEY];
  if (state === undefined) return;
  const { dir, saved } = JSON.parse(state) as { dir: string; saved: Record<string, string | undefined> };
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  delete process.env[KEY];
  const left = fs
    .readdirSync(dir)
    .filter((entry) => !CACHES.some((cache) => cache.test(entry)))
    .sort();
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(
      `tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the OS temp directory ` +
        `(give each app an outdir in a temp dir removed in afterAll/afterEach, and remove every temp dir a test makes): ${left.join(', ')}`,
    );
  }
}
