/**
 * runtime/signer.ts: the provider signs exactly as Alibaba Cloud's official
 * client does (`@alicloud/openapi-core`, ACS3-HMAC-SHA256, used for RPC-style
 * APIs), and the parts of the signer that comparison does not reach (absent
 * values, header selection, paths, parsing an Authorization header).
 */
import * as fc from 'fast-check';
import Client, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import {
  authorizationHeader,
  canonicalQueryString,
  formatAcsDate,
  parseAuthorization,
  percentEncode,
  sha256Hex,
  signRpcRequest,
  canonicalHeaders,
  canonicalRequest,
} from '../../../lib/provider/runtime/signer';
import { httpRequest } from '../../../lib/provider/runtime/http';
import { ActionTrailSimulator } from '../simulator';
import { ACCOUNT_ID, FAKE } from '../harness';

/** The official client's Authorization for the same request (its own signing code). */
function officialAuthorization(
  method: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  secret: string,
  keyId: string,
): string {
  const unsigned = { ...headers };
  delete unsigned.authorization;
  return OpenApiUtil.getAuthorization(
    { method, pathname: '/', query, headers: unsigned } as never,
    'ACS3-HMAC-SHA256',
    unsigned['x-acs-content-sha256'],
    keyId,
    secret,
  );
}

describe('ACS3-HMAC-SHA256 signer', () => {
  test('reproduces the example signature of Alibaba Cloud\'s "V3 request structure and signature" document', () => {
    // The document's example request: RunInstances 2014-05-26 on ecs.cn-shanghai, its nonce, date and
    // query, signed with the placeholder secret "YourAccessKeySecret".
    const headers = signRpcRequest({
      method: 'POST',
      host: 'ecs.cn-shanghai.aliyuncs.com',
      action: 'RunInstances',
      version: '2014-05-26',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      credentials: { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' },
      nonce: 'd410180a5abf7fe235dd9b74aca91fc0',
      date: new Date('2023-10-26T09:01:01Z'),
    });
    expect(headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
    );
  });

  test("gives the official client's signature for a fixed CreateTrail request (nonce, date, STS token)", () => {
    const query = {
      Name: 'audit_all',
      EventRW: 'All',
      TrailRegion: 'cn-hangzhou,cn-shanghai',
      IsOrganizationTrail: 'false',
      MaxComputeProjectArn: `acs:odps:cn-hangzhou:${ACCOUNT_ID}:project/actiontrail_${ACCOUNT_ID}`,
      OssKeyPrefix: 'audit/logs (2024)*~!',
    };
    const headers = signRpcRequest({
      method: 'POST',
      host: 'actiontrail.cn-hangzhou.aliyuncs.com',
      action: 'CreateTrail',
      version: '2020-07-06',
      query,
      credentials: FAKE,
      nonce: '3f1c0a5e9b7d4c2a8e6f1b3d5c7a9e0f',
      date: new Date('2024-05-01T12:34:56.789Z'),
    });
    expect(headers['x-acs-date']).toBe('2024-05-01T12:34:56Z');
    expect(headers['x-acs-security-token']).toBe(FAKE.securityToken);
    expect(headers.authorization).toBe(
      officialAuthorization('POST', query, headers, FAKE.accessKeySecret, FAKE.accessKeyId),
    );
    expect(parseAuthorization(headers.authorization)?.signedHeaders).toEqual([
      'host',
      'x-acs-accesskey-id',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-security-token',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
  });

  test('matches the official signing code for arbitrary parameter values, methods, dates and keys (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/);
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.string({ unit: 'grapheme', maxLength: 40 }), { maxKeys: 8 }),
        fc.constantFrom('GET', 'POST'),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: undefined }),
        (query, method, date, nonce, secret, token) => {
          const credentials = { accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: secret, securityToken: token };
          const headers = signRpcRequest({
            method,
            host: 'actiontrail.cn-hangzhou.aliyuncs.com',
            action: 'UpdateTrail',
            version: '2020-07-06',
            query,
            credentials,
            nonce,
            date,
          });
          expect(headers.authorization).toBe(
            officialAuthorization(method, query, headers, secret, credentials.accessKeyId),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('encodes like RFC 3986 (space %20, * %2A, ~ kept) and sorts parameters', () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
    expect(canonicalQueryString({ b: '2', A: '1', a: 'x y' })).toBe('A=1&a=x%20y&b=2');
    expect(formatAcsDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 600)))).toBe('2024-01-02T03:04:05Z');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  describe('against a request sent by the official client', () => {
    const sim = new ActionTrailSimulator({ ...FAKE, accountId: ACCOUNT_ID });
    beforeAll(() => sim.start());
    afterAll(() => sim.stop());

    test("the official client's request is accepted and the provider's signer recomputes its exact Authorization", async () => {
      const client = new Client(
        new $OpenApiUtil.Config({ ...FAKE, endpoint: sim.endpoint.replace('http://', ''), protocol: 'http' }),
      );
      const params = new $OpenApiUtil.Params({
        action: 'CreateTrail',
        version: '2020-07-06',
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const query = OpenApiUtil.query({
        Name: 'official_client',
        EventRW: 'All',
        TrailRegion: 'All',
        IsOrganizationTrail: false,
        MaxComputeProjectArn: `acs:odps:cn-hangzhou:${ACCOUNT_ID}:project/actiontrail_${ACCOUNT_ID}`,
      });
      const res = await client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query }), {} as never);
      expect(res.statusCode).toBe(200);
      expect(sim.trail('official_client')).toBeDefined();

      // Recompute the official request's signature with the provider's signer, from what went over the wire.
      const call = sim.calls[0];
      const auth = parseAuthorization(call.headers.authorization as string)!;
      const signed: Record<string, string> = {};
      for (const h of auth.signedHeaders) signed[h] = String(call.headers[h]);
      const mine = authorizationHeader(
        {
          method: call.method,
          pathname: '/',
          query: call.params,
          headers: signed,
          hashedPayload: signed['x-acs-content-sha256'],
        },
        FAKE,
      );
      expect(mine).toBe(call.headers.authorization);
    });

    /** Sends a request signed by the provider's signer, optionally tampered with after signing. */
    async function send(
      opts: {
        query?: Record<string, string>;
        tamper?: (h: Record<string, string>, q: Record<string, string>) => void;
        nonce?: string;
      } = {},
    ) {
      const query = { NameList: 'x', ...(opts.query ?? {}) };
      const host = sim.endpoint.replace('http://', '');
      const headers = signRpcRequest({
        method: 'POST',
        host,
        action: 'DescribeTrails',
        version: '2020-07-06',
        query,
        credentials: FAKE,
        nonce: opts.nonce,
      });
      const sent = { ...query };
      opts.tamper?.(headers, sent);
      const qs = Object.entries(sent)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&');
      const res = await httpRequest(`${sim.endpoint}/?${qs}`, { method: 'POST', headers, timeoutMs: 2000 });
      return { status: res.statusCode, code: JSON.parse(res.body).Code as string | undefined };
    }

    test("the simulator accepts the provider signer's requests and rejects broken ones with the documented codes", async () => {
      expect(await send()).toEqual({ status: 200, code: undefined });
      expect(await send({ tamper: (h) => delete h.authorization })).toEqual({
        status: 400,
        code: 'IncompleteSignature',
      });
      expect(await send({ tamper: (h) => (h['x-acs-extra'] = 'unsigned') })).toEqual({
        status: 400,
        code: 'IncompleteSignature',
      });
      expect(await send({ tamper: (_h, q) => (q.NameList = 'y') })).toEqual({
        status: 400,
        code: 'SignatureDoesNotMatch',
      });
      expect(await send({ tamper: (h) => (h['x-acs-security-token'] = 'other') })).toEqual({
        status: 400,
        code: 'InvalidSecurityToken.Mismatch',
      });
      expect(
        await send({
          tamper: (h) => (h.authorization = h.authorization.replace(FAKE.accessKeyId, 'LTAIunknownKey1234')),
        }),
      ).toEqual({ status: 404, code: 'InvalidAccessKeyId.NotFound' });
      expect(await send({ nonce: 'fixed-nonce-1' })).toEqual({ status: 200, code: undefined });
      expect(await send({ nonce: 'fixed-nonce-1' })).toEqual({ status: 400, code: 'SignatureNonceUsed' });
    });

    test('a request signed with another secret is rejected with SignatureDoesNotMatch', async () => {
      const client = new Client(
        new $OpenApiUtil.Config({
          ...FAKE,
          accessKeySecret: 'wrong-secret',
          endpoint: sim.endpoint.replace('http://', ''),
          protocol: 'http',
        }),
      );
      const params = new $OpenApiUtil.Params({
        action: 'DescribeTrails',
        version: '2020-07-06',
        protocol: 'HTTPS',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      await expect(
        client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query: {} }), {} as never),
      ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    });
  });
});

describe('signer details', () => {
  test('a query parameter without a value is signed as empty', () => {
    expect(canonicalQueryString({ b: '', a: undefined as unknown as string })).toBe('a=&b=');
  });

  test('signed headers: host, content-type and x-acs-*, any case, trimmed, values of one name sorted and comma-joined', () => {
    const { canonical, signedHeaders } = canonicalHeaders({
      'X-Acs-Zeta': ' z ',
      Host: ' example.com ',
      accept: 'application/json',
      'x-other': 'o',
      'a-x-acs-': 'no',
      'Content-Type': 'application/json',
      'x-acs-dup': '2',
      'X-ACS-DUP': '1',
      'x-acs-empty': undefined as unknown as string,
    });
    expect(canonical).toBe(
      'content-type:application/json\nhost:example.com\nx-acs-dup:1,2\nx-acs-empty:\nx-acs-zeta:z\n',
    );
    expect(signedHeaders).toBe('content-type;host;x-acs-dup;x-acs-empty;x-acs-zeta');
  });

  test('the canonical request: upper-case method, "/" for an empty path, +, * and %7E re-encoded in the path', () => {
    const input = {
      method: 'post',
      pathname: '',
      query: { Name: 'a b' },
      headers: { host: 'h' },
      hashedPayload: 'abc',
    };
    expect(canonicalRequest(input)).toBe('POST\n/\nName=a%20b\nhost:h\n\nhost\nabc');
    expect(canonicalRequest({ ...input, pathname: '/p+q*r%7Es' })).toBe(
      'POST\n/p%20q%2Ar~s\nName=a%20b\nhost:h\n\nhost\nabc',
    );
  });

  test('parseAuthorization reads an ACS3 header and refuses anything else', () => {
    expect(
      parseAuthorization('ACS3-HMAC-SHA256 Credential=STS.key/1,SignedHeaders=host;x-acs-date,Signature=0a9f'),
    ).toEqual({
      credential: 'STS.key/1',
      signedHeaders: ['host', 'x-acs-date'],
      signature: '0a9f',
    });
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=,SignedHeaders=,Signature=00')).toEqual({
      credential: '',
      signedHeaders: [],
      signature: '00',
    });
    expect(parseAuthorization(undefined)).toBeUndefined();
    expect(parseAuthorization('')).toBeUndefined();
    expect(parseAuthorization('Bearer ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host,Signature=0a')).toBeUndefined();
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host,Signature=0a,Extra=1')).toBeUndefined();
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host,Signature=0A')).toBeUndefined();
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host,Signature=')).toBeUndefined();
    expect(parseAuthorization('HMAC-SHA1 Credential=k,SignedHeaders=host,Signature=0a')).toBeUndefined();
  });

  test('without a fixed nonce and date, each request gets a fresh 32-hex nonce and the current time', () => {
    const req = {
      method: 'POST',
      host: 'h',
      action: 'DescribeTrails',
      version: '2020-07-06',
      query: {},
      credentials: { accessKeyId: 'id', accessKeySecret: 'secret' },
    };
    const a = signRpcRequest(req);
    const b = signRpcRequest(req);
    expect(a['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(b['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(a['x-acs-signature-nonce']).not.toBe(b['x-acs-signature-nonce']);
    expect(a['x-acs-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(a['x-acs-date']) - Date.now())).toBeLessThan(5000);
    // Long-term keys: no STS headers.
    expect(Object.keys(a).sort()).toEqual([
      'authorization',
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
  });
});
