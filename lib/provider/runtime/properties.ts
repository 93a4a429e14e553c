/**
 * The `Custom::ActionTrailTrail` resource properties: validation of the
 * desired configuration, and the API parameters derived from it (README.md,
 * "The resource properties").
 */
import { quoteValue } from '../../shared/quote';
import { InvalidPropertiesError } from './errors';
import { DataEventsConfig, readDataEvents, sameDataEvents } from './data-events';
import { OSS_BUCKET_NAME_PATTERN, OSS_KEY_PREFIX_PATTERN, TRAIL_NAME_PATTERN, isRegionId } from '../../shared/ids';

/** Trail settings that UpdateTrail can change, under their API parameter names. */
export const SETTING_FIELDS = [
  'EventRW',
  'TrailRegion',
  'OssBucketName',
  'OssKeyPrefix',
  'OssWriteRoleArn',
  'SlsProjectArn',
  'SlsWriteRoleArn',
  'MaxComputeProjectArn',
  'MaxComputeWriteRoleArn',
] as const;

/** One updatable setting's API parameter name. */
export type SettingField = (typeof SETTING_FIELDS)[number];

/** Updatable settings of a trail; absent = not set. */
export type TrailSettings = Partial<Record<SettingField, string>>;

/** A delivery destination: its main field and the fields that only make sense with it. */
export interface DestinationGroup {
  /** The field that turns the destination on, e.g. `OssBucketName`. */
  readonly primary: SettingField;
  /** Fields that qualify it, e.g. `OssKeyPrefix`, `OssWriteRoleArn`. */
  readonly secondary: readonly SettingField[];
}

/** The three delivery destinations of a trail. */
export const DESTINATIONS: readonly DestinationGroup[] = [
  { primary: 'OssBucketName', secondary: ['OssKeyPrefix', 'OssWriteRoleArn'] },
  { primary: 'SlsProjectArn', secondary: ['SlsWriteRoleArn'] },
  { primary: 'MaxComputeProjectArn', secondary: ['MaxComputeWriteRoleArn'] },
];

/** The desired trail, validated. */
export interface TrailConfig {
  /** Trail name (the physical resource ID). */
  readonly name: string;
  /** Whether the trail is a multi-account (resource directory) trail; fixed at creation. */
  readonly isOrganizationTrail: boolean;
  /** Whether the trail should be logging (StartLogging) or stopped. */
  readonly logging: boolean;
  /** Updatable settings. */
  readonly settings: TrailSettings;
  /** The declared data event selectors; undefined: none declared (the trail's selectors are not managed). */
  readonly dataEvents?: DataEventsConfig;
}

/** Trail names: 6-36 characters, a lowercase letter first, then lowercase letters, digits, `-`, `_`. */
export { TRAIL_NAME_PATTERN };

/** True when `name` is a valid trail name. */
export function isValidTrailName(name: unknown): name is string {
  return typeof name === 'string' && TRAIL_NAME_PATTERN.test(name);
}

const EVENT_RW = ['All', 'Read', 'Write'];
const ROLE_ARN = /^acs:ram::[^:\s]+:role\/[^\s/]+$/;
const SLS_PROJECT_ARN = /^acs:log:[a-z0-9-]*:[^:\s]+:project\/[^\s/]+$/;
const MAXCOMPUTE_PROJECT_ARN = /^acs:odps:[a-z0-9-]*:[^:\s]+:project\/[^\s/]+$/;

/** Reads an optional boolean that ROS may have turned into a string. */
function readBoolean(raw: Record<string, unknown>, key: string, fallback: boolean, problems: string[]): boolean {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return fallback;
  if (v === true || v === 'true' || v === 'True') return true;
  if (v === false || v === 'false' || v === 'False') return false;
  problems.push(`${key} must be true or false, got ${quoteValue(v)}`);
  return fallback;
}

/** Reads an optional string; `''`, null and undefined are "not set". */
function readString(raw: Record<string, unknown>, key: string, problems: string[]): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') {
    problems.push(`${key} must be a string, got ${typeof v}`);
    return undefined;
  }
  return v;
}

/**
 * Validates the desired properties of a Create or Update. Collects every
 * problem and throws one {@link InvalidPropertiesError}, before any API call.
 */
export function parseTrailProperties(raw: unknown): TrailConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new InvalidPropertiesError(['ResourceProperties must be an object']);
  const props = raw as Record<string, unknown>;
  const problems: string[] = [];

  // readString never returns '': '' means "not set" (or not a string, already reported).
  const name = readString(props, 'Name', problems) ?? '';
  if (name === '') problems.push('Name is required');
  else if (!isValidTrailName(name)) {
    problems.push(
      `Name ${quoteValue(name)} must be 6-36 characters, start with a lowercase letter and contain only a-z, 0-9, - and _`,
    );
  }

  const settings: Record<string, string> = {};
  for (const field of SETTING_FIELDS) {
    const v = readString(props, field, problems);
    if (v !== undefined) settings[field] = v.trim();
  }

  if (settings.EventRW === undefined) problems.push('EventRW is required (All, Read or Write)');
  else if (!EVENT_RW.includes(settings.EventRW))
    problems.push(`EventRW must be All, Read or Write, got ${quoteValue(settings.EventRW)}`);

  if (settings.TrailRegion === undefined)
    problems.push("TrailRegion is required ('All' or comma-separated region IDs)");
  else if (settings.TrailRegion !== 'All') {
    const regions = settings.TrailRegion.split(',').map((r) => r.trim());
    const bad = regions.filter((r) => !isRegionId(r));
    if (bad.length)
      problems.push(`TrailRegion must be 'All' or comma-separated region IDs, bad: ${quoteValue(bad.join(','))}`);
    else settings.TrailRegion = regions.join(',');
  }

  checkPattern(settings, 'OssBucketName', OSS_BUCKET_NAME_PATTERN, '3-63 characters of a-z, 0-9 and -', problems);
  checkPattern(
    settings,
    'OssKeyPrefix',
    OSS_KEY_PREFIX_PATTERN,
    '6-32 characters, a letter first, then letters, digits, -, _ and /',
    problems,
  );
  checkPattern(settings, 'SlsProjectArn', SLS_PROJECT_ARN, 'acs:log:<region>:<account>:project/<name>', problems);
  const mcProject = checkPattern(
    settings,
    'MaxComputeProjectArn',
    MAXCOMPUTE_PROJECT_ARN,
    'acs:odps:<region>:<account>:project/<name>',
    problems,
  )?.split('project/')[1];
  for (const role of ['OssWriteRoleArn', 'SlsWriteRoleArn', 'MaxComputeWriteRoleArn'] as const) {
    checkPattern(settings, role, ROLE_ARN, 'acs:ram::<account>:role/<name>', problems);
  }
  if (mcProject !== undefined && !mcProject.startsWith('actiontrail_')) {
    problems.push(
      `MaxComputeProjectArn: ActionTrail only delivers to MaxCompute projects named actiontrail_*, got ${quoteValue(mcProject)}`,
    );
  }

  if (!DESTINATIONS.some((d) => settings[d.primary] !== undefined)) {
    problems.push('at least one destination is required: OssBucketName, SlsProjectArn or MaxComputeProjectArn');
  }
  for (const d of DESTINATIONS) {
    for (const s of d.secondary) {
      if (settings[s] !== undefined && settings[d.primary] === undefined)
        problems.push(`${s} is set but ${d.primary} is not`);
    }
  }

  const isOrganizationTrail = readBoolean(props, 'IsOrganizationTrail', false, problems);
  const logging = readBoolean(props, 'Logging', true, problems);
  const dataEvents = readDataEvents(props, problems);
  if (problems.length) throw new InvalidPropertiesError(problems);
  return { name, isOrganizationTrail, logging, settings, ...(dataEvents ? { dataEvents } : {}) };
}

/** Reports a set setting that does not match `pattern`; returns the setting when it is set and matches. */
function checkPattern(
  settings: TrailSettings,
  field: SettingField,
  pattern: RegExp,
  rule: string,
  problems: string[],
): string | undefined {
  const v = settings[field];
  if (v === undefined || pattern.test(v)) return v;
  problems.push(`${field} must be ${rule}, got ${quoteValue(v)}`);
  return undefined;
}

/**
 * Reads the previous properties of an Update without failing: they were
 * valid when applied, and an Update must still be possible if the rules of
 * this provider have become stricter since.
 */
export function readPreviousProperties(raw: unknown): Partial<TrailConfig> & { settings: TrailSettings } {
  const props = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const ignored: string[] = [];
  const settings: Record<string, string> = {};
  for (const field of SETTING_FIELDS) {
    const v = readString(props, field, ignored);
    if (v !== undefined) settings[field] = v.trim();
  }
  return {
    name: readString(props, 'Name', ignored),
    isOrganizationTrail: readBoolean(props, 'IsOrganizationTrail', false, ignored),
    logging: readBoolean(props, 'Logging', true, ignored),
    settings,
  };
}

/** CreateTrail parameters for a configuration. */
export function createTrailParams(config: TrailConfig): Record<string, string | boolean> {
  return { Name: config.name, IsOrganizationTrail: config.isOrganizationTrail, ...definedSettings(config.settings) };
}

/** Compares a setting, treating region lists as unordered sets. */
export function sameSetting(field: SettingField, a: string | undefined, b: string | undefined): boolean {
  if (field === 'TrailRegion' && a !== undefined && b !== undefined) {
    const norm = (s: string): string =>
      s
        .split(',')
        .map((r) => r.trim())
        .sort()
        .join(',');
    return norm(a) === norm(b);
  }
  return (a ?? '') === (b ?? '');
}

/** The settings whose values differ between `current` and `desired`. */
export function changedSettings(current: TrailSettings, desired: TrailSettings): SettingField[] {
  return SETTING_FIELDS.filter((f) => !sameSetting(f, current[f], desired[f]));
}

/**
 * UpdateTrail parameters that turn a trail with settings `current` into one
 * with settings `desired`.
 *
 * UpdateTrail leaves an omitted parameter unchanged; the only way to remove a
 * destination (or a key prefix, or a custom write role) is to send the
 * parameter as an empty string — the Terraform provider does the same. So
 * this sends every desired setting (re-asserting the whole desired state
 * fixes drift), plus `''` for each setting present in `current` but absent
 * from `desired`. `keep` names settings never to clear (used for default
 * role ARNs that ActionTrail reports but nobody set).
 */
export function updateTrailParams(
  name: string,
  current: TrailSettings,
  desired: TrailSettings,
  keep: (field: SettingField, value: string) => boolean = () => false,
): Record<string, string> {
  const params: Record<string, string> = { Name: name, ...definedSettings(desired) };
  for (const field of SETTING_FIELDS) {
    const old = current[field];
    if (desired[field] === undefined && old !== undefined && old !== '' && !keep(field, old)) params[field] = '';
  }
  return params;
}

function definedSettings(settings: TrailSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of SETTING_FIELDS) {
    const v = settings[field];
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/**
 * True when two configurations describe the same trail (name, organization
 * flag, logging, every setting and the data event selectors; region lists
 * compare as sets).
 */
export function sameConfig(a: TrailConfig, b: TrailConfig): boolean {
  return (
    a.name === b.name &&
    a.isOrganizationTrail === b.isOrganizationTrail &&
    a.logging === b.logging &&
    changedSettings(a.settings, b.settings).length === 0 &&
    sameDataEvents(a.dataEvents, b.dataEvents)
  );
}
