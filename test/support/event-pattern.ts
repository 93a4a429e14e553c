/**
 * A small evaluator of EventBridge event patterns, for tests and the stand-in's
 * `TestEventPattern`. No maintained npm package evaluates Alibaba Cloud (or
 * AWS) EventBridge patterns in JavaScript, so this implements the documented
 * syntax ("Event patterns"): the pattern nests like the event; a leaf is an
 * array of alternatives (OR), sibling fields AND; alternatives are an exact
 * value, `prefix`, `suffix`, `anything-but` (a value, a list, or `{prefix}`),
 * `exists`, `numeric` and `cidr` (IPv4). An array in the event matches when
 * one of its elements does. Anything else throws, so a construct that emits
 * syntax the service does not document fails its test.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether `event` matches `pattern`. Throws on a pattern outside the documented syntax. */
export function eventMatchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error(`event pattern must be an object, got ${JSON.stringify(pattern)}`);
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = isObject(event) ? event[key] : undefined;
    if (Array.isArray(expected)) return leafMatches(key, expected, actual);
    if (isObject(expected)) return eventMatchesPattern(expected, actual);
    throw new Error(`event pattern field '${key}' must be an array or an object, got ${JSON.stringify(expected)}`);
  });
}

function leafMatches(key: string, alternatives: unknown[], actual: unknown): boolean {
  if (alternatives.length === 0) throw new Error(`event pattern field '${key}' has no alternatives`);
  const values = Array.isArray(actual) ? actual : [actual];
  return alternatives.some((alt) => {
    if (isObject(alt) && 'exists' in alt) {
      if (typeof alt.exists !== 'boolean') throw new Error(`'exists' in '${key}' must be a boolean`);
      return alt.exists === (actual !== undefined);
    }
    return values.some((value) => value !== undefined && alternativeMatches(key, alt, value));
  });
}

function alternativeMatches(key: string, alt: unknown, value: unknown): boolean {
  if (!isObject(alt)) return alt === value;
  const ops = Object.keys(alt);
  if (ops.length !== 1)
    throw new Error(`'${key}': an alternative holds exactly one operator, got ${JSON.stringify(alt)}`);
  const op = ops[0];
  const arg = alt[op];
  switch (op) {
    case 'prefix':
      return typeof arg === 'string' && typeof value === 'string' && value.startsWith(checkString(key, op, arg));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(checkString(key, op, arg));
    case 'anything-but':
      return anythingBut(key, arg, value);
    case 'numeric':
      return numeric(key, arg, value);
    case 'cidr':
      return typeof value === 'string' && inCidr(checkString(key, op, arg), value);
    default:
      throw new Error(`'${key}': operator '${op}' is not in the documented pattern syntax`);
  }
}

function anythingBut(key: string, arg: unknown, value: unknown): boolean {
  if (isObject(arg)) {
    if (typeof arg.prefix !== 'string' || Object.keys(arg).length !== 1) {
      throw new Error(`'${key}': 'anything-but' takes a value, a list or {prefix}`);
    }
    return typeof value === 'string' && !value.startsWith(arg.prefix);
  }
  const excluded = Array.isArray(arg) ? arg : [arg];
  return !excluded.includes(value);
}

function numeric(key: string, arg: unknown, value: unknown): boolean {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0) {
    throw new Error(`'${key}': 'numeric' takes operator/number pairs`);
  }
  if (typeof value !== 'number') return false;
  for (let i = 0; i < arg.length; i += 2) {
    const [cmp, bound] = [arg[i], arg[i + 1]];
    if (typeof bound !== 'number') throw new Error(`'${key}': 'numeric' bound must be a number`);
    const holds =
      cmp === '<'
        ? value < bound
        : cmp === '<='
          ? value <= bound
          : cmp === '>'
            ? value > bound
            : cmp === '>='
              ? value >= bound
              : cmp === '='
                ? value === bound
                : undefined;
    if (holds === undefined) throw new Error(`'${key}': 'numeric' operator '${String(cmp)}' is unknown`);
    if (!holds) return false;
  }
  return true;
}

function inCidr(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4(base);
  const b = ipv4(ip);
  if (a === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    throw new Error(`'cidr' ${cidr} is not IPv4`);
  if (b === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8) + Number(p), 0) >>> 0;
}

function checkString(key: string, op: string, arg: unknown): string {
  if (typeof arg !== 'string') throw new Error(`'${key}': '${op}' takes a string`);
  return arg;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
