import * as ros from '@alicloud/ros-cdk-core';
import {
  AuditLevel,
  DeliveryDestination,
  DeliveryDestinationProps,
  MaxComputeDestination,
  OrganizationAudit,
  ProjectEncryption,
  RosProject,
  Trail,
} from '../../lib';
import { check, findingsOf } from '../support/audit-checks';
import { validationError } from '../support/errors';
import { newApp, newStack, synthTemplate } from '../support/template';

const KEY_ARN = 'acs:kms:cn-hangzhou:3333333333333333:key/key-hzz62f1cb66fa42qo1234';

function archive(props: Partial<DeliveryDestinationProps> = {}): {
  stack: ros.Stack;
  destination: DeliveryDestination;
} {
  const stack = newStack('Archive', { region: 'cn-hangzhou', account: '3333333333333333' });
  const destination = new DeliveryDestination(stack, 'Archive', { sourceAccountIds: ['1111111111111111'], ...props });
  return { stack, destination };
}

function encryptionOf(stack: ros.Stack, logicalId: string): unknown {
  return synthTemplate(stack).Resources[logicalId].Properties.Properties;
}

describe('audit projects are encrypted at rest by default', () => {
  test("DeliveryDestination: MaxCompute's own key, AESCTR", () => {
    const { stack } = archive();
    expect(encryptionOf(stack, 'ArchiveProject')).toEqual({ Encryption: { Enable: true, Algorithm: 'AESCTR' } });
  });

  test('DeliveryDestination: a KMS key of the project region, and AES256', () => {
    const { stack } = archive({ encryption: ProjectEncryption.kmsKey(KEY_ARN, { algorithm: 'AES256' }) });
    expect(encryptionOf(stack, 'ArchiveProject')).toEqual({
      Encryption: { Enable: true, Algorithm: 'AES256', Key: KEY_ARN },
    });
  });

  test('MaxComputeDestination.thisAccount with createProject: the shared project is encrypted', () => {
    const stack = newStack();
    new Trail(stack, 'AuditTrail', {
      trailName: 'audit_all',
      maxCompute: MaxComputeDestination.thisAccount({
        createProject: true,
        encryption: ProjectEncryption.maxComputeKey(),
      }),
    });
    expect(encryptionOf(stack, 'ActionTrailProject')).toEqual({ Encryption: { Enable: true, Algorithm: 'AESCTR' } });
  });

  test('OrganizationAudit passes projectEncryption to its log-archive project', () => {
    const audit = new OrganizationAudit(newApp(), 'OrgAudit', {
      managementAccountId: '1111111111111111',
      logArchiveAccountId: '3333333333333333',
      region: 'cn-hangzhou',
      projectEncryption: ProjectEncryption.kmsKey(KEY_ARN),
    });
    expect(encryptionOf(audit.logArchiveStack, 'ArchiveProject')).toEqual({
      Encryption: { Enable: true, Algorithm: 'AESCTR', Key: KEY_ARN },
    });
  });

  test('opting out renders Enable false and draws AT-STORAGE-002 (warning) under AuditChecks', () => {
    const { stack } = archive({ encryption: ProjectEncryption.unencrypted('test account, data is synthetic only') });
    expect(encryptionOf(stack, 'ArchiveProject')).toEqual({ Encryption: { Enable: false } });
    // The reason is in the template, where an auditor reads it, not only in the code.
    expect(synthTemplate(stack).Resources.ArchiveProject.Properties.Comment).toBe(
      'ActionTrail events delivered from other accounts (actiontrail-cdk DeliveryDestination). Not encrypted at rest, because: test account, data is synthetic only',
    );
    const result = check(
      archive({ encryption: ProjectEncryption.unencrypted('test account, data is synthetic only') }).stack,
    );
    expect(findingsOf(result, 'AT-STORAGE-002')).toEqual([
      {
        ruleId: 'AT-STORAGE-002',
        level: AuditLevel.WARNING,
        path: 'Archive/Archive/ArchiveProject',
        logicalId: 'ArchiveProject',
        resourceType: 'ALIYUN::MaxCompute::Project',
        message:
          "the project's Properties.Encryption.Enable is false, not true: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created; the reason recorded: 'test account, data is synthetic only'",
        fix: expect.stringContaining('ProjectEncryption.unencrypted'),
        anchors: ['infraguard:maxcompute-project-encryption-enabled'],
        suppressed: false,
      },
    ]);
  });

  test('AT-STORAGE-002: the default passes; a hand-made project without Encryption fails; a non-audit project is not checked', () => {
    const { stack } = archive();
    new RosProject(stack, 'Plain', { name: 'actiontrail_plain' }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
    new RosProject(stack, 'Other', { name: 'analytics' }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
    const findings = findingsOf(check(stack), 'AT-STORAGE-002');
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [
        'Archive/Plain',
        'the project sets no Properties.Encryption.Enable: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created',
      ],
    ]);
  });
});

describe('encryption bad input', () => {
  test('a malformed KMS key ARN names the path, property, value, form and fix', () => {
    expect(
      validationError(() => archive({ encryption: ProjectEncryption.kmsKey('key-hzz62f1cb66fa42qo1234') })).message,
    ).toBe(
      "DeliveryDestination 'Archive/Archive': encryption.keyArn 'key-hzz62f1cb66fa42qo1234' must be an ARN of the form 'acs:kms:<region>:<16-digit account ID>:key/<key ID>'",
    );
    expect(
      validationError(() =>
        archive({ encryption: ProjectEncryption.kmsKey('acs:kms:cn-hangzhou:3333333333333333:alias/audit') }),
      ).message,
    ).toContain("must be an ARN of the form 'acs:kms:<region>:<16-digit account ID>:key/<key ID>'");
    expect(
      validationError(() => archive({ encryption: ProjectEncryption.kmsKey('acs:kms:cn-hangzhou:333:key/key-1') }))
        .message,
    ).toContain("has account '333', which must be a 16-digit Alibaba Cloud account ID");
  });

  test("a KMS key in another region than the project's", () => {
    const e = validationError(() =>
      archive({ encryption: ProjectEncryption.kmsKey('acs:kms:cn-beijing:3333333333333333:key/key-1') }),
    );
    expect(e.property).toBe('encryption.keyArn');
    expect(e.message).toBe(
      "DeliveryDestination 'Archive/Archive': encryption.keyArn 'acs:kms:cn-beijing:3333333333333333:key/key-1' is in region cn-beijing, but the project is created in cn-hangzhou: MaxCompute uses a KMS key of the project's own region; name a key in cn-hangzhou",
    );
  });

  test('an opt-out without a reason', () => {
    for (const reason of ['', '  short  ', undefined as unknown as string]) {
      const e = validationError(() => archive({ encryption: ProjectEncryption.unencrypted(reason) }));
      expect(e.property).toBe('encryption');
      expect(e.message).toContain('needs a reason of at least 10 characters');
      expect(e.message).toContain('AT-STORAGE-002');
    }
  });

  test('an unknown algorithm, and a value not made by ProjectEncryption', () => {
    expect(
      validationError(() =>
        archive({ encryption: ProjectEncryption.maxComputeKey({ algorithm: 'RC4' as unknown as 'AESCTR' }) }),
      ).message,
    ).toBe(
      "DeliveryDestination 'Archive/Archive': encryption.algorithm 'RC4' must be one of 'AESCTR', 'AES256' (MaxCompute's AES algorithms; RC4 is not offered)",
    );
    expect(
      validationError(() => archive({ encryption: { enable: true } as unknown as ProjectEncryption })).message,
    ).toContain('must be made with ProjectEncryption.maxComputeKey()');
  });

  test('thisAccount: encryption without a project the library creates, and two trails disagreeing on it', () => {
    const stack = newStack();
    expect(
      validationError(
        () =>
          new Trail(stack, 'A', {
            trailName: 'audit_all',
            maxCompute: MaxComputeDestination.thisAccount({ encryption: ProjectEncryption.maxComputeKey() }),
          }),
      ).message,
    ).toContain('maxCompute.encryption applies only when the library creates the project');
    new Trail(stack, 'B', {
      trailName: 'audit_b',
      maxCompute: MaxComputeDestination.thisAccount({ createProject: true }),
    });
    expect(
      validationError(
        () =>
          new Trail(stack, 'C', {
            trailName: 'audit_c',
            maxCompute: MaxComputeDestination.thisAccount({
              createProject: true,
              encryption: ProjectEncryption.unencrypted('scratch account for the integration tests'),
            }),
          }),
      ).message,
    ).toContain('the encryption another trail in this stack gave the shared project ActionTrailProject');
  });
});
