import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { IAspect, IConstruct, Node } from 'constructs';
import {
  deployedAccountsOf,
  ensureFindingsPrinter,
  isServiceOnlyRole,
  registerAppFindingsReporter,
  registerUncheckedWarningReporter,
  rememberRenderedFragment,
  trustedAccountsOf,
} from '../../shared/markers';
import { ValidationError } from '../../shared/validation-error';
import { ROS_STACK_GROUP_TYPE } from '../../shared/resource-types';
import { APP_RULES, AUDIT_RULES, CHECKED_APP_RULES, OPT_IN_RULES, UNCHECKED_WARNING_RULES } from '../all-rules';
import {
  AuditAppRule,
  AuditAppViolation,
  AuditFinding,
  AuditLevel,
  AuditReport,
  AuditResource,
  AuditRule,
  AuditStackReport,
  AuditStackView,
  AuditViolation,
} from './model';
import { addSuppression, findSuppression } from './suppressions';
import { canonicalValue, field, isObject, isRosFunction, THIS_ACCOUNT, THIS_REGION } from './template-values';

/** Options of `AuditChecks.of`. */
export interface AuditChecksProps {
  /**
   * Write the report to the cloud assembly directory (the app's `outdir`,
   * `cdk.out/` under the ros-cdk CLI) when the app synthesizes.
   * @default true
   */
  readonly writeReport?: boolean;
  /**
   * The report's file name in the cloud assembly directory.
   * @default 'audit-checks.json'
   */
  readonly reportFileName?: string;
  /**
   * IDs of the opt-in rules to run as well (`OPT_IN_RULES`), e.g.
   * `['AT-TRAIL-013']` (a trail's own destination covered by its data events).
   * @default none: only `AUDIT_RULES`
   */
  readonly optInRules?: string[];
}

/** The construct id of the `AuditChecks` of a stage (app). */
const AUDIT_CHECKS_ID = 'AuditChecks';

/**
 * Compliance checks over the trails, roles and audit storage of an app or
 * stack: the rules of {@link AUDIT_RULES} run over every ROS resource under
 * the checked scopes when the app synthesizes.
 *
 * ```ts
 * AuditChecks.of(app);   // or AuditChecks.of(stack)
 * app.synth();           // fails on unsuppressed errors; writes cdk.out/audit-checks.json
 * ```
 *
 * How it runs (ROS CDK has no `Aspects` class nor error-failing annotations):
 * - `of(scope)` applies this object as a constructs v3 aspect to `scope`
 *   (`Node.of(scope).applyAspect`); synthesis visits every construct under it,
 *   and the aspect records the ROS resources.
 * - Synthesis then validates every construct; the `validate()` of this
 *   construct (one per app, a child of it) renders each recorded resource as
 *   its template does (`stack.resolve(resource._toRosTemplate())`, after
 *   references are resolved), runs the rules, writes the report, annotates each
 *   resource (`node.addError/addWarning/addInfo`, which the ros-cdk CLI shows)
 *   and returns the unsuppressed errors, which makes `app.synth()` throw with
 *   all of them. (`node.addError` alone does not fail `app.synth()`.)
 */
export class AuditChecks extends ros.Construct implements IAspect {
  /** The default report file name. */
  public static readonly REPORT_FILE_NAME = 'audit-checks.json';

  /**
   * Checks `scope` (an app, a stage or a stack) and everything under it when
   * its app synthesizes. Returns the app's `AuditChecks`, creating it on first
   * use (after synth, `of(sameScope)` returns it, e.g. to read `report`); checking a scope twice, or a stack and its app, checks each resource once.
   *
   * @param scope - the app or stack to check
   * @param props - options, taken from the first call of the app
   * @throws Error when the app has already synthesized, unless `scope` was
   * given before synth (then this only returns the `AuditChecks` that ran):
   * call it before `app.synth()`
   */
  public static of(scope: ros.IConstruct, props: AuditChecksProps = {}): AuditChecks {
    const stage = ros.Stage.isStage(scope) ? scope : (ros.Stage.of(scope) ?? scope.node.root);
    const found = stage.node.tryFindChild(AUDIT_CHECKS_ID);
    // After synth, only a look-up of checks that ran (the same scope again) is allowed.
    const lookUp = found instanceof AuditChecks && checkedScopes.has(scope);
    if (!lookUp && (hasSynthesized(stage) || hasSynthesized(scope.node.root))) {
      throw new Error(
        `AuditChecks.of('${scope.node.path || '(the app)'}') was called after app.synth(): the app has synthesized and will not again, so no check would run. ` +
          'Call AuditChecks.of(...) after defining the stacks and before app.synth(): new ros.App(); <stacks>; AuditChecks.of(app); app.synth();',
      );
    }
    const existing = stage.node.tryFindChild(AUDIT_CHECKS_ID);
    if (existing !== undefined && !(existing instanceof AuditChecks)) {
      throw new Error(
        `AuditChecks needs the construct id '${AUDIT_CHECKS_ID}' under '${stage.node.path || '(the app)'}', where another construct has it: rename that construct`,
      );
    }
    const checks = existing ?? new AuditChecks(stage, AUDIT_CHECKS_ID, props);
    if (existing) checks.checkSameProps(props);
    Node.of(scope).applyAspect(checks);
    ensureFindingsPrinter(scope);
    checkedScopes.add(scope);
    return checks;
  }

  /**
   * Suppresses rule `ruleId` on `scope` and every construct under it: its
   * findings there are reported as suppressed, with `reason`, and neither fail
   * synth nor annotate the construct.
   *
   * @param scope - the construct (e.g. a Trail, a role, a stack)
   * @param ruleId - one of the rule IDs of {@link AUDIT_RULES}, e.g. `AT-TRAIL-005`
   * @param reason - why the finding is acceptable here: at least 10 characters
   * @throws ValidationError for an unknown rule ID or a shorter reason
   */
  public static suppress(scope: ros.IConstruct, ruleId: string, reason: string): void {
    addSuppression(
      scope,
      ruleId,
      reason,
      [...AUDIT_RULES, ...APP_RULES, ...CHECKED_APP_RULES, ...OPT_IN_RULES].map((r) => r.id),
    );
  }

  /** The rules that run, sorted by ID. */
  public readonly rules: readonly AuditRule[];
  /** The opt-in rules this app's checks run (IDs, sorted). */
  public readonly optInRules: readonly string[];
  /**
   * The rules that run over every stack of the app at once, sorted by ID:
   * those of `APP_RULES` (they also run without `AuditChecks`) and those of
   * `CHECKED_APP_RULES` (only here).
   */
  public readonly appRules: readonly AuditAppRule[] = [...APP_RULES, ...CHECKED_APP_RULES].sort((a, b) =>
    compare(a.id, b.id),
  );
  /** Whether the report is written at synth. */
  public readonly writeReport: boolean;
  /** The report's file name in the cloud assembly directory. */
  public readonly reportFileName: string;

  private readonly resources = new Set<ros.RosResource>();
  private lastReport?: AuditReport;
  private lastReportPath?: string;

  private constructor(scope: IConstruct, id: string, props: AuditChecksProps) {
    super(scope as ros.Construct, id);
    this.writeReport = props.writeReport ?? true;
    this.reportFileName = props.reportFileName ?? AuditChecks.REPORT_FILE_NAME;
    if (!/^[A-Za-z0-9._-]+$/.test(this.reportFileName) || /^\.+$/.test(this.reportFileName)) {
      this.fail('reportFileName', `'${this.reportFileName}' must be a file name of letters, digits, '.', '_' and '-'`);
    }
    const optIn: unknown = props.optInRules ?? [];
    if (!Array.isArray(optIn)) this.fail('optInRules', `${JSON.stringify(optIn)} must be an array of rule IDs`);
    for (const ruleId of optIn) {
      if (!OPT_IN_RULES.some((r) => r.id === ruleId)) {
        this.fail(
          'optInRules',
          `${JSON.stringify(ruleId)} is not an opt-in rule: use one of ${OPT_IN_RULES.map((r) => r.id).join(', ')}`,
        );
      }
    }
    this.optInRules = [...new Set(optIn as string[])].sort();
    this.rules = [...AUDIT_RULES, ...OPT_IN_RULES.filter((r) => this.optInRules.includes(r.id))];
  }

  /** The report of the last synthesis (also set when errors failed it). @default - undefined before synth */
  public get report(): AuditReport | undefined {
    return this.lastReport;
  }

  /** Where the last synthesis wrote the report. @default - undefined before synth, or when `writeReport` is false */
  public get reportPath(): string | undefined {
    return this.lastReportPath;
  }

  /** Aspect entry point, called by synthesis for every construct under a checked scope: records ROS resources. */
  public visit(node: IConstruct): void {
    if (ros.RosResource.isRosResource(node as ros.IConstruct)) this.resources.add(node as ros.RosResource);
  }

  /** Runs the rules (once per synthesis), reports, and returns the unsuppressed errors, which fail synth. */
  protected validate(): string[] {
    const report = this.lastReport ?? this.run();
    return report.stacks
      .flatMap((s) => s.findings)
      .filter((f) => f.level === AuditLevel.ERROR && !f.suppressed)
      .map(errorLine);
  }

  private run(): AuditReport {
    const byStack = new Map<ros.Stack, ros.RosResource[]>();
    for (const resource of this.resources) {
      const stack = ros.Stack.of(resource);
      const list = byStack.get(stack) ?? [];
      list.push(resource);
      byStack.set(stack, list);
    }
    const root = this.node.root as ros.IConstruct;
    const appFindings = [...appRuleFindings(root), ...computeAppRuleFindings(root.node.findAll(), CHECKED_APP_RULES)];
    const stacks = [...byStack.entries()].flatMap(([stack, resources]) =>
      this.checkStack(stack, resources, appFindings),
    );
    stacks.sort(
      (a, b) =>
        compare(a.stackName, b.stackName) ||
        compare(a.templateFile, b.templateFile) ||
        compare(a.embeddedAt ?? '', b.embeddedAt ?? ''),
    );
    const findings = stacks.flatMap((s) => s.findings);
    const active = findings.filter((f) => !f.suppressed);
    const report: AuditReport = {
      version: 1,
      rules: [...this.rules, ...this.appRules]
        .sort((a, b) => compare(a.id, b.id))
        .map((r) => ({ id: r.id, level: r.level, title: r.title, anchors: [...r.anchors] })),
      summary: {
        errors: active.filter((f) => f.level === AuditLevel.ERROR).length,
        warnings: active.filter((f) => f.level === AuditLevel.WARNING).length,
        info: active.filter((f) => f.level === AuditLevel.INFO).length,
        suppressed: findings.length - active.length,
      },
      stacks,
    };
    this.lastReport = report;
    if (this.writeReport) this.write(report);
    return report;
  }

  private checkStack(
    stack: ros.Stack,
    resources: ros.RosResource[],
    appFindings: readonly AppFinding[],
  ): AuditStackReport[] {
    return stackTemplates(stack, resources).map((template) => this.checkTemplate(template, appFindings));
  }

  /**
   * Runs the rules over one template's resources (a stack's own, or one
   * embedded in it), and adds the app-wide findings about them.
   */
  private checkTemplate(template: TemplateCheck, appFindings: readonly AppFinding[]): AuditStackReport {
    const { where, view: stackView, entries } = template;
    const findings: AuditFinding[] = [];
    const add = (construct: ros.IConstruct, view: AuditResource, rule: RuleInfo, violation: AuditViolation) => {
      const suppression = findSuppression(construct, rule.id);
      const finding: AuditFinding = {
        ruleId: rule.id,
        level: rule.level,
        path: view.path,
        logicalId: view.logicalId,
        resourceType: view.type,
        message: violation.message,
        fix: violation.fix,
        anchors: [...rule.anchors],
        suppressed: suppression !== undefined,
        ...(suppression ? { reason: suppression.reason } : {}),
      };
      findings.push(finding);
      if (!suppression) annotate(construct, finding);
    };
    for (const { construct, view } of entries) {
      for (const rule of this.rules) {
        if (!rule.resourceTypes.includes(view.type)) continue;
        for (const violation of rule.check(view, stackView)) add(construct, view, rule, violation);
      }
    }
    const checked = new Set(entries.map((e) => e.view.path));
    for (const f of appFindings) {
      if (f.stackName === where.stackName && checked.has(f.entry.view.path))
        add(f.entry.construct, f.entry.view, f.rule, f.violation);
    }
    findings.sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.message, b.message));
    return { ...where, resourcesChecked: entries.length, findings };
  }

  private write(report: AuditReport): void {
    const stage = ros.Stage.of(this);
    if (!stage) return;
    fs.mkdirSync(stage.outdir, { recursive: true });
    const file = path.join(stage.outdir, this.reportFileName);
    fs.writeFileSync(file, `${JSON.stringify(report, undefined, 2)}\n`);
    this.lastReportPath = file;
  }

  private fail(property: string, message: string): never {
    throw new ValidationError(`AuditChecks '${this.node.path}'`, this.node.path, property, message);
  }

  private checkSameProps(props: AuditChecksProps): void {
    if (props.writeReport !== undefined && props.writeReport !== this.writeReport) {
      this.fail(
        'writeReport',
        `${props.writeReport} differs from ${this.writeReport}, given when this app's AuditChecks was made: pass options on the first AuditChecks.of() only`,
      );
    }
    const optIn = props.optInRules === undefined ? undefined : [...new Set(props.optInRules)].sort().join(',');
    if (optIn !== undefined && optIn !== this.optInRules.join(',')) {
      this.fail(
        'optInRules',
        `${JSON.stringify(props.optInRules)} differs from ${JSON.stringify(this.optInRules)}, given when this app's AuditChecks was made: pass options on the first AuditChecks.of() only`,
      );
    }
    if (props.reportFileName !== undefined && props.reportFileName !== this.reportFileName) {
      this.fail(
        'reportFileName',
        `'${props.reportFileName}' differs from '${this.reportFileName}', given when this app's AuditChecks was made: pass options on the first AuditChecks.of() only`,
      );
    }
  }
}

/**
 * The resource as its template renders it. `_toRosTemplate()` is what the
 * stack itself calls to write the template (it is declared public in
 * ros-cdk-core's typings, documented internal): resolving it gives exactly the
 * template entry, property overrides and `DeletionPolicy` included, which
 * re-rendering `rosProperties` through `renderProperties` would miss.
 */
function normalize(stack: ros.Stack, resource: ros.RosResource): AuditResource {
  const cached = renderedViews.get(resource);
  if (cached) return cached;
  const view = render(stack, resource);
  if (renderedViews.size === 0) queueMicrotask(() => renderedViews.clear());
  renderedViews.set(resource, view);
  return view;
}

/**
 * The views rendered while one validation pass runs. ros-cdk-core validates
 * the whole tree in one synchronous pass, in which the tree cannot change, and
 * a trail is read there by its own unchecked warnings, by the app-wide rules
 * and by `AuditChecks`: each resource is rendered once per pass. Cleared when
 * the pass is over (a microtask), so a later synthesis renders again. Only
 * `validate()` may read through it: `prepare()` still changes the tree.
 */
const renderedViews = new Map<ros.RosResource, AuditResource>();

function render(stack: ros.Stack, resource: ros.RosResource): AuditResource {
  const fragment = stack.resolve(resource._toRosTemplate()) as { Resources?: Record<string, unknown> };
  rememberRenderedFragment(resource, fragment);
  const [logicalId, entry] = Object.entries(fragment.Resources ?? {})[0] ?? [resource.logicalId, {}];
  const trusted = trustedAccountsOf(resource).map((a) => canonicalValue(stack.resolve(a)));
  const view = templateResource(resource.node.path, logicalId, entry, [...new Set(trusted)].sort(compare));
  return { ...view, type: view.type || resource.rosResourceType };
}

/** A resource of a rendered template, as rules see it. */
function templateResource(
  constructPath: string,
  logicalId: string,
  entry: unknown,
  trustedAccounts: readonly string[],
): AuditResource {
  const type = field(entry, 'Type');
  const properties = field(entry, 'Properties');
  const deletionPolicy = field(entry, 'DeletionPolicy');
  const metadata = field(entry, 'Metadata');
  return {
    type: typeof type === 'string' ? type : '',
    logicalId,
    path: constructPath,
    properties: isObject(properties) ? properties : {},
    ...(typeof deletionPolicy === 'string' ? { deletionPolicy } : {}),
    ...(isObject(metadata) ? { metadata } : {}),
    trustedAccounts,
  };
}

/**
 * The resources of a template embedded in a resource's `TemplateBody` (a ROS
 * stack group's member template, as a map or a JSON string), if any.
 */
function embeddedTemplate(properties: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  let body = field(properties, 'TemplateBody');
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const resources = field(body, 'Resources');
  return isObject(resources) && !isRosFunction(resources) ? resources : undefined;
}

/** Where a template is: its stack, its file, and where in that file when it is embedded. */
interface TemplateLocation {
  readonly stackName: string;
  readonly templateFile: string;
  readonly embeddedAt?: string;
}

/** A resource to check, with the construct its suppressions and annotations belong to. */
interface Entry {
  readonly construct: ros.IConstruct;
  readonly view: AuditResource;
}

/** Adds the finding to the construct's metadata, as the ros-cdk CLI shows them: `[<rule ID>] <message>. Fix: <fix>`. */
function annotate(
  construct: ros.IConstruct,
  finding: Pick<AuditFinding, 'ruleId' | 'level' | 'message' | 'fix'>,
): void {
  const text = `[${finding.ruleId}] ${finding.message}. Fix: ${finding.fix}`;
  if (finding.level === AuditLevel.ERROR) construct.node.addError(text);
  else if (finding.level === AuditLevel.WARNING) construct.node.addWarning(text);
  else construct.node.addInfo(text);
}

/** The stack's own account and region, as canonical values (literal IDs, or the JSON of ROS's pseudo parameters). */
function stackEnvironment(stack: ros.Stack): { account: string; region: string } {
  return { account: canonicalValue(stack.resolve(stack.account)), region: canonicalValue(stack.resolve(stack.region)) };
}

/** What the engine needs of a rule of either kind to report its finding. */
type RuleInfo = Pick<AuditRule, 'id' | 'level' | 'anchors'>;

/** One template to check: where it is, the view rules get, and its resources with their constructs. */
interface TemplateCheck {
  readonly where: TemplateLocation;
  readonly view: AuditStackView;
  readonly entries: readonly Entry[];
}

/**
 * The templates of a stack's resources: the stack's own, then those embedded
 * in them (a stack group's `TemplateBody`, deployed to other accounts: its
 * account is theirs, `ALIYUN::AccountId`, and so is its region; the accounts
 * it is deployed to are those declared on its construct, if any).
 */
function stackTemplates(stack: ros.Stack, resources: readonly ros.RosResource[]): TemplateCheck[] {
  const entries = resources.map((construct) => ({ construct, view: normalize(stack, construct) }));
  const { account, region } = stackEnvironment(stack);
  return withEmbedded({ stackName: stack.stackName, templateFile: stack.templateFile }, account, region, entries);
}

function withEmbedded(
  where: TemplateLocation,
  account: string,
  region: string,
  entries: readonly Entry[],
  deployedToAccounts?: readonly string[],
): TemplateCheck[] {
  const view: AuditStackView = {
    stackName: where.stackName,
    account,
    region,
    resources: entries.map((e) => e.view),
    ...(deployedToAccounts ? { deployedToAccounts } : {}),
  };
  const embedded = entries.flatMap(({ construct, view: resource }) => {
    const body = embeddedTemplate(resource.properties);
    if (!body) return [];
    const pointer = `${where.embeddedAt ?? ''}/Resources/${resource.logicalId}/Properties/TemplateBody`;
    const inner = Object.entries(body).map(([logicalId, entry]) => ({
      construct,
      view: templateResource(`${resource.path}/TemplateBody/${logicalId}`, logicalId, entry, resource.trustedAccounts),
    }));
    const stack = ros.Stack.of(construct);
    const deployed = deployedAccountsOf(construct)?.map((a) => canonicalValue(stack.resolve(a)));
    return withEmbedded(
      { stackName: `${where.stackName}/${resource.logicalId}`, templateFile: where.templateFile, embeddedAt: pointer },
      THIS_ACCOUNT,
      THIS_REGION,
      inner,
      deployed,
    );
  });
  return [{ where, view, entries }, ...embedded];
}

/** A finding of an app-wide rule, with the template and resource it is about. */
interface AppFinding {
  readonly stackName: string;
  readonly entry: Entry;
  readonly rule: AuditAppRule;
  readonly violation: AuditAppViolation;
}

/**
 * The app-wide findings of each app while one validation runs: every trail
 * and destination of an app asks at validation, and ros-cdk-core validates the
 * whole tree in one synchronous pass, in which the tree cannot change. The
 * entry is dropped once that pass is over (a microtask), so a later synthesis
 * computes it again.
 */
const appFindingsCache = new WeakMap<ros.IConstruct, AppFinding[]>();

/** Runs the app-wide rules over the ROS resources of the app of `root` that they read. */
function appRuleFindings(root: ros.IConstruct): AppFinding[] {
  const cached = appFindingsCache.get(root);
  if (cached) return cached;
  const findings = computeAppRuleFindings(root.node.findAll());
  appFindingsCache.set(root, findings);
  queueMicrotask(() => appFindingsCache.delete(root));
  return findings;
}

/**
 * Runs app-wide rules (by default {@link APP_RULES}) over the ROS resources of
 * types they read (and the stack groups whose member templates may hold them).
 */
function computeAppRuleFindings(
  all: readonly ros.IConstruct[],
  rules: readonly AuditAppRule[] = APP_RULES,
): AppFinding[] {
  if (rules.length === 0) return [];
  const types = new Set([...rules.flatMap((rule) => rule.resourceTypes), ROS_STACK_GROUP_TYPE]);
  const byStack = new Map<ros.Stack, ros.RosResource[]>();
  for (const node of all) {
    if (!ros.RosResource.isRosResource(node as ros.IConstruct)) continue;
    if (!types.has((node as ros.RosResource).rosResourceType) || isServiceOnlyRole(node)) continue;
    const stack = ros.Stack.of(node as ros.IConstruct);
    const list = byStack.get(stack) ?? [];
    list.push(node as ros.RosResource);
    byStack.set(stack, list);
  }
  const templates = [...byStack.entries()].flatMap(([stack, resources]) => stackTemplates(stack, resources));
  const byPath = new Map<string, { stackName: string; entry: Entry }>();
  for (const t of templates)
    for (const entry of t.entries) byPath.set(entry.view.path, { stackName: t.where.stackName, entry });
  const views = templates.map((t) => t.view);
  return rules.flatMap((rule) =>
    rule.checkApp(views).flatMap((violation) => {
      const at = byPath.get(violation.path);
      return at ? [{ ...at, rule, violation }] : [];
    }),
  );
}

/**
 * The app-wide findings about a resource no `AuditChecks` checks (a construct
 * asks with `reportAppFindings` at validation): annotated as `AuditChecks`
 * would (suppressions honoured), and the unsuppressed errors returned, one
 * line each, for the construct's `validate()` to fail synth with. Under an
 * `AuditChecks`, nothing happens here: `AuditChecks` reports them.
 */
function reportApp(resource: object): string[] {
  if (resource === undefined || resource === null || !ros.RosResource.isRosResource(resource as ros.IConstruct))
    return [];
  const construct = resource as ros.RosResource;
  if (isChecked(construct)) return [];
  const errors: string[] = [];
  for (const f of appRuleFindings(construct.node.root)) {
    if (f.entry.construct !== construct || findSuppression(construct, f.rule.id)) continue;
    annotate(construct, { ruleId: f.rule.id, level: f.rule.level, ...f.violation });
    if (f.rule.level === AuditLevel.ERROR) errors.push(errorLine({ ruleId: f.rule.id, ...f.violation }));
  }
  return errors;
}

registerAppFindingsReporter(reportApp);

/** An error as synth reports it: `<rule ID> at '<path>': <message>. Fix: <fix>`. */
function errorLine(f: Pick<AuditFinding, 'ruleId' | 'path' | 'message' | 'fix'>): string {
  return `${f.ruleId} at '${f.path}': ${f.message}. Fix: ${f.fix}`;
}

/**
 * Whether `stage` (an app or stage) has synthesized: ros-cdk-core's `Stage.synth()`
 * keeps the assembly it made in `assembly` and returns it on later calls, without
 * synthesizing again.
 */
function hasSynthesized(stage: ros.IConstruct): boolean {
  return ros.Stage.isStage(stage) && (stage as unknown as { assembly?: unknown }).assembly !== undefined;
}

/** The scopes `AuditChecks.of` was applied to. */
const checkedScopes = new WeakSet<ros.IConstruct>();

/** Whether an `AuditChecks` checks `construct` (it or one of its scopes was given to `AuditChecks.of`). */
function isChecked(construct: ros.IConstruct): boolean {
  return construct.node.scopes.some((scope) => checkedScopes.has(scope));
}

/**
 * The one path of a warning about a resource no `AuditChecks` checks (a
 * construct asks with `reportUncheckedWarnings`, e.g. a Trail with a region
 * ActionTrail is not known to support): the rules of
 * {@link UNCHECKED_WARNING_RULES} run over the resource as its template renders
 * it, and each violation is annotated as `AuditChecks` would annotate it. Under
 * an `AuditChecks`, nothing happens here: `AuditChecks` reports the same rules,
 * and honours suppressions.
 */
function reportUnchecked(resource: object): void {
  if (resource === undefined || resource === null || !ros.RosResource.isRosResource(resource as ros.IConstruct)) return;
  const construct = resource as ros.RosResource;
  if (isChecked(construct)) return;
  const stack = ros.Stack.of(construct);
  const view = normalize(stack, construct);
  const stackView: AuditStackView = { stackName: stack.stackName, ...stackEnvironment(stack), resources: [view] };
  for (const rule of UNCHECKED_WARNING_RULES) {
    if (!rule.resourceTypes.includes(view.type)) continue;
    for (const violation of rule.check(view, stackView))
      annotate(construct, { ruleId: rule.id, level: rule.level, ...violation });
  }
}

registerUncheckedWarningReporter(reportUnchecked);

/** Locale-independent string order, so that reports are byte-for-byte deterministic. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
