import * as ram from '@alicloud/ros-cdk-ram';
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

/** A role with one inline policy allowing `actions` (or denying them). */
function roleWithPolicy(stack: ros.Stack, id: string, actions: string[], effect = 'Allow'): ram.RosRole {
  return new ram.RosRole(
    stack,
    id,
    {
      roleName: id,
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['fc.aliyuncs.com'] } }],
      },
      policies: [
        {
          policyName: `${id}Policy`,
          policyDocument: { version: '1', statement: [{ action: actions, effect, resource: ['*'] }] },
        },
      ],
    },
    true,
  );
}

const FIX = 'List the exact actions the role needs, e.g. actiontrail:CreateTrail';

describe('AT-POLICY-001 no wildcard actions', () => {
  test("compliant: the provider's role, exact actions, and wildcards in a Deny statement", () => {
    const stack = newStack();
    compliantTrail(stack);
    roleWithPolicy(stack, 'Exact', ['oss:GetObject', 'oss:PutObject']);
    roleWithPolicy(stack, 'DenyAll', ['*'], 'Deny');
    expect(findingsOf(check(stack), 'AT-POLICY-001')).toEqual([]);
  });

  test('non-compliant: *, <service>:* and a wildcard inside an action name', () => {
    const stack = newStack();
    roleWithPolicy(stack, 'Broad', ['*', 'oss:*', 'ram:*Role', 'oss:GetObject']);
    const result = check(stack);
    const finding = {
      ruleId: 'AT-POLICY-001',
      level: AuditLevel.ERROR,
      path: 'Audit/Broad',
      logicalId: 'Broad',
      resourceType: 'ALIYUN::RAM::Role',
      fix: FIX,
      anchors: [],
      suppressed: false,
    };
    const message = (action: string) =>
      `Policies[0] 'BroadPolicy' Statement[0] allows action '${action}': a wildcard grants actions nobody reviewed, including future ones`;
    expect(findingsOf(result, 'AT-POLICY-001')).toEqual([
      { ...finding, message: message('*') },
      { ...finding, message: message('oss:*') },
      { ...finding, message: message('ram:*Role') },
    ]);
    expect(result.error).toContain("AT-POLICY-001 at 'Audit/Broad'");
  });

  test('non-compliant: a managed policy, and an action known only at deploy time', () => {
    const stack = newStack();
    const action = new ros.RosParameter(stack, 'Action', { type: ros.RosParameterType.STRING });
    new ram.RosManagedPolicy(
      stack,
      'Managed',
      {
        policyName: 'managed',
        policyDocument: {
          version: '1',
          statement: [{ action: ['log:*', action.valueAsString], effect: 'Allow', resource: ['*'] }],
        },
      },
      true,
    );
    expect(findingsOf(check(stack), 'AT-POLICY-001').map((f) => [f.resourceType, f.message])).toEqual([
      [
        'ALIYUN::RAM::ManagedPolicy',
        "Statement[0] allows action 'log:*': a wildcard grants actions nobody reviewed, including future ones",
      ],
      [
        'ALIYUN::RAM::ManagedPolicy',
        'Statement[0] allows action a value known only at deploy time ({"Ref":"Action"}), which cannot be checked at synth',
      ],
    ]);
  });

  test('non-compliant: a policy document known only at deploy time', () => {
    const stack = newStack();
    const document = new ros.RosParameter(stack, 'Document', { type: ros.RosParameterType.JSON });
    new ros.RosResource(stack, 'Managed', {
      type: 'ALIYUN::RAM::ManagedPolicy',
      properties: { PolicyName: 'm', PolicyDocument: document.valueAsAny },
    });
    new ros.RosResource(stack, 'Role', {
      type: 'ALIYUN::RAM::Role',
      properties: {
        RoleName: 'r',
        Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '1', Statement: document.valueAsAny } }],
      },
    });
    new ros.RosResource(stack, 'Role2', {
      type: 'ALIYUN::RAM::Role',
      properties: { RoleName: 'r2', Policies: document.valueAsAny },
    });
    expect(findingsOf(check(stack), 'AT-POLICY-001').map((f) => [f.path, f.message])).toEqual([
      ['Audit/Managed', 'PolicyDocument is known only at deploy time: its actions cannot be checked at synth'],
      ['Audit/Role', "Policies[0] 'p' Statement is known only at deploy time: its actions cannot be checked at synth"],
      ['Audit/Role2', 'Policies[0] is known only at deploy time: its actions cannot be checked at synth'],
    ]);
  });

  test('suppressed', () => {
    const stack = newStack();
    const role = roleWithPolicy(stack, 'Broad', ['oss:*']);
    AuditChecks.suppress(role, 'AT-POLICY-001', 'break-glass role, reviewed quarterly');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-POLICY-001')).toEqual([
      expect.objectContaining({
        path: 'Audit/Broad',
        suppressed: true,
        reason: 'break-glass role, reviewed quarterly',
      }),
    ]);
  });
});
