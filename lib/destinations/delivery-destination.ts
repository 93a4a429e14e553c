import * as ros from '@alicloud/ros-cdk-core';
import type * as ram from '@alicloud/ros-cdk-ram';
import { maxComputeProjectArn, ramRoleArn } from '../private/arn';
import { checkAccountIds } from '../private/account-ids';
import {
  createAuditProject,
  ProjectEncryption,
  ProjectIpWhitelist,
  renderProjectEncryption,
  renderProjectIpWhitelist,
} from './audit-project';
import { PropValidator } from '../private/errors';
import { quote } from '../shared/quote';
import { checkNotReserved } from '../private/logical-ids';
import { actionTrailProjectNameRule, quotaNameRule, roleNameRule } from '../private/names';
import { RosProject } from '../ros';
import { declareTrustedAccounts } from '../constructs/trusted-accounts';
import { checkStackEnv, stackOf } from '../constructs/stack-environments';
import { registerDestinationArn } from './destination-registry';
import { claimAccountUniqueName } from '../private/unique-names';
import { reportAppFindings } from '../shared/markers';
import { ensureFindingsPrinter } from '../constructs/findings-printer';

/**
 * The largest trust policy a `DeliveryDestination` renders, in bytes, unless
 * `maxTrustPolicyBytes` says otherwise.
 *
 * RAM's limits page (https://www.alibabacloud.com/help/en/ram/product-overview/limits)
 * lists no limit for a role's trust policy (AssumeRolePolicyDocument): it gives
 * 6,144 characters for a custom policy, and earlier editions of the same page
 * (https://www.alibabacloud.com/help/doc-detail/28753.htm) gave 2,048. Until RAM
 * documents the trust-policy limit we assume the smaller figure. It fits 44
 * source accounts (44 bytes each, 100 for the rest of the document); raise
 * `maxTrustPolicyBytes` if RAM accepts more for you.
 */
export const DEFAULT_MAX_TRUST_POLICY_BYTES = 2048;

/** The system policy that lets ActionTrail write to MaxCompute (and OSS/SLS) through a role. */
export const ACTIONTRAIL_DELIVERY_POLICY = 'AliyunActionTrailDeliveryPolicy';

/** The default name of the delivery role. */
export const DEFAULT_DELIVERY_ROLE_NAME = 'ActionTrailDeliveryRole';

/** Properties of a `DeliveryDestination`. */
export interface DeliveryDestinationProps {
  /**
   * The accounts whose ActionTrail may deliver here: each gets the service
   * principal `<account ID>@actiontrail.aliyuncs.com` in the role's trust
   * policy, in this order. For a multi-account trail list the account that owns
   * the trail (the management or delegated admin account), not the members.
   * Not empty, 16-digit IDs, each once, not this stack's own account.
   */
  readonly sourceAccountIds: string[];
  /**
   * The MaxCompute project to create: `actiontrail_` and 1-16 lowercase
   * letters, digits or `_`.
   * @default `actiontrail_<this stack's account ID>`
   */
  readonly projectName?: string;
  /** The project's default quota, e.g. `os_PayAsYouGoQuota`. @default MaxCompute's default quota */
  readonly quota?: string;
  /**
   * The delivery role's name (1-64 letters, digits, `.` and `-`). RAM role
   * names are unique per account: two destinations in one account (or one
   * stack deployed to two regions of it) need different names.
   * @default 'ActionTrailDeliveryRole'
   */
  readonly roleName?: string;
  /**
   * What happens to the project, and the audit events in it, when it leaves the stack.
   * @default ros.RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: ros.RemovalPolicy;
  /**
   * The largest trust policy to render, in bytes (compact JSON). A longer
   * source list fails at synth rather than at deploy time.
   * @default DEFAULT_MAX_TRUST_POLICY_BYTES (2048; RAM does not document the limit)
   */
  readonly maxTrustPolicyBytes?: number;
  /**
   * How the project is encrypted at rest. Opting out
   * (`ProjectEncryption.unencrypted(reason)`) draws the finding AT-STORAGE-002.
   * Changing it on a deployed project replaces the project.
   * @default ProjectEncryption.maxComputeKey(): MaxCompute's own key, AESCTR
   */
  readonly encryption?: ProjectEncryption;
  /**
   * IP address whitelists of the project. Off by default: see
   * `ProjectIpWhitelist` for why (whether a whitelist blocks ActionTrail's
   * delivery from the source accounts is not documented).
   * @default - no whitelist
   */
  readonly ipWhitelist?: ProjectIpWhitelist;
}

/**
 * The log-archive (destination) side of cross-account delivery: a MaxCompute
 * project (retained when the stack is deleted) and a RAM role that exactly
 * the listed source accounts' ActionTrail may assume to write to it, with
 * `AliyunActionTrailDeliveryPolicy` attached. Source accounts deliver with
 * `MaxComputeDestination.anotherAccount({ projectArn, roleArn })`.
 *
 * Child logical IDs derive from this construct's id: `<id>Project`,
 * `<id>Role`, and the outputs `<id>ProjectArn`, `<id>RoleArn`.
 *
 * `projectArn`, `roleArn` and `projectName` are computed, not read from the
 * resources, so another stack can use them without a cross-stack reference,
 * provided this stack has a literal `env.account` and `env.region` (otherwise
 * they hold `ALIYUN::AccountId`/`ALIYUN::Region`, which would resolve to the
 * other stack's account and region: using them there fails at synth). A
 * `MaxComputeDestination.anotherAccount` given these ARNs in another stack of
 * the same app makes that stack depend on this one in the cloud assembly.
 */
export class DeliveryDestination extends ros.Construct {
  /** ARN of the project, `acs:odps:<region>:<account>:project/<name>`. */
  public readonly projectArn: string;
  /** ARN of the delivery role, `acs:ram::<account>:role/<roleName>`. */
  public readonly roleArn: string;
  /** The project's name. */
  public readonly projectName: string;
  /** The delivery role's name. */
  public readonly roleName: string;
  /** The accounts the role trusts, in the order given. */
  public readonly sourceAccountIds: readonly string[];
  /** The MaxCompute project (logical ID `<id>Project`). */
  public readonly project: RosProject;
  /** The delivery role (logical ID `<id>Role`). */
  public readonly role: ram.RosRole;
  /** The role's trust policy, as rendered in the template. */
  public readonly trustPolicy: TrustPolicyDocument;
  /** The rendered trust policy's size in bytes (compact JSON; a token account ID counts as 16 digits). */
  public readonly trustPolicyBytes: number;
  /** Uses of the deploy-time ARNs in other stacks, found when the app resolves its templates. */
  private readonly misuses = new Set<string>();

  constructor(scope: ros.Construct, id: string, props: DeliveryDestinationProps) {
    super(scope, id);
    ensureFindingsPrinter(this);
    const v = new PropValidator('DeliveryDestination', this);
    const stack = stackOf(v, this, 'DeliveryDestination');
    if (props === undefined || props === null) v.fail('props', 'are required: at least sourceAccountIds');
    checkNotReserved(v, this, [`${id}Project`, `${id}Role`]);
    checkStackEnv(v, stack);

    this.sourceAccountIds = [
      ...checkAccountIds(v, 'sourceAccountIds', props.sourceAccountIds, [
        {
          accountId: stack.account,
          what: "this stack's own account, the destination",
          advice:
            "a trail delivers to its own account's project with MaxComputeDestination.thisAccount(), which needs no delivery role; list only the other accounts",
        },
      ]),
    ];
    v.check('projectName', props.projectName, actionTrailProjectNameRule);
    v.check('quota', props.quota, quotaNameRule);
    this.roleName = v.check('roleName', props.roleName, roleNameRule) ?? DEFAULT_DELIVERY_ROLE_NAME;
    claimAccountUniqueName(v, this, 'RAM role name', 'roleName', this.roleName, true);
    v.checkOneOf(
      'removalPolicy',
      props.removalPolicy,
      Object.values(ros.RemovalPolicy),
      'ros.RemovalPolicy.RETAIN, the default, or ros.RemovalPolicy.DESTROY',
    );
    const maxBytes = props.maxTrustPolicyBytes ?? DEFAULT_MAX_TRUST_POLICY_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
      v.fail('maxTrustPolicyBytes', `${quote(maxBytes)} must be a positive whole number of bytes`);
    }

    this.trustPolicy = trustPolicyDocument(this.sourceAccountIds);
    this.trustPolicyBytes = trustPolicySize(this.sourceAccountIds);
    if (this.trustPolicyBytes > maxBytes) {
      v.fail(
        'sourceAccountIds',
        `lists ${this.sourceAccountIds.length} accounts, whose trust policy would be ${this.trustPolicyBytes} bytes, over the ${maxBytes}-byte limit (maxTrustPolicyBytes): ` +
          'deliver with one multi-account trail (organizationTrail: true) from the management account, so that only that account is trusted, ' +
          'or split the accounts over several DeliveryDestinations, each with its own roleName',
      );
    }

    const accountKnown = !ros.Token.isUnresolved(stack.account);
    const projectName =
      props.projectName ??
      (accountKnown ? `actiontrail_${stack.account}` : ros.Fn.join('', ['actiontrail_', stack.account]));
    const projectArn = maxComputeProjectArn(stack.region, stack.account, projectName);
    const roleArn = ramRoleArn(stack.account, this.roleName);

    this.project = createAuditProject(this, `${id}Project`, {
      name: projectName,
      quota: props.quota,
      encryption: renderProjectEncryption(v, 'encryption', props.encryption, stack.region),
      encryptionOption: props.encryption,
      ipWhiteList: renderProjectIpWhitelist(v, 'ipWhitelist', props.ipWhitelist),
      comment: 'ActionTrail events delivered from other accounts (actiontrail-cdk DeliveryDestination)',
      removalPolicy: props.removalPolicy,
    });

    this.role = new (ramL1().RosRole)(
      this,
      `${id}Role`,
      {
        roleName: this.roleName,
        description:
          "Assumed by the ActionTrail of the accounts in its trust policy to deliver their events to this account's MaxCompute project (actiontrail-cdk).",
        assumeRolePolicyDocument: {
          version: this.trustPolicy.Version,
          statement: this.trustPolicy.Statement.map((s) => ({
            action: s.Action,
            effect: s.Effect,
            principal: { service: [...s.Principal.Service] },
          })),
        },
        policyAttachments: { system: [ACTIONTRAIL_DELIVERY_POLICY] },
      },
      true,
    );

    // Tells AuditChecks (AT-ROLE-002) which accounts this role is meant to trust.
    declareTrustedAccounts(this.role, this.sourceAccountIds);

    new ros.RosOutput(this, `${id}ProjectArn`, {
      value: projectArn,
      description:
        'MaxCompute project that receives ActionTrail events (MaxComputeDestination.anotherAccount projectArn)',
    });
    new ros.RosOutput(this, `${id}RoleArn`, {
      value: roleArn,
      description:
        "Role the source accounts' ActionTrail assumes to deliver (MaxComputeDestination.anotherAccount roleArn)",
    });

    const report = (misuse: string) => this.misuses.add(misuse);
    this.projectName = ownStackOnly(v, stack, 'projectName', projectName, report);
    this.projectArn = ownStackOnly(v, stack, 'projectArn', projectArn, report);
    this.roleArn = ownStackOnly(v, stack, 'roleArn', roleArn, report);
    registerDestinationArn(this, stack, 'projectArn', this.projectArn);
    registerDestinationArn(this, stack, 'roleArn', this.roleArn);
  }

  /**
   * At synth: fails, one line per use, when another stack used this
   * destination's deploy-time ARNs (found while the app resolved its templates,
   * before validation), instead of an error nested in token resolution.
   * Also reports, across the app, an account the role trusts with no trail in
   * the app delivering through it (info, AT-ROLE-003).
   */
  protected validate(): string[] {
    const app = this.role === undefined ? [] : reportAppFindings(this.role);
    return [...[...this.misuses].sort(), ...app];
  }
}

/** A trust policy as RAM stores it (PascalCase keys). */
export interface TrustPolicyDocument {
  /** Always `1`. */
  readonly Version: string;
  /** One statement: `sts:AssumeRole` for the listed ActionTrail service principals. */
  readonly Statement: readonly TrustPolicyStatement[];
}

/** The statement of a delivery role's trust policy. */
export interface TrustPolicyStatement {
  /** Always `sts:AssumeRole`. */
  readonly Action: string;
  /** Always `Allow`. */
  readonly Effect: string;
  /** The trusted ActionTrail service principals, `<account ID>@actiontrail.aliyuncs.com`. */
  readonly Principal: { readonly Service: readonly string[] };
}

/** The ActionTrail service principal of one account: `<account ID>@actiontrail.aliyuncs.com`. */
export function actionTrailServicePrincipal(accountId: string): string {
  return `${accountId}@actiontrail.aliyuncs.com`;
}

/**
 * The trust policy that lets exactly these accounts' ActionTrail assume a role (ActionTrail's cross-account
 * delivery to MaxCompute: the service principal `<account ID>@actiontrail.aliyuncs.com`).
 */
export function trustPolicyDocument(accountIds: readonly string[]): TrustPolicyDocument {
  return {
    Version: '1',
    Statement: [
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: accountIds.map(actionTrailServicePrincipal) },
      },
    ],
  };
}

/** The size in bytes of the compact JSON trust policy for these accounts; a token ID counts as 16 digits. */
export function trustPolicySize(accountIds: readonly string[]): number {
  const sized = accountIds.map((id) => (ros.Token.isUnresolved(id) ? '0'.repeat(16) : id));
  return Buffer.byteLength(JSON.stringify(trustPolicyDocument(sized)), 'utf8');
}

/**
 * Returns `value` as is when it is literal. When it holds this stack's
 * `ALIYUN::AccountId`/`ALIYUN::Region`, returns a token that, resolved in
 * another stack (where those pseudo parameters name that stack's account and
 * region, not the destination's), reports the misuse, which fails synth in the
 * destination's `validate()`. The app resolves every template to find
 * cross-stack references before it validates, so the misuse is found in time.
 */
function ownStackOnly(
  v: PropValidator,
  home: ros.Stack,
  property: string,
  value: string,
  report: (misuse: string) => void,
): string {
  if (!ros.Token.isUnresolved(value)) return value;
  return ros.Lazy.stringValue({
    produce: (context: ros.IResolveContext) => {
      const user = ros.Stack.of(context.scope);
      if (user !== home) {
        report(
          `DeliveryDestination '${v.path}': ${property} is used in stack '${user.stackName}' (by '${context.scope.node.path}'), ` +
            `but it holds stack '${home.stackName}''s ALIYUN::AccountId or ALIYUN::Region, ` +
            `which would resolve to the other stack's account or region: give stack '${home.stackName}' a literal env.account and env.region`,
        );
      }
      return value;
    },
  });
}

/**
 * ros-cdk-ram's generated L1 module, loaded the first time a `DeliveryDestination`
 * is built: only that construct needs it, and loading it with the library cost
 * every other user about 15 ms and 2.7 MiB of heap, and left less room before the
 * first full garbage collection during synth.
 */
function ramL1(): typeof import('@alicloud/ros-cdk-ram/lib/ram.generated') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously, to keep the library's import light
  return require('@alicloud/ros-cdk-ram/lib/ram.generated') as typeof import('@alicloud/ros-cdk-ram/lib/ram.generated');
}
