/**
 * The custom resource protocol, apart from any resource: read the event, find
 * where the answer may go, check the request type and logical ID, let the
 * resource act, redact, and answer within 4,096 bytes. It answers on every
 * path where there is an acceptable URL, never throws, and never lets a
 * credential through (README.md, "The custom resource protocol").
 */
import { Deadline } from '../../../shared/backoff';
import { Redactor } from '../../../shared/redact';
import { Logger, createLogger } from '../log';
import {
  MISSING_LOGICAL_ID_REASON,
  RequestType,
  RosRequest,
  badRequestTypeReason,
  normalize,
  optionalString,
  parseEvent,
  requestTypeOf,
} from './request';
import { RosResponse, sendResponse, serializeResponse, truncateBytes } from './respond';
import { answerTargets, notActedOnReason } from './targets';

/** What a handler built by {@link safeHandler} resolves with (for the invocation log). */
export interface HandlerResult {
  /** The status sent to ROS. */
  Status: 'SUCCESS' | 'FAILED';
  /** The physical ID sent to ROS. */
  PhysicalResourceId: string;
  /** Whether ROS accepted the answer. */
  Answered: boolean;
}

/** A request the resource is asked to act on: its type is one of the three, and it has a logical ID. */
export interface ValidRequest extends RosRequest {
  /** Create, Update or Delete. */
  readonly RequestType: RequestType;
  /** Never empty. */
  readonly LogicalResourceId: string;
}

/** What the resource answers on success. */
export interface ResourceOutcome {
  /** The physical ID to answer. */
  readonly physicalResourceId: string;
  /** Attributes for Fn::GetAtt. */
  readonly data: Readonly<Record<string, string>>;
}

/** How the answer is delivered. */
export interface Delivery {
  /** Attempts per URL. */
  readonly attempts: number;
  /** First delay between rounds, in ms. */
  readonly baseDelayMs: number;
  /** Timeout of one POST, in ms. */
  readonly timeoutMs: number;
  /** The answer's deadline, made when the answer is ready. */
  deadline(): Deadline;
}

/** One invocation of the resource, as the protocol sees it. */
export interface Invocation {
  /** Host names a ResponseURL may point to, replacing the default rule. @default https on `*.aliyuncs.com` */
  readonly allowedHosts?: readonly string[];
  /** How the answer is delivered. */
  readonly delivery: Delivery;
  /** Fields added to the `request received` log line, before the properties. @default none */
  readonly logFields?: Readonly<Record<string, unknown>>;
  /** Acts on the request; a rejection becomes a FAILED answer with {@link reasonOf}'s Reason. */
  act(request: ValidRequest): Promise<ResourceOutcome>;
  /** The Reason of a failure. */
  reasonOf(error: unknown): string;
}

/** The resource behind the protocol. */
export interface Resource<C> {
  /** The credential strings of this invocation, masked wherever they appear. */
  secrets(context: C): Array<string | undefined>;
  /** The physical ID of a FAILED Create (ROS ignores it; it must name nothing). */
  placeholderId(logicalResourceId: string | undefined): string;
  /** Starts an invocation that entered the handler at `startedAt` (epoch ms); called once the event is read. */
  begin(context: C, startedAt: number, logger: Logger): Invocation;
}

/** The Reason sent when the answer itself cannot be serialized. */
export const UNSERIALIZABLE_REASON =
  'The provider could not serialize its answer (internal error); see the function log.';

/**
 * The Function Compute entry point for `resource`. It resolves with a
 * summary, or with `undefined` when there is nothing to answer (the event
 * cannot be read, no ResponseURL is acceptable, or the resource rejected
 * the request with {@link Unanswered}).
 */
export function safeHandler<C>(
  resource: Resource<C>,
): (event: Buffer | string | object, context: C) => Promise<HandlerResult | undefined> {
  return async (event, context) => {
    // Every deadline counts from here.
    const startedAt = Date.now();
    const redactor = new Redactor(resource.secrets(context));
    const logger = createLogger(redactor);
    try {
      const request = parseEvent(event, logger);
      if (!request) return undefined;
      return await handleRequest(resource, request, resource.begin(context, startedAt, logger), redactor, logger);
    } catch (e) {
      // Only a bug gets here; never let it become an unhandled rejection.
      logger.error('unexpected error in handler', { error: e });
      return undefined;
    }
  };
}

/** A Reason the protocol itself gives. */
class Refused extends Error {}

/**
 * What a resource's `act` rejects with when the request must not be answered
 * at all (it is not one ROS is waiting for): the protocol logs `message` and
 * sends nothing.
 */
export class Unanswered extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unanswered';
  }
}

/** Checks where the answer may go, lets the resource act and answers ROS. */
async function handleRequest<C>(
  resource: Resource<C>,
  raw: RosRequest,
  invocation: Invocation,
  redactor: Redactor,
  logger: Logger,
): Promise<HandlerResult | undefined> {
  const targets = answerTargets(raw, invocation.allowedHosts);
  if (targets.urls.length === 0) {
    // Nothing is done for a request that cannot be answered.
    logger.error('request has no acceptable ResponseURL; nothing done, nothing answered', {
      requestType: optionalString(raw.RequestType),
      refused: targets.refused,
    });
    return undefined;
  }
  const request = normalize(raw);
  const requestType = requestTypeOf(raw.RequestType);
  let response: RosResponse;
  try {
    logger.info('request received', {
      requestType: request.RequestType,
      logicalResourceId: request.LogicalResourceId,
      physicalResourceId: request.PhysicalResourceId,
      stackId: request.StackId,
      requestId: request.RequestId,
      ...invocation.logFields,
      properties: request.ResourceProperties,
    });
    if (targets.refused.length > 0) throw new Refused(notActedOnReason(targets.refused));
    if (!requestType) throw new Refused(badRequestTypeReason(raw.RequestType));
    // normalize() made it a string or undefined; '' counts as missing.
    const logicalId = request.LogicalResourceId;
    if (!logicalId) throw new Refused(MISSING_LOGICAL_ID_REASON);
    const outcome = await invocation.act({ ...request, RequestType: requestType, LogicalResourceId: logicalId });
    response = {
      ...echo(request),
      Status: 'SUCCESS',
      PhysicalResourceId: outcome.physicalResourceId,
      Data: { ...outcome.data },
    };
  } catch (e) {
    if (e instanceof Unanswered) {
      logger.warn('request not answered', { requestType: request.RequestType, why: e.message });
      return undefined;
    }
    const reason = e instanceof Refused ? e.message : invocation.reasonOf(e);
    response = {
      ...echo(request),
      Status: 'FAILED',
      Reason: reason,
      PhysicalResourceId: failedPhysicalId(resource, request, requestType),
    };
    logger.error('request failed', { requestType: request.RequestType, reason });
  }

  // Credentials must not reach ROS either, whatever an error message echoed (redacted before any truncation).
  let safe: RosResponse;
  let body: string;
  try {
    safe = redactor.value(response) as RosResponse;
    body = serializeResponse(safe);
  } catch (e) {
    logger.error('could not serialize the answer; sending a minimal FAILED answer', { error: e });
    safe = {
      ...echo(request),
      Status: 'FAILED',
      Reason: UNSERIALIZABLE_REASON,
      PhysicalResourceId: redactor.text(
        typeof response.PhysicalResourceId === 'string'
          ? response.PhysicalResourceId
          : resource.placeholderId(request.LogicalResourceId),
      ),
    };
    body = minimalBody(safe, resource.placeholderId(undefined));
  }
  const { delivery } = invocation;
  const answered = await sendResponse(targets.urls, body, {
    attempts: delivery.attempts,
    baseDelayMs: delivery.baseDelayMs,
    timeoutMs: delivery.timeoutMs,
    deadline: delivery.deadline(),
    logger,
  });
  return { Status: safe.Status, PhysicalResourceId: safe.PhysicalResourceId, Answered: answered };
}

/**
 * The physical ID of a FAILED answer (ROS ignores it: it is valid only with
 * SUCCESS): the request's for Update and Delete, else the resource's
 * placeholder. Every failure has undone its own changes, so it names nothing.
 */
function failedPhysicalId<C>(resource: Resource<C>, request: RosRequest, requestType: RequestType | undefined): string {
  return requestType !== 'Create' && request.PhysicalResourceId
    ? request.PhysicalResourceId
    : resource.placeholderId(request.LogicalResourceId);
}

/**
 * A FAILED body built from plain strings only, for when the normal answer
 * cannot be serialized; cannot throw. `placeholderId` is the physical ID of
 * the last resort, when even this cannot be built.
 */
function minimalBody(response: RosResponse, placeholderId: string): string {
  const field = (v: string | undefined, max: number): string | undefined =>
    typeof v === 'string' ? truncateBytes(v, max) : undefined;
  try {
    return JSON.stringify({
      Status: 'FAILED',
      Reason: field(response.Reason, 1000),
      PhysicalResourceId: field(response.PhysicalResourceId, 255),
      StackId: field(response.StackId, 600),
      RequestId: field(response.RequestId, 600),
      LogicalResourceId: field(response.LogicalResourceId, 600),
    });
  } catch {
    return JSON.stringify({ Status: 'FAILED', Reason: 'internal error', PhysicalResourceId: placeholderId });
  }
}

/** The request fields every answer echoes. */
function echo(request: RosRequest): Pick<RosResponse, 'StackId' | 'RequestId' | 'LogicalResourceId'> {
  return { StackId: request.StackId, RequestId: request.RequestId, LogicalResourceId: request.LogicalResourceId };
}
