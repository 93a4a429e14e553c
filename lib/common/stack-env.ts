import * as ros from '@alicloud/ros-cdk-core';
import { PropValidator } from './errors';
import { accountIdRule, regionIdRule } from './names';

/**
 * Checks the literal account and region of the stack that holds a construct:
 * they end up in ARNs and names, so a malformed `env` must fail at synth.
 * Values known only at deploy time (`ALIYUN::AccountId`, `ALIYUN::Region`) pass.
 */
export function checkStackEnv(v: PropValidator, stack: ros.Stack): void {
  v.check(`env.account of stack '${stack.stackName}'`, stack.account, accountIdRule);
  v.check(`env.region of stack '${stack.stackName}'`, stack.region, regionIdRule);
}
