/**
 * Reading RAM policy documents (permission policies and trust policies) in a
 * rendered template.
 */
import { RAM_MANAGED_POLICY_TYPE } from '../../shared/resource-types';
import {
  asList,
  canonicalValue,
  field,
  hasWildcard,
  isObject,
  isRosFunction,
  stringPieces,
  THIS_ACCOUNT,
} from './template-values';

/** One statement of a policy document, with where it is, for messages. */
export interface PolicyStatement {
  /** Where the statement is, e.g. `Policies[0] 'MyPolicy' Statement[1]`. */
  readonly location: string;
  /** The statement as rendered. */
  readonly statement: Readonly<Record<string, unknown>>;
}

/**
 * The `Allow` statements of a policy document (a map, or a JSON string of one).
 * `Deny` statements only take permissions away, so rules skip them; a
 * statement without an `Effect` is treated as `Allow`.
 */
export function allowStatements(document: unknown, location: string): readonly PolicyStatement[] {
  const doc = typeof document === 'string' ? parseJson(document) : document;
  return asList(field(doc, 'Statement'))
    .map((statement, i) => ({ location: `${location}Statement[${i}]`, statement }))
    .filter((s): s is PolicyStatement => isObject(s.statement) && !isRosFunction(s.statement))
    .filter((s) => String(field(s.statement, 'Effect') ?? 'Allow').toLowerCase() !== 'deny');
}

/**
 * The parts of a policy document that cannot be read at synth: the document
 * itself, its `Statement`, or one statement, when it is a ROS function (or a
 * string that is not JSON). Rules report these rather than pass them.
 */
export function unreadableParts(document: unknown, location: string): readonly string[] {
  const doc = typeof document === 'string' ? parseJson(document) : document;
  const where = location.replace(/[.\s]+$/, '') || 'PolicyDocument';
  if (doc === undefined || isRosFunction(doc) || !isObject(doc)) return document === undefined ? [] : [where];
  const statements = field(doc, 'Statement');
  if (isRosFunction(statements)) return [`${location}Statement`];
  return asList(statements).flatMap((statement, i) =>
    isObject(statement) && !isRosFunction(statement) ? [] : [`${location}Statement[${i}]`],
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The permission policy documents a resource carries: a role's inline
 * `Policies[].PolicyDocument`, or a managed policy's `PolicyDocument`.
 */
export function permissionDocuments(
  type: string,
  properties: Readonly<Record<string, unknown>>,
): readonly { location: string; document: unknown }[] {
  if (type === RAM_MANAGED_POLICY_TYPE) {
    return [{ location: '', document: field(properties, 'PolicyDocument') }];
  }
  return asList(field(properties, 'Policies')).map((policy, i) => {
    const name = field(policy, 'PolicyName');
    const label = typeof name === 'string' ? ` '${name}'` : '';
    // A policy that is itself a ROS function stands for its document: unreadable, and reported so.
    return {
      location: `Policies[${i}]${label} `,
      document: isRosFunction(policy) ? policy : field(policy, 'PolicyDocument'),
    };
  });
}

/** What a trust-policy principal says about the account it trusts. */
export type PrincipalAccount =
  /** The stack's own account (a service principal without an account prefix). */
  | { readonly kind: 'own' }
  /** A named account: a literal ID, or the canonical JSON of a ROS function. */
  | { readonly kind: 'account'; readonly account: string }
  /** Cannot be told at synth (the principal is, or its account part is, only partly known). */
  | { readonly kind: 'unknown' };

/** One principal of a trust-policy statement. */
export interface Principal {
  /** The principal type: `RAM`, `Service`, `Federated`, or `''` when `Principal` is not a map. */
  readonly type: string;
  /** The principal as rendered. */
  readonly value: unknown;
  /** Whether the principal holds a wildcard (`*` or `?`) in its literal text. */
  readonly wildcard: boolean;
  /** The account it trusts. */
  readonly account: PrincipalAccount;
}

/** The principals of a statement's `Principal` (a map of type to value(s), or a bare value such as `"*"`). */
export function principals(statement: Readonly<Record<string, unknown>>): readonly Principal[] {
  const principal = field(statement, 'Principal');
  if (principal === undefined) return [];
  const entries: [string, unknown][] =
    isObject(principal) && !isRosFunction(principal) ? Object.entries(principal) : [['', principal]];
  const result: Principal[] = [];
  for (const [type, values] of entries) {
    for (const value of asList(values)) {
      result.push({ type, value, wildcard: hasWildcard(value), account: principalAccount(value) });
    }
  }
  return result;
}

/** Marks a ROS function inside a principal's text; never appears in real principals. */
const MARK = '\u0000';

/**
 * The account a principal names:
 * - `acs:ram::<account>:root` (and any other `acs:ram::<account>:...` ARN): that account;
 * - `<account>@<service>.aliyuncs.com`: that account's service;
 * - a bare account ID: that account;
 * - `<service>.aliyuncs.com` without an account: the stack's own account.
 * The account part may be a ROS function (e.g. a parameter); anything else
 * known only at deploy time is `unknown`.
 */
export function principalAccount(value: unknown): PrincipalAccount {
  const tokens: string[] = [];
  const text = stringPieces(value)
    .map((p) => (typeof p === 'string' ? p : `${MARK}${tokens.push(p.token) - 1}${MARK}`))
    .join('');
  const accountPart =
    /^acs:ram::([^:]*):/.exec(text)?.[1] ??
    /^([^@]+)@[^@]+$/.exec(text)?.[1] ??
    (/^\d+$/.test(text) ? text : undefined);
  if (accountPart === undefined) {
    return !text.includes(MARK) && /^[a-z0-9.-]+\.aliyuncs\.com$/.test(text) ? { kind: 'own' } : { kind: 'unknown' };
  }
  if (!accountPart.includes(MARK)) return { kind: 'account', account: accountPart };
  const whole = new RegExp(`^${MARK}(\\d+)${MARK}$`).exec(accountPart);
  if (!whole) return { kind: 'unknown' };
  const account = tokens[Number(whole[1])];
  return account === THIS_ACCOUNT ? { kind: 'own' } : { kind: 'account', account };
}

/** Describes a principal for a message, e.g. `Service '1234567890123456@actiontrail.aliyuncs.com'`. */
export function describePrincipal(p: Principal): string {
  const text = typeof p.value === 'string' ? `'${p.value}'` : canonicalValue(p.value);
  return p.type ? `${p.type} ${text}` : text;
}
