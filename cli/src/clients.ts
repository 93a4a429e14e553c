import RosClient from '@alicloud/ros20190910';
import OpenApiClient, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import type Credential from '@alicloud/credentials';
import { EndpointOverride } from './endpoint';
import { withRetry, RetryOptions } from './retry';

/** The APIs without an SDK package in the registry, called through openapi-core's generic `callApi`. */
const RPC_PRODUCTS = {
  /** STS 2015-04-01 (GetCallerIdentity). */
  sts: { version: '2015-04-01', endpoint: (_region: string) => 'sts.aliyuncs.com' },
  /** ActionTrail 2020-07-06 (DescribeTrails, GetTrailStatus, GetDataEventSelector). */
  actiontrail: { version: '2020-07-06', endpoint: (region: string) => `actiontrail.${region}.aliyuncs.com` },
  /** RAM 2015-05-01 (GetRole, ListPoliciesForRole), a global endpoint. */
  ram: { version: '2015-05-01', endpoint: (_region: string) => 'ram.aliyuncs.com' },
  /**
   * EventBridge control API 2020-04-01 (TestEventPattern, GetRule, ListRules;
   * the live kit's tracing calls). Its endpoint is the regional
   * `eventbridge-console.<region>.aliyuncs.com`, as the product's OpenAPI
   * metadata lists for every region (the `<account>.eventbridge.<region>`
   * hosts of the "Regions and endpoints" page are the event-publishing ones).
   */
  eventbridge: { version: '2020-04-01', endpoint: (region: string) => `eventbridge-console.${region}.aliyuncs.com` },
} as const;

/**
 * The ROA APIs, called through the same generic `callApi` (style ROA, JSON
 * answers). MaxCompute OpenAPI 2022-01-04: GetProject `GET /api/v1/projects/{projectName}`,
 * ListQuotas `GET /api/v1/quotas`, GetTableInfo `GET /api/v1/projects/{p}/tables/{t}`,
 * ListTablePartitions `GET /api/v1/projects/{p}/tables/{t}/partitions`
 * (docs/FACTS: the MaxCompute 2022-01-04 API reference).
 */
const ROA_PRODUCTS = {
  maxcompute: { version: '2022-01-04', endpoint: (region: string) => `maxcompute.${region}.aliyuncs.com` },
} as const;

/** A product called through the generic ROA client. */
export type RoaProduct = keyof typeof ROA_PRODUCTS;

/** A product called through the generic RPC client. */
export type RpcProduct = keyof typeof RPC_PRODUCTS;

/**
 * The SDK clients for one set of credentials in one region. Every call goes
 * through {@link withRetry} (throttling, 5xx, broken connections). With an
 * endpoint override (ACTIONTRAIL_CDK_ENDPOINT) every product is sent to it.
 */
export class CloudClients {
  /** The ROS 2019-09-10 client (`@alicloud/ros20190910`). */
  public readonly ros: RosClient;
  private readonly rpcClients = new Map<RpcProduct | RoaProduct, OpenApiClient>();

  /**
   * @param credential the credentials to sign with (`@alicloud/credentials`)
   * @param region the region ID
   * @param endpoint the endpoint override, if any
   * @param retry retry options for every call
   */
  constructor(
    private readonly credential: Credential,
    public readonly region: string,
    private readonly endpoint: EndpointOverride | undefined,
    private readonly retry: RetryOptions = {},
  ) {
    this.ros = new RosClient(this.config(undefined));
  }

  /** The same credentials, endpoint and retries in another region. */
  public inRegion(region: string): CloudClients {
    return region === this.region ? this : new CloudClients(this.credential, region, this.endpoint, this.retry);
  }

  /**
   * Calls a ROS API method with retries: `c.rosCall((ros) => ros.getStack(req))`.
   * @returns the response body
   */
  public async rosCall<T extends { body?: unknown }>(
    call: (ros: RosClient) => Promise<T>,
  ): Promise<NonNullable<T['body']>> {
    const response = await withRetry(() => call(this.ros), this.retry);
    return (response.body ?? {}) as NonNullable<T['body']>;
  }

  /**
   * Calls an RPC action of STS or ActionTrail through openapi-core's generic
   * `callApi` (signed by the SDK, ACS3-HMAC-SHA256), with retries.
   * @param params the action's parameters (strings, numbers, booleans), sent in the query
   * @param body parameters sent as a form body instead (long JSON texts: TestEventPattern's `Event`)
   * @returns the JSON body
   */
  public async rpc(
    product: RpcProduct,
    action: string,
    params: Record<string, string | number | boolean> = {},
    body?: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    let client = this.rpcClients.get(product);
    if (!client) {
      client = new OpenApiClient(this.config(RPC_PRODUCTS[product].endpoint(this.region)));
      this.rpcClients.set(product, client);
    }
    const api = new $OpenApiUtil.Params({
      action,
      version: RPC_PRODUCTS[product].version,
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) query[k] = String(v);
    const request = new $OpenApiUtil.OpenApiRequest({
      query: OpenApiUtil.query(query),
      ...(body === undefined ? {} : { body }),
    });
    const c = client;
    const response = await withRetry(
      () => c.callApi(api, request, {} as Parameters<OpenApiClient['callApi']>[2]),
      this.retry,
    );
    return (response?.body ?? {}) as Record<string, unknown>;
  }

  /**
   * Calls a ROA action (MaxCompute 2022-01-04) through openapi-core's generic
   * `callApi` (signed by the SDK, ACS3-HMAC-SHA256), with retries.
   * @param action the API name (sent as `x-acs-action`)
   * @param pathname the path, e.g. `/api/v1/projects/actiontrail_1111`; callers encode each segment
   * @param query query parameters
   * @returns the JSON body
   */
  public async roa(
    product: RoaProduct,
    action: string,
    pathname: string,
    query: Record<string, string | number | boolean> = {},
  ): Promise<Record<string, unknown>> {
    let client = this.rpcClients.get(product);
    if (!client) {
      client = new OpenApiClient(this.config(ROA_PRODUCTS[product].endpoint(this.region)));
      this.rpcClients.set(product, client);
    }
    const api = new $OpenApiUtil.Params({
      action,
      version: ROA_PRODUCTS[product].version,
      protocol: 'HTTPS',
      pathname,
      method: 'GET',
      authType: 'AK',
      style: 'ROA',
      reqBodyType: 'json',
      bodyType: 'json',
    });
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) q[k] = String(v);
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(q) });
    const c = client;
    const response = await withRetry(
      () => c.callApi(api, request, {} as Parameters<OpenApiClient['callApi']>[2]),
      this.retry,
    );
    return (response?.body ?? {}) as Record<string, unknown>;
  }

  private config(defaultEndpoint: string | undefined): $OpenApiUtil.Config {
    return new $OpenApiUtil.Config({
      credential: this.credential,
      regionId: this.region,
      endpoint: this.endpoint?.host ?? defaultEndpoint,
      protocol: this.endpoint?.protocol ?? 'https',
      readTimeout: 30_000,
      connectTimeout: 10_000,
    });
  }
}
