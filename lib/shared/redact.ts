/**
 * Keeps credentials out of everything we write: the provider's log lines, the
 * FAILED Reason and Data sent to ROS and the handler's return value, and every
 * line the CLI prints. One Redactor for both, so both mask the same.
 *
 * Two layers: the credential strings of this invocation are replaced wherever
 * they appear, whole or in part (any piece of {@link MIN_FRAGMENT_LENGTH} or
 * more characters, so a truncated echo is caught too), and well-known shapes
 * (AccessKey IDs, STS tokens, ACS signatures, pre-signed URL queries, values
 * under secret-looking keys) are masked even when they are not this
 * invocation's own.
 *
 * Whatever truncates text for output (the Reason's 4 KB limit) must run on
 * redacted text: a cut can turn a credential into a fragment. The fragment
 * rule is the safety net for the places that cannot know that.
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
  // STS security tokens (base64 after the `CAIS` prefix), also when truncated.
  [/CAIS[A-Za-z0-9+/=]{20,}/g, REDACTED],
  // ACS3 / RPC signatures and credentials inside Authorization headers.
  [/(Signature=)[^,&\s"']+/g, `$1${REDACTED}`],
  [/(Credential=)[^,&\s"']+/g, `$1${REDACTED}`],
  // Secrets written as key=value or "key": "value" in text (SDK error messages, config dumps).
  [
    /(AccessKeySecret|access_key_secret|SecurityToken|security_token)(["']?\s*[:=]\s*["']?)[^\s"',&]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Query strings of URLs (pre-signed ResponseURLs carry signatures and keys).
  [/(https?:\/\/[^\s"'?]+)\?[^\s"']*/g, `$1?${REDACTED}`],
];

/** Shortest credential string that is replaced literally (shorter ones would shred the text). */
const MIN_SECRET_LENGTH = 4;

/**
 * Shortest piece of a credential that is replaced wherever it appears (e.g. a
 * truncated token): 8 characters, the bar of the provider's fault-schedule
 * invariant. Credentials are random, so such a piece does not occur in
 * ordinary text by chance.
 */
export const MIN_FRAGMENT_LENGTH = 8;

/** Masks credentials in text and in JSON-like values. */
export class Redactor {
  private secrets: string[] = [];
  /** Every {@link MIN_FRAGMENT_LENGTH}-character window of every credential long enough to have one. */
  private readonly windows = new Set<string>();

  /** @param secrets credential strings known now (AccessKey ID, secret, STS token); blanks are ignored. @default none */
  constructor(secrets: Iterable<string | undefined | null> = []) {
    this.add(...secrets);
  }

  /**
   * Registers more credential strings, e.g. as soon as the CLI resolves a
   * profile. Values shorter than 4 characters are ignored (they would shred ordinary text).
   */
  add(...secrets: Array<string | undefined | null>): void {
    const added = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...new Set([...this.secrets, ...added])].sort((a, b) => b.length - a.length);
    for (const secret of added) {
      for (let i = 0; i + MIN_FRAGMENT_LENGTH <= secret.length; i++)
        this.windows.add(secret.slice(i, i + MIN_FRAGMENT_LENGTH));
    }
  }

  /**
   * Registers secret values that are replaced only whole, not by their
   * {@link MIN_FRAGMENT_LENGTH}-character pieces: template parameter values
   * (a webhook URL shares pieces such as `https://` with ordinary text, which
   * the fragment rule would shred). Values shorter than 4 characters are ignored.
   */
  addWhole(...values: Array<string | undefined | null>): void {
    const added = values.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    this.secrets = [...new Set([...this.secrets, ...added])].sort((a, b) => b.length - a.length);
  }

  /** The text with every credential, credential piece and credential-shaped substring replaced by {@link REDACTED}. */
  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    out = this.removeFragments(out);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /**
   * Replaces each run of characters covered by windows of a credential (any
   * substring of {@link MIN_FRAGMENT_LENGTH}+ characters of one) by one {@link REDACTED}.
   */
  private removeFragments(text: string): string {
    if (this.windows.size === 0 || text.length < MIN_FRAGMENT_LENGTH) return text;
    let out = '';
    let copiedTo = 0;
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i + MIN_FRAGMENT_LENGTH <= text.length; i++) {
      if (!this.windows.has(text.slice(i, i + MIN_FRAGMENT_LENGTH))) continue;
      if (runStart >= 0 && i <= runEnd) {
        runEnd = i + MIN_FRAGMENT_LENGTH;
        continue;
      }
      if (runStart >= 0) {
        out += text.slice(copiedTo, runStart) + REDACTED;
        copiedTo = runEnd;
      }
      runStart = i;
      runEnd = i + MIN_FRAGMENT_LENGTH;
    }
    if (runStart < 0) return text;
    return out + text.slice(copiedTo, runStart) + REDACTED + text.slice(runEnd);
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
      return {
        name: input.name,
        ...(code !== undefined ? { code: String(code) } : {}),
        message: this.text(input.message),
      };
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
