/**
 * The SLS tier's contract: the logstore a trail delivers to, and the query an
 * `ALIYUN::SLS::Alert` runs for one detection of the catalogue
 * (detections.ts), rendered from the catalogue's data (this file names no
 * event). Synth (the alert constructs) and the tests read this one file.
 * Node built-ins and lib/shared only.
 *
 * The query has two parts, as SLS runs them:
 * - a search statement that selects the events: `event.eventType` is one of
 *   the detection's event types and, for a write detection, `event.eventName`
 *   is one of its names (a console change alerts as an API call does) and
 *   `event.eventRW` is not `Read`; for an
 *   identity detection, its {@link EventPredicate} translated into search
 *   syntax (`in` to `field: "value"` alternatives, `prefix` to `field: value*`,
 *   `present` to `field: *`, `not`, `or`, `and`);
 * - an analytic part (`| select ...`) that returns, per event, what a person
 *   needs (event, type, service, region, who, source IP, log time, and the
 *   error code where it matters), over fields SLS's field reference lists,
 *   and, where the catalogue names the services, whether the event's
 *   `serviceName` is one of them (case-insensitive). Services are reported, never filtered on: their
 *   spelling per service is not documented (see detections.ts), so a wrong
 *   spelling shows as `false` in an alert instead of silencing it.
 *
 * Record fields are the catalogue's paths under `event.` (SLS indexes the
 * record as the JSON field `event`). Sources:
 * - SLS "ActionTrail" field reference: `event.eventName`, `event.eventType`,
 *   `event.serviceName`, `event.acsRegion`, `event.sourceIpAddress`,
 *   `event.userIdentity.type`, `.userName`, `event.errorCode`, and the
 *   sign-in fields spelt `addionalEventData.isMFAChecked` and
 *   `addionalEventData.loginAccount`;
 *   https://www.alibabacloud.com/help/en/sls/actiontrail
 * - SLS query syntax: `key: value`, `"..."` for a phrase (operators and
 *   wildcards inside are plain text), `*` at the end of a word for a prefix,
 *   `key: *` for a field that has a value, `and`, `or`, `not`, parentheses;
 *   the analytic part after `|` is SQL, fields quoted `"event.eventName"`.
 *
 * Not known until measured on a real account (the alerts guide): whether SLS
 * indexes the sign-in fields under `event.` (its field reference lists them
 * without it); how the logstore's index tokenizes `.` and `-` (error code
 * prefixes ending in `.` and identity types holding `-` depend on it).
 * Prowler's `sls_*_alert_enabled` checks read the query text only (one word
 * list per CIS item); every CIS detection's query holds its item's words (the
 * alerts guide).
 */
import { trailStoreName } from './arn';
import { type Detection, type EventPredicate, READ_EVENT_RW, WRITE_EVENT_TYPES } from './detections';
import { quote } from './quote';

/** The ROS resource type of an SLS alert. */
export const SLS_ALERT_TYPE = 'ALIYUN::SLS::Alert';

/**
 * The logstore a trail delivers to in its SLS project: `actiontrail_<trail
 * name>` (ActionTrail's "Deliver events to Simple Log Service"). Not
 * validated: the name may be a token at synth.
 */
export function slsLogstoreName(trailName: string): string {
  return trailStoreName(trailName);
}

/** Options of {@link renderSlsQuery}. */
export interface SlsQueryOptions {
  /**
   * Event names matched besides the catalogue's, for a write detection (a
   * per-detection override). Each is a word of letters, digits and `_`,
   * starting with a letter ({@link SLS_EVENT_NAME_PATTERN}); duplicates of the
   * catalogue's names are dropped.
   * @default [] (the catalogue's names only)
   */
  readonly extraEventNames?: readonly string[];
}

/** An event name this renderer accepts: an API operation's name, at most 128 characters. */
export const SLS_EVENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;

/** The SQL part's row limit: an alert shows these many events of one evaluation at most. */
const SLS_QUERY_ROW_LIMIT = 100;

/** What a value in the search statement may hold (catalogue values: names, codes, identity types, flags). */
const SEARCH_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** What a field path may hold: dotted names. */
const FIELD_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
/** What a service name may hold, to stand in a SQL string literal. */
const SERVICE_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;

/** The columns every SLS alert query returns: alias and SLS field (all in SLS's field reference). */
const SLS_COLUMNS: readonly (readonly [string, string])[] = [
  ['event_name', 'event.eventName'],
  ['event_type', 'event.eventType'],
  ['service_name', 'event.serviceName'],
  ['acs_region', 'event.acsRegion'],
  ['identity_type', 'event.userIdentity.type'],
  ['user_name', 'event.userIdentity.userName'],
  ['source_ip', 'event.sourceIpAddress'],
];

/**
 * The error code column, returned by the queries of write detections (a
 * refused change is worth reading) and of detections whose predicate reads
 * `errorCode`. Left out of the other sign-in queries: scanners read a sign-in
 * query naming `event.errorCode` as an alert on failed sign-ins (Prowler's
 * `sls_management_console_authentication_failures_alert_enabled`), and it
 * says nothing about those events.
 */
const ERROR_CODE_COLUMN = ['error_code', 'event.errorCode'] as const;

/** Whether the predicate reads the field. */
function reads(p: EventPredicate, field: string): boolean {
  switch (p.op) {
    case 'in':
    case 'prefix':
    case 'present':
      return p.field === field;
    case 'not':
      return reads(p.of, field);
    case 'any':
    case 'all':
      return p.of.some((q) => reads(q, field));
  }
}

function queryError(detection: Detection, what: string, value: unknown, rule: string, fix: string): Error {
  return new Error(`SLS query of ${detection.id}: ${what} ${quote(value)} is not accepted: ${rule}. ${fix}`);
}

/** The SLS field of a record path. */
function slsField(detection: Detection, path: string): string {
  if (!FIELD_PATTERN.test(path)) {
    throw queryError(
      detection,
      'the field',
      path,
      'a field path is dotted names of letters, digits and _',
      'Use a field of the documented event shape.',
    );
  }
  return `event.${path}`;
}

function searchValue(detection: Detection, value: string): string {
  if (!SEARCH_VALUE_PATTERN.test(value)) {
    throw queryError(
      detection,
      'the value',
      value,
      'a value in an SLS query may hold letters, digits and ._- only, starting with a letter or digit',
      'Use an event name or code as ActionTrail spells it.',
    );
  }
  return value;
}

function anyOf(terms: readonly string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(' or ')})`;
}

/** `field: "v1" or field: "v2"`, values quoted so that none reads as an operator. */
function inSearch(detection: Detection, path: string, values: readonly string[]): string {
  const field = slsField(detection, path);
  return anyOf(values.map((v) => `${field}: "${searchValue(detection, v)}"`));
}

function predicateSearch(detection: Detection, p: EventPredicate): string {
  switch (p.op) {
    case 'in':
      return inSearch(detection, p.field, p.values);
    case 'prefix': {
      const field = slsField(detection, p.field);
      return anyOf(p.values.map((v) => `${field}: ${searchValue(detection, v)}*`));
    }
    case 'present':
      return `${slsField(detection, p.field)}: *`;
    case 'not':
      return `not ${predicateSearch(detection, p.of)}`;
    case 'any':
      return `(${p.of.map((q) => predicateSearch(detection, q)).join(' or ')})`;
    case 'all':
      return `(${p.of.map((q) => predicateSearch(detection, q)).join(' and ')})`;
  }
}

function extraNames(detection: Detection, options: SlsQueryOptions): readonly string[] {
  const extra = options.extraEventNames ?? [];
  if (!Array.isArray(extra)) {
    throw queryError(detection, 'extraEventNames', extra, 'it is a list of event names', 'Pass an array of strings.');
  }
  for (const name of extra) {
    if (typeof name !== 'string' || !SLS_EVENT_NAME_PATTERN.test(name)) {
      throw queryError(
        detection,
        'the extra event name',
        name,
        `an event name matches ${SLS_EVENT_NAME_PATTERN} (an API operation's name)`,
        'Spell the event as ActionTrail records it in eventName.',
      );
    }
  }
  if (extra.length > 0 && detection.tier !== 'write') {
    throw queryError(
      detection,
      'extraEventNames',
      extra,
      `extra event names apply to write detections only; ${detection.id} is an ${detection.tier} detection, ` +
        'matched by its predicate over event fields',
      'Remove the override, or add the names to a write detection.',
    );
  }
  return extra;
}

/** The search statement: which events the alert looks at. */
function searchStatement(detection: Detection, extra: readonly string[]): string {
  if (detection.tier === 'write') {
    const names = [...new Set([...detection.eventNames, ...extra])];
    if (names.length === 0) {
      throw queryError(
        detection,
        'the event names',
        names,
        'a write detection needs at least one event name',
        'Add event names to the detection.',
      );
    }
    // Read events never alert; another spelling of eventRW, or none, still does.
    const notRead = `not ${inSearch(detection, 'eventRW', [READ_EVENT_RW])}`;
    return `${inSearch(detection, 'eventType', WRITE_EVENT_TYPES)} and ${inSearch(detection, 'eventName', names)} and ${notRead}`;
  }
  return `${inSearch(detection, 'eventType', detection.eventTypes)} and ${predicateSearch(detection, detection.where)}`;
}

/** The analytic part: the columns a person reads in the alert. */
function analyticPart(detection: Detection): string {
  const withErrorCode = detection.tier === 'write' || reads(detection.where, 'errorCode');
  const columns = [...SLS_COLUMNS, ...(withErrorCode ? [ERROR_CODE_COLUMN] : [])].map(
    ([alias, field]) => `"${field}" AS ${alias}`,
  );
  if (detection.services.length > 0) {
    const services = detection.services.map((s) => {
      if (!SERVICE_PATTERN.test(s)) {
        throw queryError(
          detection,
          'the service',
          s,
          'a service name holds letters and digits only, starting with a letter',
          'Spell the service as ActionTrail writes it in serviceName.',
        );
      }
      return `lower('${s}')`;
    });
    columns.push(`lower("event.serviceName") IN (${services.join(', ')}) AS service_as_catalogued`);
  }
  columns.push('__time__ AS log_time');
  return `SELECT ${columns.join(', ')} ORDER BY log_time DESC LIMIT ${SLS_QUERY_ROW_LIMIT}`;
}

/**
 * The query an SLS alert over a trail's logstore runs for one detection:
 * `<search statement> | <SQL>`, rendered from the catalogue (see the file
 * comment). Every value is validated against a narrow pattern and every
 * search value is quoted or is a checked word, so no catalogue entry or
 * option can change the query's structure. Deterministic for the same input.
 * @throws Error naming the detection, the bad value, the rule and the fix:
 * an extra event name that is not an identifier, extra event names for an
 * identity detection, a write detection with no event name.
 */
export function renderSlsQuery(detection: Detection, options: SlsQueryOptions = {}): string {
  const extra = extraNames(detection, options);
  return `${searchStatement(detection, extra)} | ${analyticPart(detection)}`;
}
