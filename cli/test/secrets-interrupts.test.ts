/**
 * Through the bin: a credential is masked from the first line the CLI prints
 * (before any credential is loaded), and Ctrl-C under `--json` ends with one
 * error document of code `interrupted` and exit code 130, both when it stops
 * the retries (the first Ctrl-C) and when a second one exits at once.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { spawn } from 'child_process';
import { cliBundle, PROFILES, runCli, tempHome, writeAssembly } from './harness';
import { documentedSchema, validate } from './json-schema';
import { tempDir } from '../../test/support/temp';

jest.setTimeout(120_000);

const SECRET = 's3cr3tValue123456';
const queue = {
  ROSTemplateFormatVersion: '2015-09-01',
  Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } },
};

let root: string;
let creds: { home: string; credentialsFile: string };

beforeAll(() => {
  root = tempDir('atcdk-secrets-interrupts-');
  creds = tempHome();
  writeAssembly(path.join(root, 'app'), [{ id: 'Solo', template: queue, region: 'cn-hangzhou' }]);
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const run = (
  args: string[],
  endpoint: string,
  env: Record<string, string> = {},
  onOutput?: Parameters<typeof runCli>[1]['onOutput'],
) => runCli(args, { endpoint, cwd: root, ...creds, env, onOutput });

function errorDocument(stdout: string): { command: string | null; exitCode: number; error: Record<string, unknown> } {
  const doc = JSON.parse(stdout);
  expect(validate(doc, documentedSchema('error'))).toEqual([]);
  return doc;
}

describe('a credential is never printed, also before credentials load', () => {
  test.each([
    ['as a stack name', ['status', SECRET, '--app', 'app', '--json']],
    ['as a profile name', ['status', '--app', 'app', '--profile', SECRET, '--json']],
  ])('the environment secret %s: masked on standard output and standard error', async (_what, args) => {
    const r = await run(args, 'http://127.0.0.1:1', {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnvKey0000000099',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('[REDACTED]');
    expect(r.stderr).toContain('[REDACTED]');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain(SECRET.slice(0, 8));
    errorDocument(r.stdout);
  });

  test('the security token from the environment, and the credentials file secrets', async () => {
    const token = 'tokenValue-0a1b2c3d4e5f';
    for (const value of [token, PROFILES.archive.secret]) {
      const r = await run(['status', value, '--app', 'app', '--json'], 'http://127.0.0.1:1', {
        ALIBABA_CLOUD_SECURITY_TOKEN: token,
      });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(value);
      expect(r.stderr).toContain("no stack '[REDACTED]'");
      expect(errorDocument(r.stdout).error.message).toContain("no stack '[REDACTED]'");
    }
  });
});

test('the OIDC token of ALIBABA_CLOUD_OIDC_TOKEN_FILE and a credentials URI token, before any credential loads', async () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaS1ydW5uZXIifQ.c2lnbmF0dXJlMDAx';
  const tokenFile = path.join(root, 'oidc-token');
  fs.writeFileSync(tokenFile, `${token}\n`);
  const uriToken = 'uriToken-9f8e7d6c5b4a';
  for (const value of [token, uriToken]) {
    const r = await run(['status', value, '--app', 'app', '--json'], 'http://127.0.0.1:1', {
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:1/credentials?token=${uriToken}`,
    });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(value);
    expect(r.stderr).toContain("no stack '[REDACTED]'");
  }
});

describe('Ctrl-C under --json', () => {
  test('the first Ctrl-C stops the retries at once: one document, code interrupted, exit 130', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    let signalledAt = 0;
    const r = await run(
      ['status', '--app', 'app', '--json'],
      endpoint,
      // Waits of 20 s between attempts: only an interrupted wait ends the run quickly.
      { ACTIONTRAIL_CDK_RETRY_BASE_MS: '20000' },
      {
        text: 'retrying after ECONNREFUSED',
        then: (child) => {
          signalledAt = Date.now();
          child.kill('SIGINT');
        },
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(r.code).toBe(130);
    const doc = errorDocument(r.stdout);
    expect(doc).toMatchObject({ command: 'status', exitCode: 130, error: { code: 'interrupted' } });
    expect(String(doc.error.message)).toContain('interrupted (Ctrl-C) while retrying after ECONNREFUSED');
    expect(r.stderr).toContain('actiontrail-cdk: interrupted (Ctrl-C) while retrying after ECONNREFUSED');
  });

  test('a second Ctrl-C during a call that does not answer: one document, code interrupted, exit 130', async () => {
    // Accepts every request and never answers (the SDK's read timeout is 30 s): the first Ctrl-C waits for the call.
    const sockets = new Set<net.Socket>();
    const server = http.createServer(() => undefined);
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const child = spawn(process.execPath, [cliBundle(), 'status', '--app', 'app', '--json'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: creds.home,
          ALIBABA_CLOUD_CREDENTIALS_FILE: creds.credentialsFile,
          ACTIONTRAIL_CDK_ENDPOINT: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end();
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => {
        stderr += d;
        // After the first Ctrl-C's note, the second.
        if (stderr.includes('Ctrl-C: stopping after the current API call')) child.kill('SIGINT');
      });
      server.once('request', () => child.kill('SIGINT'));
      const started = Date.now();
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(code).toBe(130);
      expect(stderr).toContain('actiontrail-cdk: interrupted again, exiting.');
      const doc = errorDocument(stdout);
      expect(doc).toMatchObject({ command: 'status', exitCode: 130, error: { code: 'interrupted' } });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
