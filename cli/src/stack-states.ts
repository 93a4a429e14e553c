/**
 * What ROS stack statuses mean to the command. ROS statuses are
 * `<ACTION>_<STATE>`, with states IN_PROGRESS, COMPLETE and FAILED
 * (ROS "Stack statuses" page), e.g. CREATE_COMPLETE, ROLLBACK_COMPLETE.
 */

/** An operation on the stack is still running. */
export function isInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** The operation the command started ended well. */
export function isSuccess(status: string): boolean {
  return (
    status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'DELETE_COMPLETE' ||
    status === 'IMPORT_CREATE_COMPLETE' ||
    status === 'IMPORT_UPDATE_COMPLETE' ||
    status === 'CHECK_COMPLETE'
  );
}

/**
 * The stack's creation failed, so ROS cannot update it: CREATE_FAILED (with
 * rollback disabled) or ROLLBACK_COMPLETE / ROLLBACK_FAILED (a failed create
 * rolled back). Such a stack must be looked at, then deleted by the user;
 * the command never deletes it on its own.
 */
export function isFailedCreate(status: string): boolean {
  return (
    status === 'CREATE_FAILED' ||
    status === 'ROLLBACK_COMPLETE' ||
    status === 'ROLLBACK_FAILED' ||
    status === 'CREATE_ROLLBACK_COMPLETE' ||
    status === 'CREATE_ROLLBACK_FAILED'
  );
}

/** A deployed stack that is in a good, settled state. */
export function isHealthy(status: string): boolean {
  return isSuccess(status) && status !== 'DELETE_COMPLETE';
}
