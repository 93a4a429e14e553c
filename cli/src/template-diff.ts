/**
 * What a deploy changes, read from the templates themselves: the deployed one
 * (ROS GetTemplate) and the synthesized one. Per resource, the property paths
 * that change with their old and new values; and the security-relevant part:
 * RAM trust principals, policy actions and resources, and function code.
 */
import { createHash } from 'crypto';

/** A template as far as the diff reads it. */
export interface DiffTemplate {
  /** Resources by logical ID. */
  readonly Resources?: Record<string, unknown>;
}

/** One property path that changes. `undefined` stands for "absent". */
export interface PropertyChange {
  /** The path in the resource, e.g. `Properties.AssumeRolePolicyDocument.Statement[0].Principal.RAM[1]`. */
  readonly path: string;
  /** The deployed value. @default - absent */
  readonly old?: unknown;
  /** The synthesized value. @default - absent */
  readonly new?: unknown;
}

/** How one resource changes. */
export interface ResourceDiff {
  /** The logical ID. */
  readonly logicalId: string;
  /** The resource type (the new one for a modified resource). */
  readonly type: string;
  /** Add, Remove or Modify. */
  readonly action: 'Add' | 'Remove' | 'Modify';
  /** For Modify: the paths that change. @default [] */
  readonly changes: PropertyChange[];
}

/** One security-relevant change. */
export interface SecurityChange {
  /** The logical ID of the resource. */
  readonly logicalId: string;
  /** The resource type. */
  readonly type: string;
  /** What it is about. */
  readonly kind: 'trust-principal' | 'policy-action' | 'policy-resource' | 'policy-attachment' | 'function-code';
  /** Added, removed, or changed (code). */
  readonly change: 'added' | 'removed' | 'changed';
  /** The principal (`RAM:acs:ram::1111111111111111:root`), action, resource, attached policy (`System:AliyunOSSReadOnlyAccess`), or the code digests. */
  readonly value: string;
  /** Allow or Deny, for policy actions and resources. @default - not a policy entry */
  readonly effect?: 'Allow' | 'Deny';
  /** True when this grows trust or permissions (a principal, an allowed action or resource added; a deny removed). */
  readonly broadening: boolean;
}

/** The whole diff of one stack. */
export interface TemplateDiff {
  /** Resources that change, in logical-ID order of the new template, then removed ones. */
  readonly resources: ResourceDiff[];
  /** Security-relevant changes. */
  readonly security: SecurityChange[];
  /** True when any security change grows trust or permissions. */
  readonly broadening: boolean;
}

/** Values whose JSON is longer than this are shown as a digest with their size. */
export const LONG_VALUE_CHARS = 80;

/** sha256 of a value's text (the string itself, or its JSON), first 12 hex digits, and its size. */
export function digest(value: unknown): string {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  const bytes = Buffer.byteLength(body, 'utf8');
  return `sha256:${createHash('sha256').update(body).digest('hex').slice(0, 12)} (${bytes} bytes)`;
}

/** A value for a diff line: `(absent)`, short JSON, or a digest with the size for a long value. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const json = JSON.stringify(value);
  return json.length > LONG_VALUE_CHARS ? digest(value) : json;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function key(path: string, k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? `${path}${path ? '.' : ''}${k}` : `${path}[${JSON.stringify(k)}]`;
}

/** The paths where two values differ (objects by key, arrays by index). */
export function propertyChanges(old: unknown, now: unknown, path = ''): PropertyChange[] {
  if (JSON.stringify(old) === JSON.stringify(now)) return [];
  if (isObject(old) && isObject(now)) {
    const keys = [...new Set([...Object.keys(now), ...Object.keys(old)])];
    return keys.flatMap((k) => propertyChanges(old[k], now[k], key(path, k)));
  }
  if (Array.isArray(old) && Array.isArray(now)) {
    const n = Math.max(old.length, now.length);
    const out: PropertyChange[] = [];
    for (let i = 0; i < n; i++) out.push(...propertyChanges(old[i], now[i], `${path}[${i}]`));
    return out;
  }
  return [{ path, old, new: now }];
}

function resourcesOf(t: DiffTemplate | undefined): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, r] of Object.entries(t?.Resources ?? {})) out[id] = isObject(r) ? r : {};
  return out;
}

function typeOf(r: Record<string, unknown> | undefined): string {
  return typeof r?.Type === 'string' ? r.Type : '';
}

function propsOf(r: Record<string, unknown> | undefined): Record<string, unknown> {
  return isObject(r?.Properties) ? r.Properties : {};
}

function list(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** A value as text for the security sets: the string itself, or canonical JSON of a ROS function. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function statements(doc: unknown): Record<string, unknown>[] {
  if (!isObject(doc)) return [];
  return list(doc.Statement).filter(isObject);
}

/** A role's trust principals: `RAM:<arn>`, `Service:<name>`, `Federated:<arn>`, or `*`. */
function trustPrincipals(type: string, props: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  if (type !== 'ALIYUN::RAM::Role') return out;
  for (const s of statements(props.AssumeRolePolicyDocument)) {
    if (s.Effect !== undefined && s.Effect !== 'Allow') continue;
    const p = s.Principal;
    if (isObject(p)) {
      for (const [kind, values] of Object.entries(p)) for (const v of list(values)) out.add(`${kind}:${text(v)}`);
    } else if (p !== undefined) {
      for (const v of list(p)) out.add(text(v));
    }
  }
  return out;
}

/** The permission documents of a role (inline `Policies[].PolicyDocument`) or a managed policy. */
function permissionDocuments(type: string, props: Record<string, unknown>): unknown[] {
  if (type === 'ALIYUN::RAM::ManagedPolicy') return [props.PolicyDocument];
  if (type === 'ALIYUN::RAM::Role' || type === 'ALIYUN::RAM::User' || type === 'ALIYUN::RAM::Group') {
    return list(props.Policies)
      .filter(isObject)
      .map((p) => p.PolicyDocument);
  }
  return [];
}

/** `Allow|<action>` and `Allow|<resource>` entries of a resource's permission documents. */
function permissionEntries(
  type: string,
  props: Record<string, unknown>,
): { actions: Set<string>; resources: Set<string> } {
  const actions = new Set<string>();
  const resources = new Set<string>();
  for (const doc of permissionDocuments(type, props)) {
    for (const s of statements(doc)) {
      const effect = s.Effect === 'Deny' ? 'Deny' : 'Allow';
      for (const a of list(s.Action)) actions.add(`${effect}|${text(a)}`);
      for (const r of list(s.Resource)) resources.add(`${effect}|${text(r)}`);
    }
  }
  return { actions, resources };
}

/**
 * Policies attached to a role, user or group: `System:<name>`, `Custom:<name>`
 * (`PolicyAttachments`); for a managed policy, what it is attached to.
 */
function policyAttachments(type: string, props: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  if (type === 'ALIYUN::RAM::ManagedPolicy') {
    // The managed policy's own attachments: each role, user or group it is attached to gains its permissions.
    for (const k of ['Roles', 'Users', 'Groups'])
      for (const n of list(props[k])) out.add(`attached to ${k}:${text(n)}`);
    return out;
  }
  if (!['ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group'].includes(type)) return out;
  const attachments = props.PolicyAttachments;
  if (!isObject(attachments)) {
    if (attachments !== undefined) out.add(text(attachments));
    return out;
  }
  for (const [kind, names] of Object.entries(attachments)) for (const n of list(names)) out.add(`${kind}:${text(n)}`);
  return out;
}

/** Function code: the `Code` property of a Function Compute function. */
function functionCode(type: string, props: Record<string, unknown>): unknown {
  return type === 'ALIYUN::FC3::Function' || type === 'ALIYUN::FC::Function' ? props.Code : undefined;
}

function codeText(code: unknown): string {
  if (code === undefined) return '(none)';
  if (isObject(code) && typeof code.ZipFile === 'string') return `ZipFile ${digest(code.ZipFile)}`;
  return formatValue(code);
}

function securityOf(
  id: string,
  oldR: Record<string, unknown> | undefined,
  newR: Record<string, unknown> | undefined,
): SecurityChange[] {
  const type = typeOf(newR) || typeOf(oldR);
  const out: SecurityChange[] = [];
  const setDiff = (kind: SecurityChange['kind'], before: Set<string>, after: Set<string>, split: boolean): void => {
    for (const [change, from, to] of [
      ['added', after, before],
      ['removed', before, after],
    ] as const) {
      for (const entry of from) {
        if (to.has(entry)) continue;
        const [effect, value] = split ? (entry.split(/\|(.*)/s) as ['Allow' | 'Deny', string]) : [undefined, entry];
        const grows = effect === 'Deny' ? change === 'removed' : change === 'added';
        out.push({ logicalId: id, type, kind, change, value, ...(effect ? { effect } : {}), broadening: grows });
      }
    }
  };
  setDiff(
    'trust-principal',
    trustPrincipals(typeOf(oldR), propsOf(oldR)),
    trustPrincipals(typeOf(newR), propsOf(newR)),
    false,
  );
  const before = permissionEntries(typeOf(oldR), propsOf(oldR));
  const after = permissionEntries(typeOf(newR), propsOf(newR));
  setDiff('policy-action', before.actions, after.actions, true);
  setDiff('policy-resource', before.resources, after.resources, true);
  setDiff(
    'policy-attachment',
    policyAttachments(typeOf(oldR), propsOf(oldR)),
    policyAttachments(typeOf(newR), propsOf(newR)),
    false,
  );
  const oldCode = functionCode(typeOf(oldR), propsOf(oldR));
  const newCode = functionCode(typeOf(newR), propsOf(newR));
  if (JSON.stringify(oldCode) !== JSON.stringify(newCode)) {
    out.push({
      logicalId: id,
      type,
      kind: 'function-code',
      change: oldCode === undefined ? 'added' : newCode === undefined ? 'removed' : 'changed',
      value: `${codeText(oldCode)} -> ${codeText(newCode)}`,
      broadening: false,
    });
  }
  return out;
}

/**
 * Compares the deployed template (`undefined` for a stack that does not exist
 * yet) with the synthesized one.
 */
export function diffTemplates(old: DiffTemplate | undefined, now: DiffTemplate): TemplateDiff {
  const before = resourcesOf(old);
  const after = resourcesOf(now);
  const resources: ResourceDiff[] = [];
  const security: SecurityChange[] = [];
  const ids = [...Object.keys(after), ...Object.keys(before).filter((id) => !(id in after))];
  for (const id of ids) {
    const o = before[id];
    const n = after[id];
    if (o === undefined) {
      resources.push({ logicalId: id, type: typeOf(n), action: 'Add', changes: [] });
    } else if (n === undefined) {
      resources.push({ logicalId: id, type: typeOf(o), action: 'Remove', changes: [] });
    } else {
      const changes = propertyChanges(o, n);
      if (changes.length > 0) resources.push({ logicalId: id, type: typeOf(n), action: 'Modify', changes });
    }
    security.push(...securityOf(id, o, n));
  }
  return { resources, security, broadening: security.some((s) => s.broadening) };
}

const SECURITY_LABELS: Record<SecurityChange['kind'], string> = {
  'trust-principal': 'trust principal',
  'policy-action': 'action',
  'policy-resource': 'resource',
  'policy-attachment': 'attached policy',
  'function-code': 'function code',
};

/** The lines of the security section of one stack: `  [+] ArchiveRole (ALIYUN::RAM::Role) trust principal RAM:...`. */
export function securityLines(changes: SecurityChange[], indent = '  '): string[] {
  return changes.map((s) => {
    const mark = s.change === 'added' ? '[+]' : s.change === 'removed' ? '[-]' : '[~]';
    const effect = s.effect === 'Deny' ? ' (Deny)' : '';
    const grows = s.broadening ? '  <- broadens' : '';
    return `${indent}${mark} ${s.logicalId} (${s.type}) ${SECURITY_LABELS[s.kind]}${effect}: ${s.value}${grows}`;
  });
}

/** The lines of a resource's property changes: `      Properties.X: old -> new`. */
export function changeLines(r: ResourceDiff, indent = '      '): string[] {
  return r.changes.map((c) => `${indent}${c.path}: ${formatValue(c.old)} -> ${formatValue(c.new)}`);
}

/** The ROS type of a MaxCompute project. */
const MAXCOMPUTE_PROJECT = 'ALIYUN::MaxCompute::Project';

/**
 * A MaxCompute project whose storage encryption (`Properties.Properties.Encryption`)
 * differs between the deployed and the synthesized template (issue 23). ROS
 * documents the project's `Properties` as not editable, and MaxCompute sets
 * encryption when a project is created: the change is a replacement of the
 * project that holds the audit events, whatever PreviewStack says.
 */
export interface EncryptionReplacement {
  /** The project's logical ID. */
  readonly logicalId: string;
  /** The deployed encryption. @default - absent (unencrypted) */
  readonly old?: unknown;
  /** The synthesized encryption. @default - absent (unencrypted) */
  readonly new?: unknown;
}

function encryptionOf(resource: unknown): unknown {
  const r = resource as { Properties?: { Properties?: { Encryption?: unknown } } } | undefined;
  return r?.Properties?.Properties?.Encryption;
}

/** Sorted-key JSON of a value, for comparing. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as Record<string, unknown>)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value)) ?? 'undefined';
}

/**
 * The MaxCompute projects, by logical ID in both templates, whose encryption changes.
 * @param old the deployed template (undefined: not deployed, nothing is replaced)
 * @param now the synthesized template
 */
export function encryptionReplacements(old: DiffTemplate | undefined, now: DiffTemplate): EncryptionReplacement[] {
  if (!old) return [];
  const before = old.Resources ?? {};
  const after = now.Resources ?? {};
  const out: EncryptionReplacement[] = [];
  for (const [id, resource] of Object.entries(after)) {
    const was = before[id] as { Type?: string } | undefined;
    if ((resource as { Type?: string }).Type !== MAXCOMPUTE_PROJECT || was?.Type !== MAXCOMPUTE_PROJECT) continue;
    const o = encryptionOf(was);
    const n = encryptionOf(resource);
    if (canonical(o) !== canonical(n)) out.push({ logicalId: id, old: o, new: n });
  }
  return out;
}

/** One line for an encryption replacement: `Project: storage encryption {...} -> {...}`. */
export function encryptionReplacementLine(r: EncryptionReplacement): string {
  return `${r.logicalId} (${MAXCOMPUTE_PROJECT}): storage encryption ${formatValue(r.old)} -> ${formatValue(r.new)} replaces the project that holds the audit events`;
}
