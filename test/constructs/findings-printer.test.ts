/**
 * Findings are seen: a bare app.synth() prints every finding to stderr, once,
 * with or without AuditChecks, unless ACTIONTRAIL_CDK_QUIET or the context key
 * actiontrail-cdk:quiet silences it.
 */
import * as ros from '@alicloud/ros-cdk-core';
import {
  AuditChecks,
  DeliveryDestination,
  FINDINGS_QUIET_CONTEXT,
  FINDINGS_QUIET_ENV,
  MaxComputeDestination,
  OrganizationAudit,
  Trail,
} from '../../lib';
import { tamperDetection } from '../support/audit-checks';
import { tempDir } from '../support/temp';

let saved: string | undefined;
let stderr: string[];
let spy: jest.SpyInstance;

beforeEach(() => {
  saved = process.env[FINDINGS_QUIET_ENV];
  delete process.env[FINDINGS_QUIET_ENV];
  stderr = [];
  spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  spy.mockRestore();
  if (saved === undefined) delete process.env[FINDINGS_QUIET_ENV];
  else process.env[FINDINGS_QUIET_ENV] = saved;
});

/** An app whose trail's home region is a typo (AT-TRAIL-007). */
function typoApp(context: Record<string, string> = {}) {
  const app = new ros.App({ outdir: tempDir(), stackTraces: false, context });
  const stack = new ros.Stack(app, 'Audit', { env: { region: 'cn-hangzou' } });
  new Trail(stack, 'AuditTrail', { trailName: 'audit_all', maxCompute: MaxComputeDestination.thisAccount() });
  return app;
}

const lines = () => stderr.join('').split('\n').filter(Boolean);

describe('findings printed at synth', () => {
  test('a bare app.synth() prints each finding (level, rule ID, path, message, fix) once; a second synth prints nothing', () => {
    const app = typoApp();
    app.synth();
    app.synth();
    expect(lines()).toEqual([
      expect.stringMatching(
        /^actiontrail-cdk: warning AT-TRAIL-007 at Audit\/AuditTrail\/AuditTrail: the trail's stack deploys to 'cn-hangzou' \(did you mean cn-hangzhou\?\) .*\. Fix: Check the region ID/,
      ),
    ]);
  });

  test('with AuditChecks: the same finding, once', () => {
    const app = typoApp();
    tamperDetection(app.node.findChild('Audit') as ros.Stack);
    AuditChecks.of(app);
    app.synth();
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/^actiontrail-cdk: warning AT-TRAIL-007 at Audit\/AuditTrail\/AuditTrail: /);
  });

  test('info findings of the app-wide rules are printed too', () => {
    const app = new ros.App({ outdir: tempDir(), stackTraces: false });
    const stack = new ros.Stack(app, 'Archive', { env: { account: '2222222222222222', region: 'cn-hangzhou' } });
    new DeliveryDestination(stack, 'Archive', { sourceAccountIds: ['1111111111111111'] });
    app.synth();
    expect(lines()).toEqual([
      expect.stringMatching(/^actiontrail-cdk: info AT-ROLE-003 at Archive\/Archive\/ArchiveRole: the role /),
    ]);
  });

  test(`${FINDINGS_QUIET_ENV}=1 silences it`, () => {
    process.env[FINDINGS_QUIET_ENV] = '1';
    typoApp().synth();
    expect(lines()).toEqual([]);
  });

  test(`the context key ${FINDINGS_QUIET_CONTEXT} silences it`, () => {
    typoApp({ [FINDINGS_QUIET_CONTEXT]: 'true' }).synth();
    expect(lines()).toEqual([]);
  });

  test('an app without findings prints nothing', () => {
    const app = new ros.App({ outdir: tempDir(), stackTraces: false });
    const stack = new ros.Stack(app, 'Audit', { env: { region: 'cn-hangzhou' } });
    new Trail(stack, 'AuditTrail', { trailName: 'audit_all', maxCompute: MaxComputeDestination.thisAccount() });
    app.synth();
    expect(lines()).toEqual([]);
  });
});

test('OrganizationAudit with memberRollout prints nothing (the member template app is quiet)', () => {
  const app = new ros.App({ outdir: tempDir(), stackTraces: false });
  new OrganizationAudit(app, 'Org', {
    managementAccountId: '1111111111111111',
    logArchiveAccountId: '2222222222222222',
    region: 'cn-hangzhou',
    memberRollout: { folderIds: ['fd-Folder1'], memberAccountIds: ['3333333333333333'] },
  });
  app.synth();
  expect(lines()).toEqual([]);
});

test('a hyphen in a trail name (AT-TRAIL-005) is printed without AuditChecks too', () => {
  const app = new ros.App({ outdir: tempDir(), stackTraces: false });
  const stack = new ros.Stack(app, 'Audit', { env: { region: 'cn-hangzhou' } });
  new Trail(stack, 'AuditTrail', { trailName: 'audit-all', maxCompute: MaxComputeDestination.thisAccount() });
  app.synth();
  expect(lines()).toEqual([
    expect.stringMatching(
      /^actiontrail-cdk: warning AT-TRAIL-005 at Audit\/AuditTrail\/AuditTrail: .*Fix: Use '_' instead of '-' in trailName, e\.g\. 'audit_all'/,
    ),
  ]);
});
