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
 * An error the command reports as one message (no stack trace) and exits with
 * `exitCode`. Its message must never hold a credential.
 */
export class CliError extends Error {
  /** The process exit code. @default ExitCode.FAILED */
  public readonly exitCode: number;

  /**
   * @param message what went wrong and what to do about it
   * @param exitCode the exit code
   */
  constructor(message: string, exitCode: number = ExitCode.FAILED) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A wrong command line or project layout (exit code 2). */
export class UsageError extends CliError {
  /** @param message what is wrong and the correct usage */
  constructor(message: string) {
    super(message, ExitCode.USAGE);
    this.name = 'UsageError';
  }
}
