import { MAXCOMPUTE_PROJECT_TYPE, OSS_BUCKET_TYPE, SLS_PROJECT_TYPE } from '../shared/resource-types';
import { AuditLevel, AuditResource, AuditRule, AuditStackView } from './engine/model';
import { canonicalValue, field, stringPieces } from './engine/template-values';
import { TRAIL_TYPES, trailView } from './engine/trail-view';

/**
 * AT-STORAGE-001: storage that holds audit events outlives its stack
 * (`DeletionPolicy: Retain`). Audit storage is a MaxCompute project whose name
 * starts with `actiontrail_` (ActionTrail delivers only there), and an OSS
 * bucket or Log Service project that a trail of the same stack delivers to.
 */
export const storageRetained: AuditRule = {
  id: 'AT-STORAGE-001',
  level: AuditLevel.ERROR,
  title:
    "Audit storage (MaxCompute project, or a trail's OSS bucket or SLS project) is retained when its stack is deleted",
  anchors: [],
  resourceTypes: [MAXCOMPUTE_PROJECT_TYPE, OSS_BUCKET_TYPE, SLS_PROJECT_TYPE],
  check: (resource, stack) => {
    if (resource.deletionPolicy === 'Retain' || !holdsAuditEvents(resource, stack)) return [];
    const what = resource.type === OSS_BUCKET_TYPE ? 'bucket' : 'project';
    return [
      {
        message:
          resource.deletionPolicy === undefined
            ? `the ${what} has no DeletionPolicy: deleting the stack deletes it and the audit events in it`
            : `the ${what}'s DeletionPolicy is '${resource.deletionPolicy}': deleting the stack deletes it and the audit events in it`,
        fix: `Keep the library's default removal policy, or call applyRemovalPolicy(ros.RemovalPolicy.RETAIN) on the ${what}`,
      },
    ];
  },
};

/** Whether a storage resource holds audit events (see the rule's description). */
function holdsAuditEvents(resource: AuditResource, stack: AuditStackView): boolean {
  if (resource.type === MAXCOMPUTE_PROJECT_TYPE) {
    const first = stringPieces(field(resource.properties, 'Name'))[0];
    return typeof first !== 'string' || first.startsWith('actiontrail_');
  }
  const nameProperty = resource.type === OSS_BUCKET_TYPE ? 'BucketName' : 'Name';
  const rendered = field(resource.properties, nameProperty);
  if (rendered === undefined) return false;
  const name = canonicalValue(rendered);
  return stack.resources
    .filter((r) => TRAIL_TYPES.includes(r.type))
    .some((trail) => {
      const view = trailView(trail);
      const target = view.setting(resource.type === OSS_BUCKET_TYPE ? 'OssBucketName' : 'SlsProjectArn');
      if (target === undefined) return false;
      return resource.type === OSS_BUCKET_TYPE
        ? canonicalValue(target) === name
        : canonicalValue(target).endsWith(`:project/${name}`);
    });
}
