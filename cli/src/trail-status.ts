import { Template } from './assembly';
import { CloudClients } from './clients';
import { CUSTOM_TRAIL_TYPE, ROS_TRAIL_TYPE } from '../../lib/shared/resource-types';

/** A trail a template manages. */
export interface TrailRef {
  /** The resource's logical ID. */
  readonly logicalId: string;
  /** The trail name. */
  readonly name: string;
  /** Whether it is a multi-account (organization) trail. */
  readonly organization: boolean;
}

/**
 * The trails of a template with a literal name: `Custom::ActionTrailTrail`
 * (this library's `Trail`, name in `Parameters.Name`) and ROS's own
 * `ALIYUN::ACTIONTRAIL::Trail` (`Properties.Name`).
 */
export function trailsInTemplate(template: Template): TrailRef[] {
  const trails: TrailRef[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    let props: Record<string, unknown> | undefined;
    if (resource.Type === CUSTOM_TRAIL_TYPE) {
      props = resource.Properties?.Parameters as Record<string, unknown> | undefined;
    } else if (resource.Type === ROS_TRAIL_TYPE) {
      props = resource.Properties;
    }
    if (props && typeof props.Name === 'string') {
      trails.push({
        logicalId,
        name: props.Name,
        organization: props.IsOrganizationTrail === true || props.IsOrganizationTrail === 'true',
      });
    }
  }
  return trails;
}

/** A trail's ActionTrail state, and what is wrong with it. */
export interface TrailState {
  /** The trail. */
  readonly trail: TrailRef;
  /** DescribeTrails `Status` (Enable, Disable, Fresh). @default - the trail was not found */
  readonly status?: string;
  /** GetTrailStatus `IsLogging`. @default - unknown */
  readonly logging?: boolean;
  /** GetTrailStatus `LatestDeliveryTime`. @default - never delivered */
  readonly latestDeliveryTime?: string;
  /** GetTrailStatus `LatestDelivery*Error`s that are not empty. */
  readonly deliveryErrors: string[];
  /** Problems: not found, not logging, delivery errors. Empty when healthy. */
  readonly problems: string[];
  /** GetTrailStatus `StartLoggingTime`. @default - unknown */
  readonly startLoggingTime?: string;
  /** The trail as DescribeTrails reports it (its settings, for drift). @default - the trail was not found */
  readonly described?: Readonly<Record<string, unknown>>;
}

/**
 * Reads a trail's state: DescribeTrails (`NameList`, `IncludeOrganizationTrail`)
 * and GetTrailStatus (`Name`, `IsOrganizationTrail`) of ActionTrail 2020-07-06.
 */
export async function trailState(clients: CloudClients, trail: TrailRef): Promise<TrailState> {
  const described = await clients.rpc('actiontrail', 'DescribeTrails', {
    NameList: trail.name,
    IncludeOrganizationTrail: true,
  });
  const list = Array.isArray(described.TrailList) ? (described.TrailList as Array<Record<string, unknown>>) : [];
  const found = list.find((t) => t.Name === trail.name);
  if (!found) {
    return { trail, deliveryErrors: [], problems: [`trail '${trail.name}' not found in ActionTrail`] };
  }
  const body = await clients.rpc('actiontrail', 'GetTrailStatus', {
    Name: trail.name,
    IsOrganizationTrail: trail.organization,
  });
  const logging = body.IsLogging === true || body.IsLogging === 'true';
  const deliveryErrors = Object.entries(body)
    .filter(([k, v]) => /^LatestDelivery.*Error$/.test(k) && typeof v === 'string' && v.trim() !== '')
    .map(([k, v]) => `${k}: ${v as string}`);
  const problems: string[] = [];
  if (!logging) problems.push(`trail '${trail.name}' is not logging`);
  for (const err of deliveryErrors) problems.push(`trail '${trail.name}' delivery error (${err})`);
  return {
    trail,
    status: typeof found.Status === 'string' ? found.Status : undefined,
    logging,
    latestDeliveryTime:
      typeof body.LatestDeliveryTime === 'string' && body.LatestDeliveryTime !== ''
        ? body.LatestDeliveryTime
        : undefined,
    deliveryErrors,
    problems,
    startLoggingTime:
      typeof body.StartLoggingTime === 'string' && body.StartLoggingTime !== '' ? body.StartLoggingTime : undefined,
    described: found,
  };
}
