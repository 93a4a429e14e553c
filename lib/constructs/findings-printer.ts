/**
 * Findings are seen: when an app that holds a construct of this library
 * synthesizes (a bare `app.synth()` included), every finding annotated on its
 * constructs (the rules' errors, warnings and info, checked by `AuditChecks` or
 * not, and the constructs' own warnings, e.g. an unknown region) is printed to
 * stderr, once, one line each:
 *
 * ```
 * actiontrail-cdk: warning AT-TRAIL-007 at Audit/AuditTrail/AuditTrail: <message>. Fix: <fix>
 * ```
 *
 * Silence it with the environment variable `ACTIONTRAIL_CDK_QUIET=1` or the
 * context key `actiontrail-cdk:quiet` (`true`, e.g. in cdk.json), for tools
 * that print the manifest's messages themselves.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { markFindingsReported, registerFindingsPrinter } from '../shared/markers';
import { ensureInfraGuardWaivers } from './infraguard-waivers';

/** The environment variable that silences the findings printed at synth (`1` or `true`). */
export const FINDINGS_QUIET_ENV = 'ACTIONTRAIL_CDK_QUIET';

/** The context key that silences the findings printed at synth (`true`). */
export const FINDINGS_QUIET_CONTEXT = 'actiontrail-cdk:quiet';

/** The construct id of the printer, a child of the app. */
const PRINTER_ID = 'ActionTrailCdkFindings';

/** The metadata types of annotations, and the level each is printed as. */
const LEVELS: Record<string, string> = {
  'aliyun:ros:error': 'error',
  'aliyun:ros:warning': 'warning',
  'aliyun:ros:info': 'info',
};

/** Whether the switch is on: the environment variable, or the context key. */
function isQuiet(app: ros.IConstruct): boolean {
  const env = (process.env[FINDINGS_QUIET_ENV] ?? '').trim().toLowerCase();
  if (env === '1' || env === 'true') return true;
  const context: unknown = app.node.tryGetContext(FINDINGS_QUIET_CONTEXT);
  return context === true || context === 'true' || context === 1 || context === '1';
}

/**
 * The lines to print for the annotations of the constructs under `root`:
 * `actiontrail-cdk: <level> <rule ID or -> at <construct path>: <text>`, in
 * construct-tree order.
 */
export function findingLines(root: ros.IConstruct): string[] {
  const lines: string[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      const level = LEVELS[entry.type];
      if (level === undefined) continue;
      const data = String(entry.data);
      const match = /^\[([A-Z]+(?:-[A-Z]+)*-\d+)\] ([\s\S]*)$/.exec(data);
      const ruleId = match ? match[1] : '-';
      lines.push(`actiontrail-cdk: ${level} ${ruleId} at ${construct.node.path}: ${match ? match[2] : data}`);
    }
  }
  return [...new Set(lines)];
}

/**
 * Where ros-cdk-core looks for a construct's own synthesis step: its synthesis
 * calls `onSynthesize(session)` of the object under this global symbol, for
 * every construct that is neither a stack nor the tree metadata, after
 * validation (so every annotation is in place). The printer's tests fail if a
 * ros-cdk-core release drops it.
 */
const CUSTOM_SYNTHESIS = Symbol.for('@ros-cdk/core:customSynthesis');

/** Prints the app's findings to stderr when the app synthesizes, once. */
class FindingsPrinter extends ros.Construct {
  private printed = false;

  constructor(scope: ros.Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, CUSTOM_SYNTHESIS, { value: { onSynthesize: () => this.print() }, enumerable: false });
  }

  private print(): void {
    if (this.printed) return;
    this.printed = true;
    const root = this.node.root as ros.IConstruct;
    markFindingsReported(root);
    if (isQuiet(root)) return;
    const lines = findingLines(root);
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  }
}

/**
 * Makes sure the app of `scope` prints its findings when it synthesizes (one
 * printer per app). Does nothing outside an app (a bare construct tree).
 */
export function ensureFindingsPrinter(scope: ros.IConstruct): void {
  // The same constructs write the app's InfraGuard waiver file (issue 23).
  ensureInfraGuardWaivers(scope);
  const root = scope.node.root as ros.IConstruct;
  if (!ros.Stage.isStage(root) || root.node.tryFindChild(PRINTER_ID) !== undefined) return;
  new FindingsPrinter(root as ros.Construct, PRINTER_ID);
}

registerFindingsPrinter((scope) => ensureFindingsPrinter(scope as ros.IConstruct));
