/**
 * A local ActionTrail (2020-07-06) API simulator over loopback HTTP.
 *
 * - Verifies each request's ACS3-HMAC-SHA256 signature with the official
 *   client's own code (`OpenApiUtil.getAuthorization` of @alicloud/openapi-core),
 *   so a request the provider signs wrongly is rejected as the real API would
 *   (`IncompleteSignature`, `SignatureDoesNotMatch`, `InvalidAccessKeyId.NotFound`, ...).
 * - Keeps trails per home region with their status (Fresh / Enable / Disable),
 *   and enforces the documented rules: name format, 5 trails per region, one
 *   multi-account trail, unique names, a destination required, MaxCompute
 *   projects named actiontrail_*.
 * - Records every call (action, parameters, answer) and the number of logging
 *   trails after it.
 * - Answers ROS's GetStackResource from a {@link RosStack} (`stack`), so the
 *   provider's confirmation runs against the same server.
 * - Injects faults: error answers (throttling, 5xx, any code), delays, connection
 *   resets, and "commit then hang" (the call is applied, then its answer is held
 *   back past the client's timeout), optionally only for one action and/or one
 *   trail name.
 *
 * Where the real API's behaviour is not documented, the simulator is stricter
 * (e.g. a key prefix or write role without its destination is rejected, and
 * StopLogging must be GET as in the API metadata).
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { createHash, randomUUID } from 'crypto';
import { OpenApiUtil } from '@alicloud/openapi-core';
// The API's updatable trail settings: the same list the provider sends.
import { SETTING_FIELDS } from '../../lib/provider/runtime/properties';
import { RosStack, RosStandInError } from './ros-stand-in';

/** A trail as the simulator stores it. */
export interface SimTrail {
  Name: string;
  HomeRegion: string;
  IsOrganizationTrail: boolean;
  Status: 'Fresh' | 'Enable' | 'Disable';
  EventRW: string;
  TrailRegion: string;
  OssBucketName?: string;
  OssKeyPrefix?: string;
  OssWriteRoleArn?: string;
  SlsProjectArn?: string;
  SlsWriteRoleArn?: string;
  MaxComputeProjectArn?: string;
  MaxComputeWriteRoleArn?: string;
  /** `CreateTime` as DescribeTrails reports it (`YYYY-MM-DDThh:mm:ssZ`). */
  CreateTime?: string;
}

/** DescribeTrails' time format: UTC, whole seconds, `Z`. */
export function trailTime(at = Date.now()): string {
  return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

/**
 * A trail's data event selectors as the simulator stores them (PutDataEventSelector):
 * the EventSelectors text as sent, and the regions.
 */
export interface SimDataEvents {
  EventSelectors: string;
  IsTrailAllRegion: boolean;
  TrailRegionIds?: string;
}

/** One request that reached the simulator. */
export interface RecordedCall {
  /** `x-acs-action` (or `?` when missing). */
  action: string;
  /** HTTP method. */
  method: string;
  /** Decoded query parameters. */
  params: Record<string, string>;
  /** Received headers. */
  headers: http.IncomingHttpHeaders;
  /** Region the call was served for. */
  region: string;
  /** HTTP status answered (0 for a reset connection). */
  status: number;
  /** Error code answered, if any. */
  code?: string;
  /** Fault applied, if any. */
  fault?: Fault['kind'];
  /** Trails with Status Enable (all regions) after the call. */
  enabledTrails: number;
  /** `x-acs-version`. */
  version?: string;
}

/** Which calls a fault applies to: `action` and `name` (the `Name` parameter) narrow it; `times` counts down. */
interface FaultTarget {
  times: number;
  action?: string;
  name?: string;
}

/**
 * A fault to inject into the next matching calls. `commit-hang` applies the
 * call as usual (and records it), then holds the answer back for `ms`, so a
 * client with a shorter timeout sees a timeout for a change that happened.
 */
export type Fault =
  | ({ kind: 'error'; status: number; code: string; message: string } & FaultTarget)
  /** Answers `status` with a non-JSON `body` (e.g. a gateway's 429 text page); nothing is applied. */
  | ({ kind: 'text'; status: number; body: string } & FaultTarget)
  /** Answers 200 with an empty body and applies nothing. */
  | ({ kind: 'empty' } & FaultTarget)
  /** Eventual consistency: the trail is not visible yet (DescribeTrails omits it, other calls answer TrailNotFoundException); nothing is applied. */
  | ({ kind: 'invisible' } & FaultTarget)
  | ({ kind: 'delay'; ms: number } & FaultTarget)
  | ({ kind: 'reset' } & FaultTarget)
  | ({ kind: 'commit-hang'; ms: number } & FaultTarget)
  /**
   * The next `times` matching calls are applied as they arrive, and their
   * answers held until all `times` have arrived (at most `ms`): calls from
   * processes running at the same time then all see the state before any of
   * them wrote.
   */
  | ({ kind: 'barrier'; ms: number } & FaultTarget);

/** The shared state of one barrier fault. */
interface Barrier {
  total: number;
  arrived: number;
  release: () => void;
  released: Promise<void>;
}

/** Construction options. */
export interface SimulatorOptions {
  /** Expected AccessKey ID. */
  accessKeyId: string;
  /** Secret used to verify signatures. */
  accessKeySecret: string;
  /** Expected STS token (omit for long-term keys). */
  securityToken?: string;
  /** Account ID (for ARNs and default role ARNs). */
  accountId: string;
  /** Region used when the Host header does not name one. */
  defaultRegion?: string;
  /** Single-account trails per region. */
  maxTrailsPerRegion?: number;
}

const DESTINATIONS = [
  { primary: 'OssBucketName', secondary: ['OssKeyPrefix', 'OssWriteRoleArn'] },
  { primary: 'SlsProjectArn', secondary: ['SlsWriteRoleArn'] },
  { primary: 'MaxComputeProjectArn', secondary: ['MaxComputeWriteRoleArn'] },
] as const;

const ROLE_FOR: Record<string, string> = {
  OssBucketName: 'OssWriteRoleArn',
  SlsProjectArn: 'SlsWriteRoleArn',
  MaxComputeProjectArn: 'MaxComputeWriteRoleArn',
};

class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The simulator; `start()` it, point the provider at `endpoint`, `stop()` it. */
export class ActionTrailSimulator {
  /** Every ActionTrail request received, in order. */
  readonly calls: RecordedCall[] = [];
  /** Every ROS request received (GetStackResource), in order. */
  readonly rosCalls: RecordedCall[] = [];
  /** Base URL once started, e.g. `http://127.0.0.1:40123`. */
  endpoint = '';
  /**
   * ROS's record of the stack: requests with `x-acs-version: 2019-09-10` are
   * ROS calls (GetStackResource), answered from it. @default none: ROS calls fail
   */
  stack?: RosStack;
  private readonly trailsByRegion = new Map<string, Map<string, SimTrail>>();
  /** Data event selectors by region, then trail name. */
  private readonly dataEventsByRegion = new Map<string, Map<string, SimDataEvents>>();
  private readonly faults: Fault[] = [];
  private readonly barriers = new Map<Fault, Barrier>();
  private readonly nonces = new Set<string>();
  private server?: http.Server;
  private inFlight = 0;
  private readonly opts: Required<Omit<SimulatorOptions, 'securityToken'>> & { securityToken?: string };

  constructor(options: SimulatorOptions) {
    this.opts = { defaultRegion: 'cn-hangzhou', maxTrailsPerRegion: 5, ...options };
  }

  /** Starts listening on 127.0.0.1 (random port) and returns the endpoint. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.inFlight++;
      void this.handle(req, res).finally(() => this.inFlight--);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Forgets calls, trails and faults. */
  reset(): void {
    this.calls.length = 0;
    this.rosCalls.length = 0;
    this.trailsByRegion.clear();
    this.dataEventsByRegion.clear();
    this.faults.length = 0;
  }

  /** Action names of all recorded calls, in order. */
  actions(): string[] {
    return this.calls.map((c) => c.action);
  }

  /** All trails (optionally of one region). */
  trails(region?: string): SimTrail[] {
    const regions = region ? [this.region(region)] : [...this.trailsByRegion.values()];
    return regions.flatMap((m) => [...m.values()]).map((t) => ({ ...t }));
  }

  /** One trail by name, any region. */
  trail(name: string): SimTrail | undefined {
    return this.trails().find((t) => t.Name === name);
  }

  /**
   * Puts a trail in place without an API call. Its CreateTime defaults to a
   * minute ago: after any resource the ROS stand-in has not seen created
   * (an hour ago), before the request under test began.
   */
  seedTrail(trail: Partial<SimTrail> & { Name: string }): void {
    const home = trail.HomeRegion ?? this.opts.defaultRegion;
    this.region(home).set(trail.Name, {
      HomeRegion: home,
      IsOrganizationTrail: false,
      Status: 'Fresh',
      EventRW: 'Write',
      TrailRegion: 'All',
      CreateTime: trailTime(Date.now() - 60_000),
      ...trail,
    });
  }

  /** Moves every trail's CreateTime `ms` into the past (time passing between stack operations). */
  age(ms: number): void {
    for (const trails of this.trailsByRegion.values())
      for (const t of trails.values()) if (t.CreateTime) t.CreateTime = trailTime(Date.parse(t.CreateTime) - ms);
  }

  /** Removes a trail without an API call (deleted by hand, outside the provider). */
  removeTrail(name: string): void {
    for (const trails of this.trailsByRegion.values()) trails.delete(name);
  }

  /** Resolves once no request is being served (delayed and applied-then-hung ones included). */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  /** The data event selectors of trail `name` (parsed), or undefined when it has none. */
  dataEvents(name: string, region = this.opts.defaultRegion): (SimDataEvents & { selectors: unknown[] }) | undefined {
    const d = this.dataEventsByRegion.get(region)?.get(name);
    return d && { ...d, selectors: JSON.parse(d.EventSelectors) as unknown[] };
  }

  /** Sets selectors on a trail as someone else would (console, another tool). */
  seedDataEvents(name: string, selectors: unknown[], region = this.opts.defaultRegion): void {
    this.dataEventRegion(region).set(name, { EventSelectors: JSON.stringify(selectors), IsTrailAllRegion: true });
  }

  private dataEventRegion(region: string): Map<string, SimDataEvents> {
    let m = this.dataEventsByRegion.get(region);
    if (!m) this.dataEventsByRegion.set(region, (m = new Map()));
    return m;
  }

  /**
   * PutDataEventSelector as the API reference describes it: the trail must
   * exist; EventSelectors is a JSON array of at most 20 entries with
   * ServiceName and ReadWriteType (All/Read/Write), filters with at most 10
   * values; it replaces the trail's selectors. An empty text clears them
   * (what Terraform sends when event_selectors is removed).
   */
  private putDataEvents(p: Record<string, string>, region: string): Record<string, unknown> {
    const trail = this.find(p.TrailName, region);
    const text = p.EventSelectors ?? '';
    if (text === '' || text === '[]') {
      this.dataEventRegion(region).delete(trail.Name);
      return { TrailArn: this.arn(trail), DataEventSelectors: '' };
    }
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      throw new SimError(400, 'InvalidParameter', 'EventSelectors is not valid JSON.');
    }
    if (!Array.isArray(list) || list.length > 20)
      throw new SimError(400, 'InvalidParameter', 'EventSelectors must be a JSON array of at most 20 selectors.');
    for (const s of list as Record<string, unknown>[]) {
      if (typeof s?.ServiceName !== 'string' || !['All', 'Read', 'Write'].includes(String(s.ReadWriteType)))
        throw new SimError(400, 'InvalidParameter', 'Each selector needs ServiceName and ReadWriteType.');
      for (const f of ['EventName', 'ResourceArn']) {
        const filter = (s[f] ?? {}) as { Equals?: unknown[]; NotEquals?: unknown[] };
        if ((filter.Equals?.length ?? 0) + (filter.NotEquals?.length ?? 0) > 10)
          throw new SimError(400, 'InvalidParameter', `${f} has more than 10 values.`);
      }
    }
    const all = p.IsTrailAllRegion === 'true';
    this.dataEventRegion(region).set(trail.Name, {
      EventSelectors: text,
      IsTrailAllRegion: all,
      ...(all || !p.TrailRegionIds ? {} : { TrailRegionIds: p.TrailRegionIds }),
    });
    return { TrailArn: this.arn(trail), DataEventSelectors: text };
  }

  /** GetDataEventSelector: the selectors (empty text when none), the regions as SlsDeliveryConfigs entries. */
  private getDataEvents(p: Record<string, string>, region: string): Record<string, unknown> {
    const trail = this.find(p.TrailName, region);
    const d = this.dataEventRegion(region).get(trail.Name);
    return {
      TrailArn: this.arn(trail),
      DataEventSelectors: d?.EventSelectors ?? '',
      IsTrailAllRegion: d?.IsTrailAllRegion ?? false,
      SlsDeliveryConfigs: (d?.TrailRegionIds?.split(',') ?? []).map((r) => ({ TrailRegion: r, Status: 'success' })),
    };
  }

  private arn(t: SimTrail): string {
    return `acs:actiontrail:${t.HomeRegion}:${this.opts.accountId}:trail/${t.Name}`;
  }

  /** Drops the faults not yet used. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Queues a fault. */
  inject(fault: Fault): void {
    const f = { ...fault };
    if (f.kind === 'barrier') {
      let release = (): void => undefined;
      const released = new Promise<void>((r) => (release = r));
      this.barriers.set(f, { total: f.times, arrived: 0, release, released });
    }
    this.faults.push(f);
  }

  /** The next `times` calls (of `action`) answer `Throttling.User` (HTTP 400, as Alibaba Cloud gateways do). */
  throttleNext(times: number, action?: string): void {
    this.inject({
      kind: 'error',
      status: 400,
      code: 'Throttling.User',
      message: 'Request was denied due to user flow control.',
      times,
      action,
    });
  }

  /** The next `times` calls (of `action`) answer HTTP 500 `InternalError`. */
  serverErrorNext(times: number, action?: string): void {
    this.inject({
      kind: 'error',
      status: 500,
      code: 'InternalError',
      message: 'The request processing has failed due to some unknown error.',
      times,
      action,
    });
  }

  /** The next `times` calls (of `action`) are answered after `ms` milliseconds. */
  delayNext(times: number, ms: number, action?: string): void {
    this.inject({ kind: 'delay', ms, times, action });
  }

  /** The next `times` calls (of `action`) are applied, then answered only after `ms` milliseconds. */
  commitThenHangNext(times: number, ms: number, action?: string): void {
    this.inject({ kind: 'commit-hang', ms, times, action });
  }

  /** The next `times` calls (of `action`) answer 200 with an empty body and do nothing. */
  emptyNext(times: number, action?: string): void {
    this.inject({ kind: 'empty', times, action });
  }

  /** The next `times` calls (of `action`) do not see the trail yet (eventual consistency). */
  invisibleNext(times: number, action?: string): void {
    this.inject({ kind: 'invisible', times, action });
  }

  /** The next `times` calls (of `action`) have their connection reset. */
  resetNext(times: number, action?: string): void {
    this.inject({ kind: 'reset', times, action });
  }

  /** Smallest number of logging trails after any call from `fromCall` on. */
  minEnabledTrailsSince(fromCall = 0): number {
    return Math.min(...this.calls.slice(fromCall).map((c) => c.enabledTrails));
  }

  private region(name: string): Map<string, SimTrail> {
    let m = this.trailsByRegion.get(name);
    if (!m) this.trailsByRegion.set(name, (m = new Map()));
    return m;
  }

  private enabledCount(): number {
    return this.trails().filter((t) => t.Status === 'Enable').length;
  }

  private takeFault(action: string, name: string | undefined): Fault | undefined {
    const i = this.faults.findIndex(
      (f) => f.times > 0 && (!f.action || f.action === action) && (!f.name || f.name === name),
    );
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.times -= 1;
    if (f.times === 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const params: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (params[k] = v));
    const action = header(req, 'x-acs-action') ?? '?';
    const host = header(req, 'host') ?? '';
    const region = /^actiontrail\.([a-z0-9-]+)\.aliyuncs\.com/.exec(host)?.[1] ?? this.opts.defaultRegion;
    const call: RecordedCall = {
      action,
      method: req.method ?? '',
      params,
      headers: req.headers,
      region,
      status: 0,
      enabledTrails: 0,
      version: header(req, 'x-acs-version'),
    };
    const requestId = randomUUID().toUpperCase();

    const fault = this.takeFault(action, params.Name ?? params.TrailName);
    if (fault?.kind === 'reset') {
      call.fault = 'reset';
      call.enabledTrails = this.enabledCount();
      (call.version === '2019-09-10' ? this.rosCalls : this.calls).push(call);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      call.fault = 'delay';
      await new Promise((r) => setTimeout(r, fault.ms));
    }
    if (fault?.kind === 'text' || fault?.kind === 'empty') {
      call.fault = fault.kind;
      call.status = fault.kind === 'text' ? fault.status : 200;
      call.enabledTrails = this.enabledCount();
      (call.version === '2019-09-10' ? this.rosCalls : this.calls).push(call);
      if (res.destroyed) return;
      const text = fault.kind === 'text' ? fault.body : '';
      res.writeHead(call.status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }

    let status = 200;
    let answer: Record<string, unknown>;
    try {
      if (fault?.kind === 'error') {
        call.fault = 'error';
        throw new SimError(fault.status, fault.code, fault.message);
      }
      const rosCall = header(req, 'x-acs-version') === '2019-09-10';
      this.authenticate(req, url.pathname, params, body, rosCall ? '2019-09-10' : '2020-07-06');
      if (rosCall) {
        if (!this.stack) throw new SimError(404, 'StackNotFound', 'No stack.');
        if (action !== 'GetStackResource')
          throw new SimError(400, 'InvalidAction.NotFound', `Specified api is not found: ${action}`);
        try {
          answer = { RequestId: requestId, ...this.stack.getStackResource(params) };
        } catch (e) {
          if (e instanceof RosStandInError) throw new SimError(e.status, e.code, e.message);
          throw e;
        }
      } else if (fault?.kind === 'invisible') {
        call.fault = 'invisible';
        if (action !== 'DescribeTrails')
          throw new SimError(404, 'TrailNotFoundException', 'The specified trail does not exist.');
        answer = { RequestId: requestId, TrailList: [] };
      } else answer = { RequestId: requestId, ...this.dispatch(action, req.method ?? '', params, region) };
    } catch (e) {
      const err = e instanceof SimError ? e : new SimError(500, 'InternalError', String(e));
      status = err.status;
      call.code = err.code;
      answer = {
        RequestId: requestId,
        HostId: host,
        Code: err.code,
        Message: err.message,
        Recommend: 'https://api.aliyun.com/troubleshoot',
      };
    }
    call.status = status;
    call.enabledTrails = this.enabledCount();
    // ROS calls are kept apart: `calls` is what reached ActionTrail.
    (call.version === '2019-09-10' ? this.rosCalls : this.calls).push(call);
    if (fault?.kind === 'commit-hang') {
      call.fault = 'commit-hang';
      await new Promise((r) => setTimeout(r, fault.ms));
    }
    if (fault?.kind === 'barrier') {
      call.fault = 'barrier';
      const barrier = this.barriers.get(fault)!;
      if (++barrier.arrived >= barrier.total) barrier.release();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([barrier.released, new Promise((r) => (timer = setTimeout(r, fault.ms)))]);
      clearTimeout(timer);
    }
    if (res.destroyed) return;
    const text = JSON.stringify(answer);
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'x-acs-request-id': requestId,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Checks the request's V3 signature the way the API gateway does. */
  private authenticate(
    req: http.IncomingMessage,
    pathname: string,
    query: Record<string, string>,
    body: Buffer,
    version: string,
  ): void {
    const auth = header(req, 'authorization');
    const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth ?? '');
    if (!m)
      throw new SimError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, accessKeyId, signedList, signature] = m;
    const signed = signedList.split(';');
    for (const required of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (!header(req, required) || !signed.includes(required)) {
        throw new SimError(
          400,
          'IncompleteSignature',
          `The request signature does not conform to Aliyun standards: ${required} missing or not signed.`,
        );
      }
    }
    for (const name of Object.keys(req.headers)) {
      if (name.startsWith('x-acs-') && !signed.includes(name)) {
        throw new SimError(
          400,
          'IncompleteSignature',
          `The request signature does not conform to Aliyun standards: ${name} not signed.`,
        );
      }
    }
    if (accessKeyId !== this.opts.accessKeyId)
      throw new SimError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (this.opts.securityToken !== undefined && header(req, 'x-acs-security-token') !== this.opts.securityToken) {
      throw new SimError(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
    }
    if (header(req, 'x-acs-version') !== version)
      throw new SimError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    const date = Date.parse(header(req, 'x-acs-date') ?? '');
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(header(req, 'x-acs-date') ?? '') ||
      Math.abs(Date.now() - date) > 15 * 60_000
    ) {
      throw new SimError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (header(req, 'x-acs-content-sha256') !== payloadHash) {
      throw new SimError(400, 'SignatureDoesNotMatch', 'x-acs-content-sha256 does not match the request body.');
    }
    const signedHeaders: Record<string, string> = {};
    for (const name of signed) signedHeaders[name] = header(req, name) ?? '';
    const expected = OpenApiUtil.getAuthorization(
      { method: req.method, pathname, query, headers: signedHeaders } as never,
      'ACS3-HMAC-SHA256',
      payloadHash,
      accessKeyId,
      this.opts.accessKeySecret,
    );
    if (!expected.endsWith(`,Signature=${signature}`)) {
      throw new SimError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const nonce = header(req, 'x-acs-signature-nonce')!;
    if (this.nonces.has(nonce))
      throw new SimError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(nonce);
  }

  private dispatch(action: string, method: string, p: Record<string, string>, region: string): Record<string, unknown> {
    if (action === 'StopLogging' && method !== 'GET')
      throw new SimError(400, 'UnsupportedHTTPMethod', 'StopLogging only supports GET.');
    switch (action) {
      case 'CreateTrail':
        return this.createTrail(p, region);
      case 'UpdateTrail':
        return this.updateTrail(p, region);
      case 'DeleteTrail':
        this.find(p.Name, region);
        this.region(region).delete(p.Name);
        // Assumed: a trail's data event selectors go with it (the API reference does not say).
        this.dataEventRegion(region).delete(p.Name);
        return {};
      case 'PutDataEventSelector':
        return this.putDataEvents(p, region);
      case 'GetDataEventSelector':
        return this.getDataEvents(p, region);
      case 'DeleteDataEventSelector':
        this.find(p.TrailName, region);
        this.dataEventRegion(region).delete(p.TrailName);
        return {};
      case 'StartLogging':
        this.find(p.Name, region).Status = 'Enable';
        return {};
      case 'StopLogging':
        this.find(p.Name, region).Status = 'Disable';
        return {};
      case 'GetTrailStatus': {
        const t = this.find(p.Name, region);
        return { IsLogging: t.Status === 'Enable', LatestDeliveryError: '', StartLoggingTime: '', StopLoggingTime: '' };
      }
      case 'DescribeTrails': {
        const names = p.NameList ? p.NameList.split(',').map((n) => n.trim()) : undefined;
        const includeOrg = p.IncludeOrganizationTrail === 'true';
        const list = [...this.region(region).values()]
          .filter((t) => (!names || names.includes(t.Name)) && (includeOrg || !t.IsOrganizationTrail))
          .map((t) => this.describe(t));
        return { TrailList: list };
      }
      default:
        throw new SimError(
          400,
          'InvalidAction.NotFound',
          `Specified api is not found, please check your url and method: ${action}`,
        );
    }
  }

  private find(name: string | undefined, region: string): SimTrail {
    const t = name ? this.region(region).get(name) : undefined;
    if (!t) throw new SimError(404, 'TrailNotFoundException', 'The specified trail does not exist.');
    return t;
  }

  private createTrail(p: Record<string, string>, region: string): Record<string, unknown> {
    const name = p.Name ?? '';
    if (!/^[a-z][a-z0-9_-]{5,35}$/.test(name))
      throw new SimError(400, 'InvalidTrailNameException', 'The trail name is invalid.');
    if (this.trails().some((t) => t.Name === name))
      throw new SimError(400, 'TrailAlreadyExistsException', 'The trail already exists.');
    const isOrg = p.IsOrganizationTrail === 'true';
    if (isOrg && this.trails().some((t) => t.IsOrganizationTrail)) {
      throw new SimError(
        400,
        'MaximumNumberOfOrganizationTrailExceeded',
        'The maximum number of multi-account trails has been reached.',
      );
    }
    if (
      !isOrg &&
      [...this.region(region).values()].filter((t) => !t.IsOrganizationTrail).length >= this.opts.maxTrailsPerRegion
    ) {
      throw new SimError(
        400,
        'MaximumNumberOfTrailsExceededException',
        'The maximum number of trails has been reached.',
      );
    }
    const trail: SimTrail = {
      Name: name,
      HomeRegion: region,
      IsOrganizationTrail: isOrg,
      Status: 'Fresh',
      EventRW: 'Write',
      TrailRegion: 'All',
      CreateTime: trailTime(),
    };
    for (const f of SETTING_FIELDS) if (p[f] !== undefined && p[f] !== '') trail[f] = p[f];
    this.validate(trail);
    // An OSS bucket serves one trail at a time (ActionTrail API error RepeatOssBucket).
    if (trail.OssBucketName && this.trails().some((t) => t.OssBucketName === trail.OssBucketName)) {
      throw new SimError(400, 'RepeatOssBucket', 'The OSS bucket is already used by another trail.');
    }
    this.region(region).set(name, trail);
    const { Status: _status, IsOrganizationTrail: _org, ...answer } = trail;
    return answer;
  }

  private updateTrail(p: Record<string, string>, region: string): Record<string, unknown> {
    const current = this.find(p.Name, region);
    const next: SimTrail = { ...current };
    // An omitted parameter keeps its value; an empty string clears it.
    for (const f of SETTING_FIELDS) {
      if (p[f] === undefined) continue;
      if (p[f] === '') {
        if (f === 'EventRW' || f === 'TrailRegion')
          throw new SimError(400, 'InvalidParameter', `${f} cannot be empty.`);
        delete next[f];
      } else next[f] = p[f];
    }
    this.validate(next);
    this.region(region).set(next.Name, next);
    const { Status: _status, IsOrganizationTrail: _org, ...answer } = next;
    return answer;
  }

  private validate(t: SimTrail): void {
    if (!['All', 'Read', 'Write'].includes(t.EventRW))
      throw new SimError(400, 'InvalidParameter', 'EventRW is invalid.');
    if (!DESTINATIONS.some((d) => t[d.primary])) {
      throw new SimError(
        400,
        'InvalidDeliveryConfigurationException',
        'At least one delivery destination (OSS, SLS or MaxCompute) is required.',
      );
    }
    for (const d of DESTINATIONS) {
      for (const s of d.secondary) {
        if (t[s] && !t[d.primary])
          throw new SimError(400, 'InvalidDeliveryConfigurationException', `${s} requires ${d.primary}.`);
      }
    }
    if (
      t.MaxComputeProjectArn &&
      !/^acs:odps:[a-z0-9-]+:\d+:project\/actiontrail_[a-z0-9_]+$/.test(t.MaxComputeProjectArn)
    ) {
      throw new SimError(
        400,
        'InvalidDeliveryConfigurationException',
        'The MaxCompute project ARN is invalid or the project name does not start with actiontrail_.',
      );
    }
  }

  private describe(t: SimTrail): Record<string, unknown> {
    const out: Record<string, unknown> = {
      ...t,
      TrailArn: `acs:actiontrail:${t.HomeRegion}:${this.opts.accountId}:trail/${t.Name}`,
      Region: t.HomeRegion,
    };
    // Like the real API, report the service-linked role where no write role was set.
    for (const [primary, role] of Object.entries(ROLE_FOR)) {
      if (t[primary as keyof SimTrail] && !t[role as keyof SimTrail]) {
        out[role] = `acs:ram::${this.opts.accountId}:role/aliyunserviceroleforactiontrail`;
      }
    }
    return out;
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}
