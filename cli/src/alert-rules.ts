/**
 * The alert rules of a stack (issue 22, real-time tier): every
 * `ALIYUN::EventBridge::Rule` of its template that carries the alert
 * metadata (`Metadata["actiontrail-cdk:alert"]`, lib/shared/event-patterns.ts),
 * and the two calls the command makes about them:
 *
 * - `preflight` sends each rule's `FilterPattern` to EventBridge
 *   `TestEventPattern` with the samples of its detection (`samplesFor`): every
 *   `match` sample must give `Data.Result` true, every `noMatch` sample false.
 *   A pattern the service reads differently from the library fails preflight,
 *   naming the stack, the rule and the sample, and `deploy` does not start.
 * - `status` reads each rule back with `GetRule` and reports it missing,
 *   disabled (`Status` DISABLE) or without targets.
 *
 * APIs: EventBridge 2020-04-01, RPC (FACTS §14; the SDK models of
 * `Eventbridge20200401`): `TestEventPattern` (POST, body `Event`,
 * `EventPattern`, both JSON strings; answer `{Code, Success, Message, Data:
 * {Result}}`), `GetRule` (`EventBusName`, `RuleName`; answer `Data {Status
 * ENABLE|DISABLE, FilterPattern, Targets[]}`). A rule that does not exist is
 * answered with the code `EventRuleNotExisted` (the SDK models' example of
 * `Message`, and the code the Terraform provider's EventBridge rule reads as
 * "not found" in the answer body, with HTTP 200); any `*NotExist*`/`*NotFound*`
 * code or HTTP 404 is read the same way, whether the SDK throws it or it
 * comes back in a body whose `Code` is not `Success`.
 */
import { Template } from './assembly';
import { CloudClients } from './clients';
import { cloudCode, isAccessDenied, isNotFound, isThrottled, shortReason } from './cloud-errors';
import { literalValue } from './delivery';
import type { CheckResult } from './preflight';
import { StackTarget } from './targets';
import { Detection, detectionById } from '../../lib/shared/detections';
import {
  ActionTrailEnvelope,
  alertMetadataOf,
  DEFAULT_EVENT_BUS,
  EVENT_BRIDGE_RULE_TYPE,
  samplesFor,
} from '../../lib/shared/event-patterns';

/** The RAM actions of the calls here: preflight's and status's (README "Permissions for preflight"). */
export const ALERT_RAM_ACTIONS = {
  TestEventPattern: 'eventbridge:TestEventPattern',
  GetRule: 'eventbridge:GetRule',
} as const;

/** How many TestEventPattern calls one stack has in flight at once. */
export const TEST_PATTERN_CONCURRENCY = 4;

/** One alert rule of a template. */
export interface AlertRule {
  /** The resource's logical ID. */
  readonly logicalId: string;
  /** `RuleName`, when literal. @default - not literal (a token) */
  readonly ruleName?: string;
  /** `EventBusName`, when literal. @default 'default' when absent */
  readonly eventBusName?: string;
  /** The detection id of its alert metadata. */
  readonly detection: string;
  /** The event names of its metadata, else the pattern's `data.eventName`. @default - neither says */
  readonly eventNames?: readonly string[];
  /** `FilterPattern` as an object, when literal. @default - not literal */
  readonly filterPattern?: Record<string, unknown>;
  /** Why `filterPattern` is missing. @default - it is not */
  readonly notLiteral?: string;
}

/** Whether a value holds a ROS function or reference (`Ref`, `Fn::*`), which only the deploy resolves. */
function hasToken(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasToken);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => k === 'Ref' || k.startsWith('Fn::') || hasToken(v));
  }
  return false;
}

/**
 * The EventBridge rules of a template that carry alert metadata, in template
 * order. `account` and `region` resolve `Fn::Join`s of the pseudo parameters
 * in names.
 */
export function alertRulesInTemplate(template: Template, account = '', region = ''): AlertRule[] {
  const rules: AlertRule[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== EVENT_BRIDGE_RULE_TYPE) continue;
    const metadata = alertMetadataOf(resource as { Metadata?: unknown });
    if (!metadata) continue;
    const props = resource.Properties ?? {};
    const ruleName = literalValue(props.RuleName, account, region);
    const eventBusName =
      props.EventBusName === undefined ? DEFAULT_EVENT_BUS : literalValue(props.EventBusName, account, region);
    let filterPattern: Record<string, unknown> | undefined;
    let notLiteral: string | undefined;
    let raw: unknown = props.FilterPattern;
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        notLiteral = 'its FilterPattern is a string that is not JSON';
      }
    }
    if (notLiteral === undefined) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        notLiteral = `its FilterPattern is not an object (${raw === undefined ? 'absent' : JSON.stringify(raw).slice(0, 80)})`;
      } else if (hasToken(raw)) {
        notLiteral = 'its FilterPattern holds a reference or function (Ref, Fn::*) that only the deploy resolves';
      } else {
        filterPattern = raw as Record<string, unknown>;
      }
    }
    const patternNames = (filterPattern?.data as { eventName?: unknown } | undefined)?.eventName;
    const eventNames =
      metadata.eventNames ??
      (Array.isArray(patternNames) && patternNames.every((n) => typeof n === 'string')
        ? (patternNames as string[])
        : undefined);
    rules.push({
      logicalId,
      ruleName,
      eventBusName,
      detection: metadata.detection,
      eventNames,
      filterPattern,
      notLiteral,
    });
  }
  return rules;
}

/** `AuditAlertsTamper0 (rule atcdk-tamper-0)`: the logical ID and the RuleName, as lines name a rule. */
function ruleSubject(rule: AlertRule): string {
  return `${rule.logicalId} (rule ${rule.ruleName ?? '<not literal>'})`;
}

/** `StopLogging as ConsoleOperation`, naming a sample. */
function sampleName(sample: ActionTrailEnvelope): string {
  const data = (sample.data ?? {}) as Record<string, unknown>;
  const rw = data.eventRW === 'Read' ? ' (a read)' : '';
  return `${String(data.eventName)} as ${String(data.eventType)}${rw}`;
}

/** Runs `work` over `items`, at most `limit` at once; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

/** An answer body whose `Code` says it failed (EventBridge answers some errors with HTTP 200). */
class AnswerError extends Error {
  constructor(
    public readonly code: string,
    public readonly data: Record<string, unknown>,
  ) {
    super(`${code}: ${typeof data.Message === 'string' ? data.Message : 'no message'}`);
    this.name = 'AnswerError';
  }
}

/** The body, or an {@link AnswerError} when it says `Success: false` or a `Code` other than `Success`. */
function checked(body: Record<string, unknown>): Record<string, unknown> {
  const code = typeof body.Code === 'string' ? body.Code : undefined;
  const failed =
    body.Success === false || body.Success === 'false' || (code !== undefined && code !== 'Success' && code !== '200');
  if (failed) throw new AnswerError(code ?? 'Unsuccessful', body);
  return body;
}

/** Whether an error (thrown, or an {@link AnswerError}) says the rule does not exist. */
export function isRuleNotFound(e: unknown): boolean {
  const code = e instanceof AnswerError ? e.code : cloudCode(e);
  return (
    /EventRuleNotExist|RuleNotExist|RuleNotFound/i.test(code ?? '') || (!(e instanceof AnswerError) && isNotFound(e))
  );
}

/** TestEventPattern: whether EventBridge says the event matches the pattern. */
async function testEventPattern(
  clients: CloudClients,
  pattern: Record<string, unknown>,
  event: ActionTrailEnvelope,
): Promise<boolean> {
  const body = checked(
    await clients.rpc(
      'eventbridge',
      'TestEventPattern',
      {},
      {
        Event: JSON.stringify(event),
        EventPattern: JSON.stringify(pattern),
      },
    ),
  );
  const result = (body.Data as { Result?: unknown } | undefined)?.Result;
  if (result === true || result === 'true') return true;
  if (result === false || result === 'false') return false;
  throw new AnswerError('NoResult', {
    Message: `TestEventPattern answered without Data.Result (${JSON.stringify(body).slice(0, 200)})`,
  });
}

/** The preflight result of one rule (without its stack). */
type RuleCheck = Omit<CheckResult, 'stack'>;

/** A could-not-check result for a failed call, or undefined when the error is not one of ours to explain. */
function cannot(e: unknown, api: keyof typeof ALERT_RAM_ACTIONS, base: { check: string; subject: string }): RuleCheck {
  if (isAccessDenied(e)) {
    return {
      ...base,
      status: 'could-not-check',
      message: `${api} was refused (${shortReason(e)})`,
      fix: `grant ${ALERT_RAM_ACTIONS[api]} to the credentials (README "Permissions for preflight")`,
    };
  }
  if (isThrottled(e)) {
    return {
      ...base,
      status: 'could-not-check',
      message: `${api} was throttled after every retry (${shortReason(e)})`,
      fix: 'run the command again in a minute',
    };
  }
  return {
    ...base,
    status: 'could-not-check',
    message: `${api} failed (${e instanceof AnswerError ? e.message : shortReason(e)})`,
    fix: 'run the command again with --verbose; if EventBridge is not activated in this account and region, activate it',
  };
}

/**
 * preflight `eventbridge.pattern`: each alert rule's pattern against its
 * detection's samples through TestEventPattern, {@link TEST_PATTERN_CONCURRENCY}
 * calls at a time. One result per rule: ok, FAILED naming each sample the
 * service reads differently, or could-not-check.
 */
export async function alertPatternChecks(t: StackTarget): Promise<Array<CheckResult>> {
  const rules = alertRulesInTemplate(t.stack.template, t.account, t.region);
  const results: Array<CheckResult> = [];
  for (const rule of rules) {
    const base = { stack: t.stack.id, check: 'eventbridge.pattern', subject: ruleSubject(rule) };
    if (!rule.filterPattern) {
      results.push({
        ...base,
        status: 'could-not-check',
        message: `${rule.notLiteral ?? 'its FilterPattern is not literal'}: TestEventPattern needs the pattern as the deploy will send it`,
        fix: 'synthesize the pattern as a literal object (the AuditAlerts construct does)',
      });
      continue;
    }
    let detection: Detection;
    try {
      detection = detectionById(rule.detection);
    } catch {
      results.push({
        ...base,
        status: 'could-not-check',
        message: `its alert metadata names detection '${rule.detection}', which this actiontrail-cdk does not know`,
        fix: 'run the actiontrail-cdk command of the version that synthesized the app',
      });
      continue;
    }
    if (detection.tier !== 'write') {
      results.push({
        ...base,
        status: 'could-not-check',
        message: `detection ${detection.id} is an identity detection: its events are not on EventBridge, so it has no samples to test`,
        fix: 'alert on identity detections through SLS (the AuditAlerts construct does)',
      });
      continue;
    }
    const samples = samplesFor(detection, rule.eventNames ?? detection.eventNames, {
      accountId: t.account,
      regionId: t.region,
    });
    const cases = [
      ...samples.match.map((sample) => ({ sample, expected: true })),
      ...samples.noMatch.map((sample) => ({ sample, expected: false })),
    ];
    const pattern = rule.filterPattern;
    let answers: boolean[];
    try {
      answers = await mapLimit(cases, TEST_PATTERN_CONCURRENCY, (c) => testEventPattern(t.clients, pattern, c.sample));
    } catch (e) {
      results.push({ stack: t.stack.id, ...cannot(e, 'TestEventPattern', base) });
      continue;
    }
    const wrong = cases
      .map((c, i) => ({ ...c, answer: answers[i] }))
      .filter((c) => c.answer !== c.expected)
      .map(
        (c) =>
          `sample ${sampleName(c.sample)} ${c.expected ? 'must match' : 'must not match'}, but TestEventPattern answered Result ${String(c.answer)}`,
      );
    if (wrong.length === 0) {
      results.push({
        ...base,
        status: 'ok',
        message: `EventBridge TestEventPattern (${t.region}) reads the ${detection.id} pattern as intended: ${samples.match.length} sample(s) match, ${samples.noMatch.length} do not`,
      });
    } else {
      results.push({
        ...base,
        status: 'failed',
        message: `EventBridge reads the ${detection.id} pattern differently from actiontrail-cdk (${t.region}): ${wrong.join('; ')}`,
        fix: 'the rule would miss events or alert on others: do not deploy it; report this line to actiontrail-cdk (an unknown the alerts guide lists under "What is not known")',
      });
    }
  }
  return results;
}

/** What `status` found for one alert rule. */
export interface AlertRuleReport {
  /** The resource's logical ID. */
  readonly logicalId: string;
  /** The rule name. @default - not literal */
  readonly ruleName?: string;
  /** The event bus. */
  readonly eventBusName: string;
  /** The detection it serves. */
  readonly detection: string;
  /** ok; missing; disabled; no-targets; could-not-check. */
  readonly state: 'ok' | 'missing' | 'disabled' | 'no-targets' | 'could-not-check';
  /** GetRule `Status`. @default - not read */
  readonly status?: string;
  /** The number of its targets. @default - not read */
  readonly targets?: number;
  /** The one-line verdict. */
  readonly message: string;
}

/** `status`: each alert rule of the stack read back with GetRule. */
export async function alertRuleReports(t: StackTarget): Promise<AlertRuleReport[]> {
  const rules = alertRulesInTemplate(t.stack.template, t.account, t.region);
  return mapLimit(rules, TEST_PATTERN_CONCURRENCY, async (rule): Promise<AlertRuleReport> => {
    const base = {
      logicalId: rule.logicalId,
      ruleName: rule.ruleName,
      eventBusName: rule.eventBusName ?? DEFAULT_EVENT_BUS,
      detection: rule.detection,
    };
    if (rule.ruleName === undefined || rule.eventBusName === undefined) {
      return {
        ...base,
        state: 'could-not-check',
        message: 'could not check: its RuleName or EventBusName is not literal in the template',
      };
    }
    let data: Record<string, unknown>;
    try {
      const body = checked(
        await t.clients.rpc('eventbridge', 'GetRule', { EventBusName: rule.eventBusName, RuleName: rule.ruleName }),
      );
      data = (body.Data ?? {}) as Record<string, unknown>;
    } catch (e) {
      if (isRuleNotFound(e)) {
        return {
          ...base,
          state: 'missing',
          message: `MISSING: no rule ${rule.ruleName} on event bus ${rule.eventBusName} (GetRule: ${e instanceof AnswerError ? e.code : (cloudCode(e) ?? shortReason(e))})`,
        };
      }
      const why = cannot(e, 'GetRule', { check: '', subject: '' });
      return { ...base, state: 'could-not-check', message: `could not check: ${why.message}; ${why.fix ?? ''}`.trim() };
    }
    const status = typeof data.Status === 'string' ? data.Status : undefined;
    const targets = Array.isArray(data.Targets) ? data.Targets.length : 0;
    if (status === 'DISABLE') {
      return {
        ...base,
        state: 'disabled',
        status,
        targets,
        message: `DISABLED (Status DISABLE), ${targets} target(s)`,
      };
    }
    if (targets === 0) {
      return {
        ...base,
        state: 'no-targets',
        status,
        targets,
        message: `${status ?? 'status unknown'}, but NO targets: no one hears it`,
      };
    }
    return { ...base, state: 'ok', status, targets, message: `${status ?? 'ENABLE'}, ${targets} target(s)` };
  });
}

/** The problems `status` exits 1 for, of one stack's alert rules. */
export function alertRuleProblems(stackName: string, rules: readonly AlertRuleReport[]): string[] {
  const problems: string[] = [];
  for (const r of rules) {
    const name = `alert rule '${r.ruleName ?? r.logicalId}' (${r.logicalId}, ${r.detection}) of stack '${stackName}'`;
    if (r.state === 'missing') problems.push(`${name} is missing from event bus '${r.eventBusName}'`);
    if (r.state === 'disabled') problems.push(`${name} is disabled`);
    if (r.state === 'no-targets') problems.push(`${name} has no targets`);
  }
  return problems;
}
