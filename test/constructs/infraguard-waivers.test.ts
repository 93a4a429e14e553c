/**
 * The InfraGuard waiver file synth writes (issue 23), and InfraGuard's rules
 * restated over every example's templates (test/support/infraguard.ts, from
 * aliyun/infraguard commit 6d3cbef): with the waivers, 0 open findings in the
 * packs the issue names; without them, the findings the issue counted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { examplesApp } from '../../examples/app';
import { DeliveryDestination, MaxComputeDestination, ProjectEncryption, RosProject, Trail } from '../../lib';
import { infraGuardWaiversYaml, INFRAGUARD_WAIVERS_FILE } from '../../lib/constructs/infraguard-waivers';
import {
  COVERED_TYPES,
  INFRAGUARD_COMMIT,
  PACKS,
  RULES,
  RosTemplate,
  scan,
  Violation,
  Waiver,
  waiverFor,
} from '../support/infraguard';

// js-yaml is in node_modules (through the test tooling); 3.x has safeLoad, 4.x load (safe by default).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsYaml = require('js-yaml') as { safeLoad?: (s: string) => unknown; load: (s: string) => unknown };
const parseYaml = (text: string): unknown => (jsYaml.safeLoad ?? jsYaml.load)(text);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Synthesizes `app` into `<tmp>/cdk.out` and returns that directory. */
function synthInto(app: (outdir: string) => ros.App): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'infraguard-'));
  dirs.push(base);
  const outdir = path.join(base, 'cdk.out');
  app(outdir).synth();
  return outdir;
}

function templatesOf(outdir: string): Record<string, RosTemplate> {
  return Object.fromEntries(
    fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .sort()
      .map((f) => [f, JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8'))]),
  );
}

/** The keys InfraGuard's waiver file reads (pkg/waiver/waiver.go, type Waiver and fileDoc). */
const WAIVER_KEYS = ['rule', 'resource', 'files', 'reason', 'expires', 'owner'];

/** Checks the parsed document against InfraGuard's waiver format and returns its waivers. */
function asWaiverDocument(doc: unknown): Waiver[] {
  expect(doc).toEqual(expect.objectContaining({ version: 1 }));
  const { version, waivers, ...rest } = doc as { version: unknown; waivers: unknown };
  expect(version).toBe(1);
  expect(rest).toEqual({});
  expect(Array.isArray(waivers)).toBe(true);
  for (const w of waivers as Record<string, unknown>[]) {
    expect(Object.keys(w).filter((k) => !WAIVER_KEYS.includes(k))).toEqual([]);
    expect(typeof w.rule).toBe('string');
    expect(w.rule).not.toBe('*');
    expect(Object.keys(RULES)).toContain(w.rule);
    expect(typeof w.resource).toBe('string');
    expect(typeof w.reason).toBe('string');
    expect((w.reason as string).length).toBeGreaterThan(40);
    expect(Array.isArray(w.files) && (w.files as unknown[]).every((f) => typeof f === 'string')).toBe(true);
  }
  return waivers as Waiver[];
}

const examples = synthInto((outdir) => examplesApp({ outdir, stackTraces: false }));
const exampleTemplates = templatesOf(examples);
const exampleWaivers = asWaiverDocument(
  parseYaml(fs.readFileSync(path.join(examples, INFRAGUARD_WAIVERS_FILE), 'utf8')),
);

/** Every finding of the named packs' restated rules (each rule once) on the templates. */
function packFindings(templates: Record<string, RosTemplate>, dir: string): Violation[] {
  const rules = [...new Set([...Object.values(PACKS).flat(), 'ram-role-has-specified-policy'])].sort();
  return Object.entries(templates).flatMap(([file, t]) => scan(path.join(dir, file), t, rules));
}

describe('InfraGuard waiver file (cdk.out/infraguard-waivers.yaml)', () => {
  test('parses as InfraGuard reads it: version 1, waivers of {rule, resource, files, reason}', () => {
    expect(exampleWaivers.length).toBeGreaterThan(0);
    // Each waiver is for one template file of this synth, and names its stack in the reason.
    for (const w of exampleWaivers) {
      expect(w.files).toHaveLength(1);
      const file = /^\*\*\/cdk\.out\/(.+\.template\.json)$/.exec(w.files![0])![1];
      expect(Object.keys(exampleTemplates)).toContain(file);
      expect(w.reason).toContain(`Stack ${file.replace(/\.template\.json$/, '')}:`);
    }
  });

  test('never waives encryption, never waives every rule, and holds only the library decisions', () => {
    expect(new Set(exampleWaivers.map((w) => w.rule))).toEqual(
      new Set([
        'actiontrail-enabled',
        'firewall-asset-open-protect',
        'maxcompute-project-ip-whitelist-enabled',
        'ram-role-has-specified-policy',
      ]),
    );
    expect(exampleWaivers.filter((w) => /encrypt/.test(w.rule))).toEqual([]);
  });

  test('is deterministic: a second synth writes the same bytes', () => {
    const again = synthInto((outdir) => examplesApp({ outdir, stackTraces: false }));
    expect(fs.readFileSync(path.join(again, INFRAGUARD_WAIVERS_FILE), 'utf8')).toBe(
      fs.readFileSync(path.join(examples, INFRAGUARD_WAIVERS_FILE), 'utf8'),
    );
  });

  test('quotes any text safely: the YAML parses back to the same strings', () => {
    const tricky = 'a: "b" #c\n- \\ \u00e9 \u2028 {x} [y] \'z\' %p @q `r` *s &t !u |v >w';
    const text = infraGuardWaiversYaml([
      { rule: 'actiontrail-enabled', resource: 'Global', files: [`**/cdk.out/${tricky}`], reason: tricky },
    ]);
    expect(parseYaml(text)).toEqual({
      version: 1,
      waivers: [{ rule: 'actiontrail-enabled', resource: 'Global', files: [`**/cdk.out/${tricky}`], reason: tricky }],
    });
    expect(parseYaml(infraGuardWaiversYaml([]))).toEqual({ version: 1, waivers: [] });
  });

  test('an IP whitelist set, or a hand-made resource, is not waived; an opted-out project stays a finding', () => {
    const outdir = synthInto((dir) => {
      const app = new ros.App({ outdir: dir, stackTraces: false });
      const stack = new ros.Stack(app, 'Archive', { env: { region: 'cn-hangzhou', account: '3333333333333333' } });
      new DeliveryDestination(stack, 'Archive', {
        sourceAccountIds: ['1111111111111111'],
        ipWhitelist: { vpcIpList: ['10.0.0.0/8'] },
        encryption: ProjectEncryption.unencrypted('integration test account, synthetic data only'),
      });
      // A project and an internet-facing resource of the user's own: the library waives nothing for them.
      new RosProject(stack, 'Mine', { name: 'analytics' }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
      new ros.RosResource(stack, 'Web', { type: 'ALIYUN::ECS::Instance', properties: {} });
      return app;
    });
    const waivers = asWaiverDocument(parseYaml(fs.readFileSync(path.join(outdir, INFRAGUARD_WAIVERS_FILE), 'utf8')));
    expect(waivers.map((w) => [w.rule, w.resource])).toEqual([['actiontrail-enabled', 'Global']]);
    const findings = packFindings(templatesOf(outdir), outdir).filter((v) => !waiverFor(v, waivers, process.cwd()));
    expect(findings.map((v) => `${v.rule} ${v.resource}`)).toEqual([
      'firewall-asset-open-protect ',
      'maxcompute-project-encryption-enabled ArchiveProject',
      'maxcompute-project-encryption-enabled Mine',
      'maxcompute-project-ip-whitelist-enabled Mine',
    ]);
  });
});

describe(`InfraGuard rules restated (aliyun/infraguard ${INFRAGUARD_COMMIT.slice(0, 7)}) over every example`, () => {
  test('every resource type of the examples is one whose InfraGuard rules are restated', () => {
    const types = new Set(
      Object.values(exampleTemplates).flatMap((t) => Object.values(t.Resources ?? {}).map((r) => r.Type)),
    );
    expect([...types].filter((t) => !COVERED_TYPES.includes(t))).toEqual([]);
  });

  test('without the waivers: the findings the issue counted, none of them encryption', () => {
    const findings = packFindings(exampleTemplates, examples);
    const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
    const templates = Object.keys(exampleTemplates).length;
    expect(count('maxcompute-project-encryption-enabled')).toBe(0);
    expect(count('actiontrail-enabled')).toBe(templates);
    expect(count('firewall-asset-open-protect')).toBe(templates);
    expect(count('maxcompute-project-ip-whitelist-enabled')).toBeGreaterThanOrEqual(3);
    expect(count('ram-role-has-specified-policy')).toBeGreaterThanOrEqual(3);
  });

  test.each(Object.keys(PACKS))('pack:aliyun:%s with the waivers: 0 open findings on every example', (pack) => {
    const open = Object.entries(exampleTemplates)
      .flatMap(([file, t]) => scan(path.join(examples, file), t, PACKS[pack]))
      .filter((v) => !waiverFor(v, exampleWaivers, process.cwd()));
    expect(open).toEqual([]);
  });

  test('rule:aliyun:ram-role-has-specified-policy with the waivers: 0 open findings; the delivery role has its system policy', () => {
    const open = Object.entries(exampleTemplates)
      .flatMap(([file, t]) => scan(path.join(examples, file), t, ['ram-role-has-specified-policy']))
      .filter((v) => !waiverFor(v, exampleWaivers, process.cwd()));
    expect(open).toEqual([]);
    expect(Object.values(exampleTemplates).flatMap((t) => RULES['ram-role-no-product-admin-access'](t))).toEqual([]);
  });

  test('the waivers match from another working directory too (absolute paths)', () => {
    const findings = packFindings(exampleTemplates, examples);
    expect(findings.filter((v) => !waiverFor(v, exampleWaivers, os.tmpdir()))).toEqual([]);
  });

  test('a native ALIYUN::ACTIONTRAIL::Trail stack needs no actiontrail-enabled waiver', () => {
    const outdir = synthInto((dir) => {
      const app = new ros.App({ outdir: dir, stackTraces: false });
      const stack = new ros.Stack(app, 'Audit', { env: { region: 'cn-hangzhou' } });
      new Trail(stack, 'AuditTrail', {
        trailName: 'audit_all',
        maxCompute: MaxComputeDestination.thisAccount({ createProject: true }),
      });
      new ros.RosResource(stack, 'Native', {
        type: 'ALIYUN::ACTIONTRAIL::Trail',
        properties: { Name: 'native', EventRW: 'All', OssBucketName: 'bucket' },
      });
      return app;
    });
    const waivers = asWaiverDocument(parseYaml(fs.readFileSync(path.join(outdir, INFRAGUARD_WAIVERS_FILE), 'utf8')));
    expect(waivers.map((w) => w.rule)).not.toContain('actiontrail-enabled');
    // The native trail logs nothing without a TrailLogging: InfraGuard's trail-intact rule then fails it.
    const open = packFindings(templatesOf(outdir), outdir).filter((v) => !waiverFor(v, waivers, process.cwd()));
    expect(open.map((v) => `${v.rule} ${v.resource}`)).toEqual([
      'actiontrail-trail-intact-enabled Native',
      'firewall-asset-open-protect ',
    ]);
  });
});

describe('docs', () => {
  const root = path.join(__dirname, '..', '..');
  const compliance = fs.readFileSync(path.join(root, 'docs', 'compliance.md'), 'utf8');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  test('README shows the exact scan line with a real pack ID; docs/compliance.md names every pack and rule restated', () => {
    expect(readme).toContain(
      'infraguard scan cdk.out -p pack:aliyun:compliance --waivers cdk.out/infraguard-waivers.yaml',
    );
    for (const pack of Object.keys(PACKS)) expect(compliance).toContain(`-p pack:aliyun:${pack}`);
    for (const rule of Object.keys(RULES)) expect(compliance).toContain(`\`${rule}\``);
    expect(compliance).toContain(INFRAGUARD_COMMIT);
  });
});

test("the Cloud Firewall waiver's reason names what the stack holds: no trail in a log-archive stack", () => {
  const outdir = synthInto((dir) => {
    const app = new ros.App({ outdir: dir });
    const archive = new ros.Stack(app, 'Archive', { env: { account: '3333333333333333', region: 'cn-hangzhou' } });
    new DeliveryDestination(archive, 'Archive', { sourceAccountIds: ['1111111111111111'] });
    const source = new ros.Stack(app, 'Source', { env: { account: '1111111111111111', region: 'cn-hangzhou' } });
    new Trail(source, 'T', { trailName: 'audit_all', ossBucketName: 'audit-bucket' });
    return app;
  });
  const yaml = fs.readFileSync(path.join(outdir, INFRAGUARD_WAIVERS_FILE), 'utf8');
  const reasons = (parseYaml(yaml) as { waivers: Array<{ rule: string; reason: string }> }).waivers
    .filter((w) => w.rule === 'firewall-asset-open-protect')
    .map((w) => w.reason.replace(/\).*$/, ')'));
  expect(reasons).toEqual([
    'Stack Archive: the stack holds only actiontrail-cdk resources (roles, MaxCompute project)',
    'Stack Source: the stack holds only actiontrail-cdk resources (trail, provider function without triggers, roles)',
  ]);
});
