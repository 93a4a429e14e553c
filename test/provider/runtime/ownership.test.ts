/**
 * runtime/ownership.ts: the environment the handler trusts, the declarations,
 * physical IDs that bind a trail name to a resource, and the failed-Create
 * placeholder, with exact expected values.
 */
import { createHmac } from 'crypto';
import { InvalidPropertiesError } from '../../../lib/provider/runtime/errors';
import { Ownership, failedCreatePhysicalId, namesNothing } from '../../../lib/provider/runtime/ownership';
import { MC_PROJECT_ARN, trailProps } from '../harness';

const valid = { Name: 'audit_all', EventRW: 'All', TrailRegion: 'All', MaxComputeProjectArn: MC_PROJECT_ARN };

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
  const own = Ownership.fromEnv({
    TRAIL_OWNERSHIP_KEY: KEY,
    TRAIL_DECLARATIONS: JSON.stringify({ AuditTrail: valid, Broken: { Name: 'x' }, undefined: valid }),
  });

  test('a physical ID is the name and 128 bits of HMAC-SHA256 over a fixed, versioned text (existing stacks depend on it)', () => {
    const mac = createHmac('sha256', KEY)
      .update('actiontrail-cdk/trail/v1\nAuditTrail\naudit_all')
      .digest('hex')
      .slice(0, 32);
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

describe('ownership', () => {
  const env = (declarations: unknown, key = 'k'.repeat(40)) => ({
    TRAIL_OWNERSHIP_KEY: key,
    TRAIL_DECLARATIONS: JSON.stringify(declarations),
  });

  test('a physical ID binds a name to a logical ID under the key; anything else does not verify', () => {
    const own = Ownership.fromEnv(env({}));
    const id = own.physicalId('AuditTrail', 'audit_all');
    expect(id).toMatch(/^audit_all\.[0-9a-f]{32}$/);
    expect(own.boundName('AuditTrail', id)).toBe('audit_all');
    expect(own.boundName('OtherTrail', id)).toBeUndefined();
    expect(
      own.boundName(
        'AuditTrail',
        id.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBeUndefined();
    expect(own.boundName('AuditTrail', id.replace('audit_all', 'victim_trl'))).toBeUndefined();
    expect(own.boundName('AuditTrail', 'audit_all')).toBeUndefined();
    expect(Ownership.fromEnv(env({}, 'j'.repeat(40))).boundName('AuditTrail', id)).toBeUndefined();
  });

  test('declarations: validated, looked up by logical ID only', () => {
    const own = Ownership.fromEnv(env({ AuditTrail: trailProps() }));
    expect(own.declared('AuditTrail').name).toBe('audit_all');
    expect(own.declaredName('toString')).toBeUndefined();
    expect(() => own.declared('Other')).toThrow('declares no trail with the logical ID "Other"');
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: 'short', TRAIL_DECLARATIONS: '{}' })).toThrow(
      'TRAIL_OWNERSHIP_KEY of at least 32',
    );
    expect(() => Ownership.fromEnv({ TRAIL_OWNERSHIP_KEY: 'k'.repeat(40), TRAIL_DECLARATIONS: '[1]' })).toThrow(
      'must be a JSON object',
    );
  });

  test('the failed-Create placeholder names nothing', () => {
    expect(failedCreatePhysicalId('AuditTrail')).toBe('create-failed.AuditTrail');
    expect(namesNothing('create-failed.AuditTrail')).toBe(true);
    expect(namesNothing(undefined)).toBe(true);
    expect(namesNothing('audit_all')).toBe(false);
  });
});
