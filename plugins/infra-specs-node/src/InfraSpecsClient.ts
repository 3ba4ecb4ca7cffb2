import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  INFRA_SPECS_PLUGIN_ID,
  InfraSpecsApiClient,
  type EntitySpecsResponse,
  type InfraSpecsApiRequestOptions,
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
 * The infra-specs REST API for other backend plugins and modules (catalog provider, search
 * collator, scaffolder actions): common's `InfraSpecsApiClient` with a token for infra-specs
 * from the auth service on every call.
 *
 * @public
 */
export class InfraSpecsClient {
  readonly #api: InfraSpecsApiClient;
  readonly #auth: AuthService;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    /** For tests and proxies; defaults to the global fetch. */
    fetch?: typeof fetch;
  }) {
    this.#api = new InfraSpecsApiClient({
      discoveryApi: options.discovery,
      fetchApi: options.fetch ? { fetch: options.fetch } : undefined,
    });
    this.#auth = options.auth;
  }

  /** GET /specs: one page. */
  async listSpecs(
    query: SpecQuery = {},
    options?: InfraSpecsRequestOptions,
  ): Promise<SpecListResponse> {
    return this.#api.listSpecs(query, await this.#token(options));
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
      return await this.#api.getSpec(name, await this.#token(options));
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * GET /entity/:kind/:namespace/:name/specs for an entity ref such as `component:default/x`
   * (kind and namespace default to `component` and `default`).
   */
  async getEntitySpecs(
    entityRef: string,
    options?: InfraSpecsRequestOptions,
  ): Promise<EntitySpecsResponse> {
    return this.#api.getEntitySpecs(entityRef, await this.#token(options));
  }

  /** GET /changes: what changed since a token; no token (or `full: true`) means resync. */
  async getChanges(
    since?: string,
    options?: InfraSpecsRequestOptions & { limit?: number },
  ): Promise<SpecChangesResponse> {
    return this.#api.getChanges(
      { since, limit: options?.limit },
      await this.#token(options),
    );
  }

  /**
   * The next id of a prefix (`SPEC-0043`). With `reserve` (POST /next-id) the id is handed
   * out and never again; without (GET /next-id) it is a preview that a later reservation may take.
   */
  async getNextId(
    prefix = 'SPEC',
    options?: InfraSpecsRequestOptions & { reserve?: boolean },
  ): Promise<NextIdResponse> {
    const token = await this.#token(options);
    return options?.reserve
      ? this.#api.reserveNextId(prefix, token)
      : this.#api.getNextId(prefix, token);
  }

  /** POST /refresh: one component now, or (without ref) the scheduled refresh of all. */
  async refresh(
    entityRef?: string,
    options?: InfraSpecsRequestOptions,
  ): Promise<RefreshResponse> {
    return this.#api.refresh({ entityRef }, await this.#token(options));
  }

  /** POST /lint: parses markdown with the backend's formats, nothing is stored. */
  async lint(
    request: LintRequest,
    options?: InfraSpecsRequestOptions,
  ): Promise<LintResponse> {
    return this.#api.lint(request, await this.#token(options));
  }

  async #token(
    options: InfraSpecsRequestOptions = {},
  ): Promise<InfraSpecsApiRequestOptions> {
    return this.#auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await this.#auth.getOwnServiceCredentials()),
      targetPluginId: INFRA_SPECS_PLUGIN_ID,
    });
  }
}
