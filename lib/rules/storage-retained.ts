import { RosProject } from '../ros';
import { AuditLevel, AuditRule } from './model';

/**
 * AT-STORAGE-001: the MaxCompute project that stores audit events outlives
 * its stack (`DeletionPolicy: Retain`). Deleting the stack must not delete
 * the audit trail of what happened.
 */
export const storageRetained: AuditRule = {
  id: 'AT-STORAGE-001',
  level: AuditLevel.ERROR,
  title: 'Audit storage (MaxCompute project) is retained when its stack is deleted',
  anchors: [],
  resourceTypes: [RosProject.ROS_RESOURCE_TYPE_NAME],
  check: (resource) => {
    if (resource.deletionPolicy === 'Retain') return [];
    return [{
      message: resource.deletionPolicy === undefined
        ? 'the project has no DeletionPolicy: deleting the stack deletes it and the audit events in it'
        : `the project's DeletionPolicy is '${resource.deletionPolicy}': deleting the stack deletes it and the audit events in it`,
      fix: "Keep the library's default removal policy, or call applyRemovalPolicy(ros.RemovalPolicy.RETAIN) on the project",
    }];
  },
};
