/**
 * Alibaba Cloud Resource Names (ARNs) of the resources a trail touches:
 * builders (which accept tokens) and rules for literal ARNs. Formats: the
 * ActionTrail API reference (CreateTrail's `MaxComputeProjectArn` and
 * `MaxComputeWriteRoleArn`) and RAM's role ARN form `acs:ram::<account>:role/<name>`.
 * Parsing and joining live in the shared kernel (`shared/arn`).
 */
import { type ArnParts, formatArn, parseArn } from '../shared/arn';
import { quote } from '../shared/quote';
import { Rule } from './errors';
import { accountIdRule, actionTrailProjectNameRule, regionIdRule, roleNameRule } from './names';

/** ARN of a MaxCompute project: `acs:odps:<region>:<account>:project/<name>`. */
export function maxComputeProjectArn(region: string, account: string, projectName: string): string {
  return formatArn({ service: 'odps', region, account, resourceType: 'project', resourceName: projectName });
}

/** ARN of a RAM role: `acs:ram::<account>:role/<roleName>` (RAM is global: no region). */
export function ramRoleArn(account: string, roleName: string): string {
  return formatArn({ service: 'ram', region: '', account, resourceType: 'role', resourceName: roleName });
}

/** ARN of a Log Service (SLS) project: `acs:log:<region>:<account>:project/<name>`. */
export function slsProjectArn(region: string, account: string, projectName: string): string {
  return formatArn({ service: 'log', region, account, resourceType: 'project', resourceName: projectName });
}

/** ARN of a trail: `acs:actiontrail:<region>:<account>:trail/<name>`. */
export function trailArn(region: string, account: string, trailName: string): string {
  return formatArn({ service: 'actiontrail', region, account, resourceType: 'trail', resourceName: trailName });
}

/** A token's string form in ros-cdk (`${Token[ALIYUN::Region.3]}`): it may hold `:`. */
const TOKEN_STRING = /\$\{Token\[[^\]]*\]\}/g;
/** {@link TOKEN_STRING} alone: the whole value is one token. */
const SINGLE_TOKEN = new RegExp(`^(?:${TOKEN_STRING.source})$`);
/** Stands for the i-th token while an ARN is split: private-use characters, never in an ARN. */
const TOKEN_MASK = /\ue000(\d+)\ue001/g;

/**
 * Splits an ARN whose parts may be tokens (an environment-agnostic stack's
 * `stack.region` and `stack.account`), as {@link parseArn} splits a literal
 * one: each token is set aside while the ARN is split (its string form may
 * hold `:`), then put back into the part it stands in. Returns `undefined`
 * when the ARN is not of the form `acs:s:r:a:type/name` (a token where the
 * service is, or an ARN that is one token, is not).
 */
export function parseArnWithTokens(arn: string): ArnParts | undefined {
  const tokens: string[] = [];
  const masked = arn.replace(TOKEN_STRING, (token) => {
    tokens.push(token);
    return `\ue000${tokens.length - 1}\ue001`;
  });
  const parts = parseArn(masked);
  if (parts === undefined) return undefined;
  const unmask = (text: string) => text.replace(TOKEN_MASK, (_m, i: string) => tokens[Number(i)]);
  return {
    service: unmask(parts.service),
    region: unmask(parts.region),
    account: unmask(parts.account),
    resourceType: unmask(parts.resourceType),
    resourceName: unmask(parts.resourceName),
  };
}

/** Whether `value` is one token's string form and nothing else (an ARN known only at deploy time). */
export function isSingleToken(value: string): boolean {
  return SINGLE_TOKEN.test(value);
}

/** Describes the expected form of one ARN kind and checks the parts of a parsed ARN. */
interface ArnKind {
  readonly form: string;
  readonly service: string;
  readonly resourceType: string;
  readonly regional: boolean;
  readonly name: Rule;
}

function arnRule(kind: ArnKind): Rule {
  return (value) => {
    const p = parseArn(value);
    if (!p || p.service !== kind.service || p.resourceType !== kind.resourceType) {
      return `must be an ARN of the form '${kind.form}'`;
    }
    if (kind.regional) {
      const region = regionIdRule(p.region);
      if (region) return `has region ${quote(p.region)}, which ${region}`;
    } else if (p.region !== '') {
      return `must have an empty region field ('${kind.form}')`;
    }
    const account = accountIdRule(p.account);
    if (account) return `has account ${quote(p.account)}, which ${account}`;
    const name = kind.name(p.resourceName);
    if (name) return `has name ${quote(p.resourceName)}, which ${name}`;
    return undefined;
  };
}

/** A MaxCompute project ARN ActionTrail can deliver to (project name `actiontrail_...`). */
export const maxComputeProjectArnRule: Rule = arnRule({
  form: 'acs:odps:<region>:<16-digit account ID>:project/actiontrail_<name>',
  service: 'odps',
  resourceType: 'project',
  regional: true,
  name: actionTrailProjectNameRule,
});

/** A RAM role ARN. */
export const ramRoleArnRule: Rule = arnRule({
  form: 'acs:ram::<16-digit account ID>:role/<role name>',
  service: 'ram',
  resourceType: 'role',
  regional: false,
  name: roleNameRule,
});

/** A Log Service (SLS) project ARN. */
export const slsProjectArnRule: Rule = arnRule({
  form: 'acs:log:<region>:<16-digit account ID>:project/<project name>',
  service: 'log',
  resourceType: 'project',
  regional: true,
  name: (v) =>
    /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v)
      ? undefined
      : "must be 3-63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit",
});

/** A KMS key ARN (a key ID such as `key-hzz6...` or a UUID after `key/`). */
export const kmsKeyArnRule: Rule = arnRule({
  form: 'acs:kms:<region>:<16-digit account ID>:key/<key ID>',
  service: 'kms',
  resourceType: 'key',
  regional: true,
  name: (v) =>
    /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/.test(v)
      ? undefined
      : "must be a KMS key ID: 1-128 letters, digits and '-', e.g. key-hzz62f1cb66fa42qo****",
});
