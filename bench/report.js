/**
 * Renders the benchmark's results (collected by scripts/bench.js) as Markdown:
 * the tables `npm run bench` prints and docs/benchmarks.md holds. Pure
 * functions of the results object; rows are always in the same order (sizes
 * ascending, scenarios as defined in bench/provider-calls.js).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { markdownTable, num, ratio } = require('./stats');

/** Targets of issue #6; the synth ratio is issue 18's (it was 1.5 in issue #6). */
const TARGETS = {
  maxRatio: 1.15,
  /** t(1000)/t(100) at or below this counts as linear (10 is exactly linear; 20% slack for noise). */
  maxGrowth: 12,
  maxTemplateBytes: 64 * 1024,
  maxTestMs: 60_000,
};

const MiB = 1024;
const yesNo = (ok) => (ok ? 'met' : '**missed**');

/** Whether each target was met, with the figure that decides it. */
function verdicts(r) {
  const growth = r.growth.ours;
  const ratioMet = r.synth.every((row) => row.ratio <= TARGETS.maxRatio);
  const pairedMet = r.synth.every((row) => row.pairedRatio <= TARGETS.maxRatio);
  const rows = [
    {
      target: `our synth wall time within ${TARGETS.maxRatio}× the floor at every size`,
      result: r.synth.map((row) => `${num(row.stacks)}: ${ratio(row.ratio)}`).join(', '),
      met: ratioMet,
      note: !ratioMet && pairedMet ? ' (the paired ratios meet it: see the noise note)' : '',
    },
    {
      target: `the same in CPU time (steadier on a busy machine)`,
      result: r.synth.map((row) => `${num(row.stacks)}: ${ratio(row.ours.cpuMs / row.floor.cpuMs)}`).join(', '),
      met: r.synth.every((row) => row.ours.cpuMs / row.floor.cpuMs <= TARGETS.maxRatio),
    },
    {
      target: `linear growth (t(1000) / t(100) ≤ ${TARGETS.maxGrowth}; 10 = linear)`,
      result:
        growth.largeOverMid !== undefined
          ? `t(${growth.largeSize}) / t(${growth.midSize}) = ${growth.largeOverMid.toFixed(2)}; fit slope ${num(growth.fit.slope, 2)} ms/stack, R² ${growth.fit.r2.toFixed(4)}`
          : 'not measured (needs two sizes ≥ 100)',
      met: growth.largeOverMid !== undefined && growth.largeOverMid <= TARGETS.maxGrowth,
    },
    {
      target: 'single-trail stack template under 64 KiB',
      result: `${num(r.template.bytes)} B (${(r.template.bytes / 1024).toFixed(1)} KiB)`,
      met: r.template.bytes < TARGETS.maxTemplateBytes,
    },
  ];
  if (r.importCost) {
    rows.push({
      target: "`require('actiontrail-cdk')` loads none of the CLI's SDKs",
      result: r.importCost.library.sdk.length
        ? `loads ${r.importCost.library.sdk.join(', ')}`
        : `none loaded (${num(r.importCost.library.modules)} modules, ${num(r.importCost.library.ms, 0)} ms)`,
      met: r.importCost.library.sdk.length === 0,
    });
  }
  if (r.alerts) {
    const a = r.alerts;
    rows.push({
      target: `the full alert pack adds under ${Math.round(a.target * 100)}% to a single trail's synth (process start to end of synth)`,
      result: `+${(a.processOverhead * 100).toFixed(0)}% (${num(a.without.processMs, 0)} -> ${num(a.with.processMs, 0)} ms; paired +${((a.pairedProcessOverhead ?? a.processOverhead) * 100).toFixed(0)}%; CPU +${((a.cpuRatio - 1) * 100).toFixed(0)}%; ${a.with.resources - a.without.resources} resources added; the pack's floor alone +${((a.floorOverhead ?? 0) * 100).toFixed(0)}%)`,
      met: a.withinTarget,
    });
  }
  if (r.jest && !r.jest.skipped) {
    rows.push({
      target: '`npx jest` under 60 s',
      result: `${(r.jest.ms / 1000).toFixed(1)} s (${r.jest.summary})`,
      met: r.jest.ms < TARGETS.maxTestMs,
    });
  }
  return rows;
}

function environmentSection(r) {
  const e = r.env;
  return [
    `- Date: ${r.startedAt} (UTC); the whole run took ${(r.elapsedMs / 1000).toFixed(0)} s (plus \`npm run build\` before it).`,
    `- Machine: ${e.cpus} cores (${e.cpuModel}), ${e.memGiB} GiB RAM, ${e.platform} ${e.arch}; Node.js ${e.node}.`,
    `- Load average (1 min) at start / end: ${e.loadStart.toFixed(2)} / ${e.loadEnd.toFixed(2)}. Other work on the machine makes wall times noisy; the CPU columns are steadier.`,
    `- Library: ros-cdk-core ${e.rosCdkCore}; provider code sha256 \`${r.code.sha256.slice(0, 16)}…\`.`,
  ].join('\n');
}

function synthSection(r) {
  const rows = r.synth.map((row) => [
    num(row.stacks),
    `${row.runs}`,
    num(row.ours.synthMs),
    num(row.floor.synthMs),
    ratio(row.ratio),
    ratio(row.pairedRatio),
    num(row.ours.synthMs / row.stacks, 2),
    num(row.floor.synthMs / row.stacks, 2),
  ]);
  return [
    markdownTable(
      [
        'stacks',
        'runs',
        'ours ms',
        'floor ms',
        'ours / floor',
        'paired ours / floor',
        'ours ms / stack',
        'floor ms / stack',
      ],
      rows,
    ),
    '',
    '*ours / floor* divides the medians; *paired* is the median of the ratios of runs made back to back (steadier when the machine is busy).',
    controlSection(r),
  ].join('\n');
}

function processSection(r) {
  const rows = r.synth.map((row) => [
    num(row.stacks),
    num(row.ours.cpuMs),
    num(row.floor.cpuMs),
    ratio(row.ours.cpuMs / row.floor.cpuMs),
    num(row.ours.loadMs),
    num(row.floor.loadMs),
    num(row.ours.processMs),
    num(row.floor.processMs),
    ratio(row.ours.processMs / row.floor.processMs),
  ]);
  return [
    markdownTable(
      [
        'stacks',
        'ours CPU ms',
        'floor CPU ms',
        'CPU ours / floor',
        'ours load ms',
        'floor load ms',
        'ours process ms',
        'floor process ms',
        'process ours / floor',
      ],
      rows,
    ),
    '',
    "*CPU*: user + system CPU time of construct + synth. *load*: requiring the modules. *process*: from the process's start to the end of synth.",
  ].join('\n');
}

function controlSection(r) {
  const rows = r.synth
    .filter((row) => row.floorLoaded)
    .map((row) => [
      num(row.stacks),
      num(row.ours.synthMs),
      num(row.floor.synthMs),
      num(row.floorLoaded.synthMs),
      ratio(row.ours.synthMs / row.floorLoaded.synthMs),
      num(row.floorLoaded.maxRssKiB / MiB, 1),
    ]);
  if (rows.length === 0) return '';
  return [
    '',
    'Control for the small sizes: the same floor app in a process that first loads everything `ours` loads (the library). What it adds to the floor is the cost of loading the modules, not of building the constructs:',
    '',
    markdownTable(
      [
        'stacks',
        'ours ms',
        'floor ms',
        'floor, library loaded, ms',
        'ours / floor with library loaded',
        'floor, library loaded, peak RSS MiB',
      ],
      rows,
    ),
  ].join('\n');
}

function memorySection(r) {
  const rows = r.synth.map((row) => [
    num(row.stacks),
    num(row.ours.maxRssKiB / MiB, 1),
    num(row.floor.maxRssKiB / MiB, 1),
    ratio(row.ours.maxRssKiB / row.floor.maxRssKiB),
  ]);
  const first = r.synth[0];
  const last = r.synth[r.synth.length - 1];
  const perStack = (kind) => (last[kind].maxRssKiB - first[kind].maxRssKiB) / (last.stacks - first.stacks);
  const note =
    last.stacks > first.stacks
      ? `\n\nGrowth from ${num(first.stacks)} to ${num(last.stacks)} stacks: ours ${num(perStack('ours'), 1)} KiB per stack, floor ${num(perStack('floor'), 1)} KiB per stack.`
      : '';
  return markdownTable(['stacks', 'ours peak RSS MiB', 'floor peak RSS MiB', 'ours / floor'], rows) + note;
}

function growthSection(r) {
  const rows = ['ours', 'floor'].map((kind) => {
    const g = r.growth[kind];
    return [
      kind,
      num(g.fit.slope, 3),
      num(g.fit.intercept, 1),
      g.fit.r2.toFixed(4),
      g.power ? g.power.exponent.toFixed(3) : 'n/a',
      g.largeOverMid !== undefined ? g.largeOverMid.toFixed(2) : 'n/a',
    ];
  });
  const sizes = r.synth.map((row) => num(row.stacks)).join(', ');
  return [
    markdownTable(
      ['app', 'slope ms / stack', 'intercept ms', 'R²', `exponent k (t ∝ n^k, sizes ≥ 10)`, 't(1000) / t(100)'],
      rows,
    ),
    '',
    `Least-squares line through the median synth times at ${sizes} stacks. The exponent is the slope on a log-log scale over the sizes from 10 up: 1 is linear, above 1 is worse than linear; below 1 means a fixed cost still weighs on the smaller sizes (the time per stack falls as the app grows).`,
  ].join('\n');
}

function sizeSection(r) {
  const t = r.template;
  const c = r.code;
  return [
    markdownTable(
      ['what', 'bytes'],
      [
        ['template of a single-trail stack (as written, indented)', num(t.bytes)],
        ['the same, minified JSON', num(t.minifiedBytes)],
        ['of which the embedded ZipFile string', num(t.zipFileChars)],
        ['template bytes per stack in the 1,000-stack app', num(t.perStackAtLargest)],
        ['provider source (bundled index.js)', num(c.sourceBytes)],
        ['provider zip', num(c.zipBytes)],
        ['provider zip, base64 (the ZipFile string)', num(c.base64Bytes)],
      ],
    ),
    '',
    `The ZipFile is ${((100 * t.zipFileChars) / t.bytes).toFixed(0)}% of the template. ${c.verified}`,
    `Room under 64 KiB: ${num(65536 - t.bytes)} bytes, i.e. the ZipFile could grow to ${num(65536 - (t.bytes - t.zipFileChars))} characters (a zip of about ${num(((65536 - (t.bytes - t.zipFileChars)) * 3) / 4)} bytes, ${((65536 - (t.bytes - t.zipFileChars)) / t.zipFileChars).toFixed(1)}× today's). ROS itself accepts template bodies up to 524,288 bytes.`,
    `Resources per stack: ${t.resources}. Templates of the floor app are byte-identical to ours (checked on a ${r.templateCheck.stacks}-stack app before timing: ${r.templateCheck.files} templates compared).`,
  ].join('\n');
}

function packageSection(r) {
  const p = r.package;
  if (!p) return '(not measured)';
  const kb = (bytes) => `${num(bytes)} B (${(bytes / 1024).toFixed(1)} KiB)`;
  const list = (names) => (names.length ? names.map((n) => `\`${n}\``).join(', ') : 'none');
  return [
    markdownTable(
      ['what', 'size'],
      [
        [`${p.name} ${p.version} installed (the tarball unpacked, ${num(p.files)} files)`, kb(p.unpackedBytes)],
        ['the tarball (`npm pack`)', kb(p.packedBytes)],
        [
          `its runtime dependencies with theirs (${list(p.dependencies.names)}; ${num(p.dependencies.packages)} packages)`,
          kb(p.dependencies.bytes),
        ],
        [
          `the required peers with their dependencies (${list(p.requiredPeers.names)}; ${num(p.requiredPeers.packages)} packages)`,
          kb(p.requiredPeers.bytes),
        ],
      ],
    ),
    '',
    `Largest files: ${p.largest.map((f) => `\`${f.path}\` ${num(f.bytes)} B`).join(', ')}. The optional peer \`@alicloud/ros-cdk-ros\` is not counted.`,
  ].join('\n');
}

function providerSection(r) {
  const p = r.provider;
  if (p.error) return `Not measured: ${p.error}`;
  const rows = p.scenarios.map((s) => [
    s.title,
    `${s.calls}`,
    s.actions.join(', ') || '(none)',
    s.status + (s.reason ? `: ${s.reason}` : ''),
    num(s.ms, 1),
  ]);
  return [
    markdownTable(['request', 'API calls', 'calls, in order (error code)', 'answer to ROS', 'handler ms'], rows),
    '',
    `Measured by running the embedded provider code (the template's ZipFile, unzipped) against the ActionTrail API simulator (\`${p.simulator}\`) and the ResponseURL receiver (\`${p.receiver}\`) over loopback HTTP. Every HTTP request that reached ActionTrail on the simulator counts, failed ones included; each request also makes one GetStackResource to the simulator's ROS stand-in first (not counted). \`handler ms\` is one invocation on loopback, dominated by HTTP round trips.`,
  ].join('\n');
}

function profileTable(large) {
  const floorByKey = new Map(large.floor.functions.map((f) => [`${f.name}\u0000${f.location}`, f.selfMs]));
  const rows = large.ours.functions
    .slice(0, 15)
    .map((f) => [
      `\`${f.name}\``,
      `\`${f.location}\``,
      num(f.selfMs),
      num(floorByKey.get(`${f.name}\u0000${f.location}`) ?? 0),
    ]);
  return markdownTable(['function (self time)', 'where', 'ours ms', 'floor ms'], rows);
}

function areaTable(profile) {
  const floor = new Map(profile.floorAreas.map((a) => [a.area, a.ms]));
  const ours = new Map(profile.oursAreas.map((a) => [a.area, a.ms]));
  const areas = [...new Set([...ours.keys(), ...floor.keys()])]
    .map((area) => ({ area, ours: ours.get(area) ?? 0, floor: floor.get(area) ?? 0 }))
    .sort((a, b) => b.ours - a.ours || b.floor - a.floor || a.area.localeCompare(b.area));
  const shown = areas.filter((a) => a.ours >= 0.5 || a.floor >= 0.5).slice(0, 14);
  const rows = shown.map((a) => [`\`${a.area}\``, num(a.ours, 1), num(a.floor, 1), num(a.ours - a.floor, 1)]);
  rows.push([
    '**total sampled**',
    num(profile.ours.totalMs, 1),
    num(profile.floor.totalMs, 1),
    num(profile.ours.totalMs - profile.floor.totalMs, 1),
  ]);
  return markdownTable(['area', 'ours ms', 'floor ms', 'ours − floor'], rows);
}

function profileSection(r) {
  const p = r.profile;
  if (!p) return 'Not profiled (run without `--no-profile`).';
  const parts = [];
  for (const prof of [p.small, p.large]) {
    parts.push(
      `**${num(prof.stacks)} stack${prof.stacks > 1 ? 's' : ''}** (construct + synth only, sampled every 100 µs; ${prof.runs > 1 ? `mean of ${prof.runs} profiled runs per app` : 'one profiled run per app'}), self time by area:`,
      '',
      areaTable(prof),
      '',
    );
  }
  parts.push(`Top self-time functions of ours at ${num(p.large.stacks)} stacks:`, '', profileTable(p.large));
  return parts.join('\n');
}

function importCostSection(r) {
  const c = r.importCost;
  if (!c) return 'Not measured.';
  const row = (what, x) => [what, num(x.ms, 0), num(x.modules), x.sdk.length ? x.sdk.join(', ') : 'none'];
  return [
    markdownTable(
      ['require', 'ms (median)', 'modules loaded', 'SDK modules among them'],
      [
        row("`require('actiontrail-cdk')` (dist/lib/index.js)", c.library),
        row("the command's bundle (cli/dist/main.js)", c.cli),
        row('the SDKs a deploy loads (ros20190910, openapi-core, credentials)', c.sdks),
      ],
    ),
    '',
    `Each a fresh \`node\` process (\`bench/import-cost.js\`), ${c.runs} runs. The library never loads the command (its own package, \`cli/\`); the command loads its commands, and with them the SDKs, only when one runs (\`list\` and \`--help\` load none).`,
  ].join('\n');
}

function alertsSection(r) {
  const a = r.alerts;
  if (!a) return 'Not measured.';
  const overhead = (x) => (x === a.without ? '' : `+${((x.processMs / a.without.processMs - 1) * 100).toFixed(0)}%`);
  const row = (what, x) => [
    what,
    num(x.processMs, 0),
    overhead(x),
    num(x.synthMs, 0),
    num(x.cpuMs, 0),
    num(x.resources),
  ];
  const rows = [
    row('alone', a.without),
    row('with the full alert pack (`AuditAlerts`, every detection, two targets)', a.with),
  ];
  if (a.floor) {
    rows.push(
      row("the pack's floor: its template written with ros-cdk-core's `RosResource` alone", a.floor),
      row('the floor after loading `actiontrail-cdk/alerts` and the two L1 packages', a.floorLoaded),
    );
  }
  return [
    markdownTable(
      [
        'one trail delivering to SLS',
        'process ms',
        'process, added to the trail alone',
        'construct + synth ms',
        'CPU ms',
        'resources',
      ],
      rows,
    ),
    '',
    `Medians of ${a.runs} fresh processes per variant, in rotating order (\`bench/alerts.js\`); the median of each rotation's own with / without ratio (*paired*, steadier on a busy machine) is +${((a.pairedProcessOverhead ?? a.processOverhead) * 100).toFixed(0)}%. The pack's resources are the EventBridge rules and SLS alerts of every detection. The floor writes the same template byte for byte (checked before timing) with none of the library's alert code and neither package loaded, so *floor* is what ros-cdk-core itself needs for those 34 resources, *floor after loading* adds the cost of loading the modules, and the rest of *with* is the alert constructs' own work. docs/alerts.md ("Cost") says where the time goes.`,
  ].join('\n');
}

function jestSection(r) {
  const j = r.jest;
  if (!j || j.skipped) return 'Not measured in this run (`--no-jest`).';
  const lines = [
    `\`npx jest\` took **${(j.ms / 1000).toFixed(1)} s** wall time (exit code ${j.exitCode}; ${j.summary}).`,
  ];
  if (j.failedFiles && j.failedFiles.length > 0) {
    lines.push(
      '',
      `Files that failed: ${j.failedFiles.map((f) => `\`${f}\``).join(', ')} (the time still counts: they ran).`,
    );
  }
  if (j.slowest && j.slowest.length > 0) {
    lines.push(
      '',
      'Slowest test files:',
      '',
      markdownTable(
        ['file', 's'],
        j.slowest.map((s) => [`\`${s.file}\``, (s.ms / 1000).toFixed(1)]),
      ),
    );
  }
  return lines.join('\n');
}

function rawRunsSection(r) {
  const rows = [];
  for (const row of r.synth) {
    for (const kind of ['ours', 'floor']) {
      rows.push([
        num(row.stacks),
        kind,
        row[kind].runs.map((x) => num(x.constructMs + x.synthMs)).join(', '),
        row[kind].runs.map((x) => num(x.maxRssKiB / MiB, 1)).join(', '),
      ]);
    }
  }
  return markdownTable(['stacks', 'app', 'construct + synth ms, each run', 'peak RSS MiB, each run'], rows);
}

/** The hand-written analysis (bench/analysis.md), included in the document as it is. */
function analysis() {
  const file = path.join(__dirname, 'analysis.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
}

/** The tables `npm run bench` prints. */
function renderSummary(r) {
  return [
    '## Targets',
    '',
    markdownTable(
      ['target', 'result', ''],
      verdicts(r).map((v) => [v.target, v.result, yesNo(v.met) + (v.note ?? '')]),
    ),
    '',
    '## Synth time (construct + synth, median)',
    '',
    synthSection(r),
    '',
    '## CPU time and whole process (median)',
    '',
    processSection(r),
    '',
    '## Peak memory (median)',
    '',
    memorySection(r),
    '',
    '## Growth with the number of stacks',
    '',
    growthSection(r),
    '',
    '## Template and provider code size',
    '',
    sizeSection(r),
    '',
    '## Package size',
    '',
    packageSection(r),
    '',
    '## ActionTrail API calls per request',
    '',
    providerSection(r),
    '',
    '## Library import cost',
    '',
    importCostSection(r),
    '',
    '## Alert pack',
    '',
    alertsSection(r),
    '',
    '## Test suite',
    '',
    jestSection(r),
  ].join('\n');
}

/** The method, as written into docs/benchmarks.md. */
function method(r) {
  const runs = r.options.sizes.map((s) => `${r.options.runs[s]} at ${num(s)}`).join(', ');
  return [
    '- `npm run bench` builds the library (`npm run build`) and runs `scripts/bench.js`, which writes this file.',
    "- **Apps.** `ours`: N stacks (region cn-hangzhou), each with one `Trail` delivering to `MaxComputeDestination.thisAccount({ quota, createProject: true })`, as in `examples/single-account.ts` without its Outputs: 4 resources (the `Custom::ActionTrailTrail`, the provider's RAM role and FC 3.0 function, the MaxCompute project). `floor`: the same stacks built with ros-cdk-core's `RosResource` alone, every property written as a plain object (the same ZipFile string included), with the same DependsOn and DeletionPolicy, and the same stack-environment metadata entry in the manifest that the library records for the `actiontrail-cdk` command (`bench/apps.js`; added to the floor in issue 18, where it costs the floor about 1% at 100 stacks). The two apps' templates are compared byte for byte before anything is timed; the run stops if they differ.",
    `- **Runs.** Each measurement is a fresh \`node\` process (\`bench/synth-child.js\`), so that its peak memory is its own; runs per size: ${runs}. The order of the apps rotates from run to run so that a slow spell on the machine hits each of them. One untimed warm-up of each app (the template comparison) comes first. Tables show medians. Below 100 stacks a control app runs too: the floor, built after loading everything \`ours\` loads (\`floorLoaded\` in \`bench/apps.js\`).`,
    "- **Times.** *Synth time* is building the construct tree plus `app.synth()` (validation, token resolution, writing the cloud assembly to a temporary directory, which is deleted afterwards), measured in the process with `performance.now()`; *CPU* is the user + system CPU time of the same span (`process.cpuUsage()`). *Module load* is requiring ros-cdk-core and the library (which loads ros-cdk-ram only when a `DeliveryDestination` is built, and ros-cdk-ros only for a blueprint's stack group); *process* is from the process's start to the end of synth, Node's start-up included. The context of `cdk.json` is passed to the app (stack traces in construct metadata disabled), as `npm run synth` and the ros-cdk CLI do.",
    '- **Memory.** Peak resident set size of the child process, `process.resourceUsage().maxRSS`, read right after synth.',
    '- **Growth.** Per-stack time at each size, a least-squares line through the medians, a power-law exponent, and t(1000) / t(100).',
    '- **API calls.** `bench/provider-calls.js` unzips the ZipFile of `handler-code.generated.json` into a temporary directory, requires its `index.js`, and invokes the handler with ROS requests against `test/provider/simulator.ts` and `test/provider/receiver.ts` (their build in `dist/test/provider/`), counting the requests that reach the simulator.',
    "- **Package size.** `npm pack --dry-run --json --ignore-scripts` on the build (`bench/package-size.js`): the files a consumer installs and their bytes, the tarball's bytes; dependencies and required peers are counted as installed in this repository's `node_modules`, each package directory once.",
    '- **Profile.** The same child with `--cpu-profile`, recording a V8 CPU profile of construct + synth through the inspector; `bench/cpuprofile.js` sums self time per function and per package.',
    "- **Alert pack.** `bench/alerts.js`: one stack with one `Trail` delivering to SLS, with and without an `AuditAlerts` of every detection (a DingTalk robot and a webhook as targets), and with the pack's floor (the pack's parameters and resources read from `with`'s template and written as `RosParameter`s and `RosResource`s; the JSON file's parse is counted in it), the floor also after loading `actiontrail-cdk/alerts`; each in a fresh process, in rotating order; medians of process start to end of synth, construct + synth, and CPU.",
    '- **Tests.** `npx jest` run once, timed from spawn to exit (`--json` for the counts).',
  ].join('\n');
}

/** The whole docs/benchmarks.md. */
function renderDocument(r) {
  const text = analysis();
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (scripts/bench.js). Do not edit by hand: change bench/ and run it again. -->',
    '',
    environmentSection(r),
    '',
    renderSummary(r),
    '',
    '## Where the time goes',
    '',
    profileSection(r),
    ...(text ? ['', text] : []),
    '',
    '## Method',
    '',
    method(r),
    '',
    '## All runs',
    '',
    rawRunsSection(r),
    '',
  ].join('\n');
}

module.exports = { renderSummary, renderDocument, profileSection, verdicts, TARGETS };
