import * as fs from 'fs';
import Credential, { CLIProfileCredentialsProvider, ProfileCredentialsProvider } from '@alicloud/credentials';
import { CredentialsError, networkCode } from './failures';
import { Redactor } from '../../lib/shared/redact';
import { aliyunConfigPath, credentialsFilePath } from './known-secrets';

export { aliyunConfigPath, credentialsFilePath };

/** Credentials for one account, resolved by `@alicloud/credentials`. */
export interface ResolvedCredentials {
  /** The credential object the SDK clients sign with. */
  readonly credential: Credential;
  /** How to name these credentials in messages: `profile 'archive'` or `the default credentials`. Never a key. */
  readonly label: string;
}

/** Where a named profile was found. */
export type ProfileSource = 'credentials-file' | 'aliyun-cli';

/** The section names of an INI credentials file (none when it cannot be read). */
export function iniProfiles(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*\[([^\]]+)\]\s*$/gm)].map((m) => m[1].trim());
}

/** The profile names of the aliyun CLI's config.json (none when it cannot be read or parsed). */
export function aliyunProfiles(file: string): string[] {
  try {
    const conf = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles?: Array<{ name?: unknown }> };
    return (conf.profiles ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string');
  } catch {
    return [];
  }
}

/**
 * Where the named profile is: the credentials file first (as
 * `@alicloud/credentials`' own chain reads it), then the aliyun CLI's
 * config.json (unless `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`, which the
 * library also honours).
 * @throws CredentialsError naming both files and the profiles each holds
 */
export function findProfile(name: string, env: NodeJS.ProcessEnv = process.env): ProfileSource {
  const file = credentialsFilePath(env);
  const inFile = iniProfiles(file);
  if (inFile.includes(name)) return 'credentials-file';
  const cliDisabled = (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ?? '').toLowerCase() === 'true';
  const config = aliyunConfigPath();
  const inCli = cliDisabled ? [] : aliyunProfiles(config);
  if (inCli.includes(name)) return 'aliyun-cli';
  const held = (list: string[]): string => (list.length ? list.join(', ') : 'none');
  const where =
    `it is not in ${file} (profiles: ${held(inFile)})` +
    (cliDisabled
      ? ' (the aliyun CLI config is not read: ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)'
      : ` nor in ${config} (profiles: ${held(inCli)})`);
  throw new CredentialsError(
    `profile '${name}'`,
    `no profile '${name}'`,
    `${where}: add a [${name}] section to ${file} (type = access_key | ram_role_arn | ecs_ram_role), or run 'aliyun configure --profile ${name}'`,
  );
}

/**
 * Which credentials serve which account: `--profile <accountId>=<profileName>`
 * maps an account to a named profile of the credentials file
 * (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`) or,
 * when that file has no such profile, of the aliyun CLI's
 * `~/.aliyun/config.json`; every
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

  /**
   * The profile `--profile <account>=<profile>` maps to exactly this account;
   * never `--profile <name>` (the stacks' one account), which must not serve
   * another account's resources. @default - none mapped
   */
  public mappedProfileFor(account: string): string | undefined {
    return this.profiles.get(account);
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
    let source: ProfileSource | undefined;
    try {
      source = profile === undefined ? undefined : findProfile(profile);
      credential =
        profile === undefined
          ? new Credential()
          : new Credential(
              null,
              source === 'aliyun-cli'
                ? CLIProfileCredentialsProvider.builder().withProfileName(profile).build()
                : ProfileCredentialsProvider.builder().withProfileName(profile).build(),
            );
      const model = await credential.getCredential();
      this.redactor.add(model.accessKeyId, model.accessKeySecret, model.securityToken, model.bearerToken);
    } catch (e) {
      if (e instanceof CredentialsError) throw e;
      // A named profile that calls out to load (ram_role_arn: STS AssumeRole; ecs_ram_role: the
      // metadata service) and cannot reach it: a network failure, said as every other one is
      // (failures.ts inOurWords, from the caller's site), not a fault of the profile's section.
      // Not for the default chain: its message gathers every provider's failure, so an
      // unreachable metadata service there only means that no credentials are configured.
      if (profile !== undefined && networkCode(e) !== undefined) throw e;
      const where =
        profile === undefined
          ? `set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a [default] section in ${credentialsFilePath()}`
          : source === 'aliyun-cli'
            ? `fix profile '${profile}' in ${aliyunConfigPath()} ('aliyun configure --profile ${profile}'; modes AK, StsToken, RamRoleArn, EcsRamRole, ChainableRamRoleArn, OIDC, ...)`
            : `fix the [${profile}] section of ${credentialsFilePath()} (type = access_key | ram_role_arn | ecs_ram_role)`;
      throw new CredentialsError(label, this.redactor.text((e as Error).message), where);
    }
    return { credential, label };
  }
}
