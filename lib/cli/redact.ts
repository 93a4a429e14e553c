/**
 * Keeps credentials out of everything the command prints. Every line goes
 * through {@link Redactor.redact}: the access key IDs, secrets and security
 * tokens of the credentials in use (registered as soon as they are resolved)
 * and anything shaped like an Alibaba Cloud AccessKey ID or STS token are
 * replaced by `***`.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /**
   * Registers values that must never be printed.
   * @param values secrets; empty and very short values are ignored (they would mask ordinary text)
   */
  public add(...values: Array<string | undefined>): void {
    for (const v of values) {
      if (typeof v === 'string' && v.length >= 6) this.secrets.add(v);
    }
  }

  /** The text with every registered secret and credential-shaped string masked. */
  public redact(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(s).join('***');
    }
    return out
      .replace(/\bLTAI[0-9A-Za-z]{8,}\b/g, '***')
      .replace(/\bSTS\.[0-9A-Za-z]{8,}\b/g, '***')
      .replace(/(AccessKeySecret|access_key_secret|SecurityToken|security_token)(["']?\s*[:=]\s*["']?)[^\s"',&]+/gi, '$1$2***');
  }
}
