/**
 * A trail delivering to another account's MaxCompute project in another
 * region. The console lets this account's project be in another region than
 * the trail ("MaxCompute Region ... if no quota is available in the current
 * region, select a different MaxCompute region": the console fields "MaxCompute
 * Region" and "Project Quota" in ActionTrail's documentation of delivering events
 * to MaxCompute); no documentation found says whether another account's project
 * may be. So it is a warning (rule AT-TRAIL-008), not an error.
 */

/** The rule ID of the warning (annotation and AuditChecks finding). */
export const CROSS_REGION_PROJECT_RULE_ID = 'AT-TRAIL-008';

/** What is wrong. */
export function crossRegionProjectMessage(projectArn: string, projectRegion: string, trailRegion: string): string {
  return `Parameters.MaxComputeProjectArn '${projectArn}' is another account's project in region ${projectRegion}, but the trail's home region is ${trailRegion}: `
    + "ActionTrail documents a MaxCompute region other than the trail's only for the trail's own account";
}

/** How to fix it. */
export const CROSS_REGION_PROJECT_FIX =
  "Deliver to a project in the trail's region, or check that delivery works and suppress AT-TRAIL-008 on the trail";
