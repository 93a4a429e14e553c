/**
 * The real-time tier's contract: how a write detection becomes EventBridge
 * event patterns, the documented limits, how a synthesized rule says which
 * detection it serves, and the sample events that prove a pattern. Synth
 * (the alert constructs), the CLI (`preflight` sends the samples to
 * `TestEventPattern`, `status` reads the rules back) and the tests read this
 * one file. Node built-ins and lib/shared only.
 *
 * Sources:
 * - EventBridge and ActionTrail (document 204963): ActionTrail publishes write
 *   events only, typed `<prefix>:ActionTrail:ApiCall`, `:ConsoleOperation` and
 *   `:AliyunServiceEvent`, the record under `data`. The prefix (`source`)
 *   is spelt differently across the docs, so patterns match `type` by suffix
 *   and `data.eventName` exactly; never `serviceName`, whose spelling per
 *   service is not documented.
 * - EventBridge "Event patterns": a leaf is an array of alternatives (OR),
 *   fields AND; `suffix`, `prefix`, `anything-but`, `exists`, `numeric`,
 *   `cidr`; at most 5 values in one pattern field.
 * - EventBridge limits: at most 50 rules on one bus, 1 to 5 targets per rule.
 */
import { READ_EVENT_RW, type WriteDetection, WRITE_EVENT_TYPES } from './detections';

/** The ROS resource type of an EventBridge rule. */
export const EVENT_BRIDGE_RULE_TYPE = 'ALIYUN::EventBridge::Rule';

/** The bus ActionTrail publishes to. */
export const DEFAULT_EVENT_BUS = 'default';

/** Documented EventBridge limits the alert constructs enforce at synth. */
export const EVENT_BRIDGE_LIMITS = {
  /** Values in one field of an event pattern. */
  valuesPerPatternField: 5,
  /** Targets of one rule, at least 1. */
  targetsPerRule: 5,
  /** Rules on one bus, in one account and region. */
  rulesPerBus: 50,
} as const;

/**
 * The `type` suffixes a write detection matches: a change made in a console
 * must alert as one made by API ({@link WRITE_EVENT_TYPES}).
 */
export const ACTIONTRAIL_TYPE_SUFFIXES: readonly string[] = WRITE_EVENT_TYPES.map((t) => `:ActionTrail:${t}`);

/** One EventBridge event pattern for ActionTrail write events, as the rule's `FilterPattern` holds it. */
export interface ActionTrailEventPattern {
  /** `type` ends with one of {@link ACTIONTRAIL_TYPE_SUFFIXES}. */
  readonly type: readonly { readonly suffix: string }[];
  /**
   * `data.eventName` is one of at most {@link EVENT_BRIDGE_LIMITS.valuesPerPatternField}
   * names, and `data.eventRW` is anything but `Read` (so a read event of a
   * listed name never alerts, and another spelling still does).
   */
  readonly data: {
    readonly eventName: readonly string[];
    readonly eventRW: readonly { readonly 'anything-but': string }[];
  };
}

/**
 * The patterns that together match the event names, in order, each with at
 * most {@link EVENT_BRIDGE_LIMITS.valuesPerPatternField} names (one rule per
 * pattern). Duplicates are dropped, the first occurrence kept, so the result
 * is deterministic for a given list.
 */
export function eventPatternsFor(eventNames: readonly string[]): ActionTrailEventPattern[] {
  const unique = [...new Set(eventNames)];
  const type = ACTIONTRAIL_TYPE_SUFFIXES.map((suffix) => ({ suffix }));
  const eventRW = [{ 'anything-but': READ_EVENT_RW }];
  const patterns: ActionTrailEventPattern[] = [];
  for (let i = 0; i < unique.length; i += EVENT_BRIDGE_LIMITS.valuesPerPatternField) {
    patterns.push({
      type,
      data: { eventName: unique.slice(i, i + EVENT_BRIDGE_LIMITS.valuesPerPatternField), eventRW },
    });
  }
  return patterns;
}

/**
 * The template `Metadata` key on each synthesized alert resource (EventBridge
 * rule or SLS alert), holding an {@link AlertResourceMetadata}, so the CLI
 * knows which detection a rule serves without parsing names.
 */
export const ALERT_METADATA_KEY = 'actiontrail-cdk:alert';

/** What {@link ALERT_METADATA_KEY} holds. */
export interface AlertResourceMetadata {
  /** The detection id (`AT-DETECT-…`). */
  readonly detection: string;
  /**
   * The event names this resource matches (a rule's share of a split list, overrides included).
   * @default - absent: an identity detection's SLS alert, which matches a predicate, not names
   */
  readonly eventNames?: readonly string[];
}

/** Reads {@link ALERT_METADATA_KEY} from a template resource's `Metadata`; `undefined` when absent or malformed. */
export function alertMetadataOf(resource: { readonly Metadata?: unknown }): AlertResourceMetadata | undefined {
  const metadata = resource.Metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value = (metadata as Record<string, unknown>)[ALERT_METADATA_KEY];
  if (typeof value !== 'object' || value === null) return undefined;
  const { detection, eventNames } = value as Record<string, unknown>;
  if (typeof detection !== 'string') return undefined;
  if (eventNames === undefined) return { detection };
  if (!Array.isArray(eventNames) || !eventNames.every((n) => typeof n === 'string')) return undefined;
  return { detection, eventNames: eventNames as string[] };
}

/** An EventBridge event (CloudEvents envelope) carrying an ActionTrail record under `data`. */
export type ActionTrailEnvelope = Readonly<Record<string, unknown>>;

/** Where and by whom a sample event happened. */
export interface SampleEventContext {
  /** Account ID of the event. @default '1234567890123456' */
  readonly accountId?: string;
  /** Region of the event. @default 'cn-hangzhou' */
  readonly regionId?: string;
  /** Event time. @default 2026-01-01T00:00:00Z */
  readonly time?: Date;
}

const DEFAULT_SAMPLE_ACCOUNT = '1234567890123456';
const DEFAULT_SAMPLE_REGION = 'cn-hangzhou';
const DEFAULT_SAMPLE_TIME = new Date(Date.UTC(2026, 0, 1));

/**
 * One ActionTrail event on EventBridge, in the documented shape: envelope
 * `type` `<service>:ActionTrail:<eventType>`, record under `data` (`eventName`,
 * `eventRW`, `eventType`, `serviceName`, `userIdentity`, `sourceIpAddress`,
 * `eventTime`, ...). Deterministic for the same arguments.
 */
export function sampleEvent(
  eventName: string,
  eventType: string,
  service: string,
  eventRW: 'Read' | 'Write',
  context: SampleEventContext = {},
): ActionTrailEnvelope {
  const accountId = context.accountId ?? DEFAULT_SAMPLE_ACCOUNT;
  const regionId = context.regionId ?? DEFAULT_SAMPLE_REGION;
  const time = (context.time ?? DEFAULT_SAMPLE_TIME).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = `actiontrail-cdk-sample-${eventName}-${eventType}`;
  return {
    id,
    source: `acs.${service.toLowerCase()}`,
    specversion: '1.0',
    type: `${service.toLowerCase()}:ActionTrail:${eventType}`,
    subject: `acs:${service.toLowerCase()}:${regionId}:${accountId}:${eventName}`,
    time,
    aliyunaccountid: accountId,
    aliyunregionid: regionId,
    aliyuneventbusname: DEFAULT_EVENT_BUS,
    data: {
      eventId: id,
      eventName,
      eventRW,
      eventType,
      eventVersion: '1',
      serviceName: service,
      acsRegion: regionId,
      eventTime: time,
      requestId: id,
      sourceIpAddress: '192.0.2.10',
      userAgent: 'actiontrail-cdk-sample',
      userIdentity: {
        type: 'ram-user',
        accountId,
        principalId: '200000000000000001',
        userName: 'actiontrail-cdk-sample',
      },
    },
  };
}

/** Samples that prove a rule: every one in `match` must match it, none in `noMatch`. */
export interface PatternSamples {
  /** Each event name as an API call and as a console operation. */
  readonly match: readonly ActionTrailEnvelope[];
  /**
   * The rule's first name as a read event (`eventRW` `Read`), an unrelated
   * write, and the first name published as a service event.
   */
  readonly noMatch: readonly ActionTrailEnvelope[];
}

/** An event name no detection lists, for the "unrelated write" sample. */
const UNRELATED_WRITE_EVENT = 'ActionTrailCdkUnrelatedWrite';

/**
 * The samples for one rule of a write detection: `eventNames` is the rule's
 * share of the detection's names (from {@link ALERT_METADATA_KEY}; default:
 * all of them).
 */
export function samplesFor(
  detection: WriteDetection,
  eventNames: readonly string[] = detection.eventNames,
  context: SampleEventContext = {},
): PatternSamples {
  const service = detection.services[0] ?? 'Unknown';
  const match = eventNames.flatMap((name) =>
    WRITE_EVENT_TYPES.map((t) => sampleEvent(name, t, service, 'Write', context)),
  );
  const first = eventNames[0] ?? UNRELATED_WRITE_EVENT;
  const noMatch = [
    sampleEvent(first, 'ApiCall', service, 'Read', context),
    sampleEvent(UNRELATED_WRITE_EVENT, 'ApiCall', service, 'Write', context),
    sampleEvent(first, 'AliyunServiceEvent', service, 'Write', context),
  ];
  return { match, noMatch };
}
