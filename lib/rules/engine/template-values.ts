/**
 * Reading values of a rendered ROS template. A value is JSON: a literal, or a
 * ROS function (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`, `{"Fn::Join": [...]}`)
 * when it is known only at deploy time. Rules never guess such a value: they
 * report that it cannot be checked.
 */
import { shorten } from '../../shared/quote';

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is a ROS function, i.e. known only at deploy time. */
export function isRosFunction(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Reads `name` from an object, ignoring the case of its keys (RAM policy
 * documents written by hand may say `statement` for `Statement`). Returns
 * `undefined` when `value` is not an object or has no such key.
 */
export function field(value: unknown, name: string): unknown {
  if (!isObject(value)) return undefined;
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

/** A value as a list: arrays as they are, `undefined`/`null` as `[]`, anything else as a list of one. */
export function asList(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a property is set: not `undefined`, `null` or `''`. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * A value as one comparable string: a string as itself, anything else as JSON
 * with sorted keys. Two ROS functions are the same value when their canonical
 * forms are equal.
 */
export function canonicalValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(sortKeys(value)) ?? 'undefined');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** Reads a boolean that may be written as a string (`'true'`/`'false'`); `undefined` when it is neither. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === 'True') return true;
  if (value === false || value === 'false' || value === 'False') return false;
  return undefined;
}

/**
 * Describes a template value for a message: a string quoted (whole), other
 * literals as JSON with sorted keys, a ROS function as "known only at deploy
 * time" with its JSON; JSON is cut short as `quote` of `lib/shared/quote` cuts it.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return `'${value}'`;
  const short = shorten(canonicalValue(value));
  return isRosFunction(value) ? `a value known only at deploy time (${short})` : short;
}

/** A piece of a string value: literal text, or a ROS function standing for text known at deploy time. */
export type StringPiece = string | { readonly token: string };

/**
 * Splits a string value into literal text and ROS functions, flattening
 * `Fn::Join` with a literal delimiter, so that
 * `{"Fn::Join": ["", [{"Ref": "A"}, "@actiontrail.aliyuncs.com"]]}` becomes
 * `[{token: '{"Ref":"A"}'}, '@actiontrail.aliyuncs.com']`.
 */
export function stringPieces(value: unknown): readonly StringPiece[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  const join = field(value, 'Fn::Join');
  if (
    isRosFunction(value) &&
    Array.isArray(join) &&
    join.length === 2 &&
    typeof join[0] === 'string' &&
    Array.isArray(join[1])
  ) {
    const delimiter = join[0];
    const pieces: StringPiece[] = [];
    join[1].forEach((part, i) => {
      if (i > 0 && delimiter !== '') pieces.push(delimiter);
      pieces.push(...stringPieces(part));
    });
    return pieces;
  }
  return [{ token: canonicalValue(value) }];
}

/** Whether any literal text of a string value contains a wildcard (`*` or `?`). */
export function hasWildcard(value: unknown): boolean {
  return stringPieces(value).some((p) => typeof p === 'string' && /[*?]/.test(p));
}

/** ROS's pseudo parameter for the deploying account, as a canonical value: the account of a stack known only at deploy time. */
export const THIS_ACCOUNT = canonicalValue({ Ref: 'ALIYUN::AccountId' });

/** ROS's pseudo parameter for the deploying region, as a canonical value. */
export const THIS_REGION = canonicalValue({ Ref: 'ALIYUN::Region' });
