/**
 * The data model of the compliance rules pack: what a rule sees (one rendered
 * resource and the stack around it), what it returns (violations), and what
 * the engine reports (findings).
 */

/** How serious a finding is. Errors fail synth; warnings and info are reported only. */
export enum AuditLevel {
  /** Breaks a requirement: fails synth unless suppressed. */
  ERROR = 'error',
  /** Works, but is probably wrong or cannot be verified. */
  WARNING = 'warning',
  /** Worth knowing; not a problem by itself. */
  INFO = 'info',
}

/**
 * One ROS resource as rules see it: its entry in the synthesized template.
 * Values known only at deploy time appear as ROS functions, e.g.
 * `{ "Ref": "ALIYUN::AccountId" }` or `{ "Fn::Join": [...] }`.
 */
export interface AuditResource {
  /** The ROS resource type, e.g. `ALIYUN::RAM::Role`. */
  readonly type: string;
  /** The resource's logical ID in its template. */
  readonly logicalId: string;
  /** The construct path of the resource, e.g. `Audit/AuditTrail/AuditTrail`. */
  readonly path: string;
  /** The rendered `Properties`, exactly as in the template (PascalCase keys); `{}` when it has none. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The rendered `DeletionPolicy` (`Retain` or `Delete`). @default - none: ROS deletes the resource with the stack */
  readonly deletionPolicy?: string;
  /**
   * The rendered template `Metadata` of the resource (e.g. the
   * `actiontrail-cdk:alert` marker an alert resource carries).
   * @default - none: the resource has no `Metadata`
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * The accounts declared trusted for this resource with `declareTrustedAccounts`
   * on it or any of its scopes: literal account IDs, or, for a token, the JSON
   * (keys sorted) of the ROS function it renders to. Sorted, without duplicates.
   */
  readonly trustedAccounts: readonly string[];
}

/** The stack a resource is in, for rules that look at more than one resource. */
export interface AuditStackView {
  /** The stack's name (its template is `<stackName>.template.json`). */
  readonly stackName: string;
  /**
   * The stack's own account: a literal account ID, or `{"Ref":"ALIYUN::AccountId"}`
   * (as JSON) when it is known only at deploy time.
   */
  readonly account: string;
  /**
   * The stack's own region (a trail's home region): a literal region ID, or
   * `{"Ref":"ALIYUN::Region"}` (as JSON) when it is known only at deploy time.
   * @default - unknown to the rule (treat it as known only at deploy time)
   */
  readonly region?: string;
  /** Every resource of the stack under the checked scope, in construct-tree order. */
  readonly resources: readonly AuditResource[];
  /**
   * For a template embedded in a resource (a stack group's member template):
   * the accounts it is deployed to, when declared (`MemberAccountTrails`'
   * `memberAccountIds`). Its `account` is then `{"Ref":"ALIYUN::AccountId"}`.
   * @default - unknown at synth
   */
  readonly deployedToAccounts?: readonly string[];
}

/** What a rule reports about one resource: what is wrong, and how to fix it. */
export interface AuditViolation {
  /** What is wrong, naming the property and its value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * A compliance rule: a pure function over one rendered resource (and its stack)
 * that returns zero or more violations. The engine adds the rule's ID, level
 * and anchors, the resource path and any suppression.
 */
export interface AuditRule {
  /** Our rule ID, `AT-<AREA>-<NNN>`, e.g. `AT-TRAIL-001`. */
  readonly id: string;
  /** The level of every finding of this rule. */
  readonly level: AuditLevel;
  /** A one-line summary of the requirement, as in the README table. */
  readonly title: string;
  /**
   * The checks of other tools this rule matches, as `<tool>:<check>`, e.g.
   * `checkov:CKV_ALI_4`; empty for checks of our own.
   */
  readonly anchors: readonly string[];
  /** The ROS resource types the rule checks; the engine calls `check` only for these. */
  readonly resourceTypes: readonly string[];
  /** Checks one resource. Must be pure: same input, same output. */
  readonly check: (resource: AuditResource, stack: AuditStackView) => readonly AuditViolation[];
}

/** What an app-wide rule reports: the resource it is about (by construct path), what is wrong, and how to fix it. */
export interface AuditAppViolation extends AuditViolation {
  /** The construct path of the resource the finding is about (`AuditResource.path`). */
  readonly path: string;
}

/**
 * A compliance rule over every template of an app at once (e.g. a trail in
 * one stack and the delivery role it assumes in another): a pure function of
 * the app's stacks that returns violations, each about one resource. It runs
 * whether or not `AuditChecks` is applied: constructs ask for it at
 * validation, so that its errors always fail synth.
 */
export interface AuditAppRule {
  /** Our rule ID, `AT-<AREA>-<NNN>`. */
  readonly id: string;
  /** The level of every finding of this rule. */
  readonly level: AuditLevel;
  /** A one-line summary of the requirement. */
  readonly title: string;
  /** The checks of other tools this rule matches; empty for checks of our own. */
  readonly anchors: readonly string[];
  /**
   * The resource types the rule reads. Where no `AuditChecks` checks the app,
   * the engine renders only these (and the stack groups whose member templates
   * may hold them) for the rule: rendering every resource of every stack for
   * each app would cost synth time that reads nothing.
   */
  readonly resourceTypes: readonly string[];
  /** Checks the app: every stack's template, and the templates embedded in them. Must be pure. */
  readonly checkApp: (stacks: readonly AuditStackView[]) => readonly AuditAppViolation[];
}

/** One finding of the report. */
export interface AuditFinding {
  /** The rule that found it, e.g. `AT-TRAIL-001`. */
  readonly ruleId: string;
  /** The rule's level. */
  readonly level: AuditLevel;
  /** The construct path of the resource. */
  readonly path: string;
  /** The resource's logical ID. */
  readonly logicalId: string;
  /** The resource's ROS type. */
  readonly resourceType: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The checks of other tools the rule matches. */
  readonly anchors: readonly string[];
  /** Whether a suppression covers it (it then neither fails synth nor is annotated). */
  readonly suppressed: boolean;
  /** Why it is suppressed. @default - not suppressed */
  readonly reason?: string;
}

/** The findings of one stack's template, or of a template embedded in it. */
export interface AuditStackReport {
  /** The stack's name. */
  readonly stackName: string;
  /** The template file the stack is written to, relative to the cloud assembly directory. */
  readonly templateFile: string;
  /**
   * For a template embedded in a resource of the stack (a stack group's
   * member template), its JSON pointer in `templateFile`, e.g.
   * `/Resources/MembersStackGroup/Properties/TemplateBody`.
   * @default - the stack's own template
   */
  readonly embeddedAt?: string;
  /** How many resources of the stack were checked. */
  readonly resourcesChecked: number;
  /** The findings, sorted by path, rule ID and message. */
  readonly findings: readonly AuditFinding[];
}

/** Counts of a report's findings. */
export interface AuditSummary {
  /** Unsuppressed errors (synth fails when this is not 0). */
  readonly errors: number;
  /** Unsuppressed warnings. */
  readonly warnings: number;
  /** Unsuppressed info findings. */
  readonly info: number;
  /** Suppressed findings of any level. */
  readonly suppressed: number;
}

/** One rule, as listed in the report. */
export interface AuditRuleSummary {
  /** The rule ID. */
  readonly id: string;
  /** The rule's level. */
  readonly level: AuditLevel;
  /** The rule's one-line summary. */
  readonly title: string;
  /** The checks of other tools it matches. */
  readonly anchors: readonly string[];
}

/** The report `AuditChecks` writes to `cdk.out/audit-checks.json`: deterministic, no timestamps. */
export interface AuditReport {
  /** The report format's version. */
  readonly version: 1;
  /** The rules that ran, sorted by ID. */
  readonly rules: readonly AuditRuleSummary[];
  /** Counts over every stack. */
  readonly summary: AuditSummary;
  /** The stacks checked, sorted by name, with their findings. */
  readonly stacks: readonly AuditStackReport[];
}
