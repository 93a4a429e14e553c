/**
 * Regressions: properties the fuzz tests once found broken (issue #5), each
 * with the counterexample found while fuzzing tried first (fast-check's
 * `examples`), so a return of the bug fails deterministically.
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
  MemberAccountTrails,
  OrganizationAudit,
  Trail,
  TrailProps,
  TrailRegion,
  ValidationError,
} from '../../lib';
import { PropValidator } from '../../lib/private/errors';
import { ossKeyPrefixRule } from '../../lib/private/names';
import { arnKinds, CONSTRUCT_RUNS, invalid, isArnOf, PURE_RUNS, runs, valid, validArn } from './arbitraries';
import { describeThrown, thrown } from '../support/errors';
import { newApp, newStack, synthTemplate } from '../support/template';

/** Throws unless `f` throws a ValidationError for `property`; returns it. */
function expectValidationError(f: () => unknown, property?: string): ValidationError {
  const e = thrown(f);
  if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${describeThrown(e)}`);
  if (property !== undefined) expect(e.property).toBe(property);
  return e;
}

// ---------------------------------------------------------------------------
// BUG 1: MaxComputeDestination.anotherAccount does not check that projectArn and roleArn are set.
// Counterexamples: {} and { roleArn } throw TypeError "Cannot read properties of undefined (reading 'split')";
// { projectArn } alone is ACCEPTED: the trail delivers cross-account without a write role.
// Fix (lib/destinations/maxcompute-destination.ts, AnotherAccountDestination.bind, first lines):
//   if (this.options?.projectArn === undefined) v.fail('maxCompute.projectArn', 'is required: ...');
//   if (this.options.roleArn === undefined) v.fail('maxCompute.roleArn', 'is required: ...');

describe('fixed bug 1: anotherAccount with projectArn or roleArn missing (JavaScript callers, `as any`)', () => {
  const projectArn = 'acs:odps:cn-hangzhou:2234567890123456:project/actiontrail_2234567890123456';
  const roleArn = 'acs:ram::2234567890123456:role/ActionTrailDeliveryRole';
  test('is a ValidationError naming the missing option', () => {
    const options = fc
      .record(
        {
          projectArn: fc.constant(projectArn),
          roleArn: fc.constant(roleArn),
        },
        { requiredKeys: [] },
      )
      .filter((o) => o.projectArn === undefined || o.roleArn === undefined);
    fc.assert(
      fc.property(options, (o) => {
        const missing = o.projectArn === undefined ? 'maxCompute.projectArn' : 'maxCompute.roleArn';
        expectValidationError(
          () =>
            new Trail(newStack(), 'T', {
              trailName: 'audit_trail',
              maxCompute: MaxComputeDestination.anotherAccount(o as AnotherAccountMaxComputeOptions),
            }),
          missing,
        );
      }),
      { ...runs(CONSTRUCT_RUNS), examples: [[{ projectArn }], [{}], [{ roleArn }]] },
    );
  });
});

// ---------------------------------------------------------------------------
// BUG 2: a Trail whose construct id is one the library uses for its own children breaks.
// Counterexamples: id 'ActionTrailProvider' -> TypeError "this.provider.allowServiceLinkedRole is not a
// function" (TrailProvider.of finds the trail itself); id 'ActionTrailProject' with
// thisAccount({ createProject: true }) -> synthesizes WITHOUT the MaxCompute project and with the trail
// depending on itself; ids 'ActionTrailProviderRole' / 'ActionTrailProviderFunction' -> plain Error
// "section 'Resources' already contains ..." at synth.
// Fix (lib/constructs/trail.ts, after `const v = new PropValidator('Trail', this)`):
//   const RESERVED_IDS = ['ActionTrailProvider', 'ActionTrailProviderRole', 'ActionTrailProviderFunction', 'ActionTrailProject'];
//   if (RESERVED_IDS.includes(id)) v.fail('id', `'${id}' is the logical ID of a resource this library adds to the stack: choose another id`);
// and make the lookups type-safe: TrailProvider.of returns `existing` only if `existing instanceof TrailProvider`,
// ThisAccountDestination.project only if `existing instanceof RosProject` (else fail).

describe('fixed bug 2: trail construct ids the library reserves', () => {
  const RESERVED = [
    'ActionTrailProvider',
    'ActionTrailProject',
    'ActionTrailProviderRole',
    'ActionTrailProviderFunction',
  ];
  test('are a ValidationError, or synthesize a sound template (provider, project, no self-dependency)', () => {
    const destination = fc.constantFrom('thisAccount+project', 'thisAccount', 'oss');
    fc.assert(
      fc.property(fc.constantFrom(...RESERVED), destination, (id, kind) => {
        const stack = newStack();
        const props: TrailProps =
          kind === 'oss'
            ? { trailName: 'audit_trail', ossBucketName: 'audit-bucket' }
            : {
                trailName: 'audit_trail',
                maxCompute: MaxComputeDestination.thisAccount({ createProject: kind === 'thisAccount+project' }),
              };
        const e = thrown(() => {
          new Trail(stack, id, props);
          const resources = synthTemplate(stack).Resources;
          expect(resources[id]?.Type).toBe('Custom::ActionTrailTrail');
          expect(resources[id].DependsOn ?? []).not.toContain(id);
          expect(resources.ActionTrailProviderFunction?.Type).toBe('ALIYUN::FC3::Function');
          expect(resources.ActionTrailProviderRole?.Type).toBe('ALIYUN::RAM::Role');
          if (kind === 'thisAccount+project')
            expect(resources.ActionTrailProject?.Type).toBe('ALIYUN::MaxCompute::Project');
        });
        if (e !== undefined && !(e instanceof ValidationError)) throw e;
      }),
      {
        numRuns: 12,
        examples: [
          ['ActionTrailProvider', 'oss'],
          ['ActionTrailProject', 'thisAccount+project'],
        ],
      },
    );
  });
});

// ---------------------------------------------------------------------------
// BUG 3: some messages quote the value without `quote()`, so they grow with the input (a 100,000-character
// eventRW gives a 100,000-character message), unlike every PropValidator.check message (cut at 80).
// Counterexamples: eventRW 'x'.repeat(1000); TrailRegion.of('X'.repeat(1000));
// slsProjectArn 'acs:log:cn-hangzhou:1234567890123456:project/' + 'x'.repeat(1000) (the ARN rules put the
// region, account and name in the phrase unquoted).
// Fix: use quote() (now lib/shared/quote.ts):
//   lib/constructs/trail.ts:        v.fail('eventRW', `${quote(eventRW)} must be one of ...`);
//                        v.fail('trailRegion', `${quote(trailRegion.value)} ${regionProblem}`);
//   lib/constructs/trail-region.ts: return `has ${quote(id)}, which ${broken}`;  return `lists ${quote(duplicate)} twice`;
//   lib/private/arn.ts (arnRule): `has region ${quote(p.region)}, which ...`, `has account ${quote(p.account)}, which ...`,
//                         `has name ${quote(p.resourceName)}, which ...`

describe('fixed bug 3: messages stay short whatever the input size', () => {
  const BOUND = 600;
  type Case = { property: string; props: (huge: string) => TrailProps };
  const base = { trailName: 'audit_trail', ossBucketName: 'audit-bucket' };
  const cases: Case[] = [
    { property: 'eventRW', props: (h) => ({ ...base, eventRW: h as EventRW }) },
    { property: 'trailRegion', props: (h) => ({ ...base, trailRegion: TrailRegion.of(h) }) },
    {
      property: 'slsProjectArn',
      props: (h) => ({ trailName: 'audit_trail', slsProjectArn: `acs:log:cn-hangzhou:1234567890123456:project/_${h}` }),
    },
    { property: 'ossWriteRoleArn', props: (h) => ({ ...base, ossWriteRoleArn: `acs:ram::${h}:role/r` }) },
    {
      property: 'maxCompute.projectArn',
      props: (h) => ({
        trailName: 'audit_trail',
        maxCompute: MaxComputeDestination.anotherAccount({
          projectArn: `acs:odps:${h}:2234567890123456:project/actiontrail_x`,
          roleArn: 'acs:ram::2234567890123456:role/r',
        }),
      }),
    },
  ];
  test('every ValidationError message is at most 600 characters and carries quote(value)', () => {
    // Any length up to 100,000: fast-check shrinks a failure to the shortest input that breaks the bound.
    const huge = fc
      .tuple(fc.constantFrom('x', 'X1', '\u{1f642}'), fc.integer({ min: 1, max: 100_000 }))
      .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
    fc.assert(
      fc.property(fc.constantFrom(...cases), huge, (c, h) => {
        const e = expectValidationError(() => new Trail(newStack(), 'T', c.props(h)), c.property);
        expect(e.message.length).toBeLessThanOrEqual(BOUND);
      }),
      {
        ...runs(CONSTRUCT_RUNS),
        examples: [
          [cases[0], 'x'.repeat(1_000)],
          [cases[1], 'X'.repeat(1_000)],
          [cases[2], 'x'.repeat(1_000)],
        ],
      },
    );
  });

  test('(the bound is reachable: PropValidator.check messages already obey it)', () => {
    const e = expectValidationError(
      () => new Trail(newStack(), 'T', { ...base, ossBucketName: 'X'.repeat(100_000) }),
      'ossBucketName',
    );
    expect(e.message.length).toBeLessThanOrEqual(BOUND);
    expect(e.message).toContain(quote('X'.repeat(100_000)));
  });
});

// ---------------------------------------------------------------------------
// BUG 4: ossKeyPrefixRule says "without control characters" but accepts DEL (U+007F) and the C1 controls
// (U+0080-U+009F), which Unicode also classes as control characters (Cc).
// Counterexamples: 'events\u007f', 'events/\u0085' (jest prints the control character raw: "events").
// Fix (lib/private/names.ts, ossKeyPrefixRule): !/[\u0000-\u001f\u007f-\u009f]/.test(value)

describe('fixed bug 4: OSS key prefixes with DEL or a C1 control character', () => {
  test('are rejected, by the rule and by Trail', () => {
    const withC1 = fc
      .tuple(valid.ossKeyPrefix, fc.integer({ min: 0x7f, max: 0x9f }), fc.nat())
      .map(([v, code, at]) => {
        const i = at % (v.length + 1);
        return `${v.slice(0, i)}${String.fromCharCode(code)}${v.slice(i)}`.slice(0, 32);
      })
      .filter((v) => /[\u007f-\u009f]/.test(v));
    fc.assert(
      fc.property(withC1, (prefix) => {
        expect(ossKeyPrefixRule(prefix)).toEqual(expect.any(String));
        expectValidationError(
          () =>
            new Trail(newStack(), 'T', {
              trailName: 'audit_trail',
              ossBucketName: 'audit-bucket',
              ossKeyPrefix: prefix,
            }),
          'ossKeyPrefix',
        );
      }),
      { ...runs(PURE_RUNS / 4), examples: [['events\u007f'], ['events/\u0085']] },
    );
  });
});

// ---------------------------------------------------------------------------
// BUG 5: a literal stack env.account (or env.region) that is not an account ID (region ID) is used
// unchecked to build ARNs and names: MaxCompute project ARNs the library's own rule rejects.
// Counterexamples: env { region: 'cn-hangzhou', account: '123456789012345' } (15 digits) with
// MaxComputeDestination.thisAccount() -> MaxComputeProjectArn
// 'acs:odps:cn-hangzhou:123456789012345:project/actiontrail_123456789012345'; DeliveryDestination in the same
// stack -> roleArn 'acs:ram::123456789012345:role/ActionTrailDeliveryRole'.
// Fix (lib/destinations/maxcompute-destination.ts ThisAccountDestination.bind, and DeliveryDestination):
//   if (!ros.Token.isUnresolved(stack.account) && accountIdRule(stack.account)) {
//     v.fail('maxCompute', `needs the stack's account, but env.account ${quote(stack.account)} ${accountIdRule(stack.account)}`);
//   }
// (and the same with regionIdRule for stack.region when `region` is not given).

describe('fixed bug 5: a literal stack account that is not a 16-digit account ID', () => {
  const badAccount = invalid.accountId.map((m) => m.value).filter((a) => a !== '' && !/[:/\s]/.test(a));
  test('never yields an ARN the library rejects: a ValidationError, or a well-formed MaxComputeProjectArn', () => {
    fc.assert(
      fc.property(badAccount, (account) => {
        const stack = newStack('Audit', { region: 'cn-hangzhou', account });
        let trail: Trail | undefined;
        const e = thrown(() => {
          trail = new Trail(stack, 'T', { trailName: 'audit_trail', maxCompute: MaxComputeDestination.thisAccount() });
        });
        if (e !== undefined) {
          if (!(e instanceof ValidationError)) throw e;
          return;
        }
        expect(isArnOf(arnKinds.maxComputeProject, trail!.parameters.MaxComputeProjectArn as string)).toBe(true);
      }),
      { ...runs(CONSTRUCT_RUNS), examples: [['123456789012345']] },
    );
  });

  test('DeliveryDestination: a ValidationError, or a well-formed roleArn', () => {
    fc.assert(
      fc.property(badAccount, (account) => {
        const stack = newStack('Archive', { region: 'cn-hangzhou', account });
        let d: DeliveryDestination | undefined;
        const e = thrown(() => {
          d = new DeliveryDestination(stack, 'D', { sourceAccountIds: ['1234567890123456'] });
        });
        if (e !== undefined) {
          if (!(e instanceof ValidationError)) throw e;
          return;
        }
        expect(isArnOf(arnKinds.ramRole, d!.roleArn)).toBe(true);
      }),
      { ...runs(CONSTRUCT_RUNS), examples: [['123456789012345']] },
    );
  });
});

// ---------------------------------------------------------------------------
// BUG 6: JavaScript callers (or `as any`) who pass the wrong type to an object prop get a TypeError, not a
// ValidationError naming the prop. Counterexamples below, one test each.
// Fix (lib/constructs/trail.ts): `if (!props) throw ...` / v.fail('props', 'are required');
//   if (!(trailRegion instanceof TrailRegion)) v.fail('trailRegion', `${quote(trailRegion)} must be TrailRegion.ALL or TrailRegion.of(...)`);
//   if (props.maxCompute !== undefined && !(props.maxCompute instanceof MaxComputeDestination))
//     v.fail('maxCompute', `... must be MaxComputeDestination.thisAccount() or .anotherAccount()`);
//   eventRW: use quote(eventRW) (JSON) instead of `'${eventRW}'`, which throws on objects without a prototype;
// (lib/destinations/maxcompute-destination.ts): thisAccount(options) -> new ThisAccountDestination(options ?? {});
// (lib/destinations/delivery-destination.ts): check `props` is set; print maxTrustPolicyBytes with String(), not
// JSON.stringify (which throws on a BigInt).

describe('fixed bug 6: wrong types in object props (JavaScript callers)', () => {
  const cases: { name: string; make: () => unknown; property?: string }[] = [
    {
      name: "trailRegion: 'All' (a string, the API's value)",
      property: 'trailRegion',
      make: () =>
        new Trail(newStack(), 'T', {
          trailName: 'audit_trail',
          ossBucketName: 'audit-bucket',
          trailRegion: 'All' as any,
        }),
    },
    {
      name: 'maxCompute: {} (a plain object)',
      property: 'maxCompute',
      make: () => new Trail(newStack(), 'T', { trailName: 'audit_trail', maxCompute: {} as any }),
    },
    {
      name: 'eventRW: an object without a prototype',
      property: 'eventRW',
      make: () =>
        new Trail(newStack(), 'T', {
          trailName: 'audit_trail',
          ossBucketName: 'audit-bucket',
          eventRW: Object.create(null),
        }),
    },
    { name: 'Trail props: undefined', make: () => new Trail(newStack(), 'T', undefined as any) },
    { name: 'OrganizationAudit props: undefined', make: () => new OrganizationAudit(newApp(), 'O', undefined as any) },
    {
      name: 'MemberAccountTrails props: undefined',
      make: () => new MemberAccountTrails(newStack(), 'M', undefined as any),
    },
    {
      name: 'TrailRegion.of(undefined)',
      property: 'trailRegion',
      make: () =>
        new Trail(newStack(), 'T', {
          trailName: 'audit_trail',
          ossBucketName: 'audit-bucket',
          trailRegion: TrailRegion.of(undefined as any),
        }),
    },
    {
      name: 'addToPolicy without actions',
      property: 'actions',
      make: () =>
        new Trail(newStack(), 'T', { trailName: 'audit_trail', ossBucketName: 'audit-bucket' }).provider.addToPolicy(
          {} as any,
        ),
    },
    {
      name: 'DeliveryDestination props: undefined',
      make: () => new DeliveryDestination(newStack(), 'D', undefined as any),
    },
    {
      name: 'DeliveryDestination maxTrustPolicyBytes: a BigInt',
      property: 'maxTrustPolicyBytes',
      make: () =>
        new DeliveryDestination(newStack(), 'D', {
          sourceAccountIds: ['1234567890123456'],
          maxTrustPolicyBytes: BigInt(10) as any,
        } as DeliveryDestinationProps),
    },
  ];
  for (const c of cases) {
    test(`${c.name} is a ValidationError`, () => {
      expectValidationError(c.make, c.property);
    });
  }

  test('MaxComputeDestination.thisAccount(null) means no options, like thisAccount()', () => {
    const trail = new Trail(newStack(), 'T', {
      trailName: 'audit_trail',
      maxCompute: MaxComputeDestination.thisAccount(null as any),
    });
    expect(trail.parameters.MaxComputeProjectArn).toBeDefined();
  });

  test('(valid tokens of those props still work: the fixes must keep them)', () => {
    const stack = newStack();
    expect(
      () =>
        new Trail(stack, 'T', {
          trailName: ros.Fn.ref('Name'),
          trailRegion: TrailRegion.of(ros.Fn.ref('Region')),
          maxCompute: MaxComputeDestination.thisAccount(),
          slsProjectArn: validArnSample(),
        }),
    ).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// BUG 7: PropValidator.checkEach lets `undefined` elements through (check() passes undefined, meant for
// unset optional props), so DeliveryDestination accepts sourceAccountIds [undefined] (e.g.
// [process.env.SOURCE_ACCOUNT!] with the variable unset) and renders a trust policy that trusts
// "undefined@actiontrail.aliyuncs.com". Counterexamples: [undefined], ['1234567890123456', undefined].
// Fix (lib/private/errors.ts, PropValidator.checkEach):
//   (values ?? []).forEach((v, i) => {
//     if (v === undefined) this.fail(`${property}[${i}]`, 'is undefined: every element must be set');
//     this.check(`${property}[${i}]`, v, rule);
//   });

describe('fixed bug 7: undefined elements of a checked list', () => {
  test('are a ValidationError naming the element (PropValidator.checkEach, DeliveryDestination.sourceAccountIds)', () => {
    const ids = fc
      .array(fc.option(valid.accountId, { nil: undefined }), { minLength: 1, maxLength: 4 })
      .filter((a) => a.includes(undefined) && new Set(a).size === a.length);
    fc.assert(
      fc.property(ids, (sourceAccountIds) => {
        const first = sourceAccountIds.indexOf(undefined);
        expectValidationError(
          () => new PropValidator('T', newStack()).checkEach('ids', sourceAccountIds as string[], () => undefined),
          `ids[${first}]`,
        );
        expectValidationError(
          () => new DeliveryDestination(newStack('Archive'), 'D', { sourceAccountIds: sourceAccountIds as string[] }),
          `sourceAccountIds[${first}]`,
        );
      }),
      { ...runs(CONSTRUCT_RUNS), examples: [[[undefined]], [['1234567890123456', undefined]]] },
    );
  });
});

function validArnSample(): string {
  return fc.sample(validArn(arnKinds.slsProject), 1)[0];
}
