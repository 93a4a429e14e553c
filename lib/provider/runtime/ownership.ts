/**
 * Which trails a request may create, change or delete: the environment the
 * handler trusts, and physical IDs that bind a trail name to a resource
 * (README.md, "Ownership").
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { clip, quoteValue } from '../../shared/quote';
import { DECLARATIONS_VARIABLE, OWNERSHIP_KEY_VARIABLE } from '../../shared/provider-contract';
import { ProviderError } from './errors';
import { TrailConfig, isValidTrailName, parseTrailProperties } from './properties';
import { DECLARATIONS_NOT_JSON, DECLARATIONS_NOT_OBJECT, missingOwnershipKey, undeclared } from './reasons';

/** Shortest secret accepted (characters). */
export const MIN_KEY_LENGTH = 32;

/** Hex characters of the MAC in a physical ID (128 bits). */
const MAC_HEX_LENGTH = 32;

/** The prefix of the physical ID a failed Create answers (not a trail name: it has a dot and no MAC). */
export const FAILED_CREATE_PREFIX = 'create-failed.';

/** The trusted facts of one invocation, read from the environment. */
export class Ownership {
  /**
   * Reads and checks the environment; throws a {@link ProviderError} naming
   * the variable when it is missing or malformed (the request is then
   * answered FAILED without any API call).
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): Ownership {
    const key = env[OWNERSHIP_KEY_VARIABLE] ?? '';
    if (key.length < MIN_KEY_LENGTH) {
      throw new ProviderError(missingOwnershipKey(MIN_KEY_LENGTH));
    }
    let declarations: unknown;
    try {
      declarations = JSON.parse(env[DECLARATIONS_VARIABLE] ?? '');
    } catch {
      throw new ProviderError(DECLARATIONS_NOT_JSON);
    }
    if (!declarations || typeof declarations !== 'object' || Array.isArray(declarations)) {
      throw new ProviderError(DECLARATIONS_NOT_OBJECT);
    }
    return new Ownership(key, declarations as Record<string, unknown>);
  }

  private constructor(
    private readonly key: string,
    private readonly declarations: Readonly<Record<string, unknown>>,
  ) {}

  /**
   * The configuration the template declares for `logicalId`, validated;
   * throws when the template declares no trail under that logical ID.
   */
  declared(logicalId: string | undefined): TrailConfig {
    const raw =
      logicalId !== undefined && Object.prototype.hasOwnProperty.call(this.declarations, logicalId)
        ? this.declarations[logicalId]
        : undefined;
    if (raw === undefined) {
      throw new ProviderError(undeclared(quoteValue(logicalId)));
    }
    return parseTrailProperties(raw);
  }

  /** The trail name the template declares for `logicalId`, or undefined. */
  declaredName(logicalId: string | undefined): string | undefined {
    try {
      return this.declared(logicalId).name;
    } catch {
      return undefined;
    }
  }

  /** The physical ID that binds trail `name` to resource `logicalId`. */
  physicalId(logicalId: string, name: string): string {
    return `${name}.${this.mac(logicalId, name)}`;
  }

  /**
   * The trail name bound into `physicalId` when its MAC is valid for
   * `logicalId`; undefined otherwise (a forged or foreign ID).
   */
  boundName(logicalId: string | undefined, physicalId: string | undefined): string | undefined {
    if (!logicalId || !physicalId) return undefined;
    const dot = physicalId.lastIndexOf('.');
    if (dot < 0) return undefined;
    const name = physicalId.slice(0, dot);
    const mac = physicalId.slice(dot + 1);
    if (!isValidTrailName(name) || mac.length !== MAC_HEX_LENGTH) return undefined;
    const expected = Buffer.from(this.mac(logicalId, name), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? name : undefined;
  }

  private mac(logicalId: string, name: string): string {
    return createHmac('sha256', this.key)
      .update(`actiontrail-cdk/trail/v1\n${logicalId}\n${name}`)
      .digest('hex')
      .slice(0, MAC_HEX_LENGTH);
  }
}

/** The physical ID a failed Create answers: it names no trail and carries no authority. */
export function failedCreatePhysicalId(logicalResourceId: string | undefined): string {
  return `${FAILED_CREATE_PREFIX}${clip(logicalResourceId || 'trail', 200)}`.slice(0, 255);
}

/**
 * True when a Delete's physical ID says no trail was ever made: absent, empty,
 * or the failed-Create placeholder. (ROS documents the physical ID of a FAILED
 * answer as invalid, so its rollback Delete may carry any of these.)
 */
export function namesNothing(physicalId: string | undefined): boolean {
  return physicalId === undefined || physicalId === '' || physicalId.startsWith(FAILED_CREATE_PREFIX);
}
