/**
 * Every request is confirmed with ROS before the provider acts on it
 * (README.md, "Confirmation"): the event proves nothing (anyone with
 * `fc:InvokeFunction` can write one), ROS's own record of the stack does.
 * GetStackResource (ROS 2019-09-10) on the function's own stack, for the
 * request's logical ID, must show the status the request type implies and,
 * for Update and Delete, the request's physical ID.
 */
import { RosApiAction } from '../../shared/provider-contract';
import { ApiResult, CallOptions, ApiParams } from './actiontrail-client';
import { Unanswered, ValidRequest } from './custom-resource/safe-handler';
import { ApiError, ProviderError, describeError } from './errors';
import { Logger } from './log';
import { namesNothing } from './ownership';
import { notConfirmable } from './reasons';

/** The one call confirmation needs; implemented by `RpcClient<RosApiAction>`. */
export interface RosApi {
  /** Calls a ROS operation and returns its JSON answer. */
  call(action: RosApiAction, params: ApiParams, options?: CallOptions): Promise<ApiResult>;
}

/**
 * The resource status ROS shows while it waits for the answer to each
 * request type (GetStackResource `Status`: CREATE_IN_PROGRESS,
 * UPDATE_IN_PROGRESS, DELETE_IN_PROGRESS, among the documented values). ROS's
 * rollbacks are requests of these types too: the rollback of a failed Update
 * is an Update, that of a failed Create a Delete.
 */
export const EXPECTED_STATUS: Readonly<Record<ValidRequest['RequestType'], string>> = {
  Create: 'CREATE_IN_PROGRESS',
  Update: 'UPDATE_IN_PROGRESS',
  Delete: 'DELETE_IN_PROGRESS',
};

/** What ROS records about the request's resource, once it confirmed the request. */
export interface RosRecord {
  /** `Status`, one of {@link EXPECTED_STATUS}. */
  readonly status: string;
  /** `PhysicalResourceId` as ROS records it. @default none recorded */
  readonly physicalId?: string;
  /** `CreateTime` (epoch ms): when ROS began creating the resource. @default unknown */
  readonly createdAt?: number;
  /** `UpdateTime` (epoch ms). @default unknown */
  readonly updatedAt?: number;
}

/** The error codes with which ROS says that the stack or the resource does not exist. */
const NOT_FOUND = new Set(['StackNotFound', 'ResourceNotFound']);

/**
 * Confirms `request` with ROS, or rejects: with {@link Unanswered} when ROS
 * does not confirm it (the request is then not answered: it is not one ROS
 * waits for), with a {@link ProviderError} when ROS could not be asked. Makes
 * no other call, so an unconfirmed request changes nothing and reads nothing.
 */
export async function confirmWithRos(
  ros: RosApi,
  request: ValidRequest,
  stackId: string,
  region: string,
  logger: Logger,
): Promise<RosRecord> {
  const { RequestType: type, LogicalResourceId: logicalId, PhysicalResourceId: physicalId } = request;
  if (request.StackId !== stackId)
    throw new Unanswered(
      `the request names stack ${JSON.stringify(request.StackId ?? null)}, not the function's own stack ${stackId}`,
    );
  let answer: ApiResult;
  try {
    answer = await ros.call('GetStackResource', { StackId: stackId, RegionId: region, LogicalResourceId: logicalId });
  } catch (e) {
    if (e instanceof ApiError && NOT_FOUND.has(e.code))
      throw new Unanswered(`ROS knows no resource ${logicalId} in the stack (${e.code})`);
    throw new ProviderError(notConfirmable(describeError(e)));
  }
  const status = text(answer.Status);
  const recorded = text(answer.PhysicalResourceId);
  if (status !== EXPECTED_STATUS[type])
    throw new Unanswered(
      `ROS shows ${logicalId} as ${JSON.stringify(status ?? null)}, not ${EXPECTED_STATUS[type]} as a ${type} implies`,
    );
  if (type !== 'Create' && !samePhysicalId(type, physicalId, recorded))
    throw new Unanswered(
      `ROS records the physical ID ${JSON.stringify(recorded ?? null)} for ${logicalId}, not the request's ${JSON.stringify(physicalId ?? null)}`,
    );
  const record: RosRecord = {
    status,
    physicalId: recorded,
    createdAt: rosTime(answer.CreateTime),
    updatedAt: rosTime(answer.UpdateTime),
  };
  logger.info('ROS confirmed the request', { logicalResourceId: logicalId, status, physicalId: recorded });
  return record;
}

/**
 * Whether the request's physical ID is the one ROS records. A Delete that
 * follows a failed Create may carry the placeholder (or none) while ROS
 * records none (or the placeholder): both name nothing.
 */
function samePhysicalId(type: string, requested: string | undefined, recorded: string | undefined): boolean {
  if (type === 'Delete' && namesNothing(requested)) return namesNothing(recorded);
  return requested !== undefined && requested !== '' && requested === recorded;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * A time as ROS or ActionTrail writes it, in epoch ms: ISO 8601 in UTC, with
 * or without the `Z` (GetStackResource documents `YYYY-MM-DDThh:mm:ss`, UTC),
 * a space allowed for the `T`; undefined when absent or unreadable.
 */
export function rosTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)?$/.exec(v.trim());
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  return Number.isNaN(t) ? undefined : t;
}
