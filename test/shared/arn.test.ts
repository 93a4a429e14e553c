/** lib/shared/arn.ts: the ARN shape, parsed by constructs and rules alike. */
import { formatArn, maxComputeTableName, parseArn } from '../../lib/shared/arn';

test('an ARN splits into its five parts and joins back', () => {
  const arn = 'acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_x';
  const parts = parseArn(arn);
  expect(parts).toEqual({
    service: 'odps',
    region: 'cn-hangzhou',
    account: '1234567890123456',
    resourceType: 'project',
    resourceName: 'actiontrail_x',
  });
  expect(formatArn(parts!)).toBe(arn);
  expect(parseArn('acs:ram::1234567890123456:role/a/b')).toEqual({
    service: 'ram',
    region: '',
    account: '1234567890123456',
    resourceType: 'role',
    resourceName: 'a/b',
  });
  expect(parseArn('acs:log:cn-hangzhou::project/p')).toEqual({
    service: 'log',
    region: 'cn-hangzhou',
    account: '',
    resourceType: 'project',
    resourceName: 'p',
  });
  expect(formatArn({ service: 's', region: '', account: 'a', resourceType: 't', resourceName: 'n' })).toBe(
    'acs:s::a:t/n',
  );
});

test('anything else is not an ARN', () => {
  for (const bad of [
    '',
    'arn:aws:s3:::b',
    'acs:odps:cn-hangzhou:1:project',
    'acs:ODPS:r:a:t/n',
    'acs:odps:r:a:/n',
    'acs::r:a:t/n',
    'acs:odps:r:a:t/',
    'xacs:odps:r:a:t/n',
    'acs:odps:r:a:b:t/n',
    'acs:odps:r:a:t:x/n',
    ' acs:odps:r:a:t/n',
    'acs:odps:r:a:t/n\nmore',
  ]) {
    expect(parseArn(bad)).toBeUndefined();
  }
});

test('the MaxCompute table of a trail', () => {
  expect(maxComputeTableName('audit_all')).toBe('actiontrail_audit_all');
});
