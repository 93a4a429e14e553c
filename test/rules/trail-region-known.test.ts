import * as ros from '@alicloud/ros-cdk-core';
import {
  ACTIONTRAIL_REGIONS,
  AuditChecks,
  AuditLevel,
  MaxComputeDestination,
  trailRegionKnown,
  TrailRegion,
} from '../../lib';
import { check, compliantTrail, findingsOf } from '../support/audit-checks';
import { newApp, newStack } from '../support/template';

const KNOWN = ACTIONTRAIL_REGIONS.join(', ');
const SOURCE =
  'https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-endpoint';

/** A trail of one region on purpose: AT-TRAIL-001 suppressed, so only AT-TRAIL-007 is under test. */
function regionalTrail(stack: ros.Stack, regions: string[], id = 'AuditTrail', trailName = 'audit_all') {
  const trail = compliantTrail(stack, { trailName, trailRegion: TrailRegion.of(...regions) }, id);
  AuditChecks.suppress(trail, 'AT-TRAIL-001', 'records chosen regions on purpose');
  return trail;
}

describe('AT-TRAIL-007 a trail lists only regions ActionTrail supports', () => {
  test('compliant: All, regions of the table, and a TrailRegion known only at deploy time', () => {
    const stack = newStack();
    compliantTrail(stack);
    regionalTrail(stack, ['cn-hangzhou', 'eu-central-1', 'cn-shanghai-finance-1'], 'RegionalTrail', 'audit_regional');
    const region = new ros.RosParameter(stack, 'Regions', { type: ros.RosParameterType.STRING });
    new ros.RosResource(stack, 'ParamTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
        Parameters: { Name: 'audit_p', EventRW: 'All', TrailRegion: region.valueAsString, OssBucketName: 'b-ucket' },
      },
    });
    expect(findingsOf(check(stack), 'AT-TRAIL-007')).toEqual([]);
  });

  test('non-compliant: an unknown region is a warning listing it and the known regions (synth succeeds, annotated once)', () => {
    const stack = newStack();
    regionalTrail(stack, ['cn-hangzhou', 'xx-nowhere-9', 'xx-nowhere-9b']);
    const result = check(stack);
    const message = `Parameters.TrailRegion lists 'xx-nowhere-9', 'xx-nowhere-9b', which are not among the regions ActionTrail supports (${SOURCE}, read 2026-11-29): ${KNOWN}`;
    const fix =
      'Check the region ID (ActionTrail DescribeRegions lists the live ones); if ActionTrail supports it since, suppress AT-TRAIL-007 on the trail';
    expect(findingsOf(result, 'AT-TRAIL-007')).toEqual([
      {
        ruleId: 'AT-TRAIL-007',
        level: AuditLevel.WARNING,
        path: 'Audit/AuditTrail/AuditTrail',
        logicalId: 'AuditTrail',
        resourceType: 'Custom::ActionTrailTrail',
        message,
        fix,
        anchors: [],
        suppressed: false,
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(result.assembly!.getStackByName('Audit').messages.map((m) => [m.level, m.id, m.entry.data])).toEqual([
      ['warning', '/Audit/AuditTrail/AuditTrail', `[AT-TRAIL-007] ${message}. Fix: ${fix}`],
    ]);
  });

  test('non-compliant: a plain Custom::ActionTrailTrail resource is checked too', () => {
    const stack = newStack();
    new ros.RosResource(stack, 'RawTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:1234567890123456:functions/provider',
        Parameters: {
          Name: 'audit_r',
          EventRW: 'All',
          TrailRegion: 'cn-hangzhou, us-nowhere-1',
          OssBucketName: 'b-ucket',
        },
      },
    });
    expect(findingsOf(check(stack), 'AT-TRAIL-007').map((f) => f.message)).toEqual([
      `Parameters.TrailRegion lists 'us-nowhere-1', which is not among the regions ActionTrail supports (${SOURCE}, read 2026-11-29): ${KNOWN}`,
    ]);
  });

  test('non-compliant: the literal regions of a TrailRegion that also lists a deploy-time value, checked or not', () => {
    const listed = (stack: ros.Stack) => {
      const param = new ros.RosParameter(stack, 'Extra', { type: ros.RosParameterType.STRING });
      regionalTrail(stack, ['cn-hangzhou', param.valueAsString, 'xx-nowhere-9']);
    };
    const message = `Parameters.TrailRegion lists 'xx-nowhere-9', which is not among the regions ActionTrail supports (${SOURCE}, read 2026-11-29): ${KNOWN}`;
    const checked = newStack();
    listed(checked);
    expect(findingsOf(check(checked), 'AT-TRAIL-007').map((f) => f.message)).toEqual([message]);
    const unchecked = newStack();
    listed(unchecked);
    expect(
      (unchecked.node.root as ros.App)
        .synth()
        .getStackByName('Audit')
        .messages.map((m) => m.entry.data),
    ).toEqual([expect.stringContaining(`[AT-TRAIL-007] ${message}. Fix: `)]);
  });

  test('the rule is pure over odd values: a number or a bare ROS function lists no literal region', () => {
    const at = (trailRegion: unknown) => {
      const resource = {
        type: 'Custom::ActionTrailTrail',
        logicalId: 'T',
        path: 'S/T',
        properties: { Parameters: { TrailRegion: trailRegion } },
        trustedAccounts: [],
      };
      return trailRegionKnown.check(resource, { stackName: 'S', account: '1234567890123456', resources: [resource] });
    };
    expect(at(5)).toEqual([]);
    expect(at({ Ref: 'Regions' })).toEqual([]);
    expect(at({ 'Fn::Join': ['', [{ Ref: 'A' }, 'xx-nowhere-9']] })).toEqual([]);
    expect(at({ 'Fn::Join': [',', [{ Ref: 'A' }, 'xx-nowhere-9']] })).toHaveLength(1);
  });

  test('suppressed: not annotated, reported with the reason', () => {
    const stack = newStack();
    const trail = regionalTrail(stack, ['xx-nowhere-9']);
    AuditChecks.suppress(trail, 'AT-TRAIL-007', 'opened after the table was read');
    const result = check(stack);
    expect(findingsOf(result, 'AT-TRAIL-007')).toEqual([
      expect.objectContaining({ suppressed: true, reason: 'opened after the table was read' }),
    ]);
    expect(result.assembly!.getStackByName('Audit').messages).toEqual([]);
  });

  test('the rule is pure: the same resource gives the same findings', () => {
    const resource = {
      type: 'Custom::ActionTrailTrail',
      logicalId: 'T',
      path: 'S/T',
      properties: { Parameters: { TrailRegion: 'xx-nowhere-9' } },
      trustedAccounts: [],
    };
    const view = { stackName: 'S', account: '1234567890123456', resources: [resource] };
    expect(trailRegionKnown.check(resource, view)).toEqual(trailRegionKnown.check(resource, view));
    expect(trailRegionKnown.check({ ...resource, properties: { Parameters: { TrailRegion: 'All' } } }, view)).toEqual(
      [],
    );
  });
});

describe("AT-TRAIL-007 the trail's home region", () => {
  test('non-compliant: a stack in a region not in the table warns once, naming the home region', () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'xx-nowhere-9' } });
    compliantTrail(stack);
    expect(findingsOf(check(stack), 'AT-TRAIL-007').map((f) => [f.path, f.message])).toEqual([
      [
        'Audit/AuditTrail/AuditTrail',
        `the trail's stack deploys to 'xx-nowhere-9' (the trail's home region, whose ActionTrail endpoint creates the trail), which is not among the regions ActionTrail supports (${SOURCE}, read 2026-11-29): ${KNOWN}`,
      ],
    ]);
  });

  test('without AuditChecks the trail annotates it itself', () => {
    const stack = new ros.Stack(newApp(), 'Audit', { env: { region: 'xx-nowhere-9' } });
    compliantTrail(stack);
    const messages = (stack.node.root as ros.App).synth().getStackByName('Audit').messages;
    const start = "[AT-TRAIL-007] the trail's stack deploys to 'xx-nowhere-9' (the trail's home region";
    expect(messages.map((m) => [m.level, m.id, String(m.entry.data).slice(0, start.length)])).toEqual([
      ['warning', '/Audit/AuditTrail/AuditTrail', start],
    ]);
  });

  test('compliant: a home region of the table, or one known only at deploy time', () => {
    compliantTrail(newStack());
    const deployTime = new ros.Stack(newApp(), 'Audit');
    compliantTrail(deployTime);
    expect(findingsOf(check(deployTime), 'AT-TRAIL-007')).toEqual([]);
  });
});

describe('AT-TRAIL-007 suggests the nearest known region', () => {
  test('a typo in TrailRegion and in the home region: "did you mean cn-hangzhou?"', () => {
    const stack = newStack('Audit', { region: 'cn-hangzou' });
    regionalTrail(stack, ['cn-shangai']);
    const messages = findingsOf(check(stack), 'AT-TRAIL-007').map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(
        /^Parameters\.TrailRegion lists 'cn-shangai' \(did you mean cn-shanghai\?\), which is not among /,
      ),
      expect.stringMatching(
        /^the trail's stack deploys to 'cn-hangzou' \(did you mean cn-hangzhou\?\) \(the trail's home region/,
      ),
    ]);
  });

  test('nothing near, or two equally near: no suggestion', () => {
    const stack = newStack();
    regionalTrail(stack, ['xx-nowhere-9', 'ap-southeast-9']);
    const [message] = findingsOf(check(stack), 'AT-TRAIL-007').map((f) => f.message);
    expect(message).toMatch(/^Parameters\.TrailRegion lists 'xx-nowhere-9', 'ap-southeast-9', which are not among /);
  });
});

describe("AT-TRAIL-007 the destination projects' regions", () => {
  const fix =
    "Correct the region in the destination (thisAccount's region, or the project ARN); if the region is real, suppress AT-TRAIL-007 on the trail";

  test('non-compliant: a MaxCompute or SLS project in a near-miss of a known region, with the nearest one', () => {
    const stack = newStack();
    compliantTrail(stack, {
      maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-hangzou' }),
      slsProjectArn: 'acs:log:cn-shangai:1234567890123456:project/audit-logs',
    });
    const findings = findingsOf(check(stack), 'AT-TRAIL-007');
    expect(findings.map((f) => [f.path, f.fix])).toEqual([
      ['Audit/AuditTrail/AuditTrail', fix],
      ['Audit/AuditTrail/AuditTrail', fix],
    ]);
    expect(findings[0].message).toMatch(
      /^Parameters\.MaxComputeProjectArn '.*' is in region 'cn-hangzou' \(did you mean cn-hangzhou\?\): the trail would deliver to a project in a region that does not exist$/,
    );
    expect(findings[1].message).toBe(
      "Parameters.SlsProjectArn 'acs:log:cn-shangai:1234567890123456:project/audit-logs' is in region 'cn-shangai' (did you mean cn-shanghai?): the trail would deliver to a project in a region that does not exist",
    );
  });

  test('compliant: a known region, a region far from every known one, and a region known only at deploy time', () => {
    const stack = newStack();
    compliantTrail(stack, {
      maxCompute: MaxComputeDestination.thisAccount({ region: 'cn-shanghai' }),
      slsProjectArn: 'acs:log:xx-nowhere-9:1234567890123456:project/audit-logs',
    });
    const region = new ros.RosParameter(stack, 'ProjectRegion', { type: ros.RosParameterType.STRING });
    compliantTrail(
      stack,
      {
        trailName: 'audit_other',
        slsProjectArn: `acs:log:${region.valueAsString}:1234567890123456:project/audit-logs`,
      },
      'OtherTrail',
    );
    expect(findingsOf(check(stack), 'AT-TRAIL-007')).toEqual([]);
  });
});
