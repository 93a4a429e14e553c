/**
 * A stand-in for ROS's record of one stack, answering GetStackResource (ROS
 * 2019-09-10) through the simulator. It follows the stack's real states: a
 * request ROS sends puts the resource in the status its type implies
 * (CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS, DELETE_IN_PROGRESS), and the
 * answer ROS receives completes it (CREATE_COMPLETE with the answered physical
 * ID, UPDATE_FAILED, ...; a deleted resource is gone). Tests can also set a
 * state directly (what ROS shows when a forged request arrives).
 *
 * The answer's fields are the documented ones (GetStackResource: Status,
 * PhysicalResourceId, CreateTime and UpdateTime as `YYYY-MM-DDThh:mm:ss` in
 * UTC, LogicalResourceId, StackId, ResourceType; 404 `StackNotFound` and
 * `ResourceNotFound`).
 */

/** What ROS records about one resource. */
export interface StackResourceState {
  /** GetStackResource `Status`. */
  status: string;
  /** The recorded physical ID. @default none */
  physicalId?: string;
  /** When ROS began creating it (`YYYY-MM-DDThh:mm:ss`, UTC). */
  createTime: string;
  /** When ROS last began updating it. @default never updated */
  updateTime?: string;
  /** The request type ROS waits an answer for. @default none */
  pending?: 'Create' | 'Update' | 'Delete';
}

/** An error ROS answers. */
export class RosStandInError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** ROS's time format: UTC, whole seconds, no zone designator. */
export function rosNow(at = Date.now()): string {
  return new Date(at).toISOString().slice(0, 19);
}

const IN_PROGRESS = { Create: 'CREATE_IN_PROGRESS', Update: 'UPDATE_IN_PROGRESS', Delete: 'DELETE_IN_PROGRESS' };

/** ROS's record of one stack. */
export class RosStack {
  /** Resources by logical ID. */
  readonly resources = new Map<string, StackResourceState>();
  /** GetStackResource requests received, in order (their parameters). */
  readonly lookups: Array<Record<string, string>> = [];

  /** @param stackId the stack's ID */
  constructor(readonly stackId: string) {}

  /** Forgets every resource and lookup. */
  reset(): void {
    this.resources.clear();
    this.lookups.length = 0;
  }

  /**
   * ROS sends a `type` request for `logicalId`: the resource goes to the
   * status the type implies. For Update and Delete of a resource this record
   * never saw, the request's physical ID is taken as the recorded one (the
   * history before the test). A second delivery of the same request changes
   * nothing.
   */
  begin(type: 'Create' | 'Update' | 'Delete', logicalId: string, physicalId?: string): void {
    const now = rosNow();
    const r = this.resources.get(logicalId);
    if (r?.pending === type && r.status === IN_PROGRESS[type]) return;
    if (type === 'Create') {
      this.resources.set(logicalId, { status: IN_PROGRESS.Create, createTime: now, pending: 'Create' });
      return;
    }
    const recorded = r ? r.physicalId : physicalId;
    this.resources.set(logicalId, {
      createTime: r?.createTime ?? rosNow(Date.now() - 3_600_000),
      updateTime: type === 'Update' ? now : r?.updateTime,
      physicalId: recorded,
      status: IN_PROGRESS[type],
      pending: type,
    });
  }

  /** ROS receives an answer: the pending request of its logical ID completes (later answers change nothing). */
  answered(body: Record<string, unknown> | undefined): void {
    const logicalId = typeof body?.LogicalResourceId === 'string' ? body.LogicalResourceId : '';
    const r = this.resources.get(logicalId);
    if (!body || !r?.pending) return;
    const ok = body.Status === 'SUCCESS';
    const type = r.pending;
    r.pending = undefined;
    if (type === 'Delete' && ok) {
      this.resources.delete(logicalId);
      return;
    }
    r.status = `${type.toUpperCase()}_${ok ? 'COMPLETE' : 'FAILED'}`;
    if (ok && typeof body.PhysicalResourceId === 'string') r.physicalId = body.PhysicalResourceId;
  }

  /** Moves every recorded time `ms` into the past (time passing between stack operations). */
  age(ms: number): void {
    const back = (t: string): string => (Number.isNaN(Date.parse(`${t}Z`)) ? t : rosNow(Date.parse(`${t}Z`) - ms));
    for (const r of this.resources.values()) {
      r.createTime = back(r.createTime);
      if (r.updateTime) r.updateTime = back(r.updateTime);
    }
  }

  /** Sets what ROS records for `logicalId` (for requests ROS did not send). */
  set(logicalId: string, state: Partial<StackResourceState> & { status: string }): void {
    this.resources.set(logicalId, { createTime: rosNow(Date.now() - 3_600_000), ...state });
  }

  /** The GetStackResource answer, or the error ROS gives. */
  getStackResource(params: Record<string, string>): Record<string, unknown> {
    this.lookups.push({ ...params });
    if (params.StackId !== this.stackId)
      throw new RosStandInError(404, 'StackNotFound', `The Stack (${params.StackId}) could not be found.`);
    const r = this.resources.get(params.LogicalResourceId ?? '');
    if (!r)
      throw new RosStandInError(
        404,
        'ResourceNotFound',
        `The Resource (${params.LogicalResourceId}) could not be found in Stack ${this.stackId}.`,
      );
    return {
      StackId: this.stackId,
      StackName: 'audit',
      LogicalResourceId: params.LogicalResourceId,
      ResourceType: 'Custom::ActionTrailTrail',
      Status: r.status,
      StatusReason: 'state changed',
      ...(r.physicalId !== undefined ? { PhysicalResourceId: r.physicalId } : {}),
      CreateTime: r.createTime,
      ...(r.updateTime ? { UpdateTime: r.updateTime } : {}),
      Description: '',
      Metadata: {},
    };
  }
}
