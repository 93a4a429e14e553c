/**
 * Checks that read the provider's source files as text. They cannot hold under
 * Stryker, whose sandbox holds instrumented sources, so jest.stryker.config.js
 * leaves this file out of the mutation run; `npm test` and CI run it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { API_ACTIONS } from '../../lib/provider/runtime/actions';

describe('API_ACTIONS', () => {
  test('covers every operation named in the provider sources', () => {
    const dir = path.join(__dirname, '../../lib/provider/runtime');
    const sources = [path.join(__dirname, '../../lib/provider/handler.ts'), ...fs.readdirSync(dir).map((f) => path.join(dir, f))];
    const called = new Set<string>();
    for (const file of sources) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\.call\(\s*(?:'([A-Za-z]+)'|[^,]*\?\s*'([A-Za-z]+)'\s*:\s*'([A-Za-z]+)')/g)) {
        for (const name of m.slice(1)) if (name) called.add(name);
      }
    }
    expect(called.size).toBeGreaterThan(0);
    for (const op of called) expect(API_ACTIONS).toContain(op);
  });
});
