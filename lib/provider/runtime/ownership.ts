/**
 * Which trails a request may create, change or delete: the template's
 * declarations in the environment the handler trusts, and physical IDs that
 * name the trail a resource was created with (README.md, "Ownership"). The
 * physical ID needs no secret: ROS confirms it (./ros-confirmation.ts).
 */
import { clip, quoteValue } from '../../shared/quote';
import { DECLARATIONS_VARIABLE } from '../../shared/provider-contract';
import { ProviderError } from './errors';
import { TrailConfig, isValidTrailName, parseTrailProperties } from './properties';
import { DECLARATIONS_NOT_JSON, DECLARATIONS_NOT_OBJECT, undeclared } from './reasons';

/** Hex characters of the MAC that physical IDs issued before ROS confirmation carried (`<name>.<mac>`). */
const LEGACY_MAC_HEX = /^[0-9a-f]{32}$/;

/** The prefix of the physical ID a failed Create answers (not a trail name: it has a dot and no MAC). */
export const FAILED_CREATE_PREFIX = 'create-failed.';

/** The trusted declarations of one invocation, read from the environment. */
export class Ownership {
  /**
   * Reads and checks the environment; throws a {@link ProviderError} naming
   * the variable when it is missing or malformed (the request is then
   * answered FAILED without any API call).
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): Ownership {
    let declarations: unknown;
    try {
      declarations = JSON.parse(env[DECLARATIONS_VARIABLE] ?? '');
    } catch {
      throw new ProviderError(DECLARATIONS_NOT_JSON);
    }
    if (!declarations || typeof declarations !== 'object' || Array.isArray(declarations)) {
      throw new ProviderError(DECLARATIONS_NOT_OBJECT);
    }
    return new Ownership(declarations as Record<string, unknown>);
  }

  private constructor(private readonly declarations: Readonly<Record<string, unknown>>) {}

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
}

/** The physical ID a Create answers for trail `name`: the name itself. */
export function physicalIdOf(name: string): string {
  return name;
}

/**
 * The trail name a physical ID names: the ID itself when it is a trail name,
 * or `<name>` of an ID `<name>.<32 hex>` that providers before ROS
 * confirmation issued; undefined otherwise (a placeholder, or not an ID this
 * provider issues). Whether the ID is this resource's is ROS's to confirm.
 */
export function boundName(physicalId: string | undefined): string | undefined {
  if (physicalId === undefined) return undefined;
  // (A check of its own: the type guard would narrow `physicalId` to never below.)
  if (isTrailName(physicalId)) return physicalId;
  // Without a dot, `name` is the ID less its last character and the "MAC" the whole ID: never both valid.
  const dot = physicalId.lastIndexOf('.');
  const name = physicalId.slice(0, dot);
  return isTrailName(name) && LEGACY_MAC_HEX.test(physicalId.slice(dot + 1)) ? name : undefined;
}

function isTrailName(s: string): boolean {
  return isValidTrailName(s);
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
