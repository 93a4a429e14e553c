import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, RosProject, storageEncrypted } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const retained = (p: RosProject) => {
  p.applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
  return p;
};

describe('AT-STORAGE-002 an audit MaxCompute project is encrypted at rest', () => {
  test("compliant: the library's project, Enable true, and Enable 'true' as a string", () => {
    const stack = newStack();
    compliantTrail(stack);
    retained(new RosProject(stack, 'Str', { name: 'actiontrail_str', properties: { encryption: { enable: true } } }));
    new ros.RosResource(stack, 'Plain', {
      type: 'ALIYUN::MaxCompute::Project',
      properties: { Name: 'actiontrail_plain', Properties: { Encryption: { Enable: 'true' } } },
    }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
    expect(findingsOf(check(stack), 'AT-STORAGE-002')).toEqual([]);
  });

  test('non-compliant: Enable known only at deploy time; a project whose name is a token counts as audit storage', () => {
    const stack = newStack();
    const param = new ros.RosParameter(stack, 'Encrypt', { type: ros.RosParameterType.BOOLEAN });
    new ros.RosResource(stack, 'Deferred', {
      type: 'ALIYUN::MaxCompute::Project',
      properties: { Name: 'actiontrail_deferred', Properties: { Encryption: { Enable: param.value } } },
    }).applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
    retained(new RosProject(stack, 'Named', { name: ros.Fn.join('', ['actiontrail_', stack.account]) }));
    const findings = findingsOf(check(stack), 'AT-STORAGE-002');
    expect(findings.map((f) => [f.path, f.level, f.message])).toEqual([
      [
        'Audit/Deferred',
        'warning',
        `the project's Properties.Encryption.Enable is a value known only at deploy time ({"Ref":"Encrypt"}), not true: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created`,
      ],
      [
        'Audit/Named',
        'warning',
        'the project sets no Properties.Encryption.Enable: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created',
      ],
    ]);
    expect(storageEncrypted.anchors).toEqual(['infraguard:maxcompute-project-encryption-enabled']);
  });

  test('suppressed with a reason', () => {
    const stack = newStack();
    const project = retained(new RosProject(stack, 'Scratch', { name: 'actiontrail_scratch' }));
    AuditChecks.suppress(project, 'AT-STORAGE-002', 'scratch project of the integration test account');
    expect(findingsOf(check(stack), 'AT-STORAGE-002')).toEqual([
      expect.objectContaining({ path: 'Audit/Scratch', suppressed: true }),
    ]);
  });
});
