/**
 * Shared set-up for the provider tests: a simulator, a receiver, fake
 * credentials that must never leak, event builders and console capture.
 */
import { ActionTrailSimulator } from './simulator';
import { ResponseReceiver } from './receiver';
import { RosStack } from './ros-stand-in';
import { DECLARATIONS_VARIABLE, STACK_ID_VARIABLE } from '../../lib/shared/provider-contract';
import { physicalIdOf } from '../../lib/provider/runtime/ownership';

/** The stack ID of the tests' requests and of the function's environment. */
export const STACK_ID = 'stack-id-1';

/**
 * ROS's record of the stack in the current test file (set by
 * {@link useProviderEnvironment}): {@link rosEvent} puts the request's
 * resource in the state ROS shows while it waits for the answer, and each
 * answer the receiver accepts completes it.
 */
let activeStack: RosStack | undefined;

/**
 * Declares trails as the stack's template would (the provider's
 * TRAIL_DECLARATIONS): logical ID to Parameters. Replaces earlier declarations.
 */
export function declare(declarations: Record<string, Record<string, unknown>>): void {
  process.env[DECLARATIONS_VARIABLE] = JSON.stringify(declarations);
}

/** The physical ID the provider issues for trail `name` (the name itself). */
export function pid(name: string): string {
  return physicalIdOf(name);
}

/** Distinctive fake credentials; tests assert none of them is ever written anywhere. */
export const FAKE = {
  accessKeyId: 'STS.NUfakeKeyIdQ7x3Zp',
  accessKeySecret: 'FakeSecret-DoNotLeak-8c1f2e9a7b',
  securityToken: 'CAISfakeSecurityToken-DoNotLeak-4d5e6f7a8b9c0d1e2f',
};

/** Account of the tests. */
export const ACCOUNT_ID = '1234567890123456';
/** Region of the tests. */
export const REGION = 'cn-hangzhou';

/** A MaxCompute project ARN ActionTrail accepts. */
export const MC_PROJECT_ARN = `acs:odps:${REGION}:${ACCOUNT_ID}:project/actiontrail_${ACCOUNT_ID}`;
/** A write role ARN. */
export const ROLE_ARN = `acs:ram::${ACCOUNT_ID}:role/actiontrail-delivery`;
/** An SLS project ARN. */
export const SLS_PROJECT_ARN = `acs:log:${REGION}:${ACCOUNT_ID}:project/audit-logs`;

/** The FC 3.0 context the handler receives. */
/** The SUCCESS answer ROS gets for the trail `name` of the default request (see {@link rosEvent}). */
export function successAnswer(name: string): Record<string, unknown> {
  return {
    Status: 'SUCCESS',
    PhysicalResourceId: pid(name),
    StackId: STACK_ID,
    RequestId: 'ros-req-1',
    LogicalResourceId: 'AuditTrail',
    Data: { TrailArn: `acs:actiontrail:${REGION}:${ACCOUNT_ID}:trail/${name}`, HomeRegion: REGION, Name: name },
  };
}

export function fcContext(overrides: Record<string, unknown> = {}): any {
  return {
    requestId: 'fc-req-1',
    region: REGION,
    accountId: ACCOUNT_ID,
    credentials: { ...FAKE },
    function: { name: 'provider', handler: 'index.handler', memory: 128, timeout: 300 },
    ...overrides,
  };
}

/** Typical trail properties (as the Trail construct writes them; booleans as strings like ROS sends). */
export function trailProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const props: Record<string, unknown> = {
    ServiceToken: `acs:fc:${REGION}:${ACCOUNT_ID}:functions/provider`,
    Name: 'audit_all',
    EventRW: 'All',
    TrailRegion: 'All',
    IsOrganizationTrail: 'false',
    Logging: 'true',
    MaxComputeProjectArn: MC_PROJECT_ARN,
    ...overrides,
  };
  for (const [k, v] of Object.entries(props)) if (v === undefined) delete props[k];
  return props;
}

/**
 * A ROS custom resource request as a Buffer, as Function Compute delivers it.
 * For Create and Update, the template is taken to declare the event's
 * ResourceProperties under its logical ID (as it does when ROS sends the
 * request), unless `declared: false`; forgery tests then declare otherwise.
 * ROS's record (the stand-in of {@link useProviderEnvironment}) shows the
 * request's resource waiting for this request, unless `sentByRos: false`
 * (a forged request: ROS's record is left as it is).
 */
export function rosEvent(
  receiver: ResponseReceiver,
  requestType: 'Create' | 'Update' | 'Delete',
  fields: Record<string, unknown> = {},
  declared = true,
  sentByRos = true,
): Buffer {
  if (sentByRos && activeStack && (fields.StackId ?? STACK_ID) === activeStack.stackId) {
    const physicalId = fields.PhysicalResourceId;
    activeStack.begin(
      requestType,
      String(fields.LogicalResourceId ?? 'AuditTrail'),
      typeof physicalId === 'string' ? physicalId : undefined,
    );
  }
  if (
    declared &&
    requestType !== 'Delete' &&
    fields.ResourceProperties &&
    typeof fields.ResourceProperties === 'object'
  ) {
    declare({
      [String(fields.LogicalResourceId ?? 'AuditTrail')]: fields.ResourceProperties as Record<string, unknown>,
    });
  }
  return Buffer.from(
    JSON.stringify({
      RequestType: requestType,
      ResponseURL: receiver.url(),
      IntranetResponseURL: receiver.url('intranet'),
      StackId: STACK_ID,
      StackName: 'audit',
      ResourceOwnerId: ACCOUNT_ID,
      CallerId: ACCOUNT_ID,
      RegionId: REGION,
      RequestId: 'ros-req-1',
      ResourceType: 'Custom::ActionTrailTrail',
      LogicalResourceId: 'AuditTrail',
      ...fields,
    }),
  );
}

/**
 * Starts a simulator (with ROS's record of the stack) and a receiver and
 * points the provider at them with tiny retry delays.
 */
export function useProviderEnvironment(): {
  sim: ActionTrailSimulator;
  receiver: ResponseReceiver;
  stack: RosStack;
} {
  const sim = new ActionTrailSimulator({ ...FAKE, accountId: ACCOUNT_ID, defaultRegion: REGION });
  const receiver = new ResponseReceiver();
  const stack = new RosStack(STACK_ID);
  sim.stack = stack;
  receiver.onAnswer = (body) => stack.answered(body);
  const saved: Record<string, string | undefined> = {};
  const env: Record<string, string> = {
    ACTIONTRAIL_RETRY_BUDGET_MS: '1500',
    ACTIONTRAIL_RETRY_BASE_MS: '5',
    ACTIONTRAIL_RETRY_MAX_MS: '40',
    ACTIONTRAIL_REQUEST_TIMEOUT_MS: '1000',
    ACTIONTRAIL_CONSISTENCY_WINDOW_MS: '300',
    RESPONSE_URL_ALLOWED_HOSTS: '127.0.0.1',
    [STACK_ID_VARIABLE]: STACK_ID,
    [DECLARATIONS_VARIABLE]: '{}',
  };
  beforeAll(async () => {
    await sim.start();
    await receiver.start();
    activeStack = stack;
    env.ACTIONTRAIL_ENDPOINT = sim.endpoint;
    env.ROS_ENDPOINT = sim.endpoint;
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    activeStack = undefined;
    await sim.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    sim.reset();
    stack.reset();
    receiver.reset();
    process.env[DECLARATIONS_VARIABLE] = '{}';
  });
  return { sim, receiver, stack };
}

/**
 * Lets `ms` (default 5 s) pass between stack operations: every time ROS and
 * ActionTrail recorded moves that far into the past, so a trail made by an
 * earlier operation is not taken as made by the next one (their times have
 * whole seconds; tests run many operations within one).
 */
export function timePasses(sim: ActionTrailSimulator, ms = 5_000): void {
  sim.age(ms);
  sim.stack?.age(ms);
}

/** Captures console output (the provider logs through console) for the duration of a test file. */
export function captureConsole(): { lines: string[] } {
  const captured = { lines: [] as string[] };
  const spies: jest.SpyInstance[] = [];
  beforeEach(() => {
    captured.lines.length = 0;
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(
        jest
          .spyOn(console, method)
          .mockImplementation((...args: unknown[]) => void captured.lines.push(args.map(String).join(' '))),
      );
    }
  });
  afterEach(() => {
    while (spies.length) spies.pop()!.mockRestore();
  });
  return captured;
}

/** Runs `fn` with some environment variables temporarily set. */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Every `size`-character window of `secret` that occurs in `text` (none is the expectation). */
export function secretWindowsIn(text: string, secret: string, size = 16): string[] {
  const found = new Set<string>();
  for (let i = 0; i + size <= secret.length; i++) {
    const w = secret.slice(i, i + size);
    if (text.includes(w)) found.add(w);
  }
  return [...found];
}

/** Asserts that none of the fake credentials appears in `text`. */
export function expectNoCredentials(text: string): void {
  for (const secret of Object.values(FAKE)) expect(text).not.toContain(secret);
}
