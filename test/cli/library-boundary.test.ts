/**
 * Requiring the library must not load the CLI or the SDKs (they cost startup
 * time and would be loaded by every synth), and `StackEnvironments.record`
 * puts each stack's literal env in the cloud assembly for the CLI.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import * as ros from '@alicloud/ros-cdk-core';
import { DeliveryDestination, MaxComputeDestination, StackEnvironments, STACK_ENVIRONMENT_METADATA, Trail } from '../../lib';
import { readAssembly } from '../../lib/cli/assembly';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(__dirname, '..', '..');

test('requiring the library loads no SDK and no CLI module', () => {
  const script = `
    require('ts-node').register({ transpileOnly: true });
    require('./lib');
    const loaded = Object.keys(require.cache).filter((f) => /@alicloud[\\\\/](ros20190910|openapi-core|credentials|pop-core)|@darabonba|[\\\\/]lib[\\\\/]cli[\\\\/]/.test(f));
    process.stdout.write(JSON.stringify(loaded));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([]);
});

test('StackEnvironments.record writes literal accounts and regions that the CLI reads back', () => {
  const outdir = tempDir('atcdk-env-');
  const app = new ros.App({ outdir });
  new ros.Stack(app, 'Literal', { env: { account: '3333333333333333', region: 'cn-beijing' } });
  new ros.Stack(app, 'RegionOnly', { env: { region: 'cn-shanghai' } });
  new ros.Stack(app, 'Agnostic');
  StackEnvironments.record(app);
  app.synth();

  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  expect(manifest.artifacts.Literal.metadata['/Literal']).toContainEqual(expect.objectContaining({ type: STACK_ENVIRONMENT_METADATA, data: { account: '3333333333333333', region: 'cn-beijing' } }));
  const assembly = readAssembly(outdir);
  const env = Object.fromEntries(assembly.stacks.map((s) => [s.id, { account: s.account, region: s.region }]));
  expect(env).toEqual({
    Literal: { account: '3333333333333333', region: 'cn-beijing' },
    RegionOnly: { account: undefined, region: 'cn-shanghai' },
    Agnostic: { account: undefined, region: undefined },
  });
});

test('a Trail and a DeliveryDestination record their own stack\'s environment, once, without StackEnvironments.record', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'atcdk-env-'));
  try {
    const app = new ros.App({ outdir });
    const archive = new ros.Stack(app, 'Archive', { env: { account: '3333333333333333', region: 'cn-beijing' } });
    new DeliveryDestination(archive, 'Destination', { sourceAccountIds: ['1111111111111111'] });
    const source = new ros.Stack(app, 'Source', { env: { account: '1111111111111111', region: 'cn-hangzhou' } });
    for (const name of ['audit_one', 'audit_two']) {
      new Trail(source, name, { trailName: name, maxCompute: MaxComputeDestination.thisAccount() });
    }
    app.synth();

    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const entries = (stack: string) => manifest.artifacts[stack].metadata[`/${stack}`].filter((m: { type: string }) => m.type === STACK_ENVIRONMENT_METADATA);
    expect(entries('Source').map((m: { data: unknown }) => m.data)).toEqual([{ account: '1111111111111111', region: 'cn-hangzhou' }]);
    expect(entries('Archive').map((m: { data: unknown }) => m.data)).toEqual([{ account: '3333333333333333', region: 'cn-beijing' }]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
