/**
 * Runs the provider as ROS would deploy it: from a synthesized template,
 * take the function's ZipFile and EnvironmentVariables and the custom
 * resources' Parameters, resolve the template's references to concrete test
 * values (the account, region and stack ID pseudo parameters, attributes,
 * Fn::Join), and invoke `index.js` in a separate Node process.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import * as ros from '@alicloud/ros-cdk-core';
import { synthTemplate } from '../support/template';

/** What ROS would resolve: pseudo parameters and resource attributes. */
export interface RosValues {
  /** `Ref` targets, e.g. `ALIYUN::AccountId`. */
  readonly refs: Record<string, string>;
  /** `Fn::GetAtt` results by `Logical.Attribute`. */
  readonly attributes: Record<string, string>;
}

/** Resolves the intrinsic functions the provider's template uses; throws on any other. */
export function resolveRos(value: unknown, values: RosValues): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRos(v, values));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'Ref') {
    const ref = String(obj.Ref);
    if (!(ref in values.refs)) throw new Error(`unresolved Ref ${ref}`);
    return values.refs[ref];
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [logical, attribute] = obj['Fn::GetAtt'] as [string, string];
    const key = `${logical}.${attribute}`;
    if (!(key in values.attributes)) throw new Error(`unresolved Fn::GetAtt ${key}`);
    return values.attributes[key];
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => String(resolveRos(p, values))).join(sep);
  }
  if (keys.some((k) => k.startsWith('Fn::'))) throw new Error(`unsupported intrinsic ${keys.join(',')}`);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveRos(v, values)]));
}

/** The provider of one synthesized stack, as deployed. */
export interface DeployedProvider {
  /** The bundled `index.js` taken from the template's ZipFile. */
  readonly source: string;
  /** The function's EnvironmentVariables, resolved. */
  readonly env: Record<string, string>;
  /** The function's Timeout, in seconds. */
  readonly functionTimeout: number;
  /** Each custom resource's Parameters (resolved) and Timeout, by logical ID. */
  readonly trails: Record<string, { parameters: Record<string, unknown>; timeout: number }>;
  /** The whole template. */
  readonly template: ReturnType<typeof synthTemplate>;
}

/** Synthesizes `stack` and reads its provider as deployed, with `values` for the references. */
export function deployedProvider(stack: ros.Stack, values: RosValues): DeployedProvider {
  const template = synthTemplate(stack);
  // A template parameter (the drift-repair ActionTrailCdkConverge) resolves to its Default unless `values` sets it.
  const defaults = Object.fromEntries(
    Object.entries((template.Parameters ?? {}) as Record<string, { Default?: unknown }>).map(([k, p]) => [
      k,
      String(p.Default),
    ]),
  );
  values = { ...values, refs: { ...defaults, ...values.refs } };
  const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const fn = Object.values(resources).find((r) => r.Type === 'ALIYUN::FC3::Function');
  if (!fn) throw new Error('no provider function in the template');
  const files = unzipSync(new Uint8Array(Buffer.from(fn.Properties.Code.ZipFile, 'base64')));
  const env = resolveRos(fn.Properties.EnvironmentVariables, values) as Record<string, string>;
  const trails: DeployedProvider['trails'] = {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'Custom::ActionTrailTrail') {
      trails[id] = {
        parameters: resolveRos(r.Properties.Parameters, values) as Record<string, unknown>,
        timeout: r.Properties.Timeout,
      };
    }
  }
  return {
    source: Buffer.from(files['index.js']).toString('utf8'),
    env,
    functionTimeout: fn.Properties.Timeout,
    trails,
    template,
  };
}

/** The outcome of one invocation in a child process. */
export interface ChildRun {
  /** What the handler resolved to. */
  readonly result: unknown;
  /** Everything the process wrote (the function's log). */
  readonly output: string;
  /** Wall-clock time of the invocation, in ms. */
  readonly ms: number;
  /** The child's exit code. */
  readonly exitCode: number | null;
}

const RUNNER = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const { event, context } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const { handler } = require(process.argv[2]);
  const started = Date.now();
  const result = await handler(Buffer.from(event), context);
  process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ result: result ?? null, ms: Date.now() - started }) + '\\n');
});
`;

/** A temporary directory holding the deployed `index.js` and the runner. */
export class ChildProvider {
  private readonly dir: string;

  /** Writes `source` as index.js next to a small runner script. */
  constructor(source: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-e2e-'));
    fs.writeFileSync(path.join(this.dir, 'index.js'), source);
    fs.writeFileSync(path.join(this.dir, 'runner.js'), RUNNER);
  }

  /** Invokes the handler once in a new process with exactly `env` (plus PATH) as its environment. */
  invoke(event: Buffer, context: unknown, env: Record<string, string>): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(this.dir, 'runner.js'), path.join(this.dir, 'index.js')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.on('error', reject);
      child.on('close', (exitCode) => {
        const marker = output.lastIndexOf('@@RESULT@@');
        const parsed =
          marker >= 0 ? JSON.parse(output.slice(marker + 10).split('\n')[0]) : { result: undefined, ms: NaN };
        resolve({
          result: parsed.result,
          ms: parsed.ms,
          output: marker >= 0 ? output.slice(0, marker) : output,
          exitCode,
        });
      });
      child.stdin.end(JSON.stringify({ event: event.toString('utf8'), context }));
    });
  }

  /** Removes the directory. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The function's environment as the template gives it, with the test seams
 * pointed at the stand-ins on loopback (ActionTrail and ROS at `endpoint`, the
 * ResponseURL receiver at 127.0.0.1) and short retry timings; `overrides` win.
 */
export function testEnvironment(
  deployed: DeployedProvider,
  endpoint: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    ...deployed.env,
    ACTIONTRAIL_ENDPOINT: endpoint,
    ROS_ENDPOINT: endpoint,
    RESPONSE_URL_ALLOWED_HOSTS: '127.0.0.1',
    ACTIONTRAIL_RETRY_BUDGET_MS: '4000',
    ACTIONTRAIL_RETRY_BASE_MS: '5',
    ACTIONTRAIL_RETRY_MAX_MS: '40',
    ACTIONTRAIL_REQUEST_TIMEOUT_MS: '1000',
    ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '300',
    ...overrides,
  };
}

/** ResourceProperties as ROS sends them: the Parameters, booleans as strings. */
export function asSent(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
}
