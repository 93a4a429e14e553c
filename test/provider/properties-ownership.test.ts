/**
 * properties.ts (validation of the trail properties, and the API parameters
 * derived from them) and ownership.ts (the environment the handler trusts,
 * physical IDs that bind a trail name to a resource), with exact expected
 * values: every problem text is what the user reads in the FAILED Reason.
 */
import { createHmac } from 'crypto';
import { InvalidPropertiesError } from '../../lib/provider/runtime/errors';
import {
  createTrailParams,
  parseTrailProperties,
  readPreviousProperties,
  sameConfig,
  sameSetting,
  updateTrailParams,
} from '../../lib/provider/runtime/properties';
import { Ownership, failedCreatePhysicalId, namesNothing } from '../../lib/provider/runtime/ownership';
import { MC_PROJECT_ARN, ROLE_ARN, SLS_PROJECT_ARN } from './harness';

/** The problems an invalid property set is refused with. */
function problemsOf(raw: unknown): readonly string[] {
  try {
    parseTrailProperties(raw);
  } catch (e) {
    if (e instanceof InvalidPropertiesError) return e.problems;
    throw e;
  }
  throw new Error('expected the properties to be refused');
}

const valid = { Name: 'audit_all', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN };

describe('parseTrailProperties: what is refused, in the words of the Reason', () => {
  test('a missing Name', () => {
    expect(problemsOf({ ...valid, Name: undefined })).toEqual(['Name is required']);
    expect(problemsOf({ ...valid, Name: '' })).toEqual(['Name is required']);
  });

  test('a bad region list names the bad entries only', () => {
    expect(problemsOf({ ...valid, TrailRegion: 'cn-hangzhou, Bad_Region,x' })).toEqual([
      "TrailRegion must be 'All' or comma-separated region IDs, bad: \"Bad_Region,x\"",
    ]);
  });

  test('a MaxCompute project not named actiontrail_*', () => {
    expect(problemsOf({ ...valid, MaxComputeProjectArn: 'acs:odps:cn-hangzhou:123:project/audit' })).toEqual([
      'MaxComputeProjectArn: ActionTrail only delivers to MaxCompute projects named actiontrail_*, got "audit"',
    ]);
    // A malformed ARN gets the format rule only.
    expect(problemsOf({ ...valid, MaxComputeProjectArn: 'arn:project/audit' })).toEqual([
      'MaxComputeProjectArn must be acs:odps:<region>:<account>:project/<name>, got "arn:project/audit"',
    ]);
  });

  test('a key prefix or write role without its destination', () => {
    expect(
      problemsOf({
        ...valid,
        OssKeyPrefix: 'prefix1',
        OssWriteRoleArn: ROLE_ARN,
        SlsProjectArn: SLS_PROJECT_ARN,
        SlsWriteRoleArn: ROLE_ARN,
        MaxComputeProjectArn: undefined,
        MaxComputeWriteRoleArn: ROLE_ARN,
      }),
    ).toEqual([
      'OssKeyPrefix is set but OssBucketName is not',
      'OssWriteRoleArn is set but OssBucketName is not',
      'MaxComputeWriteRoleArn is set but MaxComputeProjectArn is not',
    ]);
  });

  test('every malformed setting, with its rule and the value given', () => {
    expect(
      problemsOf({
        Name: 'audit_all',
        EventRW: 'Both',
        TrailRegion: 'All',
        OssBucketName: 'Bad_Bucket',
        OssKeyPrefix: '1abc',
        OssWriteRoleArn: 'role',
        SlsProjectArn: 'acs:log:x',
        SlsWriteRoleArn: 'acs:ram::123:role/a/b',
        MaxComputeProjectArn: 'nope',
        MaxComputeWriteRoleArn: 'acs:ram::123:user/x',
        IsOrganizationTrail: 'yes',
        Logging: 1,
      }),
    ).toEqual([
      'EventRW must be All, Read or Write, got "Both"',
      'OssBucketName must be 3-63 characters of a-z, 0-9 and -, got "Bad_Bucket"',
      'OssKeyPrefix must be 6-32 characters, a letter first, then letters, digits, -, _ and /, got "1abc"',
      'SlsProjectArn must be acs:log:<region>:<account>:project/<name>, got "acs:log:x"',
      'MaxComputeProjectArn must be acs:odps:<region>:<account>:project/<name>, got "nope"',
      'OssWriteRoleArn must be acs:ram::<account>:role/<name>, got "role"',
      'SlsWriteRoleArn must be acs:ram::<account>:role/<name>, got "acs:ram::123:role/a/b"',
      'MaxComputeWriteRoleArn must be acs:ram::<account>:role/<name>, got "acs:ram::123:user/x"',
      'IsOrganizationTrail must be true or false, got "yes"',
      'Logging must be true or false, got "1"',
    ]);
  });

  test('a setting that is not a string; null is "not set"', () => {
    expect(problemsOf({ ...valid, OssBucketName: 42 })).toEqual(['OssBucketName must be a string, got number']);
    expect(parseTrailProperties({ ...valid, OssBucketName: null }).settings).toStrictEqual({ EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN });
  });

  test('not an object at all', () => {
    for (const raw of [undefined, null, 'x', ['Name']]) expect(problemsOf(raw)).toEqual(['ResourceProperties must be an object']);
  });
});

describe('parseTrailProperties: what is accepted', () => {
  test('booleans as ROS writes them, in either case; null and "" are the default', () => {
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: 'True', Logging: 'False' })).toMatchObject({ isOrganizationTrail: true, logging: false });
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: null, Logging: '' })).toMatchObject({ isOrganizationTrail: false, logging: true });
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: 'false', Logging: 'true' })).toMatchObject({ isOrganizationTrail: false, logging: true });
  });

  test('every destination with its qualifiers; values are trimmed', () => {
    expect(
      parseTrailProperties({
        Name: 'audit_all',
        EventRW: ' Write ',
        TrailRegion: 'cn-hangzhou,ap-southeast-1',
        OssBucketName: 'audit-bucket-1',
        OssKeyPrefix: 'Logs/a_b-c',
        OssWriteRoleArn: ROLE_ARN,
        SlsProjectArn: SLS_PROJECT_ARN,
        SlsWriteRoleArn: ROLE_ARN,
        MaxComputeProjectArn: MC_PROJECT_ARN,
        MaxComputeWriteRoleArn: ROLE_ARN,
        Unknown: 'ignored',
      }),
    ).toEqual({
      name: 'audit_all',
      isOrganizationTrail: false,
      logging: true,
      settings: {
        EventRW: 'Write',
        TrailRegion: 'cn-hangzhou,ap-southeast-1',
        OssBucketName: 'audit-bucket-1',
        OssKeyPrefix: 'Logs/a_b-c',
        OssWriteRoleArn: ROLE_ARN,
        SlsProjectArn: SLS_PROJECT_ARN,
        SlsWriteRoleArn: ROLE_ARN,
        MaxComputeProjectArn: MC_PROJECT_ARN,
        MaxComputeWriteRoleArn: ROLE_ARN,
      },
    });
  });

  test('project ARNs without a region are accepted', () => {
    expect(parseTrailProperties({ ...valid, MaxComputeProjectArn: 'acs:odps::123:project/actiontrail_x', SlsProjectArn: 'acs:log::123:project/p' }).settings).toMatchObject({
      MaxComputeProjectArn: 'acs:odps::123:project/actiontrail_x',
      SlsProjectArn: 'acs:log::123:project/p',
    });
  });
});

describe('readPreviousProperties', () => {
  test('reads whatever was applied, trimmed, without judging it', () => {
    expect(readPreviousProperties({ Name: 'x', EventRW: ' Read ', OssBucketName: 'B', IsOrganizationTrail: 'True', Logging: 'False', SlsProjectArn: 3 })).toEqual({
      name: 'x',
      isOrganizationTrail: true,
      logging: false,
      settings: { EventRW: 'Read', OssBucketName: 'B' },
    });
    const nothing = { name: undefined, isOrganizationTrail: false, logging: true, settings: {} };
    expect(readPreviousProperties(['Name'])).toEqual(nothing);
    expect(readPreviousProperties(null)).toEqual(nothing);
    expect(readPreviousProperties(Object.assign(() => undefined, { Name: 'x' }))).toEqual(nothing);
  });
});

describe('API parameters', () => {
  test('CreateTrail gets the name, the organization flag and every set setting', () => {
    expect(createTrailParams({ name: 'audit_all', isOrganizationTrail: true, logging: false, settings: { EventRW: 'All', SlsProjectArn: SLS_PROJECT_ARN } })).toStrictEqual({
      Name: 'audit_all',
      IsOrganizationTrail: true,
      EventRW: 'All',
      SlsProjectArn: SLS_PROJECT_ARN,
    });
  });

  test('UpdateTrail clears a removed setting only when it had a value', () => {
    expect(updateTrailParams('t', { OssKeyPrefix: '', SlsProjectArn: 'arn' }, { EventRW: 'All' })).toStrictEqual({ Name: 't', EventRW: 'All', SlsProjectArn: '' });
  });

  test('settings compare as strings, absent equal to empty; region lists as sets, trimmed', () => {
    expect(sameSetting('OssKeyPrefix', undefined, '')).toBe(true);
    expect(sameSetting('OssKeyPrefix', 'a', 'b')).toBe(false);
    expect(sameSetting('EventRW', 'a,b', 'b,a')).toBe(false);
    expect(sameSetting('TrailRegion', 'cn-a, cn-b', 'cn-b,cn-a')).toBe(true);
    expect(sameSetting('TrailRegion', 'cn-a', undefined)).toBe(false);
    expect(sameSetting('TrailRegion', undefined, 'cn-a')).toBe(false);
    expect(sameSetting('TrailRegion', undefined, undefined)).toBe(true);
    // Regions are compared whole, not letter by letter or run together.
    expect(sameSetting('TrailRegion', 'cn-ab', 'cn-ba')).toBe(false);
    expect(sameSetting('TrailRegion', 'cn-a,cn-b', 'cn-acn-b')).toBe(false);
  });

  test('two configurations are the same only when name, organization flag, logging and settings all agree', () => {
    const a = { name: 'audit_all', isOrganizationTrail: false, logging: true, settings: { TrailRegion: 'cn-a,cn-b' } };
    expect(sameConfig(a, { ...a, settings: { TrailRegion: 'cn-b,cn-a' } })).toBe(true);
    expect(sameConfig(a, { ...a, name: 'audit_two' })).toBe(false);
    expect(sameConfig(a, { ...a, isOrganizationTrail: true })).toBe(false);
    expect(sameConfig(a, { ...a, logging: false })).toBe(false);
    expect(sameConfig(a, { ...a, settings: { TrailRegion: 'cn-a' } })).toBe(false);
  });
});

describe('Ownership.fromEnv: the environment the handler trusts', () => {
  const KEY = 'k'.repeat(32);
  const deploy = 'deploy the provider with the actiontrail-cdk TrailProvider construct, which sets it';

  test('the ownership key must be there, of at least 32 characters', () => {
    const message = `the function's environment has no TRAIL_OWNERSHIP_KEY of at least 32 characters; ${deploy}`;
    expect(() => Ownership.fromEnv({ TRAIL_DECLARATIONS: '{}' })).toThrow(message);
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: 'k'.repeat(31), TRAIL_DECLARATIONS: '{}' })).toThrow(message);
    expect(Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: KEY, TRAIL_DECLARATIONS: '{}' })).toBeInstanceOf(Ownership);
  });

  test('the declarations must be JSON', () => {
    const message = `the function's environment variable TRAIL_DECLARATIONS is not JSON; ${deploy}`;
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: KEY, TRAIL_DECLARATIONS: '{not json' })).toThrow(message);
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: KEY })).toThrow(message);
  });

  test('the declarations must be a JSON object', () => {
    for (const text of ['null', '[]', '"x"', '1']) {
      expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: KEY, TRAIL_DECLARATIONS: text })).toThrow(
        "the function's environment variable TRAIL_DECLARATIONS must be a JSON object of logical ID to trail properties",
      );
    }
  });
});

describe('Ownership: declarations and physical IDs', () => {
  const KEY = 'Tq8vXz2LmR4pWn7sKd9gHj3bFc6yNa5eQw1U';
  const own = Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: KEY, TRAIL_DECLARATIONS: JSON.stringify({ AuditTrail: valid, Broken: { Name: 'x' }, undefined: valid }) });

  test('a physical ID is the name and 128 bits of HMAC-SHA256 over a fixed, versioned text (existing stacks depend on it)', () => {
    const mac = createHmac('sha256', KEY).update('actiontrail-cdk/trail/v1\nAuditTrail\naudit_all').digest('hex').slice(0, 32);
    expect(own.physicalId('AuditTrail', 'audit_all')).toBe(`audit_all.${mac}`);
    expect(own.boundName('AuditTrail', `audit_all.${mac}`)).toBe('audit_all');
  });

  test('boundName refuses missing IDs, a MAC of the wrong length and an invalid name', () => {
    const id = own.physicalId('AuditTrail', 'audit_all');
    expect(own.boundName(undefined, id)).toBeUndefined();
    expect(own.boundName('', id)).toBeUndefined();
    expect(own.boundName('AuditTrail', undefined)).toBeUndefined();
    expect(own.boundName('AuditTrail', '')).toBeUndefined();
    expect(own.boundName('AuditTrail', `${id}0`)).toBeUndefined();
    expect(own.boundName('AuditTrail', id.slice(0, -1))).toBeUndefined();
    expect(own.boundName('Bad', own.physicalId('Bad', 'Bad.Name'))).toBeUndefined();
    // A missing logical ID is not the text "undefined" or the empty ID.
    expect(own.boundName(undefined, own.physicalId('undefined', 'audit_all'))).toBeUndefined();
    expect(own.boundName('', own.physicalId('', 'audit_all'))).toBeUndefined();
    // 32 characters that are more than 32 bytes.
    expect(own.boundName('AuditTrail', `audit_all.${'é'.repeat(32)}`)).toBeUndefined();
  });

  test('declared: the validated configuration; an unknown or missing logical ID is refused as not this stack\'s', () => {
    expect(own.declared('AuditTrail')).toEqual({ name: 'audit_all', isOrganizationTrail: false, logging: true, settings: { EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN } });
    expect(() => own.declared(undefined)).toThrow(
      "the stack's template declares no trail with the logical ID \"undefined\" (the provider's TRAIL_DECLARATIONS); the request is not this stack's and nothing was changed",
    );
    expect(() => own.declared('Broken')).toThrow(InvalidPropertiesError);
    // Only the declarations' own keys: not inherited ones.
    expect(() => own.declared('toString')).toThrow('declares no trail with the logical ID "toString"');
    expect(own.declaredName('AuditTrail')).toBe('audit_all');
    expect(own.declaredName('Broken')).toBeUndefined();
  });
});

describe('the failed-Create placeholder', () => {
  test('names the logical ID, or "trail" when there is none; a long one is clipped and the whole ID kept within 255 characters', () => {
    expect(failedCreatePhysicalId(undefined)).toBe('create-failed.trail');
    expect(failedCreatePhysicalId('')).toBe('create-failed.trail');
    const long = failedCreatePhysicalId('L'.repeat(300));
    expect(long).toBe(`create-failed.${'L'.repeat(200)}... (100 more characters)`.slice(0, 255));
    expect(long.length).toBeLessThanOrEqual(255);
  });

  test('a Delete names nothing when its physical ID is absent, empty or the placeholder', () => {
    expect(namesNothing('')).toBe(true);
    expect(namesNothing(failedCreatePhysicalId(undefined))).toBe(true);
    expect(namesNothing('audit_all.0123')).toBe(false);
  });
});
