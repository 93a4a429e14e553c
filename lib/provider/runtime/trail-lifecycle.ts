/**
 * Create / Update / Delete of one ActionTrail trail, written so that each is
 * safe to run again (ROS and Function Compute may both retry), so that a
 * failure leaves the account as it was, and so that a trail this resource did
 * not create is never changed or deleted.
 *
 * API calls per request (without retries):
 * - Create: CreateTrail, then StartLogging when `Logging` (2; 1 when not logging).
 *   If the trail exists (TrailAlreadyExistsException): DescribeTrails, and it is
 *   adopted only when it is provably this resource's trail, i.e. it has exactly
 *   the desired settings and IsOrganizationTrail (what this resource's own
 *   CreateTrail leaves, whether an earlier attempt in this invocation or an
 *   earlier invocation); then only StartLogging / StopLogging if its status
 *   differs (2-3 after the failed CreateTrail). Otherwise FAILED, nothing written.
 *   If CreateTrail failed after an ambiguous attempt (timeout, lost connection,
 *   5xx): one DescribeTrails from the cleanup reserve to see whether it was made.
 * - Update, same name, a setting changed: UpdateTrail, and StartLogging /
 *   StopLogging if `Logging` changed (1-2).
 * - Update, same name, only `Logging` changed: StartLogging / StopLogging (1).
 * - Update, same name, nothing changed: DescribeTrails (1), which confirms the
 *   trail exists (else it is created: + CreateTrail, [StartLogging]) and reads
 *   its status (+ StartLogging / StopLogging when it differs from `Logging`).
 * - Update, new name (rename, or IsOrganizationTrail changed with a new name):
 *   CreateTrail, StartLogging (when `Logging`), then DeleteTrail of the old trail
 *   (3). The new trail logs before the old one stops, so auditing has no gap.
 * - Update, IsOrganizationTrail changed under the same name: FAILED, 0 calls.
 * - Delete: DeleteTrail (1); TrailNotFoundException counts as deleted.
 *
 * Undo and cleanup calls (deleting a trail this request made, checking what an
 * ambiguous CreateTrail left) are made with `{ cleanup: true }`: they may use
 * the cleanup reserve of the time budget, so they are retried even when the
 * main budget has run out.
 */
import { ApiResult, CallOptions, TrailApi } from './actiontrail-client';
import { ApiError, ProviderError, describeError, isApiErrorCode, mayHaveTakenEffect } from './errors';
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
 * instead of the default for the request type: the name of a trail this
 * resource made and that is still there (a Create whose new trail could not
 * be deleted again, or whose ambiguous CreateTrail turned out to have made
 * it), so that ROS's rollback Delete removes it. Never the name of a trail
 * that is not this resource's.
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
    super(joinSentences(describeError(error), notes));
    this.name = 'FailedOperation';
  }
}

/** The error's description followed by the notes, with a full stop between them where the description has none. */
function joinSentences(description: string, notes: readonly string[]): string {
  if (notes.length === 0) return description;
  return `${description}${/[.!?)]$/.test(description) ? '' : '.'} ${notes.join(' ')}`;
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

/** The cleanup options of an API call (see the module comment). */
const CLEANUP: CallOptions = { cleanup: true };

/**
 * What to do with a trail that a failed CreateTrail may have made: `report`
 * its name as the physical ID (a failed Create: ROS's rollback Delete removes
 * it), or `delete` it (a failed rename: the old trail stays the resource).
 */
type Leftover = 'report' | 'delete';

/** Creates the trail (or adopts it when it is provably this resource's) and returns its ID and data. */
export async function createTrail(ctx: LifecycleContext, desired: TrailConfig): Promise<Outcome> {
  const ensured = await ensureTrail(ctx, desired, 'report');
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
  const loggingChanged = (previous.logging ?? true) !== desired.logging;
  let homeRegion: string | undefined;
  let trailArn: string | undefined;
  let missing = false;
  try {
    if (changed.length > 0) {
      ctx.logger.info('updating trail settings', { name: oldName, changed });
      const res = await ctx.api.call('UpdateTrail', updateTrailParams(oldName, previous.settings, desired.settings));
      homeRegion = stringOf(res.HomeRegion);
      if (loggingChanged) await ctx.api.call(desired.logging ? 'StartLogging' : 'StopLogging', { Name: oldName });
    } else if (loggingChanged) {
      // The call itself proves the trail exists (TrailNotFoundException otherwise).
      await ctx.api.call(desired.logging ? 'StartLogging' : 'StopLogging', { Name: oldName });
    } else {
      // Nothing to change: confirm the trail is still there (a rename whose answer was lost and
      // ROS's rollback Update, or a trail deleted outside ROS) and that it logs as it should.
      const existing = await findTrail(ctx, oldName);
      if (!existing) missing = true;
      else {
        await reconcileLogging(ctx, oldName, existing.Status, desired.logging);
        homeRegion = stringOf(existing.HomeRegion);
        trailArn = stringOf(existing.TrailArn);
      }
    }
  } catch (e) {
    if (!isApiErrorCode(e, 'TrailNotFoundException')) throw new FailedOperation(e);
    missing = true;
  }
  if (missing) {
    ctx.logger.warn('trail to update no longer exists; creating it again', { name: oldName });
    return createTrail(ctx, desired);
  }
  return outcome(ctx, oldName, { created: false, homeRegion, trailArn });
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
    ensured = await ensureTrail(ctx, desired, 'delete');
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
    const newName = desired.name;
    let notes: string[];
    if (!ensured.created) {
      notes = [
        `The old trail ${oldName} could not be deleted. The trail ${newName} already existed with the desired settings and was left in place, so both ${oldName} and ${newName} exist.`,
      ];
    } else {
      const undo = await undoCreate(ctx, newName);
      notes = undo.deleted
        ? [`The old trail ${oldName} could not be deleted, so the replacement was undone: the trail ${newName} created by this request was deleted again.`]
        : [
            `The old trail ${oldName} could not be deleted, and undoing the replacement failed: the trail ${newName} created by this request could not be deleted (${undo.error}).`,
            `So both ${oldName} and ${newName} exist${desired.logging ? ' and log' : ''}; delete ${newName} by hand, or retry the update.`,
          ];
    }
    throw new FailedOperation(e, undefined, notes);
  }
  return outcome(ctx, desired.name, ensured);
}

/** Result of {@link ensureTrail}. */
interface Ensured {
  /** True when this invocation created the trail (false when it adopted one made earlier). */
  readonly created: boolean;
  /** Home region reported by the API. @default not reported */
  readonly homeRegion?: string;
  /** ARN reported by the API. @default not reported */
  readonly trailArn?: string;
}

/**
 * CreateTrail (+ StartLogging). If the trail already exists, adopt it only if
 * it is provably this resource's ({@link adoptTrail}). If StartLogging fails
 * after CreateTrail, the new trail is deleted again. If CreateTrail failed
 * but an attempt may have been applied, see {@link ambiguousCreateFailed}.
 */
async function ensureTrail(ctx: LifecycleContext, desired: TrailConfig, leftover: Leftover): Promise<Ensured> {
  let created: ApiResult;
  try {
    created = await ctx.api.call('CreateTrail', createTrailParams(desired));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'TrailAlreadyExistsException') return adoptTrail(ctx, desired, e);
    if (mayHaveTakenEffect(e)) throw await ambiguousCreateFailed(ctx, desired, e, leftover);
    throw new FailedOperation(e);
  }
  if (desired.logging) {
    try {
      await ctx.api.call('StartLogging', { Name: desired.name });
    } catch (e) {
      throw await failedAfterCreate(ctx, desired.name, e);
    }
  }
  return { created: true, homeRegion: stringOf(created.HomeRegion) };
}

/** The start of the Reason when the name is taken by a trail that is not this resource's. */
function notOurs(name: string): string {
  return `a trail named ${name} already exists in this account and was not created by this resource; choose another trailName (or delete/import the existing trail).`;
}

/**
 * A trail with the desired name exists already. It is adopted only when it is
 * provably this resource's: it has exactly the desired settings and
 * IsOrganizationTrail, which is what this resource's CreateTrail leaves —
 * whether an earlier attempt within this invocation had an ambiguous outcome
 * (`original.ambiguousEarlierAttempt`) or an earlier invocation made it.
 * (An ambiguous earlier attempt alone proves nothing: a 5xx for a name that
 * was already taken is followed by TrailAlreadyExistsException too.) The
 * service-linked role that ActionTrail reports where no write role was set is
 * not a difference. An adopted trail only gets StartLogging / StopLogging;
 * a trail that is not ours is never written to.
 */
async function adoptTrail(ctx: LifecycleContext, desired: TrailConfig, original: ApiError): Promise<Ensured> {
  const { name } = desired;
  const ambiguous = original.ambiguousEarlierAttempt;
  ctx.logger.info('trail already exists; checking whether it is this resource\'s', { name, ambiguousEarlierAttempt: ambiguous });
  let existing: Record<string, unknown> | undefined;
  try {
    existing = await findTrail(ctx, name);
  } catch (e) {
    throw new FailedOperation(e, undefined, [`The trail ${name} already exists and could not be read to tell whether it is this resource's.`]);
  }
  if (!existing) {
    throw new FailedOperation(
      new ProviderError(
        `${notOurs(name)} It is not visible in region ${ctx.region} (another home region, or another account's multi-account trail), so it cannot be adopted.`,
      ),
    );
  }
  const differences = differencesFrom(existing, desired);
  if (differences.length > 0) {
    ctx.logger.warn('existing trail is not this resource\'s; not adopting it', { name, differences });
    const hint = ambiguous ? ' (An earlier attempt of this CreateTrail got no clear answer, but a trail made by it would have exactly the desired settings, so this is not that trail.)' : '';
    throw new FailedOperation(new ProviderError(`${notOurs(name)} It differs from this resource's configuration in: ${differences.join(', ')}.${hint}`));
  }
  ctx.logger.info('adopting the trail: it has exactly the desired settings', { name, ambiguousEarlierAttempt: ambiguous });
  try {
    await reconcileLogging(ctx, name, existing.Status, desired.logging);
  } catch (e) {
    // Made by this invocation's own ambiguous attempt: undo like any other failed create.
    if (ambiguous) throw await failedAfterCreate(ctx, name, e);
    throw new FailedOperation(e);
  }
  return { created: ambiguous, homeRegion: stringOf(existing.HomeRegion), trailArn: stringOf(existing.TrailArn) };
}

/**
 * The settings (and IsOrganizationTrail) in which an existing trail differs
 * from `desired`; empty when it is what this resource's CreateTrail makes.
 */
function differencesFrom(existing: Record<string, unknown>, desired: TrailConfig): string[] {
  const out: string[] = [];
  const existingIsOrg = existing.IsOrganizationTrail === true || existing.IsOrganizationTrail === 'true';
  if (existingIsOrg !== desired.isOrganizationTrail) out.push(`IsOrganizationTrail=${existingIsOrg} (cannot be changed)`);
  const current: TrailSettings = {};
  for (const field of SETTING_FIELDS) {
    const v = stringOf(existing[field]);
    if (v !== undefined) current[field] = v;
  }
  // ActionTrail reports its service-linked role when no write role was set; that is not a difference.
  const defaultRole = (field: SettingField, value: string | undefined): boolean =>
    field.endsWith('WriteRoleArn') && value !== undefined && DEFAULT_WRITE_ROLE.test(value);
  for (const field of changedSettings(current, desired.settings)) {
    if (!(desired.settings[field] === undefined && defaultRole(field, current[field]))) out.push(field);
  }
  return out;
}

/**
 * CreateTrail failed, but an attempt may have been applied (a timeout, a lost
 * connection or a 5xx before the last answer). Checks, within the cleanup
 * reserve, whether the trail exists; a trail with exactly the desired settings
 * is taken to be that attempt's and is reported (`report`: its name becomes
 * the physical ID, so ROS's rollback Delete removes it) or deleted (`delete`).
 * Anything else — no trail, a trail that is not ours, or no answer — keeps
 * the default physical ID: a trail that is not ours must never be reported.
 */
async function ambiguousCreateFailed(ctx: LifecycleContext, desired: TrailConfig, error: unknown, leftover: Leftover): Promise<FailedOperation> {
  const { name } = desired;
  ctx.logger.warn('CreateTrail failed after an attempt that may have been applied; checking for the trail', { name });
  let existing: Record<string, unknown> | undefined;
  try {
    existing = await findTrail(ctx, name, CLEANUP);
  } catch (e) {
    ctx.logger.error('could not check for a trail left by an ambiguous CreateTrail', { name, error: describeError(e) });
    return new FailedOperation(error, undefined, [
      `An attempt may have created the trail ${name}, but that could not be checked (${describeError(e)}); a trail it made has this resource's settings and is adopted by the next deployment, or delete it by hand.`,
    ]);
  }
  if (!existing) return new FailedOperation(error);
  const differences = differencesFrom(existing, desired);
  if (differences.length > 0) {
    ctx.logger.warn('a trail with the name exists but is not this resource\'s; leaving it alone', { name, differences });
    return new FailedOperation(error);
  }
  if (leftover === 'report') {
    return new FailedOperation(error, name, [
      `An attempt that got no clear answer created the trail ${name}; its name is reported so that the rollback Delete removes it.`,
    ]);
  }
  const undo = await undoCreate(ctx, name);
  return new FailedOperation(
    error,
    undo.deleted ? undefined : name,
    [undo.deleted ? `An attempt that got no clear answer had created the trail ${name}; it was deleted again.` : `An attempt that got no clear answer created the trail ${name}, which could not be deleted (${undo.error}).`],
  );
}

/** A call after CreateTrail failed: delete the new trail again; report its name if it is still there. */
async function failedAfterCreate(ctx: LifecycleContext, name: string, error: unknown): Promise<FailedOperation> {
  const undo = await undoCreate(ctx, name);
  // If the new trail is still there, report its name so that ROS's rollback Delete removes it.
  return new FailedOperation(
    error,
    undo.deleted ? undefined : name,
    [undo.deleted ? `The trail ${name} created by this request was deleted again.` : `The trail ${name} created by this request could not be deleted (${undo.error}).`],
  );
}

/** The trail named `name` as DescribeTrails reports it in this region (organization trails included), or undefined. */
async function findTrail(ctx: LifecycleContext, name: string, options?: CallOptions): Promise<Record<string, unknown> | undefined> {
  const res = await ctx.api.call('DescribeTrails', { NameList: name, IncludeOrganizationTrail: true }, options);
  const list = Array.isArray(res.TrailList) ? (res.TrailList as unknown[]) : [];
  return list.find((t): t is Record<string, unknown> => !!t && typeof t === 'object' && (t as Record<string, unknown>).Name === name);
}

/** StartLogging / StopLogging only when the reported `status` differs from `logging`. */
async function reconcileLogging(ctx: LifecycleContext, name: string, status: unknown, logging: boolean): Promise<void> {
  const enabled = status === 'Enable';
  if (logging && !enabled) await ctx.api.call('StartLogging', { Name: name });
  if (!logging && enabled) await ctx.api.call('StopLogging', { Name: name });
}

/** DeleteTrail, treating TrailNotFoundException as success. */
async function deleteIfExists(ctx: LifecycleContext, name: string, options?: CallOptions): Promise<void> {
  try {
    await ctx.api.call('DeleteTrail', { Name: name }, options);
  } catch (e) {
    if (isApiErrorCode(e, 'TrailNotFoundException')) {
      ctx.logger.info('trail does not exist; nothing to delete', { name });
      return;
    }
    throw e;
  }
}

/** Removal of a trail this invocation created, retried within the cleanup reserve. */
async function undoCreate(ctx: LifecycleContext, name: string): Promise<{ deleted: true } | { deleted: false; error: string }> {
  try {
    await deleteIfExists(ctx, name, CLEANUP);
    return { deleted: true };
  } catch (e) {
    ctx.logger.error('could not delete the trail created by this request', { name, error: describeError(e) });
    return { deleted: false, error: describeError(e) };
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
