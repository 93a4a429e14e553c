/**
 * Applying AuditChecks and reading its findings: the helpers of the rule tests.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditFinding, AuditReport, MaxComputeDestination, Trail, TrailProps } from '../../lib';
import { ALERT_METADATA_KEY, EVENT_BRIDGE_RULE_TYPE } from '../../lib/shared/event-patterns';

/** The result of synthesizing an app with AuditChecks. */
export interface CheckResult {
  /** The report AuditChecks produced. */
  readonly report: AuditReport;
  /** Every finding of every stack, in report order. */
  readonly findings: readonly AuditFinding[];
  /** The message of the error synth threw, if it failed. */
  readonly error?: string;
  /** The cloud assembly, when synth succeeded. */
  readonly assembly?: ReturnType<ros.App['synth']>;
}

/** Applies AuditChecks to the app of `scope` (to `scope` itself), synthesizes it and returns the report. */
export function check(scope: ros.IConstruct): CheckResult {
  const app = scope.node.root as ros.App;
  const checks = AuditChecks.of(scope);
  let error: string | undefined;
  let assembly: ReturnType<ros.App['synth']> | undefined;
  try {
    assembly = app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const report = checks.report;
  if (!report) throw new Error(`synth produced no audit report${error ? `: ${error}` : ''}`);
  return { report, findings: report.stacks.flatMap((s) => s.findings), error, assembly };
}

/** The findings of one rule. */
export function findingsOf(result: CheckResult, ruleId: string): readonly AuditFinding[] {
  return result.findings.filter((f) => f.ruleId === ruleId);
}

/**
 * A compliant Trail (all regions, all events, logging, MaxCompute in this
 * account, and tamper detection in its stack: {@link tamperDetection}), with
 * overrides.
 */
export function compliantTrail(stack: ros.Stack, props: Partial<TrailProps> = {}, id = 'AuditTrail'): Trail {
  tamperDetection(stack);
  return new Trail(stack, id, {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.thisAccount({ quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
}

/** The construct id of {@link tamperDetection}'s resource. */
export const TAMPER_RULE_ID = 'TamperRule';

/**
 * An alert resource of `type` (default an EventBridge rule) marked as tamper
 * detection (`Metadata[ALERT_METADATA_KEY].detection` `AT-DETECT-TAMPER`), as
 * the alert constructs write it: what AT-ALERT-001 looks for. Once per scope
 * and id; returns the existing one on a second call.
 */
export function tamperDetection(
  scope: ros.Construct,
  id = TAMPER_RULE_ID,
  type: string = EVENT_BRIDGE_RULE_TYPE,
  detection = 'AT-DETECT-TAMPER',
): ros.RosResource {
  const existing = scope.node.tryFindChild(id);
  if (existing) return existing as ros.RosResource;
  const resource = new ros.RosResource(scope, id, {
    type,
    properties: type === EVENT_BRIDGE_RULE_TYPE ? { EventBusName: 'default', RuleName: `at-${id.toLowerCase()}` } : {},
  });
  resource.rosOptions.metadata = { [ALERT_METADATA_KEY]: { detection } };
  return resource;
}

/** The MaxCompute project ARN the compliant trail renders in stack `Audit` (account known at deploy time). */
export const THIS_ACCOUNT_PROJECT_ARN = {
  'Fn::Join': [
    '',
    ['acs:odps:cn-hangzhou:', { Ref: 'ALIYUN::AccountId' }, ':project/actiontrail_', { Ref: 'ALIYUN::AccountId' }],
  ],
};
