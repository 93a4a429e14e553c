/** Exit codes of the `actiontrail-cdk` command. */
export const ExitCode = {
  /** Everything worked (and, for `diff`, nothing differs). */
  OK: 0,
  /** An operation failed, or a check failed. */
  FAILED: 1,
  /** The command line or the project is wrong: nothing was touched (for `diff`: 1). */
  USAGE: 2,
  /** `diff`: something differs (as diff(1) and `git diff --exit-code` would say 1, but 1 is our error code). */
  DIFFERENCES: 2,
  /** Interrupted with Ctrl-C: ROS operations already started keep running. */
  INTERRUPTED: 130,
} as const;

/**
 * What kind of failure an error is, for `--json`'s error document
 * (`error.code`, docs/cli.md "JSON output"): a pipeline branches on it, the
 * message is for people. A new kind may be added under the same schema version.
 */
export type ErrorKind =
  /** The command line is wrong (an unknown option, a bad value). */
  | 'usage'
  /** A stack named on the command line is not in the cloud assembly. */
  | 'unknown-stack'
  /** The cloud assembly is missing, unreadable or holds no stack. */
  | 'no-assembly'
  /** Synthesizing through cdk.json failed (or there is no cdk.json). */
  | 'synth-failed'
  /** The app has error findings (or warnings, with --strict): nothing was done. */
  | 'findings'
  /** The credentials could not be loaded, or serve another account. */
  | 'credentials'
  /** The endpoint could not be reached. */
  | 'network'
  /** A cloud API refused the call (its code is in `cloudCode`). */
  | 'cloud'
  /** Interrupted with Ctrl-C. */
  | 'interrupted'
  /** Any other failure: a stack operation failed, a check failed. */
  | 'failed';

/** The kind of failure an exit code says, when nothing says more: `usage` (2), `interrupted` (130), else `failed`. */
export function kindOfExitCode(exitCode: number): ErrorKind {
  return exitCode === ExitCode.USAGE ? 'usage' : exitCode === ExitCode.INTERRUPTED ? 'interrupted' : 'failed';
}

/**
 * An error the command reports as one message (no stack trace) and exits with
 * `exitCode`. Its message must never hold a credential.
 */
export class CliError extends Error {
  /** The process exit code. @default ExitCode.FAILED */
  public readonly exitCode: number;
  /** The kind of failure. @default 'usage' for exit code 2, 'interrupted' for 130, else 'failed' */
  public readonly kind: ErrorKind;
  /** The code the cloud answered with (`Forbidden.RAM`), for a refused call. @default - none */
  public readonly cloudCode?: string;

  /**
   * @param message what went wrong and what to do about it
   * @param exitCode the exit code
   * @param kind the kind of failure @default from the exit code
   * @param cloudCode the cloud's error code @default - none
   */
  constructor(message: string, exitCode: number = ExitCode.FAILED, kind?: ErrorKind, cloudCode?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.kind = kind ?? kindOfExitCode(exitCode);
    this.cloudCode = cloudCode;
  }
}

/** A wrong command line or project layout (exit code 2). */
export class UsageError extends CliError {
  /**
   * @param message what is wrong and the correct usage
   * @param kind the kind of failure @default 'usage'
   */
  constructor(message: string, kind: ErrorKind = 'usage') {
    super(message, ExitCode.USAGE, kind);
    this.name = 'UsageError';
  }
}

/** Ctrl-C stopped the run (exit code 130): ROS operations already started keep running. */
export class InterruptedError extends CliError {
  /** @param message what keeps running and how to resume */
  constructor(message: string) {
    super(message, ExitCode.INTERRUPTED);
    this.name = 'InterruptedError';
  }
}
