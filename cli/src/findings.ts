import * as fs from 'fs';
import * as path from 'path';
import { Assembly } from './assembly';
import { ExitCode } from './errors';
import { Printer } from './printer';

/** How serious a finding is. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** One finding of the app: a rule's, or a construct's own warning (e.g. an unknown region). */
export interface Finding {
  /** error, warning or info. */
  readonly level: FindingLevel;
  /** The rule ID (`AT-TRAIL-007`), or `-` for a construct's own annotation. */
  readonly ruleId: string;
  /** The construct path, without the leading `/`. */
  readonly path: string;
  /** The text: the message, then `. Fix: <fix>` for a rule's finding. */
  readonly text: string;
}

/** The manifest metadata types of annotations (ros-cdk-core's `node.addError/addWarning/addInfo`). */
const LEVELS: Record<string, FindingLevel> = {
  'aliyun:ros:error': 'error',
  'aliyun:ros:warning': 'warning',
  'aliyun:ros:info': 'info',
};

const RULE_TEXT = /^\[([A-Z]+(?:-[A-Z]+)*-\d+)\] ([\s\S]*)$/;

interface ManifestShape {
  artifacts?: Record<string, { metadata?: Record<string, Array<{ type?: string; data?: unknown }>> }>;
}

interface ReportShape {
  stacks?: Array<{
    findings?: Array<{
      ruleId?: string;
      level?: string;
      path?: string;
      message?: string;
      fix?: string;
      suppressed?: boolean;
    }>;
  }>;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Every finding of the cloud assembly, each once, in the order first seen:
 * the annotations in `manifest.json` (every artifact's metadata of type
 * `aliyun:ros:error|warning|info`: the rules' findings and the constructs'
 * own warnings) and the unsuppressed findings of `audit-checks.json` (written
 * by `AuditChecks`; it also holds those of templates embedded in a stack
 * group). The same finding in both is listed once.
 */
export function readFindings(assembly: Pick<Assembly, 'dir'>): Finding[] {
  const seen = new Map<string, Finding>();
  const add = (f: Finding): void => {
    const key = `${f.level}\u0000${f.ruleId}\u0000${f.path}\u0000${f.text}`;
    if (!seen.has(key)) seen.set(key, f);
  };
  const manifest = readJson<ManifestShape>(path.join(assembly.dir, 'manifest.json'));
  for (const artifact of Object.values(manifest?.artifacts ?? {})) {
    for (const [where, entries] of Object.entries(artifact.metadata ?? {})) {
      for (const entry of entries ?? []) {
        const level = LEVELS[entry.type ?? ''];
        if (level === undefined) continue;
        const data = String(entry.data);
        const match = RULE_TEXT.exec(data);
        add({ level, ruleId: match ? match[1] : '-', path: where.replace(/^\//, ''), text: match ? match[2] : data });
      }
    }
  }
  const report = readJson<ReportShape>(path.join(assembly.dir, 'audit-checks.json'));
  for (const stack of report?.stacks ?? []) {
    for (const f of stack.findings ?? []) {
      if (f.suppressed === true || LEVELS[`aliyun:ros:${f.level}`] === undefined) continue;
      add({
        level: f.level as FindingLevel,
        ruleId: f.ruleId ?? '-',
        path: (f.path ?? '').replace(/^\//, ''),
        text: f.fix ? `${f.message}. Fix: ${f.fix}` : String(f.message),
      });
    }
  }
  return [...seen.values()];
}

/** The line of a finding, as the library prints it at synth: `actiontrail-cdk: warning AT-TRAIL-007 at <path>: <text>`. */
export function findingLine(f: Finding): string {
  return `actiontrail-cdk: ${f.level} ${f.ruleId} at ${f.path}: ${f.text}`;
}

/**
 * Why the command may not go on, given the findings: an error finding, or,
 * with `--strict`, a warning.
 * @returns the message (without the `actiontrail-cdk: ` prefix), or undefined to go on
 */
export function findingsStop(findings: readonly Finding[], strict: boolean): string | undefined {
  const count = (level: FindingLevel): number => findings.filter((f) => f.level === level).length;
  const errors = count('error');
  const warnings = count('warning');
  if (errors > 0) {
    return `the app has ${errors} error finding(s): fix them (each line says how) and synthesize again; nothing was done`;
  }
  if (strict && warnings > 0) {
    return `--strict: the app has ${warnings} warning finding(s): fix them, suppress them with a reason (AuditChecks), or run without --strict; nothing was done`;
  }
  return undefined;
}

/**
 * Prints every finding to standard error, once, then a one-line summary, and
 * says whether the command may go on: not when a finding is an error, nor,
 * with `--strict`, a warning ({@link findingsStop}).
 * @returns undefined to go on, else the exit code to stop with
 */
export function reportFindings(findings: readonly Finding[], printer: Printer, strict: boolean): number | undefined {
  if (findings.length === 0) return undefined;
  for (const f of findings) printer.error(findingLine(f));
  const count = (level: FindingLevel): number => findings.filter((f) => f.level === level).length;
  printer.error(
    `findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info (cloud assembly)`,
  );
  const stop = findingsStop(findings, strict);
  if (stop === undefined) return undefined;
  printer.error(`actiontrail-cdk: ${stop}`);
  return ExitCode.FAILED;
}
