import { AuditLevel, AuditRule } from './engine/model';
import { isSet } from './engine/template-values';
import { TRAIL_TYPES, trailView } from './engine/trail-view';

/** The settings that name a destination, per trail kind. */
const DESTINATIONS = {
  custom: ['MaxComputeProjectArn', 'OssBucketName', 'SlsProjectArn'],
  ros: ['OssBucketName', 'SlsProjectArn'],
} as const;

/** AT-TRAIL-004: a trail delivers its events somewhere (MaxCompute, OSS or SLS). */
export const trailDestination: AuditRule = {
  id: 'AT-TRAIL-004',
  level: AuditLevel.ERROR,
  title: 'A trail delivers to a destination (MaxCompute, OSS or SLS)',
  anchors: ['kics:c065b98e', 'cis-alibaba:2.1'],
  resourceTypes: TRAIL_TYPES,
  check: (resource) => {
    const view = trailView(resource);
    const names = DESTINATIONS[view.kind];
    if (names.some((name) => isSet(view.setting(name)))) return [];
    return [
      {
        message: `none of ${names.map((n) => view.prefix + n).join(', ')} is set: events are kept by ActionTrail for 90 days only`,
        fix:
          view.kind === 'ros'
            ? 'Set ossBucketName or slsProjectArn on the RosTrail, or use the Trail construct to deliver to MaxCompute'
            : 'Give the Trail a destination: maxCompute (MaxComputeDestination.thisAccount() or .anotherAccount()), ossBucketName or slsProjectArn',
      },
    ];
  },
};
