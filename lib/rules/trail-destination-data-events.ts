import { AuditLevel, AuditRule, AuditViolation } from './engine/model';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import { DATA_EVENT_SELECTORS_PARAMETER, WireSelector, readSelectors } from '../shared/data-events';
import { trailView } from './engine/trail-view';
import { stringPieces } from './engine/template-values';

/** Service names under which MaxCompute's data events may be filed (not published; both spellings accepted). */
const MAXCOMPUTE_SERVICES = ['odps', 'maxcompute'];

/** Whether `selector` covers a resource of `service` whose ARN `names` tells. */
function covers(selector: WireSelector, services: readonly string[], names: (arn: string) => boolean): boolean {
  if (!services.includes(selector.ServiceName.toLowerCase())) return false;
  const filter = selector.ResourceArn;
  if (!filter) return true;
  if (filter.Equals && !filter.Equals.some(names)) return false;
  if (filter.NotEquals && filter.NotEquals.some(names)) return false;
  return true;
}

/** Whether the selectors that cover a resource record both reads and writes. */
function readsAndWrites(selectors: readonly WireSelector[]): boolean {
  const types = new Set(selectors.map((s) => s.ReadWriteType));
  return types.has('All') || (types.has('Read') && types.has('Write'));
}

/** The literal text of a template value, or undefined when part of it is known only at deploy time. */
function literal(value: unknown): string | undefined {
  const pieces = stringPieces(value);
  return pieces.every((p) => typeof p === 'string') ? pieces.join('') : undefined;
}

/**
 * AT-TRAIL-013 (warning, opt-in: `AuditChecks.of(app, { optInRules: ['AT-TRAIL-013'] })`):
 * the OSS bucket and MaxCompute project a trail delivers to are themselves
 * covered by its data events, reads and writes, so that reading or deleting
 * the audit evidence is recorded. A recommendation for stores that hold
 * evidence others may read; suppress it with a reason where access is audited
 * otherwise. The MaxCompute service name of data events is not published:
 * `Odps` or `MaxCompute` selectors count.
 */
export const trailDestinationDataEvents: AuditRule = {
  id: 'AT-TRAIL-013',
  level: AuditLevel.WARNING,
  title: "A trail's OSS bucket and MaxCompute project are covered by its data events (opt-in)",
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const view = trailView(resource);
    const text = view.setting(DATA_EVENT_SELECTORS_PARAMETER);
    const selectors = typeof text === 'string' ? readSelectors(text).selectors : [];
    const violations: AuditViolation[] = [];
    const bucket = literal(view.setting('OssBucketName'));
    if (bucket !== undefined && bucket !== '') {
      const names = (arn: string): boolean => {
        const resourcePart = arn.split(':').slice(4).join(':');
        return resourcePart === bucket || resourcePart.startsWith(`${bucket}/`);
      };
      const covering = selectors.filter((s) => covers(s, ['oss'], names));
      if (!readsAndWrites(covering)) {
        violations.push({
          message: `the trail delivers to OSS bucket '${bucket}', whose reads and writes its data events do not record (Parameters.${DATA_EVENT_SELECTORS_PARAMETER} has no Oss selector covering it with ReadWriteType All)`,
          fix: `Add DataEvents.onOssBuckets(['${bucket}']) (or its selector) to the trail's dataEvents, or suppress AT-TRAIL-013 with the reason access to the bucket is audited otherwise`,
        });
      }
    }
    const projectArn = view.setting('MaxComputeProjectArn');
    if (projectArn !== undefined && projectArn !== '') {
      const arn = literal(projectArn);
      const project = arn?.split('project/')[1];
      const names = (candidate: string): boolean => project !== undefined && candidate.endsWith(`project/${project}`);
      const covering = selectors.filter((s) => covers(s, MAXCOMPUTE_SERVICES, names));
      if (!readsAndWrites(covering)) {
        violations.push({
          message: `the trail delivers to MaxCompute project ${project ? `'${project}'` : '(known at deploy time)'}, whose reads and writes its data events do not record (no Odps or MaxCompute selector covers it with ReadWriteType All)`,
          fix: "Add a selector { service: 'Odps' } naming the project to the trail's dataEvents (check the service name ActionTrail uses for MaxCompute data events), or suppress AT-TRAIL-013 with the reason",
        });
      }
    }
    return violations;
  },
};
