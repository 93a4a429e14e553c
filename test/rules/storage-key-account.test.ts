import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, DeliveryDestination, ProjectEncryption, storageKeyAccount } from '../../lib';
import { check, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const OWN_KEY = 'acs:kms:cn-hangzhou:3333333333333333:key/key-hzz62f1cb66fa42qo1234';
const OTHER_KEY = 'acs:kms:cn-hangzhou:4444444444444444:key/key-hzz62f1cb66fa42qo1234';
const MESSAGE =
  `the project is created in account 3333333333333333, but its KMS key '${OTHER_KEY}' is in account 4444444444444444: ` +
  "MaxCompute documents a key of the project's own account, and a project that cannot use its key fails to create or cannot be read";
const FIX =
  'Create the key in account 3333333333333333 (same region) and pass its ARN to ProjectEncryption.kmsKey(), use ProjectEncryption.maxComputeKey(), ' +
  "or, if you have verified the cross-account grant, AuditChecks.suppress(project, 'AT-STORAGE-003', '<how the grant was verified>')";

function archive(
  keyArn: string | undefined,
  account = '3333333333333333',
): { stack: ros.Stack; destination: DeliveryDestination } {
  const stack = newStack('Archive', { region: 'cn-hangzhou', account });
  const destination = new DeliveryDestination(stack, 'Archive', {
    sourceAccountIds: ['1111111111111111'],
    ...(keyArn === undefined ? {} : { encryption: ProjectEncryption.kmsKey(keyArn) }),
  });
  return { stack, destination };
}

function synthMessages(stack: ros.Stack): string[] {
  const app = stack.node.root as ros.App;
  return app
    .synth()
    .getStackByName(stack.stackName)
    .messages.map((m) => `${m.level} ${String(m.entry.data)}`)
    .filter((m) => m.includes('[AT-STORAGE-'));
}

describe("AT-STORAGE-003 an encrypted project's KMS key is in the project's account", () => {
  test("compliant: the project's own key, MaxCompute's key", () => {
    expect(findingsOf(check(archive(OWN_KEY).stack), 'AT-STORAGE-003')).toEqual([]);
    expect(findingsOf(check(archive(undefined).stack), 'AT-STORAGE-003')).toEqual([]);
  });

  test("non-compliant: another account's key is a warning under AuditChecks (synth succeeds)", () => {
    const result = check(archive(OTHER_KEY).stack);
    expect(findingsOf(result, 'AT-STORAGE-003')).toEqual([
      {
        ruleId: 'AT-STORAGE-003',
        level: AuditLevel.WARNING,
        path: 'Archive/Archive/ArchiveProject',
        logicalId: 'ArchiveProject',
        resourceType: 'ALIYUN::MaxCompute::Project',
        message: MESSAGE,
        fix: FIX,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
  });

  test('without AuditChecks the warning is annotated once all the same; none for the own key', () => {
    expect(synthMessages(archive(OTHER_KEY).stack)).toEqual([`warning [AT-STORAGE-003] ${MESSAGE}. Fix: ${FIX}`]);
    expect(synthMessages(archive(OWN_KEY).stack)).toEqual([]);
  });

  test('suppressed with a reason', () => {
    const { stack, destination } = archive(OTHER_KEY);
    AuditChecks.suppress(destination.project, 'AT-STORAGE-003', 'grant verified by preflight in the test account');
    expect(findingsOf(check(stack), 'AT-STORAGE-003')).toEqual([
      expect.objectContaining({ path: 'Archive/Archive/ArchiveProject', suppressed: true }),
    ]);
  });

  test('a stack account known only at deploy time, or a key that is a token, is not compared', () => {
    const resource = {
      type: 'ALIYUN::MaxCompute::Project',
      logicalId: 'P',
      path: 'S/P',
      trustedAccounts: [],
      properties: { Properties: { Encryption: { Enable: true, Key: OTHER_KEY } } },
    };
    const view = { stackName: 'S', resources: [resource] };
    expect(storageKeyAccount.check(resource, { ...view, account: '{"Ref":"ALIYUN::AccountId"}' })).toEqual([]);
    expect(storageKeyAccount.check(resource, { ...view, account: '3333333333333333' })).toHaveLength(1);
    const tokenKey = { ...resource, properties: { Properties: { Encryption: { Enable: true, Key: { Ref: 'Key' } } } } };
    expect(storageKeyAccount.check(tokenKey, { ...view, account: '3333333333333333' })).toEqual([]);
  });
});
