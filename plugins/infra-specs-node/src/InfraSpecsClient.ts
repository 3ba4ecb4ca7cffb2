import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  INFRA_SPECS_PLUGIN_ID,
  type EntitySpecsResponse,
  type LintRequest,
  type LintResponse,
  type NextIdResponse,
  type RefreshResponse,
  type SpecChangesResponse,
  type SpecDetail,
  type SpecListResponse,
  type SpecQuery,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * Per call: whose credentials the request carries. Defaults to the calling plugin's own
 * service credentials; pass a user's credentials to act on their behalf (their
 * permissions then apply).
 *
 * @public
 */
export interface InfraSpecsRequestOptions {
  credentials?: BackstageCredentials;
}

/**
 * Typed client of the infra-specs REST API for other backend plugins and modules
 * (catalog provider, search collator, scaffolder actions).
 *
 * @public
 */
export class InfraSpecsClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    /** For tests and proxies; defaults to the global fetch. */
    fetch?: typeof fetch;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** GET /specs: one page. */
  async listSpecs(
    query: SpecQuery = {},
    options?: InfraSpecsRequestOptions,
  ): Promise<SpecListResponse> {
    return this.#request('GET', '/specs', { query: toParams(query), ...options });
  }

  /** Every spec matching the query, page by page. */
  async *streamSpecs(
    query: Omit<SpecQuery, 'cursor'> = {},
    options?: InfraSpecsRequestOptions,
  ): AsyncGenerator<SpecRecord> {
    let cursor: string | undefined;
    do {
      const page = await this.listSpecs(
        { limit: 500, ...query, cursor },
        options,
      );
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** GET /specs/:name; undefined when there is no such spec (or it may not be read). */
  async getSpec(
    name: string,
    options?: InfraSpecsRequestOptions,
  ): Promise<SpecDetail | undefined> {
    try {
      return await this.#request('GET', `/specs/${encodeURIComponent(name)}`, options);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** GET /entity/:kind/:namespace/:name/specs for an entity ref such as `component:default/x`. */
  async getEntitySpecs(
    entityRef: string,
    options?: InfraSpecsRequestOptions,
  ): Promise<EntitySpecsResponse> {
    const match = /^([^:]+):(?:([^/]+)\/)?(.+)$/.exec(entityRef);
    if (!match) {
      throw new TypeError(`'${entityRef}' is not a full entity ref (kind:namespace/name)`);
    }
    const [, kind, namespace = 'default', name] = match;
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.#request('GET', `/entity/${path}/specs`, options);
  }

  /** GET /changes: what changed since a token; no token (or `full: true`) means resync. */
  async getChanges(
    since?: string,
    options?: InfraSpecsRequestOptions & { limit?: number },
  ): Promise<SpecChangesResponse> {
    const query = new URLSearchParams();
    if (since) query.set('since', since);
    if (options?.limit) query.set('limit', String(options.limit));
    return this.#request('GET', '/changes', { query, ...options });
  }

  /**
   * The next id of a prefix (`SPEC-0043`). With `reserve` (POST /next-id) the id is handed
   * out and never again; without (GET /next-id) it is a preview that a later reservation may take.
   */
  async getNextId(
    prefix = 'SPEC',
    options?: InfraSpecsRequestOptions & { reserve?: boolean },
  ): Promise<NextIdResponse> {
    return options?.reserve
      ? this.#request('POST', '/next-id', { body: { prefix }, ...options })
      : this.#request('GET', '/next-id', {
          query: new URLSearchParams({ prefix }),
          ...options,
        });
  }

  /** POST /refresh: one component now, or (without ref) the scheduled refresh of all. */
  async refresh(
    entityRef?: string,
    options?: InfraSpecsRequestOptions,
  ): Promise<RefreshResponse> {
    return this.#request('POST', '/refresh', {
      body: entityRef ? { entityRef } : {},
      ...options,
    });
  }

  /** POST /lint: parses markdown with the backend's formats, nothing is stored. */
  async lint(
    request: LintRequest,
    options?: InfraSpecsRequestOptions,
  ): Promise<LintResponse> {
    return this.#request('POST', '/lint', { body: request, ...options });
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: InfraSpecsRequestOptions & { query?: URLSearchParams; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl(INFRA_SPECS_PLUGIN_ID);
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials ?? (await this.#auth.getOwnServiceCredentials()),
      targetPluginId: INFRA_SPECS_PLUGIN_ID,
    });
    const search = options.query?.toString();
    const response = await this.#fetch(`${baseUrl}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toParams(query: SpecQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.set(key, String(value));
    }
  }
  return params;
}
