import { maxComputeTableName } from '../shared/arn';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import { AuditLevel, AuditRule } from './engine/model';
import { describeValue, isSet } from './engine/template-values';
import { trailView } from './engine/trail-view';

/**
 * A MaxCompute table name: letters, digits and `_`, starting with a letter,
 * at most 128 characters. Returns the rule a name breaks, or `undefined`.
 */
export function maxComputeTableNameRule(value: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9_]{0,127}$/.test(value)
    ? undefined
    : "must be at most 128 characters of letters, digits and '_', starting with a letter";
}

/**
 * AT-TRAIL-005: a trail that delivers to MaxCompute has a name that is a valid
 * MaxCompute table name once prefixed (`actiontrail_<trail name>`). A trail
 * name may hold `-`, a table name may not, and how ActionTrail maps one to the
 * other is not documented (ActionTrail's "Deliver events to MaxCompute" page names
 * the table only as `actiontrail_<trail name>`), so such a name is a warning.
 */
export const trailTableName: AuditRule = {
  id: 'AT-TRAIL-005',
  level: AuditLevel.WARNING,
  title: "A trail delivering to MaxCompute has a name that maps to a table name (no '-')",
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const view = trailView(resource);
    if (!isSet(view.setting('MaxComputeProjectArn'))) return [];
    const name = view.setting('Name');
    if (typeof name !== 'string') {
      return [
        {
          message: `Parameters.Name is ${describeValue(name)}: its MaxCompute table name cannot be checked at synth`,
          fix: "Use a literal trailName of lowercase letters, digits and '_'",
        },
      ];
    }
    const table = maxComputeTableName(name);
    const broken = maxComputeTableNameRule(table);
    if (broken === undefined) return [];
    return [
      {
        message: `the trail '${name}' delivers to MaxCompute table '${table}', which ${broken}; how ActionTrail maps such a name is not documented`,
        fix: `Use '_' instead of '-' in trailName, e.g. '${name.replace(/-/g, '_')}' (renaming a trail replaces it)`,
      },
    ];
  },
};
