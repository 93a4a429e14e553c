/**
 * Keeps credentials out of everything the provider writes: log lines, the
 * FAILED Reason and Data sent to ROS, and the handler's return value.
 *
 * Two layers: the exact credential strings of this invocation are replaced
 * wherever they appear, and well-known shapes (AccessKey IDs, STS tokens, ACS
 * signatures, pre-signed URL queries, values under secret-looking keys) are
 * masked even when they are not this invocation's own.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Object keys whose values are always masked. */
const SENSITIVE_KEY = /secret|token|password|authorization|signature|accesskey|credential/i;

/** Shapes masked in any text. */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Long-term AccessKey IDs and STS AccessKey IDs / tokens.
  [/\bLTAI[0-9A-Za-z]{8,}/g, REDACTED],
  [/\bSTS\.[0-9A-Za-z._\-+/=]{8,}/g, REDACTED],
  // ACS3 / RPC signatures and credentials inside Authorization headers.
  [/(Signature=)[^,&\s"']+/g, `$1${REDACTED}`],
  [/(Credential=)[^,&\s"']+/g, `$1${REDACTED}`],
  // Query strings of URLs (pre-signed ResponseURLs carry signatures and keys).
  [/(https?:\/\/[^\s"'?]+)\?[^\s"']*/g, `$1?${REDACTED}`],
];

/** Shortest credential string that is replaced literally (shorter ones would shred the text). */
const MIN_SECRET_LENGTH = 4;

/** Masks credentials in text and in JSON-like values. */
export class Redactor {
  private readonly secrets: string[];

  /** @param secrets this invocation's credential strings (AccessKey ID, secret, STS token); blanks are ignored */
  constructor(secrets: Iterable<string | undefined | null>) {
    this.secrets = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
      // Longest first, so a secret that contains another is replaced whole.
      .sort((a, b) => b.length - a.length);
  }

  /** The text with every credential and credential-shaped substring replaced by {@link REDACTED}. */
  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * A deep copy of a JSON-like value with strings redacted by {@link text},
   * values under secret-looking keys masked, and errors reduced to name,
   * code and message.
   */
  value(input: unknown, depth = 0): unknown {
    if (depth > 20) return REDACTED;
    if (typeof input === 'string') return this.text(input);
    if (input instanceof Error) {
      const code = (input as { code?: unknown }).code;
      return { name: input.name, ...(code !== undefined ? { code: String(code) } : {}), message: this.text(input.message) };
    }
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1));
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(input)) out[k] = SENSITIVE_KEY.test(k) ? REDACTED : this.value(v, depth + 1);
      return out;
    }
    return input;
  }
}
