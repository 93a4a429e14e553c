import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, RosProject, Trail } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const FIX =
  "Keep the library's default removal policy, or call applyRemovalPolicy(ros.RemovalPolicy.RETAIN) on the project";

describe('AT-STORAGE-001 audit storage is retained', () => {
  test("compliant: the library's project (retained by default), and a RosProject retained by hand", () => {
    const stack = newStack();
    compliantTrail(stack);
    new RosProject(stack, 'Kept', { name: 'actiontrail_kept' }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
    expect(findingsOf(check(stack), 'AT-STORAGE-001')).toEqual([]);
  });

  test('non-compliant: a project without DeletionPolicy, and one with Delete', () => {
    const stack = newStack();
    new RosProject(stack, 'NoPolicy', { name: 'actiontrail_nopolicy' });
    new RosProject(stack, 'Destroyed', { name: 'actiontrail_destroyed' }).applyRemovalPolicy(ros.RemovalPolicy.DESTROY);
    const result = check(stack);
    const finding = {
      ruleId: 'AT-STORAGE-001',
      level: AuditLevel.ERROR,
      resourceType: 'ALIYUN::MaxCompute::Project',
      fix: FIX,
      anchors: [],
      suppressed: false,
    };
    expect(findingsOf(result, 'AT-STORAGE-001')).toEqual([
      {
        ...finding,
        path: 'Audit/Destroyed',
        logicalId: 'Destroyed',
        message: "the project's DeletionPolicy is 'Delete': deleting the stack deletes it and the audit events in it",
      },
      {
        ...finding,
        path: 'Audit/NoPolicy',
        logicalId: 'NoPolicy',
        message: 'the project has no DeletionPolicy: deleting the stack deletes it and the audit events in it',
      },
    ]);
    expect(result.error).toContain("AT-STORAGE-001 at 'Audit/Destroyed'");
    expect(result.error).toContain("AT-STORAGE-001 at 'Audit/NoPolicy'");
  });

  test('non-compliant: a plain RosResource of the project type', () => {
    const stack = newStack();
    new ros.RosResource(stack, 'Plain', {
      type: 'ALIYUN::MaxCompute::Project',
      properties: { Name: 'actiontrail_plain' },
    });
    expect(findingsOf(check(stack), 'AT-STORAGE-001').map((f) => f.path)).toEqual(['Audit/Plain']);
  });

  test('suppressed', () => {
    const stack = newStack();
    const project = new RosProject(stack, 'Scratch', { name: 'actiontrail_scratch' });
    AuditChecks.suppress(project, 'AT-STORAGE-001', 'scratch project of the integration test account');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-STORAGE-001')).toEqual([
      expect.objectContaining({
        path: 'Audit/Scratch',
        suppressed: true,
        reason: 'scratch project of the integration test account',
      }),
    ]);
  });
});

describe('AT-STORAGE-001 covers every kind of audit storage, and only audit storage', () => {
  test('a MaxCompute project not named actiontrail_* is not audit storage', () => {
    const stack = newStack();
    new RosProject(stack, 'Analytics', { name: 'analytics_scratch' });
    expect(findingsOf(check(stack), 'AT-STORAGE-001')).toEqual([]);
  });

  test("a trail's OSS bucket and SLS project must be retained; other buckets and projects are not audit storage", () => {
    const stack = newStack();
    compliantTrail(stack);
    new Trail(stack, 'ToOssAndSls', {
      trailName: 'to_oss_and_sls',
      ossBucketName: 'audit-bucket',
      slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs',
    });
    new ros.RosResource(stack, 'AuditBucket', {
      type: 'ALIYUN::OSS::Bucket',
      properties: { BucketName: 'audit-bucket' },
    });
    new ros.RosResource(stack, 'AuditLogs', { type: 'ALIYUN::SLS::Project', properties: { Name: 'audit-logs' } });
    new ros.RosResource(stack, 'WebsiteBucket', { type: 'ALIYUN::OSS::Bucket', properties: { BucketName: 'website' } });
    new ros.RosResource(stack, 'AppLogs', { type: 'ALIYUN::SLS::Project', properties: { Name: 'app-logs' } });
    expect(findingsOf(check(stack), 'AT-STORAGE-001').map((f) => [f.path, f.message])).toEqual([
      [
        'Audit/AuditBucket',
        'the bucket has no DeletionPolicy: deleting the stack deletes it and the audit events in it',
      ],
      [
        'Audit/AuditLogs',
        'the project has no DeletionPolicy: deleting the stack deletes it and the audit events in it',
      ],
    ]);
  });
});
