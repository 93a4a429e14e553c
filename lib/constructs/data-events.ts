import { EventRW } from './event-rw';
import { TrailRegion } from './trail-region';

/**
 * A filter of a data event selector: events whose value is one of `equals`,
 * or none of `notEquals` (ActionTrail's `Equals` / `NotEquals`). The two
 * lists together hold at most 10 values (`MAX_DATA_EVENT_FILTER_VALUES`).
 */
export interface DataEventFilter {
  /** Only these values. @default no `Equals` list */
  readonly equals?: string[];
  /** Not these values. @default no `NotEquals` list */
  readonly notEquals?: string[];
}

/**
 * One data event selector (an entry of PutDataEventSelector's
 * `EventSelectors`): which data events of one service the trail records.
 */
export interface DataEventSelector {
  /**
   * The service whose data events are recorded (the API's `ServiceName`),
   * e.g. `Oss`. ActionTrail publishes no list of the services that have data
   * events: a name other than `Oss`, `PDS` and `Push` gets a warning
   * (AT-TRAIL-012), not an error.
   */
  readonly service: string;
  /** Read events, write events or both (the API's `ReadWriteType`). @default EventRW.ALL */
  readonly readWrite?: EventRW;
  /** Which event names, e.g. `{ equals: ['GetObject', 'PutObject'] }` (the API's `EventName`). @default every event of the service */
  readonly eventNames?: DataEventFilter;
  /**
   * Which resources, by ARN, e.g. `{ equals: [DataEvents.ossBucketArn('my-bucket')] }`
   * (the API's `ResourceArn`). Each value is an ARN
   * `acs:<service>:<region or *>:<account or *>:<resource>`.
   * @default every resource of the service
   */
  readonly resourceArns?: DataEventFilter;
}

/** Properties of {@link DataEvents.of}. */
export interface DataEventsProps {
  /** The selectors: 1 to 20 (`MAX_DATA_EVENT_SELECTORS`). */
  readonly selectors: DataEventSelector[];
  /**
   * The regions whose data events are recorded (PutDataEventSelector's
   * `IsTrailAllRegion` / `TrailRegionIds`; Terraform's `data_event_trail_region`).
   * @default TrailRegion.ALL
   */
  readonly regions?: TrailRegion;
}

/** Options of {@link DataEvents.onOssBuckets}. */
export interface OssBucketDataEventsOptions {
  /** Read events, write events or both. @default EventRW.ALL */
  readonly readWrite?: EventRW;
  /** The regions whose data events are recorded. @default TrailRegion.ALL */
  readonly regions?: TrailRegion;
  /**
   * The bucket owner's account ID in the ARNs. OSS bucket names are unique
   * across accounts, so `*` selects the same buckets.
   * @default '*'
   */
  readonly account?: string;
}

/**
 * The data events a trail records (ActionTrail data event selectors): set a
 * Trail's `dataEvents` to one. The trail's provider applies them with
 * PutDataEventSelector after the trail is created or changed, reads them back
 * with GetDataEventSelector, and removes them with DeleteDataEventSelector when
 * the prop is removed or the trail deleted.
 *
 * ```ts
 * DataEvents.onOssBuckets(['audit-evidence']);           // all reads and writes on a bucket
 * DataEvents.of({ selectors: [{ service: 'Oss', readWrite: EventRW.WRITE }] });
 * ```
 */
export class DataEvents {
  /** Any selectors, checked when the Trail validates its props. */
  public static of(props: DataEventsProps): DataEvents {
    return new DataEvents(props?.selectors, props?.regions ?? TrailRegion.ALL);
  }

  /**
   * All reads and writes (or `readWrite`) on the named OSS buckets: service
   * `Oss`, resource ARNs {@link DataEvents.ossBucketArn}, one selector per
   * 10 buckets (the API's limit of values per filter).
   */
  public static onOssBuckets(bucketNames: string[], options: OssBucketDataEventsOptions = {}): DataEvents {
    const arns = (bucketNames ?? []).map((name) => DataEvents.ossBucketArn(name, options.account));
    const selectors: DataEventSelector[] = [];
    for (let i = 0; i < arns.length; i += 10) {
      selectors.push({
        service: 'Oss',
        readWrite: options.readWrite ?? EventRW.ALL,
        resourceArns: { equals: arns.slice(i, i + 10) },
      });
    }
    // No bucket: an empty selector list, which the Trail reports with the property's name.
    return new DataEvents(selectors, options.regions ?? TrailRegion.ALL, bucketNames);
  }

  /**
   * The ARN of an OSS bucket, `acs:oss:*:<account>:<bucket>` (the form OSS's
   * RAM documentation gives a bucket; region `*`).
   * @param bucketName - the bucket name
   * @param account - the bucket owner's account ID; `*` for any
   */
  public static ossBucketArn(bucketName: string, account: string = '*'): string {
    return `acs:oss:*:${account}:${bucketName}`;
  }

  private constructor(
    /** The selectors, in order. */
    public readonly selectors: readonly DataEventSelector[],
    /** The regions whose data events are recorded. */
    public readonly regions: TrailRegion,
    /** The bucket names given to `onOssBuckets`, when made by it. @default undefined: not made by onOssBuckets */
    public readonly ossBucketNames?: readonly string[],
  ) {}
}
