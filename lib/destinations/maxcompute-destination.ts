import * as ros from '@alicloud/ros-cdk-core';
import { maxComputeProjectArn, maxComputeProjectArnRule, ramRoleArnRule } from '../private/arn';
import { parseArn } from '../shared/arn';
import { PropValidator } from '../private/errors';
import { findStackLevel, STACK_LEVEL_IDS } from '../private/logical-ids';
import { quotaNameRule, regionIdRule } from '../private/names';
import { RosProject } from '../ros';
import {
  createAuditProject,
  ProjectEncryption,
  ProjectIpWhitelist,
  renderProjectEncryption,
  renderProjectIpWhitelist,
} from './audit-project';
import { dependOnDestinationStacks } from './destination-registry';

/** Options of `MaxComputeDestination.thisAccount`. */
export interface ThisAccountMaxComputeOptions {
  /**
   * The region of the MaxCompute project `actiontrail_<this account ID>`. It
   * may differ from the trail's region, as the console's "MaxCompute Region"
   * allows (e.g. when the trail's region has no quota left); with
   * `createProject` it must be the stack's region, where the stack creates it.
   * @default the stack's region
   */
  readonly region?: string;
  /**
   * The project's default quota, e.g. `os_PayAsYouGoQuota`. Applies only when
   * the library creates the project.
   * @default MaxCompute's default quota
   */
  readonly quota?: string;
  /**
   * Create the project `actiontrail_<this account ID>` in this stack (retained
   * when the stack is deleted). When `false`, ActionTrail delivers to the
   * project of that name if it exists and creates it otherwise.
   * @default true when `quota` is set, else false
   */
  readonly createProject?: boolean;
  /**
   * How the project the stack creates is encrypted at rest. Applies only when
   * the library creates the project (`createProject`). Opting out
   * (`ProjectEncryption.unencrypted(reason)`) draws the finding AT-STORAGE-002.
   * Changing it on a deployed project replaces the project.
   * @default ProjectEncryption.maxComputeKey(): MaxCompute's own key, AESCTR
   */
  readonly encryption?: ProjectEncryption;
  /**
   * IP address whitelists of the project the stack creates (`createProject`).
   * Off by default: see `ProjectIpWhitelist` for why.
   * @default - no whitelist
   */
  readonly ipWhitelist?: ProjectIpWhitelist;
}

/** Options of `MaxComputeDestination.anotherAccount`. */
export interface AnotherAccountMaxComputeOptions {
  /** ARN of the destination project, `acs:odps:<region>:<account>:project/actiontrail_<name>`. */
  readonly projectArn: string;
  /**
   * ARN of the role in the destination account that this account's ActionTrail
   * assumes to write (`DeliveryDestination.roleArn`), `acs:ram::<account>:role/<name>`.
   */
  readonly roleArn: string;
}

/** What a MaxCompute destination resolves to for one trail (what `bind` returns). */
export interface MaxComputeDestinationConfig {
  /** The project's ARN, sent as `MaxComputeProjectArn`. */
  readonly projectArn: string;
  /** The project's name. */
  readonly projectName: string;
  /** The write role, sent as `MaxComputeWriteRoleArn`. @default ActionTrail's service-linked role */
  readonly writeRoleArn?: string;
  /** The project resource this stack creates, which the trail must wait for. @default none */
  readonly project?: ros.RosResource;
  /**
   * The destination is this account's `actiontrail_<account ID>`: the trail
   * must also wait for that project when another trail of the stack creates it.
   * @default false
   */
  readonly isThisAccountProject?: boolean;
}

/** Where a trail delivers events in MaxCompute: this account's project, or another account's. */
export abstract class MaxComputeDestination {
  /**
   * Deliver to `actiontrail_<this account ID>` in this account. Works when the
   * stack's account is only known at deploy time (ROS's `ALIYUN::AccountId`).
   */
  public static thisAccount(options: ThisAccountMaxComputeOptions = {}): MaxComputeDestination {
    return new ThisAccountDestination(options ?? {});
  }

  /** Deliver to a project in another account through a role there that trusts this account's ActionTrail. */
  public static anotherAccount(options: AnotherAccountMaxComputeOptions): MaxComputeDestination {
    return new AnotherAccountDestination(options ?? ({} as AnotherAccountMaxComputeOptions));
  }

  /**
   * Resolves the destination for the trail `scope`, validating the options and
   * naming the trail in any error. Called by `Trail`; not API.
   * @internal
   */
  public abstract bind(scope: ros.Construct): MaxComputeDestinationConfig;
}

class ThisAccountDestination extends MaxComputeDestination {
  constructor(private readonly options: ThisAccountMaxComputeOptions) {
    super();
  }

  public bind(scope: ros.Construct): MaxComputeDestinationConfig {
    const v = new PropValidator('Trail', scope);
    const stack = ros.Stack.of(scope);
    const region = v.check('maxCompute.region', this.options.region, regionIdRule) ?? stack.region;
    const quota = v.check('maxCompute.quota', this.options.quota, quotaNameRule);
    v.checkBoolean('maxCompute.createProject', this.options.createProject);
    const createProject = this.options.createProject ?? quota !== undefined;
    if (!createProject && quota !== undefined) {
      v.fail(
        'maxCompute.quota',
        `'${quota}' applies only when the library creates the project: drop it or set createProject to true`,
      );
    }
    for (const [property, value] of [
      ['maxCompute.encryption', this.options.encryption],
      ['maxCompute.ipWhitelist', this.options.ipWhitelist],
    ] as const) {
      if (!createProject && value !== undefined) {
        v.fail(
          property,
          'applies only when the library creates the project (ActionTrail creates a missing project itself, with its own settings): drop it or set createProject to true',
        );
      }
    }
    const projectName = ros.Token.isUnresolved(stack.account)
      ? ros.Fn.join('', ['actiontrail_', stack.account])
      : `actiontrail_${stack.account}`;
    const projectArn = maxComputeProjectArn(region, stack.account, projectName);
    if (!createProject) return { projectArn, projectName, isThisAccountProject: true };

    if (!ros.Token.isUnresolved(region) && !ros.Token.isUnresolved(stack.region) && region !== stack.region) {
      v.fail(
        'maxCompute.region',
        `'${region}' differs from the stack's region '${stack.region}': a stack creates its project in its own region; deploy the project from a stack in '${region}' or set createProject to false`,
      );
    }
    const encryption = renderProjectEncryption(v, 'maxCompute.encryption', this.options.encryption, stack.region);
    const ipWhiteList = renderProjectIpWhitelist(v, 'maxCompute.ipWhitelist', this.options.ipWhitelist);
    return {
      projectArn,
      projectName,
      project: this.project(stack, projectName, quota, encryption, ipWhiteList, v),
      isThisAccountProject: true,
    };
  }

  private project(
    stack: ros.Stack,
    name: string,
    quota: string | undefined,
    encryption: RosProject.EncryptionProperty,
    ipWhiteList: RosProject.IpWhiteListProperty | undefined,
    v: PropValidator,
  ): ros.RosResource {
    // One project per stack, shared by its trails.
    const existing = findStackLevel(v, stack, STACK_LEVEL_IDS.thisAccountProject, RosProject);
    if (existing) {
      const existingQuota = existing.defaultQuota;
      if (existingQuota !== quota) {
        v.fail(
          'maxCompute.quota',
          `'${quota ?? '(none)'}' differs from '${existingQuota ?? '(none)'}', the quota another trail in this stack gave the shared project ${STACK_LEVEL_IDS.thisAccountProject}`,
        );
      }
      const existingEncryption = (existing.properties as RosProject.PropertiesProperty | undefined)?.encryption;
      if (JSON.stringify(existingEncryption) !== JSON.stringify(encryption)) {
        v.fail(
          'maxCompute.encryption',
          `${JSON.stringify(encryption)} differs from ${JSON.stringify(existingEncryption)}, the encryption another trail in this stack gave the shared project ${STACK_LEVEL_IDS.thisAccountProject}: give every trail of the stack the same encryption`,
        );
      }
      if (JSON.stringify(existing.ipWhiteList) !== JSON.stringify(ipWhiteList)) {
        v.fail(
          'maxCompute.ipWhitelist',
          `${JSON.stringify(ipWhiteList) ?? '(none)'} differs from ${JSON.stringify(existing.ipWhiteList) ?? '(none)'}, the whitelist another trail in this stack gave the shared project ${STACK_LEVEL_IDS.thisAccountProject}: give every trail of the stack the same ipWhitelist`,
        );
      }
      return existing;
    }
    return createAuditProject(stack, STACK_LEVEL_IDS.thisAccountProject, {
      name,
      quota,
      encryption,
      ipWhiteList,
      encryptionOption: this.options.encryption,
      comment: 'ActionTrail events delivered by actiontrail-cdk trails of this account',
    });
  }
}

class AnotherAccountDestination extends MaxComputeDestination {
  constructor(private readonly options: AnotherAccountMaxComputeOptions) {
    super();
  }

  public bind(scope: ros.Construct): MaxComputeDestinationConfig {
    const v = new PropValidator('Trail', scope);
    const stack = ros.Stack.of(scope);
    if (this.options.projectArn === undefined) {
      v.fail(
        'maxCompute.projectArn',
        'is required: the ARN of the destination project, acs:odps:<region>:<account>:project/actiontrail_<name>',
      );
    }
    if (this.options.roleArn === undefined) {
      v.fail(
        'maxCompute.roleArn',
        'is required: the ARN of the delivery role in the destination account, acs:ram::<account>:role/<name>',
      );
    }
    const projectArn = v.check('maxCompute.projectArn', this.options.projectArn, maxComputeProjectArnRule);
    const roleArn = v.check('maxCompute.roleArn', this.options.roleArn, ramRoleArnRule);
    const project = ros.Token.isUnresolved(projectArn) ? undefined : parseArn(projectArn);
    const role = ros.Token.isUnresolved(roleArn) ? undefined : parseArn(roleArn);
    if (project && role && project.account !== role.account) {
      v.fail(
        'maxCompute.roleArn',
        `'${roleArn}' is in account ${role.account}, but the project is in account ${project.account}: the write role must be in the destination account`,
      );
    }
    if (project && !ros.Token.isUnresolved(stack.account) && project.account === stack.account) {
      v.fail(
        'maxCompute.projectArn',
        `'${projectArn}' is in this stack's own account ${stack.account}: use MaxComputeDestination.thisAccount() instead`,
      );
    }
    // No documentation found that forbids another account's project in another region, nor that allows
    // it (this account's may be, see ThisAccountMaxComputeOptions.region): a warning, rule AT-TRAIL-008,
    // which reads it from the trail's rendered resource.
    dependOnDestinationStacks(v, scope, stack, [
      ['maxCompute.projectArn', projectArn],
      ['maxCompute.roleArn', roleArn],
    ]);
    const projectName = project
      ? project.resourceName
      : (ros.Fn.select(1, ros.Fn.split('/', projectArn)) as unknown as string);
    return { projectArn, projectName: ros.Token.asString(projectName), writeRoleArn: roleArn };
  }
}
