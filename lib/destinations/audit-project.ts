import * as ros from '@alicloud/ros-cdk-core';
import { kmsKeyArnRule } from '../private/arn';
import { PropValidator } from '../private/errors';
import * as net from 'node:net';
import { parseArn } from '../shared/arn';
import { reportUncheckedWarnings } from '../shared/markers';
import { quote } from '../shared/quote';
import { RosProject } from '../ros';
import { markLibraryProject } from '../constructs/infraguard-waivers';
import { renderedOnce } from '../private/rendered-once-resource';

/** The storage encryption algorithms MaxCompute documents for a project, and the library's choice among them. */
export const PROJECT_ENCRYPTION_ALGORITHMS = ['AESCTR', 'AES256'] as const;

/** A storage encryption algorithm of a MaxCompute project (RC4, which MaxCompute also offers, is left out: it is broken). */
export type ProjectEncryptionAlgorithm = (typeof PROJECT_ENCRYPTION_ALGORITHMS)[number];

/** The algorithm the library renders unless told otherwise. */
export const DEFAULT_PROJECT_ENCRYPTION_ALGORITHM: ProjectEncryptionAlgorithm = 'AESCTR';

/** Options of `ProjectEncryption.maxComputeKey` and `ProjectEncryption.kmsKey`. */
export interface ProjectEncryptionOptions {
  /**
   * The storage encryption algorithm, `AESCTR` or `AES256`.
   * @default 'AESCTR'
   */
  readonly algorithm?: ProjectEncryptionAlgorithm;
}

/**
 * How the MaxCompute project that holds audit events is encrypted at rest
 * (`Properties.Encryption` of `ALIYUN::MaxCompute::Project`). Every project
 * the library creates is encrypted, with MaxCompute's own key unless a KMS key
 * is named. `ProjectEncryption.unencrypted(reason)` opts out, and draws the
 * finding AT-STORAGE-002.
 *
 * ROS documents the project's `Properties` as not editable, and MaxCompute
 * offers storage encryption only when a project is created: changing this on a
 * deployed project replaces the project (and the audit events in it stay in the
 * old, retained one). See the README's InfraGuard section.
 */
export abstract class ProjectEncryption {
  /**
   * Encrypt with the MaxCompute default key (MaxCompute creates a key in KMS for the project).
   * @param options - the algorithm
   */
  public static maxComputeKey(options: ProjectEncryptionOptions = {}): ProjectEncryption {
    return new EncryptedProject(undefined, options ?? {});
  }

  /**
   * Encrypt with a KMS key of yours (BYOK), named by its ARN,
   * `acs:kms:<region>:<account>:key/<key ID>`, in the project's region.
   * KMS must be active there, and MaxCompute must be authorized to use the key.
   * @param keyArn - the key's ARN
   * @param options - the algorithm
   */
  public static kmsKey(keyArn: string, options: ProjectEncryptionOptions = {}): ProjectEncryption {
    return new EncryptedProject(keyArn, options ?? {});
  }

  /**
   * Leave the project unencrypted at rest. The reason is required; the project
   * draws the AT-STORAGE-002 finding (warning) under `AuditChecks`, and the
   * InfraGuard rule `maxcompute-project-encryption-enabled` fails it: the
   * library's waiver file never waives it.
   * @param reason - why audit events may be stored unencrypted (at least 10 characters)
   */
  public static unencrypted(reason: string): ProjectEncryption {
    return new UnencryptedProject(reason);
  }

  /**
   * Validates the choice for the project of `v` in `region` and renders `Properties.Encryption`.
   * @internal
   */
  public abstract _render(v: PropValidator, property: string, region: string): RosProject.EncryptionProperty;

  /**
   * The reason given to `unencrypted(reason)`, which the project's comment
   * records so that auditors read it in the template and in AT-STORAGE-002.
   * @internal
   */
  public _optOutReason(): string | undefined {
    return undefined;
  }
}

class EncryptedProject extends ProjectEncryption {
  constructor(
    private readonly keyArn: string | undefined,
    private readonly options: ProjectEncryptionOptions,
  ) {
    super();
  }

  public _render(v: PropValidator, property: string, region: string): RosProject.EncryptionProperty {
    const algorithm = this.options.algorithm ?? DEFAULT_PROJECT_ENCRYPTION_ALGORITHM;
    v.checkOneOf(
      `${property}.algorithm`,
      algorithm,
      PROJECT_ENCRYPTION_ALGORITHMS,
      "MaxCompute's AES algorithms; RC4 is not offered",
    );
    if (this.keyArn === undefined) return { enable: true, algorithm };
    if (this.keyArn === null || this.keyArn === '') {
      v.fail(
        `${property}.keyArn`,
        `${quote(this.keyArn)} must be a KMS key ARN (acs:kms:<region>:<16-digit account ID>:key/<key ID>); use ProjectEncryption.maxComputeKey() for MaxCompute's own key`,
      );
    }
    const keyArn = v.check(`${property}.keyArn`, this.keyArn, kmsKeyArnRule);
    const parts = ros.Token.isUnresolved(keyArn) ? undefined : parseArn(keyArn);
    if (parts && !ros.Token.isUnresolved(region) && parts.region !== region) {
      v.fail(
        `${property}.keyArn`,
        `'${keyArn}' is in region ${parts.region}, but the project is created in ${region}: MaxCompute uses a KMS key of the project's own region; name a key in ${region}`,
      );
    }
    return { enable: true, algorithm, key: keyArn };
  }
}

class UnencryptedProject extends ProjectEncryption {
  constructor(private readonly reason: string) {
    super();
  }

  public _render(v: PropValidator, property: string): RosProject.EncryptionProperty {
    if (typeof this.reason !== 'string' || this.reason.trim().length < 10) {
      v.fail(
        property,
        `ProjectEncryption.unencrypted(${quote(this.reason)}) needs a reason of at least 10 characters: say why audit events may be stored unencrypted (rule AT-STORAGE-002), or drop the option to encrypt with MaxCompute's own key`,
      );
    }
    return { enable: false };
  }

  public _optOutReason(): string | undefined {
    return typeof this.reason === 'string' ? this.reason.trim() : undefined;
  }
}

/**
 * The IP address whitelists of the MaxCompute project that holds audit events
 * (`IpWhiteList` of `ALIYUN::MaxCompute::Project`): who may reach the project
 * from the Internet or classic network (`ipList`) and from VPCs (`vpcIpList`).
 *
 * Off by default: the library cannot know your addresses, and no documentation
 * says whether a whitelist applies to ActionTrail's own delivery into the
 * project (a service-side write) or would block it. When you set one, run the
 * live kit (`npm run test:live`) and `actiontrail-cdk status`, whose delivery
 * check shows whether events still arrive. ROS documents `IpWhiteList` as
 * editable: changing it updates the project in place.
 */
export interface ProjectIpWhitelist {
  /**
   * IPv4 or IPv6 addresses or CIDR blocks allowed from the Internet and the classic network.
   * @default - no whitelist for these networks
   */
  readonly ipList?: string[];
  /**
   * IPv4 or IPv6 addresses or CIDR blocks allowed from VPCs.
   * @default - no whitelist for VPCs
   */
  readonly vpcIpList?: string[];
}

/** Why one whitelist entry is not an IP address or CIDR block, or `undefined` when it is one. */
function ipOrCidrProblem(entry: string): string | undefined {
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0)
    return 'is not an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.10 or 192.0.2.0/24';
  if (prefix === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    return `has the prefix length '${prefix}', which must be a whole number from 1 to ${max}`;
  }
  if (Number(prefix) === 0) {
    return 'allows every address (prefix length 0), which is no whitelist: leave ipWhitelist unset instead';
  }
  return undefined;
}

/**
 * Validates an IP whitelist option and renders `IpWhiteList` (comma-separated lists), or `undefined` when unset.
 * @param v - the validator of the construct that owns the option
 * @param property - the option's name, e.g. `ipWhitelist` or `maxCompute.ipWhitelist`
 * @param value - the option
 */
export function renderProjectIpWhitelist(
  v: PropValidator,
  property: string,
  value: ProjectIpWhitelist | undefined,
): RosProject.IpWhiteListProperty | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    v.fail(property, `${quote(value)} must be an object { ipList?: string[], vpcIpList?: string[] }`);
  }
  const lists: [string, string[] | undefined][] = [
    ['ipList', value.ipList],
    ['vpcIpList', value.vpcIpList],
  ];
  const rendered: Record<string, string> = {};
  for (const [key, list] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list))
      v.fail(`${property}.${key}`, `${quote(list)} must be a list of IP addresses or CIDR blocks`);
    if (list.length === 0) {
      v.fail(`${property}.${key}`, 'is empty: list at least one IP address or CIDR block, or leave it out');
    }
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || ros.Token.isUnresolved(entry)) {
        v.fail(`${property}.${key}[${i}]`, `${quote(entry)} must be a literal IP address or CIDR block`);
      }
      const problem = ipOrCidrProblem(entry);
      if (problem) v.fail(`${property}.${key}[${i}]`, `'${entry}' ${problem}`);
      if (seen.has(entry)) v.fail(`${property}.${key}[${i}]`, `'${entry}' is listed twice: list each entry once`);
      seen.add(entry);
    });
    rendered[key] = list.join(',');
  }
  if (Object.keys(rendered).length === 0) {
    v.fail(property, 'sets neither ipList nor vpcIpList: list addresses in at least one, or leave ipWhitelist unset');
  }
  return rendered as RosProject.IpWhiteListProperty;
}

/** Options of the MaxCompute project that holds delivered audit events. */
export interface AuditProjectOptions {
  /** The project name (`actiontrail_...`). */
  readonly name: string;
  /** The project's default quota. @default MaxCompute's default quota */
  readonly quota?: string;
  /** Who reads this comment in the MaxCompute console. */
  readonly comment: string;
  /** What happens to the project, and the audit events in it, when the stack is deleted. @default ros.RemovalPolicy.RETAIN */
  readonly removalPolicy?: ros.RemovalPolicy;
  /** The rendered storage encryption. @default encrypted with MaxCompute's own key, AESCTR */
  readonly encryption?: RosProject.EncryptionProperty;
  /** The rendered IP whitelist. @default no whitelist */
  readonly ipWhiteList?: RosProject.IpWhiteListProperty;
  /** The encryption option, whose opt-out reason the comment records. @default encrypted: no reason */
  readonly encryptionOption?: ProjectEncryption;
}

/**
 * Validates a `ProjectEncryption` option (`undefined` is the default: MaxCompute's own key).
 * @param v - the validator of the construct that owns the option
 * @param property - the option's name, e.g. `encryption` or `maxCompute.encryption`
 * @param value - the option
 * @param region - the project's region
 */
export function renderProjectEncryption(
  v: PropValidator,
  property: string,
  value: ProjectEncryption | undefined,
  region: string,
): RosProject.EncryptionProperty {
  if (value === undefined) return ProjectEncryption.maxComputeKey()._render(v, property, region);
  if (!(value instanceof ProjectEncryption)) {
    v.fail(
      property,
      `${quote(value)} must be made with ProjectEncryption.maxComputeKey(), ProjectEncryption.kmsKey(arn) or ProjectEncryption.unencrypted(reason)`,
    );
  }
  return value._render(v, property, region);
}

function namesKmsKey(properties: RosProject['properties']): boolean {
  if (properties === undefined || ros.Tokenization.isResolvable(properties)) return false;
  const encryption = properties.encryption;
  return encryption !== undefined && !ros.Tokenization.isResolvable(encryption) && encryption.key !== undefined;
}

/** A project the library creates: warns, even without AuditChecks, about a KMS key of another account (AT-STORAGE-003). */
class AuditProject extends renderedOnce(RosProject) {
  protected validate(): string[] {
    // The only case the warning is about: the project names a KMS key.
    if (namesKmsKey(this.properties)) reportUncheckedWarnings(this);
    return super.validate();
  }
}

/**
 * Creates the MaxCompute project that stores audit events: encrypted at rest
 * unless `encryption` says otherwise, and retained when the stack is deleted
 * unless `removalPolicy` says otherwise: it holds audit data.
 */
export function createAuditProject(scope: ros.Construct, id: string, options: AuditProjectOptions): RosProject {
  const project = new AuditProject(scope, id, {
    name: options.name,
    comment: commentWithOptOut(options.comment, options.encryptionOption?._optOutReason()),
    ...(options.quota !== undefined ? { defaultQuota: options.quota } : {}),
    ...(options.ipWhiteList !== undefined ? { ipWhiteList: options.ipWhiteList } : {}),
    properties: {
      encryption: options.encryption ?? { enable: true, algorithm: DEFAULT_PROJECT_ENCRYPTION_ALGORITHM },
    },
  });
  project.applyRemovalPolicy(options.removalPolicy ?? ros.RemovalPolicy.RETAIN);
  markLibraryProject(project);
  return project;
}

/** The comment, with the reason the project is not encrypted, if it is not: auditors read it in the template. */
function commentWithOptOut(comment: string, reason: string | undefined): string {
  return reason === undefined ? comment : `${comment}. Not encrypted at rest, because: ${reason}`;
}
