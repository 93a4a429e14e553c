/**
 * AT-TRAIL-009, AT-TRAIL-010 and AT-ROLE-003: across every stack of an app, a
 * trail's MaxCompute write role made in the app trusts the trail's account.
 * They run with and without AuditChecks; an error always fails synth.
 */
import * as ros from '@alicloud/ros-cdk-core';
import {
  AuditChecks,
  AuditLevel,
  DeliveryDestination,
  MaxComputeDestination,
  MemberAccountTrails,
  OrganizationAudit,
  Trail,
} from '../../lib';
import { check, findingsOf } from '../support/audit-checks';
import { newApp } from '../support/template';

const SOURCE = '1111111111111111';
const ARCHIVE = '2222222222222222';
const OTHER = '3333333333333333';
const ROLE_ARN = `acs:ram::${ARCHIVE}:role/ActionTrailDeliveryRole`;
const PROJECT_ARN = `acs:odps:cn-hangzhou:${ARCHIVE}:project/actiontrail_${ARCHIVE}`;

/** An app with a destination in the archive account trusting `sources`. */
function archiveApp(sources: string[] = [OTHER]) {
  const app = newApp();
  const archive = new ros.Stack(app, 'Archive', { env: { account: ARCHIVE, region: 'cn-hangzhou' } });
  const destination = new DeliveryDestination(archive, 'Archive', { sourceAccountIds: sources });
  return { app, archive, destination };
}

/** A trail in `account` (a token when null) delivering to `arns`. */
function sourceTrail(
  app: ros.App,
  arns: { projectArn: string; roleArn: string },
  account: string | null = SOURCE,
  extra: { organizationTrail?: boolean } = {},
) {
  const stack = new ros.Stack(app, 'Source', { env: { ...(account ? { account } : {}), region: 'cn-hangzhou' } });
  return new Trail(stack, 'Trail', {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.anotherAccount(arns),
    ...extra,
  });
}

/** The messages annotated on a stack of the assembly, by level. */
function messages(assembly: ReturnType<ros.App['synth']>, stack: string, level: string): string[] {
  return assembly
    .getStackByName(stack)
    .messages.filter((m) => m.level === level)
    .map((m) => `${m.id}: ${m.entry.data}`);
}

function synthError(app: ros.App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

const ERROR_MESSAGE =
  `the trail 'Source/Trail/Trail' delivers through the role 'Archive/Archive/ArchiveRole' (${ROLE_ARN}), ` +
  `which does not trust account ${SOURCE}, the trail's owner (it trusts ${OTHER}): ActionTrail could never deliver`;
const ERROR_FIX = `Add ${SOURCE} to the destination's sourceAccountIds, e.g. sourceAccountIds: ['${OTHER}', '${SOURCE}'], or deliver to a role that trusts it`;

describe('AT-TRAIL-009 a trail delivers only through a role that trusts its account', () => {
  test('without AuditChecks: a DeliveryDestination object not trusting the trail account fails synth, naming both paths, the account and the fix', () => {
    const { app, destination } = archiveApp();
    sourceTrail(app, destination);
    expect(synthError(app)).toContain(`AT-TRAIL-009 at 'Source/Trail/Trail': ${ERROR_MESSAGE}. Fix: ${ERROR_FIX}`);
  });

  test('equal strings match the role as well as the object does', () => {
    const { app } = archiveApp();
    sourceTrail(app, { projectArn: PROJECT_ARN, roleArn: ROLE_ARN });
    expect(synthError(app)).toContain(`AT-TRAIL-009 at 'Source/Trail/Trail': ${ERROR_MESSAGE}`);
  });

  test('a role that trusts the trail account passes; a multi-account trail is checked against the account that owns it', () => {
    const { app, destination } = archiveApp([SOURCE]);
    sourceTrail(app, destination, SOURCE, { organizationTrail: true });
    const assembly = app.synth();
    expect(messages(assembly, 'Source', 'error')).toEqual([]);
    expect(messages(assembly, 'Source', 'warning')).toEqual([]);
    expect(messages(assembly, 'Archive', 'info')).toEqual([]);
  });

  test('with AuditChecks: the error is in the report once, fails synth once, and can be suppressed', () => {
    const { app, destination } = archiveApp();
    sourceTrail(app, destination);
    const result = check(app);
    expect(findingsOf(result, 'AT-TRAIL-009')).toEqual([
      {
        ruleId: 'AT-TRAIL-009',
        level: AuditLevel.ERROR,
        path: 'Source/Trail/Trail',
        logicalId: 'Trail',
        resourceType: 'Custom::ActionTrailTrail',
        message: ERROR_MESSAGE,
        fix: ERROR_FIX,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error!.split('AT-TRAIL-009').length - 1).toBe(1);

    const again = archiveApp();
    const trail = sourceTrail(again.app, again.destination);
    AuditChecks.suppress(trail, 'AT-TRAIL-009', 'the role is widened by another pipeline');
    const suppressed = check(again.app);
    expect(suppressed.error).toBeUndefined();
    expect(findingsOf(suppressed, 'AT-TRAIL-009')[0].suppressed).toBe(true);
  });

  test('AuditChecks on one stack: the other, unchecked, stack still fails synth', () => {
    const { app, archive, destination } = archiveApp();
    sourceTrail(app, destination);
    AuditChecks.of(archive);
    expect(synthError(app)).toContain("AT-TRAIL-009 at 'Source/Trail/Trail'");
  });

  test('a trail delivering to a role the app does not make is not checked', () => {
    const app = newApp();
    sourceTrail(app, { projectArn: PROJECT_ARN, roleArn: ROLE_ARN });
    expect(messages(app.synth(), 'Source', 'warning')).toEqual([]);
  });
});

describe('AT-TRAIL-010 a trail whose account is a token is reported as not checked', () => {
  test('trail account known only at deploy time: a warning, synth succeeds', () => {
    const { app, destination } = archiveApp([SOURCE]);
    sourceTrail(app, destination, null);
    const warnings = messages(app.synth(), 'Source', 'warning');
    expect(warnings).toEqual([
      `/Source/Trail/Trail: [AT-TRAIL-010] the trail 'Source/Trail/Trail' delivers through the role 'Archive/Archive/ArchiveRole' (${ROLE_ARN}), ` +
        `but its stack's account is {"Ref":"ALIYUN::AccountId"}, known only at deploy time (give the stack a literal env.account): ` +
        `whether the role trusts the trail's account could not be checked (it trusts ${SOURCE}). ` +
        "Fix: Give the trail's stack a literal env.account, or check by hand that the role's trust policy (sourceAccountIds) lists the account",
    ]);
  });

  test('a role trusting a token account: a warning for a trail account it does not list literally', () => {
    const { app, archive } = archiveApp([SOURCE]);
    const param = new ros.RosParameter(archive, 'Source', { type: ros.RosParameterType.STRING });
    const destination = new DeliveryDestination(archive, 'Tokened', {
      sourceAccountIds: [param.valueAsString],
      roleName: 'TokenRole',
    });
    sourceTrail(app, { projectArn: PROJECT_ARN, roleArn: destination.roleArn });
    const warnings = messages(app.synth(), 'Source', 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('[AT-TRAIL-010]');
    expect(warnings[0]).toContain(`whether it trusts account ${SOURCE}, the trail's owner, could not be checked`);
  });
});

describe('AT-ROLE-003 a destination trusting an account with no trail in the app', () => {
  test('is info, with and without AuditChecks', () => {
    const { app, destination } = archiveApp([SOURCE, OTHER]);
    sourceTrail(app, destination);
    const info = `the role ${ROLE_ARN} trusts the ActionTrail of account ${OTHER}, but no trail of this app in that account delivers through it`;
    expect(messages(app.synth(), 'Archive', 'info')).toEqual([
      `/Archive/Archive/ArchiveRole: [AT-ROLE-003] ${info}. Fix: Nothing, if their trails are deployed from elsewhere; otherwise add the trail, or remove the account from sourceAccountIds`,
    ]);

    const checked = archiveApp([SOURCE, OTHER]);
    sourceTrail(checked.app, checked.destination);
    const result = check(checked.app);
    expect(findingsOf(result, 'AT-ROLE-003').map((f) => [f.level, f.path, f.message])).toEqual([
      [AuditLevel.INFO, 'Archive/Archive/ArchiveRole', info],
    ]);
    expect(result.error).toBeUndefined();
  });
});

describe('stack groups and OrganizationAudit', () => {
  const folderIds = ['fd-Folder1'];

  test('OrganizationAudit (multi-account trail, and memberRollout) synthesizes with no delivery-trust finding', () => {
    for (const memberRollout of [undefined, { folderIds, memberAccountIds: [OTHER] }]) {
      const app = newApp();
      new OrganizationAudit(app, 'Org', {
        managementAccountId: SOURCE,
        logArchiveAccountId: ARCHIVE,
        region: 'cn-hangzhou',
        memberRollout,
      });
      const result = check(app);
      expect(result.error).toBeUndefined();
      expect(result.findings.filter((f) => ['AT-TRAIL-009', 'AT-TRAIL-010', 'AT-ROLE-003'].includes(f.ruleId))).toEqual(
        [],
      );
    }
  });

  test('MemberAccountTrails: a member account the role does not trust fails synth; unknown members are a warning', () => {
    const { app, destination } = archiveApp([SOURCE]);
    const management = new ros.Stack(app, 'Management', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    new MemberAccountTrails(management, 'Members', {
      projectArn: destination.projectArn,
      roleArn: destination.roleArn,
      folderIds,
      memberAccountIds: [OTHER],
    });
    const error = synthError(app);
    expect(error).toContain(
      `AT-TRAIL-009 at 'Management/Members/MembersStackGroup/TemplateBody/MemberTrail': the trail 'Management/Members/MembersStackGroup/TemplateBody/MemberTrail' ` +
        `delivers through the role 'Archive/Archive/ArchiveRole' (${ROLE_ARN}), which does not trust account ${OTHER}`,
    );
    expect(error).toContain(`sourceAccountIds: ['${SOURCE}', '${OTHER}']`);

    const unknown = archiveApp([SOURCE]);
    const stack = new ros.Stack(unknown.app, 'Management', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    new MemberAccountTrails(stack, 'Members', { ...unknown.destination, folderIds });
    const warnings = messages(unknown.app.synth(), 'Management', 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'it is deployed by a stack group to accounts not known at synth (pass memberAccountIds to MemberAccountTrails)',
    );
  });

  test('MemberAccountTrails validates memberAccountIds', () => {
    const { app, destination } = archiveApp([SOURCE]);
    const stack = new ros.Stack(app, 'Management', { env: { account: SOURCE, region: 'cn-hangzhou' } });
    expect(
      () =>
        new MemberAccountTrails(stack, 'Members', {
          projectArn: destination.projectArn,
          roleArn: destination.roleArn,
          folderIds,
          memberAccountIds: ['12'],
        }),
    ).toThrow(/memberAccountIds\[0\]/);
  });
});
