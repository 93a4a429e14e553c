/**
 * The code that ships is the code tested. The committed
 * lib/provider/handler-code.generated.json must be what scripts/bundle-provider.js
 * makes of the current sources: this test rebuilds the bundle in memory with the
 * script's own exported bundle() and zip() steps (so its esbuild options
 * cannot drift from the test's), never writes into the repository,
 * compares the result with the committed JSON, then takes index.js out of the
 * committed zip, loads it from a temporary directory, and runs it against the
 * simulator.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import {
  captureConsole,
  expectNoCredentials,
  fcContext,
  pid,
  rosEvent,
  successAnswer,
  trailProps,
  useProviderEnvironment,
} from './harness';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts', 'bundle-provider.js');
const generatedPath = path.join(root, 'lib', 'provider', 'handler-code.generated.json');
const { sim, receiver } = useProviderEnvironment();
const output = captureConsole();

let source = '';
let rebuilt: { source: string; zip: Buffer } = { source: '', zip: Buffer.alloc(0) };
let bundled: { handler: (event: Buffer, context: unknown) => Promise<unknown> };
let generated: { handler: string; sourceBytes: number; sourceSha256: string; zipBytes: number; zipFileBase64: string };
let committedBefore = '';
let tmp = '';

/** The script's own build steps (it runs them only when executed, so requiring it writes nothing). */
function scriptSteps(): { bundle: () => string; zip: (source: string) => Buffer } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script outside the tsc project
  return require(script);
}

beforeAll(() => {
  committedBefore = fs.readFileSync(generatedPath, 'utf8');
  generated = JSON.parse(committedBefore);
  const steps = scriptSteps();
  const built = steps.bundle();
  rebuilt = { source: built, zip: steps.zip(built) };

  const files = unzipSync(new Uint8Array(Buffer.from(generated.zipFileBase64, 'base64')));
  expect(Object.keys(files)).toEqual(['index.js']);
  source = Buffer.from(files['index.js']).toString('utf8');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-provider-'));
  fs.writeFileSync(path.join(tmp, 'index.js'), source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, from a path known only at run time
  bundled = require(path.join(tmp, 'index.js'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the committed bundle is up to date: rebuilt from the sources it has the committed sha256, size and zip bytes', () => {
  const sha = createHash('sha256').update(rebuilt.source).digest('hex');
  // If this fails, run `node scripts/bundle-provider.js` (npm run bundle) and commit the JSON.
  expect(sha).toBe(generated.sourceSha256);
  expect(Buffer.byteLength(rebuilt.source, 'utf8')).toBe(generated.sourceBytes);
  expect(rebuilt.zip.toString('base64')).toBe(generated.zipFileBase64);
  expect(rebuilt.zip.length).toBe(generated.zipBytes);
});

test('the test never rewrites the committed JSON', () => {
  expect(fs.readFileSync(generatedPath, 'utf8')).toBe(committedBefore);
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
  expect(sim.actions()).toEqual(['DescribeTrails', 'CreateTrail', 'StartLogging', 'DescribeTrails', 'GetTrailStatus']);
  expect(sim.trail('audit_all')?.Status).toBe('Enable');
  expect(receiver.answers).toHaveLength(1);
  expect(receiver.last()).toEqual(successAnswer('audit_all'));
  expect(result).toEqual({ Status: 'SUCCESS', PhysicalResourceId: pid('audit_all'), Answered: true });
  for (const line of output.lines) expectNoCredentials(line);
});

test('the bundled handler refuses to take over a trail that is not its own', async () => {
  sim.seedTrail({ Name: 'audit_all', Status: 'Enable', EventRW: 'Write', OssBucketName: 'their-bucket' });
  await bundled.handler(rosEvent(receiver, 'Create', { ResourceProperties: trailProps() }), fcContext());
  expect(sim.actions()).toEqual(['DescribeTrails', 'GetTrailStatus']);
  expect(receiver.answers).toHaveLength(1);
  expect(receiver.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'create-failed.AuditTrail' });
});

test('the bundled handler survives a malformed event', async () => {
  await expect(bundled.handler(Buffer.from('not json'), fcContext())).resolves.toBeUndefined();
});
