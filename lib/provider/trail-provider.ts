import * as ros from '@alicloud/ros-cdk-core';
import { dependOn } from '../private/dependencies';
import { FC3_FUNCTION_TYPE, RAM_ROLE_TYPE } from '../shared/resource-types';
import { PropValidator } from '../private/errors';
import { quote } from '../shared/quote';
import { findStackLevel, STACK_LEVEL_IDS } from '../private/logical-ids';
import { physicalName } from '../private/physical-names';
import { PROVIDER_CODE } from './handler-code';
import {
  ACTIONTRAIL_ACTIONS,
  DATA_EVENT_PUT_ACTION,
  DATA_EVENT_REMOVAL_ACTIONS,
  DECLARATIONS_VARIABLE,
  ROS_ACTIONS,
  STACK_ID_VARIABLE,
} from '../shared/provider-contract';
import { markServiceOnlyRole } from '../shared/markers';
import { declareLazyParts, RenderedOnceResource } from '../private/rendered-once-resource';

/** The provider function's timeout, in seconds (the handler's retry budget and its answer fit inside it). */
export const PROVIDER_TIMEOUT_SECONDS = 300;

/**
 * How long ROS waits for a trail's answer (the custom resource's `Timeout`),
 * in seconds: the function's timeout plus five minutes for Function Compute
 * to start the invocation (queueing, cold start) before the handler's own
 * clock runs.
 */
export const CUSTOM_RESOURCE_TIMEOUT_SECONDS = PROVIDER_TIMEOUT_SECONDS + 300;

/** Where the provider function writes its logs: an SLS project and logstore (the function's `LogConfig`). */
export interface ProviderLogConfig {
  /** The SLS project, in the stack's region. */
  readonly project: string;
  /** The logstore in that project. */
  readonly logstore: string;
}

/** Options of the stack's provider (the first construct that creates it sets them). */
export interface TrailProviderOptions {
  /**
   * Where the function's logs go. Function Compute then writes each
   * invocation's log lines (JSON, credentials redacted) to this logstore,
   * using the function's role, which is granted `log:PostLogStoreLogs` on it.
   * @default no log destination: the log lines are lost after each invocation
   */
  readonly logConfig?: ProviderLogConfig;
}

/**
 * The Function Compute 3.0 function (nodejs20) that serves every
 * `Custom::ActionTrailTrail` in a stack, and its RAM role. One per stack, made
 * on first use; its code is embedded in the template (no OSS asset).
 *
 * The role may call only the ActionTrail actions the handler uses, on this
 * account's trails in this region (the narrowest resource form ActionTrail's
 * RAM documentation gives); `ram:PassRole` only on the write roles trails
 * pass; `ram:CreateServiceLinkedRole` only for ActionTrail's service-linked
 * role, only when a trail relies on it; and `log:PostLogStoreLogs` on the
 * log destination, when one is set.
 *
 * The function acts only on requests ROS confirms: it may call
 * `ros:GetStackResource` on its own stack only (`TRAIL_STACK_ID`, the
 * stack's `ALIYUN::StackId`), and checks that ROS shows the request's
 * resource in the state the request implies, with the request's physical ID.
 * Which trails it may touch is then decided from its environment:
 * `TRAIL_DECLARATIONS` (every trail's Parameters by logical ID); see the
 * handler's README and the README's "Ownership and its residual risk".
 *
 * The role (`ALIYUN::RAM::Role`) and function (`ALIYUN::FC3::Function`) are
 * plain `RosResource`s rather than ros-cdk-ram's `RosRole` and ros-cdk-fc3's
 * `RosFunction`: their properties are constants of this library, covered by
 * its tests, and the generated classes' rendering of ~30 mostly empty
 * properties per stack made synth about 1.2-1.8x slower than the
 * `RosResource` floor (measured by the project's benchmarks).
 */
export class TrailProvider extends ros.Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: ros.IConstruct, options: TrailProviderOptions = {}): TrailProvider {
    const stack = ros.Stack.of(scope);
    const v = new PropValidator(scope.constructor.name, scope);
    const provider =
      findStackLevel(v, stack, STACK_LEVEL_IDS.provider, TrailProvider) ??
      new TrailProvider(stack, STACK_LEVEL_IDS.provider);
    if (options.logConfig !== undefined) provider.setLogConfig(options.logConfig, v);
    return provider;
  }

  /** The function's ARN, for a custom resource's `ServiceToken`. */
  public readonly serviceToken: string;
  /** The function's RAM role, an `ALIYUN::RAM::Role` (logical ID `ActionTrailProviderRole`). */
  public readonly role: ros.RosResource;
  /** The function, an `ALIYUN::FC3::Function` (logical ID `ActionTrailProviderFunction`). */
  public readonly function: ros.RosResource;

  /**
   * The stack's ID (`ALIYUN::StackId`), read once: ros-cdk-core makes a new
   * token, capturing a stack trace, each time `stack.stackId` is read, and
   * the policy is rendered at prepare and again for the template.
   */
  private readonly stackId: string;
  private readonly passRoleArns = new Set<string>();
  /** `TRAIL_DECLARATIONS`, rendered at synth (see `declarationsJson`). */
  private readonly declarationsValue = ros.Lazy.anyValue({
    produce: (context) => this.produceDeclarations(context),
  });
  /**
   * The declarations as `validate()` resolved them, for the template: once
   * synthesis has validated, the tree no longer changes, so the JSON is built
   * once rather than again for the template.
   */
  private validatedDeclarations?: unknown;
  private readonly declarations = new Map<string, { resource: ros.RosResource; parameters: Record<string, unknown> }>();
  private logConfig?: ProviderLogConfig;
  private readonly extraStatements: PolicyStatement[] = [];
  private serviceLinkedRoleNeeded = false;
  private dataEventsDeclared = false;

  private constructor(scope: ros.Stack, id: string) {
    super(scope, id);
    const stack = ros.Stack.of(this);
    this.stackId = stack.stackId;

    // Rendered once per synthesis, and not scanned for cross-stack references unless they hold some.
    const policyDocument = ros.Lazy.anyValue({ produce: () => this.policyDocument(stack) });
    this.role = new RenderedOnceResource(this, `${id}Role`, {
      type: RAM_ROLE_TYPE,
      properties: {
        RoleName: physicalName(this, { prefix: id, maxLength: 64, withRegion: true, disallowed: /[^A-Za-z0-9.-]/g }),
        Description: "Lets the actiontrail-cdk provider function manage this stack's ActionTrail trails.",
        AssumeRolePolicyDocument: {
          Version: '1',
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              // A service principal without an account prefix is this account's Function Compute.
              Principal: { Service: ['fc.aliyuncs.com'] },
            },
          ],
        },
        Policies: [
          {
            PolicyName: physicalName(this, {
              prefix: `${id}Policy`,
              maxLength: 128,
              withRegion: true,
              disallowed: /[^A-Za-z0-9-]/g,
            }),
            PolicyDocument: policyDocument,
          },
        ],
      },
    });
    declareLazyParts(this.role, policyDocument, () => this.policyDocument(stack));
    // Its trust names this account's Function Compute only: not a role the app-wide delivery rules read.
    markServiceOnlyRole(this.role);

    const logConfig = ros.Lazy.anyValue({ produce: () => this.renderLogConfig() });
    this.function = new RenderedOnceResource(this, `${id}Function`, {
      type: FC3_FUNCTION_TYPE,
      properties: {
        FunctionName: physicalName(this, { prefix: id, maxLength: 64, disallowed: /[^A-Za-z0-9_-]/g }),
        Description:
          'actiontrail-cdk: creates, updates and deletes ActionTrail trails for ROS (Custom::ActionTrailTrail).',
        Runtime: 'nodejs20',
        Handler: PROVIDER_CODE.handler,
        Code: { ZipFile: PROVIDER_CODE.zipFileBase64 },
        Role: this.role.getAtt('Arn'),
        Timeout: PROVIDER_TIMEOUT_SECONDS,
        MemorySize: 128,
        Cpu: 0.05,
        DiskSize: 512,
        EnvironmentVariables: {
          [STACK_ID_VARIABLE]: this.stackId,
          [DECLARATIONS_VARIABLE]: ros.Token.asString(this.declarationsValue),
        },
        LogConfig: logConfig,
      },
    });
    declareLazyParts(this.function, logConfig, () => this.renderLogConfig());
    declareLazyParts(this.function, this.declarationsValue, () => this.declaredParameters());
    dependOn(this.function, this.role);
    this.serviceToken = ros.Token.asString(this.function.getAtt('ARN'));
  }

  /**
   * Declares a trail this stack's template contains: its custom resource and
   * the `Parameters` it sends. The function's environment lists them, and the
   * provider applies only declared configurations to declared logical IDs.
   */
  public declareTrail(resource: ros.RosResource, parameters: Record<string, unknown>): void {
    this.declarations.set(resource.node.path, { resource, parameters });
    this.validatedDeclarations = undefined;
  }

  /** Lets the function pass `roleArn` to ActionTrail (as a trail's write role). */
  public grantPassRole(roleArn: string): void {
    this.passRoleArns.add(roleArn);
  }

  /**
   * Adds a statement to the provider role's policy, for permissions the
   * documentation does not name (e.g. if your resource directory makes
   * multi-account trails need more). Actions must be named: no `*` in them.
   */
  public addToPolicy(statement: ProviderPolicyStatement): void {
    const v: PropValidator = new PropValidator('TrailProvider', this);
    if (!statement || typeof statement !== 'object' || Array.isArray(statement))
      v.fail('statement', `${quote(statement)} must be an object with actions, resources and optional conditions`);
    const actions: unknown = statement.actions;
    if (!Array.isArray(actions) || actions.length === 0)
      v.fail('actions', `${quote(actions)} must be a non-empty array of action names`);
    actions.forEach(
      (a, i) =>
        typeof a !== 'string' &&
        v.fail(`actions[${i}]`, `${quote(a)} must be a string such as 'resourcemanager:GetResourceDirectory'`),
    );
    v.checkEach('actions', actions as string[], namedActionRule);
    const resources: unknown = statement.resources;
    if (!Array.isArray(resources) || resources.length === 0)
      v.fail('resources', `${quote(resources)} must be a non-empty array of ARNs (or '*')`);
    resources.forEach(
      (r, i) => typeof r !== 'string' && v.fail(`resources[${i}]`, `${quote(r)} must be a string: an ARN or '*'`),
    );
    v.checkEach('resources', resources as string[], (r) => (r.trim() === '' ? 'must be an ARN or *' : undefined));
    const conditions: unknown = statement.conditions;
    if (conditions !== undefined) checkConditions(v, conditions);
    this.extraStatements.push({
      Effect: 'Allow',
      Action: [...statement.actions],
      Resource: [...statement.resources],
      ...(statement.conditions ? { Condition: statement.conditions } : {}),
    });
  }

  /** The function's `LogConfig`, if a log destination is set. */
  private renderLogConfig(): { Project: string; Logstore: string } | undefined {
    return this.logConfig ? { Project: this.logConfig.project, Logstore: this.logConfig.logstore } : undefined;
  }

  /** Sets where the function's logs go; a second, different setting is an error. */
  private setLogConfig(logConfig: ProviderLogConfig, v: PropValidator): void {
    if (!logConfig || typeof logConfig !== 'object')
      v.fail('providerLogConfig', `${quote(logConfig)} must be { project, logstore }`);
    for (const key of ['project', 'logstore'] as const) {
      const value: unknown = logConfig[key];
      if (typeof value !== 'string' || value.trim() === '')
        v.fail(`providerLogConfig.${key}`, `${quote(value)} must be a non-empty string (an SLS ${key} name)`);
    }
    if (
      this.logConfig &&
      (this.logConfig.project !== logConfig.project || this.logConfig.logstore !== logConfig.logstore)
    ) {
      v.fail(
        'providerLogConfig',
        `${quote(logConfig)} differs from ${quote(this.logConfig)}, already set for the stack's one provider: set the same log destination on every trail of the stack, or on one only`,
      );
    }
    this.logConfig = { project: logConfig.project, logstore: logConfig.logstore };
  }

  /**
   * The declarations as the JSON the function reads (references left for ROS
   * to resolve): what `stack.toJsonString` makes of them, built directly when
   * every value is a boolean or a string (see `jsonWithIntrinsics`), since
   * `toJsonString`'s token machinery was most of the library's synth time.
   */
  private declarationsJson(stack: ros.Stack, context: ros.IResolveContext): unknown {
    const out = this.declarationsByLogicalId(stack);
    return jsonWithIntrinsics(out, context) ?? stack.toJsonString(out);
  }

  /** Each declared trail's Parameters, by logical ID, in logical-ID order. */
  private declarationsByLogicalId(stack: ros.Stack): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    const entries = [...this.declarations.values()]
      .map(({ resource, parameters }) => ({ logicalId: String(stack.resolve(resource.logicalId)), parameters }))
      .sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0));
    for (const { logicalId, parameters } of entries) out[logicalId] = parameters;
    return out;
  }

  /** Each declared trail's Parameters, in declaration order: what the declarations are made of. */
  private declaredParameters(): Record<string, unknown>[] {
    return [...this.declarations.values()].map(({ parameters }) => parameters);
  }

  /**
   * While ros-cdk-core prepares, it resolves every value only to find the
   * references it holds: the declarations, which hold the same tokens, are
   * given as the list of each trail's parameters, neither built into JSON nor
   * keyed by logical ID (resolving each logical ID is a resolution of its
   * own). After `validate()`, its result is reused.
   */
  private produceDeclarations(context: ros.IResolveContext): unknown {
    if (context.preparing) return this.declaredParameters();
    return this.validatedDeclarations ?? this.declarationsJson(ros.Stack.of(this), context);
  }

  /**
   * At synth: fails when the function's environment variables cannot fit in
   * Function Compute's limit ("The total size of all environment variables
   * cannot exceed 4 KB", FC's "Configure environment variables" page), which
   * would otherwise fail only at deploy. Counted at their smallest once ROS
   * resolves them (a 16-digit account ID, a 36-character stack ID, references
   * counted as empty), so a template that fails here cannot deploy.
   */
  protected validate(): string[] {
    const stack = ros.Stack.of(this);
    this.validatedDeclarations = undefined;
    this.validatedDeclarations = stack.resolve(this.declarationsValue);
    const declarations = minimumLength(this.validatedDeclarations);
    const bytes = STACK_ID_VARIABLE.length + STACK_ID_LENGTH + DECLARATIONS_VARIABLE.length + declarations;
    if (bytes <= FC_ENVIRONMENT_LIMIT_BYTES) return [];
    return [
      `TrailProvider '${this.node.path}': EnvironmentVariables need at least ${bytes} bytes for the ${this.declarations.size} trail(s) of stack '${stack.stackName}' ` +
        `(${DECLARATIONS_VARIABLE} lists each trail's settings), over Function Compute's limit of ${FC_ENVIRONMENT_LIMIT_BYTES} bytes: put some of these trails in another stack`,
    ];
  }

  /** Lets the function have ActionTrail create its service-linked role (used when a destination has no write role). */
  public allowServiceLinkedRole(): void {
    this.serviceLinkedRoleNeeded = true;
  }

  /**
   * Lets the function set data event selectors (`actiontrail:PutDataEventSelector`):
   * called by a Trail that declares `dataEvents`.
   */
  public allowDataEvents(): void {
    this.dataEventsDeclared = true;
  }

  /**
   * The role's policy, rendered at synth so that every trail's grants are in.
   */
  private policyDocument(stack: ros.Stack): PolicyDocument {
    // ActionTrail's "RAM authentication" page (help.aliyun.com doc-detail/103029) gives
    // acs:actiontrail:<region>:<account>:* for every trail operation: no policy can name
    // single trails, so the handler's ownership check (runtime/ownership.ts) limits it.
    const statement: PolicyStatement[] = [
      {
        Effect: 'Allow',
        Action: [...ACTIONTRAIL_ACTIONS].sort(),
        Resource: [`acs:actiontrail:${stack.region}:${stack.account}:*`],
      },
    ];
    // Data event selectors (ActionTrail's RAM table: resource trail/<name>, the same account-wide
    // form as above). Get and Delete always: removing a stack's last dataEvents updates this role
    // before the trail's Update reads and deletes them. Put only while a trail declares them.
    statement.push({
      Effect: 'Allow',
      Action: [...DATA_EVENT_REMOVAL_ACTIONS, ...(this.dataEventsDeclared ? [DATA_EVENT_PUT_ACTION] : [])].sort(),
      Resource: [`acs:actiontrail:${stack.region}:${stack.account}:trail/*`],
    });
    if (this.logConfig) {
      statement.push({
        Effect: 'Allow',
        Action: ['log:PostLogStoreLogs'],
        Resource: [
          `acs:log:${stack.region}:${stack.account}:project/${this.logConfig.project}/logstore/${this.logConfig.logstore}`,
        ],
      });
    }
    if (this.passRoleArns.size > 0) {
      statement.push({
        Effect: 'Allow',
        Action: ['ram:PassRole'],
        Resource: [...this.passRoleArns].sort(),
        Condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
      });
    }
    if (this.serviceLinkedRoleNeeded) {
      statement.push({
        Effect: 'Allow',
        Action: ['ram:CreateServiceLinkedRole'],
        Resource: [`acs:ram:*:${stack.account}:role/*`],
        Condition: { StringEquals: { 'ram:ServiceName': 'actiontrail.aliyuncs.com' } },
      });
    }
    // ROS's GetStackResource reference (help.aliyun.com, api-ros-2019-09-10-getstackresource) gives the
    // resource acs:ros:{#regionId}:{#accountId}:stack/{#stackId}: the function may read its own stack only.
    statement.push({
      Effect: 'Allow',
      Action: [...ROS_ACTIONS],
      Resource: [`acs:ros:${stack.region}:${stack.account}:stack/${this.stackId}`],
    });
    statement.push(...this.extraStatements);
    return { Version: '1', Statement: statement };
  }
}

/**
 * A named action the provider role may be given: `service:Action`, no wildcard,
 * and nothing of RAM or STS, whose actions could let the role widen its own
 * rights (the provider's `ram:PassRole` and `ram:CreateServiceLinkedRole`
 * grants are made by the library itself, scoped to exact roles).
 */
function namedActionRule(action: string): string | undefined {
  if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action)) {
    return "must be one named action such as 'resourcemanager:GetResourceDirectory' (no wildcard)";
  }
  if (/^(ram|sts):/.test(action)) {
    return 'is a RAM or STS action, which could let the provider role widen its own rights: the library grants the RAM actions it needs itself';
  }
  return undefined;
}

/** Checks the shape of a statement's conditions: `{ Operator: { Key: 'value' | ['values'] } }`. */
function checkConditions(v: PropValidator, conditions: unknown): void {
  const isPlain = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isPlain(conditions) || Object.keys(conditions).length === 0) {
    v.fail(
      'conditions',
      `${quote(conditions)} must be a non-empty object of operator to { key: value }, e.g. { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } }`,
    );
  }
  for (const [operator, keys] of Object.entries(conditions)) {
    if (!/^[A-Za-z]+$/.test(operator))
      v.fail('conditions', `operator ${quote(operator)} must be a RAM condition operator such as StringEquals`);
    if (!isPlain(keys) || Object.keys(keys).length === 0)
      v.fail(`conditions.${operator}`, `${quote(keys)} must be a non-empty object of condition key to value`);
    for (const [key, value] of Object.entries(keys)) {
      const ok =
        typeof value === 'string' ||
        (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string'));
      if (!ok)
        v.fail(`conditions.${operator}.${key}`, `${quote(value)} must be a string or a non-empty array of strings`);
    }
  }
}

/** An `Allow` statement to add to the provider role's policy. */
export interface ProviderPolicyStatement {
  /** Named RAM actions, e.g. `resourcemanager:GetResourceDirectory`; no wildcards. */
  readonly actions: string[];
  /** The resources (ARNs, or `*` where the action has no resource type). */
  readonly resources: string[];
  /** RAM conditions, e.g. `{ StringEquals: { 'acs:Service': '...' } }`. @default no condition */
  readonly conditions?: Record<string, Record<string, string | string[]>>;
}

/** A RAM policy statement, as ROS renders it. */
interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** A RAM policy document, as ROS renders it. */
interface PolicyDocument {
  readonly Version: '1';
  readonly Statement: PolicyStatement[];
}

/** Function Compute's limit on the total size of a function's environment variables (4 KB). */
const FC_ENVIRONMENT_LIMIT_BYTES = 4096;

/** Length of a ROS stack ID (a UUID, e.g. `4a6c9851-3b0f-4f5f-b4ca-a14bf691****`). */
const STACK_ID_LENGTH = 36;

/**
 * `stack.toJsonString(declarations)` resolved in `context`, built without its
 * tokens, or `undefined` when a value is not of the simple kinds below (the
 * caller then uses `toJsonString` itself). `toJsonString` JSON-encodes the
 * structure, leaving each string whose tokens resolve to a ROS intrinsic as
 * `"<intrinsic>"`, with the intrinsic's strings JSON-escaped, inside one
 * `Fn::Join` with an empty delimiter, flattened and with adjacent strings
 * merged (ros-cdk-core's `minimalRosTemplateJoin`). Here the values are
 * booleans and strings, a resolved string is encoded like any string, and an
 * intrinsic is used only when none of its strings needs escaping, so the
 * result is the same value.
 */
function jsonWithIntrinsics(
  declarations: Record<string, Record<string, unknown>>,
  context: ros.IResolveContext,
): unknown {
  const parts: unknown[] = [];
  let text = '{';
  let first = true;
  for (const logicalId of Object.keys(declarations)) {
    const parameters = declarations[logicalId];
    if (!isPlainRecord(parameters)) return undefined;
    text += `${first ? '' : ','}${JSON.stringify(logicalId)}:{`;
    first = false;
    let firstKey = true;
    for (const key of Object.keys(parameters)) {
      const value = parameters[key];
      if (ros.Token.isUnresolved(key) || (typeof value !== 'boolean' && typeof value !== 'string')) return undefined;
      text += `${firstKey ? '' : ','}${JSON.stringify(key)}:`;
      firstKey = false;
      const resolved: unknown =
        typeof value === 'string' && ros.Token.isUnresolved(value) ? context.resolve(value) : value;
      if (typeof resolved === 'boolean' || typeof resolved === 'string') {
        text += JSON.stringify(resolved);
      } else if (isIntrinsic(resolved) && needsNoEscaping(resolved)) {
        parts.push(`${text}"`, resolved);
        text = '"';
      } else {
        return undefined;
      }
    }
    text += '}';
  }
  text += '}';
  if (parts.length === 0) return text;
  parts.push(text);
  return { 'Fn::Join': ['', flattenJoin(parts)] };
}

function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return (
    !!x &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    !ros.Token.isUnresolved(x) &&
    Object.getPrototypeOf(x) === Object.prototype
  );
}

/** A ROS intrinsic as ros-cdk-core tells them: one key, `Ref` or `Fn::...`. */
function isIntrinsic(x: unknown): x is Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return (
    keys.length === 1 &&
    (keys[0] === 'Ref' ||
      (keys[0].startsWith('Fn::') && keys[0] !== 'Fn::GetArtifactAtt' && keys[0] !== 'Fn::GetParam'))
  );
}

/**
 * True when every string in `x` is free of tokens and of characters JSON
 * escapes (printable ASCII but `"` and `\`; so are all its substrings, which
 * `toJsonString` may have escaped on the way).
 */
function needsNoEscaping(x: unknown): boolean {
  if (typeof x === 'string') return /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(x) && !ros.Token.isUnresolved(x);
  if (Array.isArray(x)) return x.every(needsNoEscaping);
  if (x && typeof x === 'object')
    return Object.getPrototypeOf(x) === Object.prototype && Object.values(x).every(needsNoEscaping);
  return typeof x === 'number' || typeof x === 'boolean' || x === null;
}

/** The parts of an empty-delimiter `Fn::Join`: nested ones spliced in, adjacent strings merged. */
function flattenJoin(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    const join = isIntrinsic(value) ? value['Fn::Join'] : undefined;
    if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
      for (const inner of flattenJoin(join[1])) push(inner);
    } else {
      push(value);
    }
  }
  return out;

  function push(value: unknown): void {
    if (typeof value === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += value;
    else out.push(value);
  }
}

/**
 * The shortest a resolved template value can become once ROS resolves it: a
 * literal string counts in full (UTF-8 bytes), `ALIYUN::AccountId` as 16
 * digits, `Fn::Join` as its parts and separators, anything else as nothing.
 */
function minimumLength(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (o.Ref === 'ALIYUN::AccountId') return 16;
    const join = o['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      const parts = join[1] as unknown[];
      return (
        parts.reduce<number>((n, p) => n + minimumLength(p), 0) +
        Buffer.byteLength(join[0], 'utf8') * Math.max(0, parts.length - 1)
      );
    }
  }
  return 0;
}
