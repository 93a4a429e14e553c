#!/usr/bin/env node
/**
 * `npm run package-test` (run by .ci/run): uses both packages as a consumer
 * would, following README "Use it in your project": the library (the root
 * package, actiontrail-cdk) and the CLI (the cli/ workspace, actiontrail-cdk-cli).
 *
 * 1. `npm pack`s both (each builds on `prepack`) into a temporary directory, and
 *    checks the tarballs' contents: LICENSE, no provider sources already inside
 *    the bundle, no reference to a file the package does not ship; the CLI's
 *    bundle requires nothing but Node built-ins and its own dependencies (the
 *    kernel it takes from the library is inside: cli/scripts/build.js).
 * 2. Installs the library's tarball into a fresh project with only the required
 *    peers (never the optional `@alicloud/ros-cdk-ros`), plus typescript, ts-node
 *    and @types/node, and checks that no SDK package landed in node_modules and
 *    that npm printed no install-script warning (issue 18: library users install
 *    no SDK; the SDKs and openapi-core's postinstall belong to the CLI).
 *    The project's cdk.json, tsconfig.json and package.json scripts are the
 *    README's (its JSON blocks of "Use it in your project", which must equal the
 *    fixture's files), and the README's minimal app is added as bin/readme-app.ts.
 * 3. Runs strict `tsc --noEmit` (no skipLibCheck) on the consumer fixture
 *    (CONSUMER_FIXTURE), an app that uses every public construct except the
 *    stack-group rollout, and on the README's minimal app: with the TypeScript
 *    this repository installed and with TYPESCRIPT_NEXT (README: the tsconfig
 *    works under both).
 * 4. Runs the app the way `ros-cdk` does (cdk.json's `app`, CDK_OUTDIR and
 *    CDK_CONTEXT_JSON set) and checks the cloud assembly and the templates,
 *    reading the assembly with @alicloud/ros-cdk-cxapi as the ros-cdk CLI does.
 * 5. Checks that the stack-group rollout without the optional peer fails with
 *    what to install.
 * 6. Installs the CLI's tarball into the same project and runs each of its
 *    commands (`bin`) with `--help`, and `actiontrail-cdk list` on the assembly
 *    of step 4. The packages with install scripts it brings are exactly those
 *    README "What npm prints while installing" names (INSTALL_SCRIPTS_OF_CLI),
 *    and any such line npm printed is quoted there verbatim.
 * 7. The alerts subpath (issue 22): `actiontrail-cdk/alerts` without its optional
 *    peers fails with what to install; after installing @alicloud/ros-cdk-eventbridge
 *    and @alicloud/ros-cdk-sls it type-checks (strict) and synthesizes an
 *    AuditAlerts stack, and the main entry still loads neither package.
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

/** The consumer app (relative to the repository's root) that the library is installed into. */
const CONSUMER_FIXTURE = path.join('test', 'packaging', 'consumer');
/** The CLI's workspace (relative to the repository's root). */
const CLI_WORKSPACE = 'cli';
/** What library users must not get: the CLI's SDKs and what they bring (`@alicloud/tea-*`). */
const SDK_PACKAGE = /^(@alicloud\/(openapi-core|credentials|ros20190910|tea-[\w.-]+)|@darabonba\/[\w.-]+)$/;

/**
 * The newest TypeScript the README's tsconfig is checked with besides the one this
 * repository installed (README "A minimal app": TypeScript 6 rejects the `node10`
 * module resolution, so this keeps the README's tsconfig from going back to it).
 */
const TYPESCRIPT_NEXT = '6.0.3';
/** The packages with install scripts that the CLI brings (README "What npm prints while installing"). */
const INSTALL_SCRIPTS_OF_CLI = ['@alicloud/openapi-core'];

const root = path.resolve(__dirname, '..');
const consumerFixture = path.join(root, CONSUMER_FIXTURE);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cliPkg = JSON.parse(fs.readFileSync(path.join(root, CLI_WORKSPACE, 'package.json'), 'utf8'));

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
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
process.on('SIGTERM', () => {
  cleanUp();
  process.exit(143);
});

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** Every package installed under `dir`/node_modules, at any depth, by name (`@scope/name`). */
function installedPackages(dir) {
  const names = new Set();
  const walk = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const e of fs.readdirSync(modules, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(modules, e.name);
      const packages = e.name.startsWith('@')
        ? fs.readdirSync(full).map((n) => [`${e.name}/${n}`, path.join(full, n)])
        : [[e.name, full]];
      for (const [name, location] of packages) {
        names.add(name);
        walk(path.join(location, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return names;
}

/**
 * Every package installed under `dir`/node_modules, at any depth, that has an
 * install script, as `name@version (script: command)`, sorted.
 */
function packagesWithInstallScripts(dir) {
  const found = new Set();
  const walk = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const e of fs.readdirSync(modules, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(modules, e.name);
      const locations = e.name.startsWith('@') ? fs.readdirSync(full).map((n) => path.join(full, n)) : [full];
      for (const location of locations) {
        const manifest = path.join(location, 'package.json');
        if (fs.existsSync(manifest)) {
          const { name, version, scripts = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
          for (const script of ['preinstall', 'install', 'postinstall']) {
            if (scripts[script]) found.add(`${name}@${version} (${script}: ${scripts[script]})`);
          }
        }
        walk(path.join(location, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return [...found].sort();
}

/** npm's install-script warning lines in an install's output (npm 11 prints them; npm 10 prints none). */
function installScriptWarnings(output) {
  return output.split('\n').filter((line) => /install-scripts|\((preinstall|install|postinstall)\b/.test(line));
}

/**
 * README.md's section under the heading `heading` (e.g. `## Install`), up to the
 * next heading of its level or above; lines in fenced code blocks are not headings.
 */
function readmeSection(heading) {
  const lines = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) fail(`README.md has no section '${heading}'`);
  const level = heading.indexOf(' ');
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (/^\s*```/.test(lines[end])) fenced = !fenced;
    else if (!fenced && new RegExp(`^#{1,${level}} `).test(lines[end])) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

/**
 * The project files README "Use it in your project" shows: cdk.json, tsconfig.json,
 * package.json's scripts, and the minimal app (`bin/app.ts` there).
 */
function readmeProjectFiles() {
  const section = readmeSection('## Use it in your project');
  const json = [...section.matchAll(/^```json\n([\s\S]*?)^```/gm)].map((m) => JSON.parse(m[1]));
  const one = (what, test) => {
    const found = json.filter(test);
    if (found.length !== 1)
      fail(`README "Use it in your project" has ${found.length} JSON blocks of ${what}, expected 1`);
    return found[0];
  };
  const app = section.match(/^`bin\/app\.ts`[^\n]*\n+```ts\n([\s\S]*?)^```/m);
  if (!app) fail('README "Use it in your project" has no `bin/app.ts` TypeScript block');
  return {
    cdkJson: one('cdk.json', (b) => 'app' in b),
    tsconfig: one('tsconfig.json', (b) => 'compilerOptions' in b),
    scripts: one("package.json's scripts", (b) => 'scripts' in b).scripts,
    minimalApp: app[1],
  };
}

/** The size in bytes of the files under `dir`. */
function sizeOf(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const full = path.join(dir, e.name);
    return sum + (e.isDirectory() ? sizeOf(full) : e.isFile() ? fs.statSync(full).size : 0);
  }, 0);
}

/** `npm pack` (in the workspace `workspace`, if given); returns the tarball's path. */
function pack(npm, workspace) {
  const packed = run(
    npm,
    ['pack', '--json', '--pack-destination', work, ...(workspace ? ['--workspace', workspace] : [])],
    { cwd: root },
  );
  const packInfo = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
  console.log(
    `package-test: ${packInfo.filename}: ${packInfo.files.length} files, ${packInfo.size} bytes packed, ${packInfo.unpackedSize} bytes unpacked`,
  );
  return path.join(work, packInfo.filename);
}

/**
 * Checks an installed package's files: relative imports resolve inside it, and
 * its code cites no repository file it does not ship; its README has no relative links.
 */
function checkShippedFiles(installed, files) {
  const missingTargets = [];
  for (const file of files.filter((f) => /\.(js|d\.ts|json|md)$/.test(f))) {
    const text = fs.readFileSync(path.join(installed, file), 'utf8');
    // Relative imports must resolve inside the package.
    for (const m of text.matchAll(/(?:require\(|from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(path.join(installed, file)), m[1]);
      const found = ['', '.js', '.d.ts', '.json', '/index.js', '/index.d.ts'].some((ext) =>
        fs.existsSync(target + ext),
      );
      if (!found) missingTargets.push(`${file} -> ${m[1]}`);
    }
    // Code and its comments must not cite repository files that are not shipped
    // (the README is the repository's own and links to it with absolute URLs).
    // package.json's scripts name the repository's own build scripts.
    // In a bundle (the CLI's dist/main.js), esbuild names each bundled module by
    // its source path: `// path/to/module.ts` where it starts, and `"path/to/module.ts"() {`
    // for a lazily loaded one. Those are names, not citations.
    if (file === 'README.md' || file === 'package.json') continue;
    const code = text.replace(/^\/\/ (?:\.\.\/)*[\w./-]+\.ts$|^\s*"(?:\.\.\/)*[\w./-]+\.ts"\(\) \{$/gm, '');
    for (const m of code.matchAll(
      /(?:FACTS\.md|ARCHITECTURE\.md|\bdocs\/[\w.-]+|\bscripts\/[\w.-]+|\btest\/[\w./-]+|\bexamples\/[\w.-]+\.ts|\blib\/[\w./-]+\.ts)/g,
    )) {
      missingTargets.push(`${file} cites ${m[0]}`);
    }
  }
  const name = path.basename(installed);
  check(missingTargets.length === 0, `${name} references files it does not ship:\n  ${missingTargets.join('\n  ')}`);
  const readme = fs.readFileSync(path.join(installed, 'README.md'), 'utf8');
  const relativeLinks = [...readme.matchAll(/\]\((?!https?:\/\/|#|mailto:)([^)]+)\)/g)].map((m) => m[1]);
  check(
    relativeLinks.length === 0,
    `${name}'s README.md has relative links that break outside the repository: ${relativeLinks.join(', ')}`,
  );
  check(
    files.includes('LICENSE') &&
      fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8') === fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'),
    `${name} does not ship the repository's LICENSE (Apache-2.0)`,
  );
}

function main() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

  // 1. Pack both packages.
  const tarball = pack(npm);
  const cliTarball = pack(npm, CLI_WORKSPACE);

  // 2. Install into a fresh project: the required peers only.
  const project = path.join(work, 'consumer');
  fs.cpSync(consumerFixture, project, { recursive: true });
  // The README's project files, as a user copies them; the fixture's must be the same.
  const readmeFiles = readmeProjectFiles();
  const fixtureJson = (name) => JSON.parse(fs.readFileSync(path.join(consumerFixture, name), 'utf8'));
  const writeJson = (name, value) => fs.writeFileSync(path.join(project, name), `${JSON.stringify(value, null, 2)}\n`);
  for (const [name, fromReadme, fromFixture] of [
    ['cdk.json', readmeFiles.cdkJson, fixtureJson('cdk.json')],
    ['tsconfig.json', readmeFiles.tsconfig, fixtureJson('tsconfig.json')],
    ['package.json scripts', readmeFiles.scripts, fixtureJson('package.json').scripts],
  ]) {
    check(
      JSON.stringify(fromReadme) === JSON.stringify(fromFixture),
      `README "Use it in your project" and ${CONSUMER_FIXTURE} differ in ${name}: README ${JSON.stringify(fromReadme)}, fixture ${JSON.stringify(fromFixture)}`,
    );
  }
  writeJson('cdk.json', readmeFiles.cdkJson);
  writeJson('tsconfig.json', readmeFiles.tsconfig);
  writeJson('package.json', { ...fixtureJson('package.json'), scripts: readmeFiles.scripts });
  fs.writeFileSync(path.join(project, 'bin', 'readme-app.ts'), readmeFiles.minimalApp);
  const optionalPeers = Object.keys(pkg.peerDependenciesMeta || {}).filter((p) => pkg.peerDependenciesMeta[p].optional);
  const requiredPeers = Object.keys(pkg.peerDependencies || {}).filter((p) => !optionalPeers.includes(p));
  const tools = ['typescript', 'ts-node', '@types/node'];
  const install = run(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      ...[...requiredPeers, ...tools].map((p) => `${p}@${installedVersion(p)}`),
    ],
    { cwd: project },
  );
  const installOutput = `${install.stdout}\n${install.stderr}`;
  const installed = path.join(project, 'node_modules', pkg.name);
  check(fs.existsSync(path.join(installed, 'package.json')), `${pkg.name} is not installed`);
  for (const peer of optionalPeers) {
    check(
      !fs.existsSync(path.join(project, 'node_modules', peer)),
      `the optional peer ${peer} got installed: the test must run without it`,
    );
  }
  check(
    !new RegExp(`${pkg.name}@[^\\s]* \\((prepare|preinstall|install|postinstall)`).test(installOutput),
    `npm warned about a script of ${pkg.name} while installing it:\n${installOutput}`,
  );
  // No SDK, and so no install-script warning at all (openapi-core's postinstall was the one).
  const libraryInstall = installedPackages(project);
  const sdks = [...libraryInstall].filter((name) => SDK_PACKAGE.test(name)).sort();
  check(sdks.length === 0, `installing ${pkg.name} installed SDK packages: ${sdks.join(', ')}`);
  const scriptWarnings = installScriptWarnings(installOutput);
  check(
    scriptWarnings.length === 0,
    `npm printed install-script warnings while installing ${pkg.name}:\n${scriptWarnings.join('\n')}`,
  );
  const withScripts = packagesWithInstallScripts(project);
  check(
    withScripts.length === 0,
    `installing ${pkg.name} with its peers and the tools installed packages with install scripts: ${withScripts.join(', ')}`,
  );
  console.log(
    `package-test: ${pkg.name} with its required peers and the tools: ${libraryInstall.size} packages, ${(sizeOf(path.join(project, 'node_modules')) / 2 ** 20).toFixed(1)} MiB, no SDK, no install-script warning`,
  );

  // What the package ships.
  const files = listFiles(installed);
  check(
    files.includes('LICENSE') &&
      /Apache License\s+Version 2\.0/.test(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')),
    'LICENSE (Apache-2.0) is not shipped',
  );
  for (const field of ['repository', 'homepage', 'bugs'])
    check(pkg[field] !== undefined, `package.json has no '${field}'`);
  check(
    pkg.bin === undefined && !files.some((f) => f.startsWith('bin/')),
    `${pkg.name} ships a command: the commands are ${cliPkg.name}'s`,
  );
  // The bundle holds the provider's runtime; the construct-function contract is in lib/shared.
  const neverLoaded = files.filter((f) => /^dist\/lib\/provider\/(handler\.|runtime\/)/.test(f));
  check(
    neverLoaded.length === 0,
    `the provider's sources ship although the bundle already holds them: ${neverLoaded.join(', ')}`,
  );
  checkShippedFiles(installed, files);

  // 3. Strict type-check, no skipLibCheck.
  const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
  check(
    tsconfig.compilerOptions.strict === true && !tsconfig.compilerOptions.skipLibCheck,
    'the consumer tsconfig must be strict without skipLibCheck',
  );
  run(npm, ['run', 'typecheck', '--silent'], { cwd: project });
  // The same tsconfig under the newest TypeScript checked (its own directory: the project keeps its own).
  const tsNext = path.join(work, 'typescript-next');
  fs.mkdirSync(tsNext);
  fs.writeFileSync(path.join(tsNext, 'package.json'), '{ "private": true }\n');
  run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', `typescript@${TYPESCRIPT_NEXT}`], {
    cwd: tsNext,
  });
  const tscNext = path.join(tsNext, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tscNext, '--noEmit', '-p', 'tsconfig.json'], { cwd: project });
  console.log(
    `package-test: strict tsc passed with TypeScript ${installedVersion('typescript')} and ${TYPESCRIPT_NEXT} (the README's tsconfig), the README's minimal app included`,
  );

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

  // 5. The stack-group rollout without the optional peer: a clear error.
  const rollout = run(
    process.execPath,
    [
      '-e',
      `
    const ros = require('@alicloud/ros-cdk-core');
    const { MemberAccountTrails } = require('${pkg.name}');
    const app = new ros.App({ outdir: require('path').join(${JSON.stringify(work)}, 'rollout.out') });
    new MemberAccountTrails(new ros.Stack(app, 'Rollout', { env: { region: 'cn-hangzhou' } }), 'Members', {
      projectArn: 'acs:odps:cn-hangzhou:6666666666666666:project/actiontrail_archive',
      roleArn: 'acs:ram::6666666666666666:role/ActionTrailDeliveryRole',
      folderIds: ['fd-ExampleFolder'],
    });`,
    ],
    { cwd: project, allowFailure: true },
  );
  check(
    rollout.status !== 0 && /install the peer dependency @alicloud\/ros-cdk-ros/.test(rollout.stderr),
    `MemberAccountTrails without @alicloud/ros-cdk-ros must fail with what to install; got exit ${rollout.status}:\n${rollout.stderr}`,
  );

  // 6. The CLI, installed next to the library as the README says.
  checkCli(npm, npx, cliTarball, project);

  // 7. The alerts subpath and its optional peers.
  checkAlertsSubpath(npm, npx, project);
}

/** The optional peers of the alerts subpath (`actiontrail-cdk/alerts`). */
const ALERT_PEERS = ['@alicloud/ros-cdk-eventbridge', '@alicloud/ros-cdk-sls'];

/**
 * `actiontrail-cdk/alerts`: a clear error without its optional peers; with them,
 * strict types and a synthesized AuditAlerts stack; the main entry loads neither.
 */
function checkAlertsSubpath(npm, npx, project) {
  const loadedPeers = `Object.keys(require.cache).filter((f) => /@alicloud[\\/]ros-cdk-(eventbridge|sls)[\\/]/.test(f))`;
  const without = run(process.execPath, ['-e', `require('${pkg.name}/alerts')`], { cwd: project, allowFailure: true });
  check(
    without.status !== 0 &&
      /actiontrail-cdk\/alerts needs the optional peer dependencies @alicloud\/ros-cdk-eventbridge and @alicloud\/ros-cdk-sls, which are not installed\. Install them: npm install /.test(
        without.stderr,
      ),
    `require('${pkg.name}/alerts') without its peers must fail with what to install; got exit ${without.status}:\n${without.stderr}`,
  );

  run(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...ALERT_PEERS.map((p) => `${p}@${installedVersion(p)}`),
    ],
    { cwd: project },
  );
  const mainEntry = run(
    process.execPath,
    ['-e', `require('${pkg.name}'); console.log(JSON.stringify(${loadedPeers}))`],
    {
      cwd: project,
    },
  );
  check(mainEntry.stdout.trim() === '[]', `require('${pkg.name}') loads the alert peers: ${mainEntry.stdout.trim()}`);

  fs.writeFileSync(
    path.join(project, 'alerts-app.ts'),
    [
      "import * as ros from '@alicloud/ros-cdk-core';",
      `import { Trail } from '${pkg.name}';`,
      `import { AlertSecret, AlertTarget, AuditAlerts } from '${pkg.name}/alerts';`,
      "const app = new ros.App({ outdir: 'alerts.out' });",
      "const stack = new ros.Stack(app, 'Alerted', { env: { account: '2222222222222222', region: 'cn-hangzhou' } });",
      "const trail = new Trail(stack, 'Trail', { trailName: 'audit_alerted', slsProjectArn: 'acs:log:cn-hangzhou:2222222222222222:project/audit-logs' });",
      'new AuditAlerts(stack, "Alerts", {',
      '  trail,',
      "  targets: [AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('DingTalkRobotUrl') }), AlertTarget.webhook({ url: 'https://alerts.example.com/in' })],",
      '});',
      'app.synth();',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(project, 'tsconfig.alerts.json'),
    JSON.stringify({ extends: './tsconfig.json', include: ['alerts-app.ts'] }),
  );
  run(npx, ['--no-install', 'tsc', '-p', 'tsconfig.alerts.json'], { cwd: project });
  run(
    process.execPath,
    [path.join(work, 'typescript-next', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.alerts.json'],
    {
      cwd: project,
    },
  );
  run(npx, ['--no-install', 'ts-node', 'alerts-app.ts'], { cwd: project });
  const template = JSON.parse(fs.readFileSync(path.join(project, 'alerts.out', 'Alerted.template.json'), 'utf8'));
  const types = Object.values(template.Resources || {}).map((r) => r.Type);
  check(
    types.filter((t) => t === 'ALIYUN::EventBridge::Rule').length > 0 && types.includes('ALIYUN::SLS::Alert'),
    `the alerts app synthesized no EventBridge rule or SLS alert: ${types.join(', ')}`,
  );
  check(
    (template.Parameters || {}).DingTalkRobotUrl && template.Parameters.DingTalkRobotUrl.NoEcho === true,
    'the alerts app has no NoEcho DingTalkRobotUrl parameter',
  );
  console.log(
    `package-test: ${pkg.name}/alerts: clear error without its peers; with them, strict tsc and ${types.length} resources synthesized; the main entry loads neither peer`,
  );
}

/** Installs the CLI's tarball into the consumer's project and runs its commands there. */
function checkCli(npm, npx, cliTarball, project) {
  // Neither package is on the registry: the CLI must not depend on the library (its build bundles the kernel).
  check(
    !Object.keys({ ...cliPkg.dependencies, ...cliPkg.peerDependencies }).includes(pkg.name),
    `${cliPkg.name} depends on ${pkg.name}`,
  );
  const before = packagesWithInstallScripts(project);
  const install = run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', cliTarball], {
    cwd: project,
  });
  const installed = path.join(project, 'node_modules', cliPkg.name);
  // The install scripts the CLI brings, and what npm says of them, are what the README says.
  const added = packagesWithInstallScripts(project).filter((p) => !before.includes(p));
  const addedNames = added.map((p) => p.slice(0, p.indexOf('@', 1)));
  check(
    JSON.stringify(addedNames) === JSON.stringify(INSTALL_SCRIPTS_OF_CLI),
    `installing ${cliPkg.name} brought packages with install scripts ${added.join(', ') || '(none)'}; README "What npm prints while installing" names ${INSTALL_SCRIPTS_OF_CLI.join(', ')}`,
  );
  const whatNpmPrints = readmeSection('#### What npm prints while installing');
  for (const p of INSTALL_SCRIPTS_OF_CLI) {
    check(whatNpmPrints.includes(p), `README "What npm prints while installing" does not name ${p}`);
  }
  const warnings = installScriptWarnings(`${install.stdout}\n${install.stderr}`);
  const unquoted = warnings.filter((line) => !whatNpmPrints.includes(line.trim()));
  check(
    unquoted.length === 0,
    `npm printed install-script lines for ${cliPkg.name} that README "What npm prints while installing" does not quote:\n${unquoted.join('\n')}`,
  );
  console.log(
    `package-test: ${cliPkg.name}: install scripts ${added.join(', ')}; npm printed ${warnings.length} install-script lines, each quoted in the README`,
  );
  const files = listFiles(installed);
  checkShippedFiles(installed, files);
  const unexpected = files.filter((f) => !['LICENSE', 'README.md', 'package.json', ...cliPkg.files].includes(f));
  check(unexpected.length === 0, `${cliPkg.name} ships files outside its 'files': ${unexpected.join(', ')}`);
  // The bundle needs only Node built-ins and the package's own dependencies.
  const { builtinModules } = require('module');
  const bundle = fs.readFileSync(path.join(installed, 'dist', 'main.js'), 'utf8');
  const foreign = [...new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].filter(
    (m) => !builtinModules.includes(m.replace(/^node:/, '')) && !Object.keys(cliPkg.dependencies || {}).includes(m),
  );
  check(foreign.length === 0, `${cliPkg.name}'s bundle requires what it does not depend on: ${foreign.join(', ')}`);
  for (const name of Object.keys(cliPkg.dependencies || {})) {
    check(
      fs.existsSync(path.join(project, 'node_modules', name, 'package.json')),
      `${cliPkg.name}'s dependency ${name} is not installed`,
    );
  }

  // Its commands (`bin`), run from the consumer's project.
  const bins = typeof cliPkg.bin === 'string' ? { [cliPkg.name]: cliPkg.bin } : cliPkg.bin || {};
  check(Object.keys(bins).includes('actiontrail-cdk'), `${cliPkg.name} has no 'actiontrail-cdk' command`);
  for (const name of Object.keys(bins).sort()) {
    const help = run(npx, ['--no-install', name, '--help'], { cwd: project, allowFailure: true });
    check(
      help.status === 0 && /^Usage: /m.test(help.stdout),
      `'npx ${name} --help' in the consumer project exited ${help.status}:\n${help.stdout}${help.stderr}`,
    );
  }
  // `list` reads the library's cloud assembly (step 4): every stack, with the env the constructs recorded.
  const list = run(npx, ['--no-install', 'actiontrail-cdk', 'list', '--app', 'cdk.out'], {
    cwd: project,
    allowFailure: true,
  });
  check(
    list.status === 0 && /^Source +\d{16} +cn-hangzhou +LogArchive/m.test(list.stdout),
    `'npx actiontrail-cdk list --app cdk.out' in the consumer project exited ${list.status}:\n${list.stdout}${list.stderr}`,
  );
  // A reader that stops early (`actiontrail-cdk list | head`): the command finishes, exit 0, no stack trace.
  const probe = [
    "const { spawn } = require('child_process');",
    `const bin = ${JSON.stringify(path.join(project, 'node_modules', cliPkg.name, String(bins['actiontrail-cdk'])))};`,
    "const c = spawn(process.execPath, [bin, 'list', '--app', 'cdk.out', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });",
    'c.stdout.destroy();',
    "let err = ''; c.stderr.on('data', (d) => (err += d));",
    "c.on('close', (code) => { process.stdout.write(`exit ${code}\\n${err}`); });",
  ].join('\n');
  const piped = run(process.execPath, ['-e', probe], { cwd: project, allowFailure: true });
  check(
    piped.status === 0 && piped.stdout.startsWith('exit 0\n') && !/Unhandled|EPIPE|\n\s+at /.test(piped.stdout),
    `'actiontrail-cdk list' with its output closed early did not finish quietly:\n${piped.stdout}${piped.stderr}`,
  );
  console.log(
    `package-test: ${cliPkg.name}: --help and list answered, and list survives a closed pipe; ${list.stdout.trim().split('\n').length - 1} stacks listed`,
  );
}

/** Reads the cloud assembly as the ros-cdk CLI does and checks the templates. */
function checkAssembly(project, outdir) {
  const cxapi = require(
    require.resolve('@alicloud/ros-cdk-cxapi', {
      paths: [path.join(project, 'node_modules', '@alicloud', 'ros-cdk-core')],
    }),
  );
  const assembly = new cxapi.CloudAssembly(outdir);
  const stacks = Object.fromEntries(assembly.stacks.map((s) => [s.id, s]));
  const expected = [
    'SingleAccount',
    'LogArchive',
    'Source',
    'OrgAudit-LogArchive',
    'OrgAudit-Management',
    'L1Resources',
  ];
  check(
    JSON.stringify(Object.keys(stacks).sort()) === JSON.stringify([...expected].sort()),
    `stacks: ${Object.keys(stacks).join(', ')}`,
  );
  const errors = assembly.stacks.flatMap((s) =>
    s.messages.filter((m) => m.level === 'error').map((m) => `${m.id}: ${m.entry.data}`),
  );
  check(errors.length === 0, `the assembly carries errors:\n  ${errors.join('\n  ')}`);
  for (const s of assembly.stacks) {
    // `ros-cdk deploy <stack>` reads ./cdk.out/<stack>.template.json.
    check(fs.existsSync(path.join(outdir, `${s.id}.template.json`)), `${s.id}.template.json is missing`);
  }
  const types = (id) => Object.values((stacks[id] && stacks[id].template.Resources) || {}).map((r) => r.Type);
  const resources = (id, type) =>
    Object.values((stacks[id] && stacks[id].template.Resources) || {}).filter((r) => r.Type === type);
  for (const id of ['SingleAccount', 'Source', 'OrgAudit-Management']) {
    for (const type of ['Custom::ActionTrailTrail', 'ALIYUN::FC3::Function', 'ALIYUN::RAM::Role']) {
      check(types(id).includes(type), `${id} has no ${type}`);
    }
  }
  for (const id of ['SingleAccount', 'LogArchive', 'OrgAudit-LogArchive']) {
    const projects = resources(id, 'ALIYUN::MaxCompute::Project');
    check(projects.length === 1, `${id} has ${projects.length} MaxCompute projects, expected 1`);
    check(
      projects.every((p) => p.DeletionPolicy === 'Retain'),
      `${id}'s MaxCompute project is not retained on stack delete`,
    );
  }
  const sourceTrail = resources('Source', 'Custom::ActionTrailTrail')[0];
  check(
    sourceTrail &&
      sourceTrail.Properties.Parameters.MaxComputeProjectArn ===
        'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
    `Source's trail does not deliver to the archive project: ${JSON.stringify(sourceTrail && sourceTrail.Properties.Parameters)}`,
  );
  for (const type of [
    'ALIYUN::ACTIONTRAIL::Trail',
    'ALIYUN::ACTIONTRAIL::TrailLogging',
    'ALIYUN::ACTIONTRAIL::HistoryDeliveryJob',
    'ALIYUN::ACTIONTRAIL::AdvancedQueryTemplate',
    'ALIYUN::MaxCompute::Project',
  ]) {
    check(types('L1Resources').includes(type), `L1Resources has no ${type}`);
  }
  // The manifest's dependency IDs (cxapi 1.12's `dependencies` getter returns undefined).
  const deps = (id) => (stacks[id] ? stacks[id]._dependencyIDs : []);
  check(
    deps('OrgAudit-Management').includes('OrgAudit-LogArchive'),
    'OrgAudit-Management does not depend on OrgAudit-LogArchive in the manifest',
  );
  check(deps('Source').includes('LogArchive'), 'Source does not depend on LogArchive in the manifest');
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'audit-checks.json'), 'utf8'));
  check(report.summary.errors === 0, `audit-checks.json reports ${report.summary.errors} errors`);
  console.log(
    `package-test: synthesized ${assembly.stacks.length} stacks: ${assembly.stacks.map((s) => `${s.id} (${Object.keys(s.template.Resources || {}).length} resources)`).join(', ')}`,
  );
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
  console.log(
    `package-test: OK: packed both packages; ${pkg.name} installed without the optional peer and without SDKs, strict tsc passed, synthesized and checked; ${cliPkg.name} installed and answered`,
  );
}
process.exit(exitCode);
