import * as ram from '@alicloud/ros-cdk-ram';
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditLevel, declareTrustedAccounts, ValidationError } from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newStack } from '../support/template';

const SOURCE = '1111111111111111';
const OTHER = '2222222222222222';
const HOME = '3333333333333333';

/** A delivery-style role trusting the given service principals. */
function deliveryRole(scope: ros.Construct, id: string, services: unknown[]): ram.RosRole {
  return new ram.RosRole(
    scope,
    id,
    {
      roleName: id,
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: services as string[] } }],
      },
    },
    true,
  );
}

describe('AT-ROLE-002 trust only declared accounts', () => {
  test('compliant: declared source accounts, own account (literal, ALIYUN::AccountId, unprefixed service)', () => {
    const stack = newStack('Audit', { region: 'cn-hangzhou', account: HOME });
    const role = deliveryRole(stack, 'Delivery', [
      `${SOURCE}@actiontrail.aliyuncs.com`,
      `${HOME}@actiontrail.aliyuncs.com`,
    ]);
    declareTrustedAccounts(role, [SOURCE]);
    new ram.RosRole(
      stack,
      'Own',
      {
        roleName: 'own',
        assumeRolePolicyDocument: {
          version: '1',
          statement: [
            {
              action: 'sts:AssumeRole',
              effect: 'Allow',
              principal: {
                ram: [ros.Fn.join('', ['acs:ram::', ros.RosPseudo.accountId, ':root'])],
                service: ['fc.aliyuncs.com'],
              },
            },
          ],
        },
      },
      true,
    );
    compliantTrail(stack);
    expect(findingsOf(check(stack), 'AT-ROLE-002')).toEqual([]);
  });

  test('compliant: accounts declared on a parent construct, and a declared parameter', () => {
    const stack = newStack();
    const parent = new ros.Construct(stack, 'Destination');
    const param = new ros.RosParameter(stack, 'SourceAccount', { type: ros.RosParameterType.STRING });
    declareTrustedAccounts(parent, [SOURCE, param.valueAsString]);
    deliveryRole(parent, 'Delivery', [
      `${SOURCE}@actiontrail.aliyuncs.com`,
      ros.Fn.join('', [param.valueAsString, '@actiontrail.aliyuncs.com']),
    ]);
    expect(findingsOf(check(stack), 'AT-ROLE-002')).toEqual([]);
  });

  test('non-compliant: an account outside the declared sources, and an undeclared parameter', () => {
    const stack = newStack();
    const param = new ros.RosParameter(stack, 'SourceAccount', { type: ros.RosParameterType.STRING });
    const role = deliveryRole(stack, 'Delivery', [
      `${SOURCE}@actiontrail.aliyuncs.com`,
      `${OTHER}@actiontrail.aliyuncs.com`,
      ros.Fn.join('', [param.valueAsString, '@actiontrail.aliyuncs.com']),
    ]);
    declareTrustedAccounts(role, [SOURCE]);
    const result = check(stack);
    const finding = {
      ruleId: 'AT-ROLE-002',
      level: AuditLevel.ERROR,
      path: 'Audit/Delivery',
      logicalId: 'Delivery',
      resourceType: 'ALIYUN::RAM::Role',
      fix: 'Trust only the intended source accounts, and declare them with declareTrustedAccounts(role, accountIds)',
      anchors: [],
      suppressed: false,
    };
    expect(findingsOf(result, 'AT-ROLE-002')).toEqual([
      {
        ...finding,
        message: `AssumeRolePolicyDocument.Statement[0] trusts Service '${OTHER}@actiontrail.aliyuncs.com', of account ${OTHER}, which is not a declared source (declared: ${SOURCE})`,
      },
      {
        ...finding,
        message: `AssumeRolePolicyDocument.Statement[0] trusts Service {"Fn::Join":["",[{"Ref":"SourceAccount"},"@actiontrail.aliyuncs.com"]]}, of account {"Ref":"SourceAccount"}, which is not a declared source (declared: ${SOURCE})`,
      },
    ]);
    expect(result.error).toContain("AT-ROLE-002 at 'Audit/Delivery'");
  });

  test('non-compliant: a principal whose account cannot be told at synth, and a RAM root of an undeclared account', () => {
    const stack = newStack();
    const param = new ros.RosParameter(stack, 'Principal', { type: ros.RosParameterType.STRING });
    new ram.RosRole(
      stack,
      'Opaque',
      {
        roleName: 'opaque',
        assumeRolePolicyDocument: {
          version: '1',
          statement: [
            {
              action: 'sts:AssumeRole',
              effect: 'Allow',
              principal: { ram: [param.valueAsString, `acs:ram::${OTHER}:root`] },
            },
          ],
        },
      },
      true,
    );
    expect(findingsOf(check(stack), 'AT-ROLE-002').map((f) => f.message)).toEqual([
      `AssumeRolePolicyDocument.Statement[0] trusts RAM 'acs:ram::${OTHER}:root', of account ${OTHER}, which is not a declared source (declared: none)`,
      'AssumeRolePolicyDocument.Statement[0] trusts RAM {"Ref":"Principal"}, whose account cannot be told at synth (declared: none)',
    ]);
  });

  test('non-compliant: a trust policy known only at deploy time', () => {
    const stack = newStack();
    const document = new ros.RosParameter(stack, 'Trust', { type: ros.RosParameterType.JSON });
    new ros.RosResource(stack, 'Opaque', {
      type: 'ALIYUN::RAM::Role',
      properties: { RoleName: 'o', AssumeRolePolicyDocument: document.valueAsAny },
    });
    expect(findingsOf(check(stack), 'AT-ROLE-002').map((f) => f.message)).toEqual([
      'AssumeRolePolicyDocument is known only at deploy time: the accounts it trusts cannot be checked at synth',
    ]);
  });

  test('suppressed', () => {
    const stack = newStack();
    const role = deliveryRole(stack, 'Delivery', [`${OTHER}@actiontrail.aliyuncs.com`]);
    AuditChecks.suppress(role, 'AT-ROLE-002', 'the partner account is approved in ticket SEC-1234');
    const result = check(stack);
    expect(result.error).toBeUndefined();
    expect(findingsOf(result, 'AT-ROLE-002')).toEqual([
      expect.objectContaining({
        path: 'Audit/Delivery',
        suppressed: true,
        reason: 'the partner account is approved in ticket SEC-1234',
      }),
    ]);
  });

  test('declareTrustedAccounts rejects a literal that is not a 16-digit account ID', () => {
    const stack = newStack();
    const role = deliveryRole(stack, 'Delivery', []);
    expect(() => declareTrustedAccounts(role, [SOURCE, '12345'])).toThrow(ValidationError);
    expect(() => declareTrustedAccounts(role, [SOURCE, '12345'])).toThrow(
      "declareTrustedAccounts 'Audit/Delivery': accountIds[1] '12345' must be a 16-digit Alibaba Cloud account ID",
    );
  });
});
