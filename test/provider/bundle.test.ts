/**
 * The code that ships is the code tested: build the provider with
 * scripts/bundle-provider.js, take index.js out of the embedded zip, load it,
 * and run a Create through it against the simulator.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { ACCOUNT_ID, REGION, captureConsole, expectNoCredentials, fcContext, rosEvent, trailProps, useProviderEnvironment } from './harness';

const root = path.resolve(__dirname, '../..');
const { sim, receiver } = useProviderEnvironment();
const output = captureConsole();

let source = '';
let bundled: { handler: (event: Buffer, context: unknown) => Promise<unknown> };
let generated: { handler: string; sourceSha256: string; zipFileBase64: string };
let tmp = '';

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle-provider.js')], { cwd: root, stdio: 'pipe' });
  generated = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'provider', 'handler-code.generated.json'), 'utf8'));
  const files = unzipSync(new Uint8Array(Buffer.from(generated.zipFileBase64, 'base64')));
  expect(Object.keys(files)).toEqual(['index.js']);
  source = Buffer.from(files['index.js']).toString('utf8');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-provider-'));
  fs.writeFileSync(path.join(tmp, 'index.js'), source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bundled = require(path.join(tmp, 'index.js'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the zip holds index.js exporting handler, built from Node built-ins only', () => {
  expect(generated.handler).toBe('index.handler');
  expect(createHash('sha256').update(source).digest('hex')).toBe(generated.sourceSha256);
  expect(typeof bundled.handler).toBe('function');
  const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect(required.length).toBeGreaterThan(0);
  for (const id of required) expect(builtinModules).toContain(id.replace(/^node:/, ''));
});

test('the bundled handler creates a trail against the simulator and answers ROS', async () => {
  const result = await bundled.handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
  expect(sim.actions()).toEqual(['CreateTrail', 'StartLogging']);
  expect(sim.trail('audit_all')?.Status).toBe('Enable');
  expect(receiver.last()).toEqual({
    Status: 'SUCCESS',
    PhysicalResourceId: 'audit_all',
    StackId: 'stack-id-1',
    RequestId: 'ros-req-1',
    LogicalResourceId: 'AuditTrail',
    Data: { TrailArn: `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/audit_all`, HomeRegion: REGION, Name: 'audit_all' },
  });
  expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'audit_all', Answered: true });
  for (const line of output.lines) expectNoCredentials(line);
});

test('the bundled handler survives a malformed event', async () => {
  await expect(bundled.handler(Buffer.from('not json'), fcContext())).resolves.toBeUndefined();
});
