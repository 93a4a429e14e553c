import * as ros from '@alicloud/ros-cdk-core';
import { kmsKeyArnRule } from '../private/arn';
import { PropValidator } from '../private/errors';
import { parseArn } from '../shared/arn';
import { quote } from '../shared/quote';
import { RosProject } from '../ros';

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
 * old, retained one). See docs/compliance.md.
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

/**
 * Creates the MaxCompute project that stores audit events: encrypted at rest
 * unless `encryption` says otherwise, and retained when the stack is deleted
 * unless `removalPolicy` says otherwise: it holds audit data.
 */
export function createAuditProject(scope: ros.Construct, id: string, options: AuditProjectOptions): RosProject {
  const project = new RosProject(scope, id, {
    name: options.name,
    comment: options.comment,
    ...(options.quota !== undefined ? { defaultQuota: options.quota } : {}),
    ...(options.ipWhiteList !== undefined ? { ipWhiteList: options.ipWhiteList } : {}),
    properties: {
      encryption: options.encryption ?? { enable: true, algorithm: DEFAULT_PROJECT_ENCRYPTION_ALGORITHM },
    },
  });
  project.applyRemovalPolicy(options.removalPolicy ?? ros.RemovalPolicy.RETAIN);
  return project;
}
