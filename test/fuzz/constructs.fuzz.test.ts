/**
 * Property-based tests of the Trail construct, MaxComputeDestination and
 * DeliveryDestination: bad values are reported as the library's
 * ValidationError (naming the construct path, the property and the quoted
 * value), nothing else is ever thrown, and props are accepted exactly when the
 * independent model of ./arbitraries.ts says they are valid.
 */
import { quote } from '../../lib/shared/quote';
import * as ros from '@alicloud/ros-cdk-core';
import fc from 'fast-check';
import {
  AnotherAccountMaxComputeOptions,
  DeliveryDestination,
  DeliveryDestinationProps,
  EventRW,
  MaxComputeDestination,
  ThisAccountMaxComputeOptions,
  Trail,
  TrailProps,
  TrailRegion,
  ValidationError,
} from '../../lib';
import { maxComputeProjectArnRule, ramRoleArnRule, slsProjectArnRule } from '../../lib/private/arn';
import { Rule } from '../../lib/private/errors';
import {
  ossBucketNameRule,
  ossKeyPrefixRule,
  quotaNameRule,
  regionIdRule,
  trailNameRule,
} from '../../lib/private/names';
import {
  anyString,
  arnKinds,
  arnMutants,
  CONSTRUCT_RUNS,
  invalid,
  isArnOf,
  model,
  Mutant,
  runs,
  SYNTH_RUNS,
  tokenString,
  valid,
  validArn,
  constructId,
} from './arbitraries';
import { describeThrown, thrown } from '../support/errors';
import { newStack, synthTemplate } from '../support/template';

const EVENT_RW = Object.values(EventRW) as string[];
const isToken = (s: unknown) => ros.Token.isUnresolved(s);

// ---------------------------------------------------------------------------
// One bad value at a time

/** Valid companions of the value under test. */
interface Context {
  readonly trailName: string;
  readonly bucket: string;
  readonly slsArn: string;
  /** An account other than the stack's, for another-account delivery. */
  readonly other: string;
}

const context: fc.Arbitrary<Context> = fc.record({
  trailName: valid.trailName,
  bucket: valid.ossBucketName,
  slsArn: validArn(arnKinds.slsProject),
  other: valid.accountId,
});

const STACK_REGION = 'cn-hangzhou';
const projectArnIn = (account: string, name = `actiontrail_${account}`) =>
  `acs:odps:${STACK_REGION}:${account}:project/${name}`;
const roleArnIn = (account: string, name = 'ActionTrailDeliveryRole') => `acs:ram::${account}:role/${name}`;

interface Slot {
  readonly property: string;
  readonly invalid: fc.Arbitrary<Mutant>;
  readonly props: (value: string, c: Context) => TrailProps;
  /** What the message must contain besides `<property> `: the quoted value and the rule it broke. */
  readonly mentions: (value: string) => string[];
}

/** A value checked against `rule`: the message carries the quoted value, then the rule's phrase. */
const checked = (rule: Rule) => (value: string) => [`${quote(value)} ${rule(value)}`];

const SLOTS: Slot[] = [
  {
    property: 'trailName',
    invalid: invalid.trailName,
    props: (v, c) => ({ trailName: v, ossBucketName: c.bucket }),
    mentions: checked(trailNameRule),
  },
  {
    property: 'eventRW',
    invalid: fc
      .oneof(
        fc.constantFrom('all', 'ALL', 'read', 'WRITE', 'ReadWrite', 'Write ', ' All', ''),
        fc.string({ unit: 'binary', maxLength: 40 }),
      )
      .filter((s) => !EVENT_RW.includes(s))
      .map((value) => ({ mutation: 'not an EventRW', value })),
    props: (v, c) => ({ trailName: c.trailName, ossBucketName: c.bucket, eventRW: v as EventRW }),
    mentions: (v) => [`'${v}' must be one of All, Read, Write`],
  },
  {
    property: 'trailRegion',
    invalid: invalid.regionId,
    props: (v, c) => ({ trailName: c.trailName, ossBucketName: c.bucket, trailRegion: TrailRegion.of(v) }),
    mentions: (v) => [
      v.toLowerCase() === 'all'
        ? `'${v}' has '${v}', which is not a region ID: use TrailRegion.ALL`
        : `'${v}' has '${v}', which ${regionIdRule(v)}`,
    ],
  },
  {
    property: 'ossBucketName',
    invalid: invalid.ossBucketName,
    props: (v, c) => ({ trailName: c.trailName, ossBucketName: v }),
    mentions: checked(ossBucketNameRule),
  },
  {
    property: 'ossKeyPrefix',
    invalid: invalid.ossKeyPrefix,
    props: (v, c) => ({ trailName: c.trailName, ossBucketName: c.bucket, ossKeyPrefix: v }),
    mentions: checked(ossKeyPrefixRule),
  },
  {
    property: 'ossWriteRoleArn',
    invalid: arnMutants(arnKinds.ramRole),
    props: (v, c) => ({ trailName: c.trailName, ossBucketName: c.bucket, ossWriteRoleArn: v }),
    mentions: checked(ramRoleArnRule),
  },
  {
    property: 'slsProjectArn',
    invalid: arnMutants(arnKinds.slsProject),
    props: (v, c) => ({ trailName: c.trailName, slsProjectArn: v }),
    mentions: checked(slsProjectArnRule),
  },
  {
    property: 'slsWriteRoleArn',
    invalid: arnMutants(arnKinds.ramRole),
    props: (v, c) => ({ trailName: c.trailName, slsProjectArn: c.slsArn, slsWriteRoleArn: v }),
    mentions: checked(ramRoleArnRule),
  },
  {
    property: 'maxCompute.region',
    invalid: invalid.regionId,
    props: (v, c) => ({ trailName: c.trailName, maxCompute: MaxComputeDestination.thisAccount({ region: v }) }),
    mentions: checked(regionIdRule),
  },
  {
    property: 'maxCompute.quota',
    invalid: invalid.quotaName,
    props: (v, c) => ({
      trailName: c.trailName,
      maxCompute: MaxComputeDestination.thisAccount({ quota: v, createProject: true }),
    }),
    mentions: checked(quotaNameRule),
  },
  {
    property: 'maxCompute.projectArn',
    invalid: arnMutants(arnKinds.maxComputeProject),
    props: (v, c) => ({
      trailName: c.trailName,
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: v, roleArn: roleArnIn(c.other) }),
    }),
    mentions: checked(maxComputeProjectArnRule),
  },
  {
    property: 'maxCompute.roleArn',
    invalid: arnMutants(arnKinds.ramRole),
    props: (v, c) => ({
      trailName: c.trailName,
      maxCompute: MaxComputeDestination.anotherAccount({ projectArn: projectArnIn(c.other), roleArn: v }),
    }),
    mentions: checked(ramRoleArnRule),
  },
];

describe.each(SLOTS)('Trail prop $property', (slot) => {
  test('an invalid value throws a ValidationError naming the construct path, the property and the quoted value', () => {
    fc.assert(
      fc.property(constructId, constructId, context, slot.invalid, (stackId, trailId, c, { value }) => {
        const stack = newStack(stackId);
        const e = thrown(() => new Trail(stack, trailId, slot.props(value, c)));
        if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${describeThrown(e)}`);
        const path = `${stackId}/${trailId}`;
        expect(e.constructPath).toBe(path);
        expect(e.property).toBe(slot.property);
        expect(e.message.startsWith(`Trail '${path}': ${slot.property} `)).toBe(true);
        for (const text of slot.mentions(value)) expect(e.message).toContain(text);
      }),
      runs(CONSTRUCT_RUNS),
    );
  });
});

// ---------------------------------------------------------------------------
// Whole prop bags: the construct agrees with the model, and throws nothing but ValidationError

type Destination =
  { readonly thisAccount: ThisAccountMaxComputeOptions } | { readonly anotherAccount: AnotherAccountMaxComputeOptions };

/** Trail props as plain data (printable in counterexamples). */
interface Bag {
  readonly trailName?: string;
  readonly eventRW?: string;
  readonly trailRegion?: 'All' | readonly string[];
  readonly organizationTrail?: boolean;
  readonly logging?: boolean;
  readonly ossBucketName?: string;
  readonly ossKeyPrefix?: string;
  readonly ossWriteRoleArn?: string;
  readonly slsProjectArn?: string;
  readonly slsWriteRoleArn?: string;
  readonly maxCompute?: Destination;
  readonly removalPolicy?: ros.RemovalPolicy;
}

function toProps(bag: Bag): TrailProps {
  const { trailRegion, maxCompute, eventRW, ...rest } = bag;
  return {
    ...rest,
    trailName: bag.trailName as string,
    eventRW: eventRW as EventRW | undefined,
    trailRegion:
      trailRegion === undefined ? undefined : trailRegion === 'All' ? TrailRegion.ALL : TrailRegion.of(...trailRegion),
    maxCompute:
      maxCompute === undefined
        ? undefined
        : 'thisAccount' in maxCompute
          ? MaxComputeDestination.thisAccount(maxCompute.thisAccount)
          : MaxComputeDestination.anotherAccount(maxCompute.anotherAccount),
  };
}

/** Stack environments: region known, region and account known, both left to deploy time. */
const ENVS: ros.Environment[] = [{ region: STACK_REGION }, { region: STACK_REGION, account: '1234567890123456' }, {}];

/** Every prop the model says is wrong for this stack (empty: the trail must be accepted). */
function problems(env: ros.Environment, bag: Bag): string[] {
  const out: string[] = [];
  const literal = (v: string | undefined): v is string => v !== undefined && !isToken(v);
  const bad = (property: string, v: string | undefined, ok: (s: string) => boolean) => {
    if (literal(v) && !ok(v)) out.push(property);
  };

  if (bag.trailName === undefined) out.push('trailName');
  bad('trailName', bag.trailName, model.trailName);
  if (literal(bag.eventRW) && !EVENT_RW.includes(bag.eventRW)) out.push('eventRW'); // a token passes: ROS checks it
  if (Array.isArray(bag.trailRegion)) {
    const ids = bag.trailRegion as readonly string[];
    if (ids.length === 0 || ids.some((id) => literal(id) && !model.regionId(id)) || new Set(ids).size !== ids.length) {
      out.push('trailRegion');
    }
  }
  bad('ossBucketName', bag.ossBucketName, model.ossBucketName);
  bad('ossKeyPrefix', bag.ossKeyPrefix, model.ossKeyPrefix);
  bad('ossWriteRoleArn', bag.ossWriteRoleArn, (s) => isArnOf(arnKinds.ramRole, s));
  bad('slsProjectArn', bag.slsProjectArn, (s) => isArnOf(arnKinds.slsProject, s));
  bad('slsWriteRoleArn', bag.slsWriteRoleArn, (s) => isArnOf(arnKinds.ramRole, s));
  if (bag.ossBucketName === undefined && bag.ossKeyPrefix !== undefined) out.push('ossKeyPrefix');
  if (bag.ossBucketName === undefined && bag.ossWriteRoleArn !== undefined) out.push('ossWriteRoleArn');
  if (bag.slsProjectArn === undefined && bag.slsWriteRoleArn !== undefined) out.push('slsWriteRoleArn');
  if (!bag.maxCompute && bag.ossBucketName === undefined && bag.slsProjectArn === undefined) out.push('maxCompute');

  const stackRegion = env.region;
  const stackAccount = env.account;
  if (bag.maxCompute && 'thisAccount' in bag.maxCompute) {
    const o = bag.maxCompute.thisAccount;
    bad('maxCompute.region', o.region, model.regionId);
    bad('maxCompute.quota', o.quota, model.quotaName);
    const createProject = o.createProject ?? o.quota !== undefined;
    if (!createProject && o.quota !== undefined) out.push('maxCompute.quota');
    if (createProject && literal(o.region) && stackRegion !== undefined && o.region !== stackRegion)
      out.push('maxCompute.region');
  } else if (bag.maxCompute) {
    const { projectArn, roleArn } = bag.maxCompute.anotherAccount;
    bad('maxCompute.projectArn', projectArn, (s) => isArnOf(arnKinds.maxComputeProject, s));
    bad('maxCompute.roleArn', roleArn, (s) => isArnOf(arnKinds.ramRole, s));
    const projectOk = literal(projectArn) && isArnOf(arnKinds.maxComputeProject, projectArn);
    const roleOk = literal(roleArn) && isArnOf(arnKinds.ramRole, roleArn);
    const [, , , projectAccount] = projectOk ? projectArn.split(':') : [];
    if (projectOk && roleOk && roleArn.split(':')[3] !== projectAccount) out.push('maxCompute.roleArn');
    if (projectOk && stackAccount !== undefined && projectAccount === stackAccount) out.push('maxCompute.projectArn');
    // Another account's project in another region is a warning (AT-TRAIL-008), not an error: no
    // document forbids it. The model used to call it an error, and random seeds found the disagreement.
  }
  return out;
}

/** An optional string prop: valid, a mutation of a valid value, anything, or unset. */
function maybe(
  good: fc.Arbitrary<string>,
  bad: fc.Arbitrary<Mutant>,
  any = anyString,
): fc.Arbitrary<string | undefined> {
  return fc.option(
    fc.oneof(
      { weight: 4, arbitrary: good },
      { weight: 2, arbitrary: bad.map((m) => m.value) },
      { weight: 2, arbitrary: any },
    ),
    { nil: undefined, freq: 2 },
  );
}

/** Props that are valid for a stack in `env`, every destination and option combination. */
function validBag(env: ros.Environment): fc.Arbitrary<Bag> {
  const region = env.region;
  const other = valid.accountId.filter((a) => a !== env.account);
  const thisAccount = fc
    .record({
      region: fc.option(region !== undefined ? fc.constant(region) : valid.regionId, { nil: undefined }),
      quota: fc.option(valid.quotaName, { nil: undefined }),
      createProject: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map((o): Destination => {
      const quota = o.createProject === false ? undefined : o.quota;
      return { thisAccount: { ...o, quota } };
    });
  const anotherAccount = fc
    .tuple(
      other,
      region !== undefined ? fc.constant(region) : valid.regionId,
      valid.actionTrailProjectName,
      valid.roleName,
    )
    .map(([account, r, project, role]): Destination => ({
      anotherAccount: { projectArn: `acs:odps:${r}:${account}:project/${project}`, roleArn: roleArnIn(account, role) },
    }));
  const oss = fc.option(
    fc.record({
      ossBucketName: valid.ossBucketName,
      ossKeyPrefix: fc.option(valid.ossKeyPrefix, { nil: undefined }),
      ossWriteRoleArn: fc.option(validArn(arnKinds.ramRole), { nil: undefined }),
    }),
    { nil: undefined },
  );
  const sls = fc.option(
    fc.record({
      slsProjectArn: validArn(arnKinds.slsProject),
      slsWriteRoleArn: fc.option(validArn(arnKinds.ramRole), { nil: undefined }),
    }),
    { nil: undefined },
  );
  return fc
    .record({
      trailName: fc.oneof({ weight: 9, arbitrary: valid.trailName }, { weight: 1, arbitrary: tokenString }),
      eventRW: fc.option(fc.constantFrom(...EVENT_RW), { nil: undefined }),
      trailRegion: fc.option(
        fc.oneof(
          fc.constant('All' as const),
          fc.uniqueArray(fc.oneof(valid.regionId, tokenString), { minLength: 1, maxLength: 4 }),
        ),
        { nil: undefined },
      ),
      organizationTrail: fc.option(fc.boolean(), { nil: undefined }),
      logging: fc.option(fc.boolean(), { nil: undefined }),
      oss,
      sls,
      maxCompute: fc.option(fc.oneof(thisAccount, anotherAccount), { nil: undefined }),
      removalPolicy: fc.option(fc.constantFrom(...Object.values(ros.RemovalPolicy)), { nil: undefined }),
    })
    .filter((b) => b.oss !== undefined || b.sls !== undefined || b.maxCompute !== undefined)
    .map(({ oss: o, sls: s, ...rest }) => ({ ...rest, ...o, ...s }));
}

/** Props drawn from valid values, mutations, arbitrary strings (unicode, empty, huge) and tokens. */
function fuzzBag(env: ros.Environment): fc.Arbitrary<Bag> {
  const region = env.region ?? 'cn-hangzhou';
  const pairedAccounts = fc
    .tuple(valid.accountId, valid.roleName, valid.actionTrailProjectName)
    .map(([a, role, project]) => ({
      projectArn: `acs:odps:${region}:${a}:project/${project}`,
      roleArn: roleArnIn(a, role),
    }));
  const anyArn = (kind: keyof typeof arnKinds) =>
    fc.oneof(
      validArn(arnKinds[kind]),
      arnMutants(arnKinds[kind]).map((m) => m.value),
      anyString,
    );
  return fc.record({
    trailName: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.oneof(
          valid.trailName,
          invalid.trailName.map((m) => m.value),
          anyString,
        ),
      },
      { weight: 1, arbitrary: fc.constant(undefined) }, // a JavaScript caller
    ),
    eventRW: fc.option(fc.oneof(fc.constantFrom(...EVENT_RW), anyString), { nil: undefined }),
    trailRegion: fc.option(
      fc.oneof(
        fc.constant('All' as const),
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom('cn-hangzhou', 'cn-shanghai') }, // repeats
            { weight: 2, arbitrary: valid.regionId },
            { weight: 1, arbitrary: invalid.regionId.map((m) => m.value) },
            { weight: 1, arbitrary: anyString },
          ),
          { maxLength: 4 },
        ),
      ),
      { nil: undefined },
    ),
    organizationTrail: fc.option(fc.boolean(), { nil: undefined }),
    logging: fc.option(fc.boolean(), { nil: undefined }),
    ossBucketName: maybe(valid.ossBucketName, invalid.ossBucketName),
    ossKeyPrefix: maybe(valid.ossKeyPrefix, invalid.ossKeyPrefix, anyString),
    ossWriteRoleArn: maybe(validArn(arnKinds.ramRole), arnMutants(arnKinds.ramRole)),
    slsProjectArn: maybe(validArn(arnKinds.slsProject), arnMutants(arnKinds.slsProject)),
    slsWriteRoleArn: maybe(validArn(arnKinds.ramRole), arnMutants(arnKinds.ramRole)),
    maxCompute: fc.option(
      fc.oneof(
        fc
          .record({
            region: maybe(fc.oneof(fc.constant(region), valid.regionId), invalid.regionId),
            quota: maybe(valid.quotaName, invalid.quotaName),
            createProject: fc.option(fc.boolean(), { nil: undefined }),
          })
          .map((o): Destination => ({ thisAccount: o })),
        fc
          .oneof(pairedAccounts, fc.record({ projectArn: anyArn('maxComputeProject'), roleArn: anyArn('ramRole') }))
          .map((o): Destination => ({ anotherAccount: o })),
      ),
      { nil: undefined },
    ),
    removalPolicy: fc.option(fc.constantFrom(...Object.values(ros.RemovalPolicy)), { nil: undefined }),
  });
}

const BAG_KEYS: (keyof Bag)[] = [
  'trailName',
  'eventRW',
  'trailRegion',
  'organizationTrail',
  'logging',
  'ossBucketName',
  'ossKeyPrefix',
  'ossWriteRoleArn',
  'slsProjectArn',
  'slsWriteRoleArn',
  'maxCompute',
  'removalPolicy',
];

/** Valid props with one (or two) of them swapped for a fuzzed value: a single fault is not hidden by others. */
function oneFaultBag(env: ros.Environment): fc.Arbitrary<Bag> {
  return fc
    .tuple(validBag(env), fuzzBag(env), fc.uniqueArray(fc.constantFrom(...BAG_KEYS), { minLength: 1, maxLength: 2 }))
    .map(([good, fuzzed, keys]) => Object.assign({}, good, ...keys.map((k) => ({ [k]: fuzzed[k] }))) as Bag);
}

const PROPERTIES = new Set([
  'trailName',
  'eventRW',
  'trailRegion',
  'ossBucketName',
  'ossKeyPrefix',
  'ossWriteRoleArn',
  'slsProjectArn',
  'slsWriteRoleArn',
  'maxCompute',
  'maxCompute.region',
  'maxCompute.quota',
  'maxCompute.projectArn',
  'maxCompute.roleArn',
]);

/** What an accepted trail must hold: its parameters are its props, and every literal ARN in them is well formed. */
function expectAccepted(trail: Trail, env: ros.Environment, bag: Bag): void {
  const p = trail.parameters;
  expect(p.Name).toBe(bag.trailName);
  expect(p.EventRW).toBe(bag.eventRW ?? 'All');
  expect(p.TrailRegion).toBe(Array.isArray(bag.trailRegion) ? bag.trailRegion.join(',') : 'All');
  expect(p.IsOrganizationTrail).toBe(bag.organizationTrail ?? false);
  expect(p.Logging).toBe(bag.logging ?? true);
  for (const key of ['ossBucketName', 'ossKeyPrefix', 'ossWriteRoleArn', 'slsProjectArn', 'slsWriteRoleArn'] as const) {
    const name = key[0].toUpperCase() + key.slice(1);
    if (bag[key] === undefined) expect(p).not.toHaveProperty(name);
    else expect(p[name]).toBe(bag[key]);
  }
  const projectArn = p.MaxComputeProjectArn as string | undefined;
  expect(projectArn !== undefined).toBe(bag.maxCompute !== undefined);
  if (projectArn !== undefined && !isToken(projectArn)) {
    expect(isArnOf(arnKinds.maxComputeProject, projectArn)).toBe(true);
    expect(trail.maxComputeTableName).toBe(`actiontrail_${bag.trailName}`);
  }
  if (bag.maxCompute && 'anotherAccount' in bag.maxCompute) {
    expect(p.MaxComputeProjectArn).toBe(bag.maxCompute.anotherAccount.projectArn);
    expect(p.MaxComputeWriteRoleArn).toBe(bag.maxCompute.anotherAccount.roleArn);
  } else {
    expect(p).not.toHaveProperty('MaxComputeWriteRoleArn');
  }
  if (env.region !== undefined && env.account !== undefined && !isToken(bag.trailName)) {
    expect(trail.trailArn).toBe(`acs:actiontrail:${env.region}:${env.account}:trail/${bag.trailName}`);
  }
}

const envAndBag = (bag: (env: ros.Environment) => fc.Arbitrary<Bag>) =>
  fc.constantFrom(...ENVS).chain((env) => bag(env).map((b) => ({ env, bag: b })));

describe('Trail with whole prop bags', () => {
  test('valid props (every destination and option combination) are accepted', () => {
    fc.assert(
      fc.property(constructId, envAndBag(validBag), (trailId, { env, bag }) => {
        expect(problems(env, bag)).toEqual([]); // the generator is right
        const stack = newStack('Audit', env);
        const e = thrown(() => expectAccepted(new Trail(stack, trailId, toProps(bag)), env, bag));
        if (e !== undefined) throw new Error(`valid props rejected: ${describeThrown(e)}`);
      }),
      runs(CONSTRUCT_RUNS * 2),
    );
  });

  test('any props: accepted exactly when the model says they are valid, and only ever a ValidationError', () => {
    const bags = fc.oneof(
      { weight: 1, arbitrary: envAndBag(fuzzBag) },
      { weight: 1, arbitrary: envAndBag(validBag) },
      { weight: 4, arbitrary: envAndBag(oneFaultBag) },
    );
    fc.assert(
      fc.property(constructId, bags, (trailId, { env, bag }) => {
        const stack = newStack('Audit', env);
        const expected = problems(env, bag);
        let trail: Trail | undefined;
        const e = thrown(() => {
          trail = new Trail(stack, trailId, toProps(bag));
        });
        if (e !== undefined && !(e instanceof ValidationError)) {
          throw new Error(`threw something other than a ValidationError: ${describeThrown(e)}`);
        }
        if (expected.length === 0) {
          if (e) throw new Error(`valid props rejected: ${(e as Error).message.slice(0, 300)}`);
          expectAccepted(trail!, env, bag);
        } else {
          if (!e) throw new Error(`invalid props accepted; the model objects to ${expected.join(', ')}`);
          const err = e as ValidationError;
          expect(PROPERTIES.has(err.property)).toBe(true);
          expect(expected).toContain(err.property);
          expect(err.constructPath).toBe(`Audit/${trailId}`);
          expect(err.message.startsWith(`Trail 'Audit/${trailId}': ${err.property} `)).toBe(true);
        }
      }),
      runs(CONSTRUCT_RUNS * 8),
    );
  });

  test('JavaScript callers: a non-string in a string prop is a ValidationError, never a TypeError', () => {
    const notString = fc
      .anything({ maxDepth: 1 })
      .filter((v) => typeof v !== 'string' && v !== undefined && !isToken(v));
    const stringProps = [
      'trailName',
      'ossBucketName',
      'ossKeyPrefix',
      'ossWriteRoleArn',
      'slsProjectArn',
      'slsWriteRoleArn',
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...stringProps), notString, (key, value) => {
        const props: Record<string, unknown> = {
          trailName: 'audit_trail',
          ossBucketName: 'audit-bucket',
          ...(key === 'slsWriteRoleArn' ? { slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit' } : {}),
          [key]: value,
        };
        const e = thrown(() => new Trail(newStack(), 'T', props as unknown as TrailProps));
        if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${describeThrown(e)}`);
        expect(e.property).toBe(key);
        expect(e.message).toBe(`Trail 'Audit/T': ${key} ${quote(value)} must be a string`);
      }),
      runs(CONSTRUCT_RUNS),
    );
  });

  test('MaxComputeDestination options given non-strings (JavaScript callers) are a ValidationError', () => {
    const notString = fc
      .anything({ maxDepth: 1 })
      .filter((v) => typeof v !== 'string' && v !== undefined && !isToken(v));
    const cases = fc.oneof(
      fc
        .tuple(fc.constant('maxCompute.region'), notString)
        .map(([p, v]) => ({ p, v, d: MaxComputeDestination.thisAccount({ region: v as any }) })),
      fc
        .tuple(fc.constant('maxCompute.quota'), notString)
        .map(([p, v]) => ({ p, v, d: MaxComputeDestination.thisAccount({ quota: v as any }) })),
      fc.tuple(fc.constant('maxCompute.projectArn'), notString).map(([p, v]) => ({
        p,
        v,
        d: MaxComputeDestination.anotherAccount({ projectArn: v as any, roleArn: roleArnIn('2234567890123456') }),
      })),
      fc.tuple(fc.constant('maxCompute.roleArn'), notString).map(([p, v]) => ({
        p,
        v,
        d: MaxComputeDestination.anotherAccount({ projectArn: projectArnIn('2234567890123456'), roleArn: v as any }),
      })),
    );
    fc.assert(
      fc.property(cases, ({ p, v, d }) => {
        const e = thrown(() => new Trail(newStack(), 'T', { trailName: 'audit_trail', maxCompute: d }));
        if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${describeThrown(e)}`);
        expect(e.property).toBe(p);
        expect(e.message).toContain(`${quote(v)} must be a string`);
      }),
      runs(CONSTRUCT_RUNS),
    );
  });
});

describe('Trail synthesis', () => {
  test("valid props synthesize a Custom::ActionTrailTrail with the trail's parameters", () => {
    fc.assert(
      fc.property(constructId, envAndBag(validBag), (trailId, { env, bag }) => {
        const stack = newStack('Audit', env);
        const trail = new Trail(stack, trailId, toProps(bag));
        const template = synthTemplate(stack);
        const resource = template.Resources[trailId];
        expect(resource.Type).toBe('Custom::ActionTrailTrail');
        expect(resource.DependsOn).toContain('ActionTrailProviderFunction');
        const params = resource.Properties.Parameters;
        expect(params.EventRW).toBe(trail.parameters.EventRW);
        expect(params.TrailRegion === trail.parameters.TrailRegion || typeof params.TrailRegion === 'object').toBe(
          true,
        );
        if (!isToken(bag.trailName)) expect(params.Name).toBe(bag.trailName);
        if (typeof params.MaxComputeProjectArn === 'string') {
          expect(isArnOf(arnKinds.maxComputeProject, params.MaxComputeProjectArn)).toBe(true);
        }
        if (bag.maxCompute && 'thisAccount' in bag.maxCompute) {
          const o = bag.maxCompute.thisAccount;
          const created = o.createProject ?? o.quota !== undefined;
          expect(template.Resources.ActionTrailProject !== undefined).toBe(created);
          if (created) expect(resource.DependsOn).toContain('ActionTrailProject');
        }
      }),
      runs(SYNTH_RUNS),
    );
  });
});

// ===========================================================================
// DeliveryDestination (lib/destinations/delivery-destination.ts)

/** DeliveryDestination props as plain data. */
interface DestinationBag {
  readonly sourceAccountIds?: unknown;
  readonly projectName?: string;
  readonly quota?: string;
  readonly roleName?: string;
  readonly maxTrustPolicyBytes?: number;
  readonly removalPolicy?: ros.RemovalPolicy;
}

const SERVICE_SUFFIX = '@actiontrail.aliyuncs.com';

/** The trust policy's size in bytes, restated from ActionTrail's cross-account delivery trust policy (a token account counts as 16 digits). */
function trustPolicyBytes(ids: readonly string[]): number {
  const principals = ids.map((id) => `${isToken(id) ? '0'.repeat(16) : id}${SERVICE_SUFFIX}`);
  return Buffer.byteLength(
    JSON.stringify({
      Version: '1',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: principals } }],
    }),
    'utf8',
  );
}

/** Every prop the model says is wrong (empty: the destination must be accepted). */
function destinationProblems(env: ros.Environment, bag: DestinationBag): string[] {
  const out: string[] = [];
  const literal = (v: unknown): v is string => typeof v === 'string' && !isToken(v);
  const ids = bag.sourceAccountIds;
  let idsOk = false;
  if (!Array.isArray(ids) || ids.length === 0) {
    out.push('sourceAccountIds');
  } else {
    idsOk = true;
    ids.forEach((id, i) => {
      const wrong =
        typeof id !== 'string'
          ? !isToken(id)
          : literal(id) && (!model.accountId(id) || ids.indexOf(id) !== i || id === env.account);
      if (wrong) {
        out.push(`sourceAccountIds[${i}]`);
        idsOk = false;
      }
    });
  }
  if (literal(bag.projectName) && !model.actionTrailProjectName(bag.projectName)) out.push('projectName');
  if (literal(bag.quota) && !model.quotaName(bag.quota)) out.push('quota');
  if (literal(bag.roleName) && !model.roleName(bag.roleName)) out.push('roleName');
  const max = bag.maxTrustPolicyBytes;
  const maxOk = max === undefined || (Number.isInteger(max) && max > 0);
  if (!maxOk) out.push('maxTrustPolicyBytes');
  if (idsOk && maxOk && trustPolicyBytes(ids as string[]) > (max ?? 2048)) out.push('sourceAccountIds');
  return out;
}

function validDestinationBag(env: ros.Environment): fc.Arbitrary<DestinationBag> {
  return fc.record({
    sourceAccountIds: fc
      .uniqueArray(fc.oneof({ weight: 9, arbitrary: valid.accountId }, { weight: 1, arbitrary: tokenString }), {
        minLength: 1,
        maxLength: 6,
      })
      .filter((ids) => !ids.includes(env.account as string)),
    projectName: fc.option(fc.oneof(valid.actionTrailProjectName, tokenString), { nil: undefined }),
    quota: fc.option(valid.quotaName, { nil: undefined }),
    roleName: fc.option(valid.roleName, { nil: undefined }),
    maxTrustPolicyBytes: fc.option(fc.integer({ min: 1024, max: 100_000 }), { nil: undefined }),
    removalPolicy: fc.option(fc.constantFrom(...Object.values(ros.RemovalPolicy)), { nil: undefined }),
  });
}

/** Any JavaScript value, as a JavaScript caller might pass. */
const jsValue = fc.anything({ maxDepth: 1 });

function fuzzDestinationBag(_env: ros.Environment): fc.Arbitrary<DestinationBag> {
  const id = fc.oneof(
    { weight: 4, arbitrary: valid.accountId },
    { weight: 2, arbitrary: fc.constantFrom('1234567890123456', '2234567890123456') }, // repeats, and the stack's own account
    { weight: 2, arbitrary: invalid.accountId.map((m) => m.value) },
    { weight: 1, arbitrary: anyString },
    { weight: 1, arbitrary: jsValue }, // JavaScript callers
  );
  return fc.record({
    sourceAccountIds: fc.oneof(
      { weight: 8, arbitrary: fc.array(id, { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.array(valid.accountId, { minLength: 40, maxLength: 60 }) }, // over the trust-policy limit
      { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), jsValue) },
    ),
    projectName: maybe(valid.actionTrailProjectName, invalid.actionTrailProjectName),
    quota: maybe(valid.quotaName, invalid.quotaName),
    roleName: maybe(valid.roleName, invalid.roleName),
    maxTrustPolicyBytes: fc.option(fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.double(), fc.constant(2048)), {
      nil: undefined,
    }),
    removalPolicy: fc.option(fc.constantFrom(...Object.values(ros.RemovalPolicy)), { nil: undefined }),
  });
}

const destinationEnvAndBag = (bag: (env: ros.Environment) => fc.Arbitrary<DestinationBag>) =>
  fc
    .constantFrom<ros.Environment>({ region: STACK_REGION }, { region: STACK_REGION, account: '2234567890123456' }, {})
    .chain((env) => bag(env).map((b) => ({ env, bag: b })));

describe('DeliveryDestination', () => {
  test('any props: accepted exactly when the model says they are valid, and only ever a ValidationError', () => {
    const bags = fc.oneof(destinationEnvAndBag(fuzzDestinationBag), destinationEnvAndBag(validDestinationBag));
    fc.assert(
      fc.property(constructId, bags, (id, { env, bag }) => {
        const stack = newStack('Archive', env);
        const expected = destinationProblems(env, bag);
        let d: DeliveryDestination | undefined;
        const e = thrown(() => {
          d = new DeliveryDestination(stack, id, bag as DeliveryDestinationProps);
        });
        if (e !== undefined && !(e instanceof ValidationError)) {
          throw new Error(`threw something other than a ValidationError: ${describeThrown(e)}`);
        }
        if (expected.length > 0) {
          if (!e) throw new Error(`invalid props accepted; the model objects to ${expected.join(', ')}`);
          const err = e as ValidationError;
          expect(expected).toContain(err.property);
          expect(err.constructPath).toBe(`Archive/${id}`);
          expect(err.message.startsWith(`DeliveryDestination 'Archive/${id}': ${err.property} `)).toBe(true);
          return;
        }
        if (e) throw new Error(`valid props rejected: ${(e as Error).message.slice(0, 300)}`);
        const ids = bag.sourceAccountIds as string[];
        expect(d!.sourceAccountIds).toEqual(ids);
        expect(d!.roleName).toBe(bag.roleName ?? 'ActionTrailDeliveryRole');
        expect(d!.trustPolicy.Statement).toHaveLength(1);
        expect(d!.trustPolicy.Statement[0].Principal.Service).toEqual(ids.map((a) => `${a}${SERVICE_SUFFIX}`));
        expect(d!.trustPolicyBytes).toBe(trustPolicyBytes(ids));
        if (env.account !== undefined && env.region !== undefined) {
          const projectName = bag.projectName ?? `actiontrail_${env.account}`;
          if (isToken(projectName)) {
            expect(isToken(d!.projectArn)).toBe(true);
          } else {
            expect(d!.projectArn).toBe(`acs:odps:${env.region}:${env.account}:project/${projectName}`);
            expect(isArnOf(arnKinds.maxComputeProject, d!.projectArn)).toBe(true);
          }
          if (!isToken(d!.roleName)) {
            expect(d!.roleArn).toBe(`acs:ram::${env.account}:role/${d!.roleName}`);
            expect(isArnOf(arnKinds.ramRole, d!.roleArn)).toBe(true);
          }
        }
      }),
      runs(CONSTRUCT_RUNS * 4),
    );
  });

  test('an invalid value throws a ValidationError naming the construct path, the property and the quoted value', () => {
    const slots = fc.oneof(
      fc.record({ property: fc.constant('projectName'), value: invalid.actionTrailProjectName.map((m) => m.value) }),
      fc.record({ property: fc.constant('quota'), value: invalid.quotaName.map((m) => m.value) }),
      fc.record({ property: fc.constant('roleName'), value: invalid.roleName.map((m) => m.value) }),
      fc.record({ property: fc.constant('sourceAccountIds[0]'), value: invalid.accountId.map((m) => m.value) }),
    );
    fc.assert(
      fc.property(constructId, slots, (id, { property, value }) => {
        const props: DeliveryDestinationProps =
          property === 'sourceAccountIds[0]'
            ? { sourceAccountIds: [value] }
            : { sourceAccountIds: ['1234567890123456'], [property]: value };
        const e = thrown(() => new DeliveryDestination(newStack('Archive'), id, props));
        if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${describeThrown(e)}`);
        expect(e.constructPath).toBe(`Archive/${id}`);
        expect(e.property).toBe(property);
        expect(e.message.startsWith(`DeliveryDestination 'Archive/${id}': ${property} ${quote(value)} `)).toBe(true);
      }),
      runs(CONSTRUCT_RUNS),
    );
  });

  test("a source account's trail accepts the destination's ARNs (another account, same region), and both synthesize", () => {
    const accounts = fc.uniqueArray(valid.accountId, { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(
        accounts,
        validDestinationBag({ region: STACK_REGION }),
        valid.trailName,
        ([destination, source], bag, trailName) => {
          const ids = [source, ...(bag.sourceAccountIds as string[]).filter((a) => a !== source && a !== destination)];
          const props = {
            ...bag,
            sourceAccountIds: ids,
            projectName: isToken(bag.projectName) ? undefined : bag.projectName,
          };
          fc.pre(trustPolicyBytes(ids) <= (props.maxTrustPolicyBytes ?? 2048));
          const archive = newStack('Archive', { region: STACK_REGION, account: destination });
          const app = archive.node.root as ros.App;
          const member = new ros.Stack(app, 'Member', { env: { region: STACK_REGION, account: source } });
          const d = new DeliveryDestination(archive, 'Delivery', props as DeliveryDestinationProps);
          const trail = new Trail(member, 'Trail', {
            trailName,
            maxCompute: MaxComputeDestination.anotherAccount({ projectArn: d.projectArn, roleArn: d.roleArn }),
          });
          expect(trail.parameters.MaxComputeProjectArn).toBe(d.projectArn);
          expect(trail.parameters.MaxComputeWriteRoleArn).toBe(d.roleArn);
          const assembly = app.synth();
          const role = assembly.getStackByName('Archive').template.Resources.DeliveryRole;
          expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service).toContain(
            `${source}${SERVICE_SUFFIX}`,
          );
        },
      ),
      runs(SYNTH_RUNS),
    );
  });
});
