import {
  allowStatements,
  describePrincipal,
  permissionDocuments,
  principalAccount,
  principals,
  unreadableParts,
} from '../../../lib/rules/engine/policy-documents';
import { RAM_MANAGED_POLICY_TYPE, RAM_ROLE_TYPE } from '../../../lib/shared/resource-types';

describe('policy documents', () => {
  test('Allow statements of a map or a JSON string; Deny skipped; no Effect means Allow', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 'a' }, { Effect: 'Deny', Action: 'b' }, { Action: 'c' }] };
    expect(allowStatements(doc, 'P.').map((s) => s.location)).toEqual(['P.Statement[0]', 'P.Statement[2]']);
    expect(allowStatements(JSON.stringify(doc), '').map((s) => s.location)).toEqual(['Statement[0]', 'Statement[2]']);
    expect(allowStatements('not json', '')).toEqual([]);
  });

  test('unreadable parts: the document, its Statement, or one statement known only at deploy time', () => {
    expect(unreadableParts(undefined, 'P.')).toEqual([]);
    expect(unreadableParts({ Ref: 'Doc' }, 'AssumeRolePolicyDocument.')).toEqual(['AssumeRolePolicyDocument']);
    expect(unreadableParts({ Statement: { Ref: 'S' } }, 'P.')).toEqual(['P.Statement']);
    expect(unreadableParts({ Statement: [{ Action: 'a' }, { Ref: 'S' }] }, 'P.')).toEqual(['P.Statement[1]']);
  });

  test('permission documents of a role (inline policies) and of a managed policy', () => {
    expect(permissionDocuments(RAM_MANAGED_POLICY_TYPE, { PolicyDocument: 'D' })).toEqual([
      { location: '', document: 'D' },
    ]);
    expect(
      permissionDocuments(RAM_ROLE_TYPE, { Policies: [{ PolicyName: 'Named', PolicyDocument: 'D' }, { Ref: 'P' }] }),
    ).toEqual([
      { location: "Policies[0] 'Named' ", document: 'D' },
      { location: 'Policies[1] ', document: { Ref: 'P' } },
    ]);
  });

  test('the account a principal names', () => {
    expect(principalAccount('acs:ram::1234567890123456:root')).toEqual({
      kind: 'account',
      account: '1234567890123456',
    });
    expect(principalAccount('1234567890123456@actiontrail.aliyuncs.com')).toEqual({
      kind: 'account',
      account: '1234567890123456',
    });
    expect(principalAccount('1234567890123456')).toEqual({ kind: 'account', account: '1234567890123456' });
    expect(principalAccount('actiontrail.aliyuncs.com')).toEqual({ kind: 'own' });
    expect(principalAccount({ 'Fn::Join': ['', [{ Ref: 'ALIYUN::AccountId' }, '@actiontrail.aliyuncs.com']] })).toEqual(
      { kind: 'own' },
    );
    expect(principalAccount({ 'Fn::Join': ['', [{ Ref: 'Source' }, '@actiontrail.aliyuncs.com']] })).toEqual({
      kind: 'account',
      account: '{"Ref":"Source"}',
    });
    expect(principalAccount({ Ref: 'Whole' })).toEqual({ kind: 'unknown' });
  });

  test('principals of a map or a bare value, described for messages', () => {
    const found = principals({ Principal: { Service: ['1234567890123456@actiontrail.aliyuncs.com', '*'] } });
    expect(found.map((p) => [p.type, p.wildcard])).toEqual([
      ['Service', false],
      ['Service', true],
    ]);
    expect(describePrincipal(found[0])).toBe("Service '1234567890123456@actiontrail.aliyuncs.com'");
    const bare = principals({ Principal: '*' });
    expect(bare.map((p) => [p.type, p.wildcard, describePrincipal(p)])).toEqual([['', true, "'*'"]]);
    expect(principals({})).toEqual([]);
  });
});
