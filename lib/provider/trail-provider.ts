import * as ros from '@alicloud/ros-cdk-core';
import { dependOn } from '../common/dependencies';
import { PropValidator } from '../common/errors';
import { findStackLevel, STACK_LEVEL_IDS } from '../common/logical-ids';
import { physicalName } from '../common/physical-names';
import { PROVIDER_CODE } from './handler-code';
import { ACTIONTRAIL_ACTIONS } from './runtime/actions';

/** How long ROS waits for the provider to answer, in seconds (the handler's retry budget is below it). */
export const PROVIDER_TIMEOUT_SECONDS = 300;

/**
 * The Function Compute 3.0 function (nodejs20) that serves every
 * `Custom::ActionTrailTrail` in a stack, and its RAM role. One per stack, made
 * on first use; its code is embedded in the template (no OSS asset).
 *
 * The role may call only the ActionTrail actions the handler uses, on this
 * account's trails in this region; `ram:PassRole` only on the write roles
 * trails pass; and `ram:CreateServiceLinkedRole` only for ActionTrail's
 * service-linked role, only when a trail relies on it.
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
  public static of(scope: ros.IConstruct): TrailProvider {
    const stack = ros.Stack.of(scope);
    const v = new PropValidator(scope.constructor.name, scope);
    return findStackLevel(v, stack, STACK_LEVEL_IDS.provider, TrailProvider) ?? new TrailProvider(stack, STACK_LEVEL_IDS.provider);
  }

  /** The function's ARN, for a custom resource's `ServiceToken`. */
  public readonly serviceToken: string;
  /** The function's RAM role, an `ALIYUN::RAM::Role` (logical ID `ActionTrailProviderRole`). */
  public readonly role: ros.RosResource;
  /** The function, an `ALIYUN::FC3::Function` (logical ID `ActionTrailProviderFunction`). */
  public readonly function: ros.RosResource;

  private readonly passRoleArns = new Set<string>();
  private readonly extraStatements: PolicyStatement[] = [];
  private serviceLinkedRoleNeeded = false;

  private constructor(scope: ros.Stack, id: string) {
    super(scope, id);
    const stack = ros.Stack.of(this);

    this.role = new ros.RosResource(this, `${id}Role`, {
      type: 'ALIYUN::RAM::Role',
      properties: {
        RoleName: physicalName(this, { prefix: id, maxLength: 64, withRegion: true, disallowed: /[^A-Za-z0-9.-]/g }),
        Description: 'Lets the actiontrail-cdk provider function manage this stack\'s ActionTrail trails.',
        AssumeRolePolicyDocument: {
          Version: '1',
          Statement: [{
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            // A service principal without an account prefix is this account's Function Compute.
            Principal: { Service: ['fc.aliyuncs.com'] },
          }],
        },
        Policies: [{
          PolicyName: physicalName(this, { prefix: `${id}Policy`, maxLength: 128, withRegion: true, disallowed: /[^A-Za-z0-9-]/g }),
          PolicyDocument: ros.Lazy.anyValue({ produce: () => this.policyDocument(stack) }),
        }],
      },
    });

    this.function = new ros.RosResource(this, `${id}Function`, {
      type: 'ALIYUN::FC3::Function',
      properties: {
        FunctionName: physicalName(this, { prefix: id, maxLength: 64, disallowed: /[^A-Za-z0-9_-]/g }),
        Description: 'actiontrail-cdk: creates, updates and deletes ActionTrail trails for ROS (Custom::ActionTrailTrail).',
        Runtime: 'nodejs20',
        Handler: PROVIDER_CODE.handler,
        Code: { ZipFile: PROVIDER_CODE.zipFileBase64 },
        Role: this.role.getAtt('Arn'),
        Timeout: PROVIDER_TIMEOUT_SECONDS,
        MemorySize: 128,
        Cpu: 0.05,
        DiskSize: 512,
      },
    });
    dependOn(this.function, this.role);
    this.serviceToken = ros.Token.asString(this.function.getAtt('ARN'));
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
    const v = new PropValidator('TrailProvider', this);
    if (!Array.isArray(statement?.actions) || statement.actions.length === 0) v.fail('actions', 'is empty: name at least one action');
    v.checkEach('actions', statement.actions, namedActionRule);
    if (!Array.isArray(statement.resources) || statement.resources.length === 0) v.fail('resources', 'is empty: name at least one resource');
    v.checkEach('resources', statement.resources, (r) => (r.trim() === '' ? 'must be an ARN or *' : undefined));
    this.extraStatements.push({
      Effect: 'Allow',
      Action: [...statement.actions],
      Resource: [...statement.resources],
      ...(statement.conditions ? { Condition: statement.conditions } : {}),
    });
  }

  /** Lets the function have ActionTrail create its service-linked role (used when a destination has no write role). */
  public allowServiceLinkedRole(): void {
    this.serviceLinkedRoleNeeded = true;
  }

  /**
   * The role's policy, rendered at synth so that every trail's grants are in.
   */
  private policyDocument(stack: ros.Stack): PolicyDocument {
    const statement: PolicyStatement[] = [{
      Effect: 'Allow',
      Action: [...ACTIONTRAIL_ACTIONS].sort(),
      Resource: [`acs:actiontrail:${stack.region}:${stack.account}:*`],
    }];
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

/** An `Allow` statement to add to the provider role's policy. */
export interface ProviderPolicyStatement {
  /** Named RAM actions, e.g. `resourcemanager:GetResourceDirectory`; no wildcards. */
  readonly actions: string[];
  /** The resources (ARNs, or `*` where the action has no resource type). */
  readonly resources: string[];
  /** RAM conditions, e.g. `{ StringEquals: { 'acs:Service': '...' } }`. @default no condition */
  readonly conditions?: Record<string, Record<string, string>>;
}

/** A RAM policy statement, as ROS renders it. */
interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

/** A RAM policy document, as ROS renders it. */
interface PolicyDocument {
  readonly Version: '1';
  readonly Statement: PolicyStatement[];
}
