/**
 * Does MaxCompute receive the events? ActionTrail's GetTrailStatus has no
 * MaxCompute delivery fields, so `status` looks in MaxCompute itself: the
 * table `actiontrail_<trail name>` in the trail's project (MaxCompute OpenAPI
 * 2022-01-04, ROA: GetTableInfo `GET /api/v1/projects/{p}/tables/{t}`,
 * ListTablePartitions `GET /api/v1/projects/{p}/tables/{t}/partitions`).
 */
import { CloudClients } from './clients';
import { cloudCode, cloudMessage, isAccessDenied, isNotFound, isThrottled, shortReason } from './cloud-errors';
import { InterruptedError } from './errors';
import { interruptibleSleep } from './retry';
import { ArnParts, formatArn, maxComputeTableName, parseArn } from '../../lib/shared/arn';

/**
 * How long after logging started a missing table means "NOT delivering".
 * ActionTrail documents about 10 minutes to the console and to OSS, nothing
 * for MaxCompute (README "What is not known"): an hour leaves room for that.
 */
export const NOT_DELIVERING_AFTER_MINUTES = 60;

/**
 * What `status` found in MaxCompute for one trail. `not-found`: GetTableInfo
 * answered "not found" about something other than a table not created yet:
 * the project (NoSuchProject), or a code not known to mean a missing table.
 */
export type DeliveryState = 'delivering' | 'no-table-yet' | 'not-delivering' | 'could-not-check' | 'not-found';

/**
 * Whether a not-found answer of GetTableInfo says that the table does not
 * exist (yet): `NoSuchTable`, or `NoSuchObject` (the code of the stand-in and
 * of MaxCompute's older REST API for a missing table) unless its message is
 * about the project. Which code the 2022-01-04 API gives for a missing table is
 * not documented (README "What is not known"): any other code is not read as
 * "no table yet", so that a wrong project never reads as "wait".
 */
export function isTableMissing(e: unknown): boolean {
  const code = cloudCode(e) ?? '';
  if (code === 'NoSuchTable') return true;
  return code === 'NoSuchObject' && !/project/i.test(cloudMessage(e) ?? '');
}

/** Whether a not-found answer is about the project: `NoSuchProject`, or a not-found code or message naming a project. */
export function isProjectMissing(e: unknown): boolean {
  if (!isNotFound(e)) return false;
  return /project/i.test(cloudCode(e) ?? '') || /project/i.test(cloudMessage(e) ?? '');
}

/** One trail's delivery to MaxCompute. */
export interface DeliveryReport {
  /** delivering, no-table-yet, not-delivering, could-not-check or not-found. */
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

/** A time as MaxCompute (or ActionTrail) may give it: ms or s since the epoch, or an ISO string. */
export function toMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return toMs(n);
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * Whether GetTrailStatus's `LatestDeliveryTime` predates its
 * `StartLoggingTime` (both known): nothing delivered since logging (re)started.
 */
export function deliveryPredatesStart(latestDelivery: string | undefined, startedAt: string | undefined): boolean {
  const delivered = toMs(latestDelivery);
  const started = toMs(startedAt);
  return delivered !== undefined && started !== undefined && delivered < started;
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
    if (isTableMissing(e)) {
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
    if (isProjectMissing(e)) {
      return {
        ...base,
        state: 'not-found',
        message:
          `MaxCompute project ${project.resourceName} not found (${cloudCode(e) ?? shortReason(e)}) with the credentials of account ${project.account}: ` +
          `ActionTrail cannot deliver there; check that the trail's MaxComputeProjectArn ${formatArn(project)} names an existing project, and that the credentials given for account ${project.account} are that account's`,
      };
    }
    if (isNotFound(e)) {
      return {
        ...base,
        state: 'not-found',
        message: `GetTableInfo answered not found (${shortReason(e)}), which is not known to mean that the table is not created yet: check project ${project.resourceName} and table ${table} in the MaxCompute console`,
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
  // The table's data last written: its newest partition's creation, or the table's (or that partition's) last change.
  const written = [created, toMs(info.lastModifiedTime), toMs(newest.lastModifiedTime)].filter(
    (t): t is number => t !== undefined,
  );
  const lastWritten = written.length > 0 ? Math.max(...written) : undefined;
  if (started !== undefined && sinceStart !== undefined && lastWritten !== undefined && lastWritten < started) {
    // Data from before this trail logged (an earlier trail of the same name, or before a restart): not its events.
    const was = `latest partition ${spec}, last written ${new Date(lastWritten).toISOString()}, predates this trail's logging start ${new Date(started).toISOString()}`;
    if (sinceStart <= NOT_DELIVERING_AFTER_MINUTES * 60_000) {
      return {
        ...base,
        schema,
        state: 'no-table-yet',
        latestPartition: spec,
        message: `no event since logging started: ${was}; ActionTrail delivers in about 10 minutes`,
      };
    }
    // Later, not "NOT delivering": whether MaxCompute moves these times when events are added to an
    // existing partition is not known (README "What is not known"), so this cannot tell.
    return {
      ...base,
      schema,
      state: 'could-not-check',
      latestPartition: spec,
      message: `could not check delivery: nothing written to ${table} since logging started ${age(sinceStart)} ago as far as MaxCompute's times say (${was}); whether they move when events are added to a partition is not known: query the table for recent events`,
    };
  }
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
  /**
   * Ctrl-C: ends a sleep between two rounds at once, and the wait with
   * InterruptedError (exit 130) instead of another round.
   * @default never aborted
   */
  readonly signal?: AbortSignal;
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
  const signal = options.signal;
  const sleep = signal
    ? (ms: number) => interruptibleSleep(ms, signal, options.sleep)
    : (options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))));
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
    if (signal?.aborted) {
      throw new InterruptedError(
        `interrupted (Ctrl-C) while waiting for delivery (--wait-for-delivery): ${pending.map((p) => `${p.project}.${p.table}`).join(', ')} not checked again`,
      );
    }
  }
}

/** The poll interval of `--wait-for-delivery`: ACTIONTRAIL_CDK_DELIVERY_POLL_MS (tests), else 30 s. */
export function deliveryPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ACTIONTRAIL_CDK_DELIVERY_POLL_MS);
  return env.ACTIONTRAIL_CDK_DELIVERY_POLL_MS !== undefined && Number.isFinite(v) && v > 0 ? v : 30_000;
}
