import * as ros from '@alicloud/ros-cdk-core';
import { RosProject } from '../ros';

/** Options of the MaxCompute project that holds delivered audit events. */
export interface AuditProjectOptions {
  /** The project name (`actiontrail_...`). */
  readonly name: string;
  /** The project's default quota. @default MaxCompute's default quota */
  readonly quota?: string;
  /** Who reads this comment in the MaxCompute console. */
  readonly comment: string;
  /** What happens to the project, and the audit events in it, when the stack is deleted. @default ros.RemovalPolicy.RETAIN */
  readonly removalPolicy?: ros.RemovalPolicy;
}

/**
 * Creates the MaxCompute project that stores audit events. It is retained when
 * the stack is deleted unless `removalPolicy` says otherwise: it holds audit data.
 */
export function createAuditProject(scope: ros.Construct, id: string, options: AuditProjectOptions): RosProject {
  const project = new RosProject(scope, id, {
    name: options.name,
    comment: options.comment,
    ...(options.quota !== undefined ? { defaultQuota: options.quota } : {}),
  });
  project.applyRemovalPolicy(options.removalPolicy ?? ros.RemovalPolicy.RETAIN);
  return project;
}
