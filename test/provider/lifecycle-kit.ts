/**
 * Drives the lifecycle functions of lib/provider/runtime/trail-lifecycle.ts
 * directly, against the simulator, with settings and timing the handler's
 * environment cannot give (consistency window, poll base, late-arrival wait),
 * and with hooks that change the simulator's state at a chosen call (someone
 * deleting or stopping a trail by hand while the provider works on it).
 */
import {
  ActionTrailClient,
  ApiParams,
  ApiResult,
  CallOptions,
  TrailApi,
} from '../../lib/provider/runtime/actiontrail-client';
import { ApiAction } from '../../lib/shared/provider-contract';
import { createLogger } from '../../lib/provider/runtime/log';
import { DECLARATIONS_VARIABLE } from '../../lib/shared/provider-contract';
import { Ownership } from '../../lib/provider/runtime/ownership';
import { TrailConfig, parseTrailProperties } from '../../lib/provider/runtime/properties';
import { Redactor } from '../../lib/shared/redact';
import { Deadline } from '../../lib/shared/backoff';
import { LifecycleContext } from '../../lib/provider/runtime/trail-lifecycle';
import { ACCOUNT_ID, FAKE, REGION, trailProps } from './harness';
import { ActionTrailSimulator } from './simulator';

/** One parsed log line of the provider. */
export interface LogLine {
  [field: string]: unknown;
  level: 'info' | 'warn' | 'error';
  msg: string;
}

interface Hook {
  when: 'before' | 'after';
  action: ApiAction;
  name?: string;
  run: () => void;
}

/**
 * The real API client with one-shot hooks: `before(action, fn)` runs `fn` just
 * before the next call of `action` is sent, `after(action, fn)` just after it
 * succeeded. A hook may change the simulator's trails or queue faults.
 */
export class ScriptedApi implements TrailApi {
  private readonly hooks: Hook[] = [];

  constructor(readonly inner: ActionTrailClient) {}

  get lastAmbiguousAt(): number | undefined {
    return this.inner.lastAmbiguousAt;
  }

  /** Runs `run` once, before the next call of `action` (about trail `name`, when given). */
  before(action: ApiAction, run: () => void, name?: string): this {
    this.hooks.push({ when: 'before', action, name, run });
    return this;
  }

  /** Runs `run` once, after the next successful call of `action` (about trail `name`, when given). */
  after(action: ApiAction, run: () => void, name?: string): this {
    this.hooks.push({ when: 'after', action, name, run });
    return this;
  }

  async call(action: ApiAction, params: ApiParams, options?: CallOptions): Promise<ApiResult> {
    this.fire('before', action, params);
    const result = await this.inner.call(action, params, options);
    this.fire('after', action, params);
    return result;
  }

  private fire(when: Hook['when'], action: ApiAction, params: ApiParams): void {
    const i = this.hooks.findIndex(
      (h) =>
        h.when === when && h.action === action && (h.name === undefined || h.name === (params.Name ?? params.NameList)),
    );
    if (i < 0) return;
    const [hook] = this.hooks.splice(i, 1);
    hook.run();
  }
}

/** Settings of a {@link rig}. */
export interface RigOptions {
  /** Time for normal calls, ms. @default 10000 */
  readonly apiBudgetMs?: number;
  /** Time for undo calls, ms (from now). @default 20000 */
  readonly cleanupBudgetMs?: number;
  /** Eventual-consistency window, ms (read-back polling and the client's retries). @default 300 */
  readonly consistencyWindowMs?: number;
  /** First delay between read-backs, ms. @default 5 */
  readonly pollBaseMs?: number;
  /** Timeout of one HTTP exchange, ms; also the late-arrival wait. @default 1000 */
  readonly requestTimeoutMs?: number;
  /** How long an undo waits for an unanswered attempt to land, ms. @default requestTimeoutMs */
  readonly lateArrivalMs?: number;
  /** Account ID of the context. @default ACCOUNT_ID */
  readonly accountId?: string;
}

/** A lifecycle context on the simulator, its scripted API, the ownership of the tests and the log lines. */
export interface Rig {
  readonly ctx: LifecycleContext;
  readonly api: ScriptedApi;
  readonly own: Ownership;
  readonly logs: LogLine[];
}

/** Builds a {@link Rig} against `sim` (started). */
export function rig(sim: ActionTrailSimulator, o: RigOptions = {}): Rig {
  const logs: LogLine[] = [];
  const push = (line: string): void => void logs.push(JSON.parse(line) as LogLine);
  const logger = createLogger(new Redactor(Object.values(FAKE)), { log: push, warn: push, error: push });
  const deadline = Deadline.in(o.apiBudgetMs ?? 10_000);
  const cleanupDeadline = Deadline.in(o.cleanupBudgetMs ?? 20_000);
  const requestTimeoutMs = o.requestTimeoutMs ?? 1000;
  const consistencyWindowMs = o.consistencyWindowMs ?? 300;
  const client = new ActionTrailClient({
    endpoint: sim.endpoint,
    credentials: { ...FAKE },
    deadline,
    cleanupDeadline,
    requestTimeoutMs,
    baseDelayMs: 5,
    maxDelayMs: 40,
    consistencyWindowMs,
    logger,
  });
  const api = new ScriptedApi(client);
  const ctx: LifecycleContext = {
    api,
    logger,
    region: REGION,
    accountId: o.accountId ?? ACCOUNT_ID,
    deadline,
    cleanupDeadline,
    pollBaseMs: o.pollBaseMs ?? 5,
    consistencyWindowMs,
    lateArrivalMs: o.lateArrivalMs ?? requestTimeoutMs,
  };
  return { ctx, api, own: testOwnership(), logs };
}

/** The ownership of the tests (no declarations unless given). */
export function testOwnership(declarations: Record<string, Record<string, unknown>> = {}): Ownership {
  return Ownership.fromEnv({
    [DECLARATIONS_VARIABLE]: JSON.stringify(declarations),
  });
}

/** The desired configuration of {@link trailProps} with `overrides`. */
export function config(overrides: Record<string, unknown> = {}): TrailConfig {
  return parseTrailProperties(trailProps(overrides));
}

/** Removes a trail from the simulator without an API call (someone deleted it by hand). */
export function dropTrail(sim: ActionTrailSimulator, name: string): void {
  sim.removeTrail(name);
}

/** The calls that change something, as `action:code-or-fault-or-status` (`action` alone for a plain 200). */
export function writesOf(sim: ActionTrailSimulator): string[] {
  return sim.calls
    .filter((c) => !['DescribeTrails', 'GetTrailStatus'].includes(c.action))
    .map((c) => (c.code ? `${c.action}:${c.code}` : c.fault ? `${c.action}:${c.fault}` : c.action));
}

/** The error an async function rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
