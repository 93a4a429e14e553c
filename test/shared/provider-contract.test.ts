/**
 * lib/shared/provider-contract.ts: the ActionTrail actions the provider's role is
 * granted (and its client is limited to), and the drift-repair parameter.
 */
import {
  ACTIONTRAIL_ACTIONS,
  CONVERGE_DEFAULT,
  CONVERGE_PARAMETER,
  CONVERGE_PROPERTY,
} from '../../lib/shared/provider-contract';
import { parseTrailProperties, sameConfig } from '../../lib/provider/runtime/properties';

describe('ACTIONTRAIL_ACTIONS', () => {
  test('is the RAM form of every operation the provider calls', () => {
    expect(ACTIONTRAIL_ACTIONS).toEqual([
      'actiontrail:CreateTrail',
      'actiontrail:UpdateTrail',
      'actiontrail:DeleteTrail',
      'actiontrail:StartLogging',
      'actiontrail:StopLogging',
      'actiontrail:DescribeTrails',
      'actiontrail:GetTrailStatus',
    ]);
    expect(Object.isFrozen(ACTIONTRAIL_ACTIONS)).toBe(true);
  });
});

describe('the drift-repair parameter', () => {
  test("is a key of the trail's Parameters that the provider's parser ignores, named as the stack parameter it reads", () => {
    const declared = {
      Name: 'audit_all',
      EventRW: 'All',
      TrailRegion: 'All',
      MaxComputeProjectArn: 'acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_1234567890123456',
    };
    const withRepair = { ...declared, [CONVERGE_PROPERTY]: 'repair-1796597566100' };
    // The value changes what ROS sends, not what the provider applies: its declaration check still matches.
    expect(sameConfig(parseTrailProperties(withRepair), parseTrailProperties(declared))).toBe(true);
    expect(parseTrailProperties(withRepair)).toEqual(parseTrailProperties(declared));
    expect(CONVERGE_PROPERTY).toBe(CONVERGE_PARAMETER);
    expect(CONVERGE_DEFAULT).not.toMatch(/^repair-/);
  });
});
