/**
 * Function Compute 3.0 entry point of the `Custom::ActionTrailTrail` provider.
 *
 * ROS invokes the function with a custom resource request (Create, Update or
 * Delete). The handler first checks where the answer may go (a request with no
 * acceptable ResponseURL is not acted on), then the request itself and its
 * ownership (./runtime/ownership.ts), before any API call; then it applies the
 * request to ActionTrail through the signed API and POSTs the result to the
 * request's ResponseURL (or IntranetResponseURL). It answers ROS on every path
 * where there is an acceptable URL (SUCCESS, or FAILED with a reason; a minimal
 * FAILED body if the answer itself cannot be built), never throws, and never
 * writes credentials anywhere.
 *
 * Bundled by scripts/bundle-provider.js into a single `index.js`: Node
 * built-ins only, no npm packages at run time. The logic lives in ./runtime.
 */
import { jsonValue } from '../shared/quote';
import { ActionTrailClient } from './runtime/actiontrail-client';
import { ProviderError, describeError } from './runtime/errors';
import { Logger, createLogger } from './runtime/log';
import { Ownership, failedCreatePhysicalId, namesNothing } from './runtime/ownership';
import { parseTrailProperties, sameConfig } from './runtime/properties';
import { Redactor } from '../shared/redact';
import { RequestType, answerTargets, notActedOnReason, requestTypeOf } from './runtime/request';
import { RosResponse, sendResponse, serializeResponse, truncateBytes } from './runtime/respond';
import { InvocationDeadlines, ProviderSettings, invocationDeadlines, readSettings, resolveEndpoint } from './runtime/settings';
import { FailedOperation, LifecycleContext, Outcome, createTrail, deleteTrail, updateTrail } from './runtime/trail-lifecycle';

/** The ROS custom resource request (the fields the provider reads). */
export interface RosRequest {
  /** Create, Update or Delete. */
  RequestType?: string;
  /** Pre-signed URL to POST the answer to. */
  ResponseURL?: string;
  /** The same, reachable from inside a VPC. */
  IntranetResponseURL?: string;
  /** Stack ID, echoed back. */
  StackId?: string;
  /** Request ID, echoed back. */
  RequestId?: string;
  /** Logical ID, echoed back. */
  LogicalResourceId?: string;
  /** Set on Update and Delete (read with {@link optionalString}: ROS may not send a string). */
  PhysicalResourceId?: string;
  /** The stack's region (the trail's home region). */
  RegionId?: string;
  /** The account that owns the stack. */
  ResourceOwnerId?: string | number;
  /** The desired `Parameters`. */
  ResourceProperties?: unknown;
  /** The previous `Parameters` (Update). */
  OldResourceProperties?: unknown;
}

/** The parts of the Function Compute 3.0 context the provider reads. */
export interface FcContext {
  /** The function role's temporary credentials. */
  credentials?: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  /** The function's region. */
  region?: string;
  /** The function's account. */
  accountId?: string;
  /** The invocation's request ID. */
  requestId?: string;
  /** Function metadata; `timeout` is in seconds. */
  function?: { timeout?: number };
}

/** What the handler returns to Function Compute (for its invocation log). */
export interface HandlerResult {
  /** The status sent to ROS. */
  Status: 'SUCCESS' | 'FAILED';
  /** The physical ID sent to ROS. */
  PhysicalResourceId: string;
  /** Whether ROS accepted the answer. */
  Answered: boolean;
}

/**
 * Handles one custom resource request. `event` is the request JSON (a Buffer
 * from Function Compute). Resolves with a summary, or with `undefined` when
 * the event cannot be read (there is then no ResponseURL to answer).
 */
export async function handler(event: Buffer | string | object, context: FcContext = {}): Promise<HandlerResult | undefined> {
  // Every deadline counts from here.
  const startedAt = Date.now();
  const creds = context?.credentials ?? {};
  const redactor = new Redactor([creds.accessKeyId, creds.accessKeySecret, creds.securityToken]);
  const logger = createLogger(redactor);
  try {
    const request = parseEvent(event, logger);
    if (!request) return undefined;
    return await handleRequest(request, context ?? {}, redactor, logger, startedAt);
  } catch (e) {
    // Only a bug gets here; never let it become an unhandled rejection.
    logger.error('unexpected error in handler', { error: e });
    return undefined;
  }
}

/** Parses the event; logs and returns undefined when it is not a JSON object. */
function parseEvent(event: Buffer | string | object, logger: Logger): RosRequest | undefined {
  try {
    const value: unknown = Buffer.isBuffer(event) ? JSON.parse(event.toString('utf8')) : typeof event === 'string' ? JSON.parse(event) : event;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as RosRequest;
    logger.error('event is not a JSON object; nothing to answer', { type: Array.isArray(value) ? 'array' : typeof value });
  } catch (e) {
    logger.error('event is not valid JSON; nothing to answer', { error: e });
  }
  return undefined;
}

/** Checks where the answer may go, applies the request and answers ROS. */
async function handleRequest(raw: RosRequest, context: FcContext, redactor: Redactor, logger: Logger, startedAt: number): Promise<HandlerResult | undefined> {
  const functionTimeout = context.function?.timeout;
  const settings = readSettings(process.env, functionTimeout);
  const targets = answerTargets(raw, settings.responseUrlHosts);
  if (targets.urls.length === 0) {
    // Nothing is done for a request that cannot be answered.
    logger.error('request has no acceptable ResponseURL; nothing done, nothing answered', { requestType: optionalString(raw.RequestType), refused: targets.refused });
    return undefined;
  }
  const request = normalize(raw);
  const requestType = requestTypeOf(raw.RequestType);
  const deadlines = invocationDeadlines(startedAt, settings, functionTimeout);
  let response: RosResponse;
  try {
    logger.info('request received', {
      requestType: request.RequestType,
      logicalResourceId: request.LogicalResourceId,
      physicalResourceId: request.PhysicalResourceId,
      stackId: request.StackId,
      requestId: request.RequestId,
      fcRequestId: context.requestId,
      properties: request.ResourceProperties,
    });
    if (targets.refused.length > 0) {
      throw new ProviderError(notActedOnReason(targets.refused));
    }
    const outcome = await apply(request, requestType, raw.RequestType, context, settings, deadlines, logger);
    response = { ...echo(request), Status: 'SUCCESS', PhysicalResourceId: outcome.physicalResourceId, Data: { ...outcome.data } };
  } catch (e) {
    const reason = e instanceof FailedOperation ? e.message : describeError(e);
    response = { ...echo(request), Status: 'FAILED', Reason: reason, PhysicalResourceId: failedPhysicalId(request, requestType) };
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
      Reason: 'The provider could not serialize its answer (internal error); see the function log.',
      PhysicalResourceId: redactor.text(typeof response.PhysicalResourceId === 'string' ? response.PhysicalResourceId : failedCreatePhysicalId(request.LogicalResourceId)),
    };
    body = minimalBody(safe);
  }
  const answered = await sendResponse(targets.urls, body, {
    attempts: 3,
    baseDelayMs: settings.retryBaseMs,
    timeoutMs: Math.min(settings.requestTimeoutMs, 10_000),
    deadline: deadlines.answer(),
    logger,
  });
  return { Status: safe.Status, PhysicalResourceId: safe.PhysicalResourceId, Answered: answered };
}

/** The request with the fields the provider echoes or compares as strings (ROS may send numbers). */
function normalize(request: RosRequest): RosRequest {
  return {
    ...request,
    RequestType: optionalString(request.RequestType),
    StackId: optionalString(request.StackId),
    RequestId: optionalString(request.RequestId),
    LogicalResourceId: optionalString(request.LogicalResourceId),
    PhysicalResourceId: optionalString(request.PhysicalResourceId),
    RegionId: optionalString(request.RegionId),
  };
}

/** `String(value)`, or undefined for undefined/null or a value that cannot be made a string. */
function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string | undefined;
  try {
    text = String(value);
  } catch {
    // Left out: its toString/valueOf threw or gave no primitive.
  }
  return text;
}

/**
 * The physical ID of a FAILED answer (ROS ignores it: it is valid only with
 * SUCCESS): the request's for Update and Delete, else the failed-Create
 * placeholder. Every failure has undone its own changes, so it names nothing.
 */
function failedPhysicalId(request: RosRequest, requestType: RequestType | undefined): string {
  return requestType !== 'Create' && request.PhysicalResourceId ? request.PhysicalResourceId : failedCreatePhysicalId(request.LogicalResourceId);
}

/** A FAILED body built from plain strings only; cannot throw. */
function minimalBody(response: RosResponse): string {
  const field = (v: string | undefined, max: number): string | undefined => (typeof v === 'string' ? truncateBytes(v, max) : undefined);
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
    return '{"Status":"FAILED","Reason":"internal error","PhysicalResourceId":"create-failed.trail"}';
  }
}

/**
 * Validates the request completely, then runs the matching lifecycle
 * operation. Nothing is called before the request type, logical ID,
 * ownership environment, declaration and properties have been checked.
 */
async function apply(request: RosRequest, requestType: RequestType | undefined, rawRequestType: unknown, context: FcContext, settings: ProviderSettings, deadlines: InvocationDeadlines, logger: Logger): Promise<Outcome> {
  if (!requestType) {
    throw new ProviderError(`RequestType must be exactly one of the strings Create, Update or Delete, got ${jsonValue(rawRequestType)}; nothing was changed`);
  }
  // normalize() made it a string or undefined; '' counts as missing.
  const logicalId = request.LogicalResourceId;
  if (!logicalId) throw new ProviderError('LogicalResourceId is missing; nothing was changed');
  const physicalId = request.PhysicalResourceId;
  const own = Ownership.fromEnv(process.env);

  let desired;
  if (requestType !== 'Delete') {
    desired = own.declared(logicalId);
    const requested = parseTrailProperties(request.ResourceProperties);
    if (!sameConfig(requested, desired)) {
      throw new ProviderError(
        `the request's ResourceProperties (trail ${requested.name}) differ from what the stack's template declares for ${logicalId} (trail ${desired.name}); ` +
          'the provider applies only the declared configuration, so nothing was changed',
      );
    }
    if (requestType === 'Update' && namesNothing(physicalId)) {
      throw new ProviderError(`${logicalId} has no trail to update: its Create failed (physical ID ${jsonValue(physicalId)}); delete the resource and create it again. Nothing was changed`);
    }
  } else if (namesNothing(physicalId)) {
    logger.info('the physical ID names no trail (the Create failed or never ran); nothing to delete', { physicalId });
    return { physicalResourceId: physicalId || failedCreatePhysicalId(logicalId), data: { Name: '', HomeRegion: context.region || request.RegionId || '' } };
  }

  // The function's own region (the stack's) decides the endpoint; the request's RegionId is only a fallback.
  const region = context.region || request.RegionId || '';
  const creds = context.credentials;
  if (!creds?.accessKeyId || !creds.accessKeySecret) {
    throw new ProviderError('the function has no credentials (context.credentials); give it a role');
  }
  const client = new ActionTrailClient({
    endpoint: resolveEndpoint(settings.endpointOverride, region),
    credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken },
    deadline: deadlines.api,
    cleanupDeadline: deadlines.cleanup,
    requestTimeoutMs: settings.requestTimeoutMs,
    baseDelayMs: settings.retryBaseMs,
    maxDelayMs: settings.retryMaxMs,
    consistencyWindowMs: settings.consistencyWindowMs,
    logger,
  });
  const accountId = context.accountId || optionalString(request.ResourceOwnerId);
  const ctx: LifecycleContext = {
    api: client,
    logger,
    region,
    accountId,
    deadline: deadlines.api,
    cleanupDeadline: deadlines.cleanup,
    pollBaseMs: settings.retryBaseMs,
    consistencyWindowMs: settings.consistencyWindowMs,
    lateArrivalMs: settings.requestTimeoutMs,
  };

  if (requestType === 'Create') return createTrail(ctx, own, logicalId, desired!);
  if (requestType === 'Update') return updateTrail(ctx, own, logicalId, physicalId, desired!, request.OldResourceProperties);
  return deleteTrail(ctx, own, logicalId, physicalId!, request.ResourceProperties);
}

/** The request fields every answer echoes. */
function echo(request: RosRequest): Pick<RosResponse, 'StackId' | 'RequestId' | 'LogicalResourceId'> {
  return { StackId: request.StackId, RequestId: request.RequestId, LogicalResourceId: request.LogicalResourceId };
}
