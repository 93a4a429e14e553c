import { AuditLevel, AuditRule } from './engine/model';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import {
  DATA_EVENT_SELECTORS_PARAMETER,
  MAX_DATA_EVENT_FILTER_VALUES,
  MAX_DATA_EVENT_SELECTORS,
  readSelectors,
} from '../shared/data-events';
import { trailView } from './engine/trail-view';

/**
 * AT-TRAIL-011: a trail's data event selectors are within ActionTrail's
 * documented limits (PutDataEventSelector, ActionTrail 2020-07-06): at most
 * 20 selectors, at most 10 values in a filter's `Equals` and `NotEquals`
 * together, each selector with a service name and `ReadWriteType`, resource
 * ARNs in ARN form. A `Trail` cannot render more (its props are checked at
 * synth); this catches `Parameters` written or overridden by hand, which the
 * API would refuse at deploy. A value known only at deploy time passes.
 */
export const trailDataEventLimits: AuditRule = {
  id: 'AT-TRAIL-011',
  level: AuditLevel.ERROR,
  title: `A trail's data event selectors are within ActionTrail's limits (${MAX_DATA_EVENT_SELECTORS} selectors, ${MAX_DATA_EVENT_FILTER_VALUES} values per filter)`,
  anchors: [],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const text = trailView(resource).setting(DATA_EVENT_SELECTORS_PARAMETER);
    if (typeof text !== 'string' || text === '') return [];
    const { problems } = readSelectors(text);
    return problems.map((problem) => ({
      message: `Parameters.${DATA_EVENT_SELECTORS_PARAMETER}${problem.startsWith('[') ? '' : ' '}${problem}`,
      fix: `Keep at most ${MAX_DATA_EVENT_SELECTORS} selectors and ${MAX_DATA_EVENT_FILTER_VALUES} values per filter: merge selectors of one service, or split resources across trails (set dataEvents on the Trail rather than the parameter)`,
    }));
  },
};
