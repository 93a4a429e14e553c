/**
 * The JSON documents of `--json`: one document per run on standard output,
 * `{ "schema": "actiontrail-cdk/<command>", "version": 1, ... }`. Their schemas
 * are in docs/cli.md ("JSON output"); a change that is not additive bumps the
 * version. Commands build their body and call {@link writeJson}. A run that
 * fails before (or instead of) its command's document prints the error document
 * instead ({@link writeJsonError}, `actiontrail-cdk/error`): one document per run.
 */
import { ErrorKind } from './errors';
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

/** The schema of the document a `--json` run prints when it fails before (or instead of) its own. */
export const ERROR_SCHEMA = 'error';

/** The body of the error document (docs/cli.md "JSON output", schema `actiontrail-cdk/error`). */
export interface JsonErrorBody {
  /** The command that failed; null when the command line names none that exists. */
  readonly command: string | null;
  /** Always false: a pipeline can test `.ok` on every document of status, preflight and this one. */
  readonly ok: false;
  /** The process exit code (2: bad command line or project, nothing touched; 1: failed; 130: interrupted). */
  readonly exitCode: number;
  /** What failed. */
  readonly error: {
    /** The message standard error shows, without the `actiontrail-cdk: ` prefix. */
    readonly message: string;
    /** The kind of failure ({@link ErrorKind}), for a pipeline to branch on. */
    readonly code: ErrorKind;
    /** The cloud's error code for a refused call (`Forbidden.RAM`); null otherwise. */
    readonly cloudCode: string | null;
  };
}

/**
 * Writes the error document: `{ "schema": "actiontrail-cdk/error", "version": 1,
 * "command", "ok": false, "exitCode", "error": { "message", "code", "cloudCode" } }`.
 * The message is redacted before it is put in JSON (a mask after quoting could
 * cut through an escape), and the document again on its way out.
 */
export function writeJsonError(
  printer: Printer,
  command: string | null,
  exitCode: number,
  error: { message: string; code: ErrorKind; cloudCode?: string },
): void {
  const body: JsonErrorBody = {
    command,
    ok: false,
    exitCode,
    error: { message: printer.redactor.text(error.message), code: error.code, cloudCode: error.cloudCode ?? null },
  };
  writeJson(printer, ERROR_SCHEMA, body);
}
