import { AuditLevel, AuditRule } from './engine/model';
import { describeValue } from './engine/template-values';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import { trailView } from './engine/trail-view';

/**
 * AT-TRAIL-001: a trail records the events of every region (`TrailRegion: All`).
 *
 * Checks `Custom::ActionTrailTrail`. ROS's `ALIYUN::ACTIONTRAIL::Trail` has no
 * `TrailRegion` and gets the API's default, `All`; AT-TRAIL-006 notes that assumption.
 */
export const trailAllRegions: AuditRule = {
  id: 'AT-TRAIL-001',
  level: AuditLevel.ERROR,
  title: 'A trail records the events of all regions (TrailRegion All)',
  anchors: [
    'checkov:CKV_ALI_4',
    'kics:c065b98e',
    'prowler:actiontrail_multi_region_enabled',
    'cloudconfig:actiontrail-trail-intact-enabled',
    'cis-alibaba:2.1',
  ],
  resourceTypes: [CUSTOM_TRAIL_TYPE],
  check: (resource) => {
    const region = trailView(resource).setting('TrailRegion');
    if (region === 'All') return [];
    return [
      {
        message: `Parameters.TrailRegion is ${describeValue(region)}, not 'All': events of other regions are not recorded`,
        fix: "Set trailRegion: TrailRegion.ALL on the Trail (its default), or Parameters.TrailRegion to 'All'",
      },
    ];
  },
};
