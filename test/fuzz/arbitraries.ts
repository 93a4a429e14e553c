/**
 * An independent model of the name, ID and ARN rules of the public docs (the
 * ROS resource pages of ALIYUN::ACTIONTRAIL::Trail, ALIYUN::MaxCompute::Project
 * and ALIYUN::RAM::Role, ActionTrail API 2020-07-06 CreateTrail, and the ARN
 * formats `acs:<service>:<region>:<account>:<type>/<name>`), for
 * the property-based (fast-check) fuzz tests in this directory.
 *
 * Nothing here reuses the regular expressions of `lib/private/names.ts` or
 * `lib/private/arn.ts`: each rule is restated as explicit alphabets and lengths, and
 * checked character by character. Two things are built from that model:
 *
 * - `model.*`: predicates that say whether a string obeys a rule;
 * - `valid.*` / `invalid.*`: arbitraries that generate exactly-valid values,
 *   and mutations of them that break the rule in one known way (too short,
 *   too long, a forbidden character, a wrong first or last character, a wrong
 *   ARN service, resource type, region, account or name, ...).
 *
 * Lengths are in UTF-16 code units, as `lib/ros/validators.ts` says ROS counts.
 *
 * Run counts: `runs(n)` scales every property's `numRuns` by the environment
 * variable `FUZZ_SCALE` (default 1), e.g. `FUZZ_SCALE=50 npx jest test/fuzz`
 * for a long local fuzzing session. Seeds are random: on failure fast-check
 * prints the seed and path to replay (`fc.assert(..., { seed, path })`).
 */
import * as ros from '@alicloud/ros-cdk-core';
import fc from 'fast-check';

// ---------------------------------------------------------------------------
// Run counts

const SCALE = Number(process.env.FUZZ_SCALE ?? '1') || 1;

/** fast-check parameters for `n` runs, scaled by `FUZZ_SCALE`. */
export function runs(n: number): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(n * SCALE)) };
}

/** Runs for pure rules (fast). */
export const PURE_RUNS = 200;
/** Runs for properties that build constructs (slower: one app per run). */
export const CONSTRUCT_RUNS = 25;
/** Runs for properties that synthesize (slowest). */
export const SYNTH_RUNS = 4;

// ---------------------------------------------------------------------------
// Alphabets

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = LOWER.toUpperCase();
export const LETTERS = LOWER + UPPER;
export const DIGITS = '0123456789';
/** U+0021-U+007E: printable ASCII without the space. */
export const PRINTABLE_ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join(
  '',
);

/**
 * Characters that tend to break rules: separators, whitespace, controls,
 * ARN punctuation, case variants, look-alikes (fullwidth and Arabic-Indic
 * digits, long s, Kelvin sign), zero-width and line/paragraph separators,
 * an astral emoji and a lone surrogate.
 */
export const NOISE = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '/',
  '\\',
  ':',
  ';',
  ',',
  '.',
  '!',
  '@',
  '#',
  '$',
  '%',
  '*',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '?',
  '=',
  '+',
  '~',
  '`',
  "'",
  '"',
  '|',
  '-',
  '_',
  'A',
  'Z',
  'a',
  'z',
  '0',
  '9',
  'é',
  'ß',
  '中',
  'ſ',
  '\u212a',
  '\uff11',
  '\u0663',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u{1f642}',
  '\ud800',
];

/** One character (code point) of `alphabet`. */
export function charOf(alphabet: string): fc.Arbitrary<string> {
  return fc.constantFrom(...alphabet);
}

/** A string of exactly `length` characters of `alphabet`. */
export function exactly(alphabet: string, length: number): fc.Arbitrary<string> {
  return fc.string({ unit: charOf(alphabet), minLength: length, maxLength: length });
}

/**
 * A string of `min`-`max` characters of `alphabet`. The length is drawn
 * first, so the bounds (which fast-check's integers favour) are often hit;
 * `fc.string` alone rarely goes past ten characters.
 */
export function stringOf(alphabet: string, min: number, max: number): fc.Arbitrary<string> {
  return fc.integer({ min, max }).chain((n) => exactly(alphabet, n));
}

/** One character that is not in `allowed`: from `NOISE`, or any code point. */
export function forbiddenChar(allowed: string): fc.Arbitrary<string> {
  const notAllowed = (c: string) => c.length > 0 && ![...c].every((ch) => allowed.includes(ch));
  return fc.oneof(
    fc.constantFrom(...NOISE.filter(notAllowed)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(notAllowed),
  );
}

/** The characters of `a` that are not in `b`. */
export function minus(a: string, b: string): string {
  return [...a].filter((c) => !b.includes(c)).join('');
}

// ---------------------------------------------------------------------------
// The model: predicates

function allIn(s: string, alphabet: string): boolean {
  for (const c of s) if (!alphabet.includes(c)) return false;
  return true;
}

function firstIn(s: string, alphabet: string): boolean {
  return s.length > 0 && alphabet.includes(s[0]);
}

function lastIn(s: string, alphabet: string): boolean {
  return s.length > 0 && alphabet.includes(s[s.length - 1]);
}

/**
 * Unicode control characters (general category Cc): U+0000-U+001F and
 * U+007F-U+009F.
 */
export function isControl(codeUnit: number): boolean {
  return codeUnit <= 0x1f || (codeUnit >= 0x7f && codeUnit <= 0x9f);
}

/** A lexical rule: a length range and the alphabets of the first, middle and last characters. */
export interface Lexical {
  readonly min: number;
  readonly max: number;
  readonly first: string;
  readonly middle: string;
  readonly last: string;
}

/** Whether `s` obeys a lexical rule. */
export function obeys(spec: Lexical, s: string): boolean {
  if (s.length < spec.min || s.length > spec.max) return false;
  if (!firstIn(s, spec.first) || !lastIn(s, s.length === 1 ? spec.first : spec.last)) return false;
  return allIn(s.slice(1, -1), spec.middle);
}

const TRAIL_NAME_CHARS = LOWER + DIGITS + '-_';
const BUCKET_CHARS = LOWER + DIGITS + '-';
const ROLE_NAME_CHARS = LETTERS + DIGITS + '.-';
const PROJECT_NAME_CHARS = LOWER + DIGITS + '_';
const TABLE_NAME_CHARS = LETTERS + DIGITS + '_';

/** The lexical rules of those docs (and of the doc comments in lib/private/names.ts). */
export const lexical = {
  /** ActionTrail CreateTrail `Name`: 6-36, a lowercase letter first, then `[a-z0-9_-]`. */
  trailName: { min: 6, max: 36, first: LOWER, middle: TRAIL_NAME_CHARS, last: TRAIL_NAME_CHARS },
  /** A 16-digit account ID. */
  accountId: { min: 16, max: 16, first: DIGITS, middle: DIGITS, last: DIGITS },
  /** MaxCompute project `Name`: 3-28, a lowercase letter first, then `[a-z0-9_]`. */
  maxComputeProjectName: { min: 3, max: 28, first: LOWER, middle: PROJECT_NAME_CHARS, last: PROJECT_NAME_CHARS },
  /** RAM `RoleName`: 1-64 letters, digits, `.` and `-`. */
  roleName: { min: 1, max: 64, first: ROLE_NAME_CHARS, middle: ROLE_NAME_CHARS, last: ROLE_NAME_CHARS },
  /** OSS bucket (and SLS project) name: 3-63 of `[a-z0-9-]`, not starting or ending with `-`. */
  ossBucketName: { min: 3, max: 63, first: LOWER + DIGITS, middle: BUCKET_CHARS, last: LOWER + DIGITS },
  /** MaxCompute quota name: 1-64 printable ASCII characters without the space. */
  quotaName: { min: 1, max: 64, first: PRINTABLE_ASCII, middle: PRINTABLE_ASCII, last: PRINTABLE_ASCII },
  /** OSS key prefix of a trail (ROS ALIYUN::ACTIONTRAIL::Trail): 6-32, a letter first, then `[A-Za-z0-9/_-]`. */
  ossKeyPrefix: { min: 6, max: 32, first: LETTERS, middle: LETTERS + DIGITS + '/_-', last: LETTERS + DIGITS + '/_-' },
  /** MaxCompute table name: 1-128 of `[A-Za-z0-9_]`, a letter first. */
  maxComputeTableName: { min: 1, max: 128, first: LETTERS, middle: TABLE_NAME_CHARS, last: TABLE_NAME_CHARS },
} satisfies Record<string, Lexical>;

/** The suffix after `actiontrail_` in a project ActionTrail delivers to. */
const ACTIONTRAIL_SUFFIX: Lexical = {
  min: 1,
  max: 16,
  first: PROJECT_NAME_CHARS,
  middle: PROJECT_NAME_CHARS,
  last: PROJECT_NAME_CHARS,
};

/** Predicates: does a string obey the rule? */
export const model = {
  trailName: (s: string) => obeys(lexical.trailName, s),
  accountId: (s: string) => obeys(lexical.accountId, s),
  /** `<2 lowercase letters>-<lowercase letters>[-<lowercase letters and digits>]...`, at most 32 characters */
  regionId: (s: string) => {
    const [geo, area, ...rest] = s.split('-');
    return (
      s.length <= 32 &&
      area !== undefined &&
      geo.length === 2 &&
      allIn(geo, LOWER) &&
      area.length >= 1 &&
      allIn(area, LOWER) &&
      rest.every((part) => part.length >= 1 && allIn(part, LOWER + DIGITS))
    );
  },
  maxComputeProjectName: (s: string) => obeys(lexical.maxComputeProjectName, s),
  actionTrailProjectName: (s: string) =>
    s.startsWith('actiontrail_') && obeys(ACTIONTRAIL_SUFFIX, s.slice('actiontrail_'.length)),
  roleName: (s: string) => obeys(lexical.roleName, s),
  ossBucketName: (s: string) => obeys(lexical.ossBucketName, s),
  slsProjectName: (s: string) => obeys(lexical.ossBucketName, s),
  /** 6-32 characters, none of them a control character (as the rule's own phrase says). */
  ossKeyPrefix: (s: string) => obeys(lexical.ossKeyPrefix, s),
  quotaName: (s: string) => obeys(lexical.quotaName, s),
  maxComputeTableName: (s: string) => obeys(lexical.maxComputeTableName, s),
};

// ---------------------------------------------------------------------------
// Valid values

/** A string that obeys a lexical rule, of a length in `min`-`max` (clamped to at least 0). */
function wellFormed(spec: Lexical, min: number, max: number): fc.Arbitrary<string> {
  return fc.integer({ min: Math.max(0, min), max }).chain((n) => {
    if (n === 0) return fc.constant('');
    if (n === 1) return charOf(spec.first);
    return fc.tuple(charOf(spec.first), exactly(spec.middle, n - 2), charOf(spec.last)).map(([a, b, c]) => a + b + c);
  });
}

/** Region IDs that exist. */
export const REAL_REGIONS = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-hongkong',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'ap-southeast-1',
  'ap-southeast-5',
  'ap-northeast-1',
  'ap-south-1',
  'us-west-1',
  'us-east-1',
  'eu-central-1',
  'eu-west-1',
  'me-east-1',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'cn-north-2-gov-1',
];

export const valid = {
  trailName: wellFormed(lexical.trailName, 6, 36),
  accountId: exactly(DIGITS, 16),
  regionId: fc.oneof(
    fc.constantFrom(...REAL_REGIONS),
    fc
      .tuple(exactly(LOWER, 2), stringOf(LOWER, 1, 12), fc.array(stringOf(LOWER + DIGITS, 1, 6), { maxLength: 3 }))
      .map(([geo, area, rest]) => [geo, area, ...rest].join('-'))
      .filter((id) => id.length <= 32),
  ),
  maxComputeProjectName: wellFormed(lexical.maxComputeProjectName, 3, 28),
  actionTrailProjectName: wellFormed(ACTIONTRAIL_SUFFIX, 1, 16).map((s) => `actiontrail_${s}`),
  roleName: fc.oneof(
    wellFormed(lexical.roleName, 1, 64),
    fc.constantFrom('AliyunServiceRoleForActionTrail', 'aliyunserviceroleforactiontrail', 'ActionTrailDeliveryRole'),
  ),
  ossBucketName: wellFormed(lexical.ossBucketName, 3, 63),
  slsProjectName: wellFormed(lexical.ossBucketName, 3, 63),
  ossKeyPrefix: fc.oneof(
    fc.constantFrom('events/', 'actiontrail', 'audit-logs/', 'AuditEvents_2026'),
    wellFormed(lexical.ossKeyPrefix, 6, 32),
  ),
  quotaName: fc.oneof(fc.constant('os_PayAsYouGoQuota'), wellFormed(lexical.quotaName, 1, 64)),
  maxComputeTableName: wellFormed(lexical.maxComputeTableName, 1, 128),
};

// ---------------------------------------------------------------------------
// Invalid values: mutations of valid ones

/** An invalid value and how it was made. */
export interface Mutant {
  readonly mutation: string;
  readonly value: string;
}

function mutant(mutation: string, arb: fc.Arbitrary<string>): fc.Arbitrary<Mutant> {
  return arb.map((value) => ({ mutation, value }));
}

/** Inserts `c` into `s` at `at` (modulo the length + 1), or replaces the character there. */
function put(s: string, c: string, at: number, replace: boolean): string {
  const i = at % (s.length + 1);
  return s.slice(0, i) + c + s.slice(replace && i < s.length ? i + 1 : i);
}

/** Upper-cases one lower-case letter of `s` (the `at`-th, modulo their number). */
function upperOne(s: string, at: number): string {
  const positions = [...s].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const i = positions[at % positions.length];
  return s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1);
}

/** Mutations that break a lexical rule: wrong length, a forbidden character, a wrong first or last character. */
export function lexicalMutants(spec: Lexical, validArb: fc.Arbitrary<string>): fc.Arbitrary<Mutant> {
  const allowed = spec.first + spec.middle + spec.last;
  const arbs: fc.Arbitrary<Mutant>[] = [
    mutant('one too long', wellFormed(spec, spec.max + 1, spec.max + 1)),
    mutant('too long', wellFormed(spec, spec.max + 1, spec.max + 40)),
    mutant(
      'forbidden character',
      fc
        .tuple(validArb, forbiddenChar(allowed), fc.nat(), fc.boolean())
        .map(([v, c, at, replace]) => put(v, c, at, replace)),
    ),
  ];
  if (spec.min > 0) {
    arbs.push(mutant('one too short', wellFormed(spec, spec.min - 1, spec.min - 1)));
    arbs.push(mutant('too short', wellFormed(spec, 0, spec.min - 1)));
  }
  const badFirst = minus(allowed, spec.first);
  if (badFirst) {
    arbs.push(
      mutant(
        'wrong first character',
        fc.tuple(validArb, charOf(badFirst)).map(([v, c]) => c + v.slice(1)),
      ),
    );
  }
  if (!/[A-Z]/.test(allowed) && /[a-z]/.test(allowed)) {
    arbs.push(
      mutant(
        'one upper-case letter',
        fc
          .tuple(validArb, fc.nat())
          .filter(([v]) => /[a-z]/.test(v))
          .map(([v, at]) => upperOne(v, at)),
      ),
    );
  }
  const badLast = minus(allowed, spec.last);
  if (badLast) {
    arbs.push(
      mutant(
        'wrong last character',
        fc
          .tuple(validArb, charOf(badLast))
          .filter(([v]) => v.length >= 2)
          .map(([v, c]) => v.slice(0, -1) + c),
      ),
    );
  }
  return fc.oneof(...arbs);
}

export const invalid = {
  trailName: fc.oneof(
    lexicalMutants(lexical.trailName, valid.trailName),
    mutant(
      'upper case',
      valid.trailName.map((v) => v.toUpperCase()),
    ),
  ),
  accountId: fc.oneof(
    lexicalMutants(lexical.accountId, valid.accountId),
    mutant('15 digits', exactly(DIGITS, 15)),
    mutant('17 digits', exactly(DIGITS, 17)),
    mutant(
      'look-alike digit',
      fc
        .tuple(valid.accountId, fc.constantFrom('\uff11', '\u0663', '\u0967', 'O', 'l'), fc.nat())
        .map(([v, c, at]) => put(v, c, at, true)),
    ),
    mutant(
      'sign or space',
      fc.tuple(valid.accountId, fc.constantFrom('+', '-', ' ', '\n')).map(([v, c]) => c + v.slice(1)),
    ),
  ),
  regionId: fc.oneof(
    mutant(
      'forbidden character',
      fc
        .tuple(valid.regionId, forbiddenChar(LOWER + DIGITS + '-'), fc.nat(), fc.boolean())
        .map(([v, c, at, replace]) => put(v, c, at, replace)),
    ),
    mutant(
      'upper case',
      valid.regionId.map((v) => v.toUpperCase()),
    ),
    mutant(
      'one upper-case letter',
      fc.tuple(valid.regionId, fc.nat()).map(([v, at]) => upperOne(v, at)),
    ),
    mutant(
      'geography not 2 letters',
      fc.tuple(fc.oneof(exactly(LOWER, 1), stringOf(LOWER, 3, 6)), valid.regionId).map(([geo, v]) => geo + v.slice(2)),
    ),
    mutant(
      'digit in the area',
      fc.tuple(valid.regionId, charOf(DIGITS)).map(([v, d]) => `${v.slice(0, 3)}${d}${v.slice(3)}`),
    ),
    mutant(
      'empty segment',
      fc
        .tuple(valid.regionId, fc.constantFrom('lead', 'trail', 'double'))
        .map(([v, where]) => (where === 'lead' ? `-${v}` : where === 'trail' ? `${v}-` : v.replace('-', '--'))),
    ),
    mutant(
      'no separator',
      valid.regionId.map((v) => v.split('-').join('')),
    ),
    mutant(
      'too long',
      fc.tuple(valid.regionId, stringOf(LOWER, 33, 40)).map(([v, tail]) => `${v}-${tail}`),
    ),
    mutant(
      'not a region',
      fc.constantFrom('', 'All', 'all', '*', 'cn', 'cn-', 'hangzhou', 'cn_hangzhou', 'cn-hangzhou,cn-shanghai'),
    ),
  ),
  maxComputeProjectName: lexicalMutants(lexical.maxComputeProjectName, valid.maxComputeProjectName),
  actionTrailProjectName: fc.oneof(
    mutant(
      'wrong prefix',
      fc
        .tuple(
          fc.constantFrom('', 'actiontrail-', 'Actiontrail_', 'actiontrail', 'actiontrai_', 'action_trail_', 'at_'),
          wellFormed(ACTIONTRAIL_SUFFIX, 1, 16),
        )
        .map(([p, s]) => p + s)
        // 'actiontrail' + '_abc' is the valid 'actiontrail_abc': not a mutant.
        .filter((s) => !s.startsWith('actiontrail_')),
    ),
    mutant('empty suffix', fc.constant('actiontrail_')),
    mutant(
      'suffix one too long',
      wellFormed(ACTIONTRAIL_SUFFIX, 17, 17).map((s) => `actiontrail_${s}`),
    ),
    mutant(
      'suffix too long',
      wellFormed(ACTIONTRAIL_SUFFIX, 17, 40).map((s) => `actiontrail_${s}`),
    ),
    mutant(
      'forbidden character in suffix',
      fc
        .tuple(wellFormed(ACTIONTRAIL_SUFFIX, 1, 15), forbiddenChar(PROJECT_NAME_CHARS), fc.nat())
        .map(([s, c, at]) => `actiontrail_${put(s, c, at, false)}`),
    ),
  ),
  roleName: lexicalMutants(lexical.roleName, valid.roleName),
  ossBucketName: lexicalMutants(lexical.ossBucketName, valid.ossBucketName),
  slsProjectName: lexicalMutants(lexical.ossBucketName, valid.slsProjectName),
  ossKeyPrefix: fc.oneof(
    lexicalMutants(lexical.ossKeyPrefix, valid.ossKeyPrefix),
    mutant(
      'control character',
      fc
        .tuple(
          valid.ossKeyPrefix,
          fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })),
          fc.nat(),
          fc.boolean(),
        )
        .map(([v, code, at, replace]) => put(v, String.fromCharCode(code), at, replace)),
    ),
  ),
  quotaName: lexicalMutants(lexical.quotaName, valid.quotaName),
  maxComputeTableName: lexicalMutants(lexical.maxComputeTableName, valid.maxComputeTableName),
};

// ---------------------------------------------------------------------------
// ARNs: acs:<service>:<region>:<account>:<resourceType>/<resourceName>

/** One kind of ARN a rule accepts. */
export interface ArnKind {
  readonly label: string;
  readonly service: string;
  readonly resourceType: string;
  /** Regional (a region ID) or global (an empty region field, like RAM). */
  readonly regional: boolean;
  readonly nameModel: (s: string) => boolean;
  readonly validName: fc.Arbitrary<string>;
  readonly invalidName: fc.Arbitrary<Mutant>;
}

export const arnKinds = {
  maxComputeProject: {
    label: 'MaxCompute project',
    service: 'odps',
    resourceType: 'project',
    regional: true,
    nameModel: model.actionTrailProjectName,
    validName: valid.actionTrailProjectName,
    invalidName: invalid.actionTrailProjectName,
  },
  ramRole: {
    label: 'RAM role',
    service: 'ram',
    resourceType: 'role',
    regional: false,
    nameModel: model.roleName,
    validName: valid.roleName,
    invalidName: invalid.roleName,
  },
  slsProject: {
    label: 'SLS project',
    service: 'log',
    resourceType: 'project',
    regional: true,
    nameModel: model.slsProjectName,
    validName: valid.slsProjectName,
    invalidName: invalid.slsProjectName,
  },
} satisfies Record<string, ArnKind>;

/** The fields of one ARN of a known kind. */
export interface ArnFields {
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  readonly resourceName: string;
}

/** Writes an ARN (independently of lib/private/arn.ts's formatArn). */
export function arnString(f: ArnFields): string {
  return ['acs', f.service, f.region, f.account, `${f.resourceType}/${f.resourceName}`].join(':');
}

/** Whether `s` is a valid ARN of `kind`. Valid names contain no `:`, so a valid ARN has exactly 5 `:`-fields. */
export function isArnOf(kind: ArnKind, s: string): boolean {
  const fields = s.split(':');
  if (fields.length !== 5) return false;
  const [acs, service, region, account, resource] = fields;
  const slash = resource.indexOf('/');
  if (slash < 0) return false;
  return (
    acs === 'acs' &&
    service === kind.service &&
    (kind.regional ? model.regionId(region) : region === '') &&
    model.accountId(account) &&
    resource.slice(0, slash) === kind.resourceType &&
    kind.nameModel(resource.slice(slash + 1))
  );
}

/** Valid fields of an ARN of `kind`; `region`/`account` fix those fields. */
export function validArnFields(
  kind: ArnKind,
  fixed: { region?: string; account?: string } = {},
): fc.Arbitrary<ArnFields> {
  return fc.record({
    service: fc.constant(kind.service),
    region: kind.regional ? (fixed.region !== undefined ? fc.constant(fixed.region) : valid.regionId) : fc.constant(''),
    account: fixed.account !== undefined ? fc.constant(fixed.account) : valid.accountId,
    resourceType: fc.constant(kind.resourceType),
    resourceName: kind.validName,
  });
}

/** A valid ARN of `kind`. */
export function validArn(kind: ArnKind, fixed: { region?: string; account?: string } = {}): fc.Arbitrary<string> {
  return validArnFields(kind, fixed).map(arnString);
}

/** Services and resource types of Alibaba Cloud ARNs, to swap in. */
export const SERVICES = ['odps', 'ram', 'log', 'actiontrail', 'oss', 'ecs', 'fc', 'sts', 'kms', 'resourcemanager'];
export const RESOURCE_TYPES = [
  'project',
  'role',
  'trail',
  'user',
  'bucket',
  'table',
  'policy',
  'logstore',
  'functions',
  'key',
];

/** Whether a field value keeps the ARN's shape (no `:`, `/` or line terminator). */
export function clean(s: string): boolean {
  return !/[:/\r\n\u2028\u2029]/.test(s);
}

/**
 * Which part of an ARN a mutation broke, so that the error can be expected to
 * say so: its form (service, resource type), region, account or name; `shape`
 * when the mutation breaks the ARN's punctuation, which the rule may report as
 * a bad form or as a bad name.
 */
export type ArnPart = 'form' | 'region' | 'account' | 'name' | 'shape';

/** An invalid ARN and the part that is wrong. */
export interface ArnMutant extends Mutant {
  readonly part: ArnPart;
}

/** Mutations of a valid ARN of `kind` that break exactly one part of it (or its shape). */
export function arnMutants(kind: ArnKind): fc.Arbitrary<ArnMutant> {
  const base = validArnFields(kind);
  const withField = (mutation: string, part: ArnPart, field: keyof ArnFields, arb: fc.Arbitrary<string>) =>
    fc.tuple(base, arb).map(([f, x]): ArnMutant => ({ mutation, part, value: arnString({ ...f, [field]: x }) }));
  const shape = (mutation: string, edit: (arn: string) => string) =>
    base.map((f): ArnMutant => ({ mutation, part: 'shape', value: edit(arnString(f)) }));
  return fc.oneof(
    withField(
      'wrong service',
      'form',
      'service',
      fc
        .oneof(fc.constantFrom(...SERVICES, kind.service.toUpperCase()), stringOf(LOWER + DIGITS + '-', 1, 12))
        .filter((s) => s !== kind.service),
    ),
    withField(
      'wrong resource type',
      'form',
      'resourceType',
      fc
        .oneof(
          fc.constantFrom(...RESOURCE_TYPES, `${kind.resourceType}s`, kind.resourceType.toUpperCase()),
          stringOf(LETTERS, 1, 12),
        )
        .filter((s) => s !== kind.resourceType),
    ),
    kind.regional
      ? withField('bad region', 'region', 'region', invalid.regionId.map((m) => m.value).filter(clean))
      : withField(
          'region on a global service',
          'region',
          'region',
          fc.oneof(valid.regionId, fc.constantFrom('*', ' ', 'global')),
        ),
    withField('bad account', 'account', 'account', invalid.accountId.map((m) => m.value).filter(clean)),
    withField(
      'bad name',
      'name',
      'resourceName',
      kind.invalidName.map((m) => m.value).filter((s) => clean(s) && s !== ''),
    ),
    shape('missing acs: prefix', (a) => a.slice(4)),
    shape('arn: prefix', (a) => `arn:${a.slice(4)}`),
    shape('upper-case ACS', (a) => `ACS${a.slice(3)}`),
    shape('leading space', (a) => ` ${a}`),
    shape('trailing newline', (a) => `${a}\n`),
    shape('no slash', (a) => a.replace('/', ':')),
    shape('empty name', (a) => a.slice(0, a.indexOf('/') + 1)),
    shape('extra field', (a) => a.replace(`:${kind.resourceType}/`, `:extra:${kind.resourceType}/`)),
    shape('extra name segment', (a) => `${a}:extra`),
    shape('path in name', (a) => `${a}/child`),
    shape('region field dropped', (a) => a.replace(/^acs:([^:]*):[^:]*:/, 'acs:$1:')),
  );
}

/**
 * Strings that look like ARNs, assembled from pools of good and bad fields,
 * for differential tests (the rule and the model must agree on every one).
 */
export function arnish(kind: ArnKind): fc.Arbitrary<string> {
  const pick = <T>(...arbs: fc.Arbitrary<T>[]) => fc.oneof(...arbs);
  const field = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) => pick(good, good, bad);
  return fc.oneof(
    validArn(kind),
    arnMutants(kind).map((m) => m.value),
    fc
      .record({
        service: field(fc.constant(kind.service), fc.constantFrom(...SERVICES, '')),
        region: field(
          kind.regional ? valid.regionId : fc.constant(''),
          fc.oneof(
            invalid.regionId.map((m) => m.value),
            valid.regionId,
          ),
        ),
        account: field(
          valid.accountId,
          invalid.accountId.map((m) => m.value),
        ),
        resourceType: field(fc.constant(kind.resourceType), fc.constantFrom(...RESOURCE_TYPES, '')),
        resourceName: field(
          kind.validName,
          kind.invalidName.map((m) => m.value),
        ),
      })
      .map(arnString),
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `acs:${kind.service}:${s}`),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
}

// ---------------------------------------------------------------------------
// Arbitrary strings, for "nothing but a ValidationError" properties

/** Token strings (unresolved values): ROS checks them at deploy time. */
export const tokenString: fc.Arbitrary<string> = fc
  .constantFrom(
    () => ros.Fn.ref('P'),
    () => ros.Fn.join('', ['acs:ram::', ros.Fn.ref('A'), ':role/r']),
    () => `prefix-${ros.Fn.ref('P')}`,
    () => ros.Token.asString(ros.Fn.select(0, ros.Fn.split(',', ros.Fn.ref('L')))),
    () => ros.Token.asString(ros.Fn.getAtt('R', 'Arn')),
    () => ros.RosPseudo.accountId,
  )
  .map((make) => make());

/** A huge string (10k-100k code units) of one repeated pattern. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'A-', '1', 'acs:ram::1234567890123456:role/', '\u{1f642}', ':/', ' '),
    fc.integer({ min: 10_000, max: 100_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** Any string: unicode (lone surrogates included), empty, huge, or a token. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: charOf(NOISE.join('')), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: tokenString },
);

/**
 * Construct ids for stacks and trails. Ids starting with `ActionTrailPro` are
 * left out: the library uses `ActionTrailProvider*` and `ActionTrailProject`
 * for its own children (see regressions.fuzz.test.ts).
 */
export const constructId: fc.Arbitrary<string> = fc
  .tuple(charOf(UPPER), stringOf(LETTERS + DIGITS, 0, 10))
  .map(([a, b]) => a + b)
  .filter((id) => !id.startsWith('ActionTrailPro'));
