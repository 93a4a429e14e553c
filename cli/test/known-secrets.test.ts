/**
 * The credentials known before any is loaded (cli/src/known-secrets.ts):
 * the OIDC token files and the credentials URI, besides the environment and
 * the credentials files (tested through the bin in secrets-interrupts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { knownSecrets, uriSecrets } from '../src/known-secrets';
import { tempDir } from '../../test/support/temp';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl';

/** A home folder with no credentials file and no aliyun config, and a file holding `text`. */
function homeWithFile(text: string): { home: string; file: string } {
  const home = tempDir('atcdk-known-secrets-');
  const file = path.join(home, 'token');
  fs.writeFileSync(file, text);
  return { home, file };
}

describe('knownSecrets: OIDC tokens', () => {
  test('the token of ALIBABA_CLOUD_OIDC_TOKEN_FILE, trimmed', () => {
    const { home, file } = homeWithFile(`${TOKEN}\n`);
    expect(knownSecrets({ HOME: home, ALIBABA_CLOUD_OIDC_TOKEN_FILE: file }).files).toEqual([TOKEN]);
  });

  test('the token file a credentials file profile names (oidc_token_file_path)', () => {
    const { home, file } = homeWithFile(TOKEN);
    const credentials = path.join(home, 'credentials');
    fs.writeFileSync(credentials, `[ci]\ntype = oidc_role_arn\noidc_token_file_path = ${file}\n`);
    expect(knownSecrets({ HOME: home, ALIBABA_CLOUD_CREDENTIALS_FILE: credentials }).files).toEqual([TOKEN]);
  });

  test('the token file an aliyun CLI profile names (oidc_token_file)', () => {
    const { home, file } = homeWithFile(TOKEN);
    fs.mkdirSync(path.join(home, '.aliyun'));
    fs.writeFileSync(
      path.join(home, '.aliyun', 'config.json'),
      JSON.stringify({ profiles: [{ name: 'ci', mode: 'OIDC', oidc_token_file: file }] }),
    );
    expect(knownSecrets({ HOME: home }).files).toEqual([TOKEN]);
  });

  test('a missing, empty or oversized token file adds nothing', () => {
    const { home, file } = homeWithFile('   \n');
    const big = path.join(home, 'big');
    fs.writeFileSync(big, 'x'.repeat(64 * 1024 + 1));
    for (const tokenFile of [file, big, path.join(home, 'missing')]) {
      expect(knownSecrets({ HOME: home, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile }).files).toEqual([]);
    }
  });
});

describe('uriSecrets: ALIBABA_CLOUD_CREDENTIALS_URI', () => {
  test('the password and the query values, decoded and as written', () => {
    expect(uriSecrets('http://ci:pa%24%24word99@127.0.0.1:8080/creds?token=abc%2Bdef12345&role=x')).toEqual([
      'pa%24%24word99',
      'pa$$word99',
      'abc+def12345',
      'abc%2Bdef12345',
    ]);
  });

  test('pieces shorter than 8 characters, plain URIs and unparsable ones add nothing', () => {
    expect(uriSecrets('http://127.0.0.1:8080/creds?v=1&role=short')).toEqual([]);
    expect(uriSecrets('http://127.0.0.1:8080/creds')).toEqual([]);
    expect(uriSecrets('not a uri')).toEqual([]);
    expect(uriSecrets(undefined)).toEqual([]);
  });

  test('knownSecrets masks them whole', () => {
    const home = tempDir('atcdk-known-secrets-');
    const env = { HOME: home, ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:8080/creds?token=0123456789abcdef' };
    expect(knownSecrets(env).files).toEqual(['0123456789abcdef']);
  });
});
