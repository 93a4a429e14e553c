import { Redactor } from '../../lib/shared/redact';
import { StackEvent } from './ros-stacks';

/** A stream the printer writes to. */
export interface OutputStream {
  /** True for a terminal. */
  readonly isTTY?: boolean;
  /** Writes text. */
  write(text: string): unknown;
}

/**
 * Everything the command prints goes through here, and through the
 * {@link Redactor} on its way out. On a terminal, the wait for a stack is a
 * progress line rewritten in place, with events printed above it; elsewhere
 * (CI logs) each event is one plain line and there is no progress line.
 */
export class Printer {
  private progressShown = false;
  private humanToStderr = false;
  private documents = 0;
  /** No progress line (several stacks wait at once: their lines would overwrite each other). @default false */
  public quietProgress = false;

  /**
   * @param out standard output
   * @param err standard error
   * @param redactor masks credentials in every line
   * @param tty progress display instead of plain lines @default out.isTTY
   */
  constructor(
    private readonly out: OutputStream,
    private readonly err: OutputStream,
    public readonly redactor: Redactor,
    public readonly tty: boolean = out.isTTY === true,
  ) {}

  /** Whether {@link data} has written anything (the `--json` document is out). */
  public get wroteData(): boolean {
    return this.documents > 0;
  }

  /** One line of human text: on standard output, or on standard error once {@link jsonMode} is on. */
  public line(text = ''): void {
    this.clearProgress();
    (this.humanToStderr ? this.err : this.out).write(`${this.redactor.text(text)}\n`);
  }

  /**
   * `--json`: from now on human text goes to standard error, standard output
   * carries only what {@link data} writes, and there is no progress line.
   */
  public jsonMode(): void {
    this.humanToStderr = true;
  }

  /** Machine-readable text (a JSON document) on standard output, redacted like everything else. */
  public data(text: string): void {
    this.clearProgress();
    this.documents++;
    this.out.write(`${this.redactor.text(text)}\n`);
  }

  /** One line on standard error. */
  public error(text: string): void {
    this.clearProgress();
    this.err.write(`${this.redactor.text(text)}\n`);
  }

  /** One stack event: `<stack> | <resource> | <type> | <status> | <reason>`. */
  public event(stackName: string, e: StackEvent): void {
    const parts = [stackName, e.logicalResourceId, e.resourceType, e.status];
    if (e.statusReason) parts.push(e.statusReason);
    this.line(parts.join(' | '));
  }

  /** The progress line (terminal only): rewritten in place. */
  public progress(text: string): void {
    if (!this.tty || this.humanToStderr || this.quietProgress) return;
    this.out.write(`\r\x1b[K${this.redactor.text(text)}`);
    this.progressShown = true;
  }

  /** Removes the progress line, if one is shown. */
  public clearProgress(): void {
    if (this.progressShown) {
      this.out.write('\r\x1b[K');
      this.progressShown = false;
    }
  }
}
