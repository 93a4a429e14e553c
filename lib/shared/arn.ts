/**
 * The shape of Alibaba Cloud Resource Names (ARNs),
 * `acs:<service>:<region>:<account>:<resourceType>/<resourceName>`: parsed by
 * the constructs (to check ARNs given to them) and by the rules (to read ARNs
 * in templates). Node built-ins only.
 */

/** The parts of an ARN `acs:<service>:<region>:<account>:<resourceType>/<resourceName>`. */
export interface ArnParts {
  /** Service code, e.g. `odps`, `ram`, `log`, `actiontrail`. */
  readonly service: string;
  /** Region ID; empty for global services such as RAM. */
  readonly region: string;
  /** The 16-digit account ID. */
  readonly account: string;
  /** Resource type, e.g. `project` or `role`. */
  readonly resourceType: string;
  /** Resource name, e.g. the project or role name. */
  readonly resourceName: string;
}

/** Splits an ARN into its parts, or returns `undefined` when it is not of the form `acs:s:r:a:type/name`. */
export function parseArn(arn: string): ArnParts | undefined {
  const m = /^acs:([a-z0-9-]+):([^:]*):([^:]*):([^/:]+)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  return { service: m[1], region: m[2], account: m[3], resourceType: m[4], resourceName: m[5] };
}

/** Joins ARN parts into an ARN string; tokens in the parts are kept. */
export function formatArn(parts: ArnParts): string {
  return `acs:${parts.service}:${parts.region}:${parts.account}:${parts.resourceType}/${parts.resourceName}`;
}

/**
 * The name ActionTrail gives the store a trail delivers to, whatever the
 * destination: `actiontrail_<trail name>`. The MaxCompute table
 * ({@link maxComputeTableName}) and the SLS logstore (`slsLogstoreName` in
 * sls-queries.ts) are both named so (ActionTrail's "Deliver events to
 * MaxCompute" and "Deliver events to Simple Log Service" pages).
 */
export function trailStoreName(trailName: string): string {
  return `actiontrail_${trailName}`;
}

/**
 * The MaxCompute table a trail delivers to: `actiontrail_<trail name>`
 * (ActionTrail's "Deliver events to MaxCompute" page names the table only so).
 */
export function maxComputeTableName(trailName: string): string {
  return trailStoreName(trailName);
}
