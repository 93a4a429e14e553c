/**
 * The rules parseTrailProperties applies to each field, one input at a time:
 * which values it accepts (real region IDs and ARNs) and which it refuses,
 * with the exact problem line, plus the comparisons and API parameters built
 * from a valid configuration.
 */
import { InvalidPropertiesError } from '../../lib/provider/runtime/errors';
import { DESTINATIONS, TrailConfig, createTrailParams, parseTrailProperties, readPreviousProperties, sameSetting } from '../../lib/provider/runtime/properties';

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

describe('EventRW', () => {
  test.each(['All', 'Read', 'Write'])('%s is accepted', (rw) => {
    expect(problems({ ...BASE, EventRW: rw })).toEqual([]);
  });
});

describe('TrailRegion', () => {
  test.each(['cn-hangzhou', 'ap-southeast-1', 'cn-hangzhou,ap-southeast-1', 'eu-central-1'])('%s is accepted', (region) => {
    expect(problems({ ...BASE, TrailRegion: region })).toEqual([]);
  });

  test.each(['1cn-hangzhou', 'cn-hangzhou!', 'cn', 'CN-hangzhou'])('%s is refused', (region) => {
    expect(problems({ ...BASE, TrailRegion: region })).toEqual([`TrailRegion must be 'All' or comma-separated region IDs, bad: "${region}"`]);
  });
});

describe('role ARNs', () => {
  const roleFields = [
    ['OssWriteRoleArn', { OssBucketName: 'audit-bucket' }],
    ['SlsWriteRoleArn', { SlsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs' }],
    ['MaxComputeWriteRoleArn', {}],
  ] as const;

  test.each(roleFields)('a real %s is accepted', (field, destination) => {
    expect(problems({ ...BASE, ...destination, [field]: 'acs:ram::1234567890123456:role/actiontrail-delivery' })).toEqual([]);
  });

  test.each([
    'xacs:ram::1234567890123456:role/delivery',
    'acs:ram::1234567890123456:role/delivery x',
    'acs:ram::1234567890123456:role/a/b',
    'acs:ram::12:34:role/delivery',
    'acs:ram:: :role/delivery',
    'acs:ram::1234567890123456:role/',
  ])('%s is refused', (arn) => {
    expect(problems({ ...BASE, MaxComputeWriteRoleArn: arn })).toEqual([`MaxComputeWriteRoleArn must be acs:ram::<account>:role/<name>, got "${arn}"`]);
  });
});

describe('SlsProjectArn', () => {
  test.each(['acs:log:cn-hangzhou:1234567890123456:project/audit-logs', 'acs:log::1234567890123456:project/a'])('%s is accepted', (arn) => {
    expect(problems({ ...BASE, SlsProjectArn: arn })).toEqual([]);
  });

  test.each([
    'xacs:log:cn-hangzhou:1234567890123456:project/audit-logs',
    'acs:log:cn-hangzhou:1234567890123456:project/audit logs',
    'acs:log:cn-hangzhou:1234567890123456:project/a/b',
    'acs:log:CN:1234567890123456:project/audit-logs',
    'acs:log:cn-hangzhou:12:34:project/audit-logs',
    'acs:log:cn-hangzhou: :project/audit-logs',
    'acs:log:cn-hangzhou:1234567890123456:project/',
  ])('%s is refused', (arn) => {
    expect(problems({ ...BASE, SlsProjectArn: arn })).toEqual([`SlsProjectArn must be acs:log:<region>:<account>:project/<name>, got "${arn}"`]);
  });
});

describe('MaxComputeProjectArn', () => {
  test.each([`x${MC}`, `${MC} x`])('%s is refused', (arn) => {
    expect(problems({ ...BASE, MaxComputeProjectArn: arn })).toEqual([`MaxComputeProjectArn must be acs:odps:<region>:<account>:project/<name>, got "${arn}"`]);
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
    expect(problems(noMc)).toEqual(['at least one destination is required: OssBucketName, SlsProjectArn or MaxComputeProjectArn']);
  });
});

test('a null Name is "not set", not a wrong type', () => {
  expect(problems({ ...BASE, Name: null })).toEqual(['Name is required']);
});

test('previous properties that are null read as nothing set', () => {
  expect(readPreviousProperties(null)).toEqual({ name: undefined, isOrganizationTrail: false, logging: true, settings: {} });
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
  const config: TrailConfig = { name: 'audit_all', isOrganizationTrail: false, logging: true, settings: { EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC } };
  expect(Object.keys(createTrailParams(config)).sort()).toEqual(['EventRW', 'IsOrganizationTrail', 'MaxComputeProjectArn', 'Name', 'TrailRegion']);
});
