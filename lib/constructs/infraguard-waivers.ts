/**
 * The InfraGuard waiver file: when an app that holds a construct of this
 * library synthesizes, it writes `infraguard-waivers.yaml` next to the
 * templates (the cloud assembly directory, `cdk.out` by default), in
 * InfraGuard's central waiver format (`version: 1`, `waivers: [{rule,
 * resource, files, reason}]`; InfraGuard's waiver guide and pkg/waiver/waiver.go,
 * aliyun/infraguard commit 6d3cbef):
 *
 * ```
 * infraguard scan cdk.out -p pack:aliyun:compliance --waivers cdk.out/infraguard-waivers.yaml
 * ```
 *
 * It holds only the findings that are decisions of this library, each scoped
 * to one rule, one template file and (where InfraGuard names one) one
 * resource, with a reason that names the stack and the rule of ours that
 * checks the same thing, or why none can:
 *
 * - `actiontrail-enabled`: the trail is `Custom::ActionTrailTrail` (the native
 *   type cannot deliver to MaxCompute), or the stack is a log-archive stack
 *   (a library project, no trail) that other accounts' trails deliver to;
 * - `ram-role-has-specified-policy`: the provider function's role carries only
 *   its inline least-privilege policy;
 * - `maxcompute-project-ip-whitelist-enabled`: a library project whose
 *   `ipWhitelist` was left unset;
 * - `firewall-asset-open-protect`: a stack of the library's resources only
 *   (none internet-facing); Cloud Firewall is switched on per account.
 *
 * It never waives encryption (`maxcompute-project-encryption-enabled`): a
 * project opted out of encryption stays a finding. The file is deterministic
 * (sorted, no timestamps) and written with Node built-ins only; every string
 * is a JSON string, which is a valid YAML double-quoted scalar.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ros from '@alicloud/ros-cdk-core';
import { isServiceOnlyRole } from '../shared/markers';
import { MAXCOMPUTE_PROJECT_TYPE } from '../shared/resource-types';

/** The file name of the waiver file in the cloud assembly directory. */
export const INFRAGUARD_WAIVERS_FILE = 'infraguard-waivers.yaml';

/** The InfraGuard commit the waivers were written against (rules under policies/aliyun/rules/ros). */
export const INFRAGUARD_COMMIT = '6d3cbefa4879fd5ab4d4a28d52f4ff19d7302105';

/** One waiver of InfraGuard's central waiver file. */
export interface InfraGuardWaiver {
  /** The InfraGuard rule's short ID, e.g. `actiontrail-enabled`. */
  readonly rule: string;
  /** The resource ID InfraGuard reports (a logical ID, `Global`, or `*` for a rule that names none). */
  readonly resource: string;
  /** File globs: the one template the waiver is for. */
  readonly files: readonly string[];
  /** Why: the stack, the library's decision, and the rule of ours that checks the same thing (or why none can). */
  readonly reason: string;
}

/** The resource types the library creates; none is internet-facing. */
const LIBRARY_TYPES = new Set([
  'Custom::ActionTrailTrail',
  'ALIYUN::FC3::Function',
  'ALIYUN::RAM::Role',
  MAXCOMPUTE_PROJECT_TYPE,
  'ALIYUN::ROS::StackGroup',
  'ALIYUN::ROS::StackInstances',
  // The alert pack (actiontrail-cdk/alerts): rules that send out, alerts that query; nothing listens.
  'ALIYUN::EventBridge::Rule',
  'ALIYUN::SLS::Alert',
]);

const CUSTOM_TRAIL_TYPE = 'Custom::ActionTrailTrail';

/** What the library's resource types are, in words, for the Cloud Firewall waiver's reason. */
const TYPE_WORDS: ReadonlyArray<[string, string]> = [
  ['Custom::ActionTrailTrail', 'trail'],
  ['ALIYUN::FC3::Function', 'provider function without triggers'],
  ['ALIYUN::RAM::Role', 'roles'],
  [MAXCOMPUTE_PROJECT_TYPE, 'MaxCompute project'],
  ['ALIYUN::ROS::StackGroup', 'stack group'],
  ['ALIYUN::EventBridge::Rule', 'EventBridge alert rules'],
  ['ALIYUN::SLS::Alert', 'SLS alerts'],
  ['ALIYUN::ROS::StackInstances', 'stack instances'],
];

/** The resources a stack holds, in words, in a fixed order. */
function holds(types: readonly string[]): string {
  return TYPE_WORDS.filter(([type]) => types.includes(type))
    .map(([, words]) => words)
    .join(', ');
}
const NATIVE_TRAIL_TYPE = 'ALIYUN::ACTIONTRAIL::Trail';

/** Marks projects the library created (`createAuditProject`). */
const LIBRARY_PROJECT = Symbol.for('actiontrail-cdk.infraguard.library-project');

/** Records that the library created `project` (an `ALIYUN::MaxCompute::Project` resource). */
export function markLibraryProject(project: object): void {
  Object.defineProperty(project, LIBRARY_PROJECT, { value: true, enumerable: false });
}

function isLibraryProject(resource: object): boolean {
  return (resource as { [LIBRARY_PROJECT]?: boolean })[LIBRARY_PROJECT] === true;
}

/**
 * A resource's property before rendering, read without rendering it: an L1
 * class's `rosProperties` are camelCase, a plain `RosResource`'s are as given
 * (PascalCase), so both spellings are looked up.
 */
function prop(resource: ros.RosResource, name: string): unknown {
  const props = ((resource as unknown as { rosProperties?: Record<string, unknown> }).rosProperties ?? {}) as Record<
    string,
    unknown
  >;
  return props[name] ?? props[name.charAt(0).toUpperCase() + name.slice(1)];
}

/**
 * The waivers for the stacks of `root` (its own stacks, not those of nested
 * stages), sorted by file, rule and resource.
 * @param root - the app
 * @param outdirName - the base name of the cloud assembly directory, used in the file globs
 */
export function infraGuardWaivers(root: ros.IConstruct, outdirName: string): InfraGuardWaiver[] {
  const stacks = root.node.findAll().filter((c): c is ros.Stack => ros.Stack.isStack(c) && ros.Stage.of(c) === root);
  const waivers: InfraGuardWaiver[] = [];
  for (const stack of stacks) {
    const resources = stack.node
      .findAll()
      .filter((c): c is ros.RosResource => c instanceof ros.RosResource && ros.Stack.of(c) === stack);
    const types = resources.map((r) => r.rosResourceType);
    const projects = resources.filter((r) => isLibraryProject(r));
    const providerRoles = resources.filter((r) => r.rosResourceType === 'ALIYUN::RAM::Role' && isServiceOnlyRole(r));
    const hasCustomTrail = types.includes(CUSTOM_TRAIL_TYPE);
    if (!hasCustomTrail && projects.length === 0 && providerRoles.length === 0) continue;

    const files = [`**/${outdirName}/${stack.templateFile}`];
    const add = (rule: string, resource: string, reason: string) =>
      waivers.push({ rule, resource, files, reason: `Stack ${stack.stackName}: ${reason}` });
    const logicalId = (r: ros.RosResource) => String(stack.resolve(r.logicalId));

    if (!types.includes(NATIVE_TRAIL_TYPE)) {
      if (hasCustomTrail) {
        add(
          'actiontrail-enabled',
          'Global',
          'its trail is a Custom::ActionTrailTrail, because ALIYUN::ACTIONTRAIL::Trail cannot deliver to MaxCompute, so the rule cannot see it. ' +
            "actiontrail-cdk's AT-TRAIL-001 (all regions), AT-TRAIL-002 (read and write events), AT-TRAIL-003 (logging) and AT-TRAIL-004 (a destination) check that trail.",
        );
      } else if (projects.length > 0) {
        add(
          'actiontrail-enabled',
          'Global',
          "a log-archive stack (actiontrail-cdk DeliveryDestination): it holds the MaxCompute project other accounts deliver to and no trail, by design; the trails live in the source accounts' stacks. " +
            "actiontrail-cdk's AT-ROLE-003 checks that each account its delivery role trusts has a trail in the app, and AT-TRAIL-009 that each such trail is trusted.",
        );
      }
    }
    for (const role of providerRoles) {
      const attachments = (prop(role, 'policyAttachments') ?? {}) as Record<string, unknown[] | undefined>;
      const count = ['system', 'System', 'custom', 'Custom'].reduce((n, k) => n + (attachments[k]?.length ?? 0), 0);
      if (count > 0) continue;
      add(
        'ram-role-has-specified-policy',
        logicalId(role),
        "the actiontrail-cdk provider function's role carries only its inline least-privilege policy (named ActionTrail, MaxCompute and RAM actions on this account's resources), which the rule does not count; " +
          "no system policy grants that little. actiontrail-cdk's AT-POLICY-001 checks that the policy allows named actions only.",
      );
    }
    for (const project of projects) {
      if (prop(project, 'ipWhiteList') !== undefined) continue;
      add(
        'maxcompute-project-ip-whitelist-enabled',
        logicalId(project),
        "the audit project has no IP whitelist because ipWhitelist was left unset: the library cannot know your addresses, and whether a whitelist blocks ActionTrail's own delivery is not documented. " +
          'Set ipWhitelist on the destination to add one (then check delivery with actiontrail-cdk status); no rule of ours can judge addresses.',
      );
    }
    if (
      resources.length > 0 &&
      !types.includes('ALIYUN::CLOUDFW::FwSwitch') &&
      types.every((t) => LIBRARY_TYPES.has(t))
    ) {
      add(
        'firewall-asset-open-protect',
        '*',
        `the stack holds only actiontrail-cdk resources (${holds(types)}), none internet-facing; Cloud Firewall protection is switched on per account, not per template. ` +
          'No rule of ours can check it: the switch is not in this template.',
      );
    }
  }
  // Each key built once, not twice per comparison (an app of 1,000 stacks has 4,000 waivers).
  const keyed = waivers.map((w) => ({ w, key: `${w.files[0]}\u0000${w.rule}\u0000${w.resource}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ w }) => w);
}

/** One YAML scalar: a JSON string, which YAML reads as a double-quoted scalar with the same value. */
function scalar(value: string): string {
  return JSON.stringify(value);
}

/** The waiver file's text. */
export function infraGuardWaiversYaml(waivers: readonly InfraGuardWaiver[]): string {
  const lines = [
    '# InfraGuard waivers written by actiontrail-cdk at synth: only the findings that are decisions of the library.',
    `# Rules as of aliyun/infraguard ${INFRAGUARD_COMMIT.slice(0, 7)}; see the README's InfraGuard section. Never waives encryption.`,
    '# Use: infraguard scan cdk.out -p pack:aliyun:<pack id> --waivers cdk.out/infraguard-waivers.yaml',
    'version: 1',
  ];
  if (waivers.length === 0) lines.push('waivers: []');
  else {
    lines.push('waivers:');
    for (const w of waivers) {
      lines.push(`  - rule: ${scalar(w.rule)}`);
      lines.push(`    resource: ${scalar(w.resource)}`);
      lines.push('    files:');
      for (const f of w.files) lines.push(`      - ${scalar(f)}`);
      lines.push(`    reason: ${scalar(w.reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The construct id of the writer, a child of the app. */
const WRITER_ID = 'ActionTrailCdkInfraGuardWaivers';

/** Where ros-cdk-core looks for a construct's own synthesis step (see findings-printer.ts). */
const CUSTOM_SYNTHESIS = Symbol.for('@ros-cdk/core:customSynthesis');

/** Writes the app's waiver file when the app synthesizes. */
class InfraGuardWaiversWriter extends ros.Construct {
  constructor(scope: ros.Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, CUSTOM_SYNTHESIS, {
      value: { onSynthesize: (session: { outdir: string }) => this.write(session.outdir) },
      enumerable: false,
    });
  }

  private write(outdir: string): void {
    const root = this.node.root as ros.IConstruct;
    const text = infraGuardWaiversYaml(infraGuardWaivers(root, path.basename(path.resolve(outdir))));
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, INFRAGUARD_WAIVERS_FILE), text);
  }
}

/**
 * Makes sure the app of `scope` writes its InfraGuard waiver file when it
 * synthesizes (one writer per app). Does nothing outside an app.
 */
export function ensureInfraGuardWaivers(scope: ros.IConstruct): void {
  const root = scope.node.root as ros.IConstruct;
  if (!ros.Stage.isStage(root) || root.node.tryFindChild(WRITER_ID) !== undefined) return;
  new InfraGuardWaiversWriter(root as ros.Construct, WRITER_ID);
}
