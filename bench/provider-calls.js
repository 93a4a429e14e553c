#!/usr/bin/env node
/**
 * Counts the ActionTrail API calls the provider makes per lifecycle request,
 * by running the code that is actually embedded in templates against the local
 * ActionTrail API simulator (test/provider/simulator.ts) and response receiver
 * (test/provider/receiver.ts) over loopback HTTP:
 *
 *   node bench/provider-calls.js      (prints one JSON object on stdout)
 *
 * The provider code is taken from the build (dist/lib/provider/
 * handler-code.generated.json): its base64 ZipFile is decoded, unzipped with
 * fflate, written to a temporary directory as index.js and required, as
 * Function Compute would load it. The simulator and receiver come from
 * dist/test/provider/ (compiled by `npm run build`), or from the TypeScript
 * sources through ts-node when no build is there.
 *
 * Each scenario starts from a simulator holding the trails it needs; only the
 * calls of the measured request are counted (retries included: every HTTP
 * request that reached the simulator is one call).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { unzipSync, strFromU8 } = require('fflate');

const root = path.resolve(__dirname, '..');

/** Fake credentials and identity of the simulated account (never real). */
const CREDENTIALS = { accessKeyId: 'STS.BenchKeyId', accessKeySecret: 'bench-secret', securityToken: 'bench-token' };
const ACCOUNT_ID = '1234567890123456';
const REGION = 'cn-hangzhou';

/**
 * Stands for the physical ID the setup's Create answered (it carries the
 * provider's ownership MAC, so it cannot be written down here).
 */
const THIS_ID = '$PHYSICAL_ID_OF_SETUP';

/** The stack the benchmark's requests come from (the function's TRAIL_STACK_ID, in a stack ALIYUN::StackId). */
const STACK_ID = 'bench-stack';

/** The Parameters the Trail construct writes for the benchmark's stack (booleans as strings, as ROS sends them). */
function trailParameters(overrides = {}) {
  return {
    ServiceToken: `acs:fc:${REGION}:${ACCOUNT_ID}:functions/ActionTrailProvider-TrailBench0001-00000000`,
    Name: 'audit_all',
    EventRW: 'All',
    TrailRegion: 'All',
    IsOrganizationTrail: 'false',
    Logging: 'true',
    MaxComputeProjectArn: `acs:odps:${REGION}:${ACCOUNT_ID}:project/actiontrail_${ACCOUNT_ID}`,
    ...overrides,
  };
}

/**
 * The measured requests. `setup` lists the requests run first (not counted),
 * `request` the one whose calls are counted, `faults` what the simulator does
 * to the measured request. Ordered as printed.
 */
const SCENARIOS = [
  {
    id: 'create',
    title: 'Create',
    request: { RequestType: 'Create', ResourceProperties: trailParameters() },
  },
  {
    id: 'update',
    title: 'Update: a setting changes (EventRW All -> Write)',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: {
      RequestType: 'Update',
      PhysicalResourceId: THIS_ID,
      ResourceProperties: trailParameters({ EventRW: 'Write' }),
      OldResourceProperties: trailParameters(),
    },
  },
  {
    id: 'rename',
    title: 'Update: rename (audit_all -> audit_all_v2)',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: {
      RequestType: 'Update',
      PhysicalResourceId: THIS_ID,
      ResourceProperties: trailParameters({ Name: 'audit_all_v2' }),
      OldResourceProperties: trailParameters(),
    },
  },
  {
    id: 'delete',
    title: 'Delete',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: { RequestType: 'Delete', PhysicalResourceId: THIS_ID, ResourceProperties: trailParameters() },
  },
  {
    id: 'update-noop',
    title: 'Update: nothing the trail holds changes (ServiceToken only)',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: {
      RequestType: 'Update',
      PhysicalResourceId: THIS_ID,
      ResourceProperties: trailParameters({ ServiceToken: `acs:fc:${REGION}:${ACCOUNT_ID}:functions/renamed` }),
      OldResourceProperties: trailParameters(),
    },
  },
  {
    id: 'update-stop',
    title: 'Update: Logging true -> false',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: {
      RequestType: 'Update',
      PhysicalResourceId: THIS_ID,
      ResourceProperties: trailParameters({ Logging: 'false' }),
      OldResourceProperties: trailParameters(),
    },
  },
  {
    id: 'create-retried',
    title: 'Create delivered again (a twin: the trail it made since ROS began the Create is converged)',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    request: { RequestType: 'Create', ResourceProperties: trailParameters() },
  },
  {
    id: 'delete-gone',
    title: 'Delete of a trail that no longer exists',
    setup: [{ RequestType: 'Create', ResourceProperties: trailParameters() }],
    afterSetup: (sim) => sim.reset(),
    request: { RequestType: 'Delete', PhysicalResourceId: THIS_ID, ResourceProperties: trailParameters() },
  },
  {
    id: 'create-throttled',
    title: 'Create, first CreateTrail throttled once',
    faults: (sim) => sim.throttleNext(1, 'CreateTrail'),
    request: { RequestType: 'Create', ResourceProperties: trailParameters() },
  },
];

/** Loads a module of test/provider/, compiled (dist/test/provider/*.js) or through ts-node. */
function loadTestSupport(name) {
  const compiled = path.join(root, 'dist', 'test', 'provider', `${name}.js`);
  if (fs.existsSync(compiled)) return { module: require(compiled), from: path.relative(root, compiled) };
  const source = path.join(root, 'test', 'provider', `${name}.ts`);
  if (!fs.existsSync(source))
    throw new Error(`${path.relative(root, source)} does not exist (nor its build ${path.relative(root, compiled)})`);
  require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  return { module: require(source), from: path.relative(root, source) };
}

/**
 * Unzips the embedded provider code into a temporary directory and requires
 * its index.js. Returns the module, the sizes and a cleanup function.
 */
function loadEmbeddedProvider() {
  const code = JSON.parse(
    fs.readFileSync(path.join(root, 'dist', 'lib', 'provider', 'handler-code.generated.json'), 'utf8'),
  );
  const zip = Buffer.from(code.zipFileBase64, 'base64');
  const files = unzipSync(new Uint8Array(zip));
  if (!files['index.js'])
    throw new Error(`the embedded zip holds ${Object.keys(files).join(', ') || 'nothing'}, not index.js`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actiontrail-bench-provider-'));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, strFromU8(files['index.js']));
  const [moduleName, exportName] = code.handler.split('.');
  const mod = require(path.join(dir, moduleName));
  if (typeof mod[exportName] !== 'function')
    throw new Error(`the embedded code exports no function '${exportName}' (handler ${code.handler})`);
  return { handler: mod[exportName], cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The FC 3.0 context the handler receives. */
function fcContext() {
  return {
    requestId: 'bench-fc-request',
    region: REGION,
    accountId: ACCOUNT_ID,
    credentials: { ...CREDENTIALS },
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: 300 },
  };
}

/** A ROS custom resource request, as the Buffer Function Compute passes. */
function rosEvent(receiver, fields) {
  return Buffer.from(
    JSON.stringify({
      ResponseURL: receiver.url(),
      StackId: STACK_ID,
      StackName: 'TrailBench0001',
      ResourceOwnerId: ACCOUNT_ID,
      RegionId: REGION,
      RequestId: 'bench-ros-request',
      ResourceType: 'Custom::ActionTrailTrail',
      LogicalResourceId: 'AuditTrail',
      ...fields,
    }),
  );
}

/** Runs every scenario and returns `{ simulator, receiver, scenarios: [...] }`. */
async function measure() {
  const { module: simModule, from: simulatorFrom } = loadTestSupport('simulator');
  const { module: receiverModule, from: receiverFrom } = loadTestSupport('receiver');
  const { module: rosModule } = loadTestSupport('ros-stand-in');
  const provider = loadEmbeddedProvider();

  const sim = new simModule.ActionTrailSimulator({ ...CREDENTIALS, accountId: ACCOUNT_ID, defaultRegion: REGION });
  const receiver = new receiverModule.ResponseReceiver();
  // ROS's record of the stack, which the provider confirms each request with (one GetStackResource each).
  const stack = new rosModule.RosStack(STACK_ID);
  sim.stack = stack;
  receiver.onAnswer = (body) => stack.answered(body);
  await sim.start();
  await receiver.start();
  // Settings the handler reads at each invocation; short retry delays keep the throttled scenario fast.
  Object.assign(process.env, {
    ACTIONTRAIL_ENDPOINT: sim.endpoint,
    ROS_ENDPOINT: sim.endpoint,
    ACTIONTRAIL_RETRY_BUDGET_MS: '5000',
    ACTIONTRAIL_RETRY_BASE_MS: '5',
    ACTIONTRAIL_RETRY_MAX_MS: '40',
    ACTIONTRAIL_REQUEST_TIMEOUT_MS: '2000',
    ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '200',
    RESPONSE_URL_ALLOWED_HOSTS: '127.0.0.1',
    TRAIL_STACK_ID: STACK_ID,
    TRAIL_DECLARATIONS: '{}',
  });
  // The template declares what ROS sends for Create and Update (the provider's TRAIL_DECLARATIONS).
  const declare = (request) => {
    // ROS sends the request: its record shows the resource waiting for it.
    stack.begin(request.RequestType, 'AuditTrail', request.PhysicalResourceId);
    if (request.RequestType !== 'Delete')
      process.env.TRAIL_DECLARATIONS = JSON.stringify({ AuditTrail: request.ResourceProperties });
  };

  // The provider logs JSON lines through console; count them instead of printing them.
  let logLines = 0;
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const m of Object.keys(saved)) console[m] = () => void logLines++;

  const scenarios = [];
  try {
    for (const scenario of SCENARIOS) {
      sim.reset();
      stack.reset();
      receiver.reset();
      let physicalId;
      for (const step of scenario.setup ?? []) {
        declare(step);
        await provider.handler(rosEvent(receiver, step), fcContext());
        const answer = receiver.last();
        if (answer.Status !== 'SUCCESS')
          throw new Error(
            `scenario ${scenario.id}: setup ${step.RequestType} answered ${answer.Status}: ${answer.Reason}`,
          );
        physicalId = answer.PhysicalResourceId;
      }
      scenario.afterSetup?.(sim);
      scenario.faults?.(sim);
      const request = { ...scenario.request };
      if (request.PhysicalResourceId === THIS_ID) request.PhysicalResourceId = physicalId;
      declare(request);
      const fromCall = sim.calls.length;
      const fromAnswer = receiver.answers.length;
      logLines = 0;
      const started = performance.now();
      await provider.handler(rosEvent(receiver, request), fcContext());
      const ms = performance.now() - started;
      const calls = sim.calls.slice(fromCall);
      const answers = receiver.answers.slice(fromAnswer);
      const answer = answers[answers.length - 1]?.body;
      scenarios.push({
        id: scenario.id,
        title: scenario.title,
        calls: calls.length,
        actions: calls.map((c) => (c.code ? `${c.action}(${c.code})` : c.action)),
        status: answer ? answer.Status : 'no answer',
        reason: answer?.Reason,
        answers: answers.length,
        logLines,
        ms,
      });
    }
  } finally {
    Object.assign(console, saved);
    await sim.stop();
    await receiver.stop();
    provider.cleanup();
  }
  return { simulator: simulatorFrom, receiver: receiverFrom, scenarios };
}

module.exports = { measure, SCENARIOS };

if (require.main === module) {
  measure().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error) => {
      console.error(`provider-calls: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    },
  );
}
