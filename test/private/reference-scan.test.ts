/**
 * lib/private/reference-scan.ts: the resources that skip ros-cdk's reference
 * scan are those in which it would find nothing to do; everything else is
 * scanned, and templates are the same either way.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { RosRule } from '@alicloud/ros-cdk-eventbridge/lib/eventbridge.generated';
import { Trail } from '../../lib';
import { AlertSecret, AlertTarget, AuditAlerts } from '../../lib/alerts';
import * as referenceScan from '../../lib/private/reference-scan';
import { mapOnlyForTemplates, referencesOnlyOwnStack } from '../../lib/private/reference-scan';
import { newApp, synthTemplate } from '../support/template';

describe('referencesOnlyOwnStack', () => {
  const app = newApp();
  const own = new ros.Stack(app, 'Own', { env: { region: 'cn-hangzhou' } });
  const other = new ros.Stack(app, 'Other', { env: { region: 'cn-hangzhou' } });
  const ownParam = new ros.RosParameter(own, 'Mine', { type: ros.RosParameterType.STRING });
  const otherParam = new ros.RosParameter(other, 'Theirs', { type: ros.RosParameterType.STRING });

  test.each([
    ['literals only', { a: 'x', b: [1, true, null], c: { d: 'y' } }, true],
    [
      'a parameter of its own stack, as a string and as an object',
      { a: `pre-${ownParam.valueAsString}`, b: ownParam.value },
      true,
    ],
    [
      "the stack's account and region, alone and joined",
      { a: own.account, b: `acs:mns:${own.region}:${own.account}:q` },
      true,
    ],
    ["another stack's parameter", { a: [`x-${otherParam.valueAsString}`] }, false],
    ["another stack's parameter, as an object", { a: { b: otherParam.value } }, false],
    ['a lazy value', { a: ros.Lazy.stringValue({ produce: () => 'x' }) }, false],
    ['a function of references', { a: ros.Fn.join('-', ['a', otherParam.valueAsString]) }, false],
  ])('%s: %s', (_what, value, expected) => {
    expect(referencesOnlyOwnStack(own, value)).toBe(expected);
  });
});

describe("the alerts' rules skip the scan when it has nothing to find, and the template does not depend on it", () => {
  function alertsTemplate() {
    const stack = new ros.Stack(newApp(), 'Alerts', { env: { region: 'cn-hangzhou' } });
    const trail = new Trail(stack, 'Trail', { trailName: 'audit_trail', ossBucketName: 'audit-bucket' });
    new AuditAlerts(stack, 'Alerts', {
      trail,
      detections: ['AT-DETECT-TAMPER'],
      targets: [
        AlertTarget.mnsQueue({ queueName: 'audit-alerts' }),
        AlertTarget.dingTalk({ robotUrl: AlertSecret.parameter('RobotUrl') }),
      ],
    });
    return synthTemplate(stack);
  }

  test('each rule is found to hold only its own references; scanned or not, the template is the same', () => {
    const decide = jest.spyOn(referenceScan, 'referencesOnlyOwnStack');
    const render = jest.spyOn(RosRule.prototype as unknown as { renderProperties: () => unknown }, 'renderProperties');
    try {
      const skipped = alertsTemplate();
      const rules = Object.values(skipped.Resources).filter((r) => r.Type === 'ALIYUN::EventBridge::Rule');
      expect(rules).toHaveLength(2);
      // Asked once per rule, in the scan, and the answer was "nothing to find".
      expect(decide.mock.results.map((r) => r.value)).toEqual([true, true]);
      // Mapped for the template only.
      expect(render).toHaveBeenCalledTimes(rules.length);
      expect(rules[0].Properties.Targets[0].Endpoint).toEqual({
        'Fn::Join': ['', ['acs:mns:cn-hangzhou:', { Ref: 'ALIYUN::AccountId' }, ':queues/audit-alerts']],
      });
      expect(rules[0].Properties.Targets[1].Endpoint).toEqual({ Ref: 'RobotUrl' });

      decide.mockReturnValue(false);
      expect(alertsTemplate()).toEqual(skipped);
    } finally {
      decide.mockRestore();
      render.mockRestore();
    }
  });
});

describe('mapOnlyForTemplates', () => {
  /** A post-processing token like ros-cdk's, counting how often it is resolved and post-processed. */
  function countingToken() {
    const counts = { resolve: 0, postProcess: 0 };
    const token = {
      creationStack: [],
      resolve: (context: ros.IResolveContext) => {
        counts.resolve++;
        context.registerPostProcessor(token);
        return { Type: 'T', Properties: { a: 1 } };
      },
      postProcess: (x: unknown) => {
        counts.postProcess++;
        return { mapped: x };
      },
      toString: () => 'token',
    };
    return { token, counts };
  }

  function resolveWith(preparing: boolean, fragment: { Resources: Record<string, unknown> }) {
    let post: ros.IPostProcessor | undefined;
    const context = {
      preparing,
      scope: newApp(),
      registerPostProcessor: (pp: ros.IPostProcessor) => (post = pp),
      resolve: (x: unknown) => x,
    } as unknown as ros.IResolveContext;
    const resolvable = fragment.Resources.R as ros.IResolvable;
    const value: unknown = resolvable.resolve(context);
    return post ? post.postProcess(value, context) : value;
  }

  test('in the scan, a resource with nothing to find is not walked; otherwise walked but not mapped', () => {
    const skip = countingToken();
    const skipped = mapOnlyForTemplates({ Resources: { R: skip.token } }, () => true) as {
      Resources: Record<string, unknown>;
    };
    expect(resolveWith(true, skipped)).toEqual({});
    expect(skip.counts).toEqual({ resolve: 0, postProcess: 0 });

    const scan = countingToken();
    const scanned = mapOnlyForTemplates({ Resources: { R: scan.token } }, () => false) as {
      Resources: Record<string, unknown>;
    };
    expect(resolveWith(true, scanned)).toEqual({ Type: 'T', Properties: { a: 1 } });
    expect(scan.counts).toEqual({ resolve: 1, postProcess: 0 });
  });

  test('outside the scan, every resource is resolved and mapped as ros-cdk does', () => {
    for (const nothingToFind of [() => true, () => false, undefined]) {
      const t = countingToken();
      const wrapped = mapOnlyForTemplates({ Resources: { R: t.token } }, nothingToFind) as {
        Resources: Record<string, unknown>;
      };
      expect(resolveWith(false, wrapped)).toEqual({ mapped: { Type: 'T', Properties: { a: 1 } } });
      expect(t.counts).toEqual({ resolve: 1, postProcess: 1 });
    }
  });
});
