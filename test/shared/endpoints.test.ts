/** lib/shared/endpoints.ts: where API calls go, for the provider and the CLI. */
import { actionTrailEndpoint, isLoopbackHost, isSafeForCredentials } from '../../lib/shared/endpoints';

test('the regional ActionTrail endpoint', () => {
  expect(actionTrailEndpoint('cn-hangzhou')).toBe('https://actiontrail.cn-hangzhou.aliyuncs.com');
});

test('signed requests go over https, or over http only to this machine', () => {
  expect(isSafeForCredentials(new URL('https://example.com'))).toBe(true);
  for (const local of ['http://127.0.0.1:8080', 'http://localhost', 'http://[::1]:9'])
    expect(isSafeForCredentials(new URL(local))).toBe(true);
  for (const remote of ['http://10.0.0.1', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1'])
    expect(isSafeForCredentials(new URL(remote))).toBe(false);
  expect(isLoopbackHost('127.0.0.2')).toBe(false);
});
