/**
 * lib/shared/provider-contract.ts: the ActionTrail actions the provider's role is
 * granted (and its client is limited to).
 */
import { ACTIONTRAIL_ACTIONS } from '../../lib/shared/provider-contract';

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
