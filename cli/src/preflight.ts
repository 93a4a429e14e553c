/**
 * `preflight`: read-only checks of the stacks against their accounts, before
 * a deploy. Every check is one {@link CheckResult}: ok, failed (with the fix)
 * or could-not-check (with why: AccessDenied and the RAM action it needs,
 * throttling, no credentials for an account). Nothing here writes.
 *
 * APIs (names, paths and fields as in docs/cli.md "preflight"):
 * - ROS 2019-09-10 `ValidateTemplate(TemplateBody)`, `GetResourceType(ResourceType)`
 *   (`Properties`, `Attributes` maps), `GetTemplate(StackId)` of a deployed stack.
 * - ActionTrail 2020-07-06 `DescribeTrails(IncludeOrganizationTrail)` (`TrailList[]`
 *   with `Name`, `HomeRegion`, `IsOrganizationTrail`); per-region limit 5
 *   single-account trails, 1 multi-account trail (MaximumNumberOfTrailsExceededException).
 * - MaxCompute 2022-01-04 (ROA) `GetProject` `GET /api/v1/projects/{name}`
 *   (`data.regionId`), `ListQuotas` `GET /api/v1/quotas` (`quotaInfoList[]` or
 *   `data.quotaInfoList[]`, each `nickName`, `name`, `regionId`).
 * - RAM 2015-05-01 `GetRole(RoleName)` (`Role.AssumeRolePolicyDocument`, a JSON
 *   string), `ListPoliciesForRole(RoleName)` (`Policies.Policy[]{PolicyName, PolicyType}`).
 * - EventBridge 2020-04-01 `TestEventPattern(Event, EventPattern)` for each alert
 *   rule (src/alert-rules.ts).
 */
import * as $ros from '@alicloud/ros20190910';
import { AssemblyStack, Template } from './assembly';
import { CloudClients } from './clients';
import { isAccessDenied, isNotActivated, isNotFound, isThrottled, shortReason } from './cloud-errors';
import { RemoteStack } from './ros-stacks';
import { StackTarget } from './targets';
import { trailsInTemplate } from './trail-status';
import { DiffTemplate, encryptionReplacementLine, encryptionReplacements } from './template-diff';
import { literalValue } from './delivery';
import { ALERT_RAM_ACTIONS, alertPatternChecks } from './alert-rules';
import { parseArn } from '../../lib/shared/arn';
import {
  CUSTOM_TRAIL_TYPE,
  MAXCOMPUTE_PROJECT_TYPE,
  RAM_ROLE_TYPE,
  ROS_STACK_GROUP_TYPE,
  ROS_TRAIL_TYPE,
} from '../../lib/shared/resource-types';

/** The outcome of one check. */
export type CheckStatus = 'ok' | 'failed' | 'could-not-check';

/** One check and its outcome: one line of `preflight`, one element of `--json`'s `checks`. */
export interface CheckResult {
  /** The stack's artifact ID. */
  readonly stack: string;
  /** The check's kind, e.g. `ros.resource-type` (docs/cli.md lists them). */
  readonly check: string;
  /** What was checked: a resource type, a trail, a project, a role, an account. */
  readonly subject: string;
  /** ok, failed or could-not-check. */
  readonly status: CheckStatus;
  /** What was found (ok), what is wrong (failed), or why it could not be checked. */
  readonly message: string;
  /** How to fix it (failed; for could-not-check, what to grant or do). @default - none */
  readonly fix?: string;
}

/** ActionTrail's documented per-region limit of single-account trails (FACTS: "5 per region"). */
export const TRAILS_PER_REGION = 5;

/** ActionTrail's limit of multi-account trails per organization (MaximumNumberOfOrganizationTrailExceeded). */
export const ORGANIZATION_TRAILS = 1;

/** The system policy a cross-account delivery role must have (the same name lib/destinations attaches). */
export const DELIVERY_POLICY = 'AliyunActionTrailDeliveryPolicy';

/** What a check needs besides its stack. */
export interface PreflightInput {
  /** The stacks to check, in deploy order, with their clients (the STS account check already done). */
  readonly targets: readonly StackTarget[];
  /** Every stack of the assembly (roles and projects another stack of the app creates). */
  readonly allStacks: readonly AssemblyStack[];
  /** The deployed stack of each target, when the caller already looked it up (deploy). @default - looked up here */
  readonly deployed?: ReadonlyMap<StackTarget, RemoteStack | undefined>;
  /** Clients for an account with no target among `targets` (a `--profile` for it), if any. */
  readonly clientsForAccount?: (account: string, region: string) => Promise<CloudClients | undefined>;
  /**
   * `deploy --allow-project-replacement`: a change of a deployed MaxCompute
   * project's storage encryption (a replacement) is reported ok, not failed.
   * @default false
   */
  readonly allowProjectReplacement?: boolean;
}

/** A resource of a template, embedded templates (a stack group's `TemplateBody`) included. */
interface FoundResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly template: Template;
}

function resourcesOf(template: Template): FoundResource[] {
  const found: FoundResource[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    if (typeof r.Type !== 'string') continue;
    found.push({ logicalId, type: r.Type, properties: r.Properties ?? {}, template });
    if (r.Type === ROS_STACK_GROUP_TYPE && typeof r.Properties?.TemplateBody === 'string') {
      try {
        found.push(...resourcesOf(JSON.parse(r.Properties.TemplateBody) as Template));
      } catch {
        // Not JSON (YAML or a token): ValidateTemplate of the stack group is ROS's business.
      }
    }
  }
  return found;
}

/** Every `{"Fn::GetAtt": [logicalId, attribute]}` in a value. */
function getAtts(value: unknown, out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) {
    for (const v of value) getAtts(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') {
        out.push([v[0], v[1]]);
      } else {
        getAtts(v, out);
      }
    }
  }
  return out;
}

/** The property names and attribute names a template uses, per resource type (custom resources left out). */
export function typeUsage(template: Template): Map<string, { properties: Set<string>; attributes: Set<string> }> {
  const usage = new Map<string, { properties: Set<string>; attributes: Set<string> }>();
  const resources = resourcesOf(template);
  const of = (type: string) => {
    let u = usage.get(type);
    if (!u) {
      u = { properties: new Set(), attributes: new Set() };
      usage.set(type, u);
    }
    return u;
  };
  for (const r of resources) {
    if (r.type.startsWith('Custom::')) continue;
    const u = of(r.type);
    for (const p of Object.keys(r.properties)) u.properties.add(p);
  }
  const templates = new Set(resources.map((r) => r.template));
  for (const t of templates) {
    for (const [logicalId, attribute] of getAtts(t)) {
      const target = t.Resources?.[logicalId]?.Type;
      if (target !== undefined && !target.startsWith('Custom::')) of(target).attributes.add(attribute);
    }
  }
  return usage;
}

/** The trails of a template that deliver to MaxCompute with literal ARNs. */
interface MaxComputeTrail {
  readonly name: string;
  readonly projectArn?: string;
  readonly roleArn?: string;
}

function maxComputeTrails(template: Template, account?: string, region?: string): MaxComputeTrail[] {
  const out: MaxComputeTrail[] = [];
  for (const r of Object.values(template.Resources ?? {})) {
    const props =
      r.Type === CUSTOM_TRAIL_TYPE
        ? (r.Properties?.Parameters as Record<string, unknown> | undefined)
        : r.Type === ROS_TRAIL_TYPE
          ? r.Properties
          : undefined;
    if (!props || typeof props.Name !== 'string') continue;
    // Literal, or Fn::Join with the stack's own account and region (the library's thisAccount ARNs).
    const literal = (v: unknown): string | undefined =>
      typeof v === 'string' ? v : account && region ? literalValue(v, account, region) : undefined;
    const projectArn = literal(props.MaxComputeProjectArn);
    const roleArn = literal(props.MaxComputeWriteRoleArn);
    if (projectArn !== undefined || roleArn !== undefined) out.push({ name: props.Name, projectArn, roleArn });
  }
  return out;
}

/** The stack of the app that creates a literal-named resource of `type` in `account`, if any. */
function creatorOf(
  stacks: readonly AssemblyStack[],
  accountOf: (s: AssemblyStack) => string | undefined,
  account: string,
  type: string,
  nameProperty: string,
  name: string,
): { stack: AssemblyStack; properties: Record<string, unknown> } | undefined {
  for (const s of stacks) {
    if (accountOf(s) !== account) continue;
    for (const r of Object.values(s.template.Resources ?? {})) {
      if (r.Type === type && literalValue(r.Properties?.[nameProperty], account, s.region ?? '') === name) {
        return { stack: s, properties: r.Properties ?? {} };
      }
    }
  }
  return undefined;
}

/** The accounts a role's trust policy lets ActionTrail deliver from (`<account>@actiontrail.aliyuncs.com`). */
export function trustedSourceAccounts(document: unknown): string[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(decodeURIComponent(doc));
    } catch {
      try {
        doc = JSON.parse(doc as string);
      } catch {
        return [];
      }
    }
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const accounts: string[] = [];
  for (const st of Array.isArray(statements) ? statements : []) {
    const s = st as { Effect?: unknown; Principal?: { Service?: unknown } };
    if (s.Effect !== 'Allow') continue;
    const services = Array.isArray(s.Principal?.Service) ? s.Principal.Service : [s.Principal?.Service];
    for (const svc of services) {
      const m = typeof svc === 'string' ? /^(\d{16})@actiontrail\.aliyuncs\.com$/.exec(svc) : null;
      if (m) accounts.push(m[1]);
    }
  }
  return accounts;
}

/** The RAM action each API call needs, for could-not-check lines. */
const RAM_ACTIONS: Record<string, string> = {
  ValidateTemplate: 'ros:ValidateTemplate',
  GetResourceType: 'ros:GetResourceType',
  GetTemplate: 'ros:GetTemplate',
  ListStacks: 'ros:ListStacks',
  DescribeTrails: 'actiontrail:DescribeTrails',
  GetProject: 'odps:GetProject',
  ListQuotas: 'odps:ListQuotas',
  GetRole: 'ram:GetRole',
  ListPoliciesForRole: 'ram:ListPoliciesForRole',
};

/** The RAM actions `preflight` calls (README's deployer policy lists the same). */
export const PREFLIGHT_RAM_ACTIONS = [
  'sts:GetCallerIdentity',
  ...Object.values(RAM_ACTIONS),
  ALERT_RAM_ACTIONS.TestEventPattern,
];

/** Why a call failed, as a could-not-check result; undefined when the failure is not one of those. */
function couldNotCheck(
  e: unknown,
  api: string,
  base: Pick<CheckResult, 'stack' | 'check' | 'subject'>,
): CheckResult | undefined {
  if (isAccessDenied(e)) {
    return {
      ...base,
      status: 'could-not-check',
      message: `${api} was refused (${shortReason(e)})`,
      fix: `grant ${RAM_ACTIONS[api] ?? api} to the credentials (README "Permissions for preflight")`,
    };
  }
  if (isThrottled(e)) {
    return {
      ...base,
      status: 'could-not-check',
      message: `${api} was throttled after every retry (${shortReason(e)})`,
      fix: 'run preflight again in a minute',
    };
  }
  return undefined;
}

/**
 * Runs `body`; an AccessDenied or throttling answer becomes could-not-check
 * naming the API (`api`, or the last name `body` put in `api[0]`), anything
 * else could-not-check with its text.
 */
async function guarded(
  base: Pick<CheckResult, 'stack' | 'check' | 'subject'>,
  apiName: string | string[],
  body: () => Promise<CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    return await body();
  } catch (e) {
    const api = typeof apiName === 'string' ? apiName : apiName[0];
    return [
      couldNotCheck(e, api, base) ?? {
        ...base,
        status: 'could-not-check',
        message: `${api} failed (${shortReason(e)})`,
        fix: 'run preflight again with --verbose',
      },
    ];
  }
}

/**
 * Runs every check of every target and returns the results in order: per
 * stack, ROS (ValidateTemplate, each resource type), ActionTrail (name clash,
 * limits), MaxCompute (project, quota) and the delivery role.
 */
export async function runPreflight(input: PreflightInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const typeCache = new Map<string, Promise<Record<string, unknown>>>();
  const accountOf = (s: AssemblyStack): string | undefined =>
    input.targets.find((t) => t.stack === s)?.account ?? s.account;

  const clientsFor = async (account: string, region: string): Promise<CloudClients | undefined> => {
    const t = input.targets.find((x) => x.account === account);
    if (t) return t.clients.inRegion(region);
    return input.clientsForAccount?.(account, region);
  };

  // Trails each target's region would hold after the deploy, for the limit.
  const newTrails = new Map<string, { single: string[]; organization: string[] }>();

  for (const t of input.targets) {
    const stack = t.stack.id;
    results.push({
      stack,
      check: 'sts.account',
      subject: t.account,
      status: 'ok',
      message: `${t.label} belong${t.label.startsWith('profile ') ? 's' : ''} to account ${t.account} (STS GetCallerIdentity)`,
    });

    // ROS: ValidateTemplate.
    results.push(
      ...(await guarded(
        { stack, check: 'ros.validate-template', subject: t.stack.templateFile },
        'ValidateTemplate',
        async () => {
          try {
            await t.clients.rosCall((ros) =>
              ros.validateTemplate(
                new $ros.ValidateTemplateRequest({
                  regionId: t.region,
                  templateBody: t.stack.templateBody,
                }),
              ),
            );
          } catch (e) {
            if (isAccessDenied(e) || isThrottled(e)) throw e;
            return [
              {
                stack,
                check: 'ros.validate-template',
                subject: `${t.stack.id}.template.json`,
                status: 'failed',
                message: `ROS ValidateTemplate refused the template: ${shortReason(e)}`,
                fix: 'the template is what synth wrote: report it as a bug of actiontrail-cdk, with this message',
              },
            ];
          }
          return [
            {
              stack,
              check: 'ros.validate-template',
              subject: `${t.stack.id}.template.json`,
              status: 'ok',
              message: `ROS ValidateTemplate accepts the template (${t.region})`,
            },
          ];
        },
      )),
    );

    // ROS: each resource type's properties and attributes.
    for (const [type, used] of typeUsage(t.stack.template)) {
      const base = { stack, check: 'ros.resource-type', subject: type };
      results.push(
        ...(await guarded(base, 'GetResourceType', async () => {
          const key = `${t.label}\u0000${t.region}\u0000${type}`;
          let pending = typeCache.get(key);
          if (!pending) {
            pending = t.clients.rosCall((ros) =>
              ros.getResourceType(
                new $ros.GetResourceTypeRequest({
                  resourceType: type,
                }),
              ),
            ) as unknown as Promise<Record<string, unknown>>;
            typeCache.set(key, pending);
          }
          let body: Record<string, unknown>;
          try {
            body = await pending;
          } catch (e) {
            if (!isNotFound(e)) throw e;
            return [
              {
                ...base,
                status: 'failed' as const,
                message: `ROS in ${t.region} has no resource type ${type} (${shortReason(e)})`,
                fix: `deploy to a region where ROS offers ${type}, or report it (README "What is not known")`,
              },
            ];
          }
          const properties = Object.keys((body.properties ?? body.Properties ?? {}) as object);
          const attributes = Object.keys((body.attributes ?? body.Attributes ?? {}) as object);
          const missingProps = [...used.properties].filter((p) => !properties.includes(p));
          const missingAttrs = [...used.attributes].filter((a) => !attributes.includes(a));
          const checked = `propert${used.properties.size === 1 ? 'y' : 'ies'} ${[...used.properties].join(', ') || '(none)'}${used.attributes.size ? `; attribute${used.attributes.size === 1 ? '' : 's'} ${[...used.attributes].join(', ')}` : ''}`;
          if (missingProps.length === 0 && missingAttrs.length === 0) {
            return [{ ...base, status: 'ok' as const, message: `ROS knows ${checked}` }];
          }
          const parts = [
            ...missingProps.map((p) => `no property '${p}' (it has: ${properties.join(', ') || 'none'})`),
            ...missingAttrs.map((a) => `no attribute '${a}' (it has: ${attributes.join(', ') || 'none'})`),
          ];
          return [
            {
              ...base,
              status: 'failed' as const,
              message: `ROS GetResourceType ${type} in ${t.region}: ${parts.join('; ')}: the deploy would fail at this resource`,
              fix: 'nothing in your app can fix it: report it to actiontrail-cdk with this line (README "What is not known" lists the guessed names)',
            },
          ];
        })),
      );
    }

    // EventBridge: each alert rule's pattern read by the service as the library means it (issue 22).
    results.push(...(await alertPatternChecks(t)));

    // ActionTrail: name clashes and the per-region limits.
    const trails = trailsInTemplate(t.stack.template);
    if (trails.length > 0) {
      const remote = input.deployed?.has(t) ? input.deployed.get(t) : undefined;
      const api = ['DescribeTrails'];
      results.push(
        ...(await guarded(
          { stack, check: 'actiontrail.name', subject: trails.map((x) => x.name).join(', ') },
          api,
          async () => {
            const described = await t.clients.rpc('actiontrail', 'DescribeTrails', { IncludeOrganizationTrail: true });
            const list = (Array.isArray(described.TrailList) ? described.TrailList : []) as Array<
              Record<string, unknown>
            >;
            const inRegion = list.filter((x) => x.HomeRegion === undefined || x.HomeRegion === t.region);
            let deployedRemote = remote;
            api[0] = 'ListStacks';
            if (!input.deployed?.has(t)) deployedRemote = await t.ros.find(t.stack.stackName);
            let deployedNames: string[] = [];
            if (deployedRemote) {
              api[0] = 'GetTemplate';
              const body = await t.clients.rosCall((ros) =>
                ros.getTemplate(
                  new $ros.GetTemplateRequest({
                    regionId: t.region,
                    stackId: deployedRemote.stackId,
                  }),
                ),
              );
              try {
                deployedNames = trailsInTemplate(JSON.parse(String(body.templateBody ?? '{}')) as Template).map(
                  (x) => x.name,
                );
              } catch {
                deployedNames = [];
              }
            }
            const out: CheckResult[] = [];
            const key = `${t.account}\u0000${t.region}`;
            const pendingNew = newTrails.get(key) ?? { single: [], organization: [] };
            newTrails.set(key, pendingNew);
            for (const trail of trails) {
              const base = { stack, check: 'actiontrail.name', subject: trail.name };
              const existing = list.find((x) => x.Name === trail.name);
              if (!existing) {
                (trail.organization ? pendingNew.organization : pendingNew.single).push(trail.name);
                out.push({
                  ...base,
                  status: 'ok',
                  message: `no trail '${trail.name}' yet in account ${t.account}: it will be created`,
                });
              } else if (deployedNames.includes(trail.name)) {
                out.push({
                  ...base,
                  status: 'ok',
                  message: `trail '${trail.name}' exists and the deployed stack ${t.stack.stackName} manages it`,
                });
              } else {
                out.push({
                  ...base,
                  status: 'failed',
                  message: `a trail named '${trail.name}' already exists in account ${t.account} (home region ${String(existing.HomeRegion ?? 'unknown')}) and stack ${t.stack.stackName} does not manage it: CreateTrail would fail (TrailAlreadyExistsException)`,
                  fix: `give the trail another name in the app, or delete the existing trail '${trail.name}' if it is not needed`,
                });
              }
            }
            const single = inRegion.filter((x) => x.IsOrganizationTrail !== true && x.IsOrganizationTrail !== 'true');
            const org = list.filter((x) => x.IsOrganizationTrail === true || x.IsOrganizationTrail === 'true');
            const singleAfter = single.length + pendingNew.single.length;
            out.push(
              singleAfter > TRAILS_PER_REGION
                ? {
                    stack,
                    check: 'actiontrail.limit',
                    subject: t.region,
                    status: 'failed',
                    message: `account ${t.account} has ${single.length} single-account trail(s) in ${t.region} and the app adds ${pendingNew.single.length}: ${singleAfter} is past ActionTrail's limit of ${TRAILS_PER_REGION} per region (MaximumNumberOfTrailsExceededException)`,
                    fix: `delete trails that are no longer needed (existing: ${single.map((x) => String(x.Name)).join(', ')}), or deliver several needs through one trail`,
                  }
                : {
                    stack,
                    check: 'actiontrail.limit',
                    subject: t.region,
                    status: 'ok',
                    message: `${singleAfter} of ${TRAILS_PER_REGION} single-account trails in ${t.region} after the deploy`,
                  },
            );
            if (pendingNew.organization.length > 0) {
              const orgAfter = org.length + pendingNew.organization.length;
              out.push(
                orgAfter > ORGANIZATION_TRAILS
                  ? {
                      stack,
                      check: 'actiontrail.limit',
                      subject: 'multi-account trails',
                      status: 'failed',
                      message: `the organization already has ${org.length} multi-account trail(s) (${org.map((x) => String(x.Name)).join(', ')}): a new one is past ActionTrail's limit of ${ORGANIZATION_TRAILS} (MaximumNumberOfOrganizationTrailExceeded)`,
                      fix: 'manage the existing multi-account trail, or delete it first',
                    }
                  : {
                      stack,
                      check: 'actiontrail.limit',
                      subject: 'multi-account trails',
                      status: 'ok',
                      message: `${orgAfter} of ${ORGANIZATION_TRAILS} multi-account trail after the deploy`,
                    },
              );
            }
            return out;
          },
        )),
      );
    }

    // MaxCompute: a deployed project whose storage encryption changes is replaced (issue 23).
    results.push(...(await encryptionChecks(input, t)));

    // MaxCompute: the projects this stack creates (region clash, quota) and the trails' targets.
    for (const r of resourcesOf(t.stack.template)) {
      const name =
        r.type === MAXCOMPUTE_PROJECT_TYPE ? literalValue(r.properties.Name, t.account, t.region) : undefined;
      if (name === undefined) continue;
      results.push(...(await projectChecks(stack, t.clients, t.account, t.region, name, 'created here')));
      const quota = typeof r.properties.DefaultQuota === 'string' ? r.properties.DefaultQuota : undefined;
      results.push(...(await quotaCheck(stack, t.clients, t.region, quota)));
    }
    for (const mc of maxComputeTrails(t.stack.template, t.account, t.region)) {
      const project = mc.projectArn ? parseArn(mc.projectArn) : undefined;
      if (project && /^\d{16}$/.test(project.account) && project.region !== '') {
        const clients = await clientsFor(project.account, project.region);
        const creator = creatorOf(
          input.allStacks,
          accountOf,
          project.account,
          MAXCOMPUTE_PROJECT_TYPE,
          'Name',
          project.resourceName,
        );
        const base = { stack, check: 'maxcompute.project', subject: `${project.resourceName} (trail ${mc.name})` };
        if (creator) {
          // The creating stack's own check covers its region; here only that it is the app's.
          results.push({
            ...base,
            status: 'ok',
            message: `created by stack ${creator.stack.id} of this app (account ${project.account}, ${project.region})`,
          });
        } else if (!clients) {
          results.push({
            ...base,
            status: 'could-not-check',
            message: `no credentials for account ${project.account}, which owns the project`,
            fix: `pass --profile ${project.account}=<profile of that account>`,
          });
        } else {
          const sameAccount = project.account === t.account;
          results.push(
            ...(await projectChecks(
              stack,
              clients,
              project.account,
              project.region,
              project.resourceName,
              sameAccount ? 'trail target' : 'cross-account target',
              mc.name,
            )),
          );
        }
      }
      const role = mc.roleArn ? parseArn(mc.roleArn) : undefined;
      if (role && /^\d{16}$/.test(role.account)) {
        results.push(...(await roleCheck(input, stack, t, role.account, role.resourceName, accountOf, clientsFor)));
      }
    }
  }
  return results;
}

/**
 * A deployed MaxCompute project whose `Properties.Properties.Encryption`
 * differs from the synthesized one: ROS documents `Properties` as not
 * editable and MaxCompute sets encryption at creation, so the deploy would
 * replace the project that holds the audit events. Failed unless
 * `allowProjectReplacement`; nothing for a stack without projects or not deployed.
 */
async function encryptionChecks(input: PreflightInput, t: StackTarget): Promise<CheckResult[]> {
  const projects = Object.values((t.stack.template.Resources ?? {}) as Record<string, { Type?: string }>).filter(
    (r) => r.Type === MAXCOMPUTE_PROJECT_TYPE,
  );
  if (projects.length === 0) return [];
  const base = { stack: t.stack.id, check: 'maxcompute.encryption', subject: t.stack.stackName };
  return guarded(base, 'GetTemplate', async () => {
    const remote = input.deployed?.has(t) ? input.deployed.get(t) : await t.ros.find(t.stack.stackName);
    if (!remote) return [];
    const deployed = await t.ros.template(remote.stackId);
    return encryptionReplacements(deployed, t.stack.template as DiffTemplate).map((r) => ({
      ...base,
      subject: r.logicalId,
      ...(input.allowProjectReplacement
        ? {
            status: 'ok' as const,
            message: `${encryptionReplacementLine(r)}; allowed by --allow-project-replacement (the old project is retained with its events)`,
          }
        : {
            status: 'failed' as const,
            message: `${encryptionReplacementLine(r)}: ROS documents the project's Properties as not editable, and MaxCompute sets encryption when it creates a project`,
            fix: "keep the deployed setting (e.g. ProjectEncryption.unencrypted('deployed before encryption became the default')), or deploy with --allow-project-replacement once the old project can go (it is retained, and its name is taken)",
          }),
    }));
  });
}

/** MaxCompute GetProject: exists, and in which region; not activated where the answer says so. */
async function projectChecks(
  stack: string,
  clients: CloudClients,
  account: string,
  region: string,
  name: string,
  role: 'created here' | 'trail target' | 'cross-account target',
  trail?: string,
): Promise<CheckResult[]> {
  const base = { stack, check: 'maxcompute.project', subject: trail ? `${name} (trail ${trail})` : name };
  return guarded(base, 'GetProject', async () => {
    let body: Record<string, unknown>;
    try {
      body = await clients
        .inRegion(region)
        .roa('maxcompute', 'GetProject', `/api/v1/projects/${encodeURIComponent(name)}`);
    } catch (e) {
      if (isNotActivated(e)) {
        return [
          {
            ...base,
            status: 'failed' as const,
            message: `MaxCompute is not activated in account ${account} (${shortReason(e)})`,
            fix: `activate MaxCompute (and DataWorks) for account ${account} in the console, in ${region}`,
          },
        ];
      }
      if (!isNotFound(e)) throw e;
      if (role === 'created here') {
        return [
          {
            ...base,
            status: 'ok' as const,
            message: `does not exist yet in account ${account}: the stack creates it in ${region}`,
          },
        ];
      }
      if (role === 'trail target' && name === `actiontrail_${account}`) {
        return [
          {
            ...base,
            status: 'ok' as const,
            message: `does not exist yet: ActionTrail creates project ${name} in ${region} when the trail first delivers`,
          },
        ];
      }
      return [
        {
          ...base,
          status: 'failed' as const,
          message: `project ${name} does not exist in account ${account} (${region}): the trail could not deliver`,
          fix: `create it (a DeliveryDestination stack in account ${account}) and deploy that first`,
        },
      ];
    }
    const data = (body.data ?? body) as Record<string, unknown>;
    const actual = typeof data.regionId === 'string' ? data.regionId : undefined;
    if (actual !== undefined && actual !== region) {
      return [
        {
          ...base,
          status: 'failed' as const,
          message: `project ${name} exists in account ${account}, but in ${actual}, not ${region} as the app says`,
          fix: `use MaxCompute region ${actual} in the app (maxCompute region / DeliveryDestination region), or another project name`,
        },
      ];
    }
    return [
      {
        ...base,
        status: 'ok' as const,
        message: `exists in account ${account}, ${actual ?? region}${typeof data.status === 'string' ? `, status ${data.status}` : ''}`,
      },
    ];
  });
}

/** The quota name the library sets by default; whether ListQuotas lists it is not known (README). */
const PAY_AS_YOU_GO_QUOTA = 'os_PayAsYouGoQuota';

/** MaxCompute ListQuotas: the region has a quota, and the one the app sets exists. */
async function quotaCheck(
  stack: string,
  clients: CloudClients,
  region: string,
  quota: string | undefined,
): Promise<CheckResult[]> {
  const base = { stack, check: 'maxcompute.quota', subject: quota ?? region };
  return guarded(base, 'ListQuotas', async () => {
    let body: Record<string, unknown>;
    try {
      body = await clients.inRegion(region).roa('maxcompute', 'ListQuotas', '/api/v1/quotas', { region });
    } catch (e) {
      if (!isNotActivated(e)) throw e;
      return [
        {
          ...base,
          status: 'failed' as const,
          message: `MaxCompute is not activated (${shortReason(e)})`,
          fix: `activate MaxCompute (and DataWorks) in ${region} in the console`,
        },
      ];
    }
    const data = (body.data ?? body) as Record<string, unknown>;
    const list = (
      Array.isArray(data.quotaInfoList)
        ? data.quotaInfoList
        : Array.isArray(body.quotaInfoList)
          ? body.quotaInfoList
          : []
    ) as Array<Record<string, unknown>>;
    const here = list.filter((q) => q.regionId === undefined || q.regionId === region);
    if (here.length === 0) {
      return [
        {
          ...base,
          status: 'failed' as const,
          message: `no MaxCompute quota in ${region}`,
          fix: 'choose another MaxCompute region, one with a quota (the console says: "if no quota is available in the current region, select a different MaxCompute region")',
        },
      ];
    }
    const names = here.flatMap((q) => [q.nickName, q.name].filter((n): n is string => typeof n === 'string'));
    if (quota === undefined || names.includes(quota)) {
      return [
        {
          ...base,
          status: 'ok' as const,
          message: `${here.length} quota(s) in ${region}${quota ? `, ${quota} among them` : ''}`,
        },
      ];
    }
    if (quota === PAY_AS_YOU_GO_QUOTA) {
      return [
        {
          ...base,
          status: 'could-not-check' as const,
          message: `${quota} is not in ListQuotas (${names.join(', ')}); whether ListQuotas lists the pay-as-you-go quota is not known`,
          fix: 'check the quota in the MaxCompute console (README "What is not known")',
        },
      ];
    }
    return [
      {
        ...base,
        status: 'failed' as const,
        message: `quota ${quota} does not exist in ${region} (there: ${names.join(', ')})`,
        fix: `set the project's quota to one of: ${names.join(', ')}`,
      },
    ];
  });
}

/** RAM GetRole + ListPoliciesForRole of a trail's write role, with the destination account's credentials. */
async function roleCheck(
  input: PreflightInput,
  stack: string,
  t: StackTarget,
  account: string,
  roleName: string,
  accountOf: (s: AssemblyStack) => string | undefined,
  clientsFor: (account: string, region: string) => Promise<CloudClients | undefined>,
): Promise<CheckResult[]> {
  const base = { stack, check: 'ram.delivery-role', subject: `acs:ram::${account}:role/${roleName}` };
  // Every account of the app whose trails deliver through this role.
  const sources = new Set<string>();
  for (const s of input.allStacks) {
    for (const mc of maxComputeTrails(s.template)) {
      const r = mc.roleArn ? parseArn(mc.roleArn) : undefined;
      const a = accountOf(s);
      if (r && r.account === account && r.resourceName === roleName && a !== undefined) sources.add(a);
    }
  }
  const creator = creatorOf(input.allStacks, accountOf, account, RAM_ROLE_TYPE, 'RoleName', roleName);
  const clients = await clientsFor(account, t.region);
  if (!clients) {
    if (creator) {
      return [
        {
          ...base,
          status: 'ok',
          message: `created by stack ${creator.stack.id} of this app (no credentials for account ${account} to see whether it exists yet)`,
        },
      ];
    }
    return [
      {
        ...base,
        status: 'could-not-check',
        message: `no credentials for account ${account}, which owns the role`,
        fix: `pass --profile ${account}=<profile of that account>`,
      },
    ];
  }
  return guarded(base, 'GetRole', async () => {
    let role: Record<string, unknown>;
    try {
      const body = await clients.rpc('ram', 'GetRole', { RoleName: roleName });
      role = (body.Role ?? {}) as Record<string, unknown>;
    } catch (e) {
      if (!isNotFound(e)) throw e;
      if (creator) {
        return [
          { ...base, status: 'ok' as const, message: `will be created by stack ${creator.stack.id} of this app` },
        ];
      }
      return [
        {
          ...base,
          status: 'failed' as const,
          message: `role ${roleName} does not exist in account ${account}: ActionTrail could not deliver`,
          fix: `create it with a DeliveryDestination in account ${account} whose sourceAccountIds include ${[...sources].join(', ')}`,
        },
      ];
    }
    const trusted = trustedSourceAccounts(role.AssumeRolePolicyDocument);
    const missing = [...sources].filter((a) => !trusted.includes(a));
    let policies: string[] = [];
    try {
      const listed = await clients.rpc('ram', 'ListPoliciesForRole', { RoleName: roleName });
      const p = (listed.Policies as { Policy?: unknown } | undefined)?.Policy;
      policies = (Array.isArray(p) ? p : []).map((x) => String((x as { PolicyName?: unknown }).PolicyName));
    } catch (e) {
      const cannot = couldNotCheck(e, 'ListPoliciesForRole', base);
      if (cannot) return [cannot];
      throw e;
    }
    const problems: string[] = [];
    if (missing.length > 0) {
      problems.push(
        `its trust policy does not let ActionTrail of ${missing.join(', ')} assume it (it trusts: ${trusted.join(', ') || 'no ActionTrail account'})`,
      );
    }
    if (!policies.includes(DELIVERY_POLICY)) problems.push(`${DELIVERY_POLICY} is not attached`);
    if (problems.length === 0) {
      return [
        {
          ...base,
          status: 'ok' as const,
          message: `trusts ActionTrail of ${[...sources].join(', ')}; ${DELIVERY_POLICY} attached`,
        },
      ];
    }
    if (creator) {
      return [
        {
          ...base,
          status: 'ok' as const,
          message: `exists, but ${problems.join('; ')}: the deploy of stack ${creator.stack.id} of this app updates it`,
        },
      ];
    }
    return [
      {
        ...base,
        status: 'failed' as const,
        message: `role ${roleName} in account ${account}: ${problems.join('; ')}`,
        fix: `${missing.length ? `add ${missing.map((a) => `${a}@actiontrail.aliyuncs.com`).join(', ')} to its trust policy (DeliveryDestination sourceAccountIds)` : ''}${missing.length && !policies.includes(DELIVERY_POLICY) ? ' and ' : ''}${!policies.includes(DELIVERY_POLICY) ? `attach the system policy ${DELIVERY_POLICY}` : ''}`,
      },
    ];
  });
}

/** The line of a result: `ok               <stack>: <subject>: <message>`. */
export function resultLine(r: CheckResult): string {
  const status = r.status === 'ok' ? 'ok' : r.status === 'failed' ? 'FAILED' : 'could-not-check';
  return `${status.padEnd(15)} ${r.stack}: ${r.check} ${r.subject}: ${r.message}${r.fix ? `; fix: ${r.fix}` : ''}`;
}

/** The counts of a run. */
export function summarize(results: readonly CheckResult[]): { ok: number; failed: number; couldNotCheck: number } {
  return {
    ok: results.filter((r) => r.status === 'ok').length,
    failed: results.filter((r) => r.status === 'failed').length,
    couldNotCheck: results.filter((r) => r.status === 'could-not-check').length,
  };
}
