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

/**
 * Keys of the credentials file and the aliyun CLI's config.json whose values
 * are credentials; not those naming a file (`oidc_token_file_path`), whose
 * value is a path (the token in it is read apart).
 */
const CREDENTIAL_KEY = /^(?!.*(?:file|path)$).*(?:secret|token|password|access_?key_?id)/i;

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
 * it loads), the OIDC token of `ALIBABA_CLOUD_OIDC_TOKEN_FILE` and of the
 * token files those two name, and the password and query values of
 * `ALIBABA_CLOUD_CREDENTIALS_URI`. Files that cannot be read or parsed add
 * nothing. Node built-ins only, so that `list` and `--help` load no SDK.
 */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env): { environment: string[]; files: string[] } {
  const environment: string[] = [];
  for (const name of CREDENTIAL_ENV_VARIABLES) {
    const v = env[name]?.trim();
    if (v) environment.push(v);
  }
  const files = [...iniSecrets(credentialsFilePath(env)), ...jsonSecrets(aliyunConfigPath(env))];
  const tokenFiles = [
    env.ALIBABA_CLOUD_OIDC_TOKEN_FILE,
    ...iniValues(credentialsFilePath(env), OIDC_TOKEN_FILE_KEY),
    ...jsonValues(aliyunConfigPath(env), OIDC_TOKEN_FILE_KEY),
  ];
  for (const file of tokenFiles) if (file) files.push(...oidcToken(file));
  files.push(...uriSecrets(env.ALIBABA_CLOUD_CREDENTIALS_URI));
  return { environment, files };
}

/** Keys that name an OIDC token file: the credentials file's `oidc_token_file_path`, config.json's `oidc_token_file`. */
const OIDC_TOKEN_FILE_KEY = /^oidc_token_file(_path)?$/i;

/** The largest OIDC token file read (a JWT is a few KB); a bigger file is not a token and adds nothing. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

/**
 * The OIDC token in `file` (`ALIBABA_CLOUD_OIDC_TOKEN_FILE`, or a profile's
 * token file): `@alicloud/credentials` sends it to STS for an OIDC role's
 * credentials, so it is as secret as they are. Nothing when the file cannot
 * be read or is too big.
 */
function oidcToken(file: string): string[] {
  try {
    if (fs.statSync(file).size > MAX_TOKEN_FILE_BYTES) return [];
    const token = fs.readFileSync(file, 'utf8').trim();
    return token === '' ? [] : [token];
  } catch {
    return [];
  }
}

/** Shorter pieces of a credentials URI are not masked: they would mask ordinary words. */
const MIN_URI_SECRET_LENGTH = 8;

/**
 * The pieces of `ALIBABA_CLOUD_CREDENTIALS_URI` that may be secret: its
 * password and the values of its query (a token the credentials server
 * asks for), each of at least 8 characters. Nothing for a URI that does not
 * parse.
 */
export function uriSecrets(uri: string | undefined): string[] {
  if (!uri) return [];
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return [];
  }
  // As written and decoded: a printed URL may show either.
  const rawQueryValues = url.search
    .slice(1)
    .split('&')
    .map((pair) => pair.split('=').slice(1).join('='));
  const pieces = [url.password, decoded(url.password), ...url.searchParams.values(), ...rawQueryValues];
  return [...new Set(pieces.filter((piece) => piece.length >= MIN_URI_SECRET_LENGTH))];
}

/** `text` percent-decoded, or as it is when it is not valid percent-encoding. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The credential values of an INI credentials file (`access_key_secret = ...`). */
export function iniSecrets(file: string): string[] {
  return iniValues(file, CREDENTIAL_KEY);
}

/** The values of an INI file's keys that match `key`, unquoted; none when it cannot be read. */
function iniValues(file: string, key: RegExp): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*([^=\s[#;]+)\s*=\s*(.*?)\s*$/gm)) {
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
    if (key.test(m[1]) && value !== '') out.push(value);
  }
  return out;
}

/** The credential values of a JSON configuration (the aliyun CLI's profiles), at any depth. */
export function jsonSecrets(file: string): string[] {
  return jsonValues(file, CREDENTIAL_KEY);
}

/** The string values of a JSON file's keys that match `key`, at any depth; none when it cannot be read or parsed. */
function jsonValues(file: string, key: RegExp): string[] {
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
      if (typeof x === 'string' && x !== '' && key.test(k)) out.push(x);
      else walk(x, depth + 1);
    }
  };
  walk(conf, 0);
  return out;
}
