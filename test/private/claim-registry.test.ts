/**
 * ClaimRegistry: claims span the app where the place (account, and region
 * for a regional registry) is literal, and one stack where it is known only
 * at deploy time.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { ClaimRegistry } from '../../lib/private/unique-names';
import { newApp } from '../support/template';

const A = '1111111111111111';

test('literal places: one map for the app, keyed by account (and region when regional)', () => {
  const app = newApp();
  const east = new ros.Stack(app, 'East', { env: { account: A, region: 'cn-hangzhou' } });
  const west = new ros.Stack(app, 'West', { env: { account: A, region: 'cn-beijing' } });
  const perAccount = new ClaimRegistry<string>(false);
  const perRegion = new ClaimRegistry<string>(true);

  const e = perAccount.placeOf(east);
  const w = perAccount.placeOf(west);
  expect([e.known, e.key, w.key]).toEqual([true, A, A]);
  expect(w.claims).toBe(e.claims);
  expect(w.stack).toBe(west);

  const er = perRegion.placeOf(east);
  expect(er.key).toBe(`${A}/cn-hangzhou`);
  expect(perRegion.placeOf(west).key).toBe(`${A}/cn-beijing`);
  expect(perRegion.placeOf(west).claims).toBe(er.claims);
  // Two registries never share claims.
  expect(er.claims).not.toBe(e.claims);
  // Another app starts empty.
  expect(
    perAccount.placeOf(new ros.Stack(newApp(), 'S', { env: { account: A, region: 'cn-hangzhou' } })).claims,
  ).not.toBe(e.claims);
});

test('a place known only at deploy time: one map per stack, key empty', () => {
  const app = newApp();
  const one = new ros.Stack(app, 'One');
  const two = new ros.Stack(app, 'Two');
  const registry = new ClaimRegistry<string>(false);
  const p1 = registry.placeOf(one);
  expect([p1.known, p1.key]).toEqual([false, '']);
  expect(registry.placeOf(new ros.Construct(one, 'Child')).claims).toBe(p1.claims);
  expect(registry.placeOf(two).claims).not.toBe(p1.claims);
});

test('a regional registry needs the region literal too; a per-account one does not', () => {
  const app = newApp();
  const accountOnly = new ros.Stack(app, 'AccountOnly', { env: { account: A } });
  expect(new ClaimRegistry<string>(false).placeOf(accountOnly)).toMatchObject({ known: true, key: A });
  expect(new ClaimRegistry<string>(true).placeOf(accountOnly)).toMatchObject({ known: false, key: '' });
});
