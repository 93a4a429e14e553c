/**
 * The boundary between the library (the root package, actiontrail-cdk) and the
 * CLI (cli/, actiontrail-cdk-cli): requiring the library must not load the CLI
 * or the SDKs (they cost startup time and would be loaded by every synth); the
 * SDKs are the CLI package's dependencies, not the library's; the CLI takes
 * from the library's sources only the kernel, lib/shared, which its build
 * bundles in; and `StackEnvironments.record` puts each stack's literal env in
 * the cloud assembly for the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import { spawnSync } from 'child_process';
import { buildSync, BuildOptions } from 'esbuild';
import * as ts from 'typescript';
import * as ros from '@alicloud/ros-cdk-core';
import {
  DeliveryDestination,
  MaxComputeDestination,
  StackEnvironments,
  STACK_ENVIRONMENT_METADATA,
  Trail,
} from '../../lib';
import { readAssembly } from '../src/assembly';
import { writeAssembly } from './harness';
import { tempDir } from '../../test/support/temp';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI_ROOT = path.resolve(__dirname, '..');
const SDKS = ['@alicloud/credentials', '@alicloud/openapi-core', '@alicloud/ros20190910'];

function packageJson(dir: string): {
  name: string;
  bin?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  workspaces?: string[];
} {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

test("the SDKs are the CLI package's dependencies, not the library's, and the CLI package does not depend on the library", () => {
  const library = packageJson(ROOT);
  const cli = packageJson(CLI_ROOT);
  expect(library.name).toBe('actiontrail-cdk');
  expect(library.workspaces).toEqual(['cli']);
  expect(library.bin).toBeUndefined();
  expect(
    Object.keys({ ...library.dependencies, ...library.peerDependencies }).filter(
      (d) => SDKS.includes(d) || d.startsWith('@alicloud/tea-'),
    ),
  ).toEqual([]);
  expect(cli.name).toBe('actiontrail-cdk-cli');
  expect(cli.bin).toEqual({ 'actiontrail-cdk': 'bin/actiontrail-cdk.js' });
  // Neither package is on the registry: a dependency on the library would make `npm ci` fetch it.
  expect(Object.keys(cli.dependencies ?? {}).sort()).toEqual([...SDKS].sort());
});

test("the CLI's sources import only Node built-ins, the SDKs, each other, the kernel (lib/shared) and the package's own package.json (--version)", () => {
  const allowedPackages = new Set(Object.keys(packageJson(CLI_ROOT).dependencies ?? {}));
  const builtins = new Set(builtinModules);
  const kernel = path.join(ROOT, 'lib', 'shared') + path.sep;
  const src = path.join(CLI_ROOT, 'src') + path.sep;
  // Bundled in at build time (esbuild keeps only the `version` it reads).
  const ownPackageJson = path.join(CLI_ROOT, 'package.json');
  const files = sourceFiles(src);
  const imports = files.flatMap((file) =>
    ts
      .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => ({ file, specifier: i.fileName })),
  );
  expect(imports.length).toBeGreaterThan(files.length);
  const kernelImports = imports.filter((i) => path.resolve(path.dirname(i.file), i.specifier).startsWith(kernel));
  expect(kernelImports.length).toBeGreaterThan(0);
  const forbidden = imports
    .filter(({ file, specifier }) => {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        return !target.startsWith(src) && !target.startsWith(kernel) && target !== ownPackageJson;
      }
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      return !builtins.has(specifier.replace(/^node:/, '')) && !allowedPackages.has(name);
    })
    .map(({ file, specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`);
  expect(forbidden).toEqual([]);
});

test("the CLI's bundle (as its build makes it) holds the kernel and loads no SDK for --help and list", () => {
  const options = JSON.parse(
    fs.readFileSync(path.join(CLI_ROOT, 'scripts', 'esbuild-options.json'), 'utf8'),
  ) as BuildOptions;
  const result = buildSync({
    ...options,
    entryPoints: [path.join(CLI_ROOT, 'src', 'main.ts')],
    absWorkingDir: CLI_ROOT,
    write: false,
    outfile: 'main.js',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  // The kernel is inside (esbuild names each bundled module by its path); no import leaves for the library.
  expect(code).toMatch(/\/\/ \.\.\/lib\/shared\/redact\.ts/);
  expect(
    [...code.matchAll(/require\("([^"]+)"\)/g)]
      .map((m) => m[1])
      .filter((m) => !builtinModules.includes(m) && !SDKS.includes(m)),
  ).toEqual([]);
  // Inside node_modules, so that the SDKs would resolve as they do for the shipped bundle.
  fs.mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'atcdk-cli-boundary-'));
  try {
    const bundle = path.join(dir, 'main.js');
    fs.writeFileSync(bundle, code);
    writeAssembly(path.join(dir, 'cdk.out'), [
      {
        id: 'Audit',
        template: { ROSTemplateFormatVersion: '2015-09-01' },
        account: '1111111111111111',
        region: 'cn-hangzhou',
      },
    ]);
    const script = `
      const { PassThrough } = require('stream');
      const out = new PassThrough();
      const io = { stdout: out, stderr: out, stdin: new PassThrough(), cwd: ${JSON.stringify(dir)}, env: {} };
      const { runCli } = require(${JSON.stringify(bundle)});
      (async () => {
        let output = '';
        out.on('data', (d) => { output += d; });
        const codes = [await runCli(['--help'], io), await runCli(['list', '--app', 'cdk.out'], io)];
        const loaded = Object.keys(require.cache).filter((f) => /@alicloud[\\\\/](ros20190910|openapi-core|credentials|pop-core)|@darabonba/.test(f));
        process.stdout.write(JSON.stringify({ codes, loaded, listed: /^Audit +1111111111111111 +cn-hangzhou/m.test(output) || output }));
      })();
    `;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ codes: [0, 0], loaded: [], listed: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('requiring the library loads no SDK and no CLI module', () => {
  const script = `
    require('ts-node').register({ transpileOnly: true });
    require('./lib');
    const loaded = Object.keys(require.cache).filter((f) => /@alicloud[\\\\/](ros20190910|openapi-core|credentials|pop-core)|@darabonba|[\\\\/]cli[\\\\/](src|dist|bin)[\\\\/]/.test(f));
    process.stdout.write(JSON.stringify(loaded));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([]);
});

test('StackEnvironments.record writes literal accounts and regions that the CLI reads back', () => {
  const outdir = tempDir('atcdk-env-');
  const app = new ros.App({ outdir });
  new ros.Stack(app, 'Literal', { env: { account: '3333333333333333', region: 'cn-beijing' } });
  new ros.Stack(app, 'RegionOnly', { env: { region: 'cn-shanghai' } });
  new ros.Stack(app, 'Agnostic');
  StackEnvironments.record(app);
  app.synth();

  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  expect(manifest.artifacts.Literal.metadata['/Literal']).toContainEqual(
    expect.objectContaining({
      type: STACK_ENVIRONMENT_METADATA,
      data: { account: '3333333333333333', region: 'cn-beijing' },
    }),
  );
  const assembly = readAssembly(outdir);
  const env = Object.fromEntries(assembly.stacks.map((s) => [s.id, { account: s.account, region: s.region }]));
  expect(env).toEqual({
    Literal: { account: '3333333333333333', region: 'cn-beijing' },
    RegionOnly: { account: undefined, region: 'cn-shanghai' },
    Agnostic: { account: undefined, region: undefined },
  });
});

test("a Trail and a DeliveryDestination record their own stack's environment, once, without StackEnvironments.record", () => {
  const outdir = tempDir('atcdk-env-');
  try {
    const app = new ros.App({ outdir });
    const archive = new ros.Stack(app, 'Archive', { env: { account: '3333333333333333', region: 'cn-beijing' } });
    new DeliveryDestination(archive, 'Destination', { sourceAccountIds: ['1111111111111111'] });
    const source = new ros.Stack(app, 'Source', { env: { account: '1111111111111111', region: 'cn-hangzhou' } });
    for (const name of ['audit_one', 'audit_two']) {
      new Trail(source, name, { trailName: name, maxCompute: MaxComputeDestination.thisAccount() });
    }
    app.synth();

    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const entries = (stack: string) =>
      manifest.artifacts[stack].metadata[`/${stack}`].filter(
        (m: { type: string }) => m.type === STACK_ENVIRONMENT_METADATA,
      );
    expect(entries('Source').map((m: { data: unknown }) => m.data)).toEqual([
      { account: '1111111111111111', region: 'cn-hangzhou' },
    ]);
    expect(entries('Archive').map((m: { data: unknown }) => m.data)).toEqual([
      { account: '3333333333333333', region: 'cn-beijing' },
    ]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
