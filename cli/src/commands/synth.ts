import * as fs from 'fs';
import * as path from 'path';
import { readAssembly } from '../assembly';
import { ExitCode } from '../errors';
import { Printer } from '../printer';
import { readFindings, reportFindings } from '../findings';
import { synthesize } from '../synthesize';

/**
 * `synth`: synthesizes the app through cdk.json into cdk.out (the app's own
 * output goes to standard error; the library's printing of findings is off
 * there, see synthesize.ts), then prints each file written with its size and
 * every finding of the assembly, once (findings.ts, as before list, diff and
 * deploy). An error finding, or a warning with `--strict`, exits 1.
 */
export async function synth(cwd: string, printer: Printer, strict = false): Promise<number> {
  const synthesized = await synthesize(cwd);
  const dir = synthesized.dir;
  const assembly = readAssembly(dir, synthesized);
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
    const what = stack
      ? `template of ${stack.id}`
      : f === 'manifest.json'
        ? 'manifest'
        : f === 'infraguard-waivers.yaml'
          ? 'InfraGuard waivers (--waivers of infraguard scan)'
          : '';
    printer.line(
      `  ${f.padEnd(width)}  ${String(fs.statSync(path.join(dir, f)).size).padStart(8)} bytes${what ? `  ${what}` : ''}`,
    );
  }
  const findings = readFindings(assembly);
  if (findings.length === 0) printer.line('Findings: none');
  return reportFindings(findings, printer, strict) ?? ExitCode.OK;
}
