/**
 * Data event selectors of a trail, as ActionTrail (2020-07-06) takes them:
 * the one definition of their wire form, limits and known services, shared
 * by the Trail construct (synth), the provider bundle (run time), the rules
 * and the CLI. Node built-ins only (no imports).
 *
 * Sources:
 * - ActionTrail API reference, PutDataEventSelector (2020-07-06):
 *   `TrailName`, `EventSelectors` (a JSON array of at most 20 entries, each
 *   `{ServiceName, ReadWriteType (Read|Write|All), EventName?, ResourceArn?}`,
 *   the two filters `{Equals?: [...], NotEquals?: [...]}` with at most 10
 *   values in Equals and NotEquals together), `IsTrailAllRegion` (default
 *   false) and `TrailRegionIds` (comma-separated region IDs);
 *   https://help.aliyun.com/zh/actiontrail/developer-reference/api-actiontrail-2020-07-06-putdataeventselector
 * - GetDataEventSelector (`TrailName`): answers `DataEventSelectors` (the same
 *   JSON, as a string), `IsTrailAllRegion`, `TrailArn` and
 *   `SlsDeliveryConfigs[]` (each with a `TrailRegion`); DeleteDataEventSelector
 *   (`TrailName`). All three are POST RPC calls in the SDK's API metadata.
 * - Terraform's `alicloud_actiontrail_trail` (`event_selectors`,
 *   `data_event_trail_region`, provider 1.264+), whose tests use the service
 *   names `PDS` and `Push`; the API reference's example uses `Oss`.
 */

/** Most selectors one trail may have (PutDataEventSelector: "the array holds at most 20 elements"). */
export const MAX_DATA_EVENT_SELECTORS = 20;

/** Most values of one filter, `Equals` and `NotEquals` together (PutDataEventSelector). */
export const MAX_DATA_EVENT_FILTER_VALUES = 10;

/**
 * Service names seen in public material (the API reference's `Oss`,
 * Terraform's tests' `PDS` and `Push`). Not a closed list: ActionTrail does
 * not publish one, so another name is only warned about (AT-TRAIL-012).
 */
export const KNOWN_DATA_EVENT_SERVICES: readonly string[] = Object.freeze(['Oss', 'PDS', 'Push']);

/** The custom resource parameter holding the selectors (their wire JSON). */
export const DATA_EVENT_SELECTORS_PARAMETER = 'DataEventSelectors';

/** The custom resource parameter holding the data-event regions: `All` or comma-separated region IDs. */
export const DATA_EVENT_REGION_PARAMETER = 'DataEventTrailRegion';

/** The `ReadWriteType` values. */
export const DATA_EVENT_READ_WRITE_TYPES: readonly string[] = Object.freeze(['All', 'Read', 'Write']);

/** One filter of a selector, as the API takes it. */
export interface WireFilter {
  /** Values that must match. */
  readonly Equals?: readonly string[];
  /** Values that must not match. */
  readonly NotEquals?: readonly string[];
}

/** One selector, as the API takes it. */
export interface WireSelector {
  /** The service, e.g. `Oss`. */
  readonly ServiceName: string;
  /** `All`, `Read` or `Write`. */
  readonly ReadWriteType: string;
  /** Event-name filter. */
  readonly EventName?: WireFilter;
  /** Resource-ARN filter. */
  readonly ResourceArn?: WireFilter;
}

/**
 * A resource ARN of a selector: `acs:<service>:<region, * or empty>:<account,
 * * or empty>:<resource>`, no whitespace (the form of Alibaba Cloud ARNs; OSS
 * writes a bucket `acs:oss:*:<account>:<bucket>`).
 */
export const DATA_EVENT_ARN_PATTERN = /^acs:[a-z0-9-]+:([a-z0-9-]*|\*):(\d{16}|\*)?:\S+$/;

/** A service name: a letter, then letters and digits (e.g. `Oss`, `PDS`). */
export const DATA_EVENT_SERVICE_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** The selectors' wire JSON: fixed key order, empty lists and filters left out. */
export function selectorsJson(selectors: readonly WireSelector[]): string {
  return JSON.stringify(selectors.map(canonicalSelector));
}

function canonicalFilter(filter: WireFilter | undefined): WireFilter | undefined {
  if (!filter) return undefined;
  const out: { Equals?: string[]; NotEquals?: string[] } = {};
  if (filter.Equals && filter.Equals.length > 0) out.Equals = [...filter.Equals];
  if (filter.NotEquals && filter.NotEquals.length > 0) out.NotEquals = [...filter.NotEquals];
  return out.Equals || out.NotEquals ? out : undefined;
}

function canonicalSelector(s: WireSelector): WireSelector {
  const eventName = canonicalFilter(s.EventName);
  const resourceArn = canonicalFilter(s.ResourceArn);
  return {
    ServiceName: s.ServiceName,
    ReadWriteType: s.ReadWriteType,
    ...(eventName ? { EventName: eventName } : {}),
    ...(resourceArn ? { ResourceArn: resourceArn } : {}),
  };
}

/**
 * A key that is the same for two selector lists exactly when they select the
 * same events: each selector canonical, filter values sorted, the selectors
 * sorted (their order does not matter to the API, and it may not keep it).
 */
export function selectorsKey(selectors: readonly WireSelector[]): string {
  const sortedFilter = (f: WireFilter | undefined): WireFilter | undefined =>
    f && { Equals: f.Equals && [...f.Equals].sort(), NotEquals: f.NotEquals && [...f.NotEquals].sort() };
  return JSON.stringify(
    selectors
      .map((s) =>
        canonicalSelector({ ...s, EventName: sortedFilter(s.EventName), ResourceArn: sortedFilter(s.ResourceArn) }),
      )
      .map((s) => JSON.stringify(s))
      .sort(),
  );
}

/**
 * Reads selectors from their JSON text (a parameter, or GetDataEventSelector's
 * `DataEventSelectors`): the list, and every rule it breaks (shape, limits,
 * ARN form). `''`, `null` and `undefined` read as no selectors.
 */
export function readSelectors(text: unknown): { readonly selectors: WireSelector[]; readonly problems: string[] } {
  if (text === undefined || text === null || text === '') return { selectors: [], problems: [] };
  let raw: unknown = text;
  if (typeof text === 'string') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { selectors: [], problems: ['is not JSON: it must be a JSON array of selectors'] };
    }
  }
  if (!Array.isArray(raw)) return { selectors: [], problems: ['must be a JSON array of selectors'] };
  const problems: string[] = [];
  if (raw.length > MAX_DATA_EVENT_SELECTORS) {
    problems.push(
      `has ${raw.length} selectors, over ActionTrail's limit of ${MAX_DATA_EVENT_SELECTORS} per trail (PutDataEventSelector)`,
    );
  }
  const selectors: WireSelector[] = [];
  raw.forEach((entry: unknown, i) => {
    const at = `[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at} must be an object {ServiceName, ReadWriteType, EventName?, ResourceArn?}`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const service = e.ServiceName;
    if (typeof service !== 'string' || !DATA_EVENT_SERVICE_PATTERN.test(service))
      problems.push(`${at}.ServiceName ${JSON.stringify(service)} must be a service name such as 'Oss'`);
    const rw = e.ReadWriteType ?? 'All';
    if (typeof rw !== 'string' || !DATA_EVENT_READ_WRITE_TYPES.includes(rw))
      problems.push(`${at}.ReadWriteType ${JSON.stringify(rw)} must be All, Read or Write`);
    const eventName = readFilter(e.EventName, `${at}.EventName`, problems, undefined);
    const resourceArn = readFilter(e.ResourceArn, `${at}.ResourceArn`, problems, DATA_EVENT_ARN_PATTERN);
    selectors.push({
      ServiceName: String(service),
      ReadWriteType: String(rw),
      ...(eventName ? { EventName: eventName } : {}),
      ...(resourceArn ? { ResourceArn: resourceArn } : {}),
    });
  });
  return { selectors, problems };
}

function readFilter(
  value: unknown,
  at: string,
  problems: string[],
  pattern: RegExp | undefined,
): WireFilter | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${at} must be an object {Equals?: [...], NotEquals?: [...]}`);
    return undefined;
  }
  const f = value as Record<string, unknown>;
  const out: { Equals?: string[]; NotEquals?: string[] } = {};
  for (const key of ['Equals', 'NotEquals'] as const) {
    const list = f[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) {
      problems.push(`${at}.${key} must be an array of non-empty strings`);
      continue;
    }
    const bad = pattern ? list.find((v: string) => !pattern.test(v)) : undefined;
    if (bad !== undefined)
      problems.push(
        `${at}.${key} has ${JSON.stringify(bad)}, which is not an ARN (acs:<service>:<region>:<account>:<resource>)`,
      );
    out[key] = list as string[];
  }
  const count = (out.Equals?.length ?? 0) + (out.NotEquals?.length ?? 0);
  if (count > MAX_DATA_EVENT_FILTER_VALUES) {
    problems.push(
      `${at} has ${count} values in Equals and NotEquals, over ActionTrail's limit of ${MAX_DATA_EVENT_FILTER_VALUES} (PutDataEventSelector)`,
    );
  }
  return out.Equals || out.NotEquals ? out : undefined;
}

/** The service names of `selectors` that are not in {@link KNOWN_DATA_EVENT_SERVICES}, sorted, without duplicates. */
export function unknownDataEventServices(selectors: readonly WireSelector[]): string[] {
  return [...new Set(selectors.map((s) => s.ServiceName))].filter((n) => !KNOWN_DATA_EVENT_SERVICES.includes(n)).sort();
}

/**
 * The data-event regions a trail declares, from its
 * {@link DATA_EVENT_REGION_PARAMETER} value: `All` (or unset) is every
 * region, else the comma-separated region IDs, trimmed and sorted.
 */
export function declaredDataEventRegions(value: unknown): {
  readonly allRegions: boolean;
  readonly regionIds: string[];
} {
  if (value === undefined || value === null || value === '' || value === 'All')
    return { allRegions: true, regionIds: [] };
  const regionIds = String(value)
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .sort();
  return { allRegions: false, regionIds };
}

/**
 * The data-event regions of a GetDataEventSelector answer: `IsTrailAllRegion`
 * when answered, and the region list: `TrailRegionIds` when present, else the
 * `TrailRegion` of each `SlsDeliveryConfigs` entry (where Terraform reads
 * `data_event_trail_region`), sorted; each undefined when the answer does not
 * tell (the API reference does not say it always does).
 */
export function answeredDataEventRegions(answer: Readonly<Record<string, unknown>>): {
  readonly allRegions?: boolean;
  readonly regionIds?: string[];
} {
  const all = answer.IsTrailAllRegion;
  const allRegions = all === true || all === 'true' ? true : all === false || all === 'false' ? false : undefined;
  const ids = answer.TrailRegionIds;
  if (typeof ids === 'string' && ids !== '') {
    return {
      allRegions,
      regionIds: ids
        .split(',')
        .map((r) => r.trim())
        .sort(),
    };
  }
  const configs = Array.isArray(answer.SlsDeliveryConfigs) ? (answer.SlsDeliveryConfigs as unknown[]) : [];
  const regions = configs
    .map((c) => (c && typeof c === 'object' ? (c as Record<string, unknown>).TrailRegion : undefined))
    .filter((r): r is string => typeof r === 'string' && r !== '' && r !== 'All');
  return { allRegions, regionIds: regions.length > 0 ? [...new Set(regions)].sort() : undefined };
}
