/**
 * `npm run synth` prints every warning with its rule ID and construct path
 * (scripts/synth-messages.js, read from the written manifest.json).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, MaxComputeDestination, Trail, TrailRegion } from '../../lib';
import { tamperDetection } from '../support/audit-checks';
import { newApp } from '../support/template';

// A plain CommonJS script of the repo (not compiled by tsc): loaded as is.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script outside the tsc project
const { warningLines } = require('../../scripts/synth-messages.js') as {
  warningLines: (manifest: unknown) => string[];
};

test('each warning is printed with its rule ID, its construct path and its text, sorted', () => {
  const app = newApp();
  const stack = new ros.Stack(app, 'Audit', { env: { account: '1111111111111111', region: 'cn-hangzhou' } });
  new Trail(stack, 'RegionTrail', {
    trailName: 'audit_region',
    ossBucketName: 'audit-bucket',
    trailRegion: TrailRegion.of('xx-nowhere-9'),
  });
  new Trail(stack, 'DashTrail', { trailName: 'audit-dash', maxCompute: MaxComputeDestination.thisAccount() });
  new Trail(stack, 'FarTrail', {
    trailName: 'audit_far',
    maxCompute: MaxComputeDestination.anotherAccount({
      projectArn: 'acs:odps:cn-shanghai:3333333333333333:project/actiontrail_far',
      roleArn: 'acs:ram::3333333333333333:role/ActionTrailDeliveryRole',
    }),
  });
  tamperDetection(stack);
  AuditChecks.of(app);
  AuditChecks.suppress(stack.node.findChild('RegionTrail'), 'AT-TRAIL-001', 'records one region on purpose');
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
  const lines = warningLines(manifest);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(
    "warning AT-TRAIL-005 at Audit/DashTrail/DashTrail: the trail 'audit-dash' delivers to MaxCompute table 'actiontrail_audit-dash', " +
      "which must be at most 128 characters of letters, digits and '_', starting with a letter; how ActionTrail maps such a name is not documented. " +
      "Fix: Use '_' instead of '-' in trailName, e.g. 'audit_dash' (renaming a trail replaces it)",
  );
  expect(lines[1]).toMatch(
    /^warning AT-TRAIL-008 at Audit\/FarTrail\/FarTrail: Parameters\.MaxComputeProjectArn '.*' is another account's project in region cn-shanghai, /,
  );
  expect(lines[2]).toMatch(
    /^warning AT-TRAIL-007 at Audit\/RegionTrail\/RegionTrail: Parameters\.TrailRegion lists 'xx-nowhere-9', which is not among /,
  );
});

test('an assembly without warnings prints none', () => {
  expect(
    warningLines({
      artifacts: {
        Audit: { type: 'aliyun:ros:stack', metadata: { '/Audit/X': [{ type: 'aliyun:ros:info', data: 'fine' }] } },
      },
    }),
  ).toEqual([]);
});

test('a warning without a rule ID prints - for it', () => {
  const manifest = {
    artifacts: {
      Audit: {
        type: 'aliyun:ros:stack',
        metadata: { '/Audit/X': [{ type: 'aliyun:ros:warning', data: 'plain text' }] },
      },
    },
  };
  expect(warningLines(manifest)).toEqual(['warning - at Audit/X: plain text']);
  expect(warningLines({})).toEqual([]);
});
