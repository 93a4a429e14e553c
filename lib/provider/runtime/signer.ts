/**
 * Alibaba Cloud request signature V3 (`ACS3-HMAC-SHA256`), as documented in
 * "V3 request structure and signature" and as implemented by the official
 * `@alicloud/openapi-core` client (`OpenApiUtil.getAuthorization`), which uses
 * it for RPC-style APIs such as ActionTrail 2020-07-06.
 *
 * CanonicalRequest =
 *   METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
 * StringToSign = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 * Signature    = hex(hmac-sha256(AccessKeySecret, StringToSign))
 *
 * test/provider/runtime/signer.test.ts proves the result identical to the official
 * client's for the same request, nonce and date.
 */
import { createHash, createHmac, randomBytes } from 'crypto';

/** The only signature algorithm this module produces. */
export const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Access key credentials; `securityToken` is set for STS (temporary) credentials. */
export interface Credentials {
  /** AccessKey ID. */
  readonly accessKeyId: string;
  /** AccessKey secret (never sent, only used as the HMAC key). */
  readonly accessKeySecret: string;
  /** STS security token, sent as `x-acs-security-token` when present. @default none (long-term keys) */
  readonly securityToken?: string;
}

/** A request in the shape the signature is computed over. */
export interface CanonicalInput {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Request path, already URL-encoded; `/` for RPC-style APIs. */
  readonly pathname: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers (any case); only `host`, `content-type` and `x-acs-*` are signed. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the request body (`x-acs-content-sha256`). */
  readonly hashedPayload: string;
}

/**
 * Percent-encodes per RFC 3986: everything except `A-Z a-z 0-9 - _ . ~`
 * (space becomes `%20`, `*` becomes `%2A`).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Formats a date as the `x-acs-date` header wants it: `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh random `x-acs-signature-nonce` (32 hex characters). */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Query parameters sorted by name, each name and value RFC 3986-encoded, joined with `&`. */
export function canonicalQueryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(query[key] ?? '')}`)
    .join('&');
}

/** The signed header names (lower case, sorted) and the canonical header block. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): {
  canonical: string;
  signedHeaders: string;
} {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-')) {
      const values = byName.get(lower) ?? [];
      values.push(String(value ?? '').trim());
      byName.set(lower, values);
    }
  }
  const entries = [...byName].sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = entries.map(([n, values]) => `${n}:${values.sort().join(',')}\n`).join('');
  return { canonical, signedHeaders: entries.map(([n]) => n).join(';') };
}

/** The canonical request text that is hashed into the string to sign. */
export function canonicalRequest(input: CanonicalInput): string {
  const uri = (input.pathname || '/').replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const { canonical, signedHeaders } = canonicalHeaders(input.headers);
  return [
    input.method.toUpperCase(),
    uri,
    canonicalQueryString(input.query),
    canonical,
    signedHeaders,
    input.hashedPayload,
  ].join('\n');
}

/** The hex signature of a canonical input under a secret. */
export function computeSignature(input: CanonicalInput, accessKeySecret: string): string {
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonicalRequest(input))}`;
  return createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
}

/** The `Authorization` header value for a canonical input. */
export function authorizationHeader(input: CanonicalInput, credentials: Credentials): string {
  const { signedHeaders } = canonicalHeaders(input.headers);
  const signature = computeSignature(input, credentials.accessKeySecret);
  return `${SIGNATURE_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** The parts of an `Authorization` header; undefined when it is not an ACS3 header. */
export function parseAuthorization(
  header: string | undefined,
): { credential: string; signedHeaders: string[]; signature: string } | undefined {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]*),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/.exec(header ?? '');
  if (!match) return undefined;
  return { credential: match[1], signedHeaders: match[2].split(';').filter(Boolean), signature: match[3] };
}

/** What {@link signRpcRequest} needs to sign one RPC-style API request. */
export interface RpcRequestToSign {
  /** HTTP method (`POST` or `GET`). */
  readonly method: string;
  /** `host[:port]` exactly as it will be sent in the Host header. */
  readonly host: string;
  /** API operation, e.g. `CreateTrail` (`x-acs-action`). */
  readonly action: string;
  /** API version, e.g. `2020-07-06` (`x-acs-version`). */
  readonly version: string;
  /** Operation parameters, sent in the query string. */
  readonly query: Readonly<Record<string, string>>;
  /** Credentials to sign with. */
  readonly credentials: Credentials;
  /** Fixed nonce (tests). @default a random one */
  readonly nonce?: string;
  /** Fixed date (tests). @default now */
  readonly date?: Date;
}

/**
 * Signs an RPC-style request whose parameters travel in the query string and
 * whose body is empty (what the official clients send for ActionTrail), and
 * returns every header to send, lower-cased, `authorization` included.
 */
export function signRpcRequest(req: RpcRequestToSign): Record<string, string> {
  const headers: Record<string, string> = {
    host: req.host,
    'x-acs-action': req.action,
    'x-acs-version': req.version,
    'x-acs-date': formatAcsDate(req.date ?? new Date()),
    'x-acs-signature-nonce': req.nonce ?? newNonce(),
    'x-acs-content-sha256': sha256Hex(''),
  };
  const token = req.credentials.securityToken;
  if (token) {
    // Same pair of headers the official client adds for STS credentials.
    headers['x-acs-accesskey-id'] = req.credentials.accessKeyId;
    headers['x-acs-security-token'] = token;
  }
  headers.authorization = authorizationHeader(
    { method: req.method, pathname: '/', query: req.query, headers, hashedPayload: headers['x-acs-content-sha256'] },
    req.credentials,
  );
  return headers;
}
