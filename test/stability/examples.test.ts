/**
 * Stable templates: the examples synthesize to byte-identical templates, and
 * their logical IDs and resource types are pinned. ROS replaces a resource
 * whose logical ID or type changes: for a trail that means deleting it (a gap
 * in auditing), for a project or role worse. A refactor that changes
 * pinned-resources.json must be a deliberate, documented decision.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { examplesApp } from '../../examples/app';
import pinned from './pinned-resources.json';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Synthesizes the examples into a fresh directory and returns each template file's text by name. */
function synthExamples(): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
  outdirs.push(outdir);
  examplesApp({ outdir, stackTraces: false }).synth();
  const files = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json') || f === 'audit-checks.json')
    .sort();
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
}

const first = synthExamples();

test('synthesizing the examples twice gives byte-identical templates and report', () => {
  const second = synthExamples();
  expect(Object.keys(second)).toEqual(Object.keys(first));
  for (const [file, text] of Object.entries(first)) {
    expect({ file, same: second[file] === text }).toEqual({ file, same: true });
  }
});

test('every example stack keeps its logical IDs and resource types', () => {
  const actual = Object.fromEntries(
    Object.entries(first)
      .filter(([file]) => file.endsWith('.template.json'))
      .map(([file, text]) => {
        const resources = JSON.parse(text).Resources as Record<string, { Type: string }>;
        const types = Object.fromEntries(
          Object.keys(resources)
            .sort()
            .map((id) => [id, resources[id].Type]),
        );
        return [file.replace(/\.template\.json$/, ''), types];
      }),
  );
  expect(actual).toEqual(pinned);
});

test('every MaxCompute project of the examples is retained on stack delete', () => {
  for (const [file, text] of Object.entries(first)) {
    if (!file.endsWith('.template.json')) continue;
    const resources = JSON.parse(text).Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type === 'ALIYUN::MaxCompute::Project')
        expect({ file, id, policy: r.DeletionPolicy }).toEqual({ file, id, policy: 'Retain' });
    }
  }
});

test('every MaxCompute project of the examples is encrypted at rest (issue 23)', () => {
  let projects = 0;
  for (const [file, text] of Object.entries(first)) {
    if (!file.endsWith('.template.json')) continue;
    const resources = JSON.parse(text).Resources as Record<string, { Type: string; Properties?: any }>;
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type !== 'ALIYUN::MaxCompute::Project') continue;
      projects++;
      expect({ file, id, encryption: r.Properties?.Properties?.Encryption }).toEqual({
        file,
        id,
        encryption: { Enable: true, Algorithm: 'AESCTR' },
      });
    }
  }
  expect(projects).toBeGreaterThanOrEqual(3);
});
