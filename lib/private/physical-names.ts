import * as crypto from 'crypto';
import * as ros from '@alicloud/ros-cdk-core';

/**
 * Deterministic physical names for account-scoped resources (RAM roles and
 * policies are unique per account, FC functions per account and region), so two
 * stacks of one app, or one stack deployed to two regions, never collide
 * (ROS resource type references for ALIYUN::RAM::Role and ALIYUN::FC3::Function). A name is `<prefix>-<stack name>-<hash>[-<region>]`, shortened
 * to fit `maxLength`; the hash keeps shortened names distinct.
 */
export interface PhysicalNameOptions {
  /** A short fixed prefix, e.g. `ActionTrailProvider`. */
  readonly prefix: string;
  /** The maximum length of the whole name, region included. */
  readonly maxLength: number;
  /** Add the stack's region (a literal, or ROS's `ALIYUN::Region` at deploy time). @default false */
  readonly withRegion?: boolean;
  /** Characters the resource type does not allow are replaced by `-`. */
  readonly disallowed: RegExp;
}

/** The longest region ID we reserve room for when the region is only known at deploy time. */
const MAX_REGION_LENGTH = 24;

/** Returns a name unique to the stack (and region) that holds `scope`. */
export function physicalName(scope: ros.IConstruct, options: PhysicalNameOptions): string {
  const stack = ros.Stack.of(scope);
  const region = stack.region;
  const regionKnown = !ros.Token.isUnresolved(region);
  const regionLength = options.withRegion ? (regionKnown ? region.length : MAX_REGION_LENGTH) + 1 : 0;
  const hash = crypto.createHash('sha256').update(`${stack.stackName}/${options.prefix}`).digest('hex').slice(0, 8);
  const room = options.maxLength - regionLength - options.prefix.length - hash.length - 2;
  const stackPart = stack.stackName.replace(options.disallowed, '-').slice(0, Math.max(0, room));
  const base = [options.prefix, stackPart, hash].filter((p) => p !== '').join('-');
  if (!options.withRegion) return base;
  return regionKnown ? `${base}-${region}` : ros.Fn.join('-', [base, ros.RosPseudo.region]);
}
