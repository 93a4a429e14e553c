import { AuditResource, AuditStackView } from '../../../lib';
import { TRAIL_TYPES, trailLogging, trailView } from '../../../lib/rules/engine/trail-view';
import { CUSTOM_TRAIL_TYPE, ROS_TRAIL_LOGGING_TYPE, ROS_TRAIL_TYPE } from '../../../lib/shared/resource-types';

function resource(type: string, properties: Record<string, unknown>, logicalId = 'T'): AuditResource {
  return { type, logicalId, path: `S/${logicalId}`, properties, trustedAccounts: [] };
}

function stackOf(...resources: AuditResource[]): AuditStackView {
  return { stackName: 'S', account: '1234567890123456', resources };
}

describe('trail view', () => {
  test('both trail types, read from the shared resource-type names', () => {
    expect(TRAIL_TYPES).toEqual(['Custom::ActionTrailTrail', 'ALIYUN::ACTIONTRAIL::Trail']);
  });

  test('a custom trail reads its Parameters; Parameters known only at deploy time make every setting so', () => {
    const custom = trailView(resource(CUSTOM_TRAIL_TYPE, { Parameters: { Name: 'audit_all' } }));
    expect([custom.kind, custom.prefix, custom.setting('Name'), custom.setting('EventRW')]).toEqual([
      'custom',
      'Parameters.',
      'audit_all',
      undefined,
    ]);
    const opaque = trailView(resource(CUSTOM_TRAIL_TYPE, { Parameters: { Ref: 'P' } }));
    expect(opaque.setting('Name')).toEqual({ Ref: 'P' });
    const l1 = trailView(resource(ROS_TRAIL_TYPE, { Name: 'audit_l1' }));
    expect([l1.kind, l1.prefix, l1.setting('Name')]).toEqual(['ros', '', 'audit_l1']);
  });

  test('logging: a custom trail logs by default; a TrailLogging naming it by name, GetAtt or Ref decides', () => {
    const trail = resource(CUSTOM_TRAIL_TYPE, { Parameters: { Name: 'audit_all' } });
    expect(trailLogging(trail, stackOf(trail)).on).toBe(true);
    const stop = resource(ROS_TRAIL_LOGGING_TYPE, { Name: { 'Fn::GetAtt': ['T', 'Name'] }, Enable: false }, 'Stop');
    expect(trailLogging(trail, stackOf(trail, stop))).toEqual({
      on: false,
      why: "the TrailLogging 'S/Stop' stops it (Enable: false)",
    });
    const unknown = resource(ROS_TRAIL_LOGGING_TYPE, { Name: { Ref: 'T' }, Enable: { Ref: 'E' } }, 'Maybe');
    expect(trailLogging(trail, stackOf(trail, unknown)).on).toBeUndefined();
    const off = resource(CUSTOM_TRAIL_TYPE, { Parameters: { Name: 'audit_all', Logging: 'false' } });
    expect(trailLogging(off, stackOf(off))).toEqual({ on: false, why: 'Parameters.Logging is false' });
  });

  test('logging: an L1 trail logs only when a TrailLogging with Enable: true names it', () => {
    const l1 = resource(ROS_TRAIL_TYPE, { Name: 'audit_l1' });
    expect(trailLogging(l1, stackOf(l1)).on).toBe(false);
    const start = resource(ROS_TRAIL_LOGGING_TYPE, { Name: 'audit_l1', Enable: 'true' }, 'Start');
    expect(trailLogging(l1, stackOf(l1, start))).toEqual({ on: true, why: "the TrailLogging 'S/Start' starts it" });
  });
});
