/**
 * The `Custom::ActionTrailTrail` resource on top of the custom resource
 * protocol (./custom-resource): its settings and deadlines, the checks of the
 * request against the declarations and ownership before any API call, and the
 * lifecycle operation that applies it (README.md).
 */
import { ActionTrailClient } from './actiontrail-client';
import { Resource, ResourceOutcome, ValidRequest } from './custom-resource/safe-handler';
import { optionalString } from './custom-resource/request';
import { ProviderError, describeError } from './errors';
import { Logger } from './log';
import { Ownership, failedCreatePhysicalId, namesNothing } from './ownership';
import { parseTrailProperties, sameConfig } from './properties';
import { NO_CREDENTIALS, nothingToUpdate, propertiesDiffer } from './reasons';
import { InvocationDeadlines, ProviderSettings, invocationDeadlines, readSettings, resolveEndpoint } from './settings';
import { FailedOperation, LifecycleContext, createTrail, deleteTrail, updateTrail } from './trail-lifecycle';

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
 * Validates the request completely, then runs the matching lifecycle
 * operation. Nothing is called before the ownership environment, declaration
 * and properties have been checked (the protocol checked the request type and
 * logical ID).
 */
async function applyRequest(
  request: ValidRequest,
  context: FcContext,
  settings: ProviderSettings,
  deadlines: InvocationDeadlines,
  logger: Logger,
): Promise<ResourceOutcome> {
  const { RequestType: requestType, LogicalResourceId: logicalId, PhysicalResourceId: physicalId } = request;
  const own = Ownership.fromEnv(process.env);

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
        ? (ctx) => createTrail(ctx, own, logicalId, desired)
        : (ctx) => updateTrail(ctx, own, logicalId, physicalId, desired, request.OldResourceProperties);
  } else {
    // An absent physical ID names nothing, like an empty one.
    const deletedId = physicalId ?? '';
    if (namesNothing(deletedId)) {
      logger.info('the physical ID names no trail (the Create failed or never ran); nothing to delete', {
        physicalId,
      });
      return {
        physicalResourceId: deletedId || failedCreatePhysicalId(logicalId),
        data: { Name: '', HomeRegion: context.region || request.RegionId || '' },
      };
    }
    operation = (ctx) => deleteTrail(ctx, own, logicalId, deletedId, request.ResourceProperties);
  }

  // The function's own region (the stack's) decides the endpoint; the request's RegionId is only a fallback.
  const region = context.region || request.RegionId || '';
  const creds = context.credentials;
  if (!creds?.accessKeyId || !creds.accessKeySecret) throw new ProviderError(NO_CREDENTIALS);
  const client = new ActionTrailClient({
    endpoint: resolveEndpoint(settings.endpointOverride, region),
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

  return operation(ctx);
}
