/**
 * Checks that read the provider's source files as text. They cannot hold under
 * Stryker, whose sandbox holds instrumented sources, so jest.stryker.config.js
 * leaves this file out of the mutation run; `npm test` and CI run it.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { API_ACTIONS, DATA_EVENT_API_ACTIONS, ROS_API_ACTIONS } from '../../lib/shared/provider-contract';

const lib = path.join(__dirname, '../../lib');
const runtime = path.join(lib, 'provider/runtime');

/** Every TypeScript file under `dir`. */
function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The module specifiers a source file imports or re-exports. */
function importsOf(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

describe('API_ACTIONS', () => {
  test('with DATA_EVENT_API_ACTIONS, covers every operation named in the provider sources', () => {
    const sources = [path.join(lib, 'provider/handler.ts'), ...sourcesUnder(runtime)];
    const called = new Set<string>();
    for (const file of sources) {
      for (const m of fs
        .readFileSync(file, 'utf8')
        .matchAll(/\.call\(\s*(?:'([A-Za-z]+)'|[^,]*\?\s*'([A-Za-z]+)'\s*:\s*'([A-Za-z]+)')/g)) {
        for (const name of m.slice(1)) if (name) called.add(name);
      }
    }
    expect(called.size).toBeGreaterThan(0);
    for (const op of called) expect([...API_ACTIONS, ...DATA_EVENT_API_ACTIONS, ...ROS_API_ACTIONS]).toContain(op);
    // The data-event operations are all called (none granted for nothing).
    for (const op of DATA_EVENT_API_ACTIONS) expect([...called]).toContain(op);
    expect(called).toContain('GetStackResource');
  });
});

describe("the bundle's boundaries", () => {
  test('runtime/ imports only runtime/, lib/shared and Node built-ins', () => {
    const offenders: string[] = [];
    const files = sourcesUnder(runtime);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (!builtinModules.includes(spec.replace(/^node:/, '')))
            offenders.push(`${path.relative(lib, file)} -> ${spec}`);
          continue;
        }
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(runtime + path.sep) && !target.startsWith(path.join(lib, 'shared') + path.sep))
          offenders.push(`${path.relative(lib, file)} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('the custom resource protocol knows nothing of the trail: it imports only itself, log, http and lib/shared', () => {
    const dir = path.join(runtime, 'custom-resource');
    const allowed = [
      dir + path.sep,
      path.join(runtime, 'log'),
      path.join(runtime, 'http'),
      path.join(lib, 'shared') + path.sep,
    ];
    const offenders = sourcesUnder(dir).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => !allowed.some((a) => path.resolve(path.dirname(file), spec).startsWith(a)))
        .map((spec) => `${path.relative(lib, file)} -> ${spec}`),
    );
    expect(sourcesUnder(dir).length).toBeGreaterThan(3);
    expect(offenders).toEqual([]);
  });

  test('the check sees the imports it must catch', () => {
    const file = path.join(runtime, 'trail-handler.ts');
    expect(importsOf(file)).toEqual(expect.arrayContaining(['./actiontrail-client', './custom-resource/safe-handler']));
  });
});
