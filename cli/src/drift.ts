/**
 * Drift: a trail whose ActionTrail state is not what its stack's template
 * declares (stopped by hand, settings changed in the console). `status`
 * reports it with the command that repairs it; `deploy` repairs it when the
 * template is unchanged, by making ROS run the trail's Update: the template's
 * {@link CONVERGE_PARAMETER} stack parameter gets a new value, which only the
 * trails read (`Parameters.ActionTrailCdkConverge`), and the provider's Update
 * converges each trail to its declaration. The provider ignores the value
 * itself, so its ownership and declaration checks are unchanged.
 */
import { Template } from './assembly';
import { literalValue } from './delivery';
import { StackOptions } from './ros-stacks';
import { StackTarget } from './targets';
import { TrailState } from './trail-status';
import { CONVERGE_PARAMETER } from '../../lib/shared/provider-contract';
import { CUSTOM_TRAIL_TYPE, ROS_TRAIL_TYPE } from '../../lib/shared/resource-types';

/** The settings compared with DescribeTrails, when the template sets them literally and DescribeTrails returns them. */
const COMPARED = [
  'EventRW',
  'TrailRegion',
  'OssBucketName',
  'OssKeyPrefix',
  'OssWriteRoleArn',
  'SlsProjectArn',
  'SlsWriteRoleArn',
  'MaxComputeProjectArn',
  'MaxComputeWriteRoleArn',
] as const;

/** The parameters a template declares for a trail (by name). */
export function trailParameters(template: Template, trailName: string): Record<string, unknown> | undefined {
  for (const r of Object.values(template.Resources ?? {})) {
    const props =
      r.Type === CUSTOM_TRAIL_TYPE
        ? (r.Properties?.Parameters as Record<string, unknown> | undefined)
        : r.Type === ROS_TRAIL_TYPE
          ? r.Properties
          : undefined;
    if (props?.Name === trailName) return props;
  }
  return undefined;
}

/** `All` or a sorted comma list, so that `cn-a,cn-b` equals `cn-b, cn-a`. */
function normalize(field: string, value: string): string {
  if (field === 'TrailRegion') {
    return value
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .sort()
      .join(',');
  }
  // RAM role names are case-insensitive (ActionTrail may report them lower-case).
  if (field.endsWith('RoleArn')) return value.toLowerCase();
  return value.trim();
}

/**
 * What differs between a trail's template declaration and its ActionTrail
 * state: `not logging` (or logging when the template says Logging false), and
 * each compared setting, `EventRW is Write, the template says All`. Settings
 * DescribeTrails does not return, or the template sets with a value known only
 * at deploy time, are not compared.
 */
export function trailDrift(
  parameters: Readonly<Record<string, unknown>> | undefined,
  state: TrailState,
  account: string,
  region: string,
): string[] {
  if (!parameters || state.described === undefined) return [];
  const differences: string[] = [];
  const wantLogging = parameters.Logging !== false && parameters.Logging !== 'false';
  if (state.logging !== undefined && state.logging !== wantLogging) {
    differences.push(wantLogging ? 'not logging' : 'logging, the template says Logging false');
  }
  for (const field of COMPARED) {
    const want = literalValue(parameters[field], account, region);
    const have = state.described[field];
    if (want === undefined || typeof have !== 'string') continue;
    if (normalize(field, want) !== normalize(field, have)) {
      differences.push(`${field} is ${have === '' ? '(empty)' : have}, the template says ${want}`);
    }
  }
  return differences;
}

/** Whether the template can be repaired by a parameter change: it declares {@link CONVERGE_PARAMETER}. */
export function canRepair(template: Template & { Parameters?: Record<string, unknown> }): boolean {
  return template.Parameters?.[CONVERGE_PARAMETER] !== undefined;
}

/** The command that repairs a stack's drift. */
export function repairCommand(stackId: string): string {
  return `npx actiontrail-cdk deploy ${stackId} --exclusively`;
}

/**
 * UpdateStack with the same template and a new value of
 * {@link CONVERGE_PARAMETER}, so that ROS runs the Update of every trail of
 * the stack. A ClientToken makes a retry idempotent.
 * @returns the value passed
 */
export async function startRepair(
  t: StackTarget,
  stackId: string,
  options: StackOptions = {},
  now: number = Date.now(),
): Promise<string> {
  const value = `repair-${now}`;
  const parameters = [
    ...(options.parameters ?? []).filter((p) => p.key !== CONVERGE_PARAMETER),
    { key: CONVERGE_PARAMETER, value },
  ];
  await t.ros.update(stackId, t.stack.templateBody, { ...options, parameters });
  return value;
}
