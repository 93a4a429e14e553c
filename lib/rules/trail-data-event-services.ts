import { AuditLevel, AuditRule } from './engine/model';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import {
  DATA_EVENT_SELECTORS_PARAMETER,
  KNOWN_DATA_EVENT_SERVICES,
  readSelectors,
  unknownDataEventServices,
} from '../shared/data-events';
import { trailView } from './engine/trail-view';

/**
 * AT-TRAIL-012 (warning): a trail's data event selectors name services known
 * to have data events (`KNOWN_DATA_EVENT_SERVICES`: `Oss` from the API
 * reference, `PDS` and `Push` from Terraform's tests). ActionTrail publishes
 * no full list, so another name may be right (a service added since) or a
 * typo (`OSS`, `oss`): a warning to suppress, not an error. A `Trail` gets it
 * without `AuditChecks` too.
 */
export const trailDataEventServices: AuditRule = {
  id: 'AT-TRAIL-012',
  level: AuditLevel.WARNING,
  title: "A trail's data event selectors name services known to have data events",
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const text = trailView(resource).setting(DATA_EVENT_SELECTORS_PARAMETER);
    if (typeof text !== 'string' || text === '') return [];
    const unknown = unknownDataEventServices(readSelectors(text).selectors);
    if (unknown.length === 0) return [];
    const near = (name: string): string => {
      const match = KNOWN_DATA_EVENT_SERVICES.find((k) => k.toLowerCase() === name.toLowerCase());
      return match ? ` (did you mean ${match}?)` : '';
    };
    return [
      {
        message: `Parameters.${DATA_EVENT_SELECTORS_PARAMETER} names ${unknown.map((n) => `'${n}'${near(n)}`).join(', ')}, not among the services known to have data events (${KNOWN_DATA_EVENT_SERVICES.join(', ')}; ActionTrail publishes no full list)`,
        fix: "Check the service name in ActionTrail's data event console or API (names are case-sensitive); if it is right, suppress AT-TRAIL-012 on the trail",
      },
    ];
  },
};
