/**
 * Facts that constructs write on the construct tree and the rules read at
 * synth, so that neither imports the other. Node built-ins only: a construct
 * is seen through the one thing these need, its scopes.
 *
 * - Trust: the accounts a construct's RAM roles may trust (written by
 *   `declareTrustedAccounts`, read by rule AT-ROLE-002).
 * - Deployed accounts: the accounts a template embedded in a construct (a
 *   stack group's member template) is deployed to, when the construct knows
 *   them (written by `MemberAccountTrails`, read by the app-wide trust rules).
 * - App-wide findings: a construct asks, at validation, for the findings of
 *   the rules that look at every stack of the app at once (a trail whose
 *   delivery role does not trust its account, AT-TRAIL-009); the rules engine
 *   reports them unless `AuditChecks` checks the resource, and returns the
 *   errors, which the construct's `validate()` returns so that synth fails.
 * - Warnings of unchecked resources: a construct asks for the warnings the
 *   rules give about its resource (e.g. a Trail's unknown region,
 *   AT-TRAIL-007); the rules engine, which registers itself here when it
 *   loads, reports them unless `AuditChecks` checks the resource. The rules are
 *   the only place that computes a warning: one path, checked or not.
 * - Service-only roles: a construct records that a role it made is assumed
 *   only by a service of its own account, never across accounts (the
 *   provider function's role); the app-wide rules, which match trails with the
 *   roles other accounts' ActionTrail assumes, skip it.
 */

/** What markers need of a construct: the constructs from the root down to it (ros-cdk-core's `node.scopes`). */
export interface MarkedConstruct {
  /** The construct's node. */
  readonly node: {
    /** The root first, the construct itself last. */
    readonly scopes: readonly object[];
  };
}

/** Where trusted accounts are kept on a construct (a global symbol, so that two copies of this library agree). */
const TRUSTED_ACCOUNTS = Symbol.for('actiontrail-cdk.audit-checks.trusted-accounts');

type WithTrustedAccounts = { [TRUSTED_ACCOUNTS]?: string[] };

/**
 * Records that the RAM roles in `scope` (and under it) may trust `accountIds`
 * (literal IDs or unresolved tokens). Records add up. Checks nothing: the
 * public `declareTrustedAccounts` validates first.
 */
export function addTrustedAccounts(scope: object, accountIds: readonly string[]): void {
  const holder = scope as WithTrustedAccounts;
  let declared = holder[TRUSTED_ACCOUNTS];
  if (declared === undefined) {
    declared = [];
    Object.defineProperty(scope, TRUSTED_ACCOUNTS, { value: declared, enumerable: false });
  }
  declared.push(...accountIds);
}

/** The accounts recorded on `construct` and on every scope above it, unresolved, root first, in declaration order. */
export function trustedAccountsOf(construct: MarkedConstruct): readonly string[] {
  return construct.node.scopes.flatMap((scope) => (scope as WithTrustedAccounts)[TRUSTED_ACCOUNTS] ?? []);
}

/** Reports the rules' warnings about one resource that no `AuditChecks` checks. */
export type UncheckedWarningReporter = (resource: object) => void;

let uncheckedWarningReporter: UncheckedWarningReporter | undefined;

/** Called once by the rules engine when it loads: it is then the one that reports warnings of unchecked resources. */
export function registerUncheckedWarningReporter(reporter: UncheckedWarningReporter): void {
  uncheckedWarningReporter = reporter;
}

/**
 * Asks the rules for the warnings they give about `resource` (a ROS resource),
 * annotated on it unless `AuditChecks` checks it (then `AuditChecks` reports
 * them, and honours suppressions). Call from `validate()`, when every
 * `AuditChecks.of` call has been made and the tree no longer changes. Does nothing when the rules are not
 * loaded (the package entry always loads them).
 */
export function reportUncheckedWarnings(resource: object): void {
  uncheckedWarningReporter?.(resource);
}

/** Where deployed accounts are kept on a construct. */
const DEPLOYED_ACCOUNTS = Symbol.for('actiontrail-cdk.audit-checks.deployed-accounts');

type WithDeployedAccounts = { [DEPLOYED_ACCOUNTS]?: string[] };

/**
 * Records that the template embedded in `scope` (a stack group's member
 * template) is deployed to `accountIds`. Records add up.
 */
export function addDeployedAccounts(scope: object, accountIds: readonly string[]): void {
  const holder = scope as WithDeployedAccounts;
  let declared = holder[DEPLOYED_ACCOUNTS];
  if (declared === undefined) {
    declared = [];
    Object.defineProperty(scope, DEPLOYED_ACCOUNTS, { value: declared, enumerable: false });
  }
  declared.push(...accountIds);
}

/**
 * The accounts recorded with `addDeployedAccounts` on `construct` and every
 * scope above it, root first; `undefined` when none recorded any (unknown).
 */
export function deployedAccountsOf(construct: MarkedConstruct): readonly string[] | undefined {
  const found = construct.node.scopes
    .map((scope) => (scope as WithDeployedAccounts)[DEPLOYED_ACCOUNTS])
    .filter((a): a is string[] => a !== undefined);
  return found.length === 0 ? undefined : found.flat();
}

/** Reports the app-wide findings about one resource that no `AuditChecks` checks; returns the errors. */
export type AppFindingsReporter = (resource: object) => string[];

let appFindingsReporter: AppFindingsReporter | undefined;

/** Called once by the rules engine when it loads: it then reports app-wide findings of unchecked resources. */
export function registerAppFindingsReporter(reporter: AppFindingsReporter): void {
  appFindingsReporter = reporter;
}

/**
 * Asks the app-wide rules for their findings about `resource` (a ROS
 * resource), over every stack of its app: warnings and info are annotated on
 * it, and the errors returned (one line each), unless `AuditChecks` checks it
 * (then `AuditChecks` reports and fails on them). Call from `validate()`, and
 * return the errors there so that they fail synth. Returns `[]` when the
 * rules are not loaded.
 */
export function reportAppFindings(resource: object): string[] {
  return appFindingsReporter?.(resource) ?? [];
}

let findingsPrinter: ((scope: object) => void) | undefined;

/** Called once by the constructs when they load: `ensureFindingsPrinter` then adds the app's findings printer. */
export function registerFindingsPrinter(ensure: (scope: object) => void): void {
  findingsPrinter = ensure;
}

/**
 * Makes sure the app of `scope` prints its findings to stderr when it
 * synthesizes (for `AuditChecks`, which does not import the constructs).
 * Does nothing when the constructs are not loaded.
 */
export function ensureFindingsPrinter(scope: object): void {
  findingsPrinter?.(scope);
}

/** Where a role records that only a service of its own account assumes it. */
const SERVICE_ONLY_ROLE = Symbol.for('actiontrail-cdk.audit-checks.service-only-role');

/**
 * Records that `role` (a RAM role resource) has a trust policy, written by the
 * library, that names one service of the role's own account and no account or
 * ActionTrail principal: the provider function's role. The app-wide rules,
 * which read the roles ActionTrail assumes across accounts, then skip it
 * without rendering it (rendering every stack's provider role was most of
 * their cost at synth). Per-resource rules still check it.
 */
export function markServiceOnlyRole(role: object): void {
  Object.defineProperty(role, SERVICE_ONLY_ROLE, { value: true, enumerable: false });
}

/** Whether `markServiceOnlyRole` marked `resource`. */
export function isServiceOnlyRole(resource: object): boolean {
  return (resource as { [SERVICE_ONLY_ROLE]?: boolean })[SERVICE_ONLY_ROLE] === true;
}

/** Where a resource keeps the template fragment the rules rendered for it in the current synthesis. */
const RENDERED_FRAGMENT = Symbol.for('actiontrail-cdk.audit-checks.rendered-fragment');

type WithRenderedFragment = { [RENDERED_FRAGMENT]?: object };

/**
 * Records the template fragment of `resource` (`stack.resolve(resource._toRosTemplate())`)
 * that the rules rendered while synthesis validates: the tree no longer
 * changes then, so a resource that reads it back (`renderedFragment`) can give
 * it to its stack's template instead of being rendered again. Kept until
 * the synthesis is over (a microtask) or the next one prepares.
 */
export function rememberRenderedFragment(resource: object, fragment: object): void {
  Object.defineProperty(resource, RENDERED_FRAGMENT, { value: fragment, configurable: true, enumerable: false });
  // Synthesis runs in one synchronous pass: once it is over, a render by hand must see later changes.
  queueMicrotask(() => forgetRenderedFragment(resource));
}

/** The fragment recorded by `rememberRenderedFragment` in this synthesis, if any. */
export function renderedFragment(resource: object): object | undefined {
  return (resource as WithRenderedFragment)[RENDERED_FRAGMENT];
}

/** Drops the recorded fragment: a new synthesis (its `prepare()`) may change the resource. */
export function forgetRenderedFragment(resource: object): void {
  delete (resource as WithRenderedFragment)[RENDERED_FRAGMENT];
}

/** Where an app's root records that its findings were reported (a global symbol, so that two copies agree). */
const FINDINGS_REPORTED = Symbol.for('actiontrail-cdk.audit-checks.findings-reported');

/**
 * Records that the app of `root` synthesized and reported its findings
 * (printed, and written to the report): a suppression added afterwards would
 * change nothing, so `AuditChecks.suppress` refuses it.
 */
export function markFindingsReported(root: object): void {
  Object.defineProperty(root, FINDINGS_REPORTED, { value: true, configurable: true, enumerable: false });
}

/** Whether `markFindingsReported` marked `root`. */
export function findingsReported(root: object): boolean {
  return (root as { [FINDINGS_REPORTED]?: boolean })[FINDINGS_REPORTED] === true;
}
