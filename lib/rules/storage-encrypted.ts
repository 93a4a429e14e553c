import { MAXCOMPUTE_PROJECT_TYPE } from '../shared/resource-types';
import { AuditLevel, AuditRule } from './engine/model';
import { describeValue, field, literalBoolean, stringPieces } from './engine/template-values';

/**
 * AT-STORAGE-002: a MaxCompute project that holds audit events (its name
 * starts with `actiontrail_`, or is known only at deploy time) is encrypted at
 * rest: `Properties.Encryption.Enable` is `true`. The same condition as
 * InfraGuard's `maxcompute-project-encryption-enabled`
 * (policies/aliyun/rules/ros/maxcompute-project-encryption-enabled.rego,
 * aliyun/infraguard commit 6d3cbef). Every project the library creates passes
 * unless it was opted out with `ProjectEncryption.unencrypted(reason)`.
 *
 * A warning, not an error: the opt-out is a documented decision with a reason,
 * and MaxCompute cannot encrypt a project after it is created (a deployed
 * unencrypted project can only be replaced).
 */
export const storageEncrypted: AuditRule = {
  id: 'AT-STORAGE-002',
  level: AuditLevel.WARNING,
  title: 'An audit MaxCompute project (`actiontrail_*`) is encrypted at rest (`Properties.Encryption.Enable` true)',
  anchors: ['infraguard:maxcompute-project-encryption-enabled'],
  resourceTypes: [MAXCOMPUTE_PROJECT_TYPE],
  check: (resource) => {
    const first = stringPieces(field(resource.properties, 'Name'))[0];
    if (typeof first === 'string' && !first.startsWith('actiontrail_')) return [];
    const enable = field(field(field(resource.properties, 'Properties'), 'Encryption'), 'Enable');
    if (literalBoolean(enable) === true) return [];
    // The library records the reason of an opt-out in the comment (ProjectEncryption.unencrypted(reason)).
    const comment = field(resource.properties, 'Comment');
    const because =
      typeof comment === 'string' ? /Not encrypted at rest, because: ([\s\S]*)$/.exec(comment)?.[1] : undefined;
    const reason = because === undefined ? '' : `; the reason recorded: ${describeValue(because)}`;
    return [
      {
        message:
          enable === undefined
            ? `the project sets no Properties.Encryption.Enable: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created${reason}`
            : `the project's Properties.Encryption.Enable is ${describeValue(enable)}, not true: the audit events in it are stored unencrypted, and MaxCompute encrypts a project only when it is created${reason}`,
        fix: "Drop the ProjectEncryption.unencrypted(...) option (the library's projects are encrypted with MaxCompute's own key by default) or use ProjectEncryption.kmsKey(arn); on a RosProject set properties.encryption { enable: true, algorithm: 'AESCTR' }. On a deployed project this replaces the project",
      },
    ];
  },
};
