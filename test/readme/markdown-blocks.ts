/**
 * Type-checks the TypeScript blocks of a Markdown document (the README), all in
 * one TypeScript program, against this library's sources.
 *
 * A block is compiled on its own, unless the last non-blank line before its
 * opening fence is the marker `<!-- continues -->`: then it is compiled after
 * the block before it (and that block's own predecessors, if it is marked too),
 * as one file. A block that fails to compile is reported with its line number;
 * for an unmarked block the report says to make it complete or to mark it.
 */
import * as path from 'path';
import * as ts from 'typescript';

/** The marker that makes a block build on the previous TypeScript block. */
export const CONTINUES_MARKER = '<!-- continues -->';

/** One fenced TypeScript block of a Markdown document. */
export interface MarkdownBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The code between the fences. */
  readonly code: string;
  /** Whether the block is marked to build on the previous TypeScript block. */
  readonly continues: boolean;
}

/** A block that did not compile, with TypeScript's messages. */
export interface BlockFailure {
  readonly line: number;
  readonly continues: boolean;
  readonly messages: string[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)/;
const TYPESCRIPT_LANGUAGES = new Set(['ts', 'typescript']);

/** Every ```ts / ```typescript block of `markdown`, in document order. */
export function extractTypeScriptBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    let end = i + 1;
    while (
      end < lines.length &&
      !(lines[end].trim().startsWith(fence) && lines[end].trim().replace(/[`~]/g, '') === '')
    )
      end++;
    if (TYPESCRIPT_LANGUAGES.has(language.toLowerCase())) {
      let before = i - 1;
      while (before >= 0 && lines[before].trim() === '') before--;
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n');
      blocks.push({ line: i + 1, code, continues: before >= 0 && lines[before].trim() === CONTINUES_MARKER });
    }
    i = end;
  }
  return blocks;
}

/** Where the library's sources are, for the `actiontrail-cdk` import. */
export interface CheckOptions {
  /** The repository root (holds `lib/index.ts` and `node_modules`). */
  readonly root: string;
}

/**
 * Compiles every block (with its predecessors when marked) in one strict
 * program, `actiontrail-cdk` mapped to `lib/index.ts`, and returns the blocks
 * that fail. A marked first block fails: there is nothing to continue.
 */
export function checkBlocks(blocks: readonly MarkdownBlock[], options: CheckOptions): BlockFailure[] {
  const failures: BlockFailure[] = [];
  const files = new Map<string, { block: MarkdownBlock; text: string }>();
  const sources: string[] = [];
  blocks.forEach((block, index) => {
    if (block.continues && index === 0) {
      failures.push({
        line: block.line,
        continues: true,
        messages: [`the block is marked '${CONTINUES_MARKER}' but no TypeScript block comes before it`],
      });
      sources.push(block.code);
      return;
    }
    const text = block.continues ? `${sources[index - 1]}\n${block.code}` : block.code;
    sources.push(text);
    // `export {}` makes every block a module, so blocks never share globals.
    files.set(path.join(options.root, `__readme_block_${block.line}.ts`), { block, text: `${text}\nexport {};\n` });
  });

  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    baseUrl: options.root,
    paths: { 'actiontrail-cdk': ['lib/index.ts'], 'actiontrail-cdk/alerts': ['lib/alerts/index.ts'] },
    typeRoots: [path.join(options.root, 'node_modules', '@types')],
  };
  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(path.resolve(name))?.text ?? readFile(name);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const file = files.get(path.resolve(name));
    return file
      ? ts.createSourceFile(name, file.text, languageVersion, true)
      : getSourceFile(name, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  for (const [name, { block }] of files) {
    const source = program.getSourceFile(name)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    if (diagnostics.length === 0) continue;
    failures.push({
      line: block.line,
      continues: block.continues,
      messages: diagnostics.map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        return where ? `(${where.line + 1},${where.character + 1}) TS${d.code}: ${text}` : `TS${d.code}: ${text}`;
      }),
    });
  }
  return failures.sort((a, b) => a.line - b.line);
}

/** A readable report of failures in `document`, with the fix for each. */
export function formatFailures(document: string, failures: readonly BlockFailure[]): string {
  return failures
    .map((f) => {
      const fix = f.continues
        ? 'it is compiled after the block before it (it is marked to continue it): fix the code'
        : `it is compiled on its own: make it a complete program (its own imports), or put '${CONTINUES_MARKER}' on the line before it to build on the previous TypeScript block`;
      return `${document}:${f.line}: the TypeScript block does not compile; ${fix}\n  ${f.messages.join('\n  ')}`;
    })
    .join('\n');
}
