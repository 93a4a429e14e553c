import { CONVERGE_PARAMETER } from '../shared/provider-contract';
import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';

/**
 * Logical IDs this library gives the resources it adds once per stack. ROS CDK
 * uses a construct's id verbatim as its logical ID (as `@alicloud/ros-cdk-core` does), so a
 * construct of the user's with one of these ids would collide with them.
 */
export const STACK_LEVEL_IDS = {
  /** The provider construct (`TrailProvider`). */
  provider: 'ActionTrailProvider',
  /** The provider's RAM role. */
  providerRole: 'ActionTrailProviderRole',
  /** The provider's FC function. */
  providerFunction: 'ActionTrailProviderFunction',
  /** The project `actiontrail_<this account ID>` that `MaxComputeDestination.thisAccount` creates. */
  thisAccountProject: 'ActionTrailProject',
  /** The stack parameter that makes ROS update the trails (drift repair; provider-contract CONVERGE_PARAMETER). */
  convergeParameter: CONVERGE_PARAMETER,
} as const;

const RESERVED: readonly string[] = Object.values(STACK_LEVEL_IDS);

/**
 * Fails when one of the logical IDs a construct will use is one of the
 * library's stack-level IDs. `ids` maps each ID to the id it derives from
 * (for the message), e.g. `{ ArchiveProject: 'Archive' }`.
 */
export function checkNotReserved(v: PropValidator, construct: ros.IConstruct, logicalIds: readonly string[]): void {
  const id = construct.node.id;
  for (const logicalId of logicalIds) {
    if (RESERVED.includes(logicalId)) {
      const derived = logicalId === id ? '' : ` would give the logical ID '${logicalId}', which`;
      v.fail(
        'id',
        `'${id}'${derived} is the logical ID of a resource this library adds to the stack (${RESERVED.join(', ')}): choose another id`,
      );
    }
  }
}

/** Any class whose instances are `T`, for `instanceof`, whatever its constructor takes (private ones too). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the one type `instanceof` accepts for every class
type AnyClass<T> = Function & { prototype: T };

/**
 * Returns the stack-level child `id` of `stack` when it is of `kind`, or
 * `undefined` when there is none; fails when another construct holds the id.
 */
export function findStackLevel<T>(v: PropValidator, stack: ros.Stack, id: string, kind: AnyClass<T>): T | undefined {
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return undefined;
  if (!(existing instanceof kind)) {
    v.fail(
      'id',
      `needs the stack-level id '${id}', but '${existing.node.path}' already holds it: rename that construct`,
    );
  }
  return existing as T;
}
