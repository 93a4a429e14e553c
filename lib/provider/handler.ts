/**
 * Function Compute 3.0 entry point of the `Custom::ActionTrailTrail` provider.
 *
 * ROS invokes the function with a custom resource request (Create, Update or
 * Delete); the handler applies it to ActionTrail through the signed API and
 * POSTs the result to the request's ResponseURL. It answers ROS on every path
 * (SUCCESS, or FAILED with a reason), never throws, and never writes
 * credentials anywhere.
 *
 * Bundled by scripts/bundle-provider.js into a single `index.js`: Node
 * built-ins only, no npm packages at run time. The logic lives in ./runtime.
 */
import { ActionTrailClient } from './runtime/actiontrail-client';
import { ProviderError, describeError } from './runtime/errors';
import { Logger, createLogger } from './runtime/log';
import { parseTrailProperties } from './runtime/properties';
import { Redactor } from './runtime/redact';
import { RosResponse, sendResponse, serializeResponse } from './runtime/respond';
import { Deadline } from './runtime/retry';
import { ProviderSettings, RESPONSE_RESERVE_MS, readSettings, resolveEndpoint } from './runtime/settings';
import { FailedOperation, LifecycleContext, Outcome, createFailedPhysicalId, createTrail, deleteTrail, updateTrail } from './runtime/trail-lifecycle';

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
  /** Set on Update and Delete. */
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
  const creds = context?.credentials ?? {};
  const redactor = new Redactor([creds.accessKeyId, creds.accessKeySecret, creds.securityToken]);
  const logger = createLogger(redactor);
  try {
    const request = parseEvent(event, logger);
    if (!request) return undefined;
    return await handleRequest(request, context ?? {}, redactor, logger);
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

/** Applies the request and answers ROS. */
async function handleRequest(request: RosRequest, context: FcContext, redactor: Redactor, logger: Logger): Promise<HandlerResult | undefined> {
  const requestType = request.RequestType;
  logger.info('request received', {
    requestType,
    logicalResourceId: request.LogicalResourceId,
    physicalResourceId: request.PhysicalResourceId,
    stackId: request.StackId,
    requestId: request.RequestId,
    fcRequestId: context.requestId,
    properties: request.ResourceProperties,
  });
  const urls = [request.ResponseURL, request.IntranetResponseURL].filter((u): u is string => typeof u === 'string' && u !== '');
  if (urls.length === 0) {
    logger.error('request has no ResponseURL; nothing to answer');
    return undefined;
  }

  const settings = readSettings(process.env, context.function?.timeout);
  let response: RosResponse;
  try {
    const outcome = await apply(request, context, settings, logger);
    response = { ...echo(request), Status: 'SUCCESS', PhysicalResourceId: outcome.physicalResourceId, Data: { ...outcome.data } };
  } catch (e) {
    const failed = e instanceof FailedOperation ? e : undefined;
    const reason = failed ? failed.message : describeError(e);
    const fallbackId = requestType === 'Create' || !request.PhysicalResourceId ? createFailedPhysicalId(request.LogicalResourceId) : request.PhysicalResourceId;
    response = { ...echo(request), Status: 'FAILED', Reason: reason, PhysicalResourceId: failed?.physicalResourceId ?? fallbackId };
    logger.error('request failed', { requestType, reason });
  }

  // Credentials must not reach ROS either, whatever an error message echoed.
  const safe = redactor.value(response) as RosResponse;
  const answered = await sendResponse(urls, serializeResponse(safe), {
    attempts: 3,
    baseDelayMs: settings.retryBaseMs,
    timeoutMs: Math.min(settings.requestTimeoutMs, 10_000),
    deadline: Deadline.in(RESPONSE_RESERVE_MS),
    logger,
  });
  return { Status: safe.Status, PhysicalResourceId: safe.PhysicalResourceId, Answered: answered };
}

/** Validates the request and runs the matching lifecycle operation. */
async function apply(request: RosRequest, context: FcContext, settings: ProviderSettings, logger: Logger): Promise<Outcome> {
  const requestType = request.RequestType;
  if (requestType !== 'Create' && requestType !== 'Update' && requestType !== 'Delete') {
    throw new ProviderError(`unsupported RequestType ${JSON.stringify(requestType)}`);
  }
  // Validate before touching the API: a bad configuration fails with no call made.
  const desired = requestType === 'Delete' ? undefined : parseTrailProperties(request.ResourceProperties);

  const region = request.RegionId || context.region || '';
  const creds = context.credentials;
  if (!creds?.accessKeyId || !creds.accessKeySecret) {
    throw new ProviderError('the function has no credentials (context.credentials); give it a role');
  }
  const client = new ActionTrailClient({
    endpoint: resolveEndpoint(settings.endpointOverride, region),
    credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken },
    deadline: Deadline.in(settings.retryBudgetMs),
    requestTimeoutMs: settings.requestTimeoutMs,
    baseDelayMs: settings.retryBaseMs,
    maxDelayMs: settings.retryMaxMs,
    logger,
  });
  const accountId = context.accountId || (request.ResourceOwnerId !== undefined ? String(request.ResourceOwnerId) : undefined);
  const ctx: LifecycleContext = { api: client, logger, region, accountId };

  if (requestType === 'Create') return createTrail(ctx, desired!);
  if (requestType === 'Update') return updateTrail(ctx, request.PhysicalResourceId, desired!, request.OldResourceProperties);
  await deleteTrail(ctx, request.PhysicalResourceId);
  const name = request.PhysicalResourceId ?? createFailedPhysicalId(request.LogicalResourceId);
  return { physicalResourceId: name, data: { Name: name, HomeRegion: region } };
}

/** The request fields every answer echoes. */
function echo(request: RosRequest): Pick<RosResponse, 'StackId' | 'RequestId' | 'LogicalResourceId'> {
  return { StackId: request.StackId, RequestId: request.RequestId, LogicalResourceId: request.LogicalResourceId };
}
