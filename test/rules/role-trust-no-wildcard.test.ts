import * as ram from '@alicloud/ros-cdk-ram';
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

/** A role trusting the given principal (a `Principal` map). */
function role(stack: ros.Stack, id: string, principal: ram.RosRole.PrincipalProperty, effect = 'Allow'): ram.RosRole {
  return new ram.RosRole(
    stack,
    id,
    {
      roleName: id,
      assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect, principal }] },
    },
    true,
  );
}

describe('AT-ROLE-001 no wildcard principal', () => {
  test("compliant: the provider's role (fc.aliyuncs.com), a named account, and a wildcard in a Deny statement", () => {
    const stack = newStack();
    compliantTrail(stack);
    role(stack, 'OwnRoot', { ram: ['acs:ram::1234567890123456:root'] });
    role(stack, 'DenyAll', { ram: ['*'] }, 'Deny');
    expect(findingsOf(check(stack), 'AT-ROLE-001')).toEqual([]);
  });

  test('non-compliant: *, acs:ram::*:root and *@actiontrail.aliyuncs.com', () => {
    const stack = newStack();
    role(stack, 'Everyone', { ram: ['*'] });
    role(stack, 'AnyRoot', { ram: ['acs:ram::*:root'], service: ['*@actiontrail.aliyuncs.com'] });
    const result = check(stack);
    const finding = {
      ruleId: 'AT-ROLE-001',
      level: AuditLevel.ERROR,
      resourceType: 'ALIYUN::RAM::Role',
      fix: "Name each trusted principal, e.g. Service <account ID>@actiontrail.aliyuncs.com for a source account's ActionTrail",
      anchors: [],
      suppressed: false,
    };
    expect(findingsOf(result, 'AT-ROLE-001')).toEqual([
      {
        ...finding,
        path: 'Audit/AnyRoot',
        logicalId: 'AnyRoot',
        message:
          "AssumeRolePolicyDocument.Statement[0] trusts RAM 'acs:ram::*:root': a wildcard lets unknown principals assume the role",
      },
      {
        ...finding,
        path: 'Audit/AnyRoot',
        logicalId: 'AnyRoot',
        message:
          "AssumeRolePolicyDocument.Statement[0] trusts Service '*@actiontrail.aliyuncs.com': a wildcard lets unknown principals assume the role",
      },
      {
        ...finding,
        path: 'Audit/Everyone',
        logicalId: 'Everyone',
        message:
          "AssumeRolePolicyDocument.Statement[0] trusts RAM '*': a wildcard lets unknown principals assume the role",
      },
    ]);
    // Wildcards are AT-ROLE-001's only: AT-ROLE-002 does not report them again.
    expect(findingsOf(result, 'AT-ROLE-002')).toEqual([]);
    expect(result.error).toContain("AT-ROLE-001 at 'Audit/Everyone'");
  });

  test('non-compliant: a bare "*" principal in a plain RosResource', () => {
    const stack = newStack();
    new ros.RosResource(stack, 'Raw', {
      type: 'ALIYUN::RAM::Role',
      properties: {
        RoleName: 'raw',
        AssumeRolePolicyDocument: {
          Version: '1',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: '*' }],
        },
      },
    });
    expect(findingsOf(check(stack), 'AT-ROLE-001').map((f) => f.message)).toEqual([
      "AssumeRolePolicyDocument.Statement[0] trusts '*': a wildcard lets unknown principals assume the role",
    ]);
  });

  test('suppressed', () => {
    const stack = newStack();
    const everyone = role(stack, 'Everyone', { ram: ['*'] });
    AuditChecks.suppress(everyone, 'AT-ROLE-001', 'sandbox role, guarded by an SCP outside this app');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-ROLE-001')).toEqual([
      expect.objectContaining({
        path: 'Audit/Everyone',
        suppressed: true,
        reason: 'sandbox role, guarded by an SCP outside this app',
      }),
    ]);
  });
});
