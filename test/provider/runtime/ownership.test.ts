/**
 * runtime/ownership.ts: the declarations the handler trusts, the physical
 * IDs that name the trail a resource was created with (ROS confirms them;
 * no secret), and the failed-Create placeholder, with exact expected values.
 */
import { InvalidPropertiesError } from '../../../lib/provider/runtime/errors';
import {
  Ownership,
  boundName,
  failedCreatePhysicalId,
  namesNothing,
  physicalIdOf,
} from '../../../lib/provider/runtime/ownership';
import { MC_PROJECT_ARN, trailProps } from '../harness';

const valid = { Name: 'audit_all', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN };

describe('Ownership.fromEnv: the environment the handler trusts', () => {
  const deploy = 'deploy the provider with the actiontrail-cdk TrailProvider construct, which sets it';

  test('no key is needed any more: the declarations alone', () => {
    expect(Ownership.fromEnv({ TRAIL_DECLARATIONS: '{}' })).toBeInstanceOf(Ownership);
  });

  test('the declarations must be JSON', () => {
    const message = `the function's environment variable TRAIL_DECLARATIONS is not JSON; ${deploy}`;
    expect(() => Ownership.fromEnv({ TRAIL_DECLARATIONS: '{not json' })).toThrow(message);
    expect(() => Ownership.fromEnv({})).toThrow(message);
  });

  test('the declarations must be a JSON object', () => {
    for (const text of ['null', '[]', '"x"', '1']) {
      expect(() => Ownership.fromEnv({ TRAIL_DECLARATIONS: text })).toThrow(
        "the function's environment variable TRAIL_DECLARATIONS must be a JSON object of logical ID to trail properties",
      );
    }
  });
});

describe('Ownership: declarations', () => {
  const own = Ownership.fromEnv({
    TRAIL_DECLARATIONS: JSON.stringify({ AuditTrail: valid, Broken: { Name: 'x' }, undefined: valid }),
  });

  test("declared: the validated configuration; an unknown or missing logical ID is refused as not this stack's", () => {
    expect(own.declared('AuditTrail')).toEqual({
      name: 'audit_all',
      isOrganizationTrail: false,
      logging: true,
      settings: { EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN },
    });
    expect(() => own.declared(undefined)).toThrow(
      "the stack's template declares no trail with the logical ID \"undefined\" (the provider's TRAIL_DECLARATIONS); the request is not this stack's and nothing was changed",
    );
    expect(() => own.declared('Broken')).toThrow(InvalidPropertiesError);
    // Only the declarations' own keys: not inherited ones.
    expect(() => own.declared('toString')).toThrow('declares no trail with the logical ID "toString"');
    expect(own.declaredName('AuditTrail')).toBe('audit_all');
    expect(own.declaredName('Broken')).toBeUndefined();
    expect(
      Ownership.fromEnv({ TRAIL_DECLARATIONS: JSON.stringify({ AuditTrail: trailProps() }) }).declaredName('Other'),
    ).toBeUndefined();
  });
});

describe('physical IDs', () => {
  test('a Create answers the trail name itself', () => {
    expect(physicalIdOf('audit_all')).toBe('audit_all');
    expect(boundName(physicalIdOf('audit_all'))).toBe('audit_all');
  });

  test('IDs issued before ROS confirmation (<name>.<32 hex>) still name their trail', () => {
    const legacy = `audit_all.${'0123456789abcdef'.repeat(2)}`;
    expect(boundName(legacy)).toBe('audit_all');
    // The MAC part must be exactly 32 lowercase hex characters.
    expect(boundName(`audit_all.${'0'.repeat(31)}`)).toBeUndefined();
    expect(boundName(`audit_all.${'0'.repeat(33)}`)).toBeUndefined();
    expect(boundName(`audit_all.${'A'.repeat(32)}`)).toBeUndefined();
    expect(boundName(`audit_all.${'é'.repeat(32)}`)).toBeUndefined();
    expect(boundName(`Bad.Name.${'0'.repeat(32)}`)).toBeUndefined();
    expect(boundName(`.${'0'.repeat(32)}`)).toBeUndefined();
  });

  test('anything else names no trail', () => {
    expect(boundName(undefined)).toBeUndefined();
    expect(boundName('')).toBeUndefined();
    expect(boundName('Audit_All')).toBeUndefined();
    expect(boundName('short')).toBeUndefined();
    expect(boundName('create-failed.AuditTrail')).toBeUndefined();
    expect(boundName('audit_all.')).toBeUndefined();
    // 32 hex characters without a dot: a trail name when it starts with a letter, else nothing.
    expect(boundName('abcdef0123456789abcdef0123456789')).toBe('abcdef0123456789abcdef0123456789');
    expect(boundName('0123456789abcdef0123456789abcdef')).toBeUndefined();
  });
});

describe('the failed-Create placeholder', () => {
  test('names the logical ID, or "trail" when there is none; a long one is clipped and the whole ID kept within 255 characters', () => {
    expect(failedCreatePhysicalId(undefined)).toBe('create-failed.trail');
    expect(failedCreatePhysicalId('')).toBe('create-failed.trail');
    expect(failedCreatePhysicalId('AuditTrail')).toBe('create-failed.AuditTrail');
    const long = failedCreatePhysicalId('L'.repeat(300));
    expect(long).toBe(`create-failed.${'L'.repeat(200)}... (100 more characters)`.slice(0, 255));
    expect(long.length).toBeLessThanOrEqual(255);
  });

  test('a Delete names nothing when its physical ID is absent, empty or the placeholder', () => {
    expect(namesNothing('')).toBe(true);
    expect(namesNothing(undefined)).toBe(true);
    expect(namesNothing(failedCreatePhysicalId(undefined))).toBe(true);
    expect(namesNothing('audit_all.0123')).toBe(false);
    expect(namesNothing('audit_all')).toBe(false);
  });
});
