import * as fs from 'fs';
import * as path from 'path';
import { checkBlocks, CONTINUES_MARKER, extractTypeScriptBlocks, formatFailures } from './markdown-blocks';

const root = path.resolve(__dirname, '..', '..');

describe('README TypeScript blocks', () => {
  test('every block compiles strictly against the library, alone or after the block it continues', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const blocks = extractTypeScriptBlocks(readme);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    const failures = checkBlocks(blocks, { root });
    expect(formatFailures('README.md', failures)).toBe('');
  }, 120_000);

  // The design pages the README links to hold examples too: they compile the same way.
  test.each(['docs/provider.md', 'docs/rules.md', 'docs/cli.md', 'docs/compliance.md'])(
    'every block of %s compiles strictly against the library',
    (document) => {
      const blocks = extractTypeScriptBlocks(fs.readFileSync(path.join(root, document), 'utf8'));
      const failures = checkBlocks(blocks, { root });
      expect(formatFailures(document, failures)).toBe('');
    },
    120_000,
  );

  test('links work outside the repository (the README ships in the package): absolute URLs or anchors only', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^(https?:\/\/|#|mailto:)/.test(target));
    expect(relative).toEqual([]);
  });

  test("the project files of 'Use it in your project' are those the packaging test installs (test/packaging/consumer)", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Use it in your project'),
      readme.indexOf('\n## ', readme.indexOf('## Use it in your project') + 1),
    );
    const jsonBlocks = [...section.matchAll(/^```json\n([\s\S]*?)^```/gm)].map((m) => JSON.parse(m[1]));
    const fixture = (name: string) =>
      JSON.parse(fs.readFileSync(path.join(root, 'test', 'packaging', 'consumer', name), 'utf8'));
    expect(jsonBlocks).toContainEqual(fixture('cdk.json'));
    expect(jsonBlocks).toContainEqual(fixture('tsconfig.json'));
    expect(jsonBlocks).toContainEqual({ scripts: fixture('package.json').scripts });
    expect(fixture('tsconfig.json').compilerOptions).toMatchObject({ strict: true });
    expect(fixture('tsconfig.json').compilerOptions.skipLibCheck).toBeUndefined();
    // TypeScript 6 rejects the node10 resolution (`node`) and 7 removed it; `npm run package-test`
    // type-checks this tsconfig with TypeScript 6 too.
    expect(['node', 'node10', 'classic']).not.toContain(
      String(fixture('tsconfig.json').compilerOptions.moduleResolution).toLowerCase(),
    );
  });

  test('in-page anchors name headings that exist', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-');
    const headings = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
    const anchors = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(anchors.filter((a) => !headings.has(a))).toEqual([]);
  });
});

describe('the README block checker', () => {
  const doc = (...parts: string[]) => parts.join('\n');
  const fence = (code: string, language = 'ts') => `\`\`\`${language}\n${code}\n\`\`\``;

  test('finds ts and typescript blocks with their lines and markers, and skips other languages', () => {
    const blocks = extractTypeScriptBlocks(
      doc(
        '# Title',
        fence('const a = 1;'),
        fence('echo hi', 'sh'),
        CONTINUES_MARKER,
        '',
        fence('const b = a + 1;', 'typescript'),
        '  ```ts',
        '  const c: string = "indented";',
        '  ```',
      ),
    );
    expect(blocks).toEqual([
      { line: 2, code: 'const a = 1;', continues: false },
      { line: 10, code: 'const b = a + 1;', continues: true },
      { line: 13, code: 'const c: string = "indented";', continues: false },
    ]);
  });

  test('a block that uses an earlier block without the marker fails, and the report says how to fix it', () => {
    const blocks = extractTypeScriptBlocks(
      doc(fence('export const a: number = 1;'), '', fence('const b: number = a + 1;')),
    );
    const failures = checkBlocks(blocks, { root });
    expect(failures.map((f) => f.line)).toEqual([5]);
    const report = formatFailures('X.md', failures);
    expect(report).toContain('X.md:5: the TypeScript block does not compile; it is compiled on its own');
    expect(report).toContain(`put '${CONTINUES_MARKER}' on the line before it`);
    expect(report).toContain("TS2304: Cannot find name 'a'");
  }, 60_000);

  test('the same block marked to continue compiles, through a chain of marked blocks', () => {
    const blocks = extractTypeScriptBlocks(
      doc(
        fence('const a: number = 1;'),
        CONTINUES_MARKER,
        fence('const b: number = a + 1;'),
        CONTINUES_MARKER,
        fence('const c: number = a + b;'),
      ),
    );
    expect(checkBlocks(blocks, { root })).toEqual([]);
  }, 60_000);

  test('blocks are checked strictly: an implicit any fails', () => {
    const failures = checkBlocks(extractTypeScriptBlocks(fence('function f(x) { return x; }\nf(1);')), { root });
    expect(failures.map((f) => f.line)).toEqual([1]);
    expect(failures[0].messages.join()).toContain("TS7006: Parameter 'x' implicitly has an 'any' type");
  }, 60_000);

  test('a marked first block fails: there is nothing to continue', () => {
    const failures = checkBlocks(extractTypeScriptBlocks(doc(CONTINUES_MARKER, fence('const a = 1;'))), { root });
    expect(failures).toEqual([
      {
        line: 2,
        continues: true,
        messages: [`the block is marked '${CONTINUES_MARKER}' but no TypeScript block comes before it`],
      },
    ]);
  });
});

describe('the examples in the README', () => {
  // The examples a user copies: each file of examples/ below is shown whole in a README block, so
  // the README block is the code that `npm run synth` and the stability tests run.
  const EXAMPLES = ['oss-only.ts', 'sls-only.ts', 'maxcompute-and-oss.ts', 'data-events-on-bucket.ts', 'alerts.ts'];

  test.each(EXAMPLES)('examples/%s is a README block, verbatim', (file) => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const code = fs.readFileSync(path.join(root, 'examples', file), 'utf8').trimEnd();
    expect(extractTypeScriptBlocks(readme).map((b) => b.code.trimEnd())).toContain(code);
  });

  test('every example imports the package by its name, as a user would, never the repository source', () => {
    const files = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(EXAMPLES));
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
      expect({ file, relativeLib: /from '\.\.\//.test(text) }).toEqual({ file, relativeLib: false });
    }
    const uses = files.filter((f) =>
      /from 'actiontrail-cdk'/.test(fs.readFileSync(path.join(root, 'examples', f), 'utf8')),
    );
    expect(uses.length).toBeGreaterThanOrEqual(EXAMPLES.length);
  });
});
