/**
 * This repository's cdk.json and cdk.out as the ros-cdk CLI reads them
 * (packages/ros-cdk-cli of aliyun/Resource-Orchestration-Service-Cloud-Development-Kit:
 * lib/settings.ts, lib/api/exec.ts, lib/api/cloud-assembly.ts, lib/cdk-toolkit.ts):
 * it splits cdk.json's `app` on spaces, runs it with CDK_OUTDIR and
 * CDK_CONTEXT_JSON set, loads the output with @alicloud/ros-cdk-cxapi's
 * CloudAssembly, and `deploy` reads `./cdk.out/<stack>.template.json`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cxapi from '@alicloud/ros-cdk-cxapi';
import { examplesApp } from '../../examples/app';

const root = path.resolve(__dirname, '..', '..');
const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));

describe('cdk.json, as ros-cdk reads it', () => {
  test("'app' is a command that survives ros-cdk's split on spaces and names an existing file", () => {
    expect(typeof cdkJson.app).toBe('string');
    const words: string[] = cdkJson.app.split(' ');
    expect(words.filter((w) => w === '' || /["']/.test(w))).toEqual([]);
    const file = words.find((w) => /\.(ts|js)$/.test(w));
    expect(file).toBeDefined();
    expect(fs.existsSync(path.join(root, file!))).toBe(true);
  });

  test("'context' is a plain JSON object (ros-cdk passes it to the app as CDK_CONTEXT_JSON)", () => {
    expect(typeof cdkJson.context).toBe('object');
    expect(JSON.parse(JSON.stringify(cdkJson.context))).toEqual(cdkJson.context);
  });
});

describe('cdk.out, as ros-cdk loads it', () => {
  let outdir: string;
  let assembly: cxapi.CloudAssembly;
  const saved = { outdir: process.env[cxapi.OUTDIR_ENV], context: process.env[cxapi.CONTEXT_ENV] };

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-roscdk-'));
    // What ros-cdk's execProgram sets before it runs the app.
    process.env[cxapi.OUTDIR_ENV] = outdir;
    process.env[cxapi.CONTEXT_ENV] = JSON.stringify(cdkJson.context);
    try {
      examplesApp({ autoSynth: false }).synth();
    } finally {
      for (const [name, value] of [
        [cxapi.OUTDIR_ENV, saved.outdir],
        [cxapi.CONTEXT_ENV, saved.context],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    assembly = new cxapi.CloudAssembly(outdir);
  }, 120_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('the app writes to CDK_OUTDIR, and CloudAssembly lists every stack of the manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const stackIds = Object.entries(manifest.artifacts as Record<string, { type: string }>)
      .filter(([, a]) => a.type === 'aliyun:ros:stack')
      .map(([id]) => id)
      .sort();
    expect(stackIds).toEqual(
      expect.arrayContaining(['OrgAudit-LogArchive', 'OrgAudit-Management', 'SingleAccountAudit']),
    );
    expect(assembly.stacks.map((s) => s.id).sort()).toEqual(stackIds);
  });

  test("each stack's template is where `ros-cdk deploy <stack>` reads it: <outdir>/<stack>.template.json", () => {
    for (const stack of assembly.stacks) {
      const file = path.join(outdir, `${stack.id}.template.json`);
      expect(fs.existsSync(file)).toBe(true);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(stack.template);
      expect(stack.template.ROSTemplateFormatVersion).toBe('2015-09-01');
    }
  });

  test('no stack carries an error message (ros-cdk synth and deploy stop on them)', () => {
    const errors = assembly.stacks.flatMap((s) =>
      s.messages.filter((m) => m.level === cxapi.SynthesisMessageLevel.ERROR),
    );
    expect(errors).toEqual([]);
  });

  test("cdk.json's context reaches the app: no stack traces in the metadata ('aliyun:ros:disable-stack-trace')", () => {
    expect(cdkJson.context['aliyun:ros:disable-stack-trace']).toBe(true);
    const traced = assembly.stacks.flatMap((s) => s.messages.filter((m) => m.entry.trace !== undefined));
    expect(traced).toEqual([]);
  });

  test('the manifest records the deploy order: the management stack depends on the log-archive stack', () => {
    const management = assembly.stacks.find((s) => s.id === 'OrgAudit-Management')!;
    expect(management._dependencyIDs).toContain('OrgAudit-LogArchive');
  });
});
