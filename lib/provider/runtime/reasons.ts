/**
 * Every long Reason (and Reason sentence) the trail provider sends ROS, built
 * from its parameters: what the user reads when a request fails, in one place.
 * The custom resource protocol's own few Reasons live in ./custom-resource.
 */
import { jsonValue } from '../../shared/quote';
import { DECLARATIONS_VARIABLE, STACK_ID_VARIABLE } from '../../shared/provider-contract';

// ------------------------------------------------------------- the request

/** The request's properties are not the declared ones. */
export function propertiesDiffer(requestedName: string, logicalId: string, declaredName: string): string {
  return (
    `the request's ResourceProperties (trail ${requestedName}) differ from what the stack's template declares for ${logicalId} (trail ${declaredName}); ` +
    'the provider applies only the declared configuration, so nothing was changed'
  );
}

/** An Update of a resource whose Create failed. */
export function nothingToUpdate(logicalId: string, physicalId: string | undefined): string {
  return `${logicalId} has no trail to update: its Create failed (physical ID ${jsonValue(physicalId)}); delete the resource and create it again. Nothing was changed`;
}

/** The function was given no credentials. */
export const NO_CREDENTIALS = 'the function has no credentials (context.credentials); give it a role';

// ------------------------------------------------------ the environment

/** The function does not know its stack. */
export const MISSING_STACK_ID = `the function's environment has no ${STACK_ID_VARIABLE}; deploy the provider with the actiontrail-cdk TrailProvider construct, which sets it to the stack's ALIYUN::StackId`;

/** The declarations are not JSON. */
export const DECLARATIONS_NOT_JSON = `the function's environment variable ${DECLARATIONS_VARIABLE} is not JSON; deploy the provider with the actiontrail-cdk TrailProvider construct, which sets it`;

/** The declarations are JSON but not an object. */
export const DECLARATIONS_NOT_OBJECT = `the function's environment variable ${DECLARATIONS_VARIABLE} must be a JSON object of logical ID to trail properties`;

/** The template declares no trail under the request's logical ID (already quoted). */
export function undeclared(quotedLogicalId: string): string {
  return `the stack's template declares no trail with the logical ID ${quotedLogicalId} (the provider's ${DECLARATIONS_VARIABLE}); the request is not this stack's and nothing was changed`;
}

/** An endpoint variable (`ACTIONTRAIL_ENDPOINT`, `ROS_ENDPOINT`) does not parse. */
export function endpointNotUrl(variable: string): string {
  return `${variable} is not a URL`;
}

/** An endpoint variable would carry credentials in clear text across a network. */
export function endpointNotSafe(variable: string): string {
  return `${variable} must be https://, or http:// to a loopback address`;
}

/** GetStackResource failed, so the request could not be confirmed with ROS. */
export function notConfirmable(error: string): string {
  return `the provider could not confirm this request with ROS (GetStackResource: ${error}); nothing was changed. Retry the stack operation`;
}

/** No usable region. */
export function invalidRegion(region: string): string {
  return `invalid region ${JSON.stringify(region)} (no RegionId in the request or region in the context)`;
}

// -------------------------------------------------------------- ownership

/** How to remove a trail by hand. */
export function removalHint(region: string, name: string): string {
  return `remove it with \`aliyun actiontrail DeleteTrail --Name ${name} --region ${region}\` (or in the ActionTrail console) once you have checked it is not needed`;
}

/** A name is taken by a trail this resource does not own. */
export function nameTaken(name: string): string {
  return `a trail named ${name} already exists in this account and was not created by this resource: it is left untouched. Choose another trailName, or delete the existing trail first if it is not needed.`;
}

/** The physical ID names no trail. */
export function forgedPhysicalId(physicalId: string | undefined, logicalId: string): string {
  return (
    `the physical ID ${JSON.stringify(String(physicalId ?? '').slice(0, 80))} of ${logicalId} names no trail ` +
    "this stack's provider issued, so nothing was changed"
  );
}

/** A rollback Delete found the declared name taken by a trail it cannot prove the failed Create made. */
export function leftoverNotProvable(name: string, region: string): string {
  return (
    `the Create of this resource failed, and a trail named ${name} exists that the provider cannot prove that Create made (ActionTrail or ROS reports no creation time), so it was not deleted. ` +
    `If it is this stack's trail, ${removalHint(region, name)}.`
  );
}

/** A second rename (A -> B -> C): the current name is neither bound nor declared, and it exists. */
export function renamedTwice(oldName: string, bound: string, declaredName: string): string {
  return (
    `this resource cannot prove that the trail ${oldName} is its own: only the name it was created with (${bound}) is in its physical ID, and the template now declares ${declaredName}. ` +
    'A trail can be renamed in place once; nothing was changed. To rename it again, give the Trail construct a new id (a new resource), ' +
    'or delete the trail by hand first. See the README, "Ownership and its residual risk".'
  );
}

/** A Delete of a name that is neither bound nor declared. */
export function deleteNotProvable(name: string, bound: string, region: string): string {
  return (
    `this resource cannot prove that the trail ${name} is its own (it was renamed from ${bound}, and the template no longer declares it), so it was not deleted. ` +
    `If it is this stack's trail, ${removalHint(region, name)}, then retry.`
  );
}

/** A declared name other than the bound one while the bound trail still exists. */
export function renameNotProven(name: string, bound: string, verb: 'changed' | 'deleted'): string {
  return (
    `this resource cannot prove that the trail ${name} is its own: it was created as ${bound}, which still exists, so no rename to ${name} has happened. ` +
    `The trail ${name} was not ${verb}.`
  );
}

/** A declared name other than the bound one names a trail older than the resource. */
export function predatesResource(name: string, verb: 'changed' | 'deleted'): string {
  return `the trail ${name} existed before this resource was created, so no rename of this resource made it: it is not this resource's and was not ${verb}.`;
}

/** A rename whose new name exists and whose old name does not. */
export function renameTargetExists(name: string, oldName: string): string {
  return (
    `the trail ${name} exists and ${oldName} does not. If ${name} is this resource's trail (renamed earlier), ROS names it in OldResourceProperties, ` +
    "which this request lacks or gets wrong; the provider cannot tell it from a trail that is not this stack's, so nothing was changed."
  );
}

// ------------------------------------------------------------ the trail

/** `IsOrganizationTrail` cannot change in place. */
export function organizationFlagFixed(name: string): string {
  return (
    `IsOrganizationTrail cannot change on the existing trail ${name}: ActionTrail fixes it when a trail is created. Change the trail name in the same update: ` +
    'the new trail is then created and started before the old one is deleted. Nothing was changed.'
  );
}

/** DescribeTrails lists the trail but GetTrailStatus does not find it. */
export function statusNotFound(name: string): string {
  return `DescribeTrails lists the trail ${name}, but GetTrailStatus keeps answering TrailNotFoundException; its state cannot be read, so nothing more was changed`;
}

/** The trail is still listed after DeleteTrail. */
export function stillListed(name: string): string {
  return `DeleteTrail answered, but the trail ${name} still exists`;
}

/** Reading back a changed trail still shows differences. */
export function readBackDiffers(name: string, fields: readonly string[]): string {
  return `the trail ${name} was changed, but reading it back still shows differences in ${fields.join(', ')}`;
}

/** Reading back a created trail does not find it. */
export function readBackMissing(name: string): string {
  return `the trail ${name} was created, but reading it back does not find it`;
}

// ----------------------------------------------------- undo (sentences)

/** A rename left the old trail as it was. */
export function leftUnchanged(oldName: string): string {
  return `The trail ${oldName} was left unchanged.`;
}

/** A rename from one multi-account trail to another hit the limit of one. */
export function oneOrganizationTrail(oldName: string): string {
  return `An account can have only one multi-account trail, so ${oldName} cannot be replaced by another one without deleting it first (a gap in auditing).`;
}

/** The old trail of a rename could not be deleted; `undone` tells whether the new one was deleted again. */
export function oldTrailKept(oldName: string, undone: boolean): string {
  return undone
    ? `The old trail ${oldName} could not be deleted, so the rename was undone.`
    : `The old trail ${oldName} could not be deleted, and undoing the rename failed.`;
}

/** An ambiguous CreateTrail may still make the trail later. */
export function lateCreate(name: string, region: string): string {
  return `An attempt of CreateTrail got no clear answer; if a trail named ${name} appears later, it was made by that attempt: ${removalHint(region, name)}.`;
}

/** The trail this request created was deleted again (`deleted`), or was not there (`absent`). */
export function createUndone(name: string, result: 'deleted' | 'absent'): string {
  return result === 'deleted'
    ? `The trail ${name} created by this request was deleted again.`
    : `No trail ${name} was left behind.`;
}

/** The trail this request created could not be deleted again. */
export function createNotUndone(name: string, error: string, region: string): string {
  return `The trail ${name} created by this request could not be deleted again (${error}); ${removalHint(region, name)}.`;
}

/** After what a restore is: a failed change of the trail, or a failed rename away from it. */
export type RestoreCase = 'change' | 'rename';

/** The trail was put back to its settings and logging state. */
export function restored(name: string): string {
  return `The trail ${name} was restored to its previous settings and logging state.`;
}

/** The trail had not changed (after a rename). */
export function stillUnchanged(name: string): string {
  return `The trail ${name} is still there, unchanged.`;
}

/** The trail was gone and was made again from its snapshot. */
export function recreated(name: string, after: RestoreCase, logging: boolean): string {
  return after === 'change'
    ? `The trail ${name} had disappeared and was re-created with its previous settings.`
    : `The trail ${name} was re-created with its previous settings${logging ? ' and is logging again' : ''}.`;
}

/** Restoring the trail failed. */
export function restoreFailed(name: string, after: RestoreCase, error: string): string {
  return after === 'change'
    ? `Restoring the trail ${name} to its previous settings failed too (${error}): check its settings and logging state in the ActionTrail console, or retry the update.`
    : `Restoring the trail ${name} failed (${error}): it may be missing or stopped; re-create or start it, or retry the update.`;
}
