/**
 * The two apps the synth benchmark compares, built into a given `ros.App`:
 *
 * - `ours`: N stacks, each holding one `Trail` that delivers to MaxCompute in
 *   this account with the project created by the stack (as in
 *   examples/single-account.ts, without its Outputs): 4 resources per stack,
 *   the trail, the provider's RAM role and FC function, the MaxCompute project.
 *
 * - `floor`: the same N stacks built with ros-cdk-core's `RosResource` alone:
 *   the same resource types, logical IDs, properties (the same embedded
 *   ZipFile string included), DependsOn and DeletionPolicy, written as plain
 *   objects, and the same stack-environment metadata entry in the manifest
 *   (the library writes it for the actiontrail-cdk command). It is the least work ros-cdk-core can do to produce the same
 *   templates, so `ours / floor` is what the library's constructs, validation
 *   and generated L1 classes cost on top of ROS CDK itself.
 *
 * `scripts/bench.js` checks before timing anything that both apps write
 * byte-identical templates; if the library's output changes, this floor must
 * be changed with it (the check says which property differs).
 *
 * Requires the built library (dist/), so `npm run build` must have run.
 */
'use strict';
const crypto = require('crypto');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** The manifest metadata type of a stack's literal environment (lib/constructs/stack-environments.ts). */
const STACK_ENVIRONMENT_METADATA = 'actiontrail-cdk:environment';

/** The region every benchmark stack deploys to. */
const REGION = 'cn-hangzhou';

/** The name of stack `i` (0-based) of an app: zero-padded so that file names sort in creation order. */
function stackName(i) {
  return `TrailBench${String(i + 1).padStart(4, '0')}`;
}

/** Loads what `buildOurs` needs: ros-cdk-core and the built library (which loads ros-cdk-ram only for a `DeliveryDestination`). */
function loadOurs() {
  return { ros: require('@alicloud/ros-cdk-core'), lib: require(path.join(root, 'dist', 'lib')) };
}

/** Adds `count` trail stacks to `app` with the library's `Trail` construct. */
function buildOurs({ ros, lib }, app, count) {
  const { EventRW, MaxComputeDestination, Trail, TrailRegion } = lib;
  for (let i = 0; i < count; i++) {
    const stack = new ros.Stack(app, stackName(i), { env: { region: REGION } });
    new Trail(stack, 'AuditTrail', {
      trailName: 'audit_all',
      eventRW: EventRW.ALL,
      trailRegion: TrailRegion.ALL,
      logging: true,
      maxCompute: MaxComputeDestination.thisAccount({
        region: REGION,
        quota: 'os_PayAsYouGoQuota',
        createProject: true,
      }),
    });
  }
}

/**
 * The physical names the library gives the provider's role, policy and
 * function (lib/private/physical-names.ts for a stack whose region is a literal):
 * `<prefix>-<stack name>-<8 hex of sha256("<stack>/<prefix>")>[-<region>]`.
 * The benchmark's stack names are short enough never to be truncated.
 */
function physicalName(stack, prefix, withRegion) {
  const hash = crypto.createHash('sha256').update(`${stack}/${prefix}`).digest('hex').slice(0, 8);
  return `${prefix}-${stack}-${hash}${withRegion ? `-${REGION}` : ''}`;
}

/** `{ Fn::Join: ['', [before, <account ID>, after...]] }`, the shape the library's ARNs take. */
function joinWithAccount(...parts) {
  return { 'Fn::Join': ['', parts.map((p) => (p === ACCOUNT ? { Ref: 'ALIYUN::AccountId' } : p))] };
}
const ACCOUNT = Symbol('account');

/** Loads what `buildFloor` needs: ros-cdk-core and the provider code (a JSON file). */
function loadFloor() {
  return {
    ros: require('@alicloud/ros-cdk-core'),
    code: require(path.join(root, 'dist', 'lib', 'provider', 'handler-code.generated.json')),
  };
}

/** Adds `count` stacks with the same five resources as `buildOurs`, made with `RosResource` alone. */
function buildFloor({ ros, code }, app, count) {
  for (let i = 0; i < count; i++) {
    const name = stackName(i);
    const stack = new ros.Stack(app, name, { env: { region: REGION } });
    // The entry every library construct records for the actiontrail-cdk command
    // (lib/constructs/stack-environments.ts): part of ours' output, so the floor writes it too.
    stack.node.addMetadata(STACK_ENVIRONMENT_METADATA, { region: REGION });

    // Created in the order the library creates them, so the template lists them in the same order.
    const trail = new ros.RosResource(stack, 'AuditTrail', {
      type: 'Custom::ActionTrailTrail',
      properties: {
        ServiceToken: { 'Fn::GetAtt': ['ActionTrailProviderFunction', 'ARN'] },
        Timeout: 600,
        Parameters: {
          Name: 'audit_all',
          EventRW: 'All',
          TrailRegion: 'All',
          IsOrganizationTrail: false,
          Logging: true,
          MaxComputeProjectArn: joinWithAccount(`acs:odps:${REGION}:`, ACCOUNT, ':project/actiontrail_', ACCOUNT),
          ActionTrailCdkConverge: { Ref: 'ActionTrailCdkConverge' },
        },
      },
    });
    // The stack's drift-repair parameter, which each trail reads (lib/constructs/trail.ts);
    // made after a resource, so the template lists Parameters after Resources, as ours.
    new ros.RosParameter(stack, 'ActionTrailCdkConverge', {
      type: ros.RosParameterType.STRING,
      defaultValue: 'none',
      description:
        "actiontrail-cdk: a new value makes ROS update this stack's trails, so that the provider converges a trail that drifted (deploy sets it; leave it alone)",
    });

    const role = new ros.RosResource(stack, 'ActionTrailProviderRole', {
      type: 'ALIYUN::RAM::Role',
      properties: {
        RoleName: physicalName(name, 'ActionTrailProvider', true),
        Description: "Lets the actiontrail-cdk provider function manage this stack's ActionTrail trails.",
        AssumeRolePolicyDocument: {
          Version: '1',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
        },
        Policies: [
          {
            PolicyName: physicalName(name, 'ActionTrailProviderPolicy', true),
            PolicyDocument: {
              Version: '1',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: [
                    'actiontrail:CreateTrail',
                    'actiontrail:DeleteTrail',
                    'actiontrail:DescribeTrails',
                    'actiontrail:GetTrailStatus',
                    'actiontrail:StartLogging',
                    'actiontrail:StopLogging',
                    'actiontrail:UpdateTrail',
                  ],
                  Resource: [joinWithAccount(`acs:actiontrail:${REGION}:`, ACCOUNT, ':*')],
                },
                {
                  Effect: 'Allow',
                  Action: ['actiontrail:DeleteDataEventSelector', 'actiontrail:GetDataEventSelector'],
                  Resource: [joinWithAccount(`acs:actiontrail:${REGION}:`, ACCOUNT, ':trail/*')],
                },
                {
                  Effect: 'Allow',
                  Action: ['ram:CreateServiceLinkedRole'],
                  Resource: [joinWithAccount('acs:ram:*:', ACCOUNT, ':role/*')],
                  Condition: { StringEquals: { 'ram:ServiceName': 'actiontrail.aliyuncs.com' } },
                },
                {
                  Effect: 'Allow',
                  Action: ['ros:GetStackResource'],
                  Resource: [
                    {
                      'Fn::Join': [
                        '',
                        [`acs:ros:${REGION}:`, { Ref: 'ALIYUN::AccountId' }, ':stack/', { Ref: 'ALIYUN::StackId' }],
                      ],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    const fn = new ros.RosResource(stack, 'ActionTrailProviderFunction', {
      type: 'ALIYUN::FC3::Function',
      properties: {
        FunctionName: physicalName(name, 'ActionTrailProvider', false),
        Description:
          'actiontrail-cdk: creates, updates and deletes ActionTrail trails for ROS (Custom::ActionTrailTrail).',
        Runtime: 'nodejs20',
        Handler: code.handler,
        Code: { ZipFile: code.zipFileBase64 },
        Role: { 'Fn::GetAtt': ['ActionTrailProviderRole', 'Arn'] },
        Timeout: 300,
        MemorySize: 128,
        Cpu: 0.05,
        DiskSize: 512,
        EnvironmentVariables: {
          TRAIL_STACK_ID: { Ref: 'ALIYUN::StackId' },
          TRAIL_DECLARATIONS: joinWithAccount(
            '{"AuditTrail":{"Name":"audit_all","EventRW":"All","TrailRegion":"All","IsOrganizationTrail":false,"Logging":true,"MaxComputeProjectArn":"acs:odps:' +
              `${REGION}:`,
            ACCOUNT,
            ':project/actiontrail_',
            ACCOUNT,
            '"}}',
          ),
        },
      },
    });
    const project = new ros.RosResource(stack, 'ActionTrailProject', {
      type: 'ALIYUN::MaxCompute::Project',
      properties: {
        Name: joinWithAccount('actiontrail_', ACCOUNT),
        Comment: 'ActionTrail events delivered by actiontrail-cdk trails of this account',
        DefaultQuota: 'os_PayAsYouGoQuota',
        Properties: { Encryption: { Enable: true, Algorithm: 'AESCTR' } },
      },
    });

    trail.addRosDependency(fn.node.id);
    trail.addRosDependency(project.node.id);
    trail.applyRemovalPolicy(ros.RemovalPolicy.DESTROY);
    fn.addRosDependency(role.node.id);
    project.applyRemovalPolicy(ros.RemovalPolicy.RETAIN);
  }
}

/**
 * Loads everything `ours` loads, then what the floor needs: the control that
 * separates per-process costs of the loaded modules (a bigger heap, hence
 * garbage collections during a short synth) from the cost of the constructs.
 */
function loadFloorAfterOurs() {
  return { ...loadOurs(), ...loadFloor() };
}

/**
 * The apps by name (the child process is told which to run): `load()` requires
 * the modules the app needs and returns them; `build(modules, app, count)` adds
 * the stacks to `app`. `floorLoaded` is the floor app built after loading the
 * library (see `loadFloorAfterOurs`).
 */
const APPS = {
  ours: { load: loadOurs, build: buildOurs },
  floor: { load: loadFloor, build: buildFloor },
  floorLoaded: { load: loadFloorAfterOurs, build: buildFloor },
};

module.exports = { APPS, REGION, stackName };
