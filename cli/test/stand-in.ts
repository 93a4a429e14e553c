/**
 * A stateful stand-in for ROS 2019-09-10, STS 2015-04-01, ActionTrail
 * 2020-07-06, RAM 2015-05-01 (GetRole, ListPoliciesForRole) and MaxCompute
 * 2022-01-04 (ROA: GetProject, ListQuotas, GetTableInfo, ListTablePartitions)
 * on loopback, spoken to by the real SDK clients
 * (`@alicloud/ros20190910`, `@alicloud/openapi-core`) through
 * ACTIONTRAIL_CDK_ENDPOINT. It knows accounts by AccessKey ID (read from the
 * SDK's `Authorization: ACS3-HMAC-SHA256 Credential=<id>,...` header, whose
 * signature it verifies with that key's secret: a request signed with another
 * profile's secret is refused with SignatureDoesNotMatch), keeps
 * stacks per account and region, moves a stack one step per GetStack call
 * (IN_PROGRESS events, then COMPLETE), applies the trails of a stack's
 * template when it completes (their data event selectors too, as the
 * provider would: GetDataEventSelector, PutDataEventSelector and
 * DeleteDataEventSelector answer from that state), and its EventBridge rules
 * (EventBridge 2020-04-01: TestEventPattern, GetRule, ListRules, and the event
 * tracing calls over the events of its own StopLogging/StartLogging), and
 * records every request.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { computeSignature, parseAuthorization, sha256Hex } from '../../lib/provider/runtime/signer';
import { eventMatchesPattern } from '../../test/support/event-pattern';

/** One recorded request. */
export interface RecordedRequest {
  readonly action: string;
  readonly version: string;
  readonly accessKeyId: string;
  readonly account: string | undefined;
  readonly params: Record<string, string>;
}

interface StackEventRecord {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  ResourceType: string;
  Status: string;
  StatusReason: string;
  CreateTime: string;
  PhysicalResourceId: string;
}

/** A stack in the stand-in. */
export interface StandInStack {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  status: string;
  statusReason: string;
  template: string;
  events: StackEventRecord[];
  /** What the next GetStack calls do, one step each. */
  pending: Array<() => void>;
  /** Each operation with when it started and ended (`performance.now()` ms), to tell overlapping ones. @default [] */
  operations?: StandInOperation[];
  /** The parameter values of the last CreateStack/UpdateStack (those passed). @default - none */
  parameters?: Record<string, string>;
  /** The parameters of each UpdateStack, in order. @default - none */
  parameterUpdates?: Array<Record<string, string>>;
}

/** One stack operation and its timestamps. */
export interface StandInOperation {
  readonly op: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly startedAt: number;
  endedAt?: number;
}

/** A trail in the stand-in's ActionTrail. */
export interface StandInTrail {
  name: string;
  organization: boolean;
  status: 'Enable' | 'Disable' | 'Fresh';
  isLogging: boolean;
  latestDeliveryTime: string;
  latestDeliveryError: string;
  stackId?: string;
  /** GetTrailStatus `StartLoggingTime` (ISO 8601). @default the stand-in's clock when the stack applied it */
  startLoggingTime?: string;
  /**
   * The settings DescribeTrails reports (EventRW, TrailRegion, MaxCompute*, Oss*, Sls*): what the
   * stack's template set, until a test changes them by hand (drift). @default EventRW and TrailRegion All
   */
  settings?: Record<string, string>;
  /**
   * Its data event selectors (GetDataEventSelector): what the template declared when the stack
   * applied it, or what {@link CloudStandIn.putDataEvents} / PutDataEventSelector set. @default - none
   */
  dataEvents?: StandInDataEvents;
}

/** A trail's data event selectors in the stand-in, as PutDataEventSelector takes them. */
export interface StandInDataEvents {
  /** The `EventSelectors` JSON text. */
  EventSelectors: string;
  /** `IsTrailAllRegion`. */
  IsTrailAllRegion: boolean;
  /** `TrailRegionIds` (comma-separated), when not all regions. @default - none */
  TrailRegionIds?: string;
}

/** A MaxCompute project in the stand-in. */
export interface StandInProject {
  region: string;
  status: string;
  /** Tables by name: columns as MaxCompute's GetTableInfo returns them, partitions newest last. */
  tables: Map<string, StandInTable>;
}

/** A MaxCompute table in the stand-in. */
export interface StandInTable {
  nativeColumns: Array<{ name: string; type: string; comment: string }>;
  partitionColumns: Array<{ name: string; type: string; comment: string }>;
  creationTime: number;
  partitions: Array<{ partitionSpec: string; creationTime: number; size: number }>;
}

/** A RAM role in the stand-in. */
export interface StandInRole {
  trustPolicy: string;
  policies: Array<{ PolicyName: string; PolicyType: string }>;
}

/**
 * The resource types the stand-in's ROS knows (GetResourceType): the
 * properties and attributes the library's templates and the tests use, plus a
 * few more; a stand-in, not a copy of ROS's catalogue. For
 * `ALIYUN::RandomString` (no public page) they are the names the library
 * assumes. Tests change an entry to see preflight fail.
 */
export function defaultResourceTypes(): Map<
  string,
  { Properties: Record<string, unknown>; Attributes: Record<string, unknown> }
> {
  const t = (props: string[], attrs: string[]) => ({
    Properties: Object.fromEntries(props.map((p) => [p, { Type: 'string' }])),
    Attributes: Object.fromEntries(attrs.map((a) => [a, { Description: a }])),
  });
  return new Map([
    [
      'ALIYUN::RAM::Role',
      t(
        [
          'RoleName',
          'AssumeRolePolicyDocument',
          'Description',
          'Policies',
          'PolicyAttachments',
          'MaxSessionDuration',
          'DeletionForce',
          'Path',
        ],
        ['RoleId', 'RoleName', 'Arn'],
      ),
    ],
    ['ALIYUN::RandomString', t(['Length', 'Sequence', 'CharacterClasses', 'CharacterSequences'], ['Value'])],
    [
      'ALIYUN::FC3::Function',
      t(
        [
          'FunctionName',
          'Description',
          'Runtime',
          'Handler',
          'Code',
          'Role',
          'Timeout',
          'MemorySize',
          'Cpu',
          'DiskSize',
          'EnvironmentVariables',
          'InternetAccess',
          'LogConfig',
        ],
        ['ARN', 'FunctionName', 'FunctionArn'],
      ),
    ],
    [
      'ALIYUN::MaxCompute::Project',
      t(['Name', 'Comment', 'DefaultQuota', 'Properties', 'ProductType', 'Tags'], ['ProjectName', 'Owner']),
    ],
    [
      'ALIYUN::ROS::StackGroup',
      t(
        [
          'StackGroupName',
          'AutoDeployment',
          'Description',
          'PermissionModel',
          'TemplateBody',
          'Parameters',
          'AdministrationRoleName',
          'ExecutionRoleName',
        ],
        ['StackGroupId'],
      ),
    ],
    [
      'ALIYUN::ROS::StackInstances',
      t(
        [
          'RegionIds',
          'StackGroupName',
          'DeploymentTargets',
          'RetainStacks',
          'AccountIds',
          'ParameterOverrides',
          'OperationPreferences',
        ],
        ['LastOperationId'],
      ),
    ],
    [
      'ALIYUN::ACTIONTRAIL::Trail',
      t(
        [
          'Name',
          'EventRW',
          'TrailRegion',
          'OssBucketName',
          'OssKeyPrefix',
          'SlsProjectArn',
          'SlsWriteRoleArn',
          'IsOrganizationTrail',
          'OssWriteRoleArn',
        ],
        ['Name'],
      ),
    ],
    ['ALIYUN::MNS::Queue', t(['QueueName', 'DelaySeconds'], ['QueueName', 'ARN'])],
    ['ALIYUN::SLS::Alert', t(['Project', 'Detail'], ['Name'])],
    [
      'ALIYUN::EventBridge::Rule',
      t(
        ['EventBusName', 'RuleName', 'FilterPattern', 'Targets', 'Status', 'Description'],
        ['RuleARN', 'RuleName', 'EventBusName'],
      ),
    ],
  ]);
}

/** An EventBridge rule in the stand-in (GetRule, ListRules). */
export interface StandInEventRule {
  /** `RuleName`. */
  readonly name: string;
  /** `EventBusName`. */
  readonly bus: string;
  /** The region of the stack that made it (the stand-in answers every region's calls alike). */
  readonly region: string;
  /** ENABLE or DISABLE. */
  status: 'ENABLE' | 'DISABLE';
  /** The pattern, as JSON text (GetRule answers it so). */
  filterPattern: string;
  /** Its targets as the template gave them (`Id`, `Type`, `Endpoint`, `ParamList`). */
  targets: Array<Record<string, unknown>>;
  /** The stack that made it. @default - made by a test */
  readonly stackId?: string;
}

/** An event that reached a bus of the stand-in, and what its rules did with it (QueryTracedEvents, QueryEventTraces). */
export interface StandInBusEvent {
  readonly account: string;
  readonly bus: string;
  readonly eventId: string;
  /** When it arrived, in the stand-in's clock (ms). */
  readonly receivedAt: number;
  readonly event: Record<string, unknown>;
  /** The enabled rules it matched, each with the targets it was delivered to. */
  readonly deliveries: Array<{ rule: string; endpoints: string[] }>;
}

/** An injected error answer. */
export interface Fault {
  /** The action it applies to. */
  readonly action: string;
  /** How many times (then the call works). */
  times: number;
  /** HTTP status. */
  readonly status: number;
  /** ROS/POP error code. */
  readonly code: string;
  /** Error message. */
  readonly message: string;
}

/** The stand-in server. */
export class CloudStandIn {
  /** Every request, in order. */
  public readonly requests: RecordedRequest[] = [];
  /** Stacks, live and deleted. */
  public readonly stacks: StandInStack[] = [];
  /** Trails per account. */
  public readonly trails = new Map<string, Map<string, StandInTrail>>();
  /** Injected faults. */
  public readonly faults: Fault[] = [];
  /**
   * Resource failures: stack name -> the resource that fails on create and its
   * reason; with `rollback`, the stack then rolls back to ROLLBACK_COMPLETE (ROS's
   * default), else it stays CREATE_FAILED (DisableRollback).
   */
  public readonly failOnCreate = new Map<string, { logicalId: string; reason: string; rollback?: boolean }>();
  /** Stack names whose operations never finish. */
  public readonly hold = new Set<string>();
  /** ROS resource types (GetResourceType); a missing one answers 404 ResourceTypeNotFound. */
  public readonly resourceTypes = defaultResourceTypes();
  /** MaxCompute projects per account. */
  public readonly projects = new Map<string, Map<string, StandInProject>>();
  /**
   * MaxCompute quotas per region (ListQuotas); a region not set has the
   * pay-as-you-go quota `os_PayAsYouGoQuota`.
   */
  public readonly quotas = new Map<
    string,
    Array<{ nickName: string; name: string; regionId: string; status: string }>
  >();
  /** RAM roles per account. */
  public readonly roles = new Map<string, Map<string, StandInRole>>();
  /**
   * The stand-in's clock in ms (trail start times, partition times); tests
   * move it. @default the real time when the stand-in was made
   */
  public now = Date.now();
  /**
   * ActionTrail delivering on its own: the second GetTableInfo of a logging
   * trail's table `actiontrail_<trail>` finds it delivered ({@link deliver}),
   * as a real account would some minutes after the start. @default false
   */
  public autoDeliver = false;
  /** Function Compute 3.0 InvokeFunction calls (the stand-in runs no function): function name and event. */
  public readonly invocations: Array<{ functionName: string; event: unknown }> = [];
  private readonly tableLookups = new Map<string, number>();
  /** Custom RAM policies per account (CreatePolicy, DeletePolicy, ListPolicies): name -> document. */
  public readonly policies = new Map<string, Map<string, string>>();
  /** EventBridge rules per account, by `<bus>/<name>`: made by the stacks' templates, or by a test. */
  public readonly eventRules = new Map<string, Map<string, StandInEventRule>>();
  /**
   * A "service that reads patterns differently" fault for TestEventPattern:
   * when set, its answer (unless undefined) replaces the evaluator's.
   * @default - the documented syntax (test/support/event-pattern.ts)
   */
  public patternReader?: (pattern: Record<string, unknown>, event: Record<string, unknown>) => boolean | undefined;
  /**
   * Events that reached a bus: the ActionTrail events of the stand-in's own
   * StopLogging and StartLogging calls (published to the `default` bus, as
   * ActionTrail publishes write events), with the rules they matched.
   */
  public readonly busEvents: StandInBusEvent[] = [];
  /** Accounts whose MaxCompute is not activated: their MaxCompute calls answer so. */
  public readonly maxComputeNotActivated = new Set<string>();
  private server?: http.Server;
  private seq = 0;

  /** @param keys AccessKey ID -> its account ID and secret */
  constructor(private readonly keys: Record<string, { account: string; secret: string }>) {}

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Stops the server. */
  public async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Requests of one action. */
  public calls(action: string): RecordedRequest[] {
    return this.requests.filter((r) => r.action === action);
  }

  /** The live stack of that name in an account, if any. */
  public liveStack(account: string, name: string): StandInStack | undefined {
    return this.stacks.find((s) => s.account === account && s.name === name && s.status !== 'DELETE_COMPLETE');
  }

  /** The MaxCompute projects of an account (created on demand). */
  public projectsOf(account: string): Map<string, StandInProject> {
    let m = this.projects.get(account);
    if (!m) {
      m = new Map();
      this.projects.set(account, m);
    }
    return m;
  }

  /** The RAM roles of an account (created on demand). */
  public rolesOf(account: string): Map<string, StandInRole> {
    let m = this.roles.get(account);
    if (!m) {
      m = new Map();
      this.roles.set(account, m);
    }
    return m;
  }

  /**
   * What ActionTrail does on its first delivery to MaxCompute: creates the
   * table `actiontrail_<trail>` in the project (and the project if missing)
   * with a partition of the stand-in's current hour.
   */
  public deliver(account: string, projectName: string, trailName: string, region = 'cn-hangzhou'): StandInTable {
    const projects = this.projectsOf(account);
    let project = projects.get(projectName);
    if (!project) {
      project = { region, status: 'AVAILABLE', tables: new Map() };
      projects.set(projectName, project);
    }
    const tableName = `actiontrail_${trailName}`;
    let table = project.tables.get(tableName);
    if (!table) {
      table = {
        nativeColumns: [
          { name: 'event', type: 'STRING', comment: 'the event, JSON (stand-in: the real columns are not known)' },
        ],
        partitionColumns: [{ name: 'ds', type: 'STRING', comment: '' }],
        creationTime: this.now,
        partitions: [],
      };
      project.tables.set(tableName, table);
    }
    const d = new Date(this.now);
    const spec = `ds=${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(d.getUTCHours()).padStart(2, '0')}`;
    if (!table.partitions.some((p) => p.partitionSpec === spec)) {
      table.partitions.push({ partitionSpec: spec, creationTime: this.now, size: 1024 });
    }
    return table;
  }

  /** The trails of an account (created on demand). */
  public trailsOf(account: string): Map<string, StandInTrail> {
    let m = this.trails.get(account);
    if (!m) {
      m = new Map();
      this.trails.set(account, m);
    }
    return m;
  }

  /**
   * Changes a trail's data event selectors "by hand" (as PutDataEventSelector
   * does, or DeleteDataEventSelector with `undefined`), outside any stack.
   * @param regions `All` or region IDs @default 'All'
   */
  public putDataEvents(
    account: string,
    trailName: string,
    selectors: unknown[] | undefined,
    regions: 'All' | string[] = 'All',
  ): void {
    const trail = this.trailsOf(account).get(trailName);
    if (!trail) throw new Error(`stand-in: no trail ${trailName} in account ${account}`);
    trail.dataEvents =
      selectors === undefined
        ? undefined
        : {
            EventSelectors: JSON.stringify(selectors),
            IsTrailAllRegion: regions === 'All',
            ...(regions === 'All' ? {} : { TrailRegionIds: regions.join(',') }),
          };
  }

  /** The EventBridge rules of an account (created on demand), by `<bus>/<name>`. */
  public eventRulesOf(account: string): Map<string, StandInEventRule> {
    let m = this.eventRules.get(account);
    if (!m) {
      m = new Map();
      this.eventRules.set(account, m);
    }
    return m;
  }

  /** Adds (or replaces) a rule by hand, outside any stack. */
  public putEventRule(
    account: string,
    rule: Omit<StandInEventRule, 'region' | 'status'> & { region?: string; status?: 'ENABLE' | 'DISABLE' },
  ): StandInEventRule {
    const full: StandInEventRule = { region: 'cn-hangzhou', status: 'ENABLE', ...rule };
    this.eventRulesOf(account).set(`${full.bus}/${full.name}`, full);
    return full;
  }

  /** Disables a rule "by hand" (as DisableRule would). */
  public disableEventRule(account: string, name: string, bus = 'default'): void {
    const rule = this.eventRulesOf(account).get(`${bus}/${name}`);
    if (!rule) throw new Error(`stand-in: no rule ${bus}/${name} in account ${account}`);
    rule.status = 'DISABLE';
  }

  /** Deletes a rule "by hand" (as DeleteRule would). */
  public deleteEventRule(account: string, name: string, bus = 'default'): void {
    if (!this.eventRulesOf(account).delete(`${bus}/${name}`)) {
      throw new Error(`stand-in: no rule ${bus}/${name} in account ${account}`);
    }
  }

  /**
   * Publishes an event to a bus: every enabled rule of the bus whose pattern
   * matches delivers it to each of its targets (recorded in {@link busEvents}).
   */
  public publish(account: string, event: Record<string, unknown>, bus = 'default'): StandInBusEvent {
    const deliveries: StandInBusEvent['deliveries'] = [];
    for (const rule of this.eventRulesOf(account).values()) {
      if (rule.bus !== bus || rule.status !== 'ENABLE') continue;
      if (!eventMatchesPattern(JSON.parse(rule.filterPattern), event)) continue;
      deliveries.push({ rule: rule.name, endpoints: rule.targets.map((t) => String(t.Endpoint ?? t.Id ?? '')) });
    }
    const published: StandInBusEvent = {
      account,
      bus,
      eventId: String(event.id ?? `event-${++this.seq}`),
      receivedAt: this.now,
      event,
      deliveries,
    };
    this.busEvents.push(published);
    return published;
  }

  /** The ActionTrail event of a write call the stand-in served, as ActionTrail publishes it to EventBridge. */
  private actionTrailEvent(account: string, eventName: string, service: string, p: Record<string, string>): void {
    const id = `stand-in-${eventName}-${++this.seq}`;
    const time = new Date(this.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.publish(account, {
      id,
      source: `acs.${service.toLowerCase()}`,
      specversion: '1.0',
      type: `${service.toLowerCase()}:ActionTrail:ApiCall`,
      time,
      aliyunaccountid: account,
      aliyunregionid: 'cn-hangzhou',
      aliyuneventbusname: 'default',
      data: {
        eventId: id,
        eventName,
        eventRW: 'Write',
        eventType: 'ApiCall',
        serviceName: service,
        acsRegion: 'cn-hangzhou',
        eventTime: time,
        requestParameters: p,
        userIdentity: { type: 'ram-user', accountId: account, principalId: '2000000000000001', userName: 'deployer' },
      },
    });
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const params: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (params[k] = v));
    if (body) new URLSearchParams(body).forEach((v, k) => (params[k] = v));
    const action = String(req.headers['x-acs-action'] ?? params.Action ?? '');
    const version = String(req.headers['x-acs-version'] ?? params.Version ?? '');
    const auth = parseAuthorization(req.headers.authorization);
    const accessKeyId = auth?.credential ?? '';
    const key = this.keys[accessKeyId];
    const account = key?.account;
    this.requests.push({ action, version, accessKeyId, account, params });

    const send = (status: number, json: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(json));
    };
    const fail = (status: number, code: string, message: string): void =>
      send(status, { RequestId: `req-${++this.seq}`, Code: code, Message: message, HostId: 'stand-in' });

    if (!auth || key === undefined) {
      return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    const signed: Record<string, string> = {};
    for (const name of auth.signedHeaders) signed[name] = String(req.headers[name] ?? '');
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const expected = computeSignature(
      { method: req.method ?? 'POST', pathname: url.pathname, query, headers: signed, hashedPayload: sha256Hex(body) },
      key.secret,
    );
    if (expected !== auth.signature || req.headers['x-acs-content-sha256'] !== sha256Hex(body)) {
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const fault = this.faults.find((f) => f.action === action && f.times > 0);
    if (fault) {
      fault.times--;
      return fail(fault.status, fault.code, fault.message.replace('{AK}', accessKeyId));
    }
    try {
      const answer = this.dispatch(action, version, account, params, url.pathname, body);
      send(200, { RequestId: `req-${++this.seq}`, ...answer });
    } catch (e) {
      const err = e as { status?: number; code?: string; message: string; shape?: string };
      if (err.shape === 'maxcompute') {
        // MaxCompute's ROA answers: httpCode, errorCode, errorMsg, requestId.
        return send(err.status ?? 500, {
          requestId: `req-${++this.seq}`,
          httpCode: err.status ?? 500,
          errorCode: err.code,
          errorMsg: err.message,
        });
      }
      fail(err.status ?? 500, err.code ?? 'InternalError', err.message);
    }
  }

  private dispatch(
    action: string,
    version: string,
    account: string,
    p: Record<string, string>,
    pathname = '/',
    body = '',
  ): Record<string, unknown> {
    if (version === '2022-01-04') return this.maxCompute(action, account, p, pathname);
    if (version === '2023-03-30' && action === 'InvokeFunction') {
      const m = /^\/2023-03-30\/functions\/([^/]+)\/invocations$/.exec(pathname);
      if (!m) throw apiError(404, 'FunctionNotFound', `no function at ${pathname}`);
      this.invocations.push({
        functionName: decodeURIComponent(m[1]),
        event: body === '' ? undefined : JSON.parse(body),
      });
      return {};
    }
    if (version === '2015-05-01') return this.ram(action, account, p);
    if (version === '2015-04-01' && action === 'GetCallerIdentity') {
      return {
        AccountId: account,
        Arn: `acs:ram::${account}:user/deployer`,
        UserId: '2000000000000001',
        IdentityType: 'RAMUser',
        PrincipalId: '2000000000000001',
      };
    }
    if (version === '2020-07-06') return this.actiontrail(action, account, p);
    if (version === '2020-04-01') return this.eventBridge(action, account, p);
    if (version === '2019-09-10') return this.ros(action, account, p);
    throw apiError(400, 'InvalidVersion', `unknown version ${version}`);
  }

  private ros(action: string, account: string, p: Record<string, string>): Record<string, unknown> {
    const region = p.RegionId;
    if (action === 'GetResourceType') return this.resourceType(p.ResourceType);
    if (!region) throw apiError(400, 'MissingRegionId', 'RegionId is mandatory for this action.');
    const byId = (): StandInStack => {
      const s = this.stacks.find((x) => x.id === p.StackId && x.account === account && x.region === region);
      if (!s || (s.status === 'DELETE_COMPLETE' && action !== 'GetStack' && action !== 'ListStackEvents')) {
        throw apiError(404, 'StackNotFound', `The Stack (${p.StackId}) could not be found.`);
      }
      return s;
    };
    switch (action) {
      case 'CreateStack': {
        if (this.liveStack(account, p.StackName))
          throw apiError(409, 'StackExists', `The Stack (${p.StackName}) already exists.`);
        const template = p.TemplateBody;
        JSON.parse(template);
        const stack: StandInStack = {
          id: `stack-${++this.seq}`,
          name: p.StackName,
          account,
          region,
          status: 'CREATE_IN_PROGRESS',
          statusReason: 'Stack CREATE started',
          template,
          events: [],
          pending: [],
          parameters: stackParameters(p),
        };
        requireParameters(template, stack.parameters ?? {});
        this.stacks.push(stack);
        this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'CREATE_IN_PROGRESS', 'Stack CREATE started');
        this.schedule(stack, 'CREATE', resourcesOf(template));
        return { StackId: stack.id };
      }
      case 'UpdateStack': {
        const stack = byId();
        // Parameters.N.ParameterKey / ParameterValue: those not passed take their Default, or with
        // UsePreviousParameters=true the stack's previous value (ROS UpdateStack).
        const parameters =
          p.UsePreviousParameters === 'true' ? { ...stack.parameters, ...stackParameters(p) } : stackParameters(p);
        requireParameters(p.TemplateBody, parameters);
        // Compared as ROS sees them: a value equal to the template's Default is no change.
        const before = effectiveParameters(stack.template, stack.parameters ?? {});
        const now = effectiveParameters(p.TemplateBody, parameters);
        const changedParameters = Object.keys({ ...before, ...now }).filter((k) => before[k] !== now[k]);
        if (stack.template === p.TemplateBody && changedParameters.length === 0) {
          throw apiError(400, 'NotSupported', 'Update the completely same stack is not supported.');
        }
        stack.parameters = parameters;
        stack.parameterUpdates = [...(stack.parameterUpdates ?? []), parameters];
        const resourcesBefore = resourcesOf(stack.template);
        const after = resourcesOf(p.TemplateBody);
        const readsChanged = (r: TemplateResource): boolean =>
          changedParameters.some((k) => JSON.stringify(r).includes(JSON.stringify({ Ref: k })));
        stack.template = p.TemplateBody;
        stack.status = 'UPDATE_IN_PROGRESS';
        this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'UPDATE_IN_PROGRESS', 'Stack UPDATE started');
        const changed = after.filter(
          ([id, r]) =>
            JSON.stringify(resourcesBefore.find(([b]) => b === id)?.[1]) !== JSON.stringify(r) || readsChanged(r),
        );
        this.schedule(stack, 'UPDATE', changed);
        return { StackId: stack.id };
      }
      case 'DeleteStack': {
        const stack = byId();
        stack.status = 'DELETE_IN_PROGRESS';
        this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'DELETE_IN_PROGRESS', 'Stack DELETE started');
        this.schedule(stack, 'DELETE', resourcesOf(stack.template));
        return {};
      }
      case 'GetTemplate': {
        const stack = byId();
        return { StackId: stack.id, TemplateBody: stack.template };
      }
      case 'GetStack': {
        const stack = byId();
        if (!this.hold.has(stack.name)) stack.pending.shift()?.();
        const outputs = stack.status.endsWith('_COMPLETE') ? outputsOf(stack.template) : [];
        return {
          StackId: stack.id,
          StackName: stack.name,
          Status: stack.status,
          StatusReason: stack.statusReason,
          RegionId: stack.region,
          Outputs: outputs,
          CreateTime: '2026-11-29T20:00:00',
        };
      }
      case 'ListStacks': {
        const names = Object.entries(p)
          .filter(([k]) => /^StackName\.\d+$/.test(k))
          .map(([, v]) => v);
        const stacks = this.stacks
          .filter((s) => s.account === account && s.region === region && s.status !== 'DELETE_COMPLETE')
          .filter((s) => names.length === 0 || names.includes(s.name))
          .map((s) => ({
            StackId: s.id,
            StackName: s.name,
            Status: s.status,
            StatusReason: s.statusReason,
            RegionId: s.region,
          }));
        return {
          Stacks: stacks,
          TotalCount: stacks.length,
          PageNumber: Number(p.PageNumber ?? 1),
          PageSize: Number(p.PageSize ?? 10),
        };
      }
      case 'ListStackEvents': {
        const stack = byId();
        const size = Number(p.PageSize ?? 10);
        const page = Number(p.PageNumber ?? 1);
        // Newest first, as the ROS console shows them.
        const all = [...stack.events].reverse();
        return {
          Events: all.slice((page - 1) * size, page * size),
          TotalCount: all.length,
          PageNumber: page,
          PageSize: size,
        };
      }
      case 'ValidateTemplate': {
        let parsed: { Resources?: Record<string, { Type?: unknown }> };
        try {
          parsed = JSON.parse(p.TemplateBody);
        } catch (e) {
          throw apiError(400, 'InvalidTemplate', `Template format error: ${(e as Error).message}`);
        }
        const types = Object.values(parsed.Resources ?? {}).map((r) => String(r.Type));
        return { Parameters: [], Outputs: [], ResourceTypes: { Resources: [...new Set(types)], DataSources: [] } };
      }
      case 'PreviewStack': {
        const after = resourcesOf(p.TemplateBody);
        if (!p.StackId) {
          return {
            Stack: {
              StackName: p.StackName,
              RegionId: region,
              Resources: after.map(([id, r]) => ({ LogicalResourceId: id, ResourceType: r.Type, Action: 'Add' })),
            },
          };
        }
        const stack = byId();
        const before = resourcesOf(stack.template);
        const resources = [
          ...after.map(([id, r]) => {
            const old = before.find(([b]) => b === id);
            if (!old) return { LogicalResourceId: id, ResourceType: r.Type, Action: 'Add' };
            return JSON.stringify(old[1]) === JSON.stringify(r)
              ? { LogicalResourceId: id, ResourceType: r.Type, Action: 'None' }
              : { LogicalResourceId: id, ResourceType: r.Type, Action: 'Modify', Replacement: 'False' };
          }),
          ...before
            .filter(([id]) => !after.some(([a]) => a === id))
            .map(([id, r]) => ({ LogicalResourceId: id, ResourceType: r.Type, Action: 'Remove' })),
        ];
        return { Stack: { StackName: stack.name, RegionId: region, Resources: resources } };
      }
      default:
        throw apiError(
          400,
          'InvalidAction.NotFound',
          `Specified api is not found, please check your url and method: ${action}`,
        );
    }
  }

  private actiontrail(action: string, account: string, p: Record<string, string>): Record<string, unknown> {
    const trails = this.trailsOf(account);
    switch (action) {
      case 'DescribeTrails': {
        const names = (p.NameList ?? '').split(',').filter((n) => n !== '');
        const list = [...trails.values()]
          .filter((t) => names.length === 0 || names.includes(t.name))
          .filter((t) => p.IncludeOrganizationTrail === 'true' || !t.organization)
          .map((t) => ({
            Name: t.name,
            Status: t.status,
            HomeRegion: 'cn-hangzhou',
            IsOrganizationTrail: t.organization,
            TrailRegion: 'All',
            EventRW: 'All',
            ...t.settings,
          }));
        return { TrailList: list };
      }
      case 'StopLogging':
      case 'StartLogging': {
        const t = trails.get(p.Name);
        if (!t) throw apiError(404, 'TrailNotFoundException', `The specified trail ${p.Name} does not exist.`);
        t.isLogging = action === 'StartLogging';
        t.status = t.isLogging ? 'Enable' : 'Disable';
        this.actionTrailEvent(account, action, 'Actiontrail', { Name: p.Name });
        return {};
      }
      case 'DeleteTrail': {
        if (!trails.delete(p.Name)) {
          throw apiError(404, 'TrailNotFoundException', `The specified trail ${p.Name} does not exist.`);
        }
        return {};
      }
      case 'GetDataEventSelector': {
        // As the provider's simulator answers: empty text when none, the regions as SlsDeliveryConfigs entries.
        const t = trails.get(p.TrailName);
        if (!t) throw apiError(404, 'TrailNotFoundException', `The specified trail ${p.TrailName} does not exist.`);
        const d = t.dataEvents;
        return {
          TrailArn: `acs:actiontrail:cn-hangzhou:${account}:trail/${t.name}`,
          DataEventSelectors: d?.EventSelectors ?? '',
          IsTrailAllRegion: d?.IsTrailAllRegion ?? false,
          SlsDeliveryConfigs: (d?.TrailRegionIds?.split(',') ?? []).map((r) => ({ TrailRegion: r, Status: 'success' })),
        };
      }
      case 'PutDataEventSelector':
      case 'DeleteDataEventSelector': {
        const t = trails.get(p.TrailName);
        if (!t) throw apiError(404, 'TrailNotFoundException', `The specified trail ${p.TrailName} does not exist.`);
        const text = action === 'PutDataEventSelector' ? (p.EventSelectors ?? '') : '';
        const all = p.IsTrailAllRegion === 'true';
        t.dataEvents =
          text === '' || text === '[]'
            ? undefined
            : {
                EventSelectors: text,
                IsTrailAllRegion: all,
                ...(all || !p.TrailRegionIds ? {} : { TrailRegionIds: p.TrailRegionIds }),
              };
        return {};
      }
      case 'GetTrailStatus': {
        const t = trails.get(p.Name);
        if (!t || String(t.organization) !== (p.IsOrganizationTrail ?? 'false')) {
          throw apiError(404, 'TrailNotFoundException', `The specified trail ${p.Name} does not exist.`);
        }
        return {
          IsLogging: t.isLogging,
          LatestDeliveryTime: t.latestDeliveryTime,
          LatestDeliveryError: t.latestDeliveryError,
          StartLoggingTime: t.startLoggingTime ?? '2026-11-29T20:00:00Z',
          StopLoggingTime: t.isLogging ? '' : '2026-11-29T20:30:00Z',
        };
      }
      default:
        throw apiError(400, 'InvalidAction.NotFound', `Specified api is not found: ${action}`);
    }
  }

  /**
   * EventBridge 2020-04-01: TestEventPattern (the documented syntax, or
   * {@link patternReader}), GetRule and ListRules over {@link eventRules},
   * QueryTracedEvents and QueryEventTraces over {@link busEvents}. Errors
   * come back as EventBridge answers them: HTTP 200 with `Success: false`
   * and a `Code` such as `EventRuleNotExisted` (the code the Terraform
   * provider reads from the body).
   */
  private eventBridge(action: string, account: string, p: Record<string, string>): Record<string, unknown> {
    const ok = (data: unknown) => ({ Code: 'Success', Success: true, Message: '', Data: data });
    const rules = this.eventRulesOf(account);
    const ruleJson = (r: StandInEventRule) => ({
      RuleName: r.name,
      EventBusName: r.bus,
      Status: r.status,
      FilterPattern: r.filterPattern,
      Targets: r.targets,
      RuleARN: `acs:eventbridge:${r.region}:${account}:eventbus/${r.bus}/rule/${r.name}`,
      CreatedTimestamp: 1764446400000,
    });
    switch (action) {
      case 'TestEventPattern': {
        let event: Record<string, unknown>;
        let pattern: Record<string, unknown>;
        try {
          event = JSON.parse(p.Event ?? '');
          pattern = JSON.parse(p.EventPattern ?? '');
        } catch (e) {
          return { Code: 'InvalidArgument', Success: false, Message: `not JSON: ${(e as Error).message}` };
        }
        const result = this.patternReader?.(pattern, event) ?? eventMatchesPattern(pattern, event);
        return ok({ Result: result });
      }
      case 'GetRule': {
        const rule = rules.get(`${p.EventBusName}/${p.RuleName}`);
        if (!rule) return { Code: 'EventRuleNotExisted', Success: false, Message: 'EventRuleNotExisted' };
        return ok(ruleJson(rule));
      }
      case 'ListRules': {
        const list = [...rules.values()]
          .filter((r) => r.bus === p.EventBusName && (!p.RulePrefix || r.name.startsWith(p.RulePrefix)))
          .sort((a, b) => a.name.localeCompare(b.name));
        const start = Number(p.NextToken || 0);
        const limit = Number(p.Limit || 10);
        const page = list.slice(start, start + limit);
        return ok({
          Rules: page.map(ruleJson),
          NextToken: start + limit < list.length ? String(start + limit) : '',
          Total: list.length,
        });
      }
      case 'QueryTracedEvents': {
        const from = Number(p.StartTime);
        const to = Number(p.EndTime);
        const events = this.busEvents
          .filter((e) => e.account === account && e.bus === p.EventBusName)
          .filter((e) => e.receivedAt >= from && e.receivedAt <= to)
          .filter((e) => !p.MatchedRule || e.deliveries.some((d) => d.rule === p.MatchedRule))
          .map((e) => ({
            EventId: e.eventId,
            EventBusName: e.bus,
            EventSource: String(e.event.source ?? ''),
            EventType: String(e.event.type ?? ''),
            EventReceivedTime: e.receivedAt,
          }));
        return ok({ Events: events, NextToken: '', Total: events.length });
      }
      case 'QueryEventTraces': {
        const e = this.busEvents.find(
          (x) => x.account === account && x.bus === p.EventBusName && x.eventId === p.EventId,
        );
        if (!e) return ok([]);
        return ok(
          e.deliveries.flatMap((d) =>
            d.endpoints.map((endpoint) => ({
              Action: 'Delivered',
              ActionTime: e.receivedAt + 5,
              EventId: e.eventId,
              EventBusName: e.bus,
              RuleName: d.rule,
              RuleMatchingTime: String(e.receivedAt + 1),
              Endpoint: endpoint,
              NotifyStatus: '200',
              NotifyLatency: '4',
              NotifyTime: e.receivedAt + 5,
            })),
          ),
        );
      }
      default:
        throw apiError(400, 'InvalidAction.NotFound', `Specified api is not found: ${action}`);
    }
  }

  /** ROS GetResourceType (a global call: no RegionId in its request). */
  private resourceType(name: string): Record<string, unknown> {
    const type = this.resourceTypes.get(name);
    if (!type) throw apiError(404, 'ResourceTypeNotFound', `The Resource Type (${name}) could not be found.`);
    return { ResourceType: name, EntityType: 'Resource', Provider: 'ROS', ...type };
  }

  private ram(action: string, account: string, p: Record<string, string>): Record<string, unknown> {
    let policies = this.policies.get(account);
    if (!policies) {
      policies = new Map();
      this.policies.set(account, policies);
    }
    switch (action) {
      case 'CreatePolicy':
        if (policies.has(p.PolicyName))
          throw apiError(409, 'EntityAlreadyExists.Policy', `The policy already exists: ${p.PolicyName}.`);
        policies.set(p.PolicyName, p.PolicyDocument ?? '');
        // RAM is a global service: its events go where the stand-in sends every event, the default bus.
        this.actionTrailEvent(account, action, 'Ram', { PolicyName: p.PolicyName });
        return { Policy: { PolicyName: p.PolicyName, PolicyType: 'Custom' } };
      case 'DeletePolicy':
        if (!policies.delete(p.PolicyName))
          throw apiError(404, 'EntityNotExist.Policy', `The policy not exists: ${p.PolicyName}.`);
        this.actionTrailEvent(account, action, 'Ram', { PolicyName: p.PolicyName });
        return {};
      case 'ListPolicies':
        return {
          Policies: { Policy: [...policies.keys()].map((n) => ({ PolicyName: n, PolicyType: 'Custom' })) },
          IsTruncated: false,
        };
    }
    const role = this.rolesOf(account).get(p.RoleName);
    if (action !== 'GetRole' && action !== 'ListPoliciesForRole') {
      throw apiError(400, 'InvalidAction.NotFound', `Specified api is not found: ${action}`);
    }
    if (!role) throw apiError(404, 'EntityNotExist.Role', `The role not exists: ${p.RoleName}.`);
    if (action === 'GetRole') {
      return {
        Role: {
          RoleName: p.RoleName,
          Arn: `acs:ram::${account}:role/${p.RoleName.toLowerCase()}`,
          AssumeRolePolicyDocument: role.trustPolicy,
        },
      };
    }
    return { Policies: { Policy: role.policies } };
  }

  private maxCompute(
    action: string,
    account: string,
    p: Record<string, string>,
    pathname: string,
  ): Record<string, unknown> {
    const mcError = (status: number, code: string, message: string) =>
      Object.assign(new Error(message), { status, code, shape: 'maxcompute' as const });
    if (this.maxComputeNotActivated.has(account)) {
      throw mcError(400, 'ODPS-0420095', 'MaxCompute service is not activated (ServiceNotActivated)');
    }
    const parts = pathname
      .split('/')
      .filter((x) => x !== '')
      .map(decodeURIComponent);
    // /api/v1/quotas | /api/v1/projects/{p} | /api/v1/projects/{p}/tables/{t}[/partitions]
    if (action === 'ListQuotas' && parts[2] === 'quotas') {
      const region = p.region ?? 'cn-hangzhou';
      const list = this.quotas.get(region) ?? [
        { nickName: 'os_PayAsYouGoQuota', name: 'os_PayAsYouGoQuota', regionId: region, status: 'ON' },
      ];
      return { quotaInfoList: list, marker: '' };
    }
    const project = parts[2] === 'projects' ? this.projectsOf(account).get(parts[3]) : undefined;
    if (!project) throw mcError(404, 'NoSuchProject', `Project not found - '${parts[3]}'.`);
    if (action === 'GetProject' && parts.length === 4) {
      return {
        data: {
          name: parts[3],
          owner: `ALIYUN$${account}`,
          status: project.status,
          regionId: project.region,
          type: 'managed',
        },
      };
    }
    if (this.autoDeliver && action === 'GetTableInfo' && parts[5]?.startsWith('actiontrail_')) {
      const key = `${account}/${parts[3]}/${parts[5]}`;
      const seen = (this.tableLookups.get(key) ?? 0) + 1;
      this.tableLookups.set(key, seen);
      const trailName = parts[5].slice('actiontrail_'.length);
      const delivering = [...this.trails.values()].some((m) => m.get(trailName)?.isLogging === true);
      if (seen >= 2 && delivering) this.deliver(account, parts[3], trailName, project.region);
    }
    const table = parts[4] === 'tables' ? project.tables.get(parts[5]) : undefined;
    if (!table) throw mcError(404, 'NoSuchObject', `Table not found - '${parts[3]}.${parts[5]}'.`);
    if (action === 'GetTableInfo' && parts.length === 6) {
      return {
        data: {
          name: parts[5],
          nativeColumns: table.nativeColumns,
          partitionColumns: table.partitionColumns,
          creationTime: table.creationTime,
          lastModifiedTime: table.partitions.at(-1)?.creationTime ?? table.creationTime,
        },
      };
    }
    if (action === 'ListTablePartitions' && parts[6] === 'partitions') {
      // Newest first is not promised by the API: the stand-in answers oldest first, so callers must sort.
      return { data: { partitions: table.partitions, marker: '', maxItem: Number(p.maxItem ?? 10) } };
    }
    throw mcError(400, 'InvalidAction', `unknown MaxCompute action ${action} ${pathname}`);
  }

  /** Queues the steps of an operation: resource IN_PROGRESS, then COMPLETE (or a failure), then the stack's end. */
  private schedule(
    stack: StandInStack,
    op: 'CREATE' | 'UPDATE' | 'DELETE',
    resources: Array<[string, TemplateResource]>,
  ): void {
    const operation: StandInOperation = { op, startedAt: performance.now() };
    (stack.operations ??= []).push(operation);
    const end = (): void => {
      operation.endedAt = performance.now();
    };
    stack.pending.push(() => {
      for (const [id, r] of resources) this.event(stack, id, r.Type, `${op}_IN_PROGRESS`, '');
    });
    stack.pending.push(() => {
      const failure = op === 'CREATE' ? this.failOnCreate.get(stack.name) : undefined;
      for (const [id, r] of resources) {
        if (failure && failure.logicalId === id) {
          this.event(stack, id, r.Type, 'CREATE_FAILED', failure.reason);
        } else {
          this.event(stack, id, r.Type, `${op}_COMPLETE`, 'state changed');
        }
      }
      if (failure) {
        stack.statusReason = `Resource CREATE failed: ${failure.reason}`;
        if (failure.rollback) {
          stack.status = 'ROLLBACK_IN_PROGRESS';
          this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'ROLLBACK_IN_PROGRESS', stack.statusReason);
          stack.pending.push(() => {
            for (const [id, r] of resources) {
              if (id !== failure.logicalId) this.event(stack, id, r.Type, 'DELETE_COMPLETE', 'state changed');
            }
            stack.status = 'ROLLBACK_COMPLETE';
            end();
            stack.statusReason = 'Stack ROLLBACK completed successfully';
            this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'ROLLBACK_COMPLETE', stack.statusReason);
          });
          return;
        }
        stack.status = 'CREATE_FAILED';
        end();
        this.event(stack, stack.name, 'ALIYUN::ROS::Stack', 'CREATE_FAILED', stack.statusReason);
        return;
      }
      stack.status = `${op}_COMPLETE`;
      end();
      stack.statusReason = `Stack ${op} completed successfully`;
      this.event(stack, stack.name, 'ALIYUN::ROS::Stack', stack.status, stack.statusReason);
      this.applyTrails(
        stack,
        op,
        resources.map(([id]) => id),
      );
    });
  }

  /**
   * Applies a finished operation: the stack's projects and roles, and its
   * trails as the provider would leave them. An UPDATE touches only the trails
   * whose resources ROS updated (their properties, or a parameter they read,
   * changed): the others keep their state, drift included.
   */
  private applyTrails(stack: StandInStack, op: string, touched: string[]): void {
    const trails = this.trailsOf(stack.account);
    // The provider never touches the selectors of a trail that declares none: they outlive its Update.
    const liveDataEvents = new Map([...trails].map(([name, t]) => [name, t.dataEvents]));
    const templateTrails = resourcesOf(stack.template).filter(([, r]) => r.Type === 'Custom::ActionTrailTrail');
    const kept = new Set(
      op === 'UPDATE'
        ? templateTrails
            .filter(([id]) => !touched.includes(id))
            .map(([, r]) => String((r.Properties?.Parameters as Record<string, unknown> | undefined)?.Name))
        : [],
    );
    for (const [name, t] of trails) {
      if (t.stackId === stack.id && !kept.has(name)) trails.delete(name);
    }
    // Its EventBridge rules: made again from the template (a rule changed by hand is reset, as ROS would set it).
    const eventRules = this.eventRulesOf(stack.account);
    for (const [key, r] of eventRules) if (r.stackId === stack.id) eventRules.delete(key);
    if (op === 'DELETE') return;
    for (const [, r] of resourcesOf(stack.template)) {
      const name = resolved(r.Properties?.RuleName, stack);
      if (r.Type !== 'ALIYUN::EventBridge::Rule' || name === undefined) continue;
      const bus = resolved(r.Properties?.EventBusName, stack) ?? 'default';
      const pattern = r.Properties?.FilterPattern;
      eventRules.set(`${bus}/${name}`, {
        name,
        bus,
        region: stack.region,
        status: r.Properties?.Status === 'DISABLE' ? 'DISABLE' : 'ENABLE',
        filterPattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern ?? {}),
        targets: (Array.isArray(r.Properties?.Targets)
          ? (r.Properties.Targets as Array<Record<string, unknown>>)
          : []
        ).map((t) => ({ ...t, Endpoint: resolved(t.Endpoint, stack) ?? t.Endpoint })),
        stackId: stack.id,
      });
    }
    for (const [, r] of resourcesOf(stack.template)) {
      const projectName = resolved(r.Properties?.Name, stack);
      if (r.Type === 'ALIYUN::MaxCompute::Project' && projectName !== undefined) {
        const projects = this.projectsOf(stack.account);
        if (!projects.has(projectName)) {
          projects.set(projectName, { region: stack.region, status: 'AVAILABLE', tables: new Map() });
        }
      }
      if (r.Type === 'ALIYUN::RAM::Role' && typeof r.Properties?.RoleName === 'string') {
        const attached = (r.Properties.PolicyAttachments as { System?: string[] } | undefined)?.System ?? [];
        this.rolesOf(stack.account).set(r.Properties.RoleName, {
          trustPolicy: JSON.stringify(r.Properties.AssumeRolePolicyDocument ?? {}),
          policies: attached.map((n) => ({ PolicyName: n, PolicyType: 'System' })),
        });
      }
      if (r.Type !== 'Custom::ActionTrailTrail') continue;
      const params = (r.Properties?.Parameters ?? {}) as Record<string, unknown>;
      if (kept.has(String(params.Name))) continue;
      const logging = params.Logging !== false;
      const settings: Record<string, string> = {};
      for (const [k, v] of Object.entries(params)) {
        if (/^(EventRW|TrailRegion|Oss|Sls|MaxCompute)/.test(k) && typeof v === 'string') settings[k] = v;
      }
      const declaredSelectors = resolved(params.DataEventSelectors, stack);
      const dataEventRegion = typeof params.DataEventTrailRegion === 'string' ? params.DataEventTrailRegion : 'All';
      const dataEvents: StandInDataEvents | undefined =
        typeof declaredSelectors === 'string' && declaredSelectors !== '' && declaredSelectors !== '[]'
          ? {
              EventSelectors: declaredSelectors,
              IsTrailAllRegion: dataEventRegion === 'All',
              ...(dataEventRegion === 'All' ? {} : { TrailRegionIds: dataEventRegion }),
            }
          : op === 'UPDATE'
            ? liveDataEvents.get(String(params.Name))
            : undefined;
      trails.set(String(params.Name), {
        dataEvents,
        settings,
        startLoggingTime: logging ? new Date(this.now).toISOString() : undefined,
        name: String(params.Name),
        organization: params.IsOrganizationTrail === true,
        status: logging ? 'Enable' : 'Disable',
        isLogging: logging,
        latestDeliveryTime: logging ? '2026-11-29T21:00:00Z' : '',
        latestDeliveryError: '',
        stackId: stack.id,
      });
    }
  }

  private event(stack: StandInStack, logicalId: string, type: string, status: string, reason: string): void {
    const n = ++this.seq;
    stack.events.push({
      EventId: `event-${n}`,
      StackId: stack.id,
      StackName: stack.name,
      LogicalResourceId: logicalId,
      ResourceType: type,
      Status: status,
      StatusReason: reason,
      CreateTime: `2026-11-29T20:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`,
      PhysicalResourceId: '',
    });
  }
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** A template value as ROS would resolve it: strings, the account and region pseudo parameters, Fn::Join. */
function resolved(value: unknown, stack: { account: string; region: string }): string | undefined {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown> | undefined;
  if (v?.Ref === 'ALIYUN::AccountId') return stack.account;
  if (v?.Ref === 'ALIYUN::Region') return stack.region;
  const join = v?.['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => resolved(p, stack));
    return parts.every((p) => p !== undefined) ? parts.join(String(join[0])) : undefined;
  }
  return undefined;
}

/**
 * As ROS: a template parameter with no `Default` needs a value (given, or
 * kept with UsePreviousParameters), else the request fails.
 */
function requireParameters(templateBody: string, values: Record<string, string>): void {
  const declared =
    (JSON.parse(templateBody) as { Parameters?: Record<string, { Default?: unknown }> }).Parameters ?? {};
  const missing = Object.entries(declared)
    .filter(([k, d]) => d.Default === undefined && values[k] === undefined)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw apiError(
      400,
      'StackValidationFailed',
      `The parameter(s) ${missing.join(', ')} have no value and no default.`,
    );
  }
}

/** The template's defaults (as text) overlaid with the values given. */
function effectiveParameters(templateBody: string, values: Record<string, string>): Record<string, string> {
  const declared =
    (JSON.parse(templateBody) as { Parameters?: Record<string, { Default?: unknown }> }).Parameters ?? {};
  const out: Record<string, string> = {};
  for (const [k, d] of Object.entries(declared)) {
    if (d.Default !== undefined)
      out[k] = Array.isArray(d.Default)
        ? d.Default.join(',')
        : typeof d.Default === 'string'
          ? d.Default
          : JSON.stringify(d.Default);
  }
  return { ...out, ...values };
}

/** The `Parameters.N.ParameterKey`/`ParameterValue` pairs of a CreateStack/UpdateStack request. */
function stackParameters(p: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    const m = /^Parameters\.(\d+)\.ParameterKey$/.exec(k);
    if (m) out[v] = p[`Parameters.${m[1]}.ParameterValue`] ?? '';
  }
  return out;
}

function resourcesOf(templateBody: string): Array<[string, TemplateResource]> {
  return Object.entries((JSON.parse(templateBody).Resources ?? {}) as Record<string, TemplateResource>);
}

function outputsOf(templateBody: string): Array<Record<string, string>> {
  const outputs = (JSON.parse(templateBody).Outputs ?? {}) as Record<string, { Value?: unknown; Description?: string }>;
  return Object.entries(outputs).map(([key, o]) => ({
    OutputKey: key,
    OutputValue: typeof o.Value === 'string' ? o.Value : `resolved:${JSON.stringify(o.Value)}`,
    Description: o.Description ?? '',
  }));
}

function apiError(status: number, code: string, message: string): Error & { status: number; code: string } {
  return Object.assign(new Error(message), { status, code });
}
