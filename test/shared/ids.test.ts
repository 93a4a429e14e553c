/** lib/shared/ids.ts: one rule per ID, for synth, the provider and the CLI. */
import { isAccountId, isRegionId, MAX_REGION_ID_LENGTH, TRAIL_NAME_PATTERN } from '../../lib/shared/ids';

test('account IDs are exactly 16 digits', () => {
  expect(isAccountId('1234567890123456')).toBe(true);
  for (const bad of ['123456789012345', '12345678901234567', '123456789012345a', '', 1234567890123456, undefined]) {
    expect(isAccountId(bad)).toBe(false);
  }
});

test('region IDs: real ones pass; the shapes the old copies disagreed on fail everywhere', () => {
  for (const good of ['cn-hangzhou', 'ap-southeast-1', 'cn-shanghai-finance-1', 'us-west-1', 'eu-central-1']) {
    expect(isRegionId(good)).toBe(true);
  }
  // `cn-1` passed the CLI's and the function's copies but failed synth.
  for (const bad of [
    'cn-1',
    'cn',
    'CN-hangzhou',
    'cn_hangzhou',
    'cn-hangzhou-',
    '-cn-hangzhou',
    'cn--x',
    '',
    7,
    undefined,
  ]) {
    expect(isRegionId(bad)).toBe(false);
  }
  expect(isRegionId(`cn-${'a'.repeat(MAX_REGION_ID_LENGTH - 3)}`)).toBe(true);
  expect(isRegionId(`cn-${'a'.repeat(MAX_REGION_ID_LENGTH - 2)}`)).toBe(false);
});

test('trail names: 6-36 characters, a lowercase letter first', () => {
  expect(TRAIL_NAME_PATTERN.test('audit_all')).toBe(true);
  expect(TRAIL_NAME_PATTERN.test('a'.repeat(36))).toBe(true);
  for (const bad of ['audit', 'a'.repeat(37), '1audit', 'Audit_all']) expect(TRAIL_NAME_PATTERN.test(bad)).toBe(false);
});
