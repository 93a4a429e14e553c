import * as ros from '@alicloud/ros-cdk-core';
import { DEFAULT_MAX_TRUST_POLICY_BYTES, DeliveryDestination, DeliveryDestinationProps } from '../../lib';
import { trustPolicySize } from '../../lib/destinations/delivery-destination';
import { newStack, synthTemplate } from '../support/template';
import { tempDir } from '../support/temp';
import { validationError } from '../support/errors';

const ARCHIVE = '3333333333333333';
const SOURCES = ['1111111111111111', '2222222222222222'];
const ACCOUNT = { Ref: 'ALIYUN::AccountId' };
const REGION = { Ref: 'ALIYUN::Region' };

/** A stack in the log-archive account (literal account and region). */
function archiveStack(): ros.Stack {
  return newStack('Archive', { account: ARCHIVE, region: 'cn-hangzhou' });
}

function destination(stack = archiveStack(), props: Partial<DeliveryDestinationProps> = {}): DeliveryDestination {
  return new DeliveryDestination(stack, 'Archive', { sourceAccountIds: SOURCES, ...props });
}

/** `n` distinct 16-digit account IDs. */
function accounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(1000000000000000 + i));
}

describe('DeliveryDestination template', () => {
  test("a role trusting exactly the source accounts' ActionTrail, with the delivery policy attached", () => {
    const stack = archiveStack();
    destination(stack, { roleName: 'ActionTrailDeliveryRole' });
    expect(synthTemplate(stack).Resources.ArchiveRole).toEqual({
      Type: 'ALIYUN::RAM::Role',
      Properties: {
        RoleName: 'ActionTrailDeliveryRole',
        Description:
          "Assumed by the ActionTrail of the accounts in its trust policy to deliver their events to this account's MaxCompute project (actiontrail-cdk).",
        AssumeRolePolicyDocument: {
          Version: '1',
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: {
                Service: ['1111111111111111@actiontrail.aliyuncs.com', '2222222222222222@actiontrail.aliyuncs.com'],
              },
            },
          ],
        },
        PolicyAttachments: { System: ['AliyunActionTrailDeliveryPolicy'] },
      },
    });
  });

  test('the trust policy renders to exactly the documented JSON (ActionTrail cross-account delivery), sources in the order given', () => {
    const stack = archiveStack();
    const archive = destination(stack, { sourceAccountIds: ['2222222222222222', '1111111111111111'] });
    const rendered = synthTemplate(stack).Resources.ArchiveRole.Properties.AssumeRolePolicyDocument;
    const expected =
      '{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":' +
      '{"Service":["2222222222222222@actiontrail.aliyuncs.com","1111111111111111@actiontrail.aliyuncs.com"]}}]}';
    expect(JSON.stringify(rendered)).toBe(expected);
    expect(JSON.stringify(archive.trustPolicy)).toBe(expected);
    expect(archive.trustPolicyBytes).toBe(Buffer.byteLength(expected));
  });

  test('the project: named, with its quota, retained on stack delete', () => {
    const stack = archiveStack();
    destination(stack, { projectName: 'actiontrail_archive', quota: 'os_PayAsYouGoQuota' });
    expect(synthTemplate(stack).Resources.ArchiveProject).toEqual({
      Type: 'ALIYUN::MaxCompute::Project',
      Properties: {
        Name: 'actiontrail_archive',
        Comment: 'ActionTrail events delivered from other accounts (actiontrail-cdk DeliveryDestination)',
        DefaultQuota: 'os_PayAsYouGoQuota',
        Properties: { Encryption: { Enable: true, Algorithm: 'AESCTR' } },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('removalPolicy DESTROY lets the project go with the stack', () => {
    const stack = archiveStack();
    destination(stack, { removalPolicy: ros.RemovalPolicy.DESTROY });
    expect(synthTemplate(stack).Resources.ArchiveProject.DeletionPolicy).toBe('Delete');
  });

  test('defaults: project actiontrail_<account ID>, no quota, role ActionTrailDeliveryRole', () => {
    const stack = archiveStack();
    const archive = destination(stack);
    const template = synthTemplate(stack);
    expect(template.Resources.ArchiveProject.Properties).toEqual({
      Name: 'actiontrail_3333333333333333',
      Comment: 'ActionTrail events delivered from other accounts (actiontrail-cdk DeliveryDestination)',
      Properties: { Encryption: { Enable: true, Algorithm: 'AESCTR' } },
    });
    expect(template.Resources.ArchiveRole.Properties.RoleName).toBe('ActionTrailDeliveryRole');
    expect(archive.projectName).toBe('actiontrail_3333333333333333');
    expect(archive.roleName).toBe('ActionTrailDeliveryRole');
  });

  test("literal ARNs and outputs for both, when the stack's account and region are literal", () => {
    const stack = archiveStack();
    const archive = destination(stack, { projectName: 'actiontrail_archive', roleName: 'ArchiveWriter' });
    expect(archive.projectArn).toBe('acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive');
    expect(archive.roleArn).toBe('acs:ram::3333333333333333:role/ArchiveWriter');
    expect(synthTemplate(stack).Outputs).toEqual({
      ArchiveProjectArn: {
        Description:
          'MaxCompute project that receives ActionTrail events (MaxComputeDestination.anotherAccount projectArn)',
        Value: 'acs:odps:cn-hangzhou:3333333333333333:project/actiontrail_archive',
      },
      ArchiveRoleArn: {
        Description:
          "Role the source accounts' ActionTrail assumes to deliver (MaxComputeDestination.anotherAccount roleArn)",
        Value: 'acs:ram::3333333333333333:role/ArchiveWriter',
      },
    });
  });

  test('ARNs are tokens of ALIYUN::AccountId and ALIYUN::Region when the stack leaves them to deploy time', () => {
    const stack = newStack('Archive', {});
    const archive = destination(stack);
    expect(ros.Token.isUnresolved(archive.projectArn)).toBe(true);
    expect(ros.Token.isUnresolved(archive.roleArn)).toBe(true);
    const template = synthTemplate(stack);
    expect(template.Resources.ArchiveProject.Properties.Name).toEqual({ 'Fn::Join': ['', ['actiontrail_', ACCOUNT]] });
    expect(template.Outputs!.ArchiveRoleArn.Value).toEqual({
      'Fn::Join': ['', ['acs:ram::', ACCOUNT, ':role/ActionTrailDeliveryRole']],
    });
    expect(template.Outputs!.ArchiveProjectArn.Value).toEqual({
      'Fn::Join': ['', ['acs:odps:', REGION, ':', ACCOUNT, ':project/actiontrail_', ACCOUNT]],
    });
  });

  test("a token ARN used in another stack fails at synth instead of naming that stack's account", () => {
    const stack = newStack('Archive', {});
    const archive = destination(stack);
    const other = new ros.Stack(stack.node.root as ros.App, 'Source', { env: { region: 'cn-hangzhou' } });
    new ros.RosOutput(other, 'Leak', { value: archive.roleArn });
    let message = '';
    try {
      synthTemplate(other);
    } catch (e) {
      message = (e as Error).message;
    }
    // One line, from validation: not nested in token resolution errors.
    expect(message).toBe(
      'Validation failed with the following errors:\n  [Archive/Archive] ' +
        "DeliveryDestination 'Archive/Archive': roleArn is used in stack 'Source' (by 'Source/Leak'), but it holds stack 'Archive''s ALIYUN::AccountId or ALIYUN::Region, " +
        "which would resolve to the other stack's account or region: give stack 'Archive' a literal env.account and env.region",
    );
  });

  test('child logical IDs derive from the construct id, so two destinations share a stack', () => {
    const stack = archiveStack();
    destination(stack);
    new DeliveryDestination(stack, 'Second', {
      sourceAccountIds: ['4444444444444444'],
      projectName: 'actiontrail_second',
      roleName: 'SecondDeliveryRole',
    });
    const template = synthTemplate(stack);
    expect(Object.keys(template.Resources).sort()).toEqual([
      'ArchiveProject',
      'ArchiveRole',
      'SecondProject',
      'SecondRole',
    ]);
    expect(Object.keys(template.Outputs!).sort()).toEqual([
      'ArchiveProjectArn',
      'ArchiveRoleArn',
      'SecondProjectArn',
      'SecondRoleArn',
    ]);
  });

  test('synthesizes the same template twice (deterministic)', () => {
    const a = archiveStack();
    destination(a);
    const b = archiveStack();
    destination(b);
    expect(JSON.stringify(synthTemplate(a))).toBe(JSON.stringify(synthTemplate(b)));
  });
});

describe('DeliveryDestination trust-policy size', () => {
  const empty = '{"Version":"1","Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":[]}}]}'
    .length;
  // "<16 digits>@actiontrail.aliyuncs.com" is 43 characters with its quotes, plus a comma between entries.
  const size = (n: number) => empty + n * 43 + (n - 1);

  test('is the compact JSON size of the rendered policy', () => {
    for (const n of [1, 2, 10, 44]) expect(trustPolicySize(accounts(n))).toBe(size(n));
    const stack = archiveStack();
    const archive = destination(stack, { sourceAccountIds: accounts(44) });
    const rendered = synthTemplate(stack).Resources.ArchiveRole.Properties.AssumeRolePolicyDocument;
    expect(archive.trustPolicyBytes).toBe(Buffer.byteLength(JSON.stringify(rendered)));
    expect(archive.trustPolicyBytes).toBe(2036);
  });

  test('44 source accounts fit the default 2048 bytes; 45 fail at synth with advice', () => {
    expect(DEFAULT_MAX_TRUST_POLICY_BYTES).toBe(2048);
    expect(() => destination(archiveStack(), { sourceAccountIds: accounts(44) })).not.toThrow();
    expect(validationError(() => destination(archiveStack(), { sourceAccountIds: accounts(45) })).message).toBe(
      "DeliveryDestination 'Archive/Archive': sourceAccountIds lists 45 accounts, whose trust policy would be 2080 bytes, over the 2048-byte limit (maxTrustPolicyBytes): " +
        'deliver with one multi-account trail (organizationTrail: true) from the management account, so that only that account is trusted, ' +
        'or split the accounts over several DeliveryDestinations, each with its own roleName',
    );
  });

  test('maxTrustPolicyBytes overrides the limit', () => {
    expect(() =>
      destination(archiveStack(), { sourceAccountIds: accounts(45), maxTrustPolicyBytes: 6144 }),
    ).not.toThrow();
    expect(
      validationError(() => destination(archiveStack(), { sourceAccountIds: accounts(2), maxTrustPolicyBytes: 100 }))
        .message,
    ).toMatch(
      /^DeliveryDestination 'Archive\/Archive': sourceAccountIds lists 2 accounts, whose trust policy would be 188 bytes, over the 100-byte limit/,
    );
  });
});

describe('DeliveryDestination bad input', () => {
  const cases: Array<[string, Partial<DeliveryDestinationProps>, string]> = [
    [
      'a malformed source account ID',
      { sourceAccountIds: ['1111111111111111', '123'] },
      "sourceAccountIds[1] '123' must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'a source account ID with letters',
      { sourceAccountIds: ['11111111111x1111'] },
      "sourceAccountIds[0] '11111111111x1111' must be a 16-digit Alibaba Cloud account ID",
    ],
    [
      'an empty source list',
      { sourceAccountIds: [] },
      'sourceAccountIds is empty: list at least one 16-digit account ID',
    ],
    [
      'a missing source list',
      { sourceAccountIds: undefined },
      'sourceAccountIds is required: list the 16-digit IDs of the accounts',
    ],
    [
      'a duplicate source',
      { sourceAccountIds: ['1111111111111111', '2222222222222222', '1111111111111111'] },
      "sourceAccountIds[2] '1111111111111111' is listed twice (also at index 0): list each account once",
    ],
    [
      'the destination account listed as a source',
      { sourceAccountIds: ['1111111111111111', ARCHIVE] },
      "sourceAccountIds[1] '3333333333333333' is this stack's own account, the destination: a trail delivers to its own account's project with " +
        'MaxComputeDestination.thisAccount(), which needs no delivery role; list only the other accounts',
    ],
    [
      'a project name without actiontrail_',
      { projectName: 'audit_archive' },
      "projectName 'audit_archive' must start with 'actiontrail_' followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a project name with upper case',
      { projectName: 'actiontrail_Archive' },
      "projectName 'actiontrail_Archive' must start with 'actiontrail_' followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a project name over 28 characters',
      { projectName: 'actiontrail_12345678901234567' },
      "projectName 'actiontrail_12345678901234567' must start with 'actiontrail_' followed by 1-16 lowercase letters, digits or '_' (a MaxCompute project name of at most 28 characters)",
    ],
    [
      'a role name with _',
      { roleName: 'ActionTrail_Delivery' },
      "roleName 'ActionTrail_Delivery' must be 1-64 characters of letters, digits, '.' and '-'",
    ],
    [
      'a role name over 64 characters',
      { roleName: 'R'.repeat(65) },
      `roleName '${'R'.repeat(65)}' must be 1-64 characters of letters, digits, '.' and '-'`,
    ],
    [
      'a quota with a space',
      { quota: 'os PayAsYouGo' },
      "quota 'os PayAsYouGo' must be 1-64 printable characters without spaces",
    ],
    [
      'a zero trust-policy limit',
      { maxTrustPolicyBytes: 0 },
      'maxTrustPolicyBytes 0 must be a positive whole number of bytes',
    ],
  ];

  test.each(cases)('%s fails at synth naming path, property, value and rule', (_name, props, message) => {
    const error = validationError(() => destination(archiveStack(), props));
    expect(error.message).toBe(`DeliveryDestination 'Archive/Archive': ${message}`);
    expect(error.constructPath).toBe('Archive/Archive');
  });

  test('the destination check is skipped when the account is only known at deploy time', () => {
    expect(() =>
      destination(newStack('Archive', { region: 'cn-hangzhou' }), { sourceAccountIds: [ARCHIVE] }),
    ).not.toThrow();
  });
});

describe('DeliveryDestination role names', () => {
  test('two destinations in one account may not share a role name', () => {
    const stack = archiveStack();
    destination(stack);
    const e = validationError(
      () => new DeliveryDestination(stack, 'Second', { sourceAccountIds: SOURCES, projectName: 'actiontrail_second' }),
    );
    expect(e.message).toContain("roleName 'ActionTrailDeliveryRole' is already the RAM role name of");
    expect(e.message).toContain('RAM role names are unique per account');
  });
});

describe('DeliveryDestination loading', () => {
  test('the library loads ros-cdk-ram only when a DeliveryDestination is built', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const name of ['@alicloud/ros-cdk-ram', '@alicloud/ros-cdk-ram/lib/ram.generated']) {
        jest.doMock(name, () => {
          loaded.push(name);
          return jest.requireActual(name);
        });
      }
      /* eslint-disable @typescript-eslint/no-require-imports -- the isolated registry must load these after the mocks */
      const isolatedRos = require('@alicloud/ros-cdk-core') as typeof ros;
      const isolatedLib = require('../../lib') as typeof import('../../lib');
      /* eslint-enable @typescript-eslint/no-require-imports */
      expect(loaded).toEqual([]);

      const app = new isolatedRos.App({ outdir: tempDir('actiontrail-cdk-test-') });
      const stack = new isolatedRos.Stack(app, 'Archive', { env: { account: ARCHIVE, region: 'cn-hangzhou' } });
      const built = new isolatedLib.DeliveryDestination(stack, 'Archive', { sourceAccountIds: SOURCES });
      expect(loaded).toEqual(['@alicloud/ros-cdk-ram/lib/ram.generated']);
      expect(built.role.roleName).toBe(built.roleName);
    });
  });
});
