import type {
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  CustomErrorBase,
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
import { parseRef } from '../refs';
import { CallerRateLimit } from './CallerRateLimit';

export const REFRESH_TASK_ID = 'infra-specs-refresh';

/** 429 through the standard error middleware (it reads `statusCode`); the router adds Retry-After. */
export class TooManyRefreshesError extends CustomErrorBase {
  name = 'TooManyRefreshesError' as const;
  statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** 413 through the standard error middleware (it reads `statusCode`). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A component ref as people write it (`payments-api`) in stored form; a 400 when it is none. */
export function componentRefOf(ref: string): string {
  try {
    return parseRef(ref, { defaultKind: 'component' });
  } catch {
    throw new InputError(`'${ref}' is not an entity ref`);
  }
}

/** Who is asking, for the per-caller refresh limit: a user's entity ref, else the service. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `${principal.type ?? 'unknown'}:${principal.subject ?? ''}`;
}

const MATCH_NOTHING: SpecAccessFilter = { field: 'ownerRef', values: [] };

/** What the REST API does, with permissions applied; the router only speaks HTTP. */
export class SpecService {
  readonly #store: SpecReadStore;
  readonly #access: SpecAccess;
  readonly #refresher: SpecRefresher;
  readonly #scheduler: SchedulerService;
  readonly #parser: SpecParser;
  readonly #refreshLimit: CallerRateLimit;
  readonly #refreshLimitText: string;
  readonly #lintMaxBytes: number;

  constructor(options: {
    store: SpecReadStore;
    access: SpecAccess;
    refresher: SpecRefresher;
    scheduler: SchedulerService;
    parser: SpecParser;
    refreshRateLimit: { max: number; windowMs: number };
    /** `infraSpecs.lint.maxBytes`: the largest markdown lint accepts. */
    lintMaxBytes: number;
  }) {
    this.#lintMaxBytes = options.lintMaxBytes;
    this.#store = options.store;
    this.#access = options.access;
    this.#refresher = options.refresher;
    this.#scheduler = options.scheduler;
    this.#parser = options.parser;
    this.#refreshLimit = new CallerRateLimit(options.refreshRateLimit);
    const { max, windowMs } = options.refreshRateLimit;
    this.#refreshLimitText = `${max} per ${windowMs / 1000} s`;
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

  async getSpec(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<SpecDetail> {
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
    const [items, state, mayReadLocation] = await Promise.all([
      access.type === 'deny'
        ? []
        : this.#store.listSpecsOfComponent(componentRef, access.filter),
      this.#store.getLocationState(componentRef),
      this.#access.canReadLocation(credentials, access, componentRef),
    ]);
    // The location (its target, error and count) follows the decision on the component's specs.
    return { items, location: (mayReadLocation && state) || null };
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
    const componentRef = entityRef ? componentRefOf(entityRef) : undefined;
    await this.#access.assertCanRefresh(credentials, componentRef);
    const caller = callerOf(credentials);
    const taken = this.#refreshLimit.take(caller);
    if (!taken.ok) {
      const seconds = Math.ceil(taken.retryAfterMs / 1000);
      throw new TooManyRefreshesError(
        `Too many refresh requests from ${caller}: at most ${
          this.#refreshLimitText
        } (infraSpecs.refresh.manual.rateLimit); try again in ${seconds} s`,
        seconds,
      );
    }
    const access = await this.#access.read(credentials);
    if (componentRef) {
      const state = await this.#refresher.refreshEntity(componentRef);
      const locations = await this.#access.readableLocations(
        credentials,
        access,
        state ? [state] : [],
      );
      return { accepted: false, response: { locations } };
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
      response: {
        locations: await this.#access.readableLocations(
          credentials,
          access,
          await this.#store.listLocationStates(),
        ),
      },
    };
  }

  /**
   * Parses in the worker pool when there is one, so a hostile document is cut off at
   * `infraSpecs.parsing.timeout` instead of holding the event loop (with `parsing.workers: 0`
   * only the size limit bounds it).
   */
  async lint(
    markdown: string,
    path: string | undefined,
  ): Promise<LintResponse> {
    const bytes = Buffer.byteLength(markdown, 'utf8');
    if (bytes > this.#lintMaxBytes) {
      throw new PayloadTooLargeError(
        `The markdown is ${bytes} bytes; lint accepts at most ${
          this.#lintMaxBytes
        } (infraSpecs.lint.maxBytes)`,
      );
    }
    const [outcome] = await this.#parser.parseMany([
      { markdown, path: path ?? 'spec.md' },
    ]);
    if ('error' in outcome) {
      throw new InputError(
        `Could not lint ${path ?? 'the markdown'}: ${outcome.error}`,
      );
    }
    return {
      document: outcome.document,
      diagnostics: outcome.document.diagnostics,
    };
  }

  /**
   * With `reserve`, the id is handed out and never again, for a spec of `componentRef` (decided by
   * `infra-specs.spec.create` on it); without, a preview of it.
   */
  async nextId(
    prefix: string,
    options:
      | { reserve: false }
      | {
          reserve: true;
          componentRef: string;
          credentials: BackstageCredentials;
        },
  ): Promise<NextIdResponse> {
    // Counters exist only for the formats' prefixes: nobody can create one row per invented prefix.
    const key = prefix.toUpperCase();
    if (!this.#parser.idPrefixes.includes(key)) {
      throw new InputError(
        `Invalid prefix: '${prefix}' is not the id prefix of a spec format; use one of ${this.#parser.idPrefixes.join(
          ', ',
        )} (a format module declares its own with idPrefix)`,
      );
    }
    if (options.reserve) {
      await this.#access.assertCanCreate(
        options.credentials,
        options.componentRef,
      );
    }
    return {
      id: options.reserve
        ? await this.#store.allocateId(prefix)
        : await this.#store.peekId(prefix),
    };
  }
}
