/**
 * Inputs a newcomer gets wrong (issue 10): each gives one error naming the
 * construct path, the property, the value and the rule (with a fix where it
 * helps), or, for a region ActionTrail is not known to support, a warning.
 */
import { quote } from '../../lib/shared/quote';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import {
  ACTIONTRAIL_REGIONS,
  AuditChecks,
  DeliveryDestination,
  MaxComputeDestination,
  OrganizationAudit,
  Trail,
  TrailRegion,
} from '../../lib';
import { tamperDetection } from '../support/audit-checks';
import { validationError } from '../support/errors';
import { newApp, newStack } from '../support/template';

const ACCOUNT = '1111111111111111';
const OTHER = '2222222222222222';

function stack(): ros.Stack {
  return newStack('Audit', { account: ACCOUNT, region: 'cn-hangzhou' });
}

describe('wrong input is rejected, not accepted in silence', () => {
  test.each([
    ['no', "'no'"],
    [1, '1'],
    ['true', "'true'"],
  ])('createProject: %p is an error, not a project', (value, shown) => {
    const e = validationError(
      () =>
        new Trail(stack(), 'AuditTrail', {
          trailName: 'audit_all',
          maxCompute: MaxComputeDestination.thisAccount({ createProject: value as unknown as boolean }),
        }),
    );
    expect(e.message).toBe(`Trail 'Audit/AuditTrail': maxCompute.createProject ${shown} must be true or false`);
    expect(e.property).toBe('maxCompute.createProject');
  });

  test('OrganizationAudit inside a Stack is an error saying to create it in the App (no extra empty template)', () => {
    const app = newApp();
    const outer = new ros.Stack(app, 'Outer');
    const e = validationError(
      () =>
        new OrganizationAudit(outer, 'OrgAudit', {
          managementAccountId: ACCOUNT,
          logArchiveAccountId: OTHER,
          region: 'cn-hangzhou',
        }),
    );
    expect(e.message).toBe(
      "OrganizationAudit 'Outer/OrgAudit': scope is inside stack 'Outer': an OrganizationAudit makes its own two stacks " +
        "(log archive and management), so it must be created in the App, e.g. new OrganizationAudit(app, 'OrgAudit', { ... })",
    );
  });

  test("TrailRegion.of('All') points to TrailRegion.ALL", () => {
    for (const all of ['All', 'all', 'ALL']) {
      const e = validationError(
        () =>
          new Trail(stack(), 'AuditTrail', {
            trailName: 'audit_all',
            ossBucketName: 'audit-bucket',
            trailRegion: TrailRegion.of(all),
          }),
      );
      expect(e.message).toBe(
        `Trail 'Audit/AuditTrail': trailRegion '${all}' has '${all}', which is not a region ID: use TrailRegion.ALL to record every region`,
      );
    }
  });
});

describe('clear errors', () => {
  test("removalPolicy: 'bogus' names the construct, the property, the value and the valid values", () => {
    const e = validationError(
      () =>
        new Trail(stack(), 'AuditTrail', {
          trailName: 'audit_all',
          ossBucketName: 'audit-bucket',
          removalPolicy: 'bogus' as ros.RemovalPolicy,
        }),
    );
    expect(e.message).toBe(
      "Trail 'Audit/AuditTrail': removalPolicy 'bogus' must be one of 'destroy', 'retain' (ros.RemovalPolicy.DESTROY or ros.RemovalPolicy.RETAIN)",
    );
    const d = validationError(
      () =>
        new DeliveryDestination(stack(), 'Archive', {
          sourceAccountIds: [OTHER],
          removalPolicy: 'bogus' as ros.RemovalPolicy,
        }),
    );
    expect(d.message).toBe(
      "DeliveryDestination 'Audit/Archive': removalPolicy 'bogus' must be one of 'destroy', 'retain' " +
        '(ros.RemovalPolicy.RETAIN, the default, or ros.RemovalPolicy.DESTROY)',
    );
    const o = validationError(
      () =>
        new OrganizationAudit(newApp(), 'OrgAudit', {
          managementAccountId: ACCOUNT,
          logArchiveAccountId: OTHER,
          region: 'cn-hangzhou',
          projectRemovalPolicy: 'bogus' as ros.RemovalPolicy,
        }),
    );
    expect(o.message).toBe(
      "OrganizationAudit 'OrgAudit': projectRemovalPolicy 'bogus' must be one of 'destroy', 'retain' " +
        '(ros.RemovalPolicy.RETAIN, the default, or ros.RemovalPolicy.DESTROY)',
    );
  });

  test('maxTrustPolicyBytes: NaN prints NaN, not null', () => {
    for (const [value, shown] of [
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-1, '-1'],
    ] as const) {
      const e = validationError(
        () => new DeliveryDestination(stack(), 'Archive', { sourceAccountIds: [OTHER], maxTrustPolicyBytes: value }),
      );
      expect(e.message).toBe(
        `DeliveryDestination 'Audit/Archive': maxTrustPolicyBytes ${shown} must be a positive whole number of bytes`,
      );
    }
    expect([quote(NaN), quote(undefined), quote(BigInt(7)), quote(null), quote('x')]).toEqual([
      'NaN',
      'undefined',
      '7n',
      'null',
      "'x'",
    ]);
  });

  test('a Trail directly in an App says to put it in a Stack (path, placement, fix)', () => {
    const e = validationError(
      () => new Trail(newApp(), 'AuditTrail', { trailName: 'audit_all', ossBucketName: 'audit-bucket' }),
    );
    expect(e.message).toBe(
      "Trail 'AuditTrail': scope is the app: a Trail must be created inside a ros.Stack, " +
        "e.g. new Trail(new ros.Stack(app, 'Audit', { env }), 'AuditTrail', { ... })",
    );
    expect(e.message).not.toMatch(/No stack could be identified/);
  });

  test('a DeliveryDestination under a plain construct of the App names that construct', () => {
    const group = new ros.Construct(newApp(), 'Group');
    const e = validationError(() => new DeliveryDestination(group, 'Archive', { sourceAccountIds: [OTHER] }));
    expect(e.message).toBe(
      "DeliveryDestination 'Group/Archive': scope is 'Group', which is in no stack: a DeliveryDestination must be created inside a ros.Stack, " +
        "e.g. new DeliveryDestination(new ros.Stack(app, 'Audit', { env }), 'Archive', { ... })",
    );
  });
});

describe('regions ActionTrail is not known to support', () => {
  const warnings = (app: ros.App, stackName = 'Audit') =>
    app
      .synth()
      .getStackByName(stackName)
      .messages.filter((m) => m.level === 'warning')
      .map((m) => [m.id, m.entry.data]);

  test('a well-formed unknown region is a warning on the trail resource that lists the known regions; synth succeeds', () => {
    const s = stack();
    new Trail(s, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of('cn-hangzhou', 'xx-nowhere-9'),
    });
    const found = warnings(s.node.root as ros.App);
    expect(found).toHaveLength(1);
    expect(found[0][0]).toBe('/Audit/AuditTrail/AuditTrail');
    expect(found[0][1]).toMatch(
      /^\[AT-TRAIL-007\] Parameters\.TrailRegion lists 'xx-nowhere-9', which is not among the regions ActionTrail supports \(https:\/\/www\.alibabacloud\.com\/help\/en\/actiontrail\/.*, read 2026-11-29\): ap-northeast-1, /,
    );
    expect(found[0][1]).toContain(ACTIONTRAIL_REGIONS.join(', '));
    expect(found[0][1]).toMatch(/suppress AT-TRAIL-007 on the trail$/);
  });

  test('200 made-up regions give one warning, each region listed once; known regions give none', () => {
    const made = Array.from({ length: 200 }, (_, i) => `xx-nowhere-${i}`);
    const s = stack();
    new Trail(s, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of(...made),
    });
    const found = warnings(s.node.root as ros.App);
    expect(found).toHaveLength(1);
    expect(found[0][1]).toContain(
      "lists 'xx-nowhere-0', 'xx-nowhere-1', 'xx-nowhere-2', 'xx-nowhere-3', 'xx-nowhere-4', " +
        "'xx-nowhere-5', 'xx-nowhere-6', 'xx-nowhere-7', 'xx-nowhere-8', 'xx-nowhere-9' and 190 more, which are not among",
    );
    expect(String(found[0][1]).length).toBeLessThan(2000);

    const known = stack();
    new Trail(known, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of(...ACTIONTRAIL_REGIONS),
    });
    expect(warnings(known.node.root as ros.App)).toEqual([]);
  });

  test("1,000 made-up regions cannot deploy at all: the provider's environment would pass FC's 4 KB, so synth fails", () => {
    const made = Array.from({ length: 1000 }, (_, i) => `xx-nowhere-${i}`);
    const s = stack();
    new Trail(s, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of(...made),
    });
    expect(() => (s.node.root as ros.App).synth()).toThrow(
      /EnvironmentVariables need at least \d+ bytes for the 1 trail\(s\) of stack 'Audit'/,
    );
  });

  test('under AuditChecks the rule gives the one warning, and suppressing it silences it', () => {
    const s = stack();
    const trail = new Trail(s, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of('xx-nowhere-9'),
    });
    AuditChecks.suppress(trail, 'AT-TRAIL-001', 'this trail records one region on purpose');
    AuditChecks.of(s);
    expect(warnings(s.node.root as ros.App).filter(([, text]) => String(text).includes('AT-TRAIL-007'))).toHaveLength(
      1,
    );

    const quiet = stack();
    const quietTrail = new Trail(quiet, 'AuditTrail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      trailRegion: TrailRegion.of('xx-nowhere-9'),
    });
    AuditChecks.suppress(quietTrail, 'AT-TRAIL-001', 'this trail records one region on purpose');
    AuditChecks.suppress(quietTrail, 'AT-TRAIL-007', 'this region opened after the table was made');
    tamperDetection(quiet);
    AuditChecks.of(quiet.node.root as ros.App);
    expect(warnings(quiet.node.root as ros.App)).toEqual([]);
  });

  test('synthesizing twice warns once and writes byte-identical templates', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-cdk-test-'));
    try {
      const app = new ros.App({ outdir, stackTraces: false });
      const s = new ros.Stack(app, 'Audit', { env: { account: ACCOUNT, region: 'cn-hangzhou' } });
      new Trail(s, 'AuditTrail', {
        trailName: 'audit_all',
        ossBucketName: 'audit-bucket',
        trailRegion: TrailRegion.of('xx-nowhere-9'),
      });
      app.synth();
      const first = fs.readFileSync(path.join(outdir, 'Audit.template.json'), 'utf8');
      expect(warnings(app)).toHaveLength(1);
      expect(fs.readFileSync(path.join(outdir, 'Audit.template.json'), 'utf8')).toBe(first);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
