/**
 * The custom resource request as ROS sends it: reading the event, the three
 * request types, and the fields echoed or compared as strings. Generic: no
 * resource type is known here (README.md, "The custom resource protocol").
 */
import { jsonValue } from '../../../shared/quote';
import { Logger } from '../log';

/** The ROS custom resource request (the fields the protocol reads; `ResourceProperties` are the resource's). */
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
  /** The stack's region. */
  RegionId?: string;
  /** The account that owns the stack. */
  ResourceOwnerId?: string | number;
  /** The desired `Parameters`. */
  ResourceProperties?: unknown;
  /** The previous `Parameters` (Update). */
  OldResourceProperties?: unknown;
}

/** The three request types ROS sends. */
export const REQUEST_TYPES = ['Create', 'Update', 'Delete'] as const;

/** One of {@link REQUEST_TYPES}. */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** The request type, when it is exactly one of the three strings; otherwise undefined. */
export function requestTypeOf(value: unknown): RequestType | undefined {
  return (REQUEST_TYPES as readonly unknown[]).includes(value) ? (value as RequestType) : undefined;
}

/** Parses the event (a Buffer from Function Compute, a string or an object); logs and returns undefined when it is not a JSON object. */
export function parseEvent(event: Buffer | string | object, logger: Logger): RosRequest | undefined {
  try {
    const value: unknown = Buffer.isBuffer(event)
      ? JSON.parse(event.toString('utf8'))
      : typeof event === 'string'
        ? JSON.parse(event)
        : event;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as RosRequest;
    logger.error('event is not a JSON object; nothing to answer', {
      type: Array.isArray(value) ? 'array' : typeof value,
    });
  } catch (e) {
    logger.error('event is not valid JSON; nothing to answer', { error: e });
  }
  return undefined;
}

/** The request with the fields the provider echoes or compares as strings (ROS may send numbers). */
export function normalize(request: RosRequest): RosRequest {
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
export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string | undefined;
  try {
    text = String(value);
  } catch {
    // Left out: its toString/valueOf threw or gave no primitive.
  }
  return text;
}

/** The Reason of a request whose RequestType is not one of the three strings. */
export function badRequestTypeReason(rawRequestType: unknown): string {
  return `RequestType must be exactly one of the strings Create, Update or Delete, got ${jsonValue(rawRequestType)}; nothing was changed`;
}

/** The Reason of a request without a LogicalResourceId. */
export const MISSING_LOGICAL_ID_REASON = 'LogicalResourceId is missing; nothing was changed';
