import { CliArgs } from './args';
import { Assembly } from './assembly';
import { InputStream } from './confirm';
import { CredentialProfiles } from './credentials';
import { EndpointOverride } from './endpoint';
import { Printer } from './printer';
import { RetryOptions } from './retry';

/** What every command gets. */
export interface CommandContext {
  /** The parsed command line. */
  readonly args: CliArgs;
  /** The cloud assembly. */
  readonly assembly: Assembly;
  /** All output goes here. */
  readonly printer: Printer;
  /** Credentials per account. */
  readonly credentials: CredentialProfiles;
  /** The endpoint override (ACTIONTRAIL_CDK_ENDPOINT). @default - the public endpoints */
  readonly endpoint?: EndpointOverride;
  /** Retries of every API call. */
  readonly retry: RetryOptions;
  /** The first poll interval while waiting for a stack, in ms. */
  readonly pollIntervalMs: number;
  /** Aborted by Ctrl-C. */
  readonly signal: AbortSignal;
  /** Standard input, for confirmation prompts. */
  readonly stdin: InputStream;
  /** The working directory (relative paths of the command line are relative to it). */
  readonly cwd: string;
  /** Where prompts are written. */
  readonly promptOutput: NodeJS.WritableStream;
}
