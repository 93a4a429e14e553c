/**
 * Structured, redacted logging: one JSON object per line on stdout/stderr,
 * which Function Compute collects. Every line passes through a
 * {@link Redactor} twice (fields, then the final text).
 */
import { Redactor } from '../../shared/redact';

/** Where lines go; `console` by default. */
export interface LogSink {
  /** Informational lines. */
  log(line: string): void;
  /** Warnings. */
  warn(line: string): void;
  /** Errors. */
  error(line: string): void;
}

/** A logger whose every line is redacted. */
export interface Logger {
  /** Logs progress. */
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Logs something that worked but deserves attention. */
  warn(msg: string, fields?: Record<string, unknown>): void;
  /** Logs a failure. */
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Creates a {@link Logger} writing redacted JSON lines to `sink`. */
export function createLogger(redactor: Redactor, sink: LogSink = console): Logger {
  const write = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void => {
    let line: string;
    try {
      line = JSON.stringify({ level, msg, ...(redactor.value(fields ?? {}) as Record<string, unknown>) });
    } catch {
      line = JSON.stringify({ level, msg, fields: 'unserializable' });
    }
    line = redactor.text(line);
    if (level === 'info') sink.log(line);
    else if (level === 'warn') sink.warn(line);
    else sink.error(line);
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}
