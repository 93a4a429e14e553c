import { parseArn } from '../shared/arn';
import { isAccountId } from '../shared/ids';
import { MAXCOMPUTE_PROJECT_TYPE } from '../shared/resource-types';
import { AuditLevel, AuditRule } from './engine/model';
import { field } from './engine/template-values';

/**
 * AT-STORAGE-003: a MaxCompute project encrypted with a KMS key names a key of
 * its own account. MaxCompute's storage encryption documents a key of the
 * project's own account and region (the region is an error at synth, from
 * `ProjectEncryption.kmsKey`); whether a key of another account works, and
 * what grant it would need, is not documented. A project that cannot reach
 * its key fails to create, or later cannot be read: a warning, so the choice
 * is made knowingly, and `preflight` is where a real account settles it.
 *
 * Only literal ARNs in a stack of a literal account are compared: a token
 * cannot be.
 */
export const storageKeyAccount: AuditRule = {
  id: 'AT-STORAGE-003',
  level: AuditLevel.WARNING,
  title: "An encrypted MaxCompute project's KMS key is in the project's own account",
  anchors: [],
  resourceTypes: [MAXCOMPUTE_PROJECT_TYPE],
  check: (resource, stack) => {
    const key = field(field(field(resource.properties, 'Properties'), 'Encryption'), 'Key');
    if (typeof key !== 'string' || !isAccountId(stack.account)) return [];
    const keyAccount = parseArn(key)?.account;
    if (keyAccount === undefined || !isAccountId(keyAccount) || keyAccount === stack.account) return [];
    return [
      {
        message: `the project is created in account ${stack.account}, but its KMS key '${key}' is in account ${keyAccount}: MaxCompute documents a key of the project's own account, and a project that cannot use its key fails to create or cannot be read`,
        fix: `Create the key in account ${stack.account} (same region) and pass its ARN to ProjectEncryption.kmsKey(), use ProjectEncryption.maxComputeKey(), or, if you have verified the cross-account grant, AuditChecks.suppress(project, 'AT-STORAGE-003', '<how the grant was verified>')`,
      },
    ];
  },
};
