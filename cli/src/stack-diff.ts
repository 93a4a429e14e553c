/**
 * The diff of one stack as `diff` and `deploy` show it: the deployed template
 * (GetTemplate) against the synthesized one, the replacement flags of ROS
 * PreviewStack (diff only), and the security changes.
 */
import { isUnder, policyDiff, PolicyDiff } from './policy-diff';
import { Printer } from './printer';
import { RemoteStack } from './ros-stacks';
import { StackTarget } from './targets';
import {
  changeLines,
  diffTemplates,
  EncryptionReplacement,
  encryptionReplacements,
  formatValue,
  PropertyChange,
  propertyChanges,
  ResourceDiff,
  securityLines,
  SecurityChange,
  TemplateDiff,
} from './template-diff';

/** How a stack compares. */
export type StackDiffState = 'new' | 'changed' | 'same' | 'blocked';

/** The diff of one stack. */
export interface StackDiff {
  /** The target. */
  readonly target: StackTarget;
  /** new (not deployed), changed, same, or blocked (cannot be updated, or busy). */
  readonly state: StackDiffState;
  /** The live stack. @default - not deployed */
  readonly remote?: RemoteStack;
  /** The template diff (empty for a blocked stack). */
  readonly diff: TemplateDiff;
  /** Changes outside `Resources` (Outputs, Parameters, ...). @default [] */
  readonly template: PropertyChange[];
  /** ROS PreviewStack's replacement flag per logical ID (diff only). @default - none */
  readonly replacement: ReadonlyMap<string, string>;
  /**
   * MaxCompute projects whose storage encryption changes: replacements whatever
   * PreviewStack says (ROS documents `Properties` as not editable). @default []
   */
  readonly encryptionReplacements?: readonly EncryptionReplacement[];
  /**
   * The policy documents of modified RAM resources by logical ID, per statement
   * (the human lines show these instead of their property paths). @default - none
   */
  readonly policies?: ReadonlyMap<string, PolicyDiff>;
}

const EMPTY: TemplateDiff = { resources: [], security: [], broadening: false };

function withoutResources(t: Record<string, unknown>): Record<string, unknown> {
  const { Resources: _resources, ...rest } = t;
  return rest;
}

/**
 * Compares a stack's deployed template with its synthesized one.
 * @param remote the live stack (undefined: not deployed; everything is new)
 * @param preview also ask ROS PreviewStack which modified resources it replaces
 */
export async function stackDiff(
  target: StackTarget,
  remote: RemoteStack | undefined,
  options: { preview: boolean; blocked?: boolean },
): Promise<StackDiff> {
  if (options.blocked) {
    return { target, state: 'blocked', remote, diff: EMPTY, template: [], replacement: new Map() };
  }
  const now = target.stack.template as Record<string, unknown>;
  const old = remote ? await target.ros.template(remote.stackId) : undefined;
  const diff = diffTemplates(old, now);
  const template = old ? propertyChanges(withoutResources(old), withoutResources(now)) : [];
  const replacement = new Map<string, string>();
  if (options.preview && remote && diff.resources.some((r) => r.action === 'Modify')) {
    const changes = await target.ros.preview(
      { stackId: remote.stackId, stackName: target.stack.stackName },
      target.stack.templateBody,
    );
    for (const c of changes) if (c.replacement) replacement.set(c.logicalResourceId, c.replacement);
  }
  const state: StackDiffState = !remote ? 'new' : diff.resources.length > 0 || template.length > 0 ? 'changed' : 'same';
  const encryption = encryptionReplacements(old as Parameters<typeof encryptionReplacements>[0], now);
  const policies = policyDiffs(diff, old, now);
  return { target, state, remote, diff, template, replacement, encryptionReplacements: encryption, policies };
}

/** The readable policy documents of the modified resources that have them. */
function policyDiffs(
  diff: TemplateDiff,
  old: Record<string, unknown> | undefined,
  now: Record<string, unknown>,
): Map<string, PolicyDiff> {
  const out = new Map<string, PolicyDiff>();
  const props = (t: Record<string, unknown> | undefined, id: string): Record<string, unknown> => {
    const r = (t?.Resources as Record<string, { Properties?: unknown }> | undefined)?.[id];
    const p = r?.Properties;
    return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  };
  for (const r of diff.resources) {
    if (r.action !== 'Modify') continue;
    const p = policyDiff(r.type, props(old, r.logicalId), props(now, r.logicalId));
    if (p) out.set(r.logicalId, p);
  }
  return out;
}

const MARKS: Record<ResourceDiff['action'], string> = { Add: '[+]', Modify: '[~]', Remove: '[-]' };

/** The resource lines of a stack: `  [~] Role (ALIYUN::RAM::Role)` and its property paths. */
export function resourceLines(d: StackDiff): string[] {
  const lines: string[] = [];
  for (const r of d.diff.resources) {
    const replace = d.replacement.get(r.logicalId);
    const encryption = (d.encryptionReplacements ?? []).some((e) => e.logicalId === r.logicalId);
    const flag =
      r.action === 'Modify' && replace && replace !== 'False'
        ? ` (replacement: ${replace}${encryption ? '; storage encryption changes' : ''})`
        : encryption
          ? ' (replacement: storage encryption changes; ROS documents Properties as not editable)'
          : '';
    lines.push(`  ${MARKS[r.action]} ${r.logicalId} (${r.type})${flag}`);
    const policy = d.policies?.get(r.logicalId);
    if (policy) {
      const rest = { ...r, changes: r.changes.filter((c) => !policy.covered.some((p) => isUnder(c.path, p))) };
      lines.push(...changeLines(rest), ...policy.lines.map((l) => `      ${l}`));
    } else {
      lines.push(...changeLines(r));
    }
  }
  for (const c of d.template) lines.push(`  [~] ${c.path}: ${formatValue(c.old)} -> ${formatValue(c.new)}`);
  return lines;
}

/** Prints the security section of the stacks that have security changes. */
export function printSecurity(printer: Printer, diffs: StackDiff[]): void {
  const withChanges = diffs.filter((d) => d.diff.security.length > 0);
  if (withChanges.length === 0) {
    printer.line('Security changes: none (no trust principal, policy action or resource, or function code changes)');
    return;
  }
  const broadening = withChanges.some((d) => d.diff.broadening);
  printer.line(
    `Security changes${broadening ? ' (trust or permissions grow: marked "<- broadens")' : ' (nothing grows)'}:`,
  );
  for (const d of withChanges) {
    printer.line(`  ${d.target.stack.id}:`);
    for (const l of securityLines(d.diff.security, '    ')) printer.line(l);
  }
}

/** A value of a JSON diff line: its display text, or null when absent. */
function jsonValue(v: unknown): string | null {
  return v === undefined ? null : formatValue(v);
}

/** The JSON form of a security change (see docs/cli.md, "JSON output"). */
function securityJson(s: SecurityChange): Record<string, unknown> {
  return {
    logicalId: s.logicalId,
    type: s.type,
    kind: s.kind,
    change: s.change,
    value: s.value,
    effect: s.effect ?? null,
    broadening: s.broadening,
  };
}

/** The JSON form of one stack's diff (see docs/cli.md, "JSON output"). */
export function stackDiffJson(d: StackDiff, reason?: string): Record<string, unknown> {
  return {
    stack: d.target.stack.id,
    stackName: d.target.stack.stackName,
    account: d.target.account,
    region: d.target.region,
    state: d.state,
    status: d.remote?.status ?? null,
    reason: reason ?? null,
    resources: d.diff.resources.map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      action: r.action,
      replacement: d.replacement.get(r.logicalId) ?? null,
      changes: r.changes.map((c) => ({ path: c.path, old: jsonValue(c.old), new: jsonValue(c.new) })),
    })),
    template: d.template.map((c) => ({ path: c.path, old: jsonValue(c.old), new: jsonValue(c.new) })),
    security: d.diff.security.map(securityJson),
    broadening: d.diff.broadening,
  };
}
