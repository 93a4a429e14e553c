/**
 * Apps, stacks and helpers for the construct-level fuzz tests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import fc from 'fast-check';
import { charOf, DIGITS, LETTERS, stringOf, UPPER } from './arbitraries';

let outdir: string | undefined;

// Apps share one output directory per test file (an app without `outdir`
// makes a new temporary directory each time); it is removed after the file.
afterAll(() => {
  if (outdir !== undefined) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
});

/** A new app (no stack traces: faster) and stack for one run. */
export function fuzzStack(id = 'Audit', env: ros.Environment = { region: 'cn-hangzhou' }): ros.Stack {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-fuzz-'));
  const app = new ros.App({ outdir, stackTraces: false });
  return new ros.Stack(app, id, { env });
}

/** Synthesizes the app that holds `stack` and returns that stack's template. */
export function synth(stack: ros.Stack): any {
  return (stack.node.root as ros.App).synth().getStackByName(stack.stackName).template;
}

/**
 * Construct ids for stacks and trails. Ids starting with `ActionTrailPro` are
 * left out: the library uses `ActionTrailProvider*` and `ActionTrailProject`
 * for its own children (see known-bugs.fuzz.test.ts).
 */
export const constructId: fc.Arbitrary<string> = fc.tuple(charOf(UPPER), stringOf(LETTERS + DIGITS, 0, 10))
  .map(([a, b]) => a + b)
  .filter((id) => !id.startsWith('ActionTrailPro'));

/** Runs `f` and returns what it threw, or `undefined` when it returned. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Describes what `thrown` returned, for failure messages. */
export function describeThrown(e: unknown): string {
  if (e === undefined) return 'no error';
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 500)}`;
  return `non-Error thrown: ${String(e).slice(0, 500)}`;
}
