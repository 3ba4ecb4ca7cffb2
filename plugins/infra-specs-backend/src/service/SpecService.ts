import type {
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  type EntitySpecsResponse,
  type LintResponse,
  type NextIdResponse,
  type RefreshResponse,
  type SpecChangesResponse,
  type SpecDetail,
  type SpecListResponse,
  type SpecSummary,
  infraSpecsSpecReadPermission,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type {
  ListSpecsOptions,
  SpecAccessFilter,
  SpecReadStore,
} from '../database/SpecStore';
import type { SpecAccess } from '../permissions/SpecAccess';
import type { SpecParser } from '../refresh/SpecParser';
import type { SpecRefresher } from '../refresh/SpecRefresher';

export const REFRESH_TASK_ID = 'infra-specs-refresh';

const MATCH_NOTHING: SpecAccessFilter = { field: 'ownerRef', values: [] };

/** What the REST API does, with permissions applied; the router only speaks HTTP. */
export class SpecService {
  readonly #store: SpecReadStore;
  readonly #access: SpecAccess;
  readonly #refresher: SpecRefresher;
  readonly #scheduler: SchedulerService;
  readonly #parser: SpecParser;

  constructor(options: {
    store: SpecReadStore;
    access: SpecAccess;
    refresher: SpecRefresher;
    scheduler: SchedulerService;
    parser: SpecParser;
  }) {
    this.#store = options.store;
    this.#access = options.access;
    this.#refresher = options.refresher;
    this.#scheduler = options.scheduler;
    this.#parser = options.parser;
  }

  async listSpecs(
    options: Omit<ListSpecsOptions, 'access'>,
    credentials: BackstageCredentials,
  ): Promise<SpecListResponse> {
    const access = await this.#access.read(credentials);
    if (access.type === 'deny') {
      return { items: [], totalCount: 0 };
    }
    return this.#store.listSpecs({ ...options, access: access.filter });
  }

  async getSpec(name: string, credentials: BackstageCredentials): Promise<SpecDetail> {
    const access = await this.#access.read(credentials);
    const detail =
      access.type === 'deny'
        ? undefined
        : await this.#store.getSpecDetail(name, access.filter);
    if (!detail) {
      throw new NotFoundError(`No spec named '${name}'`);
    }
    return detail;
  }

  async getEntitySpecs(
    componentRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntitySpecsResponse> {
    const access = await this.#access.read(credentials);
    const [items, state] = await Promise.all([
      access.type === 'deny'
        ? []
        : this.#store.listSpecsOfComponent(componentRef, access.filter),
      this.#store.getLocationState(componentRef),
    ]);
    const location = state ?? null;
    // Someone who may read none of these specs does not learn how many there are.
    if (location && access.type === 'deny') {
      return { items, location: { ...location, specCount: 0 } };
    }
    return { items, location };
  }

  async getSummary(
    componentRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<SpecSummary> {
    const access = await this.#access.read(credentials);
    return this.#store.getSummary({
      componentRef,
      // Denied: the same zero-filled shape, from a filter that matches nothing.
      access: access.type === 'deny' ? MATCH_NOTHING : access.filter,
    });
  }

  async getChanges(
    since: string | undefined,
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<SpecChangesResponse> {
    const access = await this.#access.read(credentials);
    // The feed mirrors the whole index; a partial view would look like deletions.
    if (access.type !== 'allow' || access.filter) {
      throw new NotAllowedError(
        `GET /changes needs unconditional ${infraSpecsSpecReadPermission.name} permission`,
      );
    }
    return this.#store.getChanges({ since, limit });
  }

  /** One location synchronously, or the scheduled task for all (answered at once). */
  async refresh(
    entityRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ accepted: boolean; response: RefreshResponse }> {
    await this.#access.assertCanRefresh(credentials);
    if (entityRef) {
      const state = await this.#refresher.refreshEntity(entityRef);
      return { accepted: false, response: { locations: state ? [state] : [] } };
    }
    try {
      await this.#scheduler.triggerTask(REFRESH_TASK_ID);
    } catch (error) {
      // Already running somewhere: the states below are what it is working on.
      if ((error as Error)?.name !== ConflictError.name) {
        throw error;
      }
    }
    return {
      accepted: true,
      response: { locations: await this.#store.listLocationStates() },
    };
  }

  lint(markdown: string, path: string | undefined): LintResponse {
    const document = this.#parser.parse(markdown, path ?? 'spec.md');
    return { document, diagnostics: document.diagnostics };
  }

  /** With `reserve`, the id is handed out and never again; without, a preview of it. */
  async nextId(prefix: string, options: { reserve: boolean }): Promise<NextIdResponse> {
    // Counters exist only for the formats' prefixes: nobody can create one row per invented prefix.
    const key = prefix.toUpperCase();
    if (!this.#parser.idPrefixes.includes(key)) {
      throw new InputError(
        `Invalid prefix: '${prefix}' is not the id prefix of a spec format; use one of ${this.#parser.idPrefixes.join(', ')} (a format module declares its own with idPrefix)`,
      );
    }
    return {
      id: options.reserve
        ? await this.#store.allocateId(prefix)
        : await this.#store.peekId(prefix),
    };
  }
}
