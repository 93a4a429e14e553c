/**
 * InfraGuard's rules that touch the templates this library synthesizes,
 * restated from their published Rego (aliyun/infraguard, commit
 * 6d3cbefa4879fd5ab4d4a28d52f4ff19d7302105, policies/aliyun/rules/ros/<id>.rego),
 * its pack membership (pack_meta of policies/aliyun/packs/**), and its waiver
 * matching (pkg/waiver/waiver.go: matchFile, globMatch, fileCandidates).
 * No Rego engine installs here, so the deny conditions are restated one by one.
 */
import * as path from 'path';

/** The commit the rules were read at. */
export const INFRAGUARD_COMMIT = '6d3cbefa4879fd5ab4d4a28d52f4ff19d7302105';

/** A parsed ROS template. */
export interface RosTemplate {
  readonly [key: string]: unknown;
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, any> }>;
}

/** One finding, as InfraGuard reports it: rule ID and resource ID. */
export interface Violation {
  readonly rule: string;
  readonly resource: string;
  readonly file: string;
}

type Rule = (t: RosTemplate) => string[];

function resourcesOf(t: RosTemplate, type: string): [string, Record<string, any>][] {
  return Object.entries(t.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

/** helpers.has_property: the property is present and not null. */
function has(props: Record<string, any>, name: string): boolean {
  return props[name] !== undefined && props[name] !== null;
}

/** The restated rules, by InfraGuard rule ID: each returns the resource IDs it denies. */
export const RULES: Record<string, Rule> = {
  // actiontrail-enabled.rego: no ALIYUN::ACTIONTRAIL::Trail in the template -> one "Global" finding.
  'actiontrail-enabled': (t) => (resourcesOf(t, 'ALIYUN::ACTIONTRAIL::Trail').length === 0 ? ['Global'] : []),
  // actiontrail-trail-intact-enabled.rego: a Trail whose EventRW (default Write) is not All, or whose
  // Name no ALIYUN::ACTIONTRAIL::TrailLogging with Enable true names.
  'actiontrail-trail-intact-enabled': (t) => {
    const enabled = new Set(
      resourcesOf(t, 'ALIYUN::ACTIONTRAIL::TrailLogging')
        .filter(([, p]) => p.Enable === true && typeof p.Name === 'string' && p.Name !== '')
        .map(([, p]) => p.Name),
    );
    return resourcesOf(t, 'ALIYUN::ACTIONTRAIL::Trail')
      .filter(([, p]) => (p.EventRW ?? 'Write') !== 'All' || !enabled.has(p.Name ?? ''))
      .map(([id]) => id);
  },
  // maxcompute-project-encryption-enabled.rego: Properties.Properties.Encryption.Enable == true, or a finding.
  'maxcompute-project-encryption-enabled': (t) =>
    resourcesOf(t, 'ALIYUN::MaxCompute::Project')
      .filter(([, p]) => p.Properties?.Encryption?.Enable !== true)
      .map(([id]) => id),
  // maxcompute-project-ip-whitelist-enabled.rego: helpers.has_property(resource, "IpWhiteList").
  'maxcompute-project-ip-whitelist-enabled': (t) =>
    resourcesOf(t, 'ALIYUN::MaxCompute::Project')
      .filter(([, p]) => !has(p, 'IpWhiteList'))
      .map(([id]) => id),
  // ram-role-has-specified-policy.rego: a role with no PolicyAttachments.System/Custom and no
  // ALIYUN::RAM::AttachPolicyToRole naming it (inline Policies do not count).
  'ram-role-has-specified-policy': (t) => {
    const attached = resourcesOf(t, 'ALIYUN::RAM::AttachPolicyToRole').map(([, p]) => JSON.stringify(p.RoleName));
    return resourcesOf(t, 'ALIYUN::RAM::Role')
      .filter(([id, p]) => {
        const pa = p.PolicyAttachments ?? {};
        if ((pa.System ?? []).length > 0 || (pa.Custom ?? []).length > 0) return false;
        const names = [
          JSON.stringify(p.RoleName ?? id),
          JSON.stringify({ Ref: id }),
          JSON.stringify({ 'Fn::GetAtt': [id, 'RoleName'] }),
        ];
        return !attached.some((a) => names.includes(a));
      })
      .map(([id]) => id);
  },
  // ram-role-no-product-admin-access.rego: a role's PolicyDocument allowing * on *, or a system policy
  // AdministratorAccess or *Admin*FullAccess* attached.
  'ram-role-no-product-admin-access': (t) =>
    resourcesOf(t, 'ALIYUN::RAM::Role')
      .filter(([, p]) => {
        const wildcard = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'));
        const statements: any[] = p.PolicyDocument?.Statement ?? [];
        const adminDoc = statements.some(
          (s) => s.Effect === 'Allow' && wildcard(s.Action ?? []) && wildcard(s.Resource ?? ''),
        );
        const adminPolicy = (p.PolicyAttachments?.System ?? []).some(
          (n: string) => n === 'AdministratorAccess' || (n.includes('Admin') && n.includes('FullAccess')),
        );
        return adminDoc || adminPolicy;
      })
      .map(([id]) => id),
  // firewall-asset-open-protect.rego: any resource other than ALIYUN::ROS::WaitConditionHandle, and no
  // ALIYUN::CLOUDFW::FwSwitch -> one finding with resource_id "".
  'firewall-asset-open-protect': (t) => {
    const all = Object.values(t.Resources ?? {});
    const needs = all.some((r) => r.Type !== 'ALIYUN::ROS::WaitConditionHandle');
    return needs && !all.some((r) => r.Type === 'ALIYUN::CLOUDFW::FwSwitch') ? [''] : [];
  },
  // sls-project-multi-zone.rego: an ALIYUN::SLS::Project whose DataRedundancyType (default LRS) is not ZRS.
  'sls-project-multi-zone': (t) =>
    resourcesOf(t, 'ALIYUN::SLS::Project')
      .filter(([, p]) => p.DataRedundancyType !== 'ZRS')
      .map(([id]) => id),
  // sls-logstore-enabled-encrypt.rego: an ALIYUN::SLS::Logstore whose EncryptConf is missing or empty.
  'sls-logstore-enabled-encrypt': (t) =>
    resourcesOf(t, 'ALIYUN::SLS::Logstore')
      .filter(([, p]) => Object.keys(p.EncryptConf ?? {}).length === 0)
      .map(([id]) => id),
};

/**
 * The packs the issue names (`-p pack:aliyun:<pack_meta.id>`), each with the
 * restated rules it holds (its other rules touch resource types this library
 * does not synthesize), read from policies/aliyun/packs/** at the commit.
 */
export const PACKS: Record<string, readonly string[]> = {
  // compliance/common-compliance-pack.rego
  compliance: ['maxcompute-project-encryption-enabled', 'sls-project-multi-zone'],
  // compliance/iso-27001-compliance.rego
  'iso-27001-compliance': ['maxcompute-project-encryption-enabled'],
  // compliance/generative-ai-compliance-best-practice.rego
  'generative-ai-compliance-best-practice': [
    'maxcompute-project-encryption-enabled',
    'maxcompute-project-ip-whitelist-enabled',
  ],
  // compliance/rmit-financial-standard-compliance-pack.rego
  'rmit-financial-standard-compliance-pack': ['actiontrail-enabled', 'actiontrail-trail-intact-enabled'],
  // compliance/mlps-level-2-pre-check-compliance-pack.rego
  'mlps-level-2-pre-check-compliance-pack': ['actiontrail-trail-intact-enabled'],
  // compliance/mlps-level-3-pre-check-compliance-pack.rego
  'mlps-level-3-pre-check-compliance-pack': [
    'actiontrail-trail-intact-enabled',
    'firewall-asset-open-protect',
    'sls-logstore-enabled-encrypt',
  ],
  // security/common-security-pack.rego
  security: ['actiontrail-trail-intact-enabled'],
  // security/aliyun-well-architected-security-pillar-best-practice.rego
  'aliyun-well-architected-security-pillar-best-practice': ['actiontrail-trail-intact-enabled'],
};

/**
 * The resource types whose InfraGuard rules (in any pack) are restated above.
 * ALIYUN::FC3::Function, ALIYUN::RandomString and ALIYUN::ROS::StackGroup/StackInstances
 * have no InfraGuard rule at the commit (its FC rules are for the FC 2.0 types
 * ALIYUN::FC::*). A new type in an example needs its rules restated here.
 */
export const COVERED_TYPES: readonly string[] = [
  'Custom::ActionTrailTrail',
  'ALIYUN::ACTIONTRAIL::Trail',
  'ALIYUN::ACTIONTRAIL::TrailLogging',
  'ALIYUN::MaxCompute::Project',
  'ALIYUN::RAM::Role',
  'ALIYUN::FC3::Function',
  'ALIYUN::RandomString',
  'ALIYUN::ROS::StackGroup',
  'ALIYUN::ROS::StackInstances',
  // The alert pack: no rule under policies/aliyun/rules/ros names ALIYUN::EventBridge::* or ALIYUN::SLS::Alert at the commit.
  'ALIYUN::EventBridge::Rule',
  'ALIYUN::SLS::Alert',
];

/** The findings of the given rules on one template file. */
export function scan(file: string, template: RosTemplate, rules: readonly string[]): Violation[] {
  return rules.flatMap((rule) => RULES[rule](template).map((resource) => ({ rule, resource, file })));
}

/** A waiver of the central file, as pkg/waiver/waiver.go reads it. */
export interface Waiver {
  readonly rule: string;
  readonly resource?: string;
  readonly files?: readonly string[];
  readonly reason: string;
  readonly expires?: string;
  readonly owner?: string;
}

/** waiver.go globToRegexp: `**` any characters (a following `/` consumed), `*` within a segment, `?` one character. */
export function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

/** waiver.go matchFile: the first waiver whose rule, resource glob and file globs match. */
export function waiverFor(v: Violation, waivers: readonly Waiver[], cwd: string): Waiver | undefined {
  const abs = path.resolve(cwd, v.file);
  const candidates = [v.file, abs, path.relative(cwd, abs)].map((p) => p.split(path.sep).join('/'));
  return waivers.find(
    (w) =>
      (w.rule === '*' || w.rule === v.rule) &&
      (w.resource === undefined || w.resource === '' || globToRegExp(w.resource).test(v.resource)) &&
      (w.files === undefined ||
        w.files.length === 0 ||
        w.files.some((f) => candidates.some((c) => globToRegExp(f).test(c)))),
  );
}
