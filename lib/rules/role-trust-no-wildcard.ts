import { AuditLevel, AuditRule } from './engine/model';
import { RAM_ROLE_TYPE } from '../shared/resource-types';
import { allowStatements, describePrincipal, principals } from './engine/policy-documents';
import { field } from './engine/template-values';

/**
 * AT-ROLE-001: a role's trust policy names its principals; no wildcard
 * (`*`, `acs:ram::*:root`, `*@actiontrail.aliyuncs.com`, ...) in an `Allow` statement.
 */
export const roleTrustNoWildcard: AuditRule = {
  id: 'AT-ROLE-001',
  level: AuditLevel.ERROR,
  title: 'A role trust policy has no wildcard principal',
  anchors: [],
  resourceTypes: [RAM_ROLE_TYPE],
  check: (resource) =>
    allowStatements(field(resource.properties, 'AssumeRolePolicyDocument'), 'AssumeRolePolicyDocument.').flatMap((s) =>
      principals(s.statement)
        .filter((p) => p.wildcard)
        .map((p) => ({
          message: `${s.location} trusts ${describePrincipal(p)}: a wildcard lets unknown principals assume the role`,
          fix: "Name each trusted principal, e.g. Service <account ID>@actiontrail.aliyuncs.com for a source account's ActionTrail",
        })),
    ),
};
