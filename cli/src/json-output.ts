/**
 * The JSON documents of `--json`: one document per run on standard output,
 * `{ "schema": "actiontrail-cdk/<command>", "version": 1, ... }`. Their schemas
 * are in docs/cli.md ("JSON output"); a change that is not additive bumps the
 * version. Commands build their body and call {@link writeJson}.
 */
import { Printer } from './printer';

/** The version of every document's schema. Additive changes keep it; others bump it. */
export const JSON_SCHEMA_VERSION = 1;

/** The head every document starts with. */
export interface JsonHead {
  /** `actiontrail-cdk/<command>`, e.g. `actiontrail-cdk/diff`. */
  readonly schema: string;
  /** {@link JSON_SCHEMA_VERSION}. */
  readonly version: number;
}

/** A document of `command`: the head, then the body's fields. */
export function jsonDocument<T extends object>(command: string, body: T): JsonHead & T {
  return { schema: `actiontrail-cdk/${command}`, version: JSON_SCHEMA_VERSION, ...body };
}

/** Writes the document of `command` to standard output, as one pretty-printed JSON value. */
export function writeJson<T extends object>(printer: Printer, command: string, body: T): void {
  printer.data(JSON.stringify(jsonDocument(command, body), undefined, 2));
}
