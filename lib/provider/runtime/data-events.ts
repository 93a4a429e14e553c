/**
 * A trail's data event selectors (README.md, "Data events"): the declared
 * configuration read from the properties, and its convergence on the live
 * trail with PutDataEventSelector / DeleteDataEventSelector, confirmed by
 * GetDataEventSelector, undone on failure.
 *
 * Only selectors this resource declares are managed: a trail whose old and new
 * properties declare none is never read nor changed here, so selectors set by
 * hand on it stay. Which trail may be touched is decided before (ownership and
 * declarations, `ownership.ts`): the selectors are part of the declared
 * configuration that the request must equal.
 *
 * ActionTrail (2020-07-06): PutDataEventSelector(TrailName, EventSelectors,
 * IsTrailAllRegion, TrailRegionIds) replaces the trail's selectors;
 * GetDataEventSelector(TrailName) answers `DataEventSelectors` (JSON text),
 * `IsTrailAllRegion` and `SlsDeliveryConfigs[].TrailRegion`;
 * DeleteDataEventSelector(TrailName) removes them
 * (help.aliyun.com/zh/actiontrail/developer-reference/api-actiontrail-2020-07-06-putdataeventselector).
 */
import { ApiParams, CallOptions, TrailApi } from './actiontrail-client';
import { ProviderError, describeError, isApiErrorCode, mayHaveTakenEffect } from './errors';
import { Logger } from './log';
import { Deadline, backoffDelay, sleep } from '../../shared/backoff';
import {
  answeredDataEventRegions,
  DATA_EVENT_REGION_PARAMETER,
  DATA_EVENT_SELECTORS_PARAMETER,
  WireSelector,
  readSelectors,
  selectorsJson,
  selectorsKey,
} from '../../shared/data-events';
import { isRegionId } from '../../shared/ids';
import { clip } from '../../shared/quote';

/** The declared data events of a trail, validated. */
export interface DataEventsConfig {
  /** The selectors, as sent (their wire JSON). */
  readonly json: string;
  /** Order-free key of the selectors (`selectorsKey`). */
  readonly key: string;
  /** `true`: every region (`IsTrailAllRegion`). */
  readonly allRegions: boolean;
  /** The listed regions, sorted; empty with `allRegions`. */
  readonly regionIds: readonly string[];
}

/**
 * Reads `DataEventSelectors` and `DataEventTrailRegion` from the properties;
 * undefined when neither is set. Problems are added to `problems`.
 */
export function readDataEvents(props: Record<string, unknown>, problems: string[]): DataEventsConfig | undefined {
  const text = props[DATA_EVENT_SELECTORS_PARAMETER];
  const region = props[DATA_EVENT_REGION_PARAMETER];
  const unset = (v: unknown): boolean => v === undefined || v === null || v === '';
  if (unset(text)) {
    if (!unset(region))
      problems.push(`${DATA_EVENT_REGION_PARAMETER} is set but ${DATA_EVENT_SELECTORS_PARAMETER} is not`);
    return undefined;
  }
  if (typeof text !== 'string') {
    problems.push(`${DATA_EVENT_SELECTORS_PARAMETER} must be a JSON string, got ${typeof text}`);
    return undefined;
  }
  const read = readSelectors(text);
  for (const p of read.problems) problems.push(`${DATA_EVENT_SELECTORS_PARAMETER}${p.startsWith('[') ? '' : ' '}${p}`);
  if (read.problems.length === 0 && read.selectors.length === 0)
    problems.push(`${DATA_EVENT_SELECTORS_PARAMETER} must list at least one selector`);
  let allRegions = true;
  let regionIds: string[] = [];
  if (!unset(region)) {
    if (typeof region !== 'string') problems.push(`${DATA_EVENT_REGION_PARAMETER} must be a string`);
    else if (region !== 'All') {
      regionIds = region.split(',').map((r) => r.trim());
      const bad = regionIds.filter((r) => !isRegionId(r));
      if (bad.length > 0)
        problems.push(
          `${DATA_EVENT_REGION_PARAMETER} must be 'All' or comma-separated region IDs, bad: ${JSON.stringify(clip(bad.join(','), 80))}`,
        );
      allRegions = false;
    }
  }
  return {
    json: selectorsJson(read.selectors),
    key: selectorsKey(read.selectors),
    allRegions,
    regionIds: [...regionIds].sort(),
  };
}

/** Whether the (untrusted, leniently read) previous properties declared data events. */
export function declaredBefore(previous: unknown): boolean {
  if (!previous || typeof previous !== 'object' || Array.isArray(previous)) return false;
  const text = (previous as Record<string, unknown>)[DATA_EVENT_SELECTORS_PARAMETER];
  return typeof text === 'string' && text !== '' && text !== '[]';
}

/** True when two declarations select the same data events in the same regions. */
export function sameDataEvents(a: DataEventsConfig | undefined, b: DataEventsConfig | undefined): boolean {
  if (!a || !b) return a === b;
  return a.key === b.key && a.allRegions === b.allRegions && a.regionIds.join(',') === b.regionIds.join(',');
}

/** What the data-event steps need from the lifecycle's context. */
export interface DataEventContext {
  /** The ActionTrail API. */
  readonly api: TrailApi;
  /** Redacting logger. */
  readonly logger: Logger;
  /** Region whose endpoint is called (for the commands in Reasons). */
  readonly region: string;
  /** Deadline of normal calls. */
  readonly deadline: Deadline;
  /** Deadline of undo calls. */
  readonly cleanupDeadline: Deadline;
  /** First delay between read-backs, in ms. */
  readonly pollBaseMs: number;
  /** How long a read-back waits for a change to show, in ms. */
  readonly consistencyWindowMs: number;
  /** How long an attempt with no clear answer may still land, in ms. */
  readonly lateArrivalMs: number;
}

/** A trail's selectors as GetDataEventSelector reads them. */
export interface LiveDataEvents {
  /** The selectors (empty: none). */
  readonly selectors: readonly WireSelector[];
  /** Their order-free key. */
  readonly key: string;
  /** `IsTrailAllRegion`, when answered. */
  readonly allRegions?: boolean;
  /** The data-event regions, when the answer lists them (sorted). */
  readonly regionIds?: readonly string[];
}

/** A failed data-event step: the error and the sentences about its undo. */
export class DataEventsError extends Error {
  /**
   * @param error the underlying error
   * @param notes sentences for the Reason (what was undone or left)
   */
  constructor(
    readonly error: unknown,
    readonly notes: readonly string[],
  ) {
    super(describeError(error));
    this.name = 'DataEventsError';
  }
}

/**
 * Brings the data event selectors of trail `name` to `desired`: nothing when
 * neither `desired` nor the previous properties declare any (selectors never
 * declared are not touched); PutDataEventSelector when they differ;
 * DeleteDataEventSelector when the previous properties declared some and
 * `desired` none. Each change is read back. On failure the selectors read
 * before are put back, and a {@link DataEventsError} says so.
 *
 * @param justCreated the trail was created by this invocation (a
 *   TrailNotFoundException then means "not visible yet")
 */
export async function convergeDataEvents(
  ctx: DataEventContext,
  name: string,
  desired: DataEventsConfig | undefined,
  previouslyDeclared: boolean,
  justCreated = false,
): Promise<void> {
  if (!desired && !previouslyDeclared) return;
  const options: CallOptions = { justCreated };
  let before: LiveDataEvents;
  try {
    before = await readLive(ctx, name, options);
  } catch (e) {
    throw new DataEventsError(e, []);
  }
  if (matches(before, desired)) {
    ctx.logger.info('data event selectors already match', { name });
    return;
  }
  ctx.logger.info(desired ? 'putting data event selectors' : 'deleting data event selectors', { name });
  try {
    if (desired) await ctx.api.call('PutDataEventSelector', putParams(name, desired), options);
    else await deleteSelectors(ctx, name, options);
    await confirm(ctx, name, desired, options);
  } catch (e) {
    throw new DataEventsError(e, [await restoreDataEvents(ctx, name, before)]);
  }
}

/**
 * Before a trail this resource declares data events for is deleted: reads and
 * deletes its selectors (so none outlive it, whatever DeleteTrail does with
 * them). Returns what was read, for {@link restoreDataEvents} should the
 * deletion fail; undefined when nothing was declared (nothing is touched).
 */
export async function removeBeforeDelete(
  ctx: DataEventContext,
  name: string,
  declared: boolean,
): Promise<LiveDataEvents | undefined> {
  if (!declared) return undefined;
  const before = await readLive(ctx, name, {});
  if (before.selectors.length === 0) return before;
  await deleteSelectors(ctx, name, {});
  return before;
}

/**
 * Puts back the selectors `before` on trail `name` (deleting them when there
 * were none), after any late attempt has had time to land, and reads them
 * back; returns a sentence for the Reason.
 */
export async function restoreDataEvents(ctx: DataEventContext, name: string, before: LiveDataEvents): Promise<string> {
  const target: DataEventsConfig | undefined =
    before.selectors.length === 0
      ? undefined
      : {
          json: selectorsJson(before.selectors),
          key: before.key,
          allRegions: before.allRegions ?? (before.regionIds === undefined || before.regionIds.length === 0),
          regionIds: before.regionIds ?? [],
        };
  await settle(ctx);
  const options: CallOptions = { cleanup: true };
  try {
    const now = await readLive(ctx, name, options);
    if (!matches(now, target)) {
      if (target) await ctx.api.call('PutDataEventSelector', putParams(name, target), options);
      else await deleteSelectors(ctx, name, options);
      await confirm(ctx, name, target, options);
    }
    return `The data event selectors of trail '${name}' were put back as they were.`;
  } catch (e) {
    ctx.logger.error('could not restore the data event selectors', { name, error: describeError(e) });
    const how = target
      ? `aliyun actiontrail PutDataEventSelector --region ${ctx.region} --TrailName ${name} --EventSelectors '${clip(target.json, 600)}'${target.allRegions ? ' --IsTrailAllRegion true' : ` --TrailRegionIds ${target.regionIds.join(',')}`}`
      : `aliyun actiontrail DeleteDataEventSelector --region ${ctx.region} --TrailName ${name}`;
    return `The data event selectors of trail '${name}' could not be put back (${describeError(e)}): restore them with \`${how}\`.`;
  }
}

/** PutDataEventSelector parameters for `desired`. */
export function putParams(name: string, desired: DataEventsConfig): ApiParams {
  return {
    TrailName: name,
    EventSelectors: desired.json,
    IsTrailAllRegion: desired.allRegions,
    TrailRegionIds: desired.allRegions ? undefined : desired.regionIds.join(','),
  };
}

/** DeleteDataEventSelector; a trail or selector already gone counts as deleted. */
async function deleteSelectors(ctx: DataEventContext, name: string, options: CallOptions): Promise<void> {
  try {
    await ctx.api.call('DeleteDataEventSelector', { TrailName: name }, options);
  } catch (e) {
    if (isNoSelectors(e)) return;
    if (!mayHaveTakenEffect(e)) throw e;
    // An attempt with no clear answer may have deleted them: what counts is what is there.
    await settle(ctx);
    const now = await readLive(ctx, name, { cleanup: true }).catch(() => undefined);
    if (!now || now.selectors.length > 0) throw e;
  }
}

/** The error of an answer that means "this trail has no selectors" (the API documents no code; any *NotFound / *NotExist about selectors). */
function isNoSelectors(e: unknown): boolean {
  return isApiErrorCode(e, 'DataEventSelectorNotFound', 'DataEventSelectorNotExist', 'DataEventSelectorNotExists');
}

/** Reads the trail's selectors (GetDataEventSelector). */
export async function readLive(ctx: DataEventContext, name: string, options: CallOptions): Promise<LiveDataEvents> {
  let res: Record<string, unknown>;
  try {
    res = await ctx.api.call('GetDataEventSelector', { TrailName: name }, options);
  } catch (e) {
    if (isNoSelectors(e)) return { selectors: [], key: selectorsKey([]) };
    throw e;
  }
  const read = readSelectors(res.DataEventSelectors);
  const selectors = read.selectors;
  // Read as the CLI's status reads them (lib/shared/data-events.ts): one reading of the answer.
  const { allRegions, regionIds } = answeredDataEventRegions(res);
  return { selectors, key: selectorsKey(selectors), allRegions, regionIds };
}

/**
 * Whether the live selectors are the desired ones. The regions are compared
 * where the answer tells them: `IsTrailAllRegion` when answered, the region
 * list when listed (the API reference does not say GetDataEventSelector
 * always returns them).
 */
export function matches(live: LiveDataEvents, desired: DataEventsConfig | undefined): boolean {
  if (!desired) return live.selectors.length === 0;
  if (live.key !== desired.key) return false;
  if (live.allRegions !== undefined && live.allRegions !== desired.allRegions) return false;
  if (!desired.allRegions && live.regionIds !== undefined && live.regionIds.join(',') !== desired.regionIds.join(','))
    return false;
  return true;
}

/** Reads back until the selectors match, within the consistency window and the deadline. */
async function confirm(
  ctx: DataEventContext,
  name: string,
  desired: DataEventsConfig | undefined,
  options: CallOptions,
): Promise<void> {
  const started = Date.now();
  const deadline = options.cleanup ? ctx.cleanupDeadline : ctx.deadline;
  for (let attempt = 1; ; attempt++) {
    const live = await readLive(ctx, name, options);
    if (matches(live, desired)) return;
    const delay = backoffDelay(attempt, ctx.pollBaseMs, Math.max(ctx.pollBaseMs, 5000));
    if (Date.now() - started + delay > ctx.consistencyWindowMs || delay >= deadline.remaining()) {
      throw new ProviderError(
        `GetDataEventSelector still shows other data event selectors on trail '${name}' than ${desired ? 'those applied' : 'none'} (read ${clip(selectorsJson(live.selectors), 300)})`,
      );
    }
    await sleep(delay);
  }
}

/** Waits until an attempt with no clear answer has had one request timeout to land (at most half the undo time left). */
async function settle(ctx: DataEventContext): Promise<void> {
  const last = ctx.api.lastAmbiguousAt;
  if (last === undefined) return;
  const wait = Math.min(last + ctx.lateArrivalMs - Date.now(), ctx.cleanupDeadline.remaining() / 2);
  if (wait > 0) await sleep(wait);
}
