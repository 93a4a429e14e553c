/**
 * The JSON Schemas docs/cli.md publishes for the `--json` documents, read
 * from the doc itself (each is a ```json block right after a
 * `<!-- json-schema: <command> -->` line), and a validator for them: ajv
 * (JSON Schema draft-07), with its errors as readable `path: problem` lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ROOT } from './harness';

/** A JSON Schema (draft-07), as parsed from docs/cli.md. */
export type Schema = Record<string, unknown>;

// strict: an unknown keyword or a misspelt one in the doc is an error, not ignored.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new WeakMap<Schema, ValidateFunction>();

/** `/stacks/0/stack` as `$.stacks[0].stack`. */
function pathOf(pointer: string): string {
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('')
  );
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The value at a JSON pointer of `root`. */
function at(root: unknown, pointer: string): unknown {
  let v = root;
  for (const p of pointer.split('/').slice(1))
    v = (v as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** One ajv error as one line, naming the path, what is there, and what the schema says. */
function line(e: ErrorObject, value: unknown): string {
  const where = pathOf(e.instancePath);
  const found = at(value, e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${where}: lacks '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return `${where}: '${String(params.additionalProperty)}' is not in the schema`;
    case 'const':
      return `${where}: is ${JSON.stringify(found)}, the schema says ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `${where}: ${JSON.stringify(found)} is not one of ${JSON.stringify(params.allowedValues)}`;
    case 'type':
      return `${where}: is ${typeOf(found)}, the schema says ${String(params.type).replace(/,/g, ' or ')}`;
    default:
      return `${where}: ${e.message ?? e.keyword} (${e.schemaPath})`;
  }
}

/** The places where `value` breaks `schema`, as `path: problem` lines; empty when it conforms. */
export function validate(value: unknown, schema: Schema): string[] {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  return check(value) ? [] : (check.errors ?? []).map((e) => line(e, value));
}

/** The schema docs/cli.md publishes for `command` (the ```json block after `<!-- json-schema: command -->`). */
export function documentedSchema(command: string): Schema {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  const marker = `<!-- json-schema: ${command} -->`;
  const start = doc.indexOf(marker);
  if (start < 0) throw new Error(`docs/cli.md has no ${marker}`);
  const m = /^```json\n([\s\S]*?)\n```/.exec(doc.slice(start + marker.length).trimStart());
  if (!m) throw new Error(`docs/cli.md: no json block right after ${marker}`);
  return JSON.parse(m[1]) as Schema;
}
