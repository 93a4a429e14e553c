/**
 * A trail's data event selectors in `status`: those its template declares
 * (`Parameters.DataEventSelectors` / `DataEventTrailRegion`), those ActionTrail
 * has (GetDataEventSelector, ActionTrail 2020-07-06, `TrailName`), and the
 * drift between them: selectors missing, extra or different, regions
 * different. The drift joins the trail's other drift, so `status` prints the
 * repair command and exits 1, and `deploy` of the unchanged template makes ROS
 * run the trail's Update, whose provider puts the declared selectors back.
 *
 * A trail that declares none is never changed by the provider, so selectors
 * it has are reported as not managed by this template (information, not
 * drift). The wire form is read with lib/shared/data-events.ts.
 */
import { CloudClients } from './clients';
import { cloudCode, isAccessDenied, isThrottled, shortReason } from './cloud-errors';
import { literalValue } from './delivery';
import {
  answeredDataEventRegions,
  DATA_EVENT_REGION_PARAMETER,
  DATA_EVENT_SELECTORS_PARAMETER,
  declaredDataEventRegions,
  readSelectors,
  selectorsKey,
  WireFilter,
  WireSelector,
} from '../../lib/shared/data-events';

/** The RAM action `status` needs to read a trail's selectors. */
export const GET_DATA_EVENT_SELECTOR_ACTION = 'actiontrail:GetDataEventSelector';

/** Selectors and their regions, declared or live. */
export interface DataEventSelectorsView {
  /** The selectors, in their wire form (`ServiceName`, `ReadWriteType`, `EventName?`, `ResourceArn?`). */
  readonly selectors: WireSelector[];
  /** `All`, the region IDs (sorted), or null when GetDataEventSelector did not say. */
  readonly regions: 'All' | string[] | null;
}

/**
 * in-sync, drifted, not-managed (live selectors on a trail that declares
 * none), not-compared (the template's selectors are known only at deploy
 * time) or could-not-check.
 */
export type DataEventsState = 'in-sync' | 'drifted' | 'not-managed' | 'not-compared' | 'could-not-check';

/** One trail's data events, as `status` reports them. */
export interface DataEventsReport {
  /** in-sync, drifted, not-managed, not-compared or could-not-check. */
  readonly state: DataEventsState;
  /** What the template declares. @default - the template declares no selectors */
  readonly declared?: DataEventSelectorsView;
  /** What GetDataEventSelector answered. @default - could not check */
  readonly live?: DataEventSelectorsView;
  /** The differences, worded as the other drift (`data event regions are cn-shanghai, the template says All`). */
  readonly drift: string[];
  /** Why it could not be checked (naming the RAM action) or compared. @default - checked and compared */
  readonly message?: string;
}

/**
 * The selectors a trail's template parameters declare: undefined when none,
 * `deploy-time` when their text is not a literal (a selector names a value
 * known only at deploy time, other than the account and region).
 */
export function declaredDataEvents(
  parameters: Readonly<Record<string, unknown>> | undefined,
  account: string,
  region: string,
): DataEventSelectorsView | 'deploy-time' | undefined {
  const raw = parameters?.[DATA_EVENT_SELECTORS_PARAMETER];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = literalValue(raw, account, region);
  if (text === undefined) return 'deploy-time';
  const { selectors } = readSelectors(text);
  if (selectors.length === 0) return undefined;
  const regions = declaredDataEventRegions(parameters?.[DATA_EVENT_REGION_PARAMETER]);
  return { selectors, regions: regions.allRegions ? 'All' : regions.regionIds };
}

/** The error codes that mean "this trail has no selectors" (the API documents none; the provider reads them so). */
function isNoSelectors(e: unknown): boolean {
  return /^DataEventSelectorNot(Found|Exists?)$/.test(cloudCode(e) ?? '');
}

/**
 * Reads a trail's selectors with GetDataEventSelector and compares them with
 * the declaration. undefined when the trail declares none and has none (or
 * they could not be read: a trail without data events needs no
 * `actiontrail:GetDataEventSelector`).
 */
export async function checkDataEvents(
  clients: CloudClients,
  trailName: string,
  parameters: Readonly<Record<string, unknown>> | undefined,
  account: string,
  region: string,
): Promise<DataEventsReport | undefined> {
  const found = declaredDataEvents(parameters, account, region);
  const declared = found === 'deploy-time' ? undefined : found;
  let answer: Record<string, unknown>;
  try {
    answer = await clients.rpc('actiontrail', 'GetDataEventSelector', { TrailName: trailName });
  } catch (e) {
    if (isNoSelectors(e)) answer = {};
    else if (!found) return undefined;
    else return { state: 'could-not-check', declared, drift: [], message: cannotRead(e) };
  }
  const { selectors } = readSelectors(answer.DataEventSelectors);
  const answered = answeredDataEventRegions(answer);
  const live: DataEventSelectorsView = {
    selectors,
    regions: answered.allRegions === true ? 'All' : (answered.regionIds ?? null),
  };
  if (found === 'deploy-time') {
    return { state: 'not-compared', live, drift: [], message: DEPLOY_TIME };
  }
  if (!declared) return selectors.length > 0 ? { state: 'not-managed', live, drift: [] } : undefined;
  const drift = dataEventsDrift(declared, live, answered.allRegions);
  return { state: drift.length > 0 ? 'drifted' : 'in-sync', declared, live, drift };
}

const DEPLOY_TIME = 'the template declares selectors with values known only at deploy time: not compared';

function cannotRead(e: unknown): string {
  if (isAccessDenied(e))
    return `could not check: GetDataEventSelector was refused (${shortReason(e)}); grant ${GET_DATA_EVENT_SELECTOR_ACTION}`;
  if (isThrottled(e))
    return `could not check: GetDataEventSelector was throttled (${shortReason(e)}); run status again`;
  return `could not check: GetDataEventSelector failed (${shortReason(e)})`;
}

/**
 * The differences between declared and live selectors: none live (`data event
 * selectors are none, the template says ...`), a selector of the same service
 * changed (`data event selector Oss is ..., the template says ...`), one
 * missing or not in the template, and the regions where the answer tells them
 * (as the provider compares them: `IsTrailAllRegion` when answered, the list
 * when listed). Selector order and filter value order do not matter.
 * @param allRegions GetDataEventSelector `IsTrailAllRegion` @default - not answered
 */
export function dataEventsDrift(
  declared: DataEventSelectorsView,
  live: DataEventSelectorsView,
  allRegions?: boolean,
): string[] {
  if (live.selectors.length === 0) {
    return [`data event selectors are none, the template says ${formatSelectors(declared.selectors)}`];
  }
  const key = (s: WireSelector): string => selectorsKey([s]);
  const liveKeys = live.selectors.map(key);
  const declaredKeys = declared.selectors.map(key);
  const missing = declared.selectors.filter((_, i) => !liveKeys.includes(declaredKeys[i]));
  const extra = live.selectors.filter((_, i) => !declaredKeys.includes(liveKeys[i]));
  const drift: string[] = [];
  for (const want of missing) {
    const have = extra.find((x) => x.ServiceName === want.ServiceName);
    if (have) {
      extra.splice(extra.indexOf(have), 1);
      drift.push(
        `data event selector ${want.ServiceName} is ${withoutService(have)}, the template says ${withoutService(want)}`,
      );
    } else {
      drift.push(`data event selector missing: ${formatSelector(want)}`);
    }
  }
  for (const have of extra) drift.push(`data event selector not in the template: ${formatSelector(have)}`);
  const wantAll = declared.regions === 'All';
  const regionsDiffer =
    (allRegions !== undefined && allRegions !== wantAll) ||
    (!wantAll && Array.isArray(live.regions) && live.regions.join(',') !== (declared.regions as string[]).join(','));
  if (regionsDiffer) {
    drift.push(
      `data event regions are ${formatRegions(live.regions, 'not all')}, the template says ${formatRegions(declared.regions)}`,
    );
  }
  return drift;
}

function formatFilter(label: string, f: WireFilter | undefined): string {
  if (!f) return '';
  return (
    (f.Equals?.length ? ` ${label} ${f.Equals.join(',')}` : '') +
    (f.NotEquals?.length ? ` ${label} not ${f.NotEquals.join(',')}` : '')
  );
}

/** One selector, compactly: `Oss All resources acs:oss:*:*:bucket`, `Oss Write events PutObject resources not acs:...`. */
export function formatSelector(s: WireSelector): string {
  return `${s.ServiceName} ${s.ReadWriteType}${formatFilter('events', s.EventName)}${formatFilter('resources', s.ResourceArn)}`;
}

/** A selector without its service: `Write resources acs:oss:*:*:bucket`. */
function withoutService(s: WireSelector): string {
  return formatSelector(s).slice(s.ServiceName.length + 1);
}

/** Selectors, compactly, separated by ` | `. */
export function formatSelectors(selectors: readonly WireSelector[]): string {
  return selectors.length === 0 ? 'none' : selectors.map(formatSelector).join(' | ');
}

function formatRegions(regions: DataEventSelectorsView['regions'], unknown = 'not answered'): string {
  if (regions === 'All') return 'All';
  if (regions === null || regions.length === 0) return unknown;
  return regions.join(',');
}

/** The lines `status` prints for a trail's data events (indented under the trail). */
export function dataEventLines(report: DataEventsReport | undefined): string[] {
  if (!report) return [];
  const lines: string[] = [];
  if (report.state === 'not-compared') lines.push(`    data events declared: ${report.message ?? DEPLOY_TIME}`);
  if (report.declared) {
    lines.push(
      `    data events declared (regions ${formatRegions(report.declared.regions)}): ${formatSelectors(report.declared.selectors)}`,
    );
  }
  if (report.state === 'could-not-check') {
    lines.push(`    data events live: ${report.message ?? 'could not check'}`);
  } else if (report.live) {
    const regions = report.live.selectors.length === 0 ? '' : ` (regions ${formatRegions(report.live.regions)})`;
    const note = report.state === 'not-managed' ? ', not managed by this template' : '';
    lines.push(`    data events live${regions}${note}: ${formatSelectors(report.live.selectors)}`);
  }
  return lines;
}
