import { parseArn } from '../common/arn';
import { CROSS_REGION_PROJECT_FIX, CROSS_REGION_PROJECT_RULE_ID, crossRegionProjectMessage } from '../common/maxcompute-region';
import { accountIdRule, regionIdRule } from '../common/names';
import { AuditLevel, AuditRule } from './model';
import { isSet } from './template-values';
import { CUSTOM_TRAIL_TYPE, trailView } from './trail-view';

/**
 * AT-TRAIL-008 (warning): a trail that delivers to another account's MaxCompute
 * project is in the project's region. This account's project may be in another
 * region (the console's "MaxCompute Region"); for another account's, no
 * documentation says either way, so a difference is a warning.
 *
 * The project is another account's when its ARN names another account than the
 * stack's, or, when the stack's account is known only at deploy time, when the
 * trail sets `MaxComputeWriteRoleArn` (only cross-account delivery does).
 * Values known only at deploy time are not checked.
 */
export const trailMaxComputeRegion: AuditRule = {
  id: CROSS_REGION_PROJECT_RULE_ID,
  level: AuditLevel.WARNING,
  title: "A trail delivering to another account's MaxCompute project is in the project's region",
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource, stack) => {
    const view = trailView(resource);
    const arn = view.setting('MaxComputeProjectArn');
    const project = typeof arn === 'string' ? parseArn(arn) : undefined;
    const home = stack.region;
    if (project === undefined || home === undefined || regionIdRule(home) !== undefined || project.region === home) return [];
    const anotherAccount = accountIdRule(stack.account) === undefined
      ? project.account !== stack.account
      : isSet(view.setting('MaxComputeWriteRoleArn'));
    if (!anotherAccount) return [];
    return [{ message: crossRegionProjectMessage(arn as string, project.region, home), fix: CROSS_REGION_PROJECT_FIX }];
  },
};
