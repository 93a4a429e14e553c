import { parseArn } from '../shared/arn';
import { isAccountId, isRegionId } from '../shared/ids';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import { AuditLevel, AuditRule } from './engine/model';
import { isSet } from './engine/template-values';
import { trailView } from './engine/trail-view';

/** What is wrong. */
function crossRegionProjectMessage(projectArn: string, projectRegion: string, trailRegion: string): string {
  return (
    `Parameters.MaxComputeProjectArn '${projectArn}' is another account's project in region ${projectRegion}, but the trail's home region is ${trailRegion}: ` +
    "ActionTrail documents a MaxCompute region other than the trail's only for the trail's own account"
  );
}

/** How to fix it. */
const FIX =
  "Deliver to a project in the trail's region, or check that delivery works and suppress AT-TRAIL-008 on the trail";

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
  id: 'AT-TRAIL-008',
  level: AuditLevel.WARNING,
  title: "A trail delivering to another account's MaxCompute project is in the project's region",
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource, stack) => {
    const view = trailView(resource);
    const arn = view.setting('MaxComputeProjectArn');
    const project = typeof arn === 'string' ? parseArn(arn) : undefined;
    const home = stack.region;
    if (project === undefined || home === undefined || !isRegionId(home) || project.region === home) return [];
    const anotherAccount = isAccountId(stack.account)
      ? project.account !== stack.account
      : isSet(view.setting('MaxComputeWriteRoleArn'));
    if (!anotherAccount) return [];
    return [{ message: crossRegionProjectMessage(arn as string, project.region, home), fix: FIX }];
  },
};
