/**
 * A small JSON Schema checker for the `--json` documents, enough for the
 * schemas docs/cli.md publishes (type, const, enum, properties, required,
 * additionalProperties: false, items), and the reader of those schemas: each
 * is a ```json block right after a `<!-- json-schema: <command> -->` line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './harness';

/** The subset of JSON Schema the documents use. */
export interface Schema {
  readonly type?: string | string[];
  readonly const?: unknown;
  readonly enum?: unknown[];
  readonly properties?: Record<string, Schema>;
  readonly required?: string[];
  readonly additionalProperties?: boolean;
  readonly items?: Schema;
  readonly description?: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The places where `value` breaks `schema`, as `path: problem` lines; empty when it conforms. */
export function validate(value: unknown, schema: Schema, at = '$'): string[] {
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [`${at}: is ${actual}, the schema says ${types.join(' or ')}`];
    }
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    problems.push(`${at}: is ${JSON.stringify(value)}, the schema says ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) problems.push(`${at}: lacks '${r}'`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub) problems.push(...validate(v, sub, `${at}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${at}: '${k}' is not in the schema`);
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => problems.push(...validate(v, schema.items as Schema, `${at}[${i}]`)));
  }
  return problems;
}

/** The schema docs/cli.md publishes for `command` (the ```json block after `<!-- json-schema: command -->`). */
export function documentedSchema(command: string): Schema {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  const marker = `<!-- json-schema: ${command} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/cli.md has no ${marker}`);
  const m = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (!m) throw new Error(`docs/cli.md: no json block after ${marker}`);
  return JSON.parse(m[1]) as Schema;
}
