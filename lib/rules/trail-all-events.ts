import { AuditLevel, AuditRule } from './engine/model';
import { describeValue } from './engine/template-values';
import { TRAIL_TYPES, trailView } from './engine/trail-view';

/**
 * AT-TRAIL-002: a trail records read and write events (`EventRW: All`).
 * ROS's `ALIYUN::ACTIONTRAIL::Trail` defaults `EventRW` to `Write`, so it must set it.
 */
export const trailAllEvents: AuditRule = {
  id: 'AT-TRAIL-002',
  level: AuditLevel.ERROR,
  title: 'A trail records read and write events (EventRW All)',
  anchors: ['checkov:CKV_ALI_5', 'kics:c065b98e', 'cloudconfig:actiontrail-trail-intact-enabled', 'cis-alibaba:2.1'],
  resourceTypes: TRAIL_TYPES,
  check: (resource) => {
    const view = trailView(resource);
    const eventRW = view.setting('EventRW');
    if (eventRW === 'All') return [];
    const unset = view.kind === 'ros' && eventRW === undefined;
    return [
      {
        message: unset
          ? "EventRW is not set, and ROS's default is 'Write': read events are not recorded"
          : `${view.prefix}EventRW is ${describeValue(eventRW)}, not 'All': ${eventRW === 'Read' ? 'write' : 'some'} events are not recorded`,
        fix:
          view.kind === 'ros'
            ? "Set eventRw: 'All' on the RosTrail"
            : "Set eventRW: EventRW.ALL on the Trail (its default), or Parameters.EventRW to 'All'",
      },
    ];
  },
};
