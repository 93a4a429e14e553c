import RosClient from '@alicloud/ros20190910';
import OpenApiClient, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import type Credential from '@alicloud/credentials';
import { EndpointOverride } from './endpoint';
import { withRetry, RetryOptions } from './retry';

/** The APIs without an SDK package in the registry, called through openapi-core's generic `callApi`. */
const RPC_PRODUCTS = {
  /** STS 2015-04-01 (GetCallerIdentity). */
  sts: { version: '2015-04-01', endpoint: (_region: string) => 'sts.aliyuncs.com' },
  /** ActionTrail 2020-07-06 (DescribeTrails, GetTrailStatus). */
  actiontrail: { version: '2020-07-06', endpoint: (region: string) => `actiontrail.${region}.aliyuncs.com` },
} as const;

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
  private readonly rpcClients = new Map<RpcProduct, OpenApiClient>();

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
   * @param params the action's parameters (strings, numbers, booleans)
   * @returns the JSON body
   */
  public async rpc(
    product: RpcProduct,
    action: string,
    params: Record<string, string | number | boolean> = {},
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
    const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(query) });
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
