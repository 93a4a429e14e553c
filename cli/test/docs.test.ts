/**
 * The CLI's documentation agrees with itself and with the command: the
 * comparison with `cdk` and `ros-cdk` is the same table in the README and in
 * docs/cli.md, and every option the command takes has a row in docs/cli.md's
 * options table.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './harness';
import { commandsWith, USAGE } from '../src/args';
import { detectionById } from '../../lib/shared/detections';

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The table right after `<!-- comparison-table -->`. */
function comparisonTable(doc: string): string[] {
  const at = doc.indexOf('<!-- comparison-table -->');
  expect(at).toBeGreaterThan(-1);
  const lines = doc.slice(at).split('\n').slice(1);
  return lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith('|')),
  );
}

test('the README and docs/cli.md hold the same comparison table, with a row for every flag the issue names', () => {
  const readme = comparisonTable(read('README.md'));
  expect(readme).toEqual(comparisonTable(read('docs/cli.md')));
  const rows = readme.map((l) => l.split('|')[1].trim());
  for (const flag of [
    '--require-approval',
    '--json',
    '--parameters',
    '--disable-rollback',
    '--resource-group-id',
    '--tags',
    '--concurrency',
    '--profile',
    '`synth`',
  ]) {
    expect(rows.some((r) => r.includes(flag))).toBe(true);
  }
  // Every row has the four columns filled.
  for (const l of readme.slice(2))
    expect(
      l
        .split('|')
        .slice(1, -1)
        .every((c) => c.trim() !== ''),
    ).toBe(true);
});

test("every option of the command's help has a row in docs/cli.md's options table", () => {
  const doc = read('docs/cli.md');
  const options = [...USAGE.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
  expect(options.length).toBeGreaterThan(15);
  const table = doc.slice(doc.indexOf('### Options'), doc.indexOf('### Compared with'));
  expect(options.filter((o) => !table.includes(`| \`--${o}`))).toEqual([]);
});

test("docs/cli.md's options table names, per option, exactly the commands the parser accepts it for", () => {
  const doc = read('docs/cli.md');
  const table = doc.slice(doc.indexOf('### Options'), doc.indexOf('### Compared with'));
  const rows = [...table.matchAll(/^\| `--([a-z-]+)([^|]*)\| ([^|]*) \|/gm)].map((m) => ({
    option: m[1],
    head: `${m[1]}${m[2]}`.trim(),
    commands: m[3].trim(),
  }));
  expect(rows.length).toBeGreaterThan(15);
  // One row per form of an option (`--profile` has two forms).
  expect(new Set(rows.map((r) => r.head)).size).toBe(rows.length);
  const every = commandsWith('help').length;
  for (const row of rows) {
    const commands = commandsWith(row.option);
    const expected = commands.length === 0 ? '-' : commands.length === every ? 'all' : commands.join(', ');
    expect({ option: row.option, commands: row.commands }).toEqual({ option: row.option, commands: expected });
  }
});

test("hunt's examples in docs/cli.md title each detection as the catalogue does", () => {
  const titles = [...read('docs/cli.md').matchAll(/^-- (AT-DETECT-[A-Z0-9-]+): (.+)$/gm)];
  expect(titles.length).toBeGreaterThan(0);
  for (const [, id, title] of titles) expect(title).toBe(detectionById(id).title);
});
