import { isAccountId, isRegionId } from '../../lib/shared/ids';
import { closeNames } from './suggest';
import { DEFAULT_EVENT_COLUMN, DEFAULT_PARTITION_COLUMN, SQL_COLUMN_PATTERN } from '../../lib/shared/detections';
import { UsageError } from './errors';

/** The commands of `actiontrail-cdk`. */
export type CommandName = 'deploy' | 'diff' | 'destroy' | 'status' | 'list' | 'synth' | 'preflight' | 'hunt';

/** The default window of `hunt`, in hours before `--until`. */
export const DEFAULT_HUNT_HOURS = 24;

/** `--require-approval`: when deploy asks before it acts. */
export type RequireApproval = 'never' | 'any-change' | 'broadening';

/** The values of `--require-approval`. */
export const REQUIRE_APPROVAL_VALUES: readonly RequireApproval[] = ['never', 'any-change', 'broadening'];

/** The most tags ROS takes on a stack. */
export const MAX_TAGS = 20;

/** A parsed command line. */
export interface CliArgs {
  /** The command. */
  readonly command: CommandName;
  /** Stack names and globs (`*`, `?`) given on the command line. @default [] (all stacks, except for destroy) */
  readonly stacks: string[];
  /** `--all`: every stack of the assembly (destroy needs it to act on every stack). @default false */
  readonly all: boolean;
  /** `--exclusively`: only the selected stacks, without their dependencies (deploy) or dependents (destroy). @default false */
  readonly exclusively: boolean;
  /** `--app <dir>`: an existing cloud assembly. @default - synthesize through cdk.json into cdk.out */
  readonly app?: string;
  /** `--yes`: no confirmation prompt. @default false */
  readonly yes: boolean;
  /** `--force`: `destroy` without a prompt. @default false */
  readonly force: boolean;
  /** `--profile <accountId>=<profileName>`, repeatable: account ID to credentials profile. @default - empty */
  readonly profiles: Map<string, string>;
  /**
   * `--profile <profileName>` (without `=`): the profile of every stack, for apps
   * whose stacks are all in one account. @default - none
   */
  readonly profile?: string;
  /** `--region`: the region of stacks whose env has no literal region. @default - none */
  readonly region?: string;
  /** `--timeout <minutes>`: how long to wait for each stack operation. @default 60 */
  readonly timeoutMinutes: number;
  /**
   * `--outputs-file <file>` (deploy): write the outputs there as JSON, `{ stack: { key: value } }`
   * (ros-cdk's `deploy --outputs-file` writes a `stack.outputs.json` of the same kind). @default - not written
   */
  readonly outputsFile?: string;
  /** `--help`, `-h` or `help [command]`: print help. @default false */
  readonly help: boolean;
  /** `--verbose`: show the SDK's own text under our one-line errors. @default false */
  readonly verbose: boolean;
  /** `--version`: print the version. @default false */
  readonly version: boolean;
  /** The command whose help to print (`deploy --help`, `help deploy`). @default - the general usage */
  readonly helpFor?: CommandName;
  /**
   * `--require-approval` (deploy): `never` asks nothing; `any-change` asks for any change;
   * `broadening` asks only when trust or permissions grow. Without a terminal,
   * a change that would ask is refused (broadening ones unless `never`).
   * @default 'broadening'
   */
  readonly requireApproval: RequireApproval;
  /** `--json` (list, diff, status, preflight): one JSON document on standard output, human text on standard error. @default false */
  readonly json: boolean;
  /**
   * `--parameters STACK:KEY=VALUE` (deploy), repeatable: template parameters per stack. A VALUE of
   * `@env:VAR` is kept as given here; the deploy reads the variable (stack-parameters.ts). @default []
   */
  readonly parameters: Array<{ readonly stack: string; readonly key: string; readonly value: string }>;
  /** `--disable-rollback` (deploy): DisableRollback on CreateStack and UpdateStack. @default false */
  readonly disableRollback: boolean;
  /** `--resource-group-id <id>` (deploy): the stacks' resource group. @default - not sent */
  readonly resourceGroupId?: string;
  /** `--tags KEY=VALUE` (deploy), repeatable: stack tags. @default [] */
  readonly tags: Array<{ readonly key: string; readonly value: string }>;
  /** `--concurrency N` (deploy): how many independent stacks deploy at once. @default 1 */
  readonly concurrency: number;
  /** `--strict` (synth, list, diff, deploy, preflight): a warning finding of the assembly is a non-zero exit. @default false */
  readonly strict?: boolean;
  /** `--no-preflight` (deploy): skip the read-only checks `deploy` runs first. @default false */
  readonly noPreflight?: boolean;
  /** `--allow-project-replacement` (deploy): a change of a deployed project's storage encryption is allowed. @default false */
  readonly allowProjectReplacement?: boolean;
  /** `--wait-for-delivery <minutes>` (status): poll until each MaxCompute trail's table has a partition. @default - no wait */
  readonly waitForDeliveryMinutes?: number;
  /** `--schema` (status): print each MaxCompute trail table's columns as MaxCompute returns them. @default false */
  readonly schema?: boolean;
  /** `--detection ID` (hunt), repeatable: only these detections. @default - every detection */
  readonly detections?: string[];
  /** `--since <ISO time>` (hunt): the window's start. @default - `--hours` before its end */
  readonly since?: Date;
  /** `--until <ISO time>` (hunt): the window's end (exclusive). @default - now */
  readonly until?: Date;
  /** `--hours N` (hunt): the window's length when `--since` is not given. @default 24 */
  readonly hours?: number;
  /** `--event-column NAME` (hunt): the column holding the event JSON. @default 'event' */
  readonly eventColumn?: string;
  /** `--partition-column NAME|none` (hunt): the date partition column; `null` for none. @default 'ds' */
  readonly partitionColumn?: string | null;
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
  synth: 'synth',
  preflight: 'preflight',
  hunt: 'hunt',
};

/** An option: whether it takes a value, its short form, and its help line. */
interface OptionSpec {
  readonly value?: string;
  readonly short?: string;
  readonly help: string;
}

const OPTIONS: Record<string, OptionSpec> = {
  app: { value: '<dir>', help: 'read this cloud assembly (default: synthesize through cdk.json into cdk.out)' },
  profile: {
    value: '<account>=<name>',
    help: 'credentials profile for the stacks of an account (repeatable); or --profile <name> when all stacks are in one account',
  },
  region: { value: '<region>', help: 'region of stacks without a literal env.region' },
  all: { help: 'every stack of the app' },
  exclusively: { help: 'only the named stacks: no dependencies (deploy) or dependents (destroy) added' },
  timeout: {
    value: '<minutes>',
    help: `wait at most this long for each stack operation (default ${DEFAULT_TIMEOUT_MINUTES})`,
  },
  'outputs-file': { value: '<file>', help: "also write the stacks' outputs to this file as JSON" },
  'require-approval': {
    value: '<never|any-change|broadening>',
    help: 'when deploy asks first: broadening (default) only when trust or permissions grow; any-change; never',
  },
  parameters: {
    value: '<stack>:<key>=<value>',
    help: 'a template parameter of a stack (repeatable); <value> @env:VAR reads it from the environment variable VAR',
  },
  'disable-rollback': { help: 'keep the resources of a failed create or update (ROS DisableRollback)' },
  'resource-group-id': { value: '<id>', help: 'put the stacks in this resource group (ROS ResourceGroupId)' },
  tags: { value: '<key>=<value>', help: 'a stack tag, passed on by ROS to the resources (repeatable)' },
  concurrency: {
    value: '<n>',
    help: 'deploy up to n independent stacks at once, still in dependency order (default 1)',
  },
  json: {
    help: 'one JSON document on standard output (schemas in the CLI guide the README links); other text on standard error',
  },
  yes: {
    short: 'y',
    help: 'do not ask for confirmation (not for trust or permissions that grow: see --require-approval)',
  },
  force: { short: 'f', help: 'destroy without asking' },
  verbose: { short: 'v', help: "show the SDK's own message under an error" },
  strict: { help: 'a warning finding of the app is an error (exit 1)' },
  'no-preflight': { help: 'deploy without running preflight first' },
  'allow-project-replacement': {
    help: "deploy even when a deployed MaxCompute project's storage encryption changes (that replaces the project)",
  },
  'wait-for-delivery': {
    value: '<minutes>',
    help: "wait up to this long for each MaxCompute trail's first partition",
  },
  schema: { help: "print each MaxCompute trail table's columns" },
  detection: { value: '<id>', help: 'only this detection, e.g. AT-DETECT-TAMPER (repeatable; default: all)' },
  since: {
    value: '<time>',
    help: 'window start, ISO 8601 (e.g. 2026-12-01T00:00:00Z; default: --hours before --until)',
  },
  until: { value: '<time>', help: 'window end, ISO 8601 (default: now)' },
  hours: {
    value: '<n>',
    help: `window length in hours when --since is not given (default ${DEFAULT_HUNT_HOURS})`,
  },
  'event-column': {
    value: '<name>',
    help: `the table column holding the event JSON (default ${DEFAULT_EVENT_COLUMN}; status --schema shows the real one)`,
  },
  'partition-column': {
    value: '<name|none>',
    help: `the date partition column, or none (default ${DEFAULT_PARTITION_COLUMN}; status --schema shows the real one)`,
  },
  help: { short: 'h', help: 'this text' },
  version: { help: 'the version of actiontrail-cdk' },
};

const SELECTION = ['all', 'exclusively'];
const COMMON = ['app', 'profile', 'region', 'verbose'];

/**
 * Options a command refuses with its own reason, where the general "not an
 * option of" would leave the user guessing: `destroy --yes` (deploy's "no
 * prompt") must not read as a confirmation to delete.
 */
const REFUSED_OPTIONS: Partial<Record<CommandName, Record<string, string>>> = {
  destroy: {
    yes: 'is not an option of destroy, which deletes stacks: it asks on a terminal, and only --force deletes without asking (also without a terminal); nothing was deleted',
  },
};

/** The options each command takes, in the order of its help. */
const COMMAND_OPTIONS: Record<CommandName, string[]> = {
  deploy: [
    ...SELECTION,
    ...COMMON,
    'timeout',
    'outputs-file',
    'require-approval',
    'parameters',
    'disable-rollback',
    'resource-group-id',
    'tags',
    'concurrency',
    'yes',
    'strict',
    'no-preflight',
    'allow-project-replacement',
    'help',
  ],
  diff: [...SELECTION, ...COMMON, 'json', 'strict', 'help'],
  // Not --yes: deleting trails is the dangerous direction, so only --force deletes without asking (REFUSED_OPTIONS).
  destroy: [...SELECTION, ...COMMON, 'timeout', 'force', 'help'],
  status: [...SELECTION, ...COMMON, 'wait-for-delivery', 'schema', 'json', 'help'],
  list: ['app', 'region', 'json', 'strict', 'help'],
  synth: ['strict', 'help'],
  preflight: [...SELECTION, ...COMMON, 'strict', 'json', 'help'],
  hunt: ['app', 'region', 'detection', 'since', 'until', 'hours', 'event-column', 'partition-column', 'help'],
};

const COMMAND_HELP: Record<CommandName, { synopsis: string; about: string; examples: string[] }> = {
  deploy: {
    synopsis: 'deploy [STACK...] [--all] [--exclusively]',
    about:
      'Creates or updates the stacks (default: all) and the stacks they depend on, in dependency order; runs preflight first (--no-preflight skips it), prints the plan and its security changes, ' +
      'asks when trust or permissions grow (--require-approval), then waits for each stack and prints its outputs. An unchanged stack whose trails drifted is updated so that its trails converge. ' +
      'On update, NoEcho parameters (secrets) not given with --parameters keep their previous values (UsePreviousParameters); every other parameter takes its --parameters value or its template default. ' +
      '--parameters STACK:KEY=@env:VAR reads the value from the environment variable VAR, so a secret is neither typed on the command line nor printed.',
    examples: [
      "actiontrail-cdk deploy 'OrgAudit-*' --profile 3333333333333333=archive --profile 1111111111111111=mgmt",
      'actiontrail-cdk deploy OrgAudit-Management --exclusively --profile mgmt --yes',
      'actiontrail-cdk deploy --all --concurrency 2 --tags team=security --require-approval never --profile 3333333333333333=archive --profile 1111111111111111=mgmt',
      'actiontrail-cdk deploy AuditAlerts --profile mgmt --parameters AuditAlerts:DingTalkRobotUrl=@env:DINGTALK_URL',
    ],
  },
  diff: {
    synopsis: 'diff [STACK...] [--all] [--exclusively]',
    about:
      'What a deploy would change: per resource, the property paths with old -> new values (long values as a sha256 digest with sizes), ' +
      'then the security changes (trust principals, policy actions and resources, function code). ' +
      'Exit codes: 0 no differences, 1 error (including a stack that cannot be updated), 2 differences.',
    examples: [
      "actiontrail-cdk diff 'OrgAudit-*' --profile 3333333333333333=archive --profile 1111111111111111=mgmt",
      'actiontrail-cdk diff OrgAudit-LogArchive --profile archive --json > diff.json',
    ],
  },
  destroy: {
    synopsis: 'destroy STACK... | --all [--exclusively] [--force]',
    about:
      'Deletes the stacks and the stacks that depend on them, dependents first, never their dependencies; prints the plan first. Needs stack names or --all. Asks before deleting on a terminal; without one it needs --force (--yes is not taken).',
    examples: ['actiontrail-cdk destroy OrgAudit-Management --force', 'actiontrail-cdk destroy --all --force'],
  },
  status: {
    synopsis: 'status [STACK...] [--all] [--wait-for-delivery <minutes>] [--schema] [--json]',
    about:
      "Each stack's status, each trail's ActionTrail state, its drift from the template (with the command that repairs it) and its delivery to MaxCompute (the table actiontrail_<trail>), and each alert rule (EventBridge GetRule); exits 1 if a stack is not deployed or unhealthy, a trail is not logging, has a delivery error, drifted or is not delivering, or an alert rule is missing, disabled or has no targets.",
    examples: [
      "actiontrail-cdk status 'Org*' --profile 1111111111111111=mgmt --profile 3333333333333333=archive",
      'actiontrail-cdk status SingleAccountAudit --wait-for-delivery 30 --json --profile mgmt',
    ],
  },
  preflight: {
    synopsis: 'preflight [STACK...] [--all] [--exclusively] [--json]',
    about:
      'Read-only checks of the selected stacks and their dependencies against their accounts (ROS resource types, ValidateTemplate, alert rule patterns through EventBridge TestEventPattern, ActionTrail name clashes and limits, MaxCompute project and quota, cross-account role trust, account of the credentials). One line per check: ok, FAILED (with the fix) or could-not-check (with why). Exits 1 on any FAILED. deploy runs it first.',
    examples: [
      "actiontrail-cdk preflight 'OrgAudit-*' --profile 3333333333333333=archive --profile 1111111111111111=mgmt",
      'actiontrail-cdk preflight SingleAccountAudit --json --profile mgmt > preflight.json',
    ],
  },
  hunt: {
    synopsis: 'hunt [STACK...] [--detection <id>] [--since <time>] [--until <time>] [--hours <n>]',
    about:
      "Prints one MaxCompute SQL query per detection (default: every one in the catalogue) for each trail of the selected stacks that delivers to MaxCompute, over its table actiontrail_<trail> in the project the trail delivers to, within a time window (default: the last 24 hours). No API call: run the queries in DataWorks or odpscmd. The table's column names are not documented: run status --schema and pass what it finds with --event-column and --partition-column.",
    examples: [
      'actiontrail-cdk hunt OrgAudit-Management --since 2026-12-01T00:00:00Z --until 2026-12-02T00:00:00Z',
      'actiontrail-cdk hunt --detection AT-DETECT-TAMPER --hours 6 --event-column event --partition-column ds',
    ],
  },
  list: {
    synopsis: 'list',
    about: 'The stacks, their accounts, regions and dependencies, in deploy order (no API call). Alias: ls.',
    examples: ['actiontrail-cdk list --app cdk.out', 'actiontrail-cdk list --json'],
  },
  synth: {
    synopsis: 'synth',
    about:
      'Synthesizes the app through cdk.json into cdk.out (as npm run synth does), then prints the files written and the number of findings; the app itself prints each finding once. Exits 1 when the app fails (e.g. an error finding).',
    examples: ['actiontrail-cdk synth'],
  },
};

/**
 * One help line per option. With `withCommands` (the general help), an option
 * that not every command takes starts with the commands that take it, read
 * from {@link COMMAND_OPTIONS} (what the parser accepts), e.g. `(deploy, destroy)`.
 */
function optionLines(names: string[], withCommands = false): string[] {
  const heads = names.map((n) => {
    const o = OPTIONS[n];
    return `--${n}${o.short ? `, -${o.short}` : ''}${o.value ? ` ${o.value}` : ''}`;
  });
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  const every = Object.keys(COMMAND_OPTIONS).length;
  const takenBy = (n: string): string => {
    const commands = commandsWith(n);
    return withCommands && commands.length > 0 && commands.length < every ? `(${commands.join(', ')}) ` : '';
  };
  return names.map((n, i) => `  ${heads[i].padEnd(width)}${takenBy(n)}${OPTIONS[n].help}`);
}

/** The usage text printed by `--help` and `help`. */
export const USAGE = [
  'Usage: actiontrail-cdk <command> [STACK...] [options]',
  '',
  'Commands:',
  '  deploy [STACK...]          create or update the stacks (and their dependencies), in dependency order; asks when trust grows',
  '  diff [STACK...]            what a deploy would change, property by property, and its security changes; exits 0 same, 2 differs, 1 error',
  '  destroy STACK... | --all   delete the stacks and the stacks that depend on them, dependents first',
  "  status [STACK...]          each stack's status and each trail's ActionTrail state; exits 1 if unhealthy",
  '  preflight [STACK...]       read-only checks against the accounts before a deploy; exits 1 on a FAILED check',
  '  hunt [STACK...]            the detections as queries over the trails: MaxCompute SQL, or SLS queries for SLS-delivering trails; no API call',
  '  list                       the stacks, their accounts, regions and dependencies (alias: ls)',
  '  synth                      synthesize into cdk.out; print the files written and the findings',
  '  help [COMMAND]             this text, or the options of a command with examples',
  '',
  "STACK is a stack name or a glob ('OrgAudit-*'; * any characters, ? one).",
  '',
  'Options (in parentheses: the commands that take it; without: every command):',
  ...optionLines(Object.keys(OPTIONS), true),
  '',
  'actiontrail-cdk <command> --help shows the options of a command.',
].join('\n');

/** `actiontrail-cdk <command> --help`: the command's synopsis, options and examples. */
export function commandHelp(command: CommandName): string {
  const h = COMMAND_HELP[command];
  return [
    `Usage: actiontrail-cdk ${h.synopsis} [options]`,
    '',
    h.about,
    ...(command === 'list' || command === 'synth'
      ? []
      : ['', "STACK is a stack name or a glob ('OrgAudit-*'; * any characters, ? one)."]),
    '',
    'Options:',
    ...optionLines(COMMAND_OPTIONS[command]),
    '',
    'Examples:',
    ...h.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/**
 * The closest of `candidates` to `word`, if it is close enough to be a typo
 * (see `closeNames`): a third of its length, so that long ids such as
 * detection ids may lose a whole suffix.
 */
export function closest(word: string, candidates: string[]): string | undefined {
  return closeNames(word, candidates, (w) => Math.max(1, Math.floor(w.length / 3)))[0];
}

/** The commands that take option `name` (without `--`), in the order of the help. */
export function commandsWith(name: string): CommandName[] {
  return (Object.keys(COMMAND_OPTIONS) as CommandName[]).filter((c) => COMMAND_OPTIONS[c].includes(name));
}

/** `unknown option '--frce' for deploy (did you mean --force?)`, or `option '--force' is not an option of diff`. */
function optionProblem(raw: string, exists: boolean, command: CommandName | undefined, allowed: string[]): string {
  if (exists) {
    return `'${raw}' is not an option of ${command} (it is an option of ${commandsWith(raw.slice(2)).join(', ')})`;
  }
  const guess =
    closest(
      raw,
      allowed.map((n) => `--${n}`),
    ) ??
    closest(
      raw,
      Object.keys(OPTIONS).map((n) => `--${n}`),
    );
  const elsewhere =
    guess !== undefined && !allowed.includes(guess.slice(2))
      ? `, an option of ${commandsWith(guess.slice(2)).join(', ')}`
      : '';
  return `unknown option '${raw}'${command ? ` for ${command}` : ''}${guess ? ` (did you mean ${guess}${elsewhere}?)` : ''}`;
}

/** Where to look for help after a usage error. */
function seeHelp(command: CommandName | undefined): string {
  return command ? `see actiontrail-cdk ${command} --help` : 'see actiontrail-cdk --help';
}

/** An option token as the user typed it, split into name and inline value. */
interface Token {
  readonly raw: string;
  readonly name?: string;
  readonly inline?: string;
}

function tokenize(arg: string): Token {
  if (arg.startsWith('--') && arg.length > 2) {
    const eq = arg.indexOf('=');
    return eq < 0
      ? { raw: arg, name: arg.slice(2) }
      : { raw: arg.slice(0, eq), name: arg.slice(2, eq), inline: arg.slice(eq + 1) };
  }
  if (arg.startsWith('-') && arg.length === 2 && arg !== '--') {
    const name = Object.keys(OPTIONS).find((n) => OPTIONS[n].short === arg[1]);
    return { raw: arg, name: name ?? `\u0000${arg}` };
  }
  return { raw: arg };
}

/**
 * Parses `argv` (without `node` and the script).
 * @throws UsageError for an unknown command or option, a missing or malformed value;
 *   its message is one line that says where to find help
 */
/**
 * The command a command line names, before (and whether or not) it parses, for
 * the `--json` error document: its first argument that is neither an option
 * nor an option's value (`--app list` names none), with aliases mapped
 * (`ls` is `list`). Null when that argument is not a command (`help`, a typo)
 * or there is none.
 */
export function commandOfCommandLine(argv: readonly string[]): CommandName | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return argv[i + 1] === undefined ? null : (COMMANDS[argv[i + 1]] ?? null);
    const token = tokenize(arg);
    if (token.name === undefined) return COMMANDS[arg] ?? null;
    const spec = OPTIONS[token.name] as OptionSpec | undefined;
    const next = argv[i + 1];
    // As the parser reads it: an option with a value takes the next argument unless that is an option.
    if (spec?.value !== undefined && token.inline === undefined && next !== undefined) {
      if (!(next.startsWith('-') && next.length > 1)) i++;
    }
  }
  return null;
}

export function parseCliArgs(argv: string[]): CliArgs {
  // The command is the first argument that is not an option (nor an option's value).
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const pending: Array<{ token: Token; value?: string }> = [];
  let command: CommandName | undefined;
  let afterDashes = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const token = afterDashes ? { raw: arg } : tokenize(arg);
    if (arg === '--' && !afterDashes) {
      afterDashes = true;
      continue;
    }
    if (token.name === undefined) {
      positionals.push(arg);
      if (command === undefined && positionals.length === 1) command = COMMANDS[arg];
      continue;
    }
    const spec = OPTIONS[token.name] as OptionSpec | undefined;
    if (spec?.value !== undefined && token.inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) {
        pending.push({ token });
      } else {
        pending.push({ token, value: next });
        i++;
      }
    } else {
      pending.push({ token, value: token.inline });
    }
  }
  const first = positionals[0];
  if (first === 'help') {
    const topic = positionals[1];
    if (topic !== undefined && COMMANDS[topic] === undefined) {
      throw new UsageError(`no command '${topic}' to help with; see actiontrail-cdk --help`);
    }
    // `help` takes every option of actiontrail-cdk and ignores it (so that `help` can be put in front of
    // any command line), but an unknown one is a usage error, as for every command.
    const unknown = pending.find(({ token }) => OPTIONS[token.name as string] === undefined);
    if (unknown !== undefined) {
      throw new UsageError(
        `${optionProblem(unknown.token.raw, false, undefined, Object.keys(OPTIONS))}; see actiontrail-cdk --help`,
      );
    }
    return base('list', { help: true, helpFor: topic === undefined ? undefined : COMMANDS[topic] });
  }
  if (first !== undefined && command === undefined) {
    const guess = closest(first, [...Object.keys(COMMANDS), 'help']);
    throw new UsageError(
      `unknown command '${first}'${guess ? ` (did you mean ${guess}?)` : ''}; see actiontrail-cdk --help`,
    );
  }
  const allowed = command ? COMMAND_OPTIONS[command] : [...Object.keys(OPTIONS)];
  for (const { token, value } of pending) {
    const name = token.name as string;
    const spec = OPTIONS[name] as OptionSpec | undefined;
    const refused = command ? REFUSED_OPTIONS[command]?.[name] : undefined;
    if (refused !== undefined) throw new UsageError(`'${token.raw}' ${refused}; ${seeHelp(command)}`);
    if (spec === undefined || (!allowed.includes(name) && name !== 'version')) {
      throw new UsageError(`${optionProblem(token.raw, spec !== undefined, command, allowed)}; ${seeHelp(command)}`);
    }
    if (spec.value === undefined) {
      if (value !== undefined) {
        throw new UsageError(`option '--${name}' takes no value (got '${value}'); ${seeHelp(command)}`);
      }
      flags.add(name);
    } else {
      if (value === undefined || value.trim() === '') {
        throw new UsageError(`option '--${name}' needs a value: --${name} ${spec.value}; ${seeHelp(command)}`);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    }
  }
  if (flags.has('version')) return base('list', { version: true });
  if (command === undefined) {
    if (flags.has('help')) return base('list', { help: true });
    throw new UsageError('no command given; see actiontrail-cdk --help');
  }
  if (flags.has('help')) return base(command, { help: true, helpFor: command });
  const stacks = positionals.slice(1);
  if ((command === 'list' || command === 'synth') && stacks.length > 0) {
    throw new UsageError(`'${command}' takes no stack names (got ${stacks.map((s) => `'${s}'`).join(', ')})`);
  }
  for (const single of [
    'app',
    'region',
    'timeout',
    'outputs-file',
    'require-approval',
    'resource-group-id',
    'concurrency',
    'wait-for-delivery',
    'since',
    'until',
    'hours',
    'event-column',
    'partition-column',
  ]) {
    if ((values.get(single)?.length ?? 0) > 1) {
      throw new UsageError(`option '--${single}' is given twice; ${seeHelp(command)}`);
    }
  }
  const value = (name: string): string | undefined => values.get(name)?.[0];

  if (flags.has('all') && stacks.length > 0) {
    throw new UsageError(`--all selects every stack: give stack names or --all, not both`);
  }

  const profiles = new Map<string, string>();
  let profile: string | undefined;
  for (const spec of values.get('profile') ?? []) {
    const eq = spec.indexOf('=');
    if (eq < 0) {
      if (profile !== undefined && profile !== spec) {
        throw new UsageError(
          `--profile names two profiles, '${profile}' and '${spec}': for several accounts use --profile <accountId>=<profileName>`,
        );
      }
      profile = spec;
      continue;
    }
    const account = spec.slice(0, eq);
    const name = spec.slice(eq + 1);
    if (!isAccountId(account) || name === '') {
      throw new UsageError(
        `--profile '${spec}' must be <accountId>=<profileName>, with a 16-digit account ID, or a profile name`,
      );
    }
    if (profiles.has(account) && profiles.get(account) !== name) {
      throw new UsageError(
        `--profile names two profiles for account ${account}: '${profiles.get(account)}' and '${name}'`,
      );
    }
    profiles.set(account, name);
  }
  if (profile !== undefined && profiles.size > 0) {
    throw new UsageError(
      `--profile ${profile} (every stack) and --profile <account>=<profile> cannot be combined: use <account>=<profile> for each account`,
    );
  }

  const region = value('region');
  if (region !== undefined && !isRegionId(region)) {
    throw new UsageError(`--region '${region}' is not a region ID (e.g. cn-hangzhou)`);
  }

  let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  const timeout = value('timeout');
  if (timeout !== undefined) {
    timeoutMinutes = Number(timeout);
    if (!/^\d+(\.\d+)?$/.test(timeout) || !(timeoutMinutes > 0)) {
      throw new UsageError(`--timeout '${timeout}' must be a positive number of minutes`);
    }
  }

  const requireApproval = (value('require-approval') ?? 'broadening') as RequireApproval;
  if (!REQUIRE_APPROVAL_VALUES.includes(requireApproval)) {
    throw new UsageError(
      `--require-approval '${requireApproval}' must be one of ${REQUIRE_APPROVAL_VALUES.join(', ')}; ${seeHelp(command)}`,
    );
  }
  const parameters = (values.get('parameters') ?? []).map((spec) => {
    const m = /^([^:=]+):([^=]+)=(.*)$/s.exec(spec);
    if (!m) {
      throw new UsageError(
        `--parameters '${spec}' must be <stack>:<key>=<value>, e.g. --parameters OrgAudit-LogArchive:RetentionDays=180`,
      );
    }
    return { stack: m[1], key: m[2], value: m[3] };
  });
  const tags = (values.get('tags') ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    const key = eq < 0 ? spec : spec.slice(0, eq);
    if (eq < 0 || key === '') {
      throw new UsageError(`--tags '${spec}' must be <key>=<value>, e.g. --tags team=security`);
    }
    if (/^(aliyun|acs:)/i.test(key)) {
      throw new UsageError(`--tags '${spec}': a tag key cannot start with 'aliyun' or 'acs:' (ROS reserves them)`);
    }
    return { key, value: spec.slice(eq + 1) };
  });
  if (new Set(tags.map((t) => t.key)).size !== tags.length) {
    throw new UsageError(`--tags names a key twice: ${tags.map((t) => t.key).join(', ')}`);
  }
  if (tags.length > MAX_TAGS) {
    throw new UsageError(`--tags: ${tags.length} tags, ROS takes at most ${MAX_TAGS} on a stack`);
  }
  let concurrency = 1;
  const rawConcurrency = value('concurrency');
  if (rawConcurrency !== undefined) {
    concurrency = Number(rawConcurrency);
    if (!/^\d+$/.test(rawConcurrency) || concurrency < 1) {
      throw new UsageError(`--concurrency '${rawConcurrency}' must be a whole number of stacks, 1 or more`);
    }
  }

  let waitForDeliveryMinutes: number | undefined;
  const wait = value('wait-for-delivery');
  if (wait !== undefined) {
    waitForDeliveryMinutes = Number(wait);
    if (!/^\d+(\.\d+)?$/.test(wait) || !(waitForDeliveryMinutes > 0)) {
      throw new UsageError(`--wait-for-delivery '${wait}' must be a positive number of minutes`);
    }
  }

  const time = (name: string): Date | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const d = new Date(raw);
    if (
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(raw) ||
      Number.isNaN(d.getTime())
    ) {
      throw new UsageError(
        `--${name} '${raw}' is not an ISO 8601 time: give e.g. 2026-12-01T00:00:00Z (a date alone is midnight UTC)`,
      );
    }
    return d;
  };
  const since = time('since');
  const until = time('until');
  let hours: number | undefined;
  const rawHours = value('hours');
  if (rawHours !== undefined) {
    hours = Number(rawHours);
    if (!/^\d+(\.\d+)?$/.test(rawHours) || !(hours > 0)) {
      throw new UsageError(`--hours '${rawHours}' must be a positive number of hours`);
    }
    if (since !== undefined) throw new UsageError('--hours and --since both say where the window starts: give one');
  }
  if (since !== undefined && until !== undefined && since.getTime() >= until.getTime()) {
    throw new UsageError(
      `--since ${isoSecond(since)} is not before --until ${isoSecond(until)}: swap them or widen the window`,
    );
  }
  const column = (name: string): string | undefined => {
    const raw = value(name);
    if (raw !== undefined && !(name === 'partition-column' && raw === 'none') && !SQL_COLUMN_PATTERN.test(raw)) {
      throw new UsageError(
        `--${name} '${raw}' is not a column name: letters, digits and _, a letter or _ first (status --schema shows the table's columns)${name === 'partition-column' ? "; or 'none' for no partition filter" : ''}`,
      );
    }
    return raw;
  };
  const eventColumn = column('event-column');
  const partition = column('partition-column');

  return {
    ...base(command, {}),
    detections: values.get('detection'),
    since,
    until,
    hours,
    eventColumn,
    partitionColumn: partition === 'none' ? null : partition,
    requireApproval,
    json: flags.has('json'),
    parameters,
    disableRollback: flags.has('disable-rollback'),
    resourceGroupId: value('resource-group-id'),
    tags,
    concurrency,
    strict: flags.has('strict'),
    noPreflight: flags.has('no-preflight'),
    allowProjectReplacement: flags.has('allow-project-replacement'),
    schema: flags.has('schema'),
    waitForDeliveryMinutes,
    stacks,
    all: flags.has('all'),
    exclusively: flags.has('exclusively'),
    app: value('app'),
    yes: flags.has('yes'),
    verbose: flags.has('verbose'),
    force: flags.has('force'),
    profiles,
    profile,
    region,
    timeoutMinutes,
    outputsFile: value('outputs-file'),
  };
}

/** An ISO time to the second, as the messages show it. */
function isoSecond(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

function base(command: CommandName, extra: Partial<CliArgs>): CliArgs {
  return {
    command,
    stacks: [],
    all: false,
    exclusively: false,
    yes: false,
    force: false,
    profiles: new Map(),
    timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
    help: false,
    verbose: false,
    version: false,
    requireApproval: 'broadening',
    json: false,
    parameters: [],
    disableRollback: false,
    tags: [],
    concurrency: 1,
    ...extra,
  };
}
