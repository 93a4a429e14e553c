/**
 * The `Custom::ActionTrailTrail` resource on top of the custom resource
 * protocol (./custom-resource): its settings and deadlines, the confirmation
 * of the request with ROS, the checks of the request against the declarations
 * and ownership before any ActionTrail call, and the lifecycle operation that
 * applies it (README.md).
 */
import { STACK_ID_VARIABLE } from '../../shared/provider-contract';
import { ActionTrailClient, ROS_SERVICE, RpcClient } from './actiontrail-client';
import { Resource, ResourceOutcome, ValidRequest } from './custom-resource/safe-handler';
import { optionalString } from './custom-resource/request';
import { ProviderError, describeError } from './errors';
import { Logger } from './log';
import { Ownership, failedCreatePhysicalId, namesNothing } from './ownership';
import { parseTrailProperties, sameConfig } from './properties';
import { MISSING_STACK_ID, NO_CREDENTIALS, nothingToUpdate, propertiesDiffer } from './reasons';
import { confirmWithRos } from './ros-confirmation';
import {
  InvocationDeadlines,
  ProviderSettings,
  invocationDeadlines,
  readSettings,
  resolveEndpoint,
  resolveRosEndpoint,
} from './settings';
import {
  FailedOperation,
  LifecycleContext,
  createTrail,
  deleteFailedCreateLeftover,
  deleteTrail,
  updateTrail,
} from './trail-lifecycle';

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

/** The trail resource: Function Compute's context in, one lifecycle operation per request. */
export const TRAIL_RESOURCE: Resource<FcContext | null | undefined> = {
  secrets(context) {
    const creds = context?.credentials ?? {};
    return [creds.accessKeyId, creds.accessKeySecret, creds.securityToken];
  },
  placeholderId: failedCreatePhysicalId,
  begin(context, startedAt, logger) {
    const fc = context ?? {};
    const functionTimeout = fc.function?.timeout;
    const settings = readSettings(process.env, functionTimeout);
    const deadlines = invocationDeadlines(startedAt, settings, functionTimeout);
    return {
      allowedHosts: settings.responseUrlHosts,
      delivery: {
        attempts: 3,
        baseDelayMs: settings.retryBaseMs,
        timeoutMs: Math.min(settings.requestTimeoutMs, 10_000),
        deadline: () => deadlines.answer(),
      },
      logFields: { fcRequestId: fc.requestId },
      act: (request) => applyRequest(request, fc, settings, deadlines, logger),
      reasonOf: (e) => (e instanceof FailedOperation ? e.message : describeError(e)),
    };
  },
};

/**
 * How far ActionTrail's clock may be behind ROS's: a trail whose CreateTime
 * is no more than this before the time ROS began the operation still counts
 * as made during it. Both write whole seconds, which cannot put a later event
 * before an earlier one; this covers clock skew only, and is kept small
 * because a foreign trail made within it would count as this operation's.
 */
export const CLOCK_TOLERANCE_MS = 2_000;

/**
 * Confirms the request with ROS, validates it completely, then runs the
 * matching lifecycle operation. Before ROS confirms it, nothing but
 * GetStackResource is called; before the declaration and properties have been
 * checked, nothing of ActionTrail is (the protocol checked the request type
 * and logical ID).
 */
async function applyRequest(
  request: ValidRequest,
  context: FcContext,
  settings: ProviderSettings,
  deadlines: InvocationDeadlines,
  logger: Logger,
): Promise<ResourceOutcome> {
  const { RequestType: requestType, LogicalResourceId: logicalId, PhysicalResourceId: physicalId } = request;
  const stackId = process.env[STACK_ID_VARIABLE] ?? '';
  if (!stackId) throw new ProviderError(MISSING_STACK_ID);
  const own = Ownership.fromEnv(process.env);
  // The function's own region (the stack's) decides the endpoints; the request's RegionId is only a fallback.
  const region = context.region || request.RegionId || '';
  const creds = context.credentials;
  if (!creds?.accessKeyId || !creds.accessKeySecret) throw new ProviderError(NO_CREDENTIALS);
  const clientOptions = {
    credentials: {
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      securityToken: creds.securityToken,
    },
    deadline: deadlines.api,
    cleanupDeadline: deadlines.cleanup,
    requestTimeoutMs: settings.requestTimeoutMs,
    baseDelayMs: settings.retryBaseMs,
    maxDelayMs: settings.retryMaxMs,
    consistencyWindowMs: settings.consistencyWindowMs,
    logger,
  };
  const ros = new RpcClient(ROS_SERVICE, {
    ...clientOptions,
    endpoint: resolveRosEndpoint(settings.rosEndpointOverride),
  });
  const record = await confirmWithRos(ros, request, stackId, region, logger);

  // Validation picks the operation; it runs once the client is built.
  let operation: (ctx: LifecycleContext) => Promise<ResourceOutcome>;
  if (requestType !== 'Delete') {
    const desired = own.declared(logicalId);
    const requested = parseTrailProperties(request.ResourceProperties);
    if (!sameConfig(requested, desired))
      throw new ProviderError(propertiesDiffer(requested.name, logicalId, desired.name));
    if (requestType === 'Update' && namesNothing(physicalId))
      throw new ProviderError(nothingToUpdate(logicalId, physicalId));
    operation =
      requestType === 'Create'
        ? (ctx) => createTrail(ctx, logicalId, desired)
        : (ctx) => updateTrail(ctx, logicalId, physicalId, desired, request.OldResourceProperties);
  } else {
    // An absent physical ID names nothing, like an empty one.
    const deletedId = physicalId ?? '';
    const answer = deletedId || failedCreatePhysicalId(logicalId);
    if (namesNothing(deletedId)) {
      const leftover = own.declaredName(logicalId);
      if (!leftover) {
        logger.info('the physical ID names no trail (the Create failed or never ran); nothing to delete', {
          physicalId,
        });
        return { physicalResourceId: answer, data: { Name: '', HomeRegion: region } };
      }
      operation = (ctx) => deleteFailedCreateLeftover(ctx, answer, leftover);
    } else operation = (ctx) => deleteTrail(ctx, own, logicalId, deletedId, request.ResourceProperties);
  }

  const client = new ActionTrailClient({
    ...clientOptions,
    endpoint: resolveEndpoint(settings.endpointOverride, region),
  });
  const accountId = context.accountId || optionalString(request.ResourceOwnerId);
  const since = (t: number | undefined): number | undefined => (t === undefined ? undefined : t - CLOCK_TOLERANCE_MS);
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
    resourceSince: since(record.createdAt),
    operationSince: since(requestType === 'Update' ? (record.updatedAt ?? record.createdAt) : record.createdAt),
  };

  return operation(ctx);
}
