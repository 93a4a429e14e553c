/**
 * runtime/properties.ts: validation of the trail properties (every problem text
 * is what the user reads in the FAILED Reason), the rules applied to each field
 * one input at a time, and the comparisons and API parameters derived from a
 * valid configuration.
 */
import { InvalidPropertiesError } from '../../../lib/provider/runtime/errors';
import {
  createTrailParams,
  parseTrailProperties,
  readPreviousProperties,
  sameConfig,
  sameSetting,
  updateTrailParams,
  DESTINATIONS,
  TrailConfig,
  changedSettings,
} from '../../../lib/provider/runtime/properties';
import { MC_PROJECT_ARN, ROLE_ARN, SLS_PROJECT_ARN, trailProps } from '../harness';

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

const MC = 'acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_1234567890123456';

const BASE = { Name: 'audit_all', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC };

/** The problem lines of `props` (none when they are valid). */
function problems(props: Record<string, unknown>): readonly string[] {
  try {
    parseTrailProperties(props);
    return [];
  } catch (e) {
    if (!(e instanceof InvalidPropertiesError)) throw e;
    return e.problems;
  }
}

describe('parseTrailProperties: what is refused, in the words of the Reason', () => {
  test('a missing Name', () => {
    expect(problemsOf({ ...valid, Name: undefined })).toEqual(['Name is required']);
    expect(problemsOf({ ...valid, Name: '' })).toEqual(['Name is required']);
  });

  test('a bad region list names the bad entries only', () => {
    expect(problemsOf({ ...valid, TrailRegion: 'cn-hangzhou, Bad_Region,x' })).toEqual([
      'TrailRegion must be \'All\' or comma-separated region IDs, bad: "Bad_Region,x"',
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
    expect(parseTrailProperties({ ...valid, OssBucketName: null }).settings).toStrictEqual({
      EventRW: 'All',
      TrailRegion: 'All',
      MaxComputeProjectArn: MC_PROJECT_ARN,
    });
  });

  test('not an object at all', () => {
    for (const raw of [undefined, null, 'x', ['Name']])
      expect(problemsOf(raw)).toEqual(['ResourceProperties must be an object']);
  });
});

describe('parseTrailProperties: what is accepted', () => {
  test('booleans as ROS writes them, in either case; null and "" are the default', () => {
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: 'True', Logging: 'False' })).toMatchObject({
      isOrganizationTrail: true,
      logging: false,
    });
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: null, Logging: '' })).toMatchObject({
      isOrganizationTrail: false,
      logging: true,
    });
    expect(parseTrailProperties({ ...valid, IsOrganizationTrail: 'false', Logging: 'true' })).toMatchObject({
      isOrganizationTrail: false,
      logging: true,
    });
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
    expect(
      parseTrailProperties({
        ...valid,
        MaxComputeProjectArn: 'acs:odps::123:project/actiontrail_x',
        SlsProjectArn: 'acs:log::123:project/p',
      }).settings,
    ).toMatchObject({
      MaxComputeProjectArn: 'acs:odps::123:project/actiontrail_x',
      SlsProjectArn: 'acs:log::123:project/p',
    });
  });
});

describe('readPreviousProperties', () => {
  test('reads whatever was applied, trimmed, without judging it', () => {
    expect(
      readPreviousProperties({
        Name: 'x',
        EventRW: ' Read ',
        OssBucketName: 'B',
        IsOrganizationTrail: 'True',
        Logging: 'False',
        SlsProjectArn: 3,
      }),
    ).toEqual({
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
    expect(
      createTrailParams({
        name: 'audit_all',
        isOrganizationTrail: true,
        logging: false,
        settings: { EventRW: 'All', SlsProjectArn: SLS_PROJECT_ARN },
      }),
    ).toStrictEqual({
      Name: 'audit_all',
      IsOrganizationTrail: true,
      EventRW: 'All',
      SlsProjectArn: SLS_PROJECT_ARN,
    });
  });

  test('UpdateTrail clears a removed setting only when it had a value', () => {
    expect(updateTrailParams('t', { OssKeyPrefix: '', SlsProjectArn: 'arn' }, { EventRW: 'All' })).toStrictEqual({
      Name: 't',
      EventRW: 'All',
      SlsProjectArn: '',
    });
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

describe('EventRW', () => {
  test.each(['All', 'Read', 'Write'])('%s is accepted', (rw) => {
    expect(problems({ ...BASE, EventRW: rw })).toEqual([]);
  });
});

describe('TrailRegion', () => {
  test.each(['cn-hangzhou', 'ap-southeast-1', 'cn-hangzhou,ap-southeast-1', 'eu-central-1'])(
    '%s is accepted',
    (region) => {
      expect(problems({ ...BASE, TrailRegion: region })).toEqual([]);
    },
  );

  test.each(['1cn-hangzhou', 'cn-hangzhou!', 'cn', 'CN-hangzhou'])('%s is refused', (region) => {
    expect(problems({ ...BASE, TrailRegion: region })).toEqual([
      `TrailRegion must be 'All' or comma-separated region IDs, bad: "${region}"`,
    ]);
  });
});

describe('role ARNs', () => {
  const roleFields = [
    ['OssWriteRoleArn', { OssBucketName: 'audit-bucket' }],
    ['SlsWriteRoleArn', { SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs' }],
    ['MaxComputeWriteRoleArn', {}],
  ] as const;

  test.each(roleFields)('a real %s is accepted', (field, destination) => {
    expect(
      problems({ ...BASE, ...destination, [field]: 'acs:ram::1234567890123456:role/actiontrail-delivery' }),
    ).toEqual([]);
  });

  test.each([
    'xacs:ram::1234567890123456:role/delivery',
    'acs:ram::1234567890123456:role/delivery x',
    'acs:ram::1234567890123456:role/a/b',
    'acs:ram::12:34:role/delivery',
    'acs:ram:: :role/delivery',
    'acs:ram::1234567890123456:role/',
  ])('%s is refused', (arn) => {
    expect(problems({ ...BASE, MaxComputeWriteRoleArn: arn })).toEqual([
      `MaxComputeWriteRoleArn must be acs:ram::<account>:role/<name>, got "${arn}"`,
    ]);
  });
});

describe('SlsProjectArn', () => {
  test.each(['acs:log:cn-hangzhou:1234567890123456:project/audit-logs', 'acs:log::1234567890123456:project/a'])(
    '%s is accepted',
    (arn) => {
      expect(problems({ ...BASE, SlsProjectArn: arn })).toEqual([]);
    },
  );

  test.each([
    'xacs:log:cn-hangzhou:1234567890123456:project/audit-logs',
    'acs:log:cn-hangzhou:1234567890123456:project/audit logs',
    'acs:log:cn-hangzhou:1234567890123456:project/a/b',
    'acs:log:CN:1234567890123456:project/audit-logs',
    'acs:log:cn-hangzhou:12:34:project/audit-logs',
    'acs:log:cn-hangzhou: :project/audit-logs',
    'acs:log:cn-hangzhou:1234567890123456:project/',
  ])('%s is refused', (arn) => {
    expect(problems({ ...BASE, SlsProjectArn: arn })).toEqual([
      `SlsProjectArn must be acs:log:<region>:<account>:project/<name>, got "${arn}"`,
    ]);
  });
});

describe('MaxComputeProjectArn', () => {
  test.each([`x${MC}`, `${MC} x`])('%s is refused', (arn) => {
    expect(problems({ ...BASE, MaxComputeProjectArn: arn })).toEqual([
      `MaxComputeProjectArn must be acs:odps:<region>:<account>:project/<name>, got "${arn}"`,
    ]);
  });
});

describe('destinations', () => {
  test('each destination is a primary field with its qualifying fields', () => {
    expect(DESTINATIONS).toEqual([
      { primary: 'OssBucketName', secondary: ['OssKeyPrefix', 'OssWriteRoleArn'] },
      { primary: 'SlsProjectArn', secondary: ['SlsWriteRoleArn'] },
      { primary: 'MaxComputeProjectArn', secondary: ['MaxComputeWriteRoleArn'] },
    ]);
  });

  test.each([
    ['OssKeyPrefix', 'audit/prefix', 'OssBucketName'],
    ['OssWriteRoleArn', 'acs:ram::1234567890123456:role/d', 'OssBucketName'],
    ['SlsWriteRoleArn', 'acs:ram::1234567890123456:role/d', 'SlsProjectArn'],
  ])('%s without its destination is refused', (field, value, primary) => {
    expect(problems({ ...BASE, [field]: value })).toEqual([`${field} is set but ${primary} is not`]);
  });

  test('an OSS bucket alone is a destination', () => {
    const { MaxComputeProjectArn: _mc, ...noMc } = BASE;
    expect(problems({ ...noMc, OssBucketName: 'audit-bucket' })).toEqual([]);
    expect(problems(noMc)).toEqual([
      'at least one destination is required: OssBucketName, SlsProjectArn or MaxComputeProjectArn',
    ]);
  });
});

test('a null Name is "not set", not a wrong type', () => {
  expect(problems({ ...BASE, Name: null })).toEqual(['Name is required']);
});

test('previous properties that are null read as nothing set', () => {
  expect(readPreviousProperties(null)).toEqual({
    name: undefined,
    isOrganizationTrail: false,
    logging: true,
    settings: {},
  });
});

describe('sameSetting for TrailRegion', () => {
  test('a region list against an unset one differs, either way round', () => {
    expect(sameSetting('TrailRegion', undefined, 'cn-hangzhou')).toBe(false);
    expect(sameSetting('TrailRegion', 'cn-hangzhou', undefined)).toBe(false);
  });

  test('lists are compared region by region, not as run-together text', () => {
    expect(sameSetting('TrailRegion', 'cn-hangzhou,cn-shanghai', 'cn-hangzhoucn-shanghai')).toBe(false);
    expect(sameSetting('TrailRegion', 'cn-shanghai, cn-hangzhou', 'cn-hangzhou,cn-shanghai')).toBe(true);
  });
});

test('CreateTrail parameters name only the settings that are set', () => {
  const config: TrailConfig = {
    name: 'audit_all',
    isOrganizationTrail: false,
    logging: true,
    settings: { EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC },
  };
  expect(Object.keys(createTrailParams(config)).sort()).toEqual([
    'EventRW',
    'IsOrganizationTrail',
    'MaxComputeProjectArn',
    'Name',
    'TrailRegion',
  ]);
});

describe('parseTrailProperties', () => {
  test('reads booleans given as strings or booleans, with defaults', () => {
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: 'true', Logging: 'false' }))).toMatchObject({
      isOrganizationTrail: true,
      logging: false,
    });
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: true, Logging: false }))).toMatchObject({
      isOrganizationTrail: true,
      logging: false,
    });
    expect(parseTrailProperties(trailProps({ IsOrganizationTrail: undefined, Logging: undefined }))).toMatchObject({
      isOrganizationTrail: false,
      logging: true,
    });
  });

  test('keeps only known settings, drops empty strings and normalizes region lists', () => {
    const config = parseTrailProperties(
      trailProps({ TrailRegion: ' cn-hangzhou ,cn-shanghai', OssBucketName: '', ServiceToken: 'x' }),
    );
    expect(config).toEqual({
      name: 'audit_all',
      isOrganizationTrail: false,
      logging: true,
      settings: { EventRW: 'All', TrailRegion: 'cn-hangzhou,cn-shanghai', MaxComputeProjectArn: MC_PROJECT_ARN },
    });
  });

  test('reports every problem at once', () => {
    expect(() => parseTrailProperties({ Name: 'X', EventRW: 1 })).toThrow(
      /Name "X" must be .*; EventRW must be a string, got number; EventRW is required.*; TrailRegion is required.*; at least one destination is required/,
    );
    expect(() => parseTrailProperties('nope')).toThrow('ResourceProperties must be an object');
  });

  test('reads previous properties leniently', () => {
    expect(readPreviousProperties(undefined)).toEqual({
      name: undefined,
      isOrganizationTrail: false,
      logging: true,
      settings: {},
    });
    expect(readPreviousProperties({ Name: 'Old', EventRW: 'whatever', Logging: 'maybe' })).toEqual({
      name: 'Old',
      isOrganizationTrail: false,
      logging: true,
      settings: { EventRW: 'whatever' },
    });
  });
});

describe('updateTrailParams / changedSettings', () => {
  test('sends the desired settings and "" for each removed one', () => {
    expect(
      updateTrailParams(
        't',
        { EventRW: 'All', OssBucketName: 'b', OssKeyPrefix: 'prefix1' },
        { EventRW: 'Write', SlsProjectArn: 'arn' },
      ),
    ).toEqual({
      Name: 't',
      EventRW: 'Write',
      SlsProjectArn: 'arn',
      OssBucketName: '',
      OssKeyPrefix: '',
    });
  });

  test('does not clear what `keep` protects', () => {
    expect(
      updateTrailParams('t', { SlsWriteRoleArn: 'default' }, { EventRW: 'All' }, (f) => f === 'SlsWriteRoleArn'),
    ).toEqual({ Name: 't', EventRW: 'All' });
  });

  test('region lists compare as sets', () => {
    expect(changedSettings({ TrailRegion: 'a-1,b-2' }, { TrailRegion: 'b-2,a-1' })).toEqual([]);
    expect(changedSettings({ TrailRegion: 'a-1' }, { TrailRegion: 'All' })).toEqual(['TrailRegion']);
    expect(changedSettings({ OssBucketName: 'x' }, {})).toEqual(['OssBucketName']);
  });
});
