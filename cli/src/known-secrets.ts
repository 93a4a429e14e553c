import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The environment variables `@alicloud/credentials` reads a credential
 * from (its environment provider): the AccessKey ID, its secret and an STS
 * security token. Their values are masked in every line the CLI prints from
 * its first line on, before anything parses the command line.
 */
export const CREDENTIAL_ENV_VARIABLES: readonly string[] = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
];

/**
 * The credentials file `@alicloud/credentials` reads:
 * `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`.
 * (Here, SDK-free, so that masking starts before any SDK loads.)
 */
export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ALIBABA_CLOUD_CREDENTIALS_FILE || path.join(homeOf(env), '.alibabacloud', 'credentials');
}

/** The aliyun CLI's configuration, as `@alicloud/credentials` reads it: `~/.aliyun/config.json`. */
export function aliyunConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(homeOf(env), '.aliyun', 'config.json');
}

/** The home folder: `HOME` of `env` when set (as `os.homedir()` reads it on Linux and macOS). */
function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

/** Keys of the credentials file and the aliyun CLI's config.json whose values are credentials. */
const CREDENTIAL_KEY = /secret|token|password|access_?key_?id/i;

/**
 * Every credential this run could use, known before any is loaded.
 * `environment`: the values of {@link CREDENTIAL_ENV_VARIABLES}, which the
 * default chain uses (masked whole and by their pieces, as resolved
 * credentials are). `files`: the credential values (AccessKey IDs, secrets,
 * tokens) of the credentials file (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else
 * `~/.alibabacloud/credentials`) and of the aliyun CLI's
 * `~/.aliyun/config.json`, every profile's (masked whole only: a file may
 * hold many, some test fixtures not random, and pieces of those would shred
 * ordinary words; the profile a stack uses is masked by its pieces too once
 * it loads). Files that cannot be read or parsed add nothing. Node built-ins
 * only, so that `list` and `--help` load no SDK.
 */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env): { environment: string[]; files: string[] } {
  const environment: string[] = [];
  for (const name of CREDENTIAL_ENV_VARIABLES) {
    const v = env[name]?.trim();
    if (v) environment.push(v);
  }
  const files = [...iniSecrets(credentialsFilePath(env)), ...jsonSecrets(aliyunConfigPath(env))];
  return { environment, files };
}

/** The credential values of an INI credentials file (`access_key_secret = ...`). */
export function iniSecrets(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*([^=\s[#;]+)\s*=\s*(.*?)\s*$/gm)) {
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
    if (CREDENTIAL_KEY.test(m[1]) && value !== '') out.push(value);
  }
  return out;
}

/** The credential values of a JSON configuration (the aliyun CLI's profiles), at any depth. */
export function jsonSecrets(file: string): string[] {
  let conf: unknown;
  try {
    conf = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 10 || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && x !== '' && CREDENTIAL_KEY.test(k)) out.push(x);
      else walk(x, depth + 1);
    }
  };
  walk(conf, 0);
  return out;
}
