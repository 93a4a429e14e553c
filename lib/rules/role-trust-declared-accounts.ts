import { AuditLevel, AuditRule } from './engine/model';
import { RAM_ROLE_TYPE } from '../shared/resource-types';
import { allowStatements, describePrincipal, principals, unreadableParts } from './engine/policy-documents';
import { field } from './engine/template-values';

const FIX = 'Trust only the intended source accounts, and declare them with declareTrustedAccounts(role, accountIds)';

/**
 * AT-ROLE-002: a role trusts only its own account and the accounts declared
 * for it with `declareTrustedAccounts` (e.g. a `DeliveryDestination`'s source
 * accounts). A principal whose account cannot be told at synth is reported too.
 * Wildcard principals are AT-ROLE-001's.
 */
export const roleTrustDeclaredAccounts: AuditRule = {
  id: 'AT-ROLE-002',
  level: AuditLevel.ERROR,
  title: 'A role trust policy names only its own account and declared source accounts',
  anchors: [],
  resourceTypes: [RAM_ROLE_TYPE],
  check: (resource, stack) => [
    ...unreadableParts(field(resource.properties, 'AssumeRolePolicyDocument'), 'AssumeRolePolicyDocument.').map(
      (where) => ({
        message: `${where} is known only at deploy time: the accounts it trusts cannot be checked at synth`,
        fix: FIX,
      }),
    ),
    ...allowStatements(field(resource.properties, 'AssumeRolePolicyDocument'), 'AssumeRolePolicyDocument.').flatMap(
      (s) =>
        principals(s.statement)
          .filter((p) => !p.wildcard)
          .flatMap((p) => {
            const account = p.account;
            if (account.kind === 'own') return [];
            if (
              account.kind === 'account' &&
              (account.account === stack.account || resource.trustedAccounts.includes(account.account))
            )
              return [];
            const declared = resource.trustedAccounts.length ? resource.trustedAccounts.join(', ') : 'none';
            return [
              {
                message:
                  account.kind === 'account'
                    ? `${s.location} trusts ${describePrincipal(p)}, of account ${account.account}, which is not a declared source (declared: ${declared})`
                    : `${s.location} trusts ${describePrincipal(p)}, whose account cannot be told at synth (declared: ${declared})`,
                fix: FIX,
              },
            ];
          }),
    ),
  ],
};
