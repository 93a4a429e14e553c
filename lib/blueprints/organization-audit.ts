import * as ros from '@alicloud/ros-cdk-core';
import { DeliveryDestination } from '../destinations/delivery-destination';
import { ProjectEncryption, ProjectIpWhitelist } from '../destinations/audit-project';
import { MaxComputeDestination } from '../destinations/maxcompute-destination';
import { PropValidator } from '../private/errors';
import { EventRW } from '../constructs/event-rw';
import { accountIdRule, regionIdRule } from '../private/names';
import { Trail } from '../constructs/trail';
import { TrailRegion } from '../constructs/trail-region';
import { DEFAULT_MEMBER_TRAIL_NAME, MemberAccountTrails } from './member-account-trails';
import { checkAccountIds } from '../private/account-ids';
import { stackNameRule } from '../private/names';
import type { ITrailAlerts } from './trail-alerts';

/** The default name of the management account's multi-account trail. */
export const DEFAULT_ORGANIZATION_TRAIL_NAME = 'org_audit';

/**
 * The default name of the management account's single-account trail (with
 * `memberRollout`). It differs from the multi-account trail's so that switching
 * modes creates a new trail instead of reusing the name: a trail cannot change
 * between multi- and single-account.
 */
export const DEFAULT_MANAGEMENT_TRAIL_NAME = 'management_audit';

/**
 * Rolls out single-account trails to member accounts through a service-managed
 * ROS stack group, instead of one multi-account trail (see `MemberAccountTrails`).
 */
export interface MemberRolloutOptions {
  /** The resource directory folders whose member accounts get a trail, e.g. `fd-bVaRIG****`. */
  readonly folderIds: string[];
  /**
   * The IDs of the member accounts in those folders. The delivery role must
   * trust each one by ID and a stack group cannot tell them at synth time, so
   * list them here; they join the management account in the trust policy.
   */
  readonly memberAccountIds: string[];
  /** The member trails' name. @default 'member_audit' */
  readonly trailName?: string;
  /** The stack group's name. @default `'<management stack name>-MemberTrails'` */
  readonly stackGroupName?: string;
  /** Deploy to accounts that join the folders later (they still need listing in `memberAccountIds`). @default true */
  readonly autoDeployment?: boolean;
  /** Keep a member's trail stack when the account leaves the folders. @default false */
  readonly retainStacksOnAccountRemoval?: boolean;
}

/** Properties of an `OrganizationAudit`. */
export interface OrganizationAuditProps {
  /** The resource directory's management (or delegated administrator) account, which owns the trail. */
  readonly managementAccountId: string;
  /** The log-archive account, which holds the MaxCompute project. Not the management account. */
  readonly logArchiveAccountId: string;
  /** The region of both stacks, the trail's home region and the project's region. */
  readonly region: string;
  /**
   * The management account's trail name. Change it when adding or removing
   * `memberRollout`: a trail cannot switch between multi- and single-account.
   * @default 'org_audit', or 'management_audit' with `memberRollout`
   */
  readonly trailName?: string;
  /** Which events the trails record. @default EventRW.ALL */
  readonly eventRW?: EventRW;
  /** Which regions' events the trails record. @default TrailRegion.ALL */
  readonly trailRegion?: TrailRegion;
  /** The MaxCompute project in the log-archive account. @default `actiontrail_<log-archive account ID>` */
  readonly projectName?: string;
  /** The project's default quota, e.g. `os_PayAsYouGoQuota`. @default MaxCompute's default quota */
  readonly quota?: string;
  /** The delivery role's name in the log-archive account. @default 'ActionTrailDeliveryRole' */
  readonly roleName?: string;
  /** What happens to the project when the log-archive stack is deleted. @default ros.RemovalPolicy.RETAIN */
  readonly projectRemovalPolicy?: ros.RemovalPolicy;
  /** The trust-policy size limit, in bytes. @default DEFAULT_MAX_TRUST_POLICY_BYTES (2048) */
  readonly maxTrustPolicyBytes?: number;
  /**
   * How the log-archive project is encrypted at rest (`DeliveryDestinationProps.encryption`).
   * @default ProjectEncryption.maxComputeKey(): MaxCompute's own key, AESCTR
   */
  readonly projectEncryption?: ProjectEncryption;
  /**
   * IP address whitelists of the log-archive project (`DeliveryDestinationProps.ipWhitelist`).
   * @default - no whitelist
   */
  readonly projectIpWhitelist?: ProjectIpWhitelist;
  /** The log-archive stack's name. @default '<id>-LogArchive' */
  readonly logArchiveStackName?: string;
  /** The management stack's name. @default '<id>-Management' */
  readonly managementStackName?: string;
  /**
   * Instead of one multi-account trail, give the management account a
   * single-account trail and roll one out to every member account of these
   * folders through a ROS stack group, all delivering to the archive.
   * @default one multi-account trail (organizationTrail: true)
   */
  readonly memberRollout?: MemberRolloutOptions;
  /**
   * Alerts beside the management account's trail (in the management stack)
   * and, with `memberRollout`, beside each member account's trail (in the
   * member template): `AuditAlerts.forBlueprints({ targets, ... })` from
   * `actiontrail-cdk/alerts`. A multi-account trail's member accounts publish
   * their events to their own EventBridge, so without `memberRollout` only the
   * management account's own events alert in real time.
   * @default no alerts
   */
  readonly alerts?: ITrailAlerts;
}

/**
 * The organization audit blueprint: two stacks under this construct, wired
 * by computed ARNs instead of cross-stack references.
 *
 * - `logArchiveStack` (account `logArchiveAccountId`): a `DeliveryDestination`
 *   (id `Archive`) whose role trusts the management account's ActionTrail.
 * - `managementStack` (account `managementAccountId`): a multi-account trail
 *   (id `OrganizationTrail`, `organizationTrail: true`) delivering to the archive
 *   with `MaxComputeDestination.anotherAccount`; or, with `memberRollout`, a
 *   single-account trail plus `MemberAccountTrails` (id `MemberTrails`).
 *
 * Deploy the log-archive stack first: the trail checks the project and role
 * when it is created. The management stack depends on the log-archive stack
 * in the cloud assembly, so tools that honour dependencies deploy them in order.
 */
export class OrganizationAudit extends ros.Construct {
  /** The log-archive account's stack. Deploy it first. */
  public readonly logArchiveStack: ros.Stack;
  /** The management account's stack (depends on `logArchiveStack`). */
  public readonly managementStack: ros.Stack;
  /** The project and delivery role in the log-archive account. */
  public readonly destination: DeliveryDestination;
  /** The management account's trail: multi-account unless `memberRollout` is set. */
  public readonly trail: Trail;
  /** The member trails' stack group, when `memberRollout` is set. @default undefined: no member rollout */
  public readonly memberTrails?: MemberAccountTrails;

  constructor(scope: ros.Construct, id: string, props: OrganizationAuditProps) {
    super(scope, id);
    const v = new PropValidator('OrganizationAudit', this);
    const enclosingStack = this.node.scopes.find((s) => ros.Stack.isStack(s));
    if (enclosingStack !== undefined) {
      v.fail(
        'scope',
        `is inside stack '${enclosingStack.node.path}': an OrganizationAudit makes its own two stacks (log archive and management), so it must be created in the App, e.g. new OrganizationAudit(app, '${id}', { ... })`,
      );
    }
    if (props === undefined || props === null)
      v.fail('props', 'are required: at least managementAccountId, logArchiveAccountId and region');

    const management = v.check('managementAccountId', props.managementAccountId, accountIdRule);
    const logArchive = v.check('logArchiveAccountId', props.logArchiveAccountId, accountIdRule);
    const region = v.check('region', props.region, regionIdRule);
    const required: Array<[string, string | undefined]> = [
      ['managementAccountId', management],
      ['logArchiveAccountId', logArchive],
      ['region', region],
    ];
    for (const [property, value] of required) {
      if (value === undefined) v.fail(property, 'is required');
      if (ros.Token.isUnresolved(value))
        v.fail(
          property,
          'is a token: it must be literal, because the two stacks share it without cross-stack references',
        );
    }
    v.checkOneOf(
      'projectRemovalPolicy',
      props.projectRemovalPolicy,
      Object.values(ros.RemovalPolicy),
      'ros.RemovalPolicy.RETAIN, the default, or ros.RemovalPolicy.DESTROY',
    );
    if (logArchive === management) {
      v.fail(
        'logArchiveAccountId',
        `'${logArchive}' is also the management account: keep the archive in a separate account, or use MaxComputeDestination.thisAccount()`,
      );
    }
    const rollout = props.memberRollout;
    if (rollout) {
      checkAccountIds(v, 'memberRollout.memberAccountIds', rollout.memberAccountIds, [
        {
          accountId: management,
          what: 'the management account',
          advice: 'it is trusted already; list only member accounts',
        },
        {
          accountId: logArchive,
          what: 'the log-archive account',
          advice: 'it cannot deliver to itself through the delivery role; keep it out of the rolled-out folders',
        },
      ]);
    }
    if (
      rollout &&
      (rollout.trailName ?? DEFAULT_MEMBER_TRAIL_NAME) === (props.trailName ?? DEFAULT_MANAGEMENT_TRAIL_NAME)
    ) {
      v.fail(
        'memberRollout.trailName',
        `'${rollout.trailName ?? DEFAULT_MEMBER_TRAIL_NAME}' is also the management trail's name: give member trails another name, so that a folder holding the management account cannot collide with its trail`,
      );
    }
    const logArchiveStackName =
      v.check('logArchiveStackName', props.logArchiveStackName, stackNameRule) ?? `${id}-LogArchive`;
    const managementStackName =
      v.check('managementStackName', props.managementStackName, stackNameRule) ?? `${id}-Management`;
    const stackNames: Array<[string, string]> = [
      ['logArchiveStackName', logArchiveStackName],
      ['managementStackName', managementStackName],
    ];
    for (const [property, name] of stackNames) {
      const broken = stackNameRule(name);
      if (broken) v.fail(property, `'${name}' (derived from the id '${id}') ${broken}: pass ${property}`);
    }
    if (logArchiveStackName === managementStackName) {
      v.fail(
        'managementStackName',
        `'${managementStackName}' is also the log-archive stack's name: give the two stacks different names`,
      );
    }

    this.logArchiveStack = new ros.Stack(this, 'LogArchive', {
      stackName: logArchiveStackName,
      env: { account: logArchive, region },
      description:
        'Log archive: MaxCompute project and delivery role for ActionTrail events of the organization (actiontrail-cdk OrganizationAudit). Deploy before the management stack.',
    });
    this.managementStack = new ros.Stack(this, 'Management', {
      stackName: managementStackName,
      env: { account: management, region },
      description:
        'Management account: ActionTrail trail delivering to the log-archive account (actiontrail-cdk OrganizationAudit). Deploy after the log-archive stack.',
    });
    this.managementStack.addDependency(
      this.logArchiveStack,
      'the trail delivers to the log-archive project and role, which must exist first',
    );

    this.destination = new DeliveryDestination(this.logArchiveStack, 'Archive', {
      sourceAccountIds: [management, ...(rollout?.memberAccountIds ?? [])],
      projectName: props.projectName,
      quota: props.quota,
      roleName: props.roleName,
      removalPolicy: props.projectRemovalPolicy,
      maxTrustPolicyBytes: props.maxTrustPolicyBytes,
      encryption: props.projectEncryption,
      ipWhitelist: props.projectIpWhitelist,
    });
    const archive = { projectArn: this.destination.projectArn, roleArn: this.destination.roleArn };

    this.trail = new Trail(this.managementStack, rollout ? 'ManagementTrail' : 'OrganizationTrail', {
      trailName: props.trailName ?? (rollout ? DEFAULT_MANAGEMENT_TRAIL_NAME : DEFAULT_ORGANIZATION_TRAIL_NAME),
      organizationTrail: !rollout,
      eventRW: props.eventRW,
      trailRegion: props.trailRegion,
      maxCompute: MaxComputeDestination.anotherAccount(archive),
    });
    props.alerts?.addTo(this.trail);

    if (rollout) {
      this.memberTrails = new MemberAccountTrails(this.managementStack, 'MemberTrails', {
        ...archive,
        folderIds: rollout.folderIds,
        memberAccountIds: rollout.memberAccountIds,
        region,
        trailName: rollout.trailName,
        eventRW: props.eventRW,
        trailRegion: props.trailRegion,
        stackGroupName: rollout.stackGroupName,
        autoDeployment: rollout.autoDeployment,
        retainStacksOnAccountRemoval: rollout.retainStacksOnAccountRemoval,
        alerts: props.alerts,
      });
    }
  }
}
