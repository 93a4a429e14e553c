/** lib/shared/markers.ts: the facts constructs write and rules read, without importing each other. */
import * as ros from '@alicloud/ros-cdk-core';
import {
  addTrustedAccounts,
  isServiceOnlyRole,
  markServiceOnlyRole,
  registerUncheckedWarningReporter,
  reportUncheckedWarnings,
  trustedAccountsOf,
} from '../../lib/shared/markers';
import { newApp } from '../support/template';

test('trusted accounts add up along the scopes, root first, in declaration order', () => {
  const app = newApp();
  const stack = new ros.Stack(app, 'S');
  const holder = new ros.Construct(stack, 'Holder');
  const role = new ros.Construct(holder, 'Role');
  addTrustedAccounts(holder, ['1111111111111111']);
  addTrustedAccounts(role, ['2222222222222222']);
  addTrustedAccounts(holder, ['3333333333333333']);
  expect(trustedAccountsOf(role)).toEqual(['1111111111111111', '3333333333333333', '2222222222222222']);
  expect(trustedAccountsOf(stack)).toEqual([]);
});

test('the trust marker is a global symbol, not enumerable: two copies of the library agree, JSON is unchanged', () => {
  const construct = new ros.Construct(newApp(), 'C');
  addTrustedAccounts(construct, ['1111111111111111']);
  const symbol = Symbol.for('actiontrail-cdk.audit-checks.trusted-accounts');
  expect((construct as unknown as Record<symbol, unknown>)[symbol]).toEqual(['1111111111111111']);
  expect(Object.prototype.propertyIsEnumerable.call(construct, symbol)).toBe(false);
  expect(Object.getOwnPropertySymbols({ ...construct })).not.toContain(symbol);
});

test('unchecked warnings go to the one registered reporter (the rules engine registers itself when it loads)', () => {
  const resource = {};
  expect(() => reportUncheckedWarnings(resource)).not.toThrow();
  const seen: object[] = [];
  registerUncheckedWarningReporter((r) => seen.push(r));
  reportUncheckedWarnings(resource);
  expect(seen).toEqual([resource]);
  expect(seen[0]).toBe(resource);
});

test('a service-only role is marked on the role alone, with a global, non-enumerable symbol', () => {
  const stack = new ros.Stack(newApp(), 'S');
  const role = new ros.Construct(stack, 'Role');
  expect(isServiceOnlyRole(role)).toBe(false);
  markServiceOnlyRole(role);
  expect(isServiceOnlyRole(role)).toBe(true);
  expect(isServiceOnlyRole(stack)).toBe(false);
  const symbol = Symbol.for('actiontrail-cdk.audit-checks.service-only-role');
  expect(Object.prototype.propertyIsEnumerable.call(role, symbol)).toBe(false);
});
