/*
 * The one client of the infra-specs REST API (/api/infra-specs): it builds every URL and makes
 * every call. Isomorphic, like @backstage/catalog-client: the frontend's ApiRef and the node
 * service wrapper both delegate to it, each bringing its own discovery, fetch and token.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { INFRA_SPECS_PLUGIN_ID } from '../entity/constants';
import type {
  EntitySpecsResponse,
  LintRequest,
  LintResponse,
  NextIdResponse,
  RefreshRequest,
  RefreshResponse,
  SpecChangesResponse,
  SpecDetail,
  SpecListResponse,
  SpecQuery,
  SpecSummary,
} from './types';

/** Per call options of {@link InfraSpecsApiClient}. @public */
export interface InfraSpecsApiRequestOptions {
  /**
   * A Backstage token, sent as `Authorization: Bearer <token>`. Leave it out when the fetch
   * function adds credentials itself (the frontend's `fetchApi` does).
   */
  token?: string;
}

/** What {@link InfraSpecsApiClient} is built from (the frontend's APIs fit as they are). @public */
export interface InfraSpecsApiClientOptions {
  /** Resolves `infra-specs` to the backend's base URL (`…/api/infra-specs`). */
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Defaults to the global `fetch`. */
  fetchApi?: { fetch: typeof fetch };
}

/** GET /summary: the whole index, or the specs of one component. @public */
export interface SpecSummaryQuery {
  /** A component ref (`component:default/payments-api`); absent for the whole index. */
  entityRef?: string;
}

/** GET /changes @public */
export interface SpecChangesQuery {
  /** The `token` of the previous answer; absent asks for a full resync. */
  since?: string;
  /** Changes per answer (1..1000, the backend's default 500). */
  limit?: number;
}

const LIST_PARAMS = [
  'status',
  'format',
  'component',
  'owner',
  'blastRadius',
  'rollback',
  'downtime',
  'costDrift',
] as const;

/**
 * The query string of GET /specs: list filters as repeated parameters (`status=a&status=b`),
 * in a fixed order so that equal queries give equal URLs. A blank search is left out, and
 * `includeRemoved` and `includeProposed` are sent only when true (false is the backend's default).
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
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.sort) params.set('sort', query.sort);
  if (query.includeRemoved) params.set('includeRemoved', 'true');
  if (query.includeProposed) params.set('includeProposed', 'true');
  return params;
}

/**
 * Client of every route of the infra-specs REST API. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error status;
 * the backend's own message is in its `cause` (and `body.error`).
 *
 * @public
 */
export class InfraSpecsApiClient {
  readonly #discoveryApi: InfraSpecsApiClientOptions['discoveryApi'];
  readonly #fetchApi: { fetch: typeof fetch };

  constructor(options: InfraSpecsApiClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    // Looked up per call, so that a fetch replaced after construction (tests, polyfills) is used.
    this.#fetchApi = options.fetchApi ?? {
      fetch: (input, init) => globalThis.fetch(input, init),
    };
  }

  /** GET /specs: one page of specs matching the filters. */
  listSpecs(
    query?: SpecQuery,
    options?: InfraSpecsApiRequestOptions,
  ): Promise<SpecListResponse> {
    return this.#request('GET', '/specs', options, {
      query: specQueryToSearchParams(query),
    });
  }

  /** GET /specs/:name: one spec with its markdown, status history and location state. */
  getSpec(
    name: string,
    options?: InfraSpecsApiRequestOptions,
  ): Promise<SpecDetail> {
    return this.#request('GET', `/specs/${encodeURIComponent(name)}`, options);
  }

  /**
   * GET /entity/:kind/:namespace/:name/specs: the specs of a component and its location
   * state. A ref without kind or namespace means `component:default/…`; a malformed one
   * rejects with a TypeError before any request.
   */
  async getEntitySpecs(
    entityRef: string,
    options?: InfraSpecsApiRequestOptions,
  ): Promise<EntitySpecsResponse> {
    const { kind, namespace, name } = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.#request('GET', `/entity/${path}/specs`, options);
  }

  /** GET /summary: counts and cost sums, for the whole index or one component. */
  getSummary(
    query: SpecSummaryQuery = {},
    options?: InfraSpecsApiRequestOptions,
  ): Promise<SpecSummary> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    return this.#request('GET', '/summary', options, { query: params });
  }

  /** GET /changes: what changed since a token; without one (or on `full: true`) resync. */
  getChanges(
    query: SpecChangesQuery = {},
    options?: InfraSpecsApiRequestOptions,
  ): Promise<SpecChangesResponse> {
    const params = new URLSearchParams();
    if (query.since) params.set('since', query.since);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.#request('GET', '/changes', options, { query: params });
  }

  /**
   * GET /next-id: a preview of the next free id of a prefix (`SPEC` gives `SPEC-0043`);
   * it reserves nothing, a later reservation may take it.
   */
  getNextId(
    prefix: string,
    options?: InfraSpecsApiRequestOptions,
  ): Promise<NextIdResponse> {
    return this.#request('GET', '/next-id', options, {
      query: new URLSearchParams({ prefix }),
    });
  }

  /**
   * POST /next-id: hands out the next free id of a prefix, never again, for a new spec of
   * `entityRef` (the component; the backend decides `infra-specs.spec.create` on it).
   */
  reserveNextId(
    request: { prefix: string; entityRef: string },
    options?: InfraSpecsApiRequestOptions,
  ): Promise<NextIdResponse> {
    return this.#request('POST', '/next-id', options, {
      body: { prefix: request.prefix, entityRef: request.entityRef },
    });
  }

  /** POST /refresh: re-read one component's spec location now, or every location. */
  refresh(
    request: RefreshRequest = {},
    options?: InfraSpecsApiRequestOptions,
  ): Promise<RefreshResponse> {
    const body: RefreshRequest = request.entityRef
      ? { entityRef: request.entityRef }
      : {};
    return this.#request('POST', '/refresh', options, { body });
  }

  /** POST /lint: parses markdown with the backend's formats; nothing is stored. */
  lint(
    request: LintRequest,
    options?: InfraSpecsApiRequestOptions,
  ): Promise<LintResponse> {
    return this.#request('POST', '/lint', options, { body: request });
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: InfraSpecsApiRequestOptions = {},
    { query, body }: { query?: URLSearchParams; body?: unknown } = {},
  ): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl(INFRA_SPECS_PLUGIN_ID);
    const search = query?.toString();
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.#fetchApi.fetch(
      `${base}${path}${search ? `?${search}` : ''}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
