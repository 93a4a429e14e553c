/**
 * Synth errors of the ROS resources (lib/ros): the helpers of test/ros.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { synthTemplate } from './template';

/**
 * Synthesizes `stack` and returns the message of the error synthesis throws.
 * Fails the test when synthesis succeeds.
 *
 * @param stack - the stack to synthesize
 * @returns the error message
 */
export function synthError(stack: ros.Stack): string {
  try {
    synthTemplate(stack);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

/**
 * A string parameter of `stack`, for passing a token where a literal would be validated.
 *
 * @param stack - the stack
 * @param id - the parameter's logical ID
 * @returns the parameter
 */
export function stringParam(stack: ros.Stack, id: string): ros.RosParameter {
  return new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING });
}

/**
 * The lines of a synth error message without ros-cdk-core's "Object creation
 * stack" trace and without the "." it appends to the last line. The first level
 * of indentation is removed; nested problems keep two spaces per extra level.
 *
 * @param message - the error message
 * @returns the lines
 */
export function errorLines(message: string): string[] {
  const lines = message.split('\n').map((l) => l.replace(/^ {2}/, '').trimEnd());
  const end = lines.findIndex((l) => l.startsWith('Object creation stack'));
  const kept = end < 0 ? lines : lines.slice(0, end);
  return kept.map((l, i) => (i === kept.length - 1 ? l.replace(/\.$/, '') : l));
}

/**
 * What a rejected property bag must produce.
 */
export interface Rejection {
  /** The construct path of the resource, e.g. `TestStack/Trail`. */
  readonly path: string;
  /** The props interface, e.g. `RosTrailProps`. */
  readonly propsType: string;
  /** The ROS resource type, e.g. `ALIYUN::ACTIONTRAIL::Trail`. */
  readonly resourceType: string;
  /** The exact problem lines (property, value and rule), in order. */
  readonly problems: string[];
}

/**
 * Synthesizes `stack`, expects it to fail, and checks the exact heading and problem lines.
 *
 * @param stack - the stack to synthesize
 * @param expected - the expected rejection
 */
export function expectRejected(stack: ros.Stack, expected: Rejection): void {
  const lines = errorLines(synthError(stack));
  expect(lines).toEqual([
    `Resolution error: While synthesizing ${expected.path}: Supplied properties not correct for ` +
      `"${expected.propsType}" (${expected.resourceType})`,
    ...expected.problems,
  ]);
}
