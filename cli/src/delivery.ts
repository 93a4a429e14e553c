/**
 * Does MaxCompute receive the events? ActionTrail's GetTrailStatus has no
 * MaxCompute delivery fields, so `status` looks in MaxCompute itself: the
 * table `actiontrail_<trail name>` in the trail's project (MaxCompute OpenAPI
 * 2022-01-04, ROA: GetTableInfo `GET /api/v1/projects/{p}/tables/{t}`,
 * ListTablePartitions `GET /api/v1/projects/{p}/tables/{t}/partitions`).
 */
import { CloudClients } from './clients';
import { isAccessDenied, isNotFound, isThrottled, shortReason } from './cloud-errors';
import { ArnParts, maxComputeTableName, parseArn } from '../../lib/shared/arn';

/**
 * How long after logging started a missing table means "NOT delivering".
 * ActionTrail documents about 10 minutes to the console and to OSS, nothing
 * for MaxCompute (README "What is not known"): an hour leaves room for that.
 */
export const NOT_DELIVERING_AFTER_MINUTES = 60;

/** What `status` found in MaxCompute for one trail. */
export type DeliveryState = 'delivering' | 'no-table-yet' | 'not-delivering' | 'could-not-check';

/** One trail's delivery to MaxCompute. */
export interface DeliveryReport {
  /** delivering, no-table-yet, not-delivering or could-not-check. */
  readonly state: DeliveryState;
  /** The project. */
  readonly project: string;
  /** The table, `actiontrail_<trail name>`. */
  readonly table: string;
  /** The one-line verdict, e.g. `delivering: latest partition ds=2026120622, 12 min ago`. */
  readonly message: string;
  /** The newest partition's spec. @default - none */
  readonly latestPartition?: string;
  /** The table's columns as GetTableInfo returns them (`--schema`). @default - not asked for */
  readonly schema?: { readonly nativeColumns: unknown[]; readonly partitionColumns: unknown[] };
}

/**
 * A template value as a literal: a string, or `Fn::Join` of strings and the
 * pseudo parameters `ALIYUN::AccountId` and `ALIYUN::Region` (as the library
 * renders `actiontrail_<this account>`). undefined for anything else.
 */
export function literalValue(value: unknown, account: string, region: string): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.Ref === 'ALIYUN::AccountId') return account;
  if (v.Ref === 'ALIYUN::Region') return region;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map((p: unknown) => literalValue(p, account, region));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

/** The MaxCompute project a trail's parameters deliver to, if it is known before deploy. */
export function maxComputeProjectOf(
  parameters: Readonly<Record<string, unknown>> | undefined,
  account: string,
  region: string,
): ArnParts | undefined {
  const arn = literalValue(parameters?.MaxComputeProjectArn, account, region);
  const parts = arn === undefined ? undefined : parseArn(arn);
  return parts && parts.service === 'odps' && /^\d{16}$/.test(parts.account) ? parts : undefined;
}

/** A time as MaxCompute may give it: ms or s since the epoch, or an ISO string. */
function toMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return toMs(n);
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** `12 min` below two hours, else `3 h`. */
export function age(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
}

/**
 * Reads the trail's table: delivering (with the newest partition and its age),
 * no table yet (within {@link NOT_DELIVERING_AFTER_MINUTES} of the start), NOT
 * delivering (later), or could-not-check (AccessDenied, throttling, ...).
 * @param clients clients of the project's account, in the project's region
 * @param startedAt GetTrailStatus StartLoggingTime @default - unknown
 * @param now the current time in ms
 */
export async function checkDelivery(
  clients: CloudClients,
  project: ArnParts,
  trailName: string,
  startedAt: string | undefined,
  now: number,
  withSchema = false,
): Promise<DeliveryReport> {
  const table = maxComputeTableName(trailName);
  const base = { project: project.resourceName, table };
  const path = `/api/v1/projects/${encodeURIComponent(project.resourceName)}/tables/${encodeURIComponent(table)}`;
  const started = toMs(startedAt);
  const sinceStart = started === undefined ? undefined : now - started;
  let info: Record<string, unknown>;
  try {
    const body = await clients.roa('maxcompute', 'GetTableInfo', path);
    info = (body.data ?? body) as Record<string, unknown>;
  } catch (e) {
    if (isNotFound(e)) {
      if (sinceStart !== undefined && sinceStart > NOT_DELIVERING_AFTER_MINUTES * 60_000) {
        return {
          ...base,
          state: 'not-delivering',
          message: `NOT delivering: no table ${project.resourceName}.${table} ${age(sinceStart)} after logging started`,
        };
      }
      return {
        ...base,
        state: 'no-table-yet',
        message: `no table yet: the trail started ${sinceStart === undefined ? 'at an unknown time' : `${age(sinceStart)} ago`}; ActionTrail delivers in about 10 minutes`,
      };
    }
    return { ...base, state: 'could-not-check', message: cannotRead(e, 'GetTableInfo', 'odps:GetTableInfo') };
  }
  const schema = withSchema
    ? {
        nativeColumns: Array.isArray(info.nativeColumns) ? info.nativeColumns : [],
        partitionColumns: Array.isArray(info.partitionColumns) ? info.partitionColumns : [],
      }
    : undefined;
  let partitions: Array<Record<string, unknown>>;
  try {
    const body = await clients.roa('maxcompute', 'ListTablePartitions', `${path}/partitions`, { maxItem: 100 });
    const data = (body.data ?? body) as Record<string, unknown>;
    partitions = (Array.isArray(data.partitions) ? data.partitions : []) as Array<Record<string, unknown>>;
  } catch (e) {
    return {
      ...base,
      state: 'could-not-check',
      message: cannotRead(e, 'ListTablePartitions', 'odps:ListTablePartitions'),
      schema,
    };
  }
  if (partitions.length === 0) {
    const late = sinceStart !== undefined && sinceStart > NOT_DELIVERING_AFTER_MINUTES * 60_000;
    return {
      ...base,
      schema,
      state: late ? 'not-delivering' : 'no-table-yet',
      message: late
        ? `NOT delivering: table ${table} has no partition ${age(sinceStart)} after logging started`
        : `no partition yet in ${table}: the trail started ${sinceStart === undefined ? 'at an unknown time' : `${age(sinceStart)} ago`}; ActionTrail delivers in about 10 minutes`,
    };
  }
  // The newest: by creation time where given, else by spec (ds=YYYYMMDD... sorts by time).
  const newest = [...partitions].sort((a, b) => {
    const ta = toMs(a.creationTime) ?? 0;
    const tb = toMs(b.creationTime) ?? 0;
    return ta - tb || String(a.partitionSpec ?? a.name).localeCompare(String(b.partitionSpec ?? b.name));
  })[partitions.length - 1];
  const spec = String(newest.partitionSpec ?? newest.name ?? '?');
  const created = toMs(newest.creationTime);
  return {
    ...base,
    schema,
    state: 'delivering',
    latestPartition: spec,
    message: `delivering: latest partition ${spec}${created === undefined ? '' : `, ${age(now - created)} old`}`,
  };
}

function cannotRead(e: unknown, api: string, action: string): string {
  if (isAccessDenied(e)) return `could not check delivery: ${api} was refused (${shortReason(e)}); grant ${action}`;
  if (isThrottled(e)) return `could not check delivery: ${api} was throttled (${shortReason(e)}); run status again`;
  return `could not check delivery: ${api} failed (${shortReason(e)})`;
}

/** Options of {@link waitForDelivery}; tests pass a fake clock. */
export interface WaitForDeliveryOptions {
  /** How long to wait in all, in ms. */
  readonly timeoutMs: number;
  /** Between two checks, in ms. */
  readonly intervalMs: number;
  /** The clock. @default Date.now */
  readonly now?: () => number;
  /** Sleeps. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each round that is not done yet. */
  readonly onWait?: (pending: DeliveryReport[], msLeft: number) => void;
}

/**
 * Checks until no report is `no-table-yet` (each is delivering, not delivering
 * or could not be checked) or the time is up; then a report still without a
 * table is `not-delivering`.
 * @param check one round of checks
 */
export async function waitForDelivery(
  check: () => Promise<DeliveryReport[]>,
  options: WaitForDeliveryOptions,
): Promise<DeliveryReport[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  for (;;) {
    const reports = await check();
    const pending = reports.filter((r) => r.state === 'no-table-yet');
    const left = start + options.timeoutMs - now();
    if (pending.length === 0) return reports;
    if (left <= 0) {
      const waited = age(now() - start);
      return reports.map((r) =>
        r.state === 'no-table-yet'
          ? {
              ...r,
              state: 'not-delivering',
              message: `NOT delivering: no table ${r.project}.${r.table} after waiting ${waited}`,
            }
          : r,
      );
    }
    options.onWait?.(pending, left);
    await sleep(Math.min(options.intervalMs, left));
  }
}

/** The poll interval of `--wait-for-delivery`: ACTIONTRAIL_CDK_DELIVERY_POLL_MS (tests), else 30 s. */
export function deliveryPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ACTIONTRAIL_CDK_DELIVERY_POLL_MS);
  return env.ACTIONTRAIL_CDK_DELIVERY_POLL_MS !== undefined && Number.isFinite(v) && v > 0 ? v : 30_000;
}
