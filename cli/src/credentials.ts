import Credential, { ProfileCredentialsProvider } from '@alicloud/credentials';
import { CredentialsError } from './failures';
import { Redactor } from '../../lib/shared/redact';

/** Credentials for one account, resolved by `@alicloud/credentials`. */
export interface ResolvedCredentials {
  /** The credential object the SDK clients sign with. */
  readonly credential: Credential;
  /** How to name these credentials in messages: `profile 'archive'` or `the default credentials`. Never a key. */
  readonly label: string;
}

/**
 * Which credentials serve which account: `--profile <accountId>=<profileName>`
 * maps an account to a named profile of the credentials file
 * (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`); every
 * other stack uses `@alicloud/credentials`' default chain (environment
 * variables, the `aliyun` CLI's profile, the credentials file's
 * `ALIBABA_CLOUD_PROFILE` or `default` profile, the ECS RAM role, ...).
 * Each source is resolved once; its key ID, secret and token go to the redactor.
 */
export class CredentialProfiles {
  private readonly cache = new Map<string, Promise<ResolvedCredentials>>();

  /**
   * @param profiles account ID to profile name, from `--profile`
   * @param redactor receives every resolved secret, so that no output holds it
   * @param everyStack `--profile <name>`: the profile of every stack (all in one account)
   */
  constructor(
    private readonly profiles: ReadonlyMap<string, string>,
    private readonly redactor: Redactor,
    private readonly everyStack?: string,
  ) {}

  /** The profile name for an account, if `--profile` names one. */
  public profileFor(account: string | undefined): string | undefined {
    if (this.everyStack !== undefined) return this.everyStack;
    return account === undefined ? undefined : this.profiles.get(account);
  }

  /** The label of the credentials that serve `account`. */
  public labelFor(account: string | undefined): string {
    const profile = this.profileFor(account);
    return profile === undefined ? 'the default credentials' : `profile '${profile}'`;
  }

  /**
   * The credentials that serve `account` (a named profile, or the default chain).
   * @throws CredentialsError when they cannot be resolved (the message names the profile, never a key)
   */
  public forAccount(account: string | undefined): Promise<ResolvedCredentials> {
    const profile = this.profileFor(account);
    const key = profile ?? '\u0000default';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.resolve(profile);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async resolve(profile: string | undefined): Promise<ResolvedCredentials> {
    const label = profile === undefined ? 'the default credentials' : `profile '${profile}'`;
    let credential: Credential;
    try {
      credential =
        profile === undefined
          ? new Credential()
          : new Credential(null, ProfileCredentialsProvider.builder().withProfileName(profile).build());
      const model = await credential.getCredential();
      this.redactor.add(model.accessKeyId, model.accessKeySecret, model.securityToken, model.bearerToken);
    } catch (e) {
      const where =
        profile === undefined
          ? 'set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a default profile in the credentials file'
          : `add a [${profile}] section to ${process.env.ALIBABA_CLOUD_CREDENTIALS_FILE || '~/.alibabacloud/credentials'} (type = access_key | ram_role_arn | ecs_ram_role)`;
      throw new CredentialsError(label, this.redactor.text((e as Error).message), where);
    }
    return { credential, label };
  }
}
