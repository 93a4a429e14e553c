/**
 * The public declarations (what `tsc` emits for lib/, as the package ships it):
 * a consumer's strict `tsc` without skipLibCheck reads them all, so they must
 * not name an optional peer, nor cite files the package does not ship.
 * (scripts/package-test.js checks the same on the real tarball, in CI.)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the declarations the package ships', () => {
  const declarations = new Map<string, string>();
  const javascript = new Map<string, string>();

  beforeAll(() => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      declaration: true,
      rootDir: root,
      outDir: path.join(root, 'dist'),
      types: ['node'],
    };
    const program = ts.createProgram([path.join(root, 'lib', 'index.ts')], options);
    program.emit(undefined, (file, text) => {
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (relative.endsWith('.d.ts')) declarations.set(relative, text);
      else if (relative.endsWith('.js')) javascript.set(relative, text);
    });
  }, 120_000);

  test('cover every module the index exports', () => {
    expect(declarations.has('dist/lib/index.d.ts')).toBe(true);
    expect(declarations.has('dist/lib/blueprints/member-account-trails.d.ts')).toBe(true);
    expect(declarations.size).toBeGreaterThan(30);
  });

  test('name no optional peer dependency (a consumer without it would fail strict tsc)', () => {
    const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter((p) => pkg.peerDependenciesMeta[p].optional);
    expect(optional).toContain('@alicloud/ros-cdk-ros');
    // Module references: import/export ... from, import("..."), require(), /// <reference types>.
    const specifiers = (text: string) =>
      [...text.matchAll(/(?:from\s+|import\(\s*|require\(\s*|<reference\s+types=)['"]([^'"]+)['"]/g)].map((m) => m[1]);
    const offenders = [...declarations].flatMap(([file, text]) =>
      specifiers(text)
        .filter((s) => optional.some((p) => s === p || s.startsWith(`${p}/`)))
        .map((s) => `${file} -> ${s}`),
    );
    expect(offenders).toEqual([]);
    // The check sees the references it must catch.
    expect(
      specifiers(
        'import type { RosStackGroup } from \'@alicloud/ros-cdk-ros\';\nlet x: typeof import("@alicloud/ros-cdk-ros");',
      ),
    ).toEqual(['@alicloud/ros-cdk-ros', '@alicloud/ros-cdk-ros']);
  });

  test('load no provider runtime module: the bundle holds them all, and the package needs no special case for them', () => {
    const runtimeImports = [...javascript, ...declarations].flatMap(([file, text]) =>
      [...text.matchAll(/(?:require\(|from\s+)['"]([^'"]*(?:runtime\/[^'"]*|provider\/handler))['"]/g)].map(
        (m) => `${file} -> ${m[1]}`,
      ),
    );
    expect(runtimeImports).toEqual([]);
    // The construct's side of the contract (actions, variable names) is in lib/shared.
    expect(javascript.has('dist/lib/shared/provider-contract.js')).toBe(true);
    const files: string[] = pkg.files;
    expect(files.filter((f) => f.includes('provider'))).toEqual([]);
  });

  test('cite no file the package does not ship (design notes, scripts, tests, docs)', () => {
    const citations = [...declarations, ...javascript]
      .filter(
        ([file]) =>
          (!file.startsWith('dist/lib/provider/handler.') && !file.startsWith('dist/lib/provider/runtime/')) ||
          file.includes('/runtime/actions.'),
      )
      .flatMap(([file, text]) =>
        [
          ...text.matchAll(
            /(?:FACTS\.md|ARCHITECTURE\.md|\bdocs\/[\w.-]+|\bscripts\/[\w.-]+|\btest\/[\w./-]+|\bexamples\/[\w.-]+\.ts|\blib\/[\w./-]+\.ts)/g,
          ),
        ].map((m) => `${file}: ${m[0]}`),
      );
    expect(citations).toEqual([]);
  });
});
