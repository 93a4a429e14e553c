/**
 * The policy documents of a modified RAM resource, as `diff` shows them to a
 * reviewer: per statement, the actions, resources and principals added and
 * removed, instead of property paths by list index (where one action inserted
 * at the front moves every other) or a digest of a statement's JSON.
 *
 * Statements are paired across the two documents by `Sid`, then equal ones,
 * then by the most entries in common (same effect, nearest position first);
 * a statement left over was added or removed. The JSON document of `diff`
 * keeps the property paths (its schema is unchanged).
 */
import { formatValue, PropertyChange } from './template-diff';

/** The readable form of a resource's policy documents. */
export interface PolicyDiff {
  /** The property paths it shows in its own words (their path lines are left out). */
  readonly covered: readonly string[];
  /** The lines, unindented: a statement heading, then `  + action ...` lines under it. */
  readonly lines: readonly string[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Sorted-key JSON, for telling equal values. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : isObject(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return JSON.stringify(sort(value)) ?? 'undefined';
}

/** The keys of a statement shown as entries, with their labels. */
const ENTRY_KEYS: ReadonlyArray<[string, string]> = [
  ['Principal', 'principal'],
  ['NotPrincipal', 'not-principal'],
  ['Action', 'action'],
  ['NotAction', 'not-action'],
  ['Resource', 'resource'],
  ['NotResource', 'not-resource'],
];

/** `action odps:CreateTable`, `principal Service:actiontrail.aliyuncs.com`, ... of one statement. */
function entries(s: Json): Set<string> {
  const out = new Set<string>();
  for (const [k, label] of ENTRY_KEYS) {
    const v = s[k];
    if ((k === 'Principal' || k === 'NotPrincipal') && isObject(v)) {
      for (const [kind, values] of Object.entries(v))
        for (const p of list(values)) out.add(`${label} ${kind}:${text(p)}`);
    } else {
      for (const x of list(v)) out.add(`${label} ${text(x)}`);
    }
  }
  return out;
}

/** What a statement holds besides its entries and effect (Sid, Condition, ...), for path-by-path changes. */
function rest(s: Json | undefined): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s ?? {})) {
    if (k !== 'Effect' && !ENTRY_KEYS.some(([e]) => e === k)) out[k] = v;
  }
  return out;
}

function effectOf(s: Json): string {
  return s.Effect === undefined ? 'Allow' : text(s.Effect);
}

/** The keys of a policy document (anything else, e.g. `Fn::If`, is not a literal document). */
const DOCUMENT_KEYS = ['Version', 'Statement', 'Id'];

/** The keys of a statement (anything else, e.g. `Fn::If`, is not a literal statement). */
const STATEMENT_KEYS = ['Sid', 'Effect', 'Condition', ...ENTRY_KEYS.map(([k]) => k)];

/** Whether a value is a ROS function (`{"Ref": ...}`, `{"Fn::If": ...}`, ...). */
function isFunction(v: unknown): boolean {
  return isObject(v) && Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

/**
 * Whether a Principal (or NotPrincipal) can be read as `kind:value` entries:
 * absent, a string (`*`), or an object of kinds (`RAM`, `Service`, ...)
 * whose values are not ROS functions. A ROS function (`{"Fn::If": ...}`) in
 * its place is not.
 */
function isLiteralPrincipal(v: unknown): boolean {
  if (v === undefined || typeof v === 'string') return true;
  if (!isObject(v) || isFunction(v)) return false;
  return Object.values(v).every((values) => list(values).every((x) => !isFunction(x) && !isObject(x)));
}

/** The statements of a document, or undefined when it is not a literal document of literal statements. */
function statementsOf(doc: unknown): Json[] | undefined {
  if (doc === undefined) return [];
  if (!isObject(doc) || Object.keys(doc).some((k) => !DOCUMENT_KEYS.includes(k))) return undefined;
  const all = list(doc.Statement);
  return all.every(
    (st) =>
      isObject(st) &&
      Object.keys(st).every((k) => STATEMENT_KEYS.includes(k)) &&
      isLiteralPrincipal(st.Principal) &&
      isLiteralPrincipal(st.NotPrincipal),
  )
    ? (all as Json[])
    : undefined;
}

/**
 * Pairs old and new statements: by Sid, then equal ones, then by most entries
 * in common with the same effect and the same Condition, then with the same
 * effect only (nearest position on a tie).
 * @returns pairs of indexes; undefined on one side for an added or removed statement
 */
export function pairStatements(
  olds: readonly Json[],
  news: readonly Json[],
): Array<[number | undefined, number | undefined]> {
  const oldTaken = new Set<number>();
  const pairOf = new Map<number, number>();
  const take = (j: number, i: number): void => {
    pairOf.set(j, i);
    oldTaken.add(i);
  };
  const free = (i: number): boolean => !oldTaken.has(i);
  news.forEach((n, j) => {
    if (typeof n.Sid !== 'string') return;
    const i = olds.findIndex((o, k) => free(k) && o.Sid === n.Sid);
    if (i >= 0) take(j, i);
  });
  news.forEach((n, j) => {
    if (pairOf.has(j)) return;
    const i = olds.findIndex((o, k) => free(k) && canonical(o) === canonical(n));
    if (i >= 0) take(j, i);
  });
  // Most entries in common: first among statements with the same Condition (a Condition
  // that only moved to another statement is not shown as removed here and added there),
  // then among any with the same effect.
  for (const sameCondition of [true, false]) {
    news.forEach((n, j) => {
      if (pairOf.has(j)) return;
      const mine = entries(n);
      let best: number | undefined;
      let bestScore = 0;
      olds.forEach((o, i) => {
        if (!free(i) || effectOf(o) !== effectOf(n)) return;
        if (sameCondition && canonical(o.Condition) !== canonical(n.Condition)) return;
        const score = [...entries(o)].filter((e) => mine.has(e)).length;
        if (
          score > bestScore ||
          (score === bestScore && score > 0 && Math.abs(i - j) < Math.abs((best as number) - j))
        ) {
          best = i;
          bestScore = score;
        }
      });
      if (best !== undefined) take(j, best);
    });
  }
  const pairs: Array<[number | undefined, number | undefined]> = news.map((_n, j) => [pairOf.get(j), j]);
  olds.forEach((_o, i) => {
    if (free(i)) pairs.push([i, undefined]);
  });
  return pairs;
}

/** `path: old -> new` lines of a change list. */
function pathLines(changes: PropertyChange[], indent: string): string[] {
  return changes.map((c) => `${indent}${c.path}: ${formatValue(c.old)} -> ${formatValue(c.new)}`);
}

/** The paths where two values differ (objects by key, arrays by index), as in the resource diff. */
function changesOf(old: unknown, now: unknown, path: string): PropertyChange[] {
  if (canonical(old) === canonical(now)) return [];
  if (isObject(old) && isObject(now)) {
    const keys = [...new Set([...Object.keys(now), ...Object.keys(old)])];
    return keys.flatMap((k) => changesOf(old[k], now[k], `${path}${path ? '.' : ''}${k}`));
  }
  return [{ path, old, new: now }];
}

/**
 * The lines of one policy document's changes.
 * @param label what the heading calls it, e.g. `PolicyDocument`, `Policies 'archive-write' PolicyDocument`
 * @returns undefined when a side is not a literal document (a ROS function): the path lines stay
 */
export function policyDocumentLines(label: string, old: unknown, now: unknown): string[] | undefined {
  const olds = statementsOf(old);
  const news = statementsOf(now);
  if (olds === undefined || news === undefined) return undefined;
  if (canonical(old) === canonical(now)) return [];
  const lines: string[] = [];
  const docRest = (d: unknown): Json =>
    isObject(d) ? Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'Statement')) : {};
  // A document added or removed whole: its statements say it all.
  if (old !== undefined && now !== undefined)
    lines.push(...pathLines(changesOf(docRest(old), docRest(now), label), ''));
  for (const [i, j] of pairStatements(olds, news)) {
    const o = i === undefined ? undefined : olds[i];
    const n = j === undefined ? undefined : news[j];
    const s = (n ?? o) as Json;
    const sid = typeof s.Sid === 'string' ? ` ${JSON.stringify(s.Sid)}` : '';
    const position = (j ?? i ?? 0) + 1;
    const change = o === undefined ? ' added' : n === undefined ? ' removed' : '';
    const before = o ? entries(o) : new Set<string>();
    const after = n ? entries(n) : new Set<string>();
    const body: string[] = [];
    if (o && n && effectOf(o) !== effectOf(n)) body.push(`  effect: ${effectOf(o)} -> ${effectOf(n)}`);
    for (const e of after) if (!before.has(e)) body.push(`  + ${e}`);
    for (const e of before) if (!after.has(e)) body.push(`  - ${e}`);
    // The Sid is in the heading; a statement added or removed shows its other fields (Condition) whole.
    const others = (x: Json | undefined): Json => {
      const r = rest(x);
      if (o === undefined || n === undefined) delete r.Sid;
      return r;
    };
    body.push(...pathLines(changesOf(others(o), others(n), ''), '  '));
    if (change === '' && body.length === 0) {
      if (canonical(o) === canonical(n)) continue;
      body.push(...sameMeaningLines(o as Json, n as Json));
    }
    lines.push(`${label} statement ${position}${sid} (${effectOf(s)})${change}:`, ...body);
  }
  if (lines.length === 0) {
    const asList = (d: unknown): boolean => isObject(d) && Array.isArray(d.Statement);
    lines.push(
      asList(old) === asList(now)
        ? `${label}: the same statements in another order`
        : `${label}: the one statement written ${asList(now) ? 'as a list' : 'without a list'} (the same meaning)`,
    );
  }
  return lines;
}

/** An entry key's values in order, as `entries` names them (a Principal as `kind:value`, kinds sorted). */
function entryValues(key: string, v: unknown): string[] {
  if ((key === 'Principal' || key === 'NotPrincipal') && isObject(v)) {
    return Object.keys(v)
      .sort()
      .flatMap((kind) => list(v[kind]).map((p) => `${kind}:${text(p)}`));
  }
  return list(v).map(text);
}

/**
 * What differs between two statements with the same entries, effect and
 * other fields, key by key, in precise words: entries in another order, one
 * entry written as a list (or a list of one as a value), duplicates removed
 * or added, an omitted Effect written as "Allow" (or the reverse).
 */
function sameMeaningLines(o: Json, n: Json): string[] {
  const out: string[] = [];
  if (canonical(o.Effect) !== canonical(n.Effect)) {
    const show = (v: unknown): string => (v === undefined ? '(omitted)' : formatValue(v));
    out.push(`  Effect: ${show(o.Effect)} -> ${show(n.Effect)} (Allow is the default: the same meaning)`);
  }
  for (const [key] of ENTRY_KEYS) {
    if (canonical(o[key]) === canonical(n[key])) continue;
    const a = entryValues(key, o[key]);
    const b = entryValues(key, n[key]);
    if (canonical(a) === canonical(b)) {
      const how =
        typeof o[key] === 'string' && Array.isArray(n[key])
          ? 'one entry written as a list'
          : typeof n[key] === 'string' && Array.isArray(o[key])
            ? 'a list of one written as one entry'
            : 'the same entries written differently';
      out.push(`  ${key}: ${formatValue(o[key])} -> ${formatValue(n[key])}: ${how} (the same meaning)`);
      continue;
    }
    const dedupe = (x: string[]): string[] => [...new Set(x)];
    const dupes = (x: string[]): string => dedupe(x.filter((e, i) => x.indexOf(e) !== i)).join(', ');
    const reordered = canonical(dedupe(a)) !== canonical(dedupe(b));
    if (canonical([...a].sort()) === canonical([...b].sort())) out.push(`  ${key}: the same entries in another order`);
    else if (a.length === b.length)
      out.push(`  ${key}: duplicate entries changed (${dupes(a)} -> ${dupes(b)}) (the same meaning)`);
    else
      out.push(
        `  ${key}: ${a.length > b.length ? `duplicate entries removed (${dupes(a)})` : `duplicate entries added (${dupes(b)})`}` +
          `${reordered ? ', the rest in another order' : ''} (the same meaning)`,
      );
  }
  return out.length > 0 ? out : ['  (written differently, the same entries)'];
}

/** The inline policies of a role, user or group by name, or undefined when they are not literal with unique names. */
function policiesByName(v: unknown): Map<string, Json> | undefined {
  const out = new Map<string, Json>();
  for (const p of list(v)) {
    if (!isObject(p) || typeof p.PolicyName !== 'string' || out.has(p.PolicyName)) return undefined;
    out.set(p.PolicyName, p);
  }
  return out;
}

/** The RAM types whose inline `Policies` are shown by statement. */
const INLINE_POLICY_TYPES = ['ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group'];

/**
 * The readable form of a modified RAM resource's policy documents: a managed
 * policy's `PolicyDocument`, a role's `AssumeRolePolicyDocument`, and the
 * inline `Policies` (by `PolicyName`) of a role, user or group.
 * @returns undefined for another type, or when no document it can read changes
 */
export function policyDiff(type: string, oldProps: Json, newProps: Json): PolicyDiff | undefined {
  const covered: string[] = [];
  const lines: string[] = [];
  const doc = (key: string): void => {
    const l = policyDocumentLines(key, oldProps[key], newProps[key]);
    if (l === undefined || l.length === 0) return;
    covered.push(`Properties.${key}`);
    lines.push(...l);
  };
  if (type === 'ALIYUN::RAM::ManagedPolicy') doc('PolicyDocument');
  if (type === 'ALIYUN::RAM::Role') doc('AssumeRolePolicyDocument');
  if (INLINE_POLICY_TYPES.includes(type)) {
    const before = policiesByName(oldProps.Policies);
    const after = policiesByName(newProps.Policies);
    if (before && after && canonical(oldProps.Policies) !== canonical(newProps.Policies)) {
      const policyLines: string[] = [];
      let readable = true;
      for (const name of [...new Set([...after.keys(), ...before.keys()])]) {
        const o = before.get(name);
        const n = after.get(name);
        const label = `Policies '${name}'`;
        if (o === undefined) policyLines.push(`${label}: added`);
        if (n === undefined) policyLines.push(`${label}: removed`);
        const others = (p: Json | undefined): Json =>
          Object.fromEntries(Object.entries(p ?? {}).filter(([k]) => k !== 'PolicyName' && k !== 'PolicyDocument'));
        if (o && n) policyLines.push(...pathLines(changesOf(others(o), others(n), label), ''));
        const l = policyDocumentLines(`${label} PolicyDocument`, o?.PolicyDocument, n?.PolicyDocument);
        if (l === undefined) readable = false;
        else policyLines.push(...l);
      }
      if (readable) {
        covered.push('Properties.Policies');
        // Each policy the same, the list not: only their order changed.
        lines.push(...(policyLines.length > 0 ? policyLines : ['Policies: the same policies in another order']));
      }
    }
  }
  return covered.length === 0 ? undefined : { covered, lines };
}

/** Whether `path` is `prefix` or under it (`prefix.X`, `prefix[0]`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
