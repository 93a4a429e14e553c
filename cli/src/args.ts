import { parseArgs } from 'util';
import { isAccountId, isRegionId } from '../../lib/shared/ids';
import { UsageError } from './errors';

/** The commands of `actiontrail-cdk`. */
export type CommandName = 'deploy' | 'diff' | 'destroy' | 'status' | 'list';

/** A parsed command line. */
export interface CliArgs {
  /** The command. */
  readonly command: CommandName;
  /** Stack names given on the command line. @default [] (all stacks) */
  readonly stacks: string[];
  /** `--app <dir>`: an existing cloud assembly. @default - synthesize through cdk.json into cdk.out */
  readonly app?: string;
  /** `--yes`: no confirmation prompt. @default false */
  readonly yes: boolean;
  /** `--force`: `destroy` without a prompt. @default false */
  readonly force: boolean;
  /** `--profile <accountId>=<profileName>`, repeatable: account ID to credentials profile. @default - empty */
  readonly profiles: Map<string, string>;
  /** `--region`: the region of stacks whose env has no literal region. @default - none */
  readonly region?: string;
  /** `--timeout <minutes>`: how long to wait for each stack operation. @default 60 */
  readonly timeoutMinutes: number;
  /**
   * `--outputs-file <file>` (deploy): write the outputs there as JSON, `{ stack: { key: value } }`
   * (ros-cdk's `deploy --outputs-file` writes a `stack.outputs.json` of the same kind). @default - not written
   */
  readonly outputsFile?: string;
  /** `--help`. @default false */
  readonly help: boolean;
}

/** The default of `--timeout`, in minutes. */
export const DEFAULT_TIMEOUT_MINUTES = 60;

const COMMANDS: Record<string, CommandName> = {
  deploy: 'deploy',
  diff: 'diff',
  destroy: 'destroy',
  status: 'status',
  list: 'list',
  ls: 'list',
};

/** The usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: actiontrail-cdk <command> [STACK...] [options]

Commands:
  deploy [STACK...]          create or update the stacks (and their dependencies), in dependency order
  diff [STACK...]            what a deploy would change (ROS PreviewStack); exits 1 if anything differs
  destroy [STACK...] --force delete the stacks and the stacks that depend on them, dependents first
  status [STACK...]          each stack's status and each trail's ActionTrail state; exits 1 if unhealthy
  list                       the stacks, their accounts, regions and dependencies (alias: ls)

Options:
  --app <dir>                read this cloud assembly (default: synthesize through cdk.json into cdk.out)
  --profile <account>=<name> credentials profile for the stacks of an account (repeatable)
  --region <region>          region of stacks without a literal env.region
  --timeout <minutes>        wait at most this long for each stack operation (default ${DEFAULT_TIMEOUT_MINUTES})
  --outputs-file <file>      deploy: also write the stacks' outputs to this file as JSON
  --yes, -y                  do not ask for confirmation (also when standard input is not a terminal)
  --force, -f                destroy without asking
  --help, -h                 this text`;

/**
 * Parses `argv` (without `node` and the script), with Node's own `util.parseArgs`.
 * @throws UsageError for an unknown command or option, or a malformed value
 */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        app: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        force: { type: 'boolean', short: 'f' },
        profile: { type: 'string', multiple: true },
        region: { type: 'string' },
        timeout: { type: 'string' },
        'outputs-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const [first, ...stacks] = positionals;
  if (first === undefined) {
    if (help) {
      return {
        command: 'list',
        stacks: [],
        yes: false,
        force: false,
        profiles: new Map(),
        timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
        help,
      };
    }
    throw new UsageError(`no command given\n\n${USAGE}`);
  }
  const command = COMMANDS[first];
  if (command === undefined) {
    throw new UsageError(`unknown command '${first}'\n\n${USAGE}`);
  }
  if (command === 'list' && stacks.length > 0) {
    throw new UsageError(`'list' takes no stack names (got ${stacks.map((s) => `'${s}'`).join(', ')})`);
  }

  const profiles = new Map<string, string>();
  for (const spec of values.profile ?? []) {
    const eq = spec.indexOf('=');
    const account = eq < 0 ? '' : spec.slice(0, eq);
    const name = eq < 0 ? '' : spec.slice(eq + 1);
    if (!isAccountId(account) || name === '') {
      throw new UsageError(`--profile '${spec}' must be <accountId>=<profileName>, with a 16-digit account ID`);
    }
    if (profiles.has(account) && profiles.get(account) !== name) {
      throw new UsageError(
        `--profile names two profiles for account ${account}: '${profiles.get(account)}' and '${name}'`,
      );
    }
    profiles.set(account, name);
  }

  if (values.region !== undefined && !isRegionId(values.region)) {
    throw new UsageError(`--region '${values.region}' is not a region ID (e.g. cn-hangzhou)`);
  }

  let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  if (values.timeout !== undefined) {
    timeoutMinutes = Number(values.timeout);
    if (!/^\d+(\.\d+)?$/.test(values.timeout) || !(timeoutMinutes > 0)) {
      throw new UsageError(`--timeout '${values.timeout}' must be a positive number of minutes`);
    }
  }
  const outputsFile = values['outputs-file'];
  if (outputsFile !== undefined && (command !== 'deploy' || outputsFile.trim() === '')) {
    throw new UsageError(
      command !== 'deploy' ? '--outputs-file is an option of deploy' : '--outputs-file needs a file name',
    );
  }
  if (values.app !== undefined && values.app.trim() === '') {
    throw new UsageError('--app needs a directory (the cloud assembly, e.g. cdk.out)');
  }

  return {
    command,
    stacks,
    app: values.app,
    yes: values.yes === true,
    force: values.force === true,
    profiles,
    region: values.region,
    timeoutMinutes,
    outputsFile,
    help,
  };
}
