import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { dependOn } from '../dependencies';
import { physicalName } from '../physical-names';
import { PROVIDER_CODE } from './handler-code';
import { ACTIONTRAIL_ACTIONS } from './runtime/actions';

/** How long ROS waits for the provider to answer, in seconds (the handler's retry budget is below it). */
export const PROVIDER_TIMEOUT_SECONDS = 300;

/** The construct id, and so the logical-ID prefix, of the provider in a stack. */
const PROVIDER_ID = 'ActionTrailProvider';

/**
 * The Function Compute 3.0 function (nodejs20) that serves every
 * `Custom::ActionTrailTrail` in a stack, and its RAM role. One per stack, made
 * on first use; its code is embedded in the template (no OSS asset).
 *
 * The role may call only the ActionTrail actions the handler uses, on this
 * account's trails in this region; `ram:PassRole` only on the write roles
 * trails pass; and `ram:CreateServiceLinkedRole` only for ActionTrail's
 * service-linked role, only when a trail relies on it.
 */
export class TrailProvider extends ros.Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: ros.IConstruct): TrailProvider {
    const stack = ros.Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as TrailProvider | undefined;
    return existing ?? new TrailProvider(stack, PROVIDER_ID);
  }

  /** The function's ARN, for a custom resource's `ServiceToken`. */
  public readonly serviceToken: string;
  /** The function's RAM role (logical ID `ActionTrailProviderRole`). */
  public readonly role: ram.RosRole;
  /** The function (logical ID `ActionTrailProviderFunction`). */
  public readonly function: fc.RosFunction;

  private readonly passRoleArns = new Set<string>();
  private serviceLinkedRoleNeeded = false;

  private constructor(scope: ros.Stack, id: string) {
    super(scope, id);
    const stack = ros.Stack.of(this);

    this.role = new ram.RosRole(this, `${id}Role`, {
      roleName: physicalName(this, { prefix: id, maxLength: 64, withRegion: true, disallowed: /[^A-Za-z0-9.-]/g }),
      description: 'Lets the actiontrail-cdk provider function manage this stack\'s ActionTrail trails.',
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{
          action: 'sts:AssumeRole',
          effect: 'Allow',
          // A service principal without an account prefix is this account's Function Compute.
          principal: { service: ['fc.aliyuncs.com'] },
        }],
      },
      policies: [{
        policyName: physicalName(this, { prefix: `${id}Policy`, maxLength: 128, withRegion: true, disallowed: /[^A-Za-z0-9-]/g }),
        policyDocument: ros.Lazy.anyValue({ produce: () => this.policyDocument(stack) }),
      }],
    }, true);

    this.function = new fc.RosFunction(this, `${id}Function`, {
      functionName: physicalName(this, { prefix: id, maxLength: 64, disallowed: /[^A-Za-z0-9_-]/g }),
      description: 'actiontrail-cdk: creates, updates and deletes ActionTrail trails for ROS (Custom::ActionTrailTrail).',
      runtime: 'nodejs20',
      handler: PROVIDER_CODE.handler,
      code: { zipFile: PROVIDER_CODE.zipFileBase64 },
      role: this.role.attrArn,
      timeout: PROVIDER_TIMEOUT_SECONDS,
      memorySize: 128,
      cpu: 0.05,
      diskSize: 512,
    }, true);
    dependOn(this.function, this.role);
    this.serviceToken = ros.Token.asString(this.function.attrArn);
  }

  /** Lets the function pass `roleArn` to ActionTrail (as a trail's write role). */
  public grantPassRole(roleArn: string): void {
    this.passRoleArns.add(roleArn);
  }

  /** Lets the function have ActionTrail create its service-linked role (used when a destination has no write role). */
  public allowServiceLinkedRole(): void {
    this.serviceLinkedRoleNeeded = true;
  }

  /**
   * The role's policy, rendered at synth so that every trail's grants are in.
   */
  private policyDocument(stack: ros.Stack): ram.RosRole.PolicyDocumentProperty {
    const statement: ram.RosRole.PolicyDocumentStatementProperty[] = [{
      effect: 'Allow',
      action: [...ACTIONTRAIL_ACTIONS].sort(),
      resource: [`acs:actiontrail:${stack.region}:${stack.account}:*`],
    }];
    if (this.passRoleArns.size > 0) {
      statement.push({
        effect: 'Allow',
        action: ['ram:PassRole'],
        resource: [...this.passRoleArns].sort(),
        condition: { StringEquals: { 'acs:Service': 'actiontrail.aliyuncs.com' } },
      });
    }
    if (this.serviceLinkedRoleNeeded) {
      statement.push({
        effect: 'Allow',
        action: ['ram:CreateServiceLinkedRole'],
        resource: [`acs:ram:*:${stack.account}:role/*`],
        condition: { StringEquals: { 'ram:ServiceName': 'actiontrail.aliyuncs.com' } },
      });
    }
    return { version: '1', statement };
  }
}
