import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { maxComputeProjectArnRule, ramRoleArnRule } from '../private/arn';
import { parseArn } from '../shared/arn';
import { dependOn } from '../private/dependencies';
import { dependOnDestinationStacks } from '../destinations/destination-registry';
import { MaxComputeDestination } from '../destinations/maxcompute-destination';
import { PropValidator } from '../private/errors';
import { secretParameterProblem } from '../private/secret-parameter';
import { EventRW } from '../constructs/event-rw';
import { rdFolderIdRule, regionIdRule, stackGroupNameRule, trailNameRule } from '../private/names';
import { Trail } from '../constructs/trail';
import { TrailRegion } from '../constructs/trail-region';
import { addDeployedAccounts, reportAppFindings } from '../shared/markers';
import { ensureFindingsPrinter, FINDINGS_QUIET_CONTEXT } from '../constructs/findings-printer';
import { checkAccountIds } from '../private/account-ids';
import type { ITrailAlerts } from './trail-alerts';

/** The default name of the trail created in each member account. */
export const DEFAULT_MEMBER_TRAIL_NAME = 'member_audit';

/** Properties of `MemberAccountTrails`. */
export interface MemberAccountTrailsProps {
  /**
   * ARN of the log-archive project the member trails deliver to
   * (`DeliveryDestination.projectArn`). Must be literal: the member template is
   * synthesized apart from this app.
   */
  readonly projectArn: string;
  /**
   * ARN of the delivery role in the log-archive account (`DeliveryDestination.roleArn`).
   * It must trust every member account: list their IDs in the destination's
   * `sourceAccountIds`. Must be literal.
   */
  readonly roleArn: string;
  /**
   * The resource directory folders whose member accounts get a trail
   * (`DeploymentTargets.RdFolderIds`), e.g. `fd-bVaRIG****`. Keep the
   * log-archive account out of them: it cannot deliver to itself through the role.
   */
  readonly folderIds: string[];
  /**
   * The one region where each member account's trail stack is deployed
   * (`RegionIds`). One trail per account records every region
   * (`trailRegion`), and trail names are unique per account, so a second
   * region would only collide.
   * @default the project ARN's region
   */
  readonly region?: string;
  /**
   * The IDs of the member accounts in `folderIds`, when known. At synth, each
   * is checked against the trust policy of the delivery role, when the role
   * is made in the same app (rule AT-TRAIL-009): a member it does not trust
   * could never deliver. Checks only; the stack group still deploys to the
   * folders' accounts.
   * @default - unknown: the role's trust cannot be checked, and a warning (AT-TRAIL-010) says so when the role is made in the same app
   */
  readonly memberAccountIds?: string[];
  /** The member trails' name. @default 'member_audit' */
  readonly trailName?: string;
  /** Which events the member trails record. @default EventRW.ALL */
  readonly eventRW?: EventRW;
  /** Which regions' events the member trails record. @default TrailRegion.ALL */
  readonly trailRegion?: TrailRegion;
  /**
   * The stack group's name, unique per region of this account.
   * @default `'<stack name>-<id>'`
   */
  readonly stackGroupName?: string;
  /**
   * Deploy the trail stack to accounts that join the folders later, and
   * delete it from accounts that leave them. Accounts that join still need
   * their ID in the destination's trust policy before they can deliver.
   * @default true
   */
  readonly autoDeployment?: boolean;
  /** Keep a member's trail stack when the account leaves the folders (with `autoDeployment`). @default false */
  readonly retainStacksOnAccountRemoval?: boolean;
  /** Keep the member trail stacks when the stack instances (this stack) are deleted. @default false */
  readonly retainStacks?: boolean;
  /**
   * Alerts beside each member account's trail, in the member template:
   * `AuditAlerts.forBlueprints({ targets, ... })` from `actiontrail-cdk/alerts`.
   * The secrets of its targets (NoEcho parameters of the member template) are
   * passed to the stack group from NoEcho parameters of the same names in this
   * stack, so that their values are given once, at deploy time.
   * @default no alerts in member accounts
   */
  readonly alerts?: ITrailAlerts;
}

/**
 * Single-account trails in every member account of resource directory
 * folders, each delivering to a log-archive project through its delivery role,
 * for organizations that cannot use a multi-account trail. Deployed through a
 * service-managed ROS stack group (`ALIYUN::ROS::StackGroup`, logical ID
 * `<id>StackGroup`, and `ALIYUN::ROS::StackInstances`, `<id>StackInstances`)
 * from the resource directory's management (or delegated administrator) account.
 *
 * The member template (`memberTemplate`) is a stack with one `Trail` and its
 * provider function, synthesized in memory with ros-cdk-core and embedded as
 * `TemplateBody` (static: ROS evaluates functions only in `DynamicTemplateBody`).
 * It names no account: the member's own account is `ALIYUN::AccountId` at deploy
 * time. Member accounts need Function Compute activated (the trail's provider runs there).
 *
 * Trade-off: with service-managed rollout the member account IDs are unknown
 * at synth, yet the delivery role must trust each of them by ID (no wildcards).
 * List them in the destination's `sourceAccountIds` (`OrganizationAudit`'s
 * `memberRollout.memberAccountIds`); a member not listed gets a trail that
 * fails to deliver until it is. RAM's trust-policy size caps how many fit.
 */
export class MemberAccountTrails extends ros.Construct {
  /**
   * The stack group (logical ID `<id>StackGroup`): a `RosStackGroup` of the
   * optional peer `@alicloud/ros-cdk-ros`, typed here as its base class so that
   * this package's declarations never name that optional peer (cast it if you
   * need the L1's own members).
   */
  public readonly stackGroup: ros.RosResource;
  /**
   * The stack instances in the folders' accounts (logical ID `<id>StackInstances`):
   * a `RosStackInstances` of `@alicloud/ros-cdk-ros`, typed as its base class.
   */
  public readonly stackInstances: ros.RosResource;
  /** The stack group's name. */
  public readonly stackGroupName: string;
  /** The template each member account gets (parsed JSON). */
  public readonly memberTemplate: Record<string, unknown>;
  /** The member trails' name. */
  public readonly trailName: string;
  /** The region the member stacks are deployed in. */
  public readonly region: string;

  constructor(scope: ros.Construct, id: string, props: MemberAccountTrailsProps) {
    super(scope, id);
    ensureFindingsPrinter(this);
    const v = new PropValidator('MemberAccountTrails', this);
    if (props === undefined || props === null)
      v.fail('props', 'are required: at least projectArn, roleArn and folderIds');
    const stack = ros.Stack.of(this);

    for (const property of ['projectArn', 'roleArn'] as const) {
      const value = props[property];
      if (value === undefined) v.fail(property, 'is required');
      if (ros.Token.isUnresolved(value)) {
        v.fail(
          property,
          'is a token: it must be a literal ARN, because the member template is synthesized apart from this app (give the log-archive stack a literal env.account and env.region)',
        );
      }
    }
    v.check('projectArn', props.projectArn, maxComputeProjectArnRule);
    v.check('roleArn', props.roleArn, ramRoleArnRule);
    // Checked above: both are literal ARNs, so these fallbacks are never reached.
    const project = parseArn(props.projectArn) ?? v.fail('projectArn', 'is not an ARN');
    const role = parseArn(props.roleArn) ?? v.fail('roleArn', 'is not an ARN');
    if (project.account !== role.account) {
      v.fail(
        'roleArn',
        `'${props.roleArn}' is in account ${role.account}, but the project is in account ${project.account}: the write role must be in the destination account`,
      );
    }
    // Hand-wired to a DeliveryDestination of another stack of this app: deploy that stack first.
    dependOnDestinationStacks(v, this, stack, [
      ['projectArn', props.projectArn],
      ['roleArn', props.roleArn],
    ]);

    if (!Array.isArray(props.folderIds) || props.folderIds.length === 0) {
      v.fail('folderIds', `${JSON.stringify(props.folderIds)} must list at least one resource directory folder ID`);
    }
    v.checkEach('folderIds', props.folderIds, rdFolderIdRule);
    props.folderIds.forEach((folder, i) => {
      const first = props.folderIds.indexOf(folder);
      if (first !== i)
        v.fail(`folderIds[${i}]`, `'${folder}' is listed twice (also at index ${first}): list each folder once`);
    });

    if (props.memberAccountIds !== undefined) {
      addDeployedAccounts(this, checkAccountIds(v, 'memberAccountIds', props.memberAccountIds, []));
    }

    this.region = v.check('region', props.region, regionIdRule) ?? project.region;
    if (ros.Token.isUnresolved(this.region)) v.fail('region', 'is a token: it must be a literal region ID');
    if (this.region !== project.region) {
      v.fail(
        'region',
        `'${this.region}' differs from the project's region '${project.region}': deploy the member trails in the project's region`,
      );
    }
    this.trailName = v.check('trailName', props.trailName, trailNameRule) ?? DEFAULT_MEMBER_TRAIL_NAME;
    if (ros.Token.isUnresolved(this.trailName))
      v.fail('trailName', 'is a token: it must be literal (it goes into the member template)');
    this.stackGroupName =
      v.check('stackGroupName', props.stackGroupName, stackGroupNameRule) ??
      `${stack.stackName}-${id}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255);
    v.checkBoolean('autoDeployment', props.autoDeployment);
    v.checkBoolean('retainStacksOnAccountRemoval', props.retainStacksOnAccountRemoval);
    v.checkBoolean('retainStacks', props.retainStacks);

    this.memberTemplate = synthesizeMemberTemplate(id, {
      region: this.region,
      trailName: this.trailName,
      eventRW: props.eventRW,
      trailRegion: props.trailRegion,
      projectArn: props.projectArn,
      roleArn: props.roleArn,
      alerts: props.alerts,
    });
    const memberSecrets = secretParametersOf(this.memberTemplate).map((name) => {
      const existing = stack.node.tryFindChild(name);
      if (existing !== undefined && !(existing instanceof ros.RosParameter)) {
        v.fail(
          'alerts',
          `need the NoEcho parameter '${name}' in stack '${stack.node.path}' (to pass a secret to the member template), but '${name}' is another construct there: rename the AlertSecret parameter`,
        );
      }
      if (existing instanceof ros.RosParameter) {
        const problem = secretParameterProblem(existing);
        if (problem !== undefined) {
          v.fail(
            'alerts',
            `need the NoEcho parameter '${name}' in stack '${stack.node.path}' to pass an alert secret to the member template, and the stack's '${name}' ${problem}: ` +
              'a secret must come from a NoEcho parameter without a default, or its value stands in the template. Fix that parameter, or rename the AlertSecret parameter',
          );
        }
      }
      const parameter =
        (existing as ros.RosParameter | undefined) ??
        new ros.RosParameter(stack, name, {
          type: ros.RosParameterType.STRING,
          noEcho: true,
          description: `actiontrail-cdk: passed to the member accounts' alerts (${id}); given at deploy time`,
        });
      return [name, parameter.valueAsString] as const;
    });

    // Loaded here, not at the top: only stack-group users pay for loading
    // ros-cdk-ros (it measurably slows a small app's synth; see the benchmarks).
    const rosRos = loadRosCdkRos(v);
    this.stackGroup = new rosRos.RosStackGroup(
      this,
      `${id}StackGroup`,
      {
        stackGroupName: this.stackGroupName,
        description:
          `ActionTrail trail '${this.trailName}' in each member account, delivering to ${props.projectArn} (actiontrail-cdk)`.slice(
            0,
            256,
          ),
        permissionModel: 'SERVICE_MANAGED',
        autoDeployment: {
          enabled: props.autoDeployment ?? true,
          retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? false,
        },
        templateBody: this.memberTemplate,
        ...(memberSecrets.length > 0 ? { parameters: Object.fromEntries(memberSecrets) } : {}),
      },
      true,
    );

    this.stackInstances = new rosRos.RosStackInstances(
      this,
      `${id}StackInstances`,
      {
        stackGroupName: this.stackGroupName,
        regionIds: [this.region],
        deploymentTargets: { rdFolderIds: [...props.folderIds] },
        retainStacks: props.retainStacks ?? false,
      },
      true,
    );
    dependOn(this.stackInstances, this.stackGroup);
  }

  /**
   * At synth, across every stack of the app: fails when the delivery role,
   * made in the app, does not trust a member account of `memberAccountIds`
   * (AT-TRAIL-009), and warns when those are not given (AT-TRAIL-010).
   */
  protected validate(): string[] {
    return this.stackGroup === undefined ? [] : reportAppFindings(this.stackGroup);
  }
}

/** What the member template is made of. */
interface MemberTemplateOptions {
  readonly region: string;
  readonly trailName: string;
  readonly eventRW?: EventRW;
  readonly trailRegion?: TrailRegion;
  readonly projectArn: string;
  readonly roleArn: string;
  readonly alerts?: ITrailAlerts;
}

/** The NoEcho parameters of a template that have no default: the values a stack group must pass. */
function secretParametersOf(template: Record<string, unknown>): string[] {
  const parameters = (template.Parameters ?? {}) as Record<string, { NoEcho?: boolean; Default?: unknown }>;
  return Object.entries(parameters)
    .filter(([, p]) => p.NoEcho === true && p.Default === undefined)
    .map(([name]) => name)
    .sort();
}

/**
 * Synthesizes the member account's stack in a separate app, in a temporary
 * directory (never the app's own output directory), and returns its template.
 * Same options, same template.
 */
function synthesizeMemberTemplate(id: string, options: MemberTemplateOptions): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-member-'));
  try {
    // Quiet: the member trail's findings are the app's to print, where the rules see the member template.
    const app = new ros.App({
      outdir,
      autoSynth: false,
      treeMetadata: false,
      stackTraces: false,
      context: { [FINDINGS_QUIET_CONTEXT]: 'true' },
    });
    const stackName = id.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'MemberTrail';
    const stack = new ros.Stack(app, stackName, {
      env: { region: options.region },
      description:
        `ActionTrail trail of this member account delivering to ${options.projectArn} (actiontrail-cdk MemberAccountTrails)`.slice(
          0,
          512,
        ),
    });
    const trail = new Trail(stack, 'MemberTrail', {
      trailName: options.trailName,
      eventRW: options.eventRW,
      trailRegion: options.trailRegion,
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: options.projectArn, roleArn: options.roleArn }),
    });
    options.alerts?.addTo(trail);
    return app.synth().getStackByName(stackName).template as Record<string, unknown>;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Loads @alicloud/ros-cdk-ros (an optional peer dependency, needed only here), or fails with what to install. */
function loadRosCdkRos(v: PropValidator): typeof import('@alicloud/ros-cdk-ros') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer: loaded only when needed, synchronously
    return require('@alicloud/ros-cdk-ros') as typeof import('@alicloud/ros-cdk-ros');
  } catch {
    return v.fail(
      'folderIds',
      'need the ROS stack-group types: install the peer dependency @alicloud/ros-cdk-ros (npm install @alicloud/ros-cdk-ros@^1.11)',
    );
  }
}
