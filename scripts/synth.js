#!/usr/bin/env node
/**
 * `npm run synth`: runs the app that cdk.json names (as the ros-cdk CLI would,
 * with CDK_OUTDIR set), then prints one line per stack it wrote: the stack
 * name, the template path, the number of resources and the template's bytes;
 * then every warning (rule ID, construct path, text) and the compliance summary.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { warningLines } = require('./synth-messages');

const root = path.resolve(__dirname, '..');
const outdir = path.resolve(root, process.env.CDK_OUTDIR || 'cdk.out');
const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
if (typeof cdkJson.app !== 'string' || cdkJson.app.trim() === '') {
  console.error("synth: cdk.json has no 'app' command");
  process.exit(1);
}

// Start from an empty directory so that no template of an earlier run survives.
fs.rmSync(outdir, { recursive: true, force: true });
const run = spawnSync(cdkJson.app, {
  cwd: root,
  shell: true,
  stdio: 'inherit',
  // Quiet: this script prints the warnings itself, from the manifest (below).
  env: {
    ...process.env,
    ACTIONTRAIL_CDK_QUIET: '1',
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context || {}),
  },
});
if (run.status !== 0) {
  console.error(`synth: '${cdkJson.app}' failed (exit ${run.status === null ? run.signal : run.status})`);
  process.exit(run.status || 1);
}

const manifestPath = path.join(outdir, 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`synth: the app wrote no ${path.relative(root, manifestPath)}`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const stacks = Object.entries(manifest.artifacts || {})
  .filter(([, a]) => a.type === 'aliyun:ros:stack')
  .sort(([a], [b]) => a.localeCompare(b));
if (stacks.length === 0) {
  console.error('synth: the app defined no stack');
  process.exit(1);
}
const rows = stacks.map(([name, artifact]) => {
  const file = path.join(outdir, artifact.properties.templateFile);
  const text = fs.readFileSync(file, 'utf8');
  const template = JSON.parse(text);
  return {
    name,
    file: path.relative(process.cwd(), file),
    resources: Object.keys(template.Resources || {}).length,
    bytes: Buffer.byteLength(text, 'utf8'),
  };
});
const width = (key) => Math.max(...rows.map((r) => String(r[key]).length));
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width('name'))}  ${r.file.padEnd(width('file'))}  ${String(r.resources).padStart(width('resources'))} resources  ${String(r.bytes).padStart(width('bytes'))} bytes`,
  );
}
console.log(`synth: wrote ${rows.length} template(s) to ${path.relative(process.cwd(), outdir) || '.'}/`);

// Warnings: the constructs' annotations and AuditChecks' warning findings.
for (const line of warningLines(manifest)) console.log(line);

// The compliance report of AuditChecks, when the app applies them.
const reportPath = path.join(outdir, 'audit-checks.json');
if (fs.existsSync(reportPath)) {
  const { summary } = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  console.log(
    `audit checks: ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.info} info, ${summary.suppressed} suppressed; report ${path.relative(process.cwd(), reportPath)}`,
  );
}
