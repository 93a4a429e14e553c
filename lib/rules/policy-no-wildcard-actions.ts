import { AuditLevel, AuditRule } from './engine/model';
import { RAM_MANAGED_POLICY_TYPE, RAM_ROLE_TYPE } from '../shared/resource-types';
import { allowStatements, permissionDocuments, unreadableParts } from './engine/policy-documents';
import { asList, describeValue, field, hasWildcard, isRosFunction } from './engine/template-values';

const FIX = 'List the exact actions the role needs, e.g. actiontrail:CreateTrail';

/**
 * AT-POLICY-001: a permission policy (a role's inline policies, or a managed
 * policy) grants named actions: no `*`, no `<service>:*`, no wildcard in an
 * action name (`ram:*Role`), in an `Allow` statement. An action known only at
 * deploy time is reported too.
 */
export const policyNoWildcardActions: AuditRule = {
  id: 'AT-POLICY-001',
  level: AuditLevel.ERROR,
  title: 'A permission policy grants named actions only (no wildcard action)',
  anchors: [],
  resourceTypes: [RAM_ROLE_TYPE, RAM_MANAGED_POLICY_TYPE],
  check: (resource) =>
    permissionDocuments(resource.type, resource.properties).flatMap((d) => [
      ...unreadableParts(d.document, d.location).map((where) => ({
        message: `${where} is known only at deploy time: its actions cannot be checked at synth`,
        fix: FIX,
      })),
      ...allowStatements(d.document, d.location).flatMap((s) =>
        asList(field(s.statement, 'Action'))
          .filter((action) => hasWildcard(action) || isRosFunction(action))
          .map((action) => ({
            message: hasWildcard(action)
              ? `${s.location} allows action ${describeValue(action)}: a wildcard grants actions nobody reviewed, including future ones`
              : `${s.location} allows action ${describeValue(action)}, which cannot be checked at synth`,
            fix: FIX,
          })),
      ),
    ]),
};
