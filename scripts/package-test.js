#!/usr/bin/env node
/**
 * `npm run package-test` (run by .ci/run): uses the package as a consumer
 * would, following README "Use it in your project".
 *
 * 1. `npm pack` (which builds on `prepack`) into a temporary directory, and
 *    checks the tarball's contents: LICENSE, no provider sources already inside
 *    the bundle, no reference to a file the package does not ship.
 * 2. Installs the tarball into a fresh project with only the required peers
 *    (never the optional `@alicloud/ros-cdk-ros`), plus typescript, ts-node and
 *    @types/node, and checks that npm warned about no script of this package.
 * 3. Runs strict `tsc --noEmit` (no skipLibCheck) on test/packaging/consumer, an
 *    app that uses every public construct except the stack-group rollout.
 * 4. Runs the app the way `ros-cdk` does (cdk.json's `app`, CDK_OUTDIR and
 *    CDK_CONTEXT_JSON set) and checks the cloud assembly and the templates,
 *    reading the assembly with @alicloud/ros-cdk-cxapi as the ros-cdk CLI does.
 * 5. Checks that the stack-group rollout without the optional peer fails with
 *    what to install, and that each command in `bin` (if any) answers `--help`.
 *
 * Needs only the npm registry (versions are pinned to those this repository
 * installed, so npm's cache usually serves them). Removes everything it made.
 * Set KEEP_PACKAGE_TEST=1 to keep the temporary directory for inspection.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const consumerFixture = path.join(root, 'test', 'packaging', 'consumer');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The version of `name` this repository installed (so the test matches what CI tests). */
function installedVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function run(command, args, options = {}) {
  const shown = [command, ...args].join(' ');
  console.log(`package-test: $ ${shown}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0 && !options.allowFailure) {
    process.stdout.write(result.stdout || '');
    process.stderr.write(result.stderr || '');
    fail(`'${shown}' exited with ${result.status === null ? result.signal : result.status}`);
  }
  return result;
}

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}
function fail(message) {
  throw new Error(message);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-package-test-'));
function cleanUp() {
  if (process.env.KEEP_PACKAGE_TEST === '1') {
    console.log(`package-test: kept ${work}`);
    return;
  }
  fs.rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => { cleanUp(); process.exit(130); });
process.on('SIGTERM', () => { cleanUp(); process.exit(143); });

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  // 1. Pack.
  const packed = run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root });
  const packInfo = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
  const tarball = path.join(work, packInfo.filename);
  const shipped = packInfo.files.map((f) => f.path);
  console.log(`package-test: ${packInfo.filename}: ${shipped.length} files, ${packInfo.size} bytes packed, ${packInfo.unpackedSize} bytes unpacked`);

  // 2. Install into a fresh project: the required peers only.
  const project = path.join(work, 'consumer');
  fs.cpSync(consumerFixture, project, { recursive: true });
  const optionalPeers = Object.keys(pkg.peerDependenciesMeta || {}).filter((p) => pkg.peerDependenciesMeta[p].optional);
  const requiredPeers = Object.keys(pkg.peerDependencies || {}).filter((p) => !optionalPeers.includes(p));
  const tools = ['typescript', 'ts-node', '@types/node'];
  const install = run(npm, [
    'install', '--no-audit', '--no-fund', '--prefer-offline',
    tarball,
    ...[...requiredPeers, ...tools].map((p) => `${p}@${installedVersion(p)}`),
  ], { cwd: project });
  const installOutput = `${install.stdout}\n${install.stderr}`;
  const installed = path.join(project, 'node_modules', pkg.name);
  check(fs.existsSync(path.join(installed, 'package.json')), `${pkg.name} is not installed`);
  for (const peer of optionalPeers) {
    check(!fs.existsSync(path.join(project, 'node_modules', peer)), `the optional peer ${peer} got installed: the test must run without it`);
  }
  check(!new RegExp(`${pkg.name}@[^\\s]* \\((prepare|preinstall|install|postinstall)`).test(installOutput),
    `npm warned about a script of ${pkg.name} while installing it:\n${installOutput}`);

  // What the package ships.
  const files = listFiles(installed);
  check(files.includes('LICENSE') && /Apache License\s+Version 2\.0/.test(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')), 'LICENSE (Apache-2.0) is not shipped');
  for (const field of ['repository', 'homepage', 'bugs']) check(pkg[field] !== undefined, `package.json has no '${field}'`);
  const neverLoaded = files.filter((f) => /^dist\/lib\/provider\/(handler\.|runtime\/(?!(actions|variables)\.))/.test(f));
  check(neverLoaded.length === 0, `the provider's sources ship although the bundle already holds them: ${neverLoaded.join(', ')}`);
  const missingTargets = [];
  for (const file of files.filter((f) => /\.(js|d\.ts|json|md)$/.test(f))) {
    const text = fs.readFileSync(path.join(installed, file), 'utf8');
    // Relative imports must resolve inside the package.
    for (const m of text.matchAll(/(?:require\(|from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(path.join(installed, file)), m[1]);
      const found = ['', '.js', '.d.ts', '.json', '/index.js', '/index.d.ts'].some((ext) => fs.existsSync(target + ext));
      if (!found) missingTargets.push(`${file} -> ${m[1]}`);
    }
    // Code and its comments must not cite repository files that are not shipped
    // (the README is the repository's own and links to it with absolute URLs).
    // package.json's scripts name the repository's own build scripts.
    if (file === 'README.md' || file === 'package.json') continue;
    for (const m of text.matchAll(/(?:FACTS\.md|ARCHITECTURE\.md|\bdocs\/[\w.-]+|\bscripts\/[\w.-]+|\btest\/[\w./-]+|\bexamples\/[\w.-]+\.ts|\blib\/[\w./-]+\.ts)/g)) {
      missingTargets.push(`${file} cites ${m[0]}`);
    }
  }
  check(missingTargets.length === 0, `the package references files it does not ship:\n  ${missingTargets.join('\n  ')}`);
  const readme = fs.readFileSync(path.join(installed, 'README.md'), 'utf8');
  const relativeLinks = [...readme.matchAll(/\]\((?!https?:\/\/|#|mailto:)([^)]+)\)/g)].map((m) => m[1]);
  check(relativeLinks.length === 0, `README.md has relative links that break outside the repository: ${relativeLinks.join(', ')}`);

  // 3. Strict type-check, no skipLibCheck.
  const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
  check(tsconfig.compilerOptions.strict === true && !tsconfig.compilerOptions.skipLibCheck, 'the consumer tsconfig must be strict without skipLibCheck');
  run(npm, ['run', 'typecheck', '--silent'], { cwd: project });

  // 4. Synthesize as ros-cdk does: cdk.json's app, with CDK_OUTDIR and CDK_CONTEXT_JSON.
  const cdkJson = JSON.parse(fs.readFileSync(path.join(project, 'cdk.json'), 'utf8'));
  const outdir = path.join(project, 'cdk.out');
  const synth = run(cdkJson.app, [], {
    cwd: project,
    shell: true,
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context || {}) },
  });
  process.stdout.write(synth.stdout);
  checkAssembly(project, outdir);

  // The package's commands, if it has any (`bin`), run from the consumer's project.
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin || {});
  for (const name of Object.keys(bins).sort()) {
    const help = run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', name, '--help'], { cwd: project, allowFailure: true });
    check(help.status === 0 && `${help.stdout}${help.stderr}`.trim() !== '', `'npx ${name} --help' in the consumer project exited ${help.status}:\n${help.stdout}${help.stderr}`);
  }

  // 5. The stack-group rollout without the optional peer: a clear error.
  const rollout = run(process.execPath, ['-e', `
    const ros = require('@alicloud/ros-cdk-core');
    const { MemberAccountTrails } = require('${pkg.name}');
    const app = new ros.App({ outdir: require('path').join(${JSON.stringify(work)}, 'rollout.out') });
    new MemberAccountTrails(new ros.Stack(app, 'Rollout', { env: { region: 'cn-hangzhou' } }), 'Members', {
      projectArn: 'acs:odps:cn-hangzhou:6666666666666666:project/actiontrail_archive',
      roleArn: 'acs:ram::6666666666666666:role/ActionTrailDeliveryRole',
      folderIds: ['fd-ExampleFolder'],
    });`], { cwd: project, allowFailure: true });
  check(rollout.status !== 0 && /install the peer dependency @alicloud\/ros-cdk-ros/.test(rollout.stderr),
    `MemberAccountTrails without @alicloud/ros-cdk-ros must fail with what to install; got exit ${rollout.status}:\n${rollout.stderr}`);
}

/** Reads the cloud assembly as the ros-cdk CLI does and checks the templates. */
function checkAssembly(project, outdir) {
  const cxapi = require(require.resolve('@alicloud/ros-cdk-cxapi', { paths: [path.join(project, 'node_modules', '@alicloud', 'ros-cdk-core')] }));
  const assembly = new cxapi.CloudAssembly(outdir);
  const stacks = Object.fromEntries(assembly.stacks.map((s) => [s.id, s]));
  const expected = ['SingleAccount', 'LogArchive', 'Source', 'OrgAudit-LogArchive', 'OrgAudit-Management', 'L1Resources'];
  check(JSON.stringify(Object.keys(stacks).sort()) === JSON.stringify([...expected].sort()), `stacks: ${Object.keys(stacks).join(', ')}`);
  const errors = assembly.stacks.flatMap((s) => s.messages.filter((m) => m.level === 'error').map((m) => `${m.id}: ${m.entry.data}`));
  check(errors.length === 0, `the assembly carries errors:\n  ${errors.join('\n  ')}`);
  for (const s of assembly.stacks) {
    // `ros-cdk deploy <stack>` reads ./cdk.out/<stack>.template.json.
    check(fs.existsSync(path.join(outdir, `${s.id}.template.json`)), `${s.id}.template.json is missing`);
  }
  const types = (id) => Object.values((stacks[id] && stacks[id].template.Resources) || {}).map((r) => r.Type);
  const resources = (id, type) => Object.values((stacks[id] && stacks[id].template.Resources) || {}).filter((r) => r.Type === type);
  for (const id of ['SingleAccount', 'Source', 'OrgAudit-Management']) {
    for (const type of ['Custom::ActionTrailTrail', 'ALIYUN::FC3::Function', 'ALIYUN::RAM::Role']) {
      check(types(id).includes(type), `${id} has no ${type}`);
    }
  }
  for (const id of ['SingleAccount', 'LogArchive', 'OrgAudit-LogArchive']) {
    const projects = resources(id, 'ALIYUN::MaxCompute::Project');
    check(projects.length === 1, `${id} has ${projects.length} MaxCompute projects, expected 1`);
    check(projects.every((p) => p.DeletionPolicy === 'Retain'), `${id}'s MaxCompute project is not retained on stack delete`);
  }
  const sourceTrail = resources('Source', 'Custom::ActionTrailTrail')[0];
  check(sourceTrail && sourceTrail.Properties.Parameters.MaxComputeProjectArn === 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
    `Source's trail does not deliver to the archive project: ${JSON.stringify(sourceTrail && sourceTrail.Properties.Parameters)}`);
  for (const type of ['ALIYUN::ACTIONTRAIL::Trail', 'ALIYUN::ACTIONTRAIL::TrailLogging', 'ALIYUN::ACTIONTRAIL::HistoryDeliveryJob', 'ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate', 'ALIYUN::MaxCompute::Project']) {
    check(types('L1Resources').includes(type), `L1Resources has no ${type}`);
  }
  // The manifest's dependency IDs (cxapi 1.12's `dependencies` getter returns undefined).
  const deps = (id) => (stacks[id] ? stacks[id]._dependencyIDs : []);
  check(deps('OrgAudit-Management').includes('OrgAudit-LogArchive'), 'OrgAudit-Management does not depend on OrgAudit-LogArchive in the manifest');
  check(deps('Source').includes('LogArchive'), 'Source does not depend on LogArchive in the manifest');
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'audit-checks.json'), 'utf8'));
  check(report.summary.errors === 0, `audit-checks.json reports ${report.summary.errors} errors`);
  console.log(`package-test: synthesized ${assembly.stacks.length} stacks: ${assembly.stacks.map((s) => `${s.id} (${Object.keys(s.template.Resources || {}).length} resources)`).join(', ')}`);
}

let exitCode = 0;
try {
  main();
} catch (error) {
  failures.push(error.message);
} finally {
  cleanUp();
}
if (failures.length > 0) {
  console.error(`package-test: FAILED\n- ${failures.join('\n- ')}`);
  exitCode = 1;
} else {
  console.log('package-test: OK: packed, installed without the optional peer, strict tsc passed, synthesized and checked');
}
process.exit(exitCode);
