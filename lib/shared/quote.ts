/**
 * How a value is shown inside a message: the one place that decides it, for
 * synth errors, CLI messages and the provider's Reasons. Node built-ins only.
 * None of these functions throws, whatever the value (cycles, BigInt, symbols).
 *
 * Two families, because the two readers differ:
 * - messages (synth, CLI): {@link quote} and {@link quoteJson} cut a long value
 *   to {@link MAX_QUOTED_CHARS} characters ending in `...`;
 * - provider Reasons: {@link quoteValue} and {@link jsonValue} {@link clip} a long
 *   value and say how much was left out, so the rule text around it survives
 *   the answer's 4,096-byte limit.
 */

/** The longest a quoted value is shown in a message. */
export const MAX_QUOTED_CHARS = 80;

/**
 * `value` as JSON text, or `String(value)` where JSON has no text for it
 * (undefined, functions, symbols) or cannot make one (cycles, BigInt).
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value === 'bigint' ? String(value) : Object.prototype.toString.call(value);
  }
}

/** `text` cut to `max` characters, the last three being `...`. */
export function shorten(text: string, max: number = MAX_QUOTED_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * `text` cut to `max` characters, with the number of characters left out:
 * an echoed value is shortened so that the rule text around it survives the
 * answer's 4,096-byte limit.
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

/**
 * A value for a synth or CLI message: a string in single quotes, a number as
 * written (`NaN`, `Infinity`), anything else as JSON; cut short when long.
 */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  // JSON.stringify would print NaN and Infinity as null, and undefined as nothing.
  else if (typeof value === 'number' || typeof value === 'bigint' || value === undefined)
    text = typeof value === 'bigint' ? `${value}n` : String(value);
  else text = jsonText(value);
  const short = shorten(text);
  return typeof value === 'string' ? `'${short}'` : short;
}

/** A value as JSON (so the string `"7"` and the number `7` read differently), cut short when long. */
export function quoteJson(value: unknown): string {
  return shorten(jsonText(value));
}

/** A value for a provider Reason: JSON-quoted text, clipped to `max` characters. */
export function quoteValue(value: unknown, max: number = MAX_QUOTED_CHARS): string {
  return JSON.stringify(clip(typeof value === 'string' ? value : jsonText(value), max));
}

/** A request value for a provider Reason as JSON (its type shows), clipped to `max` characters. */
export function jsonValue(value: unknown, max: number = MAX_QUOTED_CHARS): string {
  return clip(jsonText(value), max);
}
