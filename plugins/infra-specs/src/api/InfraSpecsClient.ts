import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  INFRA_SPECS_PLUGIN_ID,
  type EntitySpecsResponse,
  type NextIdResponse,
  type RefreshRequest,
  type RefreshResponse,
  type SpecDetail,
  type SpecListResponse,
  type SpecQuery,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecsApi } from './InfraSpecsApi';

const LIST_PARAMS = [
  'status',
  'format',
  'component',
  'owner',
  'blastRadius',
  'rollback',
  'downtime',
] as const;

/**
 * The query string of GET /specs: list filters as repeated parameters (`status=a&status=b`),
 * in a fixed order so that equal queries give equal URLs.
 */
export function specQueryToSearchParams(
  query: SpecQuery = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    for (const value of query[key] ?? []) {
      params.append(key, value);
    }
  }
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.sort) params.set('sort', query.sort);
  if (query.includeRemoved) params.set('includeRemoved', 'true');
  return params;
}

/**
 * {@link InfraSpecsApi} over HTTP, with the Backstage token added by `fetchApi`.
 *
 * @public
 */
export class InfraSpecsClient implements InfraSpecsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  listSpecs(query?: SpecQuery): Promise<SpecListResponse> {
    return this.#request('/specs', specQueryToSearchParams(query));
  }

  getSpec(name: string): Promise<SpecDetail> {
    return this.#request(`/specs/${encodeURIComponent(name)}`);
  }

  getEntitySpecs(entityRef: string): Promise<EntitySpecsResponse> {
    const { kind, namespace, name } = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.#request(`/entity/${path}/specs`);
  }

  getSummary(options: { entityRef?: string } = {}): Promise<SpecSummary> {
    const params = new URLSearchParams();
    if (options.entityRef) params.set('entityRef', options.entityRef);
    return this.#request('/summary', params);
  }

  refresh(options: { entityRef?: string } = {}): Promise<RefreshResponse> {
    const body: RefreshRequest = options.entityRef
      ? { entityRef: options.entityRef }
      : {};
    return this.#request('/refresh', undefined, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  nextId(prefix: string): Promise<NextIdResponse> {
    return this.#request('/next-id', new URLSearchParams({ prefix }));
  }

  async #request<T>(
    path: string,
    params?: URLSearchParams,
    init?: RequestInit,
  ): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl(INFRA_SPECS_PLUGIN_ID);
    const search = params?.toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;
    const response = await this.#fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
