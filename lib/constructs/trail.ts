import * as ros from '@alicloud/ros-cdk-core';
import { ramRoleArnRule, slsProjectArnRule, trailArn } from '../private/arn';
import { dependOn } from '../private/dependencies';
import { MaxComputeDestination } from '../destinations/maxcompute-destination';
import { PropValidator } from '../private/errors';
import { quote } from '../shared/quote';
import { checkNotReserved, STACK_LEVEL_IDS } from '../private/logical-ids';
import { RosProject } from '../ros';
import { checkStackEnv, stackOf } from './stack-environments';
import { reportAppFindings, reportUncheckedWarnings } from '../shared/markers';
import { CUSTOM_TRAIL_TYPE } from '../shared/resource-types';
import { claimAccountUniqueName } from '../private/unique-names';
import { EventRW } from './event-rw';
import { maxComputeTableName } from '../shared/arn';
import { ossBucketNameRule, ossKeyPrefixRule, trailNameRule } from '../private/names';
import { CUSTOM_RESOURCE_TIMEOUT_SECONDS, ProviderLogConfig, TrailProvider } from '../provider/trail-provider';
import { TrailRegion } from './trail-region';
import { ensureFindingsPrinter } from './findings-printer';
import { RenderedOnceResource } from '../private/rendered-once-resource';
import { DataEvents } from './data-events';
import { renderDataEvents } from '../private/data-events';
import { DATA_EVENT_REGION_PARAMETER, DATA_EVENT_SELECTORS_PARAMETER } from '../shared/data-events';
import { CONVERGE_DEFAULT, CONVERGE_PROPERTY } from '../shared/provider-contract';

/** Properties of a `Trail`. At least one destination (`maxCompute`, `ossBucketName`, `slsProjectArn`) is required. */
export interface TrailProps {
  /**
   * The trail's name, unique in the account: 6-36 characters, a lowercase
   * letter first, then lowercase letters, digits, `-` and `_`. Changing it
   * creates the new trail before deleting the old one (no gap in auditing).
   * Prefer `_` to `-`: the MaxCompute table is `actiontrail_<trail name>`.
   */
  readonly trailName: string;
  /** Which events to record. @default EventRW.ALL */
  readonly eventRW?: EventRW;
  /** Which regions' events to record. @default TrailRegion.ALL */
  readonly trailRegion?: TrailRegion;
  /**
   * Record the events of every account in the resource directory (a
   * multi-account trail; only from the management or a delegated admin account,
   * one per directory). Cannot be changed on an existing trail: change
   * `trailName` with it.
   * @default false
   */
  readonly organizationTrail?: boolean;
  /** Start the trail (StartLogging); `false` leaves it stopped. @default true */
  readonly logging?: boolean;
  /** Deliver to MaxCompute. @default no MaxCompute delivery */
  readonly maxCompute?: MaxComputeDestination;
  /** Deliver to this OSS bucket (3-63 characters). @default no OSS delivery */
  readonly ossBucketName?: string;
  /** Key prefix of the OSS objects (6-32 characters); needs `ossBucketName`. @default no prefix */
  readonly ossKeyPrefix?: string;
  /** Role ActionTrail assumes to write to OSS; needs `ossBucketName`. @default ActionTrail's service-linked role */
  readonly ossWriteRoleArn?: string;
  /** Deliver to this Log Service project, `acs:log:<region>:<account>:project/<name>`. @default no SLS delivery */
  readonly slsProjectArn?: string;
  /** Role ActionTrail assumes to write to SLS; needs `slsProjectArn`. @default ActionTrail's service-linked role */
  readonly slsWriteRoleArn?: string;
  /**
   * The data events to record (ActionTrail data event selectors), e.g.
   * `DataEvents.onOssBuckets(['my-bucket'])`. The provider applies them with
   * PutDataEventSelector, reads them back, and removes them
   * (DeleteDataEventSelector) when this prop is removed or the trail deleted.
   * Selectors set on the trail outside this stack are left alone while the
   * prop is unset. Terraform's `event_selectors` and `data_event_trail_region`.
   * @default no data events (the trail's selectors are not managed)
   */
  readonly dataEvents?: DataEvents;
  /**
   * What happens to the trail when it leaves the stack. A trail stores no
   * events itself (its destinations do, and they are retained); `RETAIN` keeps
   * it recording after the stack is deleted.
   * @default ros.RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: ros.RemovalPolicy;
  /**
   * Where the stack's provider function writes its logs (an SLS project and
   * logstore in the stack's region): read them when a deploy fails. The
   * stack has one provider; set this on one trail, or the same on all.
   * @default no log destination (Function Compute keeps no log lines)
   */
  readonly providerLogConfig?: ProviderLogConfig;
}

/** The ROS resource type of a trail (a custom resource served by `TrailProvider`). */
export const TRAIL_RESOURCE_TYPE = CUSTOM_TRAIL_TYPE;

/**
 * An ActionTrail trail that can deliver to MaxCompute, OSS and SLS. ROS's own
 * `ALIYUN::ACTIONTRAIL::Trail` cannot deliver to MaxCompute nor set
 * `TrailRegion` or `IsOrganizationTrail`, so this is a `Custom::ActionTrailTrail`
 * served by the stack's `TrailProvider` (a Function Compute function calling
 * the ActionTrail API). Its logical ID is the construct's id; changing a
 * destination never changes it.
 */
export class Trail extends ros.Construct {
  /** The trail's name. */
  public readonly trailName: string;
  /** The trail's ARN, `acs:actiontrail:<region>:<account>:trail/<name>`. */
  public readonly trailArn: string;
  /** The MaxCompute project events go to, when delivering to MaxCompute. @default undefined: no MaxCompute delivery */
  public readonly maxComputeProjectName?: string;
  /** The MaxCompute table events go to, `actiontrail_<trail name>`, when delivering to MaxCompute. @default undefined: no MaxCompute delivery */
  public readonly maxComputeTableName?: string;
  /** The custom resource (logical ID = this construct's id). */
  public readonly resource: ros.RosResource;
  /** The provider serving this trail (shared by the stack's trails). */
  public readonly provider: TrailProvider;
  /** The parameters sent to the provider (`Parameters` of the custom resource). */
  public readonly parameters: Readonly<Record<string, string | boolean>>;
  private readonly waitsForStackProject: boolean;
  private warningsReported = false;

  constructor(scope: ros.Construct, id: string, props: TrailProps) {
    super(scope, id);
    ensureFindingsPrinter(this);
    const v = new PropValidator('Trail', this);
    const stack = stackOf(v, this, 'Trail');
    if (props === undefined || props === null) v.fail('props', 'are required: at least trailName and a destination');
    checkNotReserved(v, this, [id]);
    checkStackEnv(v, stack);

    this.trailName = v.check('trailName', props.trailName, trailNameRule);
    if (props.trailName === undefined) v.fail('trailName', 'is required');
    claimAccountUniqueName(v, this, 'trail name', 'trailName', this.trailName);
    const eventRW = props.eventRW ?? EventRW.ALL;
    if (!ros.Token.isUnresolved(eventRW) && !Object.values(EventRW).includes(eventRW)) {
      v.fail('eventRW', `${quote(eventRW)} must be one of ${Object.values(EventRW).join(', ')}`);
    }
    const trailRegion = props.trailRegion ?? TrailRegion.ALL;
    if (!(trailRegion instanceof TrailRegion)) {
      v.fail('trailRegion', `${quote(trailRegion)} must be TrailRegion.ALL or TrailRegion.of('<region ID>', ...)`);
    }
    const regionProblem = trailRegion.problem();
    if (regionProblem) v.fail('trailRegion', `${quote(trailRegion.value)} ${regionProblem}`);
    v.checkBoolean('organizationTrail', props.organizationTrail);
    v.checkBoolean('logging', props.logging);
    v.checkOneOf(
      'removalPolicy',
      props.removalPolicy,
      Object.values(ros.RemovalPolicy),
      'ros.RemovalPolicy.DESTROY or ros.RemovalPolicy.RETAIN',
    );
    if (props.maxCompute !== undefined && !(props.maxCompute instanceof MaxComputeDestination)) {
      v.fail(
        'maxCompute',
        `${quote(props.maxCompute)} must be MaxComputeDestination.thisAccount(...) or MaxComputeDestination.anotherAccount(...)`,
      );
    }

    v.check('ossBucketName', props.ossBucketName, ossBucketNameRule);
    v.check('ossKeyPrefix', props.ossKeyPrefix, ossKeyPrefixRule);
    v.check('ossWriteRoleArn', props.ossWriteRoleArn, ramRoleArnRule);
    v.check('slsProjectArn', props.slsProjectArn, slsProjectArnRule);
    v.check('slsWriteRoleArn', props.slsWriteRoleArn, ramRoleArnRule);
    requires(v, 'ossKeyPrefix', props.ossKeyPrefix, 'ossBucketName', props.ossBucketName);
    requires(v, 'ossWriteRoleArn', props.ossWriteRoleArn, 'ossBucketName', props.ossBucketName);
    requires(v, 'slsWriteRoleArn', props.slsWriteRoleArn, 'slsProjectArn', props.slsProjectArn);
    const dataEvents = renderDataEvents(v, props.dataEvents);
    if (!props.maxCompute && props.ossBucketName === undefined && props.slsProjectArn === undefined) {
      v.fail('maxCompute', 'is not set, nor ossBucketName or slsProjectArn: a trail needs at least one destination');
    }

    this.provider = TrailProvider.of(this, { logConfig: props.providerLogConfig });
    const maxCompute = props.maxCompute?.bind(this);
    if (maxCompute) {
      this.maxComputeProjectName = maxCompute.projectName;
      this.maxComputeTableName = maxComputeTableName(this.trailName);
    }

    const writeRoles = [props.ossWriteRoleArn, props.slsWriteRoleArn, maxCompute?.writeRoleArn];
    writeRoles.forEach((arn) => arn !== undefined && this.provider.grantPassRole(arn));
    const destinationsWithoutRole =
      (props.ossBucketName !== undefined && props.ossWriteRoleArn === undefined) ||
      (props.slsProjectArn !== undefined && props.slsWriteRoleArn === undefined) ||
      (maxCompute !== undefined && maxCompute.writeRoleArn === undefined);
    if (destinationsWithoutRole) this.provider.allowServiceLinkedRole();

    this.parameters = dropUndefined({
      Name: this.trailName,
      EventRW: eventRW,
      TrailRegion: trailRegion.value,
      IsOrganizationTrail: props.organizationTrail ?? false,
      Logging: props.logging ?? true,
      OssBucketName: props.ossBucketName,
      OssKeyPrefix: props.ossKeyPrefix,
      OssWriteRoleArn: props.ossWriteRoleArn,
      SlsProjectArn: props.slsProjectArn,
      SlsWriteRoleArn: props.slsWriteRoleArn,
      MaxComputeProjectArn: maxCompute?.projectArn,
      MaxComputeWriteRoleArn: maxCompute?.writeRoleArn,
      [DATA_EVENT_SELECTORS_PARAMETER]: dataEvents?.selectors,
      [DATA_EVENT_REGION_PARAMETER]: dataEvents?.region,
    });
    if (dataEvents) this.provider.allowDataEvents();

    this.resource = new RenderedOnceResource(this, id, {
      type: TRAIL_RESOURCE_TYPE,
      properties: {
        ServiceToken: this.provider.serviceToken,
        Timeout: CUSTOM_RESOURCE_TIMEOUT_SECONDS,
        // The declared parameters, plus the drift-repair value (ignored by the provider): deploy changes it to make ROS update the trail.
        Parameters: { ...this.parameters, [CONVERGE_PROPERTY]: convergeParameter(stack) },
      },
    });
    dependOn(this.resource, this.provider.function);
    this.provider.declareTrail(this.resource, this.parameters);
    if (maxCompute?.project) dependOn(this.resource, maxCompute.project);
    this.resource.applyRemovalPolicy(props.removalPolicy ?? ros.RemovalPolicy.DESTROY);

    this.trailArn = trailArn(stack.region, stack.account, this.trailName);
    this.waitsForStackProject = maxCompute?.isThisAccountProject === true;
  }

  /**
   * Before synthesis: when this trail delivers to `actiontrail_<this account ID>`
   * and a trail defined later makes the stack create that project, wait for it
   * too (otherwise ActionTrail could create the project first, without its quota,
   * and the project resource would then fail).
   */
  protected prepare(): void {
    if (!this.waitsForStackProject) return;
    const project = ros.Stack.of(this).node.tryFindChild(STACK_LEVEL_IDS.thisAccountProject);
    if (project instanceof RosProject) dependOn(this.resource, project);
  }

  /**
   * At synth, asks the rules for the warnings they give about this trail even
   * where no AuditChecks checks it (a region ActionTrail is not known to
   * support, AT-TRAIL-007; another account's project in another region,
   * AT-TRAIL-008): the rules compute them from the rendered resource and
   * annotate them, unless AuditChecks checks this trail (then AuditChecks
   * reports them, and a suppression silences them). Here rather than in
   * `prepare()` because the tree no longer changes, so the rules render the
   * trail once for all their checks.
   *
   * Also, across every stack of the app: fails when this trail delivers
   * to MaxCompute through a write role made in the app (e.g. a
   * `DeliveryDestination`'s) that does not trust this trail's account
   * (AT-TRAIL-009); warns when the account is known only at deploy time
   * (AT-TRAIL-010). Whether or not `AuditChecks` is applied.
   */
  protected validate(): string[] {
    // A Trail whose constructor failed (a caught ValidationError) is still in the tree, without a resource.
    if (this.resource === undefined) return [];
    if (!this.warningsReported) {
      this.warningsReported = true;
      reportUncheckedWarnings(this.resource);
    }
    return reportAppFindings(this.resource);
  }
}

/** Fails when `property` is set without the property it depends on. */
function requires(v: PropValidator, property: string, value: unknown, needed: string, neededValue: unknown): void {
  if (value !== undefined && neededValue === undefined) {
    v.fail(property, `${quote(value)} is set but ${needed} is not: it applies only with ${needed}`);
  }
}

function dropUndefined<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, T>;
}

/**
 * The stack's drift-repair parameter (provider-contract's CONVERGE_PARAMETER), made once
 * per stack, as a `{"Ref": ...}`.
 */
function convergeParameter(stack: ros.Stack): string {
  const existing = stack.node.tryFindChild(STACK_LEVEL_IDS.convergeParameter) as ros.RosParameter | undefined;
  const parameter =
    existing ??
    new ros.RosParameter(stack, STACK_LEVEL_IDS.convergeParameter, {
      type: ros.RosParameterType.STRING,
      defaultValue: CONVERGE_DEFAULT,
      description:
        "actiontrail-cdk: a new value makes ROS update this stack's trails, so that the provider converges a trail that drifted (deploy sets it; leave it alone)",
    });
  return parameter.valueAsString;
}
