import * as fs from 'fs';
import * as path from 'path';
import { readAssembly } from '../assembly';
import { ExitCode } from '../errors';
import { Printer } from '../printer';
import { synthesize } from '../synthesize';

/** The manifest metadata types of findings, and their level. */
const LEVELS: Record<string, 'error' | 'warning' | 'info'> = {
  'aliyun:ros:error': 'error',
  'aliyun:ros:warning': 'warning',
  'aliyun:ros:info': 'info',
};

/** One finding of the manifest. */
export interface Finding {
  /** error, warning or info. */
  readonly level: 'error' | 'warning' | 'info';
  /** The construct path. */
  readonly path: string;
  /** The message (`[RULE-ID] text. Fix: ...`). */
  readonly text: string;
}

/** The findings recorded in a cloud assembly's manifest (each once), in manifest order. */
export function manifestFindings(assemblyDir: string): Finding[] {
  const found: Finding[] = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { metadata?: Record<string, Array<{ type?: string; data?: unknown }>> }>;
  };
  const seen = new Set<string>();
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    for (const [where, entries] of Object.entries(artifact.metadata ?? {})) {
      for (const e of entries) {
        const level = e.type === undefined ? undefined : LEVELS[e.type];
        const key = `${level}|${where}|${String(e.data)}`;
        if (level === undefined || seen.has(key)) continue;
        seen.add(key);
        found.push({ level, path: where.replace(/^\//, ''), text: String(e.data) });
      }
    }
  }
  return found;
}

/** Whether the library's own printing of findings is off (ACTIONTRAIL_CDK_QUIET, as the library reads it). */
function libraryQuiet(env: NodeJS.ProcessEnv): boolean {
  const v = (env.ACTIONTRAIL_CDK_QUIET ?? '').trim().toLowerCase();
  return v === '1' || v === 'true';
}

/**
 * `synth`: synthesizes the app through cdk.json into cdk.out (its own output,
 * with one line per finding printed by the library, goes to standard error),
 * then prints each file written with its size, and how many findings the
 * manifest records. It does not print the findings again.
 */
export async function synth(cwd: string, printer: Printer, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dir = synthesize(cwd, 'its output above says why (an error finding fails it)');
  const assembly = readAssembly(dir);
  const rel = path.relative(cwd, dir) || '.';
  printer.line(`Synthesized ${assembly.stacks.length} stack(s) into ${rel}/:`);
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => f.name)
    .sort();
  const width = Math.max(...files.map((f) => f.length));
  for (const f of files) {
    const stack = assembly.stacks.find((s) => path.basename(s.templateFile) === f);
    const what = stack ? `template of ${stack.id}` : f === 'manifest.json' ? 'manifest' : '';
    printer.line(
      `  ${f.padEnd(width)}  ${String(fs.statSync(path.join(dir, f)).size).padStart(8)} bytes${what ? `  ${what}` : ''}`,
    );
  }
  const found = manifestFindings(dir);
  const count = (level: Finding['level']): number => found.filter((f) => f.level === level).length;
  if (found.length === 0) {
    printer.line('Findings: none');
  } else if (libraryQuiet(env)) {
    // The app printed nothing (ACTIONTRAIL_CDK_QUIET): print them here, once.
    printer.line(`Findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info:`);
    for (const f of found) {
      const m = /^\[([A-Z]+(?:-[A-Z]+)*-\d+)\] ([\s\S]*)$/.exec(f.text);
      printer.line(`  ${f.level} ${m ? m[1] : '-'} at ${f.path}: ${m ? m[2] : f.text}`);
    }
  } else {
    printer.line(
      `Findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info, each printed once above by the app ('actiontrail-cdk: <level> <rule> at <path>: ...')`,
    );
  }
  return ExitCode.OK;
}
