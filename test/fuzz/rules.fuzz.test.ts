/**
 * Property-based tests of the pure validators, against the independent model
 * in ./arbitraries.ts: the name and ID rules of lib/private/names.ts and TrailRegion,
 * the ARN rules, parseArn/formatArn and the builders of lib/private/arn.ts, and
 * PropValidator of lib/private/errors.ts and quote of lib/shared/quote.ts.
 *
 * Each property draws fresh random inputs on every run; on failure fast-check
 * prints the counterexample (shrunk) and the seed and path to replay it.
 */
import { quote } from '../../lib/shared/quote';
import * as ros from '@alicloud/ros-cdk-core';
import fc from 'fast-check';
import { TrailRegion, ValidationError } from '../../lib';
import {
  maxComputeProjectArn,
  maxComputeProjectArnRule,
  ramRoleArn,
  ramRoleArnRule,
  slsProjectArn,
  slsProjectArnRule,
  trailArn,
} from '../../lib/private/arn';
import { PropValidator, Rule } from '../../lib/private/errors';
import {
  accountIdRule,
  actionTrailProjectNameRule,
  maxComputeProjectNameRule,
  ossBucketNameRule,
  ossKeyPrefixRule,
  quotaNameRule,
  regionIdRule,
  roleNameRule,
  trailNameRule,
} from '../../lib/private/names';
import { maxComputeTableNameRule } from '../../lib/rules/trail-table-name';
import { ArnParts, formatArn, maxComputeTableName, parseArn } from '../../lib/shared/arn';
import {
  anyString,
  ArnKind,
  arnKinds,
  arnMutants,
  arnish,
  arnString,
  charOf,
  DIGITS,
  invalid,
  isArnOf,
  LOWER,
  model,
  Mutant,
  NOISE,
  PRINTABLE_ASCII,
  PURE_RUNS,
  REAL_REGIONS,
  runs,
  stringOf,
  tokenString,
  valid,
  validArn,
  validArnFields,
  constructId,
} from './arbitraries';
import { thrown } from '../support/errors';
import { newStack } from '../support/template';

// ===========================================================================
// Name and ID rules (lib/private/names.ts)

interface RuleCase {
  readonly name: string;
  readonly rule: Rule;
  readonly model: (s: string) => boolean;
  readonly valid: fc.Arbitrary<string>;
  readonly invalid: fc.Arbitrary<Mutant>;
  /** Characters near the rule's alphabet, for strings that are almost valid. */
  readonly alphabet: string;
  readonly maxLength: number;
  /** Inputs the differential test leaves out (a known bug elsewhere). */
  readonly exclude?: (s: string) => boolean;
}

const NEAR = NOISE.join('');

const CASES: RuleCase[] = [
  {
    name: 'trailNameRule',
    rule: trailNameRule,
    model: model.trailName,
    valid: valid.trailName,
    invalid: invalid.trailName,
    alphabet: 'abcxyz09-_A',
    maxLength: 40,
  },
  {
    name: 'accountIdRule',
    rule: accountIdRule,
    model: model.accountId,
    valid: valid.accountId,
    invalid: invalid.accountId,
    alphabet: DIGITS,
    maxLength: 18,
  },
  {
    name: 'regionIdRule',
    rule: regionIdRule,
    model: model.regionId,
    valid: valid.regionId,
    invalid: invalid.regionId,
    alphabet: 'cnaphuzH-1-2-',
    maxLength: 24,
  },
  {
    name: 'maxComputeProjectNameRule',
    rule: maxComputeProjectNameRule,
    model: model.maxComputeProjectName,
    valid: valid.maxComputeProjectName,
    invalid: invalid.maxComputeProjectName,
    alphabet: 'abxz09_A',
    maxLength: 32,
  },
  {
    name: 'actionTrailProjectNameRule',
    rule: actionTrailProjectNameRule,
    model: model.actionTrailProjectName,
    valid: valid.actionTrailProjectName,
    invalid: invalid.actionTrailProjectName,
    alphabet: 'actiontrail_01A',
    maxLength: 32,
  },
  {
    name: 'roleNameRule',
    rule: roleNameRule,
    model: model.roleName,
    valid: valid.roleName,
    invalid: invalid.roleName,
    alphabet: 'aZ09.-',
    maxLength: 70,
  },
  {
    name: 'ossBucketNameRule',
    rule: ossBucketNameRule,
    model: model.ossBucketName,
    valid: valid.ossBucketName,
    invalid: invalid.ossBucketName,
    alphabet: 'ab09-A',
    maxLength: 66,
  },
  {
    name: 'ossKeyPrefixRule',
    rule: ossKeyPrefixRule,
    model: model.ossKeyPrefix,
    valid: valid.ossKeyPrefix,
    invalid: invalid.ossKeyPrefix,
    alphabet: 'a/_-. é\u0000\u001f\u007f\u0085',
    maxLength: 36,
  },
  {
    name: 'quotaNameRule',
    rule: quotaNameRule,
    model: model.quotaName,
    valid: valid.quotaName,
    invalid: invalid.quotaName,
    alphabet: PRINTABLE_ASCII.slice(0, 20) + ' ',
    maxLength: 68,
  },
  {
    name: 'maxComputeTableNameRule',
    rule: maxComputeTableNameRule,
    model: model.maxComputeTableName,
    valid: valid.maxComputeTableName,
    invalid: invalid.maxComputeTableName,
    alphabet: 'aZ09_',
    maxLength: 132,
  },
];

describe.each(CASES)('$name', (c) => {
  test('accepts every valid value', () => {
    fc.assert(
      fc.property(c.valid, (value) => {
        expect(c.model(value)).toBe(true); // the generator is right
        expect(c.rule(value)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('rejects every mutation of a valid value, with a phrase', () => {
    fc.assert(
      fc.property(c.invalid, ({ value }) => {
        expect(c.model(value)).toBe(false); // the mutation did break the rule
        const phrase = c.rule(value);
        expect(typeof phrase).toBe('string');
        expect(phrase!.trim()).not.toBe('');
      }),
      runs(PURE_RUNS),
    );
  });

  test('agrees with the model on near-valid and arbitrary strings', () => {
    const near = fc.integer({ min: 0, max: c.maxLength }).chain((n) =>
      fc.string({
        unit: fc.oneof({ weight: 9, arbitrary: charOf(c.alphabet) }, { weight: 1, arbitrary: charOf(NEAR) }),
        minLength: n,
        maxLength: n,
      }),
    );
    const input = fc
      .oneof(
        c.valid,
        c.invalid.map((m) => m.value),
        near,
        fc.string({ unit: 'binary', maxLength: c.maxLength }),
      )
      .filter((s) => !c.exclude?.(s));
    fc.assert(
      fc.property(input, (value) => {
        expect(c.rule(value) === undefined).toBe(c.model(value));
      }),
      runs(PURE_RUNS),
    );
  });

  test('is total and deterministic: a phrase or undefined, the same twice, for any string', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const first = c.rule(value);
        expect(first === undefined || (typeof first === 'string' && first.length > 0)).toBe(true);
        expect(c.rule(value)).toBe(first); // no stateful (/g) regular expression
      }),
      runs(PURE_RUNS / 4),
    );
  });
});

describe('relations between rules', () => {
  test('every project name ActionTrail delivers to is a MaxCompute project name', () => {
    fc.assert(
      fc.property(valid.actionTrailProjectName, (name) => {
        expect(actionTrailProjectNameRule(name)).toBeUndefined();
        expect(maxComputeProjectNameRule(name)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('actiontrail_<account ID> is a valid project name (exactly 28 characters: ALIYUN::MaxCompute::Project Name allows 3-28)', () => {
    fc.assert(
      fc.property(valid.accountId, (account) => {
        const name = `actiontrail_${account}`;
        expect(name).toHaveLength(28);
        expect(actionTrailProjectNameRule(name)).toBeUndefined();
        expect(maxComputeProjectNameRule(name)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test("a trail's table name actiontrail_<trail name> is a valid table name exactly when the trail name has no '-'", () => {
    fc.assert(
      fc.property(valid.trailName, (trailName) => {
        const table = maxComputeTableName(trailName);
        expect(table).toBe(`actiontrail_${trailName}`);
        expect(maxComputeTableNameRule(table) === undefined).toBe(!trailName.includes('-'));
      }),
      runs(PURE_RUNS),
    );
  });
});

describe('TrailRegion', () => {
  /** What problem() should report, restated. */
  function expectedProblem(ids: readonly string[]): { kind: 'none' | 'empty' | 'invalid' | 'twice'; id?: string } {
    if (ids.length === 0) return { kind: 'empty' };
    const bad = ids.find((id) => !ros.Token.isUnresolved(id) && !model.regionId(id));
    if (bad !== undefined) return { kind: 'invalid', id: bad };
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) return { kind: 'twice', id: twice };
    return { kind: 'none' };
  }

  const regionIds = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...REAL_REGIONS.slice(0, 4)) }, // a small pool, for repeats
      { weight: 2, arbitrary: valid.regionId },
      { weight: 2, arbitrary: invalid.regionId.map((m) => m.value) },
      { weight: 1, arbitrary: tokenString },
    ),
    { maxLength: 6 },
  );

  test('ALL is every region and has no problem', () => {
    expect(TrailRegion.ALL.isAll).toBe(true);
    expect(TrailRegion.ALL.value).toBe('All');
    expect(TrailRegion.ALL.regionIds).toEqual([]);
    expect(TrailRegion.ALL.problem()).toBeUndefined();
  });

  test('of(...ids) keeps the ids and reports exactly the first problem: none listed, a malformed id, a repeat', () => {
    fc.assert(
      fc.property(regionIds, (ids) => {
        const region = TrailRegion.of(...ids);
        expect(region.isAll).toBe(false);
        expect(region.value).toBe(ids.join(','));
        expect(region.regionIds).toEqual(ids);
        const problem = region.problem();
        const expected = expectedProblem(ids);
        switch (expected.kind) {
          case 'none':
            expect(problem).toBeUndefined();
            break;
          case 'empty':
            expect(problem).toMatch(/at least one region/);
            break;
          case 'invalid':
            expect(problem).toContain(`'${expected.id}'`);
            // 'All' in any case is not a region ID: the problem points to TrailRegion.ALL instead.
            expect(problem).toContain(
              expected.id!.toLowerCase() === 'all' ? 'use TrailRegion.ALL' : regionIdRule(expected.id!)!,
            );
            break;
          case 'twice':
            expect(problem).toContain(`'${expected.id}'`);
            expect(problem).toMatch(/twice/);
            break;
        }
      }),
      runs(PURE_RUNS),
    );
  });
});

// ===========================================================================
// ARN rules, parseArn/formatArn and builders (lib/private/arn.ts)

const RULES: { name: string; rule: Rule; kind: ArnKind }[] = [
  { name: 'maxComputeProjectArnRule', rule: maxComputeProjectArnRule, kind: arnKinds.maxComputeProject },
  { name: 'ramRoleArnRule', rule: ramRoleArnRule, kind: arnKinds.ramRole },
  { name: 'slsProjectArnRule', rule: slsProjectArnRule, kind: arnKinds.slsProject },
];

describe.each(RULES)('$name', ({ rule, kind }) => {
  test(`accepts every valid ${kind.service} ${kind.resourceType} ARN`, () => {
    fc.assert(
      fc.property(validArn(kind), (arn) => {
        expect(isArnOf(kind, arn)).toBe(true);
        expect(rule(arn)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('rejects every mutation (service, resource type, region, account, name, shape) and names the broken part', () => {
    fc.assert(
      fc.property(arnMutants(kind), ({ part, value }) => {
        expect(isArnOf(kind, value)).toBe(false); // the mutation did break the ARN
        const phrase = rule(value);
        expect(typeof phrase).toBe('string');
        switch (part) {
          case 'form':
            expect(phrase).toMatch(/^must be an ARN of the form 'acs:/);
            expect(phrase).toContain(`acs:${kind.service}:`);
            break;
          case 'region':
            expect(phrase).toMatch(kind.regional ? /^has region '/ : /^must have an empty region field/);
            break;
          case 'account':
            expect(phrase).toMatch(/^has account '/);
            break;
          case 'name':
            expect(phrase).toMatch(/^has name '/);
            break;
          case 'shape':
            expect(phrase!.length).toBeGreaterThan(0);
            break;
        }
      }),
      runs(PURE_RUNS),
    );
  });

  test('agrees with the model on ARN-like and arbitrary strings', () => {
    fc.assert(
      fc.property(arnish(kind), (value) => {
        expect(rule(value) === undefined).toBe(isArnOf(kind, value));
      }),
      runs(PURE_RUNS),
    );
  });

  test('rejects valid ARNs of the other kinds', () => {
    const others = RULES.map((r) => r.kind).filter((k) => k !== kind);
    fc.assert(
      fc.property(fc.oneof(...others.map((k) => validArn(k))), (arn) => {
        expect(rule(arn)).toEqual(expect.any(String));
      }),
      runs(PURE_RUNS / 2),
    );
  });

  test('is total and deterministic for any string', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const first = rule(value);
        expect(first === undefined || (typeof first === 'string' && first.length > 0)).toBe(true);
        expect(rule(value)).toBe(first);
      }),
      runs(PURE_RUNS / 4),
    );
  });
});

describe('parseArn / formatArn', () => {
  const validParts: fc.Arbitrary<ArnParts> = fc.oneof(
    ...Object.values(arnKinds).map((k) => validArnFields(k)),
    fc.record({
      service: fc.constant('actiontrail'),
      region: valid.regionId,
      account: valid.accountId,
      resourceType: fc.constant('trail'),
      resourceName: valid.trailName,
    }),
  );

  /** Any parts formatArn can write and parseArn read back: the grammar, not the rules. */
  const noColon = (s: string) => !s.includes(':');
  const lineTerminator = /[\n\r\u2028\u2029]/;
  const structuralParts: fc.Arbitrary<ArnParts> = fc.record({
    service: stringOf(LOWER + DIGITS + '-', 1, 12),
    region: fc.string({ unit: 'binary', maxLength: 20 }).filter(noColon),
    account: fc.string({ unit: 'binary', maxLength: 20 }).filter(noColon),
    resourceType: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 12 })
      .filter((s) => noColon(s) && !s.includes('/')),
    resourceName: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !lineTerminator.test(s)),
  });

  test('parseArn(formatArn(parts)) equals parts for valid parts', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        const arn = formatArn(parts);
        expect(arn).toBe(arnString(parts)); // the independent writer agrees
        expect(parseArn(arn)).toEqual(parts);
      }),
      runs(PURE_RUNS),
    );
  });

  test('parseArn(formatArn(parts)) equals parts for any parts of the right shape (unicode included)', () => {
    fc.assert(
      fc.property(structuralParts, (parts) => {
        expect(parseArn(formatArn(parts))).toEqual(parts);
      }),
      runs(PURE_RUNS),
    );
  });

  test('formatArn(parseArn(s)) is s whenever s parses', () => {
    fc.assert(
      fc.property(fc.oneof(...Object.values(arnKinds).map(arnish), anyString), (s) => {
        const parts = parseArn(s);
        if (parts !== undefined) expect(formatArn(parts)).toBe(s);
      }),
      runs(PURE_RUNS),
    );
  });

  test('formatArn keeps tokens', () => {
    fc.assert(
      fc.property(
        validParts,
        tokenString,
        fc.constantFrom('region', 'account', 'resourceName'),
        (parts, token, field) => {
          const arn = formatArn({ ...parts, [field]: token });
          expect(ros.Token.isUnresolved(arn)).toBe(true);
          expect(arn).toContain(token);
        },
      ),
      runs(PURE_RUNS / 4),
    );
  });
});

describe('ARN builders', () => {
  test('maxComputeProjectArn builds ARNs that maxComputeProjectArnRule accepts', () => {
    fc.assert(
      fc.property(valid.regionId, valid.accountId, valid.actionTrailProjectName, (region, account, name) => {
        const arn = maxComputeProjectArn(region, account, name);
        expect(arn).toBe(`acs:odps:${region}:${account}:project/${name}`);
        expect(maxComputeProjectArnRule(arn)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('ramRoleArn builds ARNs that ramRoleArnRule accepts (empty region)', () => {
    fc.assert(
      fc.property(valid.accountId, valid.roleName, (account, roleName) => {
        const arn = ramRoleArn(account, roleName);
        expect(arn).toBe(`acs:ram::${account}:role/${roleName}`);
        expect(ramRoleArnRule(arn)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('slsProjectArn builds ARNs that slsProjectArnRule accepts', () => {
    fc.assert(
      fc.property(valid.regionId, valid.accountId, valid.slsProjectName, (region, account, name) => {
        const arn = slsProjectArn(region, account, name);
        expect(arn).toBe(`acs:log:${region}:${account}:project/${name}`);
        expect(slsProjectArnRule(arn)).toBeUndefined();
      }),
      runs(PURE_RUNS),
    );
  });

  test('trailArn builds acs:actiontrail:<region>:<account>:trail/<name>, which parses back', () => {
    fc.assert(
      fc.property(valid.regionId, valid.accountId, valid.trailName, (region, account, name) => {
        const arn = trailArn(region, account, name);
        expect(arn).toBe(`acs:actiontrail:${region}:${account}:trail/${name}`);
        expect(parseArn(arn)).toEqual({
          service: 'actiontrail',
          region,
          account,
          resourceType: 'trail',
          resourceName: name,
        });
      }),
      runs(PURE_RUNS),
    );
  });

  test('a builder given an invalid part builds an ARN its rule rejects', () => {
    const cases = fc
      .oneof(
        arnMutants(arnKinds.maxComputeProject)
          .filter((m) => m.part !== 'form' && m.part !== 'shape')
          .map((m) => ({ arn: m.value, rule: maxComputeProjectArnRule })),
        arnMutants(arnKinds.ramRole)
          .filter((m) => m.part === 'account' || m.part === 'name')
          .map((m) => ({ arn: m.value, rule: ramRoleArnRule })),
      )
      .map(({ arn, rule }) => {
        // Rebuild the mutant with the builder, from its parts.
        const p = parseArn(arn)!;
        const rebuilt =
          p.service === 'ram'
            ? ramRoleArn(p.account, p.resourceName)
            : maxComputeProjectArn(p.region, p.account, p.resourceName);
        return { arn, rebuilt, rule };
      });
    fc.assert(
      fc.property(cases, ({ arn, rebuilt, rule }) => {
        expect(rebuilt).toBe(arn);
        expect(rule(rebuilt)).toEqual(expect.any(String));
      }),
      runs(PURE_RUNS / 2),
    );
  });

  test('builders keep tokens, which the rules never see (PropValidator skips them)', () => {
    fc.assert(
      fc.property(tokenString, valid.accountId, (token, account) => {
        expect(ros.Token.isUnresolved(maxComputeProjectArn(token, account, 'actiontrail_x'))).toBe(true);
        expect(ros.Token.isUnresolved(ramRoleArn(token, 'role'))).toBe(true);
        expect(ros.Token.isUnresolved(slsProjectArn('cn-hangzhou', token, 'sls'))).toBe(true);
      }),
      runs(PURE_RUNS / 4),
    );
  });
});

// ===========================================================================
// PropValidator (lib/private/errors.ts) and quote (lib/shared/quote.ts)

/** quote, restated: strings in single quotes, cut to 77 characters and '...' past 80. */
function expectedQuote(value: string): string {
  return value.length > 80 ? `'${value.slice(0, 77)}...'` : `'${value}'`;
}

const phrase = fc.string({ minLength: 1, maxLength: 60 });
const property = fc.oneof(
  fc.constantFrom('trailName', 'maxCompute.projectArn'),
  fc.string({ minLength: 1, maxLength: 20 }),
);

describe('quote', () => {
  test('quotes strings and keeps them short', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const q = quote(value);
        expect(q).toBe(expectedQuote(value));
        expect(q.length).toBeLessThanOrEqual(82);
      }),
      runs(PURE_RUNS),
    );
  });

  test('renders numbers as JavaScript prints them (NaN, -Infinity), bigints with n, other values as short JSON', () => {
    fc.assert(
      fc.property(
        fc.anything({ maxDepth: 2 }).filter((v) => typeof v !== 'string'),
        (value) => {
          const q = quote(value);
          const text =
            typeof value === 'number' || value === undefined
              ? String(value)
              : typeof value === 'bigint'
                ? `${value}n`
                : (JSON.stringify(value) ?? String(value));
          expect(q).toBe(text.length > 80 ? `${text.slice(0, 77)}...` : text);
        },
      ),
      runs(PURE_RUNS),
    );
  });
  test('the values JSON would misprint', () => {
    expect([NaN, Infinity, -Infinity, undefined, BigInt(7)].map(quote)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      'undefined',
      '7n',
    ]);
  });
});

describe('PropValidator', () => {
  const stack = newStack();

  /** A scope with a random id under a random parent, and its expected path (ids made unique by a counter). */
  let made = 0;
  const scope = fc.tuple(constructId, constructId, fc.boolean()).map(([a, b, nested]) => {
    const parent = nested ? new ros.Construct(stack, `${a}_${made++}`) : stack;
    const construct = new ros.Construct(parent, `${b}_${made++}`);
    return { construct, path: construct.node.path };
  });

  test('check: a broken rule throws a ValidationError "<Kind> \'<path>\': <property> <quoted value> <phrase>"', () => {
    fc.assert(
      fc.property(
        scope,
        fc.constantFrom('Trail', 'DeliveryDestination'),
        property,
        anyString,
        phrase,
        ({ construct, path }, kind, prop, value, broken) => {
          fc.pre(!ros.Token.isUnresolved(value));
          const rule: Rule = () => broken;
          const e = thrown(() => new PropValidator(kind, construct).check(prop, value, rule));
          expect(e).toBeInstanceOf(ValidationError);
          expect(e).toBeInstanceOf(Error);
          const err = e as ValidationError;
          expect(err.name).toBe('ValidationError');
          expect(err.constructPath).toBe(path);
          expect(err.property).toBe(prop);
          expect(err.message).toBe(`${kind} '${path}': ${prop} ${expectedQuote(value)} ${broken}`);
        },
      ),
      runs(PURE_RUNS),
    );
  });

  test('check: a kept rule, undefined and tokens return the value untouched; the rule sees only literal strings', () => {
    fc.assert(
      fc.property(scope, fc.option(fc.oneof(anyString, tokenString), { nil: undefined }), ({ construct }, value) => {
        const seen: string[] = [];
        const rule: Rule = (v) => {
          seen.push(v);
          return undefined;
        };
        expect(new PropValidator('Trail', construct).check('p', value, rule)).toBe(value);
        const literal = value !== undefined && !ros.Token.isUnresolved(value);
        expect(seen).toEqual(literal ? [value] : []);
      }),
      runs(PURE_RUNS),
    );
  });

  test('check: a value that is not a string (JavaScript callers) throws a ValidationError, the rule unasked', () => {
    const notString = fc.anything({ maxDepth: 2 }).filter((v) => typeof v !== 'string' && v !== undefined);
    fc.assert(
      fc.property(scope, notString, ({ construct, path }, value) => {
        fc.pre(!ros.Token.isUnresolved(value));
        let asked = false;
        const e = thrown(() =>
          new PropValidator('Trail', construct).check('p', value as any, () => {
            asked = true;
            return undefined;
          }),
        );
        expect(asked).toBe(false);
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).message).toBe(`Trail '${path}': p ${quote(value)} must be a string`);
      }),
      runs(PURE_RUNS),
    );
  });

  test('checkEach names the first bad element as property[i]', () => {
    fc.assert(
      fc.property(scope, fc.array(fc.string({ maxLength: 5 }), { maxLength: 8 }), ({ construct, path }, values) => {
        const rule: Rule = (v) => (v.includes('x') ? 'has an x' : undefined);
        const bad = values.findIndex((v) => v.includes('x'));
        const e = thrown(() => new PropValidator('Trail', construct).checkEach('ids', values, rule));
        if (bad < 0) {
          expect(e).toBeUndefined();
        } else {
          expect(e).toBeInstanceOf(ValidationError);
          expect((e as ValidationError).property).toBe(`ids[${bad}]`);
          expect((e as ValidationError).message).toBe(`Trail '${path}': ids[${bad}] ${quote(values[bad])} has an x`);
        }
      }),
      runs(PURE_RUNS),
    );
  });
});
