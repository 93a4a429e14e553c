/**
 * Applying AuditChecks and reading its findings: the helpers of the rule tests.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { AuditChecks, AuditFinding, AuditReport, MaxComputeDestination, Trail, TrailProps } from '../../lib';

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

/** A compliant Trail (all regions, all events, logging, MaxCompute in this account), with overrides. */
export function compliantTrail(stack: ros.Stack, props: Partial<TrailProps> = {}, id = 'AuditTrail'): Trail {
  return new Trail(stack, id, {
    trailName: 'audit_all',
    maxCompute: MaxComputeDestination.thisAccount({ quota: 'os_PayAsYouGoQuota' }),
    ...props,
  });
}

/** The MaxCompute project ARN the compliant trail renders in stack `Audit` (account known at deploy time). */
export const THIS_ACCOUNT_PROJECT_ARN = {
  'Fn::Join': [
    '',
    ['acs:odps:cn-hangzhou:', { Ref: 'ALIYUN::AccountId' }, ':project/actiontrail_', { Ref: 'ALIYUN::AccountId' }],
  ],
};
