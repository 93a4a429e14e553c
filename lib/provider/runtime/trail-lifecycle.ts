/**
 * Create / Update / Delete of one ActionTrail trail, written so that each is
 * safe to run again (ROS and Function Compute may both retry) and so that a
 * failure leaves the account as it was.
 *
 * API calls per request (without retries):
 * - Create: CreateTrail, then StartLogging when `Logging` (2; 1 when not logging).
 *   A retried Create that finds its trail (TrailAlreadyExistsException) adopts it:
 *   DescribeTrails, UpdateTrail only if a setting differs, Start/StopLogging only
 *   if the status differs (2-4 after the failed CreateTrail).
 * - Update, same name: UpdateTrail only if a setting changed, StartLogging /
 *   StopLogging only if `Logging` changed (0-2). The actual status is not read
 *   back; `Logging` is applied when it changes, like every other property.
 * - Update, new name (rename, or IsOrganizationTrail changed with a new name):
 *   CreateTrail, StartLogging (when `Logging`), then DeleteTrail of the old trail
 *   (3). The new trail logs before the old one stops, so auditing has no gap.
 * - Update, IsOrganizationTrail changed under the same name: FAILED, 0 calls.
 * - Delete: DeleteTrail (1); TrailNotFoundException counts as deleted.
 */
import { ApiResult, TrailApi } from './actiontrail-client';
import { ApiError, ProviderError, describeError, isApiErrorCode } from './errors';
import { Logger } from './log';
import {
  SETTING_FIELDS,
  SettingField,
  TrailConfig,
  TrailSettings,
  changedSettings,
  createTrailParams,
  isValidTrailName,
  readPreviousProperties,
  updateTrailParams,
} from './properties';

/** What the lifecycle operations need. */
export interface LifecycleContext {
  /** The ActionTrail API (already bound to the home region's endpoint). */
  readonly api: TrailApi;
  /** Redacting logger. */
  readonly logger: Logger;
  /** Region whose endpoint is called: the trail's home region. */
  readonly region: string;
  /** Account ID, for the trail ARN. @default unknown: Data then carries the ARN only when the API reports it */
  readonly accountId?: string;
}

/** Attributes returned to ROS in `Data` (readable with Fn::GetAtt). */
export interface TrailData {
  /** `acs:actiontrail:<homeRegion>:<accountId>:trail/<name>`; absent only when the account ID is unknown. */
  TrailArn?: string;
  /** The trail's home region. */
  HomeRegion: string;
  /** The trail name. */
  Name: string;
}

/** A successful operation: the physical resource ID and the data for ROS. */
export interface Outcome {
  /** The trail name. */
  readonly physicalResourceId: string;
  /** Attributes for ROS. */
  readonly data: TrailData;
}

/**
 * A failed operation. `physicalResourceId`, when set, is the ID to report
 * instead of the default for the request type (the trail that a failed
 * Create could not clean up, so that ROS's rollback Delete removes it).
 */
export class FailedOperation extends Error {
  /**
   * @param error the underlying error
   * @param physicalResourceId the ID to report, when not the default
   * @param notes extra sentences for the Reason (cleanup results, hints)
   */
  constructor(
    readonly error: unknown,
    readonly physicalResourceId?: string,
    readonly notes: readonly string[] = [],
  ) {
    super([describeError(error), ...notes].join(' '));
    this.name = 'FailedOperation';
  }
}

/**
 * The physical ID reported for a Create that failed without leaving a trail
 * behind. The `.` makes it an invalid trail name, so the Delete that ROS sends
 * during rollback recognises it and calls nothing.
 */
export function createFailedPhysicalId(logicalResourceId: string | undefined): string {
  return `create-failed.${logicalResourceId || 'trail'}`.slice(0, 255);
}

/** ActionTrail's service-linked role, which it reports as the write role when none was set. */
const DEFAULT_WRITE_ROLE = /:role\/aliyunserviceroleforactiontrail$/i;

/** Creates the trail (or adopts it after a retried Create) and returns its ID and data. */
export async function createTrail(ctx: LifecycleContext, desired: TrailConfig): Promise<Outcome> {
  const ensured = await ensureTrail(ctx, desired);
  return outcome(ctx, desired.name, ensured);
}

/**
 * Brings the trail identified by `physicalId` (previously configured with
 * `previousRaw`, the OldResourceProperties) to the `desired` configuration.
 */
export async function updateTrail(ctx: LifecycleContext, physicalId: string | undefined, desired: TrailConfig, previousRaw: unknown): Promise<Outcome> {
  const previous = readPreviousProperties(previousRaw);
  const oldName = physicalId;
  if (!isValidTrailName(oldName)) {
    // The resource's Create failed without creating anything (placeholder ID): create it now.
    // OldResourceProperties.Name is deliberately not used: that trail may not be ours.
    ctx.logger.warn('no existing trail to update; creating it', { physicalId });
    return createTrail(ctx, desired);
  }
  if (desired.name !== oldName) return renameTrail(ctx, oldName, previous.isOrganizationTrail ?? false, desired);

  if ((previous.isOrganizationTrail ?? false) !== desired.isOrganizationTrail) {
    throw new FailedOperation(
      new ProviderError(
        `IsOrganizationTrail cannot change on the existing trail ${oldName}: ActionTrail fixes it when a trail is created, and ` +
          'trail names are unique per account, so replacing the trail under the same name would leave a gap in auditing ' +
          '(delete, then create). Change the trail name in the same update: the new trail is then created and logging ' +
          'before the old one is deleted.',
      ),
    );
  }

  const changed = changedSettings(previous.settings, desired.settings);
  let homeRegion: string | undefined;
  try {
    if (changed.length > 0) {
      ctx.logger.info('updating trail settings', { name: oldName, changed });
      const res = await ctx.api.call('UpdateTrail', updateTrailParams(oldName, previous.settings, desired.settings));
      homeRegion = stringOf(res.HomeRegion);
    }
    const wasLogging = previous.logging ?? true;
    if (wasLogging !== desired.logging) {
      await ctx.api.call(desired.logging ? 'StartLogging' : 'StopLogging', { Name: oldName });
    }
  } catch (e) {
    if (isApiErrorCode(e, 'TrailNotFoundException')) {
      ctx.logger.warn('trail to update no longer exists; creating it again', { name: oldName });
      return createTrail(ctx, desired);
    }
    throw new FailedOperation(e);
  }
  return outcome(ctx, oldName, { created: false, homeRegion });
}

/** Deletes the trail; a trail that does not exist (or a failed Create's placeholder ID) counts as deleted. */
export async function deleteTrail(ctx: LifecycleContext, physicalId: string | undefined): Promise<void> {
  if (!isValidTrailName(physicalId)) {
    ctx.logger.info('physical ID is not a trail name (the Create failed); nothing to delete', { physicalId });
    return;
  }
  await deleteIfExists(ctx, physicalId);
}

/** Rename without a gap: create (and start) the new trail, then delete the old one. */
async function renameTrail(ctx: LifecycleContext, oldName: string, wasOrganizationTrail: boolean, desired: TrailConfig): Promise<Outcome> {
  ctx.logger.info('replacing trail', { oldName, newName: desired.name });
  let ensured: Ensured;
  try {
    ensured = await ensureTrail(ctx, desired);
  } catch (e) {
    const failed = e instanceof FailedOperation ? e : new FailedOperation(e);
    const notes = [...failed.notes];
    if (wasOrganizationTrail && desired.isOrganizationTrail && isApiErrorCode(failed.error, 'MaximumNumberOfOrganizationTrailExceeded')) {
      notes.push(
        `An account can have only one multi-account trail, so ${oldName} cannot be replaced by another multi-account trail ` +
          'without deleting it first (a gap in auditing); the old trail was left unchanged.',
      );
    }
    // Report the old ID: the old trail is still the resource.
    throw new FailedOperation(failed.error, undefined, notes);
  }
  try {
    await deleteIfExists(ctx, oldName);
  } catch (e) {
    const notes = [`The old trail ${oldName} could not be deleted, so the replacement was undone.`];
    if (ensured.created) notes.push((await undoCreate(ctx, desired.name)).note);
    throw new FailedOperation(e, undefined, notes);
  }
  return outcome(ctx, desired.name, ensured);
}

/** Result of {@link ensureTrail}. */
interface Ensured {
  /** True when this invocation created the trail (false when it adopted an existing one). */
  readonly created: boolean;
  /** Home region reported by the API. @default not reported */
  readonly homeRegion?: string;
  /** ARN reported by the API. @default not reported */
  readonly trailArn?: string;
}

/**
 * CreateTrail (+ StartLogging). If the trail already exists, adopt it. If
 * StartLogging fails after CreateTrail, the new trail is deleted again.
 */
async function ensureTrail(ctx: LifecycleContext, desired: TrailConfig): Promise<Ensured> {
  let created: ApiResult;
  try {
    created = await ctx.api.call('CreateTrail', createTrailParams(desired));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'TrailAlreadyExistsException') return adoptTrail(ctx, desired, e);
    throw new FailedOperation(e);
  }
  if (desired.logging) {
    try {
      await ctx.api.call('StartLogging', { Name: desired.name });
    } catch (e) {
      const undo = await undoCreate(ctx, desired.name);
      // If the new trail is still there, report its name so that ROS's rollback Delete removes it.
      throw new FailedOperation(e, undo.deleted ? undefined : desired.name, [undo.note]);
    }
  }
  return { created: true, homeRegion: stringOf(created.HomeRegion) };
}

/**
 * A trail with the desired name exists already, most likely created by an
 * earlier attempt of this same request. Take it over: read it, UpdateTrail it
 * to the desired settings (clearing destinations it has but should not), and
 * start or stop logging to match. A trail whose IsOrganizationTrail differs
 * cannot be adopted.
 */
async function adoptTrail(ctx: LifecycleContext, desired: TrailConfig, original: ApiError): Promise<Ensured> {
  const { name } = desired;
  ctx.logger.info('trail already exists; adopting it', { name });
  let existing: Record<string, unknown> | undefined;
  try {
    const res = await ctx.api.call('DescribeTrails', { NameList: name, IncludeOrganizationTrail: true });
    const list = Array.isArray(res.TrailList) ? (res.TrailList as unknown[]) : [];
    existing = list.find((t): t is Record<string, unknown> => !!t && typeof t === 'object' && (t as Record<string, unknown>).Name === name);
  } catch (e) {
    throw new FailedOperation(e);
  }
  if (!existing) {
    throw new FailedOperation(original, undefined, [
      `The existing trail ${name} is not visible in region ${ctx.region} (another home region, or another account's multi-account trail), so it cannot be adopted; choose another trail name.`,
    ]);
  }
  const existingIsOrg = existing.IsOrganizationTrail === true || existing.IsOrganizationTrail === 'true';
  if (existingIsOrg !== desired.isOrganizationTrail) {
    throw new FailedOperation(
      new ProviderError(
        `A trail named ${name} already exists with IsOrganizationTrail=${existingIsOrg}, which cannot be changed; choose another trail name.`,
      ),
    );
  }
  const current: TrailSettings = {};
  for (const field of SETTING_FIELDS) {
    const v = stringOf(existing[field]);
    if (v !== undefined) current[field] = v;
  }
  // ActionTrail reports its service-linked role when no write role was set; that is not drift.
  const keepDefaultRole = (field: SettingField, value: string): boolean => field.endsWith('WriteRoleArn') && DEFAULT_WRITE_ROLE.test(value);
  const drift = changedSettings(current, desired.settings).filter((f) => !(desired.settings[f] === undefined && keepDefaultRole(f, current[f]!)));
  try {
    if (drift.length > 0) await ctx.api.call('UpdateTrail', updateTrailParams(name, current, desired.settings, keepDefaultRole));
    const enabled = existing.Status === 'Enable';
    if (desired.logging && !enabled) await ctx.api.call('StartLogging', { Name: name });
    if (!desired.logging && enabled) await ctx.api.call('StopLogging', { Name: name });
  } catch (e) {
    throw new FailedOperation(e);
  }
  return { created: false, homeRegion: stringOf(existing.HomeRegion), trailArn: stringOf(existing.TrailArn) };
}

/** DeleteTrail, treating TrailNotFoundException as success. */
async function deleteIfExists(ctx: LifecycleContext, name: string): Promise<void> {
  try {
    await ctx.api.call('DeleteTrail', { Name: name });
  } catch (e) {
    if (isApiErrorCode(e, 'TrailNotFoundException')) {
      ctx.logger.info('trail does not exist; nothing to delete', { name });
      return;
    }
    throw e;
  }
}

/** Best-effort removal of a trail this invocation created, with a sentence for the Reason. */
async function undoCreate(ctx: LifecycleContext, name: string): Promise<{ deleted: boolean; note: string }> {
  try {
    await deleteIfExists(ctx, name);
    return { deleted: true, note: `The trail ${name} created by this request was deleted again.` };
  } catch (e) {
    ctx.logger.error('could not delete the trail created by this request', { name, error: describeError(e) });
    return { deleted: false, note: `The trail ${name} created by this request could not be deleted (${describeError(e)}).` };
  }
}

/** Builds the outcome, preferring the API's home region and ARN. */
function outcome(ctx: LifecycleContext, name: string, ensured: Ensured): Outcome {
  const homeRegion = ensured.homeRegion ?? ctx.region;
  const trailArn = ensured.trailArn ?? (ctx.accountId ? `acs:actiontrail:${homeRegion}:${ctx.accountId}:trail/${name}` : undefined);
  if (!trailArn) ctx.logger.warn('account ID unknown; TrailArn not returned', { name });
  const data: TrailData = { ...(trailArn ? { TrailArn: trailArn } : {}), HomeRegion: homeRegion, Name: name };
  return { physicalResourceId: name, data };
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
