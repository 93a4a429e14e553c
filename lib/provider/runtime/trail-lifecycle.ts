/**
 * Create / Update / Delete of one ActionTrail trail: ownership first, converge
 * to the live state, confirm by reading back, undo on failure, never adopt
 * (README.md, "The trail lifecycle"). Undo calls use `{ cleanup: true }`: they
 * may use the cleanup reserve of the time budget.
 */
import { CallOptions, TrailApi } from './actiontrail-client';
import { ProviderError, describeError, isApiErrorCode, mayHaveTakenEffect } from './errors';
import { Logger } from './log';
import { Ownership, boundName, physicalIdOf } from './ownership';
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
import * as reasons from './reasons';
import {
  DataEventsError,
  LiveDataEvents,
  convergeDataEvents,
  declaredBefore,
  readLive,
  removeBeforeDelete,
  restoreDataEvents,
} from './data-events';
import { rosTime } from './ros-confirmation';
import { Deadline, backoffDelay, sleep } from '../../shared/backoff';

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
  /** Deadline of normal calls (read-back polling stops there). */
  readonly deadline: Deadline;
  /** Deadline of undo calls. */
  readonly cleanupDeadline: Deadline;
  /** First delay between read-backs, in ms. */
  readonly pollBaseMs: number;
  /** How long a read-back waits for a change to show (eventual consistency), in ms. */
  readonly consistencyWindowMs: number;
  /** How long to watch for a timed-out CreateTrail attempt landing late (one request timeout), in ms. */
  readonly lateArrivalMs: number;
  /**
   * When ROS began creating this resource, less a clock tolerance (epoch ms):
   * a trail ActionTrail reports as created earlier is older than the resource,
   * so no operation of it made that trail. @default unknown: nothing is proved by creation time
   */
  readonly resourceSince?: number;
  /**
   * When ROS began the operation this request belongs to (the Create, or the
   * Update), less a clock tolerance (epoch ms): a trail with the declared name
   * created since then was made by this request or by a twin of it (the same
   * request delivered twice). @default unknown: no trail is taken as a twin's
   */
  readonly operationSince?: number;
}

/** Attributes returned to ROS in `Data` (readable with Fn::GetAtt). */
export type TrailData = {
  /** `acs:actiontrail:<homeRegion>:<accountId>:trail/<name>`; absent only when the account ID is unknown. */
  TrailArn?: string;
  /** The trail's home region. */
  HomeRegion: string;
  /** The trail name. */
  Name: string;
};

/** A successful operation: the physical resource ID and the data for ROS. */
export interface Outcome {
  /** The physical ID to answer. */
  readonly physicalResourceId: string;
  /** Attributes for ROS. */
  readonly data: TrailData;
}

/** A failed operation: the error, and sentences about what was undone or left behind. */
export class FailedOperation extends Error {
  /**
   * @param error the underlying error
   * @param notes extra sentences for the Reason (undo results, leftovers, hints)
   */
  constructor(
    readonly error: unknown,
    readonly notes: readonly string[] = [],
  ) {
    super(joinSentences(error instanceof FailedOperation ? error.message : describeError(error), notes));
    this.name = 'FailedOperation';
  }
}

/** The error's description followed by the notes. */
function joinSentences(description: string, notes: readonly string[]): string {
  if (notes.length === 0) return description;
  return `${description}${/[.!?]$/.test(description) ? '' : '.'} ${notes.join(' ')}`;
}

/** A trail as read from the API. */
export interface LiveTrail {
  /** Trail name. */
  readonly name: string;
  /** Multi-account trail. */
  readonly isOrganizationTrail: boolean;
  /** Whether it is logging (GetTrailStatus `IsLogging`). */
  readonly logging: boolean;
  /** Its settings; the service-linked role reported where none was set counts as not set. */
  readonly settings: TrailSettings;
  /** Home region reported by the API. */
  readonly homeRegion?: string;
  /** ARN reported by the API. */
  readonly trailArn?: string;
  /** `CreateTime` reported by DescribeTrails (epoch ms). @default unknown */
  readonly createdAt?: number;
}

/** ActionTrail's service-linked role, which it reports as the write role when none was set. */
const DEFAULT_WRITE_ROLE = /:role\/aliyunserviceroleforactiontrail$/i;

const CLEANUP: CallOptions = { cleanup: true };

/** A restore after a failed rename. */
const RENAME = { after: 'rename' } as const;

/** CreateTrail answered TrailAlreadyExistsException for a name that was seen free (and no earlier attempt of this call may have made it). */
class NameTakenError extends ProviderError {}

// ---------------------------------------------------------------- operations

/**
 * Create: the declared trail must not exist yet; it is created, started and
 * read back. A trail with that name made since ROS began this Create is a
 * twin's (the same request delivered twice): it is converged, not refused.
 */
export async function createTrail(ctx: LifecycleContext, logicalId: string, desired: TrailConfig): Promise<Outcome> {
  const live = await readTrail(ctx, desired.name);
  if (live) {
    if (!madeByThisOperation(ctx, live)) throw new FailedOperation(new ProviderError(reasons.nameTaken(desired.name)));
    ctx.logger.info('the trail was made since ROS began this Create (a twin of this request): converging it', {
      logicalId,
      name: desired.name,
    });
    return outcome(ctx, physicalIdOf(desired.name), await converge(ctx, live, desired));
  }
  const made = await createNew(ctx, desired);
  return outcome(ctx, physicalIdOf(desired.name), made);
}

/**
 * True when ActionTrail reports `trail` created since ROS began the current
 * operation: this request or its twin made it.
 */
function madeByThisOperation(ctx: LifecycleContext, trail: LiveTrail): boolean {
  // An unknown time is NaN, and no comparison with NaN holds.
  return (trail.createdAt ?? NaN) >= (ctx.operationSince ?? NaN);
}

/**
 * Rollback Delete of a resource whose Create failed (its physical ID names
 * nothing): a trail with the declared name that ActionTrail reports created
 * since ROS began creating the resource is the one the failed Create left
 * (it could not undo it), and is deleted. An older trail is not this
 * resource's and is left alone; without both creation times nothing is
 * deleted and the Reason names the trail.
 */
export async function deleteFailedCreateLeftover(
  ctx: LifecycleContext,
  physicalId: string,
  name: string,
): Promise<Outcome> {
  const found = await describeTrail(ctx, name, {});
  if (!found) {
    ctx.logger.info('the Create failed and left no trail; nothing to delete', { physicalId, name });
    return { physicalResourceId: physicalId, data: { Name: '', HomeRegion: ctx.region } };
  }
  const createdAt = rosTime(found.CreateTime);
  if (createdAt === undefined || ctx.resourceSince === undefined)
    throw new FailedOperation(new ProviderError(reasons.leftoverNotProvable(name, ctx.region)));
  if (createdAt < ctx.resourceSince) {
    ctx.logger.info('a trail with the declared name predates this resource; it is not its own and is left alone', {
      name,
    });
    return { physicalResourceId: physicalId, data: { Name: '', HomeRegion: ctx.region } };
  }
  ctx.logger.warn('deleting the trail the failed Create of this resource left behind', { name });
  await deleteAndConfirm(ctx, name);
  return outcome(ctx, physicalId, { name });
}

/**
 * Update: brings the resource's trail to the declared configuration. The
 * physical ID must be one this provider issued for the logical ID; the
 * current name comes from OldResourceProperties only when this resource owns
 * that name.
 */
export async function updateTrail(
  ctx: LifecycleContext,
  logicalId: string,
  physicalId: string | undefined,
  desired: TrailConfig,
  previousRaw: unknown,
): Promise<Outcome> {
  const bound = boundName(physicalId);
  if (!bound) throw new FailedOperation(new ProviderError(reasons.forgedPhysicalId(physicalId, logicalId)));
  const answer = physicalId as string;
  const previousName = readPreviousProperties(previousRaw).name;
  const oldName = isValidTrailName(previousName) ? previousName : bound;
  const owns = (name: string): boolean => name === bound || name === desired.name;
  const hadDataEvents = declaredBefore(previousRaw);

  if (oldName === desired.name) {
    await checkProvable(ctx, bound, desired.name, 'changed');
    return outcome(ctx, answer, await convergeSameName(ctx, desired, hadDataEvents));
  }
  if (!owns(oldName)) {
    if (desired.name === bound) {
      // Back to the name this resource was created with (ROS's rollback of a rename that was refused
      // or undone): while that trail exists, the other name was never this resource's. It is left alone.
      const boundTrail = await readTrail(ctx, bound);
      if (boundTrail) {
        ctx.logger.warn(
          "the previous name is not this resource's; it is left untouched and the bound trail is converged",
          { oldName, name: bound },
        );
        return outcome(ctx, answer, await converge(ctx, boundTrail, desired, hadDataEvents));
      }
    }
    // The current name is neither bound nor declared: most likely a second rename (A -> B -> C).
    const other = await readTrail(ctx, oldName);
    if (other) {
      throw new FailedOperation(new ProviderError(reasons.renamedTwice(oldName, bound, desired.name)));
    }
    ctx.logger.warn("the previous name is not this resource's and does not exist; converging the declared trail", {
      oldName,
      name: desired.name,
    });
    await checkProvable(ctx, bound, desired.name, 'changed');
    return outcome(ctx, answer, await convergeSameName(ctx, desired, hadDataEvents));
  }
  return outcome(ctx, answer, await renameTrail(ctx, oldName, desired, hadDataEvents));
}

/**
 * Delete: the trail named by ResourceProperties (or, without one, the name
 * bound into the physical ID) is deleted and confirmed gone, when this
 * resource owns it.
 */
export async function deleteTrail(
  ctx: LifecycleContext,
  own: Ownership,
  logicalId: string,
  physicalId: string,
  properties: unknown,
): Promise<Outcome> {
  const bound = boundName(physicalId);
  if (!bound) throw new FailedOperation(new ProviderError(reasons.forgedPhysicalId(physicalId, logicalId)));
  const requested = readPreviousProperties(properties).name;
  const name = isValidTrailName(requested) ? requested : bound;
  if (name !== bound && name !== own.declaredName(logicalId)) {
    const live = await readTrail(ctx, name);
    if (live) {
      throw new FailedOperation(new ProviderError(reasons.deleteNotProvable(name, bound, ctx.region)));
    }
    ctx.logger.info('trail named in the request does not exist; nothing to delete', { name });
    return outcome(ctx, physicalId, { name });
  }
  await checkProvable(ctx, bound, name, 'deleted');
  // Declared data event selectors go first (they must not outlive the trail); put back if the trail stays.
  const selectors = await removeBeforeDelete(ctx, name, declaredBefore(properties));
  try {
    await deleteAndConfirm(ctx, name);
  } catch (e) {
    if (!selectors || selectors.selectors.length === 0) throw e;
    throw new FailedOperation(e, [await restoreDataEvents(ctx, name, selectors)]);
  }
  return outcome(ctx, physicalId, { name });
}

/**
 * A declared name other than the bound one is this resource's only once a
 * rename to it has completed, that is when the trail the resource was created
 * with (`bound`) is gone (only ROS-confirmed requests of this resource delete
 * it) and the trail is not older than the resource. While `bound` still
 * exists, an existing trail with the declared name may be anyone's (a
 * template that names a foreign trail during a refused update): it is
 * neither changed nor deleted.
 */
async function checkProvable(
  ctx: LifecycleContext,
  bound: string,
  name: string,
  verb: 'changed' | 'deleted',
): Promise<void> {
  if (name === bound) return;
  const trail = await readTrail(ctx, name);
  if (!trail) return;
  if (await readTrail(ctx, bound))
    throw new FailedOperation(new ProviderError(reasons.renameNotProven(name, bound, verb)));
  if (ctx.resourceSince !== undefined && trail.createdAt !== undefined && trail.createdAt < ctx.resourceSince)
    throw new FailedOperation(new ProviderError(reasons.predatesResource(name, verb)));
}

// ------------------------------------------------------------ building blocks

/** Same name: create it if it is gone, otherwise converge settings and logging; undone on failure. */
async function convergeSameName(
  ctx: LifecycleContext,
  desired: TrailConfig,
  hadDataEvents = false,
): Promise<LiveTrail> {
  const live = await readTrail(ctx, desired.name);
  if (live) return converge(ctx, live, desired, hadDataEvents);
  ctx.logger.warn('the trail does not exist (deleted outside ROS?); creating it again', { name: desired.name });
  try {
    // Removal too: the trail may be there after all (an earlier attempt of this CreateTrail, not yet listed).
    return await createNew(ctx, desired, hadDataEvents);
  } catch (e) {
    // This resource's own declared trail was only not visible yet (eventual consistency): read it again.
    if (!(e instanceof FailedOperation && e.error instanceof NameTakenError)) throw e;
    const again = await readTrail(ctx, desired.name);
    if (!again) throw e;
    return converge(ctx, again, desired, hadDataEvents);
  }
}

/**
 * Changes the existing trail `live` into `desired`, then its data event
 * selectors (`hadDataEvents`: the previous properties declared some); on
 * failure restores `live`.
 */
async function converge(
  ctx: LifecycleContext,
  live: LiveTrail,
  desired: TrailConfig,
  hadDataEvents = false,
): Promise<LiveTrail> {
  if (live.isOrganizationTrail !== desired.isOrganizationTrail) {
    throw new FailedOperation(new ProviderError(reasons.organizationFlagFixed(live.name)));
  }
  const changed = differences(live, desired);
  if (changed.length === 0) {
    ctx.logger.info('trail already matches the desired configuration', { name: live.name });
    await dataEventsStep(ctx, desired, hadDataEvents, false);
    return live;
  }
  ctx.logger.info('converging trail', { name: live.name, changed });
  const undo = (): Promise<string> => restore(ctx, live, { after: 'change', attempted: desired.settings });
  let result: LiveTrail;
  try {
    await applyDifferences(ctx, live, desired, {});
    result = await confirm(ctx, desired, {});
  } catch (e) {
    throw new FailedOperation(e, [await undo()]);
  }
  await dataEventsStep(ctx, desired, hadDataEvents, false, undo);
  return result;
}

/**
 * Converges the data event selectors of `desired` (data-events.ts, which
 * undoes its own change); on failure also runs `undoTrail` (the trail's own
 * change) and fails with both sentences.
 */
async function dataEventsStep(
  ctx: LifecycleContext,
  desired: TrailConfig,
  hadDataEvents: boolean,
  justCreated: boolean,
  undoTrail?: () => Promise<string>,
): Promise<void> {
  try {
    await convergeDataEvents(ctx, desired.name, desired.dataEvents, hadDataEvents, justCreated);
  } catch (e) {
    const failed = e instanceof DataEventsError ? e : new DataEventsError(e, []);
    throw new FailedOperation(failed.error, [...failed.notes, ...(undoTrail ? [await undoTrail()] : [])]);
  }
}

/** The fields (and `Logging`) in which `live` differs from `desired`. */
function differences(live: LiveTrail, desired: TrailConfig): string[] {
  const out: string[] = changedSettings(live.settings, desired.settings);
  if (live.logging !== desired.logging) out.push('Logging');
  if (live.isOrganizationTrail !== desired.isOrganizationTrail) out.push('IsOrganizationTrail');
  return out;
}

/** UpdateTrail for the settings that differ, then StartLogging / StopLogging if logging differs. */
async function applyDifferences(
  ctx: LifecycleContext,
  live: LiveTrail,
  desired: TrailConfig,
  options: CallOptions,
): Promise<void> {
  if (changedSettings(live.settings, desired.settings).length > 0) {
    await ctx.api.call('UpdateTrail', updateTrailParams(desired.name, live.settings, desired.settings), options);
  }
  if (live.logging !== desired.logging)
    await ctx.api.call(desired.logging ? 'StartLogging' : 'StopLogging', { Name: desired.name }, options);
}

/** What a restore follows: a failed change of the trail (with the settings it attempted), or a failed rename away from it. */
type RestoreAfter = { readonly after: 'change'; readonly attempted: TrailSettings } | { readonly after: 'rename' };

/**
 * Puts the trail `before` back as it was (re-creating it from this snapshot
 * when it is gone), after any late attempt has had time to land; returns a
 * sentence for the Reason. After a failed change, every setting the change
 * attempted counts as possibly applied (the read may not show it yet), so it
 * is cleared too, and the result is always read back; after a rename, a trail
 * that did not change is left alone.
 */
async function restore(ctx: LifecycleContext, before: LiveTrail, what: RestoreAfter): Promise<string> {
  const target: TrailConfig = {
    name: before.name,
    isOrganizationTrail: before.isOrganizationTrail,
    logging: before.logging,
    settings: before.settings,
  };
  await settle(ctx);
  try {
    const now = await readTrail(ctx, before.name, CLEANUP);
    if (!now) {
      await recreate(ctx, target);
      return reasons.recreated(before.name, what.after, before.logging);
    }
    if (what.after === 'rename' && differences(now, target).length === 0) return reasons.stillUnchanged(before.name);
    const current: LiveTrail =
      what.after === 'change' ? { ...now, settings: { ...what.attempted, ...now.settings } } : now;
    await applyDifferences(ctx, current, target, CLEANUP);
    await confirm(ctx, target, CLEANUP);
    return reasons.restored(before.name);
  } catch (e) {
    ctx.logger.error(what.after === 'change' ? 'could not restore the trail' : 'could not restore the old trail', {
      name: before.name,
      error: describeError(e),
    });
    return reasons.restoreFailed(before.name, what.after, describeError(e));
  }
}

/**
 * Rename `oldName` -> `desired.name` inside one Update. Create and start the
 * new trail, then delete the old one, so auditing never stops; when both
 * would use the same OSS bucket (ActionTrail: `RepeatOssBucket`), delete the
 * old one first and accept a short gap. Any failure restores the old trail.
 */
async function renameTrail(
  ctx: LifecycleContext,
  oldName: string,
  desired: TrailConfig,
  hadDataEvents = false,
): Promise<LiveTrail> {
  const old = await readTrail(ctx, oldName);
  const clash = await readTrail(ctx, desired.name);
  if (clash && madeByThisOperation(ctx, clash))
    return finishTwinsRename(ctx, oldName, !!old, clash, desired, hadDataEvents);
  if (clash && !old) {
    throw new FailedOperation(new ProviderError(reasons.renameTargetExists(desired.name, oldName)));
  }
  if (clash)
    throw new FailedOperation(new ProviderError(reasons.nameTaken(desired.name)), [reasons.leftUnchanged(oldName)]);
  if (!old) {
    // Not listed now; DeleteTrail is still sent once the new trail stands, in case the listing was only behind.
    ctx.logger.warn(
      'the trail to rename is not listed; creating the new one, then deleting the old name if it shows up',
      { oldName, name: desired.name },
    );
    let made: LiveTrail;
    try {
      made = await createNew(ctx, desired);
    } catch (e) {
      // The bucket is still in use: by the old trail, listed now (the listing was behind), or by a twin's new trail.
      const cause = e instanceof FailedOperation ? e.error : e;
      if (!isApiErrorCode(cause, 'RepeatOssBucket')) throw e;
      const listed = await readTrail(ctx, oldName);
      if (listed) return renameDeleteFirst(ctx, listed, desired, hadDataEvents);
      const twins = await twinsTrail(ctx, desired.name);
      if (twins) return converge(ctx, twins, desired, hadDataEvents);
      throw e;
    }
    try {
      await deleteAndConfirm(ctx, oldName);
    } catch (e) {
      throw new FailedOperation(e, [await undoCreate(ctx, desired.name)]);
    }
    return made;
  }
  ctx.logger.info('renaming trail', { oldName, name: desired.name });
  const sharedBucket =
    old.settings.OssBucketName !== undefined && old.settings.OssBucketName === desired.settings.OssBucketName;
  if (sharedBucket) return renameDeleteFirst(ctx, old, desired, hadDataEvents);

  let made: LiveTrail;
  try {
    made = await createNew(ctx, desired);
  } catch (e) {
    const cause = e instanceof FailedOperation ? e.error : e;
    if (isApiErrorCode(cause, 'RepeatOssBucket')) return renameDeleteFirst(ctx, old, desired, hadDataEvents);
    const notes = [reasons.leftUnchanged(oldName)];
    if (
      old.isOrganizationTrail &&
      desired.isOrganizationTrail &&
      isApiErrorCode(cause, 'MaximumNumberOfOrganizationTrailExceeded')
    ) {
      notes.push(reasons.oneOrganizationTrail(oldName));
    }
    throw new FailedOperation(e, notes);
  }
  try {
    await deleteAndConfirm(ctx, oldName);
  } catch (e) {
    const undo = await undoCreateWithResult(ctx, desired.name);
    const restored = await restore(ctx, old, RENAME);
    throw new FailedOperation(e, [reasons.oldTrailKept(oldName, undo.ok), undo.sentence, restored]);
  }
  return made;
}

/**
 * The new name was made since ROS began this Update: a twin of this request
 * (the same rename delivered twice) made it. The rename is finished as the
 * twin would: the new trail converged, the old one deleted if still there.
 * Nothing is undone on failure: the trails are the twin's as much as this
 * request's.
 */
async function finishTwinsRename(
  ctx: LifecycleContext,
  oldName: string,
  oldExists: boolean,
  made: LiveTrail,
  desired: TrailConfig,
  hadDataEvents: boolean,
): Promise<LiveTrail> {
  ctx.logger.info('the new name was made since ROS began this Update (a twin of this request): finishing its rename', {
    oldName,
    name: desired.name,
  });
  const done = await converge(ctx, made, desired, hadDataEvents);
  if (oldExists) await deleteAndConfirm(ctx, oldName);
  return done;
}

/** Rename when the OSS bucket is shared: delete the old trail, create the new one; on failure re-create the old one. */
async function renameDeleteFirst(
  ctx: LifecycleContext,
  old: LiveTrail,
  desired: TrailConfig,
  hadDataEvents: boolean,
): Promise<LiveTrail> {
  ctx.logger.info(
    "the new trail uses the old trail's OSS bucket: deleting the old trail first (short gap in auditing)",
    { oldName: old.name, name: desired.name },
  );
  // The old trail's declared data event selectors, to put back should it have to be re-created.
  let selectors: LiveDataEvents | undefined;
  try {
    selectors = hadDataEvents ? await readLive(ctx, old.name, {}) : undefined;
  } catch (e) {
    throw new FailedOperation(e, [reasons.leftUnchanged(old.name)]);
  }
  const restoreOld = async (): Promise<string[]> => {
    const notes = [await restore(ctx, old, RENAME)];
    if (selectors && selectors.selectors.length > 0) notes.push(await restoreDataEvents(ctx, old.name, selectors));
    return notes;
  };
  try {
    await deleteAndConfirm(ctx, old.name);
  } catch (e) {
    throw new FailedOperation(e, await restoreOld());
  }
  try {
    return await createNew(ctx, desired);
  } catch (e) {
    // The bucket (or the name) was taken by a twin of this request finishing the same rename: the rename is done.
    const twins = await twinsTrail(ctx, desired.name);
    if (twins) return converge(ctx, twins, desired, hadDataEvents);
    throw new FailedOperation(e, await restoreOld());
  }
}

/** The trail `name` when a twin of this request made it (since ROS began the operation); undefined otherwise or when it cannot be read. */
async function twinsTrail(ctx: LifecycleContext, name: string): Promise<LiveTrail | undefined> {
  if (ctx.operationSince === undefined) return undefined;
  const trail = await readTrail(ctx, name).catch(() => undefined);
  return trail && madeByThisOperation(ctx, trail) ? trail : undefined;
}

/** Re-creates a trail this resource deleted, from its snapshot (undo budget). */
async function recreate(ctx: LifecycleContext, target: TrailConfig): Promise<void> {
  try {
    await ctx.api.call('CreateTrail', createTrailParams(target), CLEANUP);
  } catch (e) {
    if (!(isApiErrorCode(e, 'TrailAlreadyExistsException') && e.ambiguousEarlierAttempt)) throw e;
  }
  if (target.logging) await ctx.api.call('StartLogging', { Name: target.name }, { cleanup: true, justCreated: true });
  await confirm(ctx, target, { cleanup: true, justCreated: true });
}

/**
 * CreateTrail (+ StartLogging), read back. The caller has seen the name
 * free, so a trail that an ambiguous CreateTrail may have made is this
 * invocation's: it is adopted, or deleted again if a later step fails.
 */
async function createNew(ctx: LifecycleContext, desired: TrailConfig, hadDataEvents = false): Promise<LiveTrail> {
  const { name } = desired;
  try {
    await ctx.api.call('CreateTrail', createTrailParams(desired));
  } catch (e) {
    const ours = isApiErrorCode(e, 'TrailAlreadyExistsException') && e.ambiguousEarlierAttempt;
    if (!ours) {
      if (isApiErrorCode(e, 'TrailAlreadyExistsException')) {
        // Made between the read and this call: by a twin of this request (delivered at the same time) when it is new enough.
        const twins = await twinsTrail(ctx, name);
        if (twins) {
          ctx.logger.info('a twin of this request made the trail at the same time: converging it', { name });
          return converge(ctx, twins, desired, hadDataEvents);
        }
        throw new FailedOperation(new NameTakenError(reasons.nameTaken(name)));
      }
      if (mayHaveTakenEffect(e)) throw new FailedOperation(e, await undoAmbiguousCreate(ctx, name));
      throw new FailedOperation(e);
    }
    ctx.logger.info('an earlier attempt of this CreateTrail made the trail; continuing with it', { name });
  }
  const createAmbiguous = ctx.api.lastAmbiguousAt !== undefined;
  try {
    if (desired.logging) await ctx.api.call('StartLogging', { Name: name }, { justCreated: true });
    const made = await confirm(ctx, desired, { justCreated: true });
    await convergeDataEvents(ctx, name, desired.dataEvents, hadDataEvents, true);
    return made;
  } catch (caught) {
    const e = caught instanceof DataEventsError ? caught.error : caught;
    throw new FailedOperation(
      e,
      createAmbiguous ? await undoAmbiguousCreate(ctx, name) : [await undoCreate(ctx, name)],
    );
  }
}

/**
 * Undo after a CreateTrail with no clear outcome: delete the trail if it is
 * there (after any late attempt has had time to land). The Reason also says
 * how to remove a trail that an attempt landing later still might make.
 */
async function undoAmbiguousCreate(ctx: LifecycleContext, name: string): Promise<string[]> {
  const undo = await undoCreateWithResult(ctx, name);
  if (!undo.ok) return [undo.sentence];
  return [undo.sentence, reasons.lateCreate(name, ctx.region)];
}

/**
 * Before an undo judges what is there: waits until an attempt that timed out
 * (or lost its connection) has had one request timeout to land, so that a late
 * CreateTrail, UpdateTrail or DeleteTrail cannot change the state after the
 * undo read it. At most half the time left before the cleanup deadline.
 */
async function settle(ctx: LifecycleContext): Promise<void> {
  const last = ctx.api.lastAmbiguousAt;
  if (last === undefined) return;
  // At most half of what is left, so the undo itself keeps time to run.
  const wait = Math.min(last + ctx.lateArrivalMs - Date.now(), ctx.cleanupDeadline.remaining() / 2);
  if (wait > 0) {
    ctx.logger.info('waiting for an attempt with no clear answer to land before undoing', { ms: wait });
    await sleep(wait);
  }
}

/** Deletes a trail this invocation created; returns a sentence for the Reason. */
async function undoCreate(ctx: LifecycleContext, name: string): Promise<string> {
  return (await undoCreateWithResult(ctx, name)).sentence;
}

/** {@link undoCreate}, also saying whether the trail is gone. */
async function undoCreateWithResult(ctx: LifecycleContext, name: string): Promise<{ ok: boolean; sentence: string }> {
  await settle(ctx);
  try {
    const gone = await deleteAndConfirm(ctx, name, CLEANUP);
    return { ok: true, sentence: reasons.createUndone(name, gone) };
  } catch (e) {
    ctx.logger.error('could not delete the trail created by this request', { name, error: describeError(e) });
    return { ok: false, sentence: reasons.createNotUndone(name, describeError(e), ctx.region) };
  }
}

/** DeleteTrail (TrailNotFoundException counts as deleted), then read back until the trail is gone. */
async function deleteAndConfirm(
  ctx: LifecycleContext,
  name: string,
  options: CallOptions = {},
): Promise<'deleted' | 'absent'> {
  let result: 'deleted' | 'absent' = 'deleted';
  try {
    await ctx.api.call('DeleteTrail', { Name: name }, options);
  } catch (e) {
    if (!isApiErrorCode(e, 'TrailNotFoundException')) {
      // An earlier attempt may have deleted it (its answer lost, or landing late): what counts is whether it is still there.
      if (!mayHaveTakenEffect(e)) throw e;
      await settle(ctx);
      if (await isListed(ctx, name, { cleanup: true }).catch(() => true)) throw e;
      ctx.logger.info('DeleteTrail failed after an attempt with no clear answer, but the trail is gone', {
        name,
        error: describeError(e),
      });
    } else result = 'absent';
  }
  await poll(
    ctx,
    options,
    () => isListed(ctx, name, options),
    (listed): listed is false => !listed,
    () => reasons.stillListed(name),
  );
  return result;
}

/** Whether DescribeTrails lists the trail (settings only; for confirming a deletion). */
async function isListed(ctx: LifecycleContext, name: string, options: CallOptions): Promise<boolean> {
  return (await describeTrail(ctx, name, options)) !== undefined;
}

/**
 * The entry DescribeTrails lists for `name` in this region (organization
 * trails included), or undefined: the one reading of its answer.
 */
async function describeTrail(
  ctx: LifecycleContext,
  name: string,
  options: CallOptions,
): Promise<Record<string, unknown> | undefined> {
  const res = await ctx.api.call(
    'DescribeTrails',
    { NameList: name, IncludeOrganizationTrail: true },
    { cleanup: options.cleanup },
  );
  const list = Array.isArray(res.TrailList) ? (res.TrailList as unknown[]) : [];
  return list.find(
    (t): t is Record<string, unknown> => !!t && typeof t === 'object' && (t as Record<string, unknown>).Name === name,
  );
}

/** Reads `desired.name` back until it matches `desired`; throws naming the differences otherwise. */
async function confirm(ctx: LifecycleContext, desired: TrailConfig, options: CallOptions): Promise<LiveTrail> {
  let last: LiveTrail | undefined;
  return poll(
    ctx,
    options,
    async () => (last = await readTrail(ctx, desired.name, options)),
    (t): t is LiveTrail => t !== undefined && differences(t, desired).length === 0,
    () =>
      last ? reasons.readBackDiffers(desired.name, differences(last, desired)) : reasons.readBackMissing(desired.name),
  );
}

/**
 * Calls `read` until `done` holds, waiting with backoff, for at most the
 * eventual-consistency window and never past the deadline. Answers the value
 * `done` accepted, narrowed by it.
 */
async function poll<T, D extends T>(
  ctx: LifecycleContext,
  options: CallOptions,
  read: () => Promise<T>,
  done: (value: T) => value is D,
  failure: () => string,
): Promise<D> {
  const started = Date.now();
  const deadline = options.cleanup ? ctx.cleanupDeadline : ctx.deadline;
  for (let attempt = 1; ; attempt++) {
    const value = await read();
    if (done(value)) return value;
    const delay = backoffDelay(attempt, ctx.pollBaseMs, Math.max(ctx.pollBaseMs, 5000));
    if (Date.now() - started + delay > ctx.consistencyWindowMs || delay >= deadline.remaining())
      throw new ProviderError(failure());
    await sleep(delay);
  }
}

/**
 * The trail named `name` in this region (organization trails included): its
 * settings from DescribeTrails and its logging state from GetTrailStatus; or
 * undefined when it does not exist.
 */
export async function readTrail(
  ctx: LifecycleContext,
  name: string,
  options: CallOptions = {},
): Promise<LiveTrail | undefined> {
  const found = await describeTrail(ctx, name, options);
  if (!found) return undefined;
  const isOrganizationTrail = found.IsOrganizationTrail === true || found.IsOrganizationTrail === 'true';
  // DescribeTrails lists it, so a TrailNotFoundException here is the API catching up: retried within the window, never read as "gone".
  let status: Record<string, unknown>;
  try {
    status = await ctx.api.call(
      'GetTrailStatus',
      { Name: name, IsOrganizationTrail: isOrganizationTrail },
      { cleanup: options.cleanup, justCreated: true },
    );
  } catch (e) {
    if (isApiErrorCode(e, 'TrailNotFoundException')) {
      // Deleted in between (by a twin of this request, or by hand): it does not exist now.
      if (!(await describeTrail(ctx, name, options))) return undefined;
      throw new ProviderError(reasons.statusNotFound(name));
    }
    throw e;
  }
  const settings: TrailSettings = {};
  for (const field of SETTING_FIELDS) {
    const v = found[field];
    if (typeof v === 'string' && v !== '' && !isDefaultRole(field, v)) settings[field] = v;
  }
  return {
    name,
    isOrganizationTrail,
    logging: status.IsLogging === true || status.IsLogging === 'true',
    settings,
    homeRegion: stringOf(found.HomeRegion),
    trailArn: stringOf(found.TrailArn),
    createdAt: rosTime(found.CreateTime),
  };
}

function isDefaultRole(field: SettingField, value: string): boolean {
  return field.endsWith('WriteRoleArn') && DEFAULT_WRITE_ROLE.test(value);
}

/** Builds the outcome, preferring the API's home region and ARN. */
function outcome(
  ctx: LifecycleContext,
  physicalResourceId: string,
  trail: Pick<LiveTrail, 'name' | 'homeRegion' | 'trailArn'>,
): Outcome {
  const homeRegion = trail.homeRegion ?? ctx.region;
  const trailArn =
    trail.trailArn ??
    (ctx.accountId ? `acs:actiontrail:${homeRegion}:${ctx.accountId}:trail/${trail.name}` : undefined);
  if (!trailArn) ctx.logger.warn('account ID unknown; TrailArn not returned', { name: trail.name });
  return {
    physicalResourceId,
    data: { ...(trailArn ? { TrailArn: trailArn } : {}), HomeRegion: homeRegion, Name: trail.name },
  };
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
