/** The CLI's small modules, in process: arguments, plans, redaction, retries, endpoint, statuses, printer. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../src/main';
import { writeAssembly } from './harness';
import { parseCliArgs } from '../src/args';
import { AssemblyStack } from '../src/assembly';
import { endpointOverride } from '../src/endpoint';
import { CliError } from '../src/errors';
import { deployOrder, destroyOrder, selectStacks } from '../src/plan';
import { Printer } from '../src/printer';
import { Redactor } from '../../lib/shared/redact';
import { isRetryable, withRetry } from '../src/retry';
import { isNotModified } from '../src/ros-stacks';
import { isFailedCreate, isHealthy, isInProgress, isSuccess } from '../src/stack-states';
import { trailsInTemplate } from '../src/trail-status';

describe('parseCliArgs', () => {
  test('the acceptance command line', () => {
    const a = parseCliArgs([
      'deploy',
      'OrgAudit-Management',
      '--app',
      'cdk.out',
      '--profile',
      '3333333333333333=archive',
      '--profile',
      '1111111111111111=mgmt',
      '--yes',
    ]);
    expect(a.command).toBe('deploy');
    expect(a.stacks).toEqual(['OrgAudit-Management']);
    expect(a.app).toBe('cdk.out');
    expect([...a.profiles]).toEqual([
      ['3333333333333333', 'archive'],
      ['1111111111111111', 'mgmt'],
    ]);
    expect(a.yes).toBe(true);
    expect(a.timeoutMinutes).toBe(60);
  });
  test('ls is list; --timeout and --region are checked', () => {
    expect(parseCliArgs(['ls']).command).toBe('list');
    expect(parseCliArgs(['destroy', '--timeout', '5', '--region', 'cn-shanghai'])).toMatchObject({
      timeoutMinutes: 5,
      region: 'cn-shanghai',
    });
    expect(() => parseCliArgs(['deploy', '--timeout', '0'])).toThrow(
      "--timeout '0' must be a positive number of minutes",
    );
    expect(() => parseCliArgs(['deploy', '--region', 'Hangzhou'])).toThrow("--region 'Hangzhou' is not a region ID");
    expect(() => parseCliArgs(['deploy', '--profile', '123=x'])).toThrow('with a 16-digit account ID');
    expect(() =>
      parseCliArgs(['deploy', '--profile', '1111111111111111=a', '--profile', '1111111111111111=b']),
    ).toThrow("two profiles for account 1111111111111111: 'a' and 'b'");
    expect(() => parseCliArgs(['deploy', '--bogus'])).toThrow(
      "unknown option '--bogus' for deploy; see actiontrail-cdk deploy --help",
    );
    expect(() => parseCliArgs(['list', 'X'])).toThrow("'list' takes no stack names");
  });
});

const stack = (id: string, dependencies: string[] = []): AssemblyStack => ({
  id,
  stackName: id,
  templateFile: `${id}.template.json`,
  templateBody: '{}',
  template: {},
  dependencies,
});

describe('plans', () => {
  // A <- B <- C, A <- D; E alone.
  const all = [stack('C', ['B']), stack('B', ['A']), stack('A'), stack('D', ['A']), stack('E')];
  const ids = (s: AssemblyStack[]) => s.map((x) => x.id);
  test('deploy: dependencies first, included transitively', () => {
    expect(ids(deployOrder(all, selectStacks(all, ['C'])))).toEqual(['A', 'B', 'C']);
    expect(ids(deployOrder(all, selectStacks(all, [])))).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
  test('destroy: named stacks and their dependents, dependents first, never dependencies', () => {
    expect(ids(destroyOrder(all, selectStacks(all, ['B'])))).toEqual(['C', 'B']);
    expect(ids(destroyOrder(all, selectStacks(all, ['A'])))).toEqual(['D', 'C', 'B', 'A']);
  });
  test('cycles and unknown names are usage errors', () => {
    const cyclic = [stack('X', ['Y']), stack('Y', ['X'])];
    expect(() => deployOrder(cyclic, cyclic)).toThrow('stack dependencies form a cycle: X -> Y -> X');
    expect(() => selectStacks(all, ['Z'])).toThrow("no stack 'Z' in the cloud assembly; it holds: C, B, A, D, E");
  });
});

test('the redactor masks registered secrets and key-shaped strings', () => {
  const r = new Redactor();
  r.add('s3cr3t-value-123', undefined, 'abc');
  expect(r.text('key LTAI5tAbcdefgh12345 secret s3cr3t-value-123 token STS.NTabcdefgh1234 short abc')).toBe(
    'key [REDACTED] secret [REDACTED] token [REDACTED] short abc',
  );
  expect(r.text('AccessKeySecret=xyz123456&a=1')).toBe('AccessKeySecret=[REDACTED]&a=1');
});

describe('retries', () => {
  test('what is retried', () => {
    expect(isRetryable({ name: 'ThrottlingError', code: 'Throttling.User' })).toBe(true);
    expect(isRetryable({ code: 'Throttling' })).toBe(true);
    expect(isRetryable({ code: 'ServiceUnavailable', statusCode: 503 })).toBe(true);
    expect(isRetryable({ code: 'Whatever', statusCode: 500 })).toBe(true);
    expect(isRetryable({ code: 'ECONNRESET' })).toBe(true);
    expect(isRetryable({ code: 'StackNotFound', statusCode: 404 })).toBe(false);
    expect(isRetryable({ code: 'NotSupported', statusCode: 400 })).toBe(false);
  });
  test('bounded, growing backoff', async () => {
    const delays: number[] = [];
    let calls = 0;
    const op = async () => {
      calls++;
      throw Object.assign(new Error('busy'), { code: 'Throttling.User' });
    };
    await expect(
      withRetry(op, {
        attempts: 4,
        baseDelayMs: 100,
        maxDelayMs: 300,
        sleep: async (ms) => {
          delays.push(ms);
        },
      }),
    ).rejects.toThrow('busy');
    expect(calls).toBe(4);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[2]).toBeLessThanOrEqual(300);
  });
});

test('ACTIONTRAIL_CDK_ENDPOINT', () => {
  expect(endpointOverride({})).toBeUndefined();
  expect(endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'http://127.0.0.1:8080' })).toEqual({
    host: '127.0.0.1:8080',
    protocol: 'http',
  });
  expect(() => endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'http://127.0.0.1:8080/ros' })).toThrow(CliError);
  expect(() => endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'ftp://x' })).toThrow('must be a base URL');
  expect(() => endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'http://ros.example.com' })).toThrow(
    'uses http to a host that is not this machine',
  );
  expect(endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'https://ros.example.com' })).toEqual({
    host: 'ros.example.com',
    protocol: 'https',
  });
  expect(endpointOverride({ ACTIONTRAIL_CDK_ENDPOINT: 'http://localhost:9' })).toEqual({
    host: 'localhost:9',
    protocol: 'http',
  });
});

test('stack statuses', () => {
  for (const s of ['CREATE_FAILED', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED']) expect(isFailedCreate(s)).toBe(true);
  expect(isFailedCreate('UPDATE_FAILED')).toBe(false);
  expect(isInProgress('UPDATE_ROLLBACK_IN_PROGRESS')).toBe(true);
  expect(isSuccess('DELETE_COMPLETE')).toBe(true);
  expect(isHealthy('DELETE_COMPLETE')).toBe(false);
  expect(isHealthy('UPDATE_ROLLBACK_COMPLETE')).toBe(false);
});

test("ROS's 'not modified' answer to UpdateStack", () => {
  expect(
    isNotModified({
      code: 'NotSupported',
      message: 'NotSupported: code: 400, Update the completely same stack is not supported. request id: x',
    }),
  ).toBe(true);
  expect(isNotModified({ code: 'NotSupported', message: 'something else' })).toBe(false);
});

test('trails in a template: the library trail and ROS own', () => {
  expect(
    trailsInTemplate({
      Resources: {
        A: {
          Type: 'Custom::ActionTrailTrail',
          Properties: { Parameters: { Name: 'org_audit', IsOrganizationTrail: true } },
        },
        B: { Type: 'ALIYUN::ACTIONTRAIL::Trail', Properties: { Name: 'plain_trail' } },
        C: { Type: 'Custom::ActionTrailTrail', Properties: { Parameters: { Name: { Ref: 'TrailName' } } } },
        D: { Type: 'ALIYUN::RAM::Role' },
      },
    }),
  ).toEqual([
    { logicalId: 'A', name: 'org_audit', organization: true },
    { logicalId: 'B', name: 'plain_trail', organization: false },
  ]);
});

test('printer: plain lines in CI, a progress line rewritten in place on a terminal', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, write: (t: string) => chunks.push(t) };
  };
  const event = {
    eventId: '1',
    logicalResourceId: 'R',
    resourceType: 'T',
    status: 'CREATE_COMPLETE',
    statusReason: '',
    createTime: '',
  };
  const plainOut = sink();
  const plain = new Printer(plainOut, sink(), new Redactor(), false);
  plain.progress('S: CREATE_IN_PROGRESS');
  plain.event('S', event);
  expect(plainOut.chunks).toEqual(['S | R | T | CREATE_COMPLETE\n']);

  const ttyOut = sink();
  const tty = new Printer(ttyOut, sink(), new Redactor(), true);
  tty.progress('S: CREATE_IN_PROGRESS (1s)');
  tty.progress('S: CREATE_IN_PROGRESS (3s)');
  tty.event('S', event);
  expect(ttyOut.chunks).toEqual([
    '\r\x1b[KS: CREATE_IN_PROGRESS (1s)',
    '\r\x1b[KS: CREATE_IN_PROGRESS (3s)',
    '\r\x1b[K',
    'S | R | T | CREATE_COMPLETE\n',
  ]);
});

describe('ACTIONTRAIL_CDK_ENDPOINT keeps every request on that one URL', () => {
  test("it turns off the credentials chain's ECS metadata and credentials-URI look-ups before any credential is loaded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atcdk-endpoint-'));
    const saved = {
      ecs: process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED,
      uri: process.env.ALIBABA_CLOUD_CREDENTIALS_URI,
    };
    try {
      writeAssembly(dir, [
        { id: 'Only', template: { ROSTemplateFormatVersion: '2015-09-01', Resources: {} }, region: 'cn-hangzhou' },
      ]);
      delete process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
      process.env.ALIBABA_CLOUD_CREDENTIALS_URI = 'http://192.0.2.1/credentials';
      const sink = new PassThrough();
      const code = await runCli(['list', '--app', dir], {
        stdout: sink,
        stderr: sink,
        stdin: new PassThrough(),
        cwd: dir,
        env: { ACTIONTRAIL_CDK_ENDPOINT: 'http://127.0.0.1:9' },
      } as never);
      expect(code).toBe(0);
      expect(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe('true');
      expect(process.env.ALIBABA_CLOUD_CREDENTIALS_URI).toBeUndefined();
    } finally {
      if (saved.ecs === undefined) delete process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
      else process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = saved.ecs;
      if (saved.uri === undefined) delete process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
      else process.env.ALIBABA_CLOUD_CREDENTIALS_URI = saved.uri;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('--timeout bounds only the commands that wait for a stack: on status it is an error that says so', () => {
  expect(() => parseCliArgs(['status', '--timeout', '5'])).toThrow(
    /'--timeout' is not an option of status.*deploy, destroy/,
  );
  expect(() => parseCliArgs(['preflight', '--timeout', '5'])).toThrow(/'--timeout' is not an option of preflight/);
});
