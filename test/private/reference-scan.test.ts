/**
 * lib/private/reference-scan.ts: the resources that skip ros-cdk's reference
 * scan are those in which it would find nothing to do; everything else is
 * scanned, and templates are the same either way.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { RosRule } from '@alicloud/ros-cdk-eventbridge/lib/eventbridge.generated';
import { MaxComputeDestination, ProjectEncryption, Trail } from '../../lib';
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
    ["another stack's list (a list token's element)", { a: ros.Token.asList(otherParam.value) }, false],
    ['a lazy list', { a: ros.Lazy.listValue({ produce: () => ['x'] }) }, false],
    ["another stack's parameter as a key", { [`k-${otherParam.valueAsString}`]: 'v' }, false],
    ['a lazy value that gives a literal', { a: ros.Lazy.stringValue({ produce: () => 'x' }) }, true],
    [
      "a lazy value that gives another stack's parameter",
      { a: ros.Lazy.stringValue({ produce: () => otherParam.valueAsString }) },
      false,
    ],
    ["a join of the stack's account", { a: `arn:${ros.Fn.join('', ['actiontrail_', own.account])}` }, true],
    [
      'a join of a resource attribute of its own stack (a ROS function that names a resource)',
      { a: ros.Fn.join('', ['x-', ownParam.valueAsString, ros.Fn.getAtt('Vpc', 'VpcId').toString()]) },
      false,
    ],
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
      // Asked once per rule (and once for the trail and the provider's role and function),
      // in the scan, and the answer was "nothing to find".
      expect(decide.mock.results.map((r) => r.value)).toEqual([true, true, true, true, true]);
      // Asked with the props first, then what else the render holds (metadata, description, count).
      expect(decide.mock.calls.filter(([, parts]) => 'filterPattern' in (parts as object[])[0])).toHaveLength(2);
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

describe('the trail, its provider and its project skip the scan only when it has nothing to find', () => {
  /** A consumer stack whose trail takes `wire`'s values, some of them attributes of a resource in another stack. */
  function crossStackTemplates(
    wire: (fromOtherStack: string) => {
      ossWriteRoleArn?: string;
      logProject?: string;
      policyResource?: string;
      policyResourceList?: string;
      kmsKeyArn?: string;
      functionMetadata?: string;
    },
  ) {
    const app = newApp();
    const producer = new ros.Stack(app, 'Producer', { env: { region: 'cn-hangzhou' } });
    const thing = new ros.RosResource(producer, 'Thing', { type: 'ALIYUN::RAM::Role', properties: { RoleName: 'r' } });
    const values = wire(ros.Token.asString(thing.getAtt('Arn')));
    const list = (key: 'policyResourceList') => (values[key] ? ros.Token.asList(thing.getAtt('Arns')) : []);
    const consumer = new ros.Stack(app, 'Consumer', { env: { region: 'cn-hangzhou' } });
    const trail = new Trail(consumer, 'Trail', {
      trailName: 'audit_all',
      ossBucketName: 'audit-bucket',
      ossWriteRoleArn: values.ossWriteRoleArn,
      providerLogConfig: values.logProject ? { project: values.logProject, logstore: 'fc-logs' } : undefined,
      maxCompute: MaxComputeDestination.thisAccount({
        createProject: true,
        encryption: values.kmsKeyArn ? ProjectEncryption.kmsKey(values.kmsKeyArn) : undefined,
      }),
    });
    if (values.policyResource)
      trail.provider.addToPolicy({
        actions: ['resourcemanager:GetResourceDirectory'],
        resources: [values.policyResource],
      });
    if (values.policyResourceList)
      trail.provider.addToPolicy({
        actions: ['resourcemanager:GetResourceDirectory'],
        resources: list('policyResourceList'),
      });
    if (values.functionMetadata) trail.provider.function.addMetaData('Origin', values.functionMetadata);
    const assembly = app.synth();
    return {
      consumer: assembly.getStackByName('Consumer').template as { Resources: Record<string, unknown> },
      producer: assembly.getStackByName('Producer').template,
    };
  }

  const imports = (resource: unknown) => JSON.stringify(resource).includes('Fn::ImportValue');

  test.each([
    [
      'a trail parameter',
      { ossWriteRoleArn: true },
      ['Trail', 'ActionTrailProviderRole', 'ActionTrailProviderFunction'],
    ],
    ["the provider's log project", { logProject: true }, ['ActionTrailProviderRole', 'ActionTrailProviderFunction']],
    ['a statement added to the provider policy', { policyResource: true }, ['ActionTrailProviderRole']],
    ['a list of resources (a list token) in that statement', { policyResourceList: true }, ['ActionTrailProviderRole']],
    ["the provider function's metadata", { functionMetadata: true }, ['ActionTrailProviderFunction']],
    ["the project's KMS key", { kmsKeyArn: true }, ['ActionTrailProject']],
    ['nothing', {}, []],
  ])('another stack gives %s: imported where used, as when every resource is scanned', (_what, which, importing) => {
    const wire = (fromOtherStack: string) => Object.fromEntries(Object.keys(which).map((key) => [key, fromOtherStack]));
    const decided = crossStackTemplates(wire);
    const resources = Object.keys(decided.consumer.Resources).sort();
    expect(resources).toEqual(
      expect.arrayContaining(['ActionTrailProject', 'ActionTrailProviderFunction', 'ActionTrailProviderRole', 'Trail']),
    );
    expect(resources.filter((id) => imports(decided.consumer.Resources[id]))).toEqual([...importing].sort());

    const decide = jest.spyOn(referenceScan, 'referencesOnlyOwnStack').mockReturnValue(false);
    try {
      expect(crossStackTemplates(wire)).toEqual(decided);
      expect(decide).toHaveBeenCalled();
    } finally {
      decide.mockRestore();
    }
  });
});

test("the token markers the scan decision looks for are ros-cdk-core's encoding", () => {
  const token = ros.Lazy.anyValue({ produce: () => 'x' });
  const asString = ros.Token.asString(token);
  const [asListElement] = ros.Token.asList(token);
  expect(asString).toContain(referenceScan.TOKEN_MARKER);
  expect(asString).not.toContain(referenceScan.LIST_TOKEN_MARKER);
  expect(asListElement).toContain(referenceScan.LIST_TOKEN_MARKER);
  expect(ros.Token.isUnresolved('plain {Token text')).toBe(false);
});
