import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SPEC_LOCATION,
  type SpecLocationState,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import pLimit from 'p-limit';
import type { InfraSpecsConfig } from '../config';
import type {
  SpecIndexStore,
  SpecReadStore,
  StoredLocation,
} from '../database/SpecStore';
import { entityRefOf, ownerRefOf, parseRef } from '../refs';
import { diffLocation } from './diffLocation';
import { applyLocationLint, planLocation } from './planLocation';
import { readLocation } from './readLocation';
import { resolveSpecLocation, viewUrlOf } from './specLocation';
import type { SpecParser } from './SpecParser';

export interface RefreshRunSummary {
  locations: number;
  unchanged: number;
  updated: number;
  failed: number;
  /** Not due yet because of backoff after failures. */
  skipped: number;
  /** Files that went through the parser. */
  parsed: number;
  /** Locations deleted because their component left the catalog or lost the annotation. */
  deleted: number;
}

type LocationOutcome = { kind: 'unchanged' | 'updated' | 'failed'; parsed: number };

/** What a location refresh shares with the others of its run. */
interface RunContext {
  /** Names in use across the index, loaded once and only when a new spec needs a name. */
  takenNames(): Promise<Set<string>>;
  /** Records a read that found nothing new; written in batches. */
  unchanged?(componentRef: string): Promise<void>;
  signal?: AbortSignal;
}

/** The index store, plus the location state that a manual refresh answers with. */
export type RefresherStore = SpecIndexStore & Pick<SpecReadStore, 'getLocationState'>;

const PAGE_SIZE = 500;
const TOUCH_BATCH = 250;

function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

function hasSpecLocation(entity: Entity | undefined): entity is Entity {
  return Boolean(
    entity &&
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION],
  );
}

/**
 * Reads the spec locations of annotated catalog components into the store: only what
 * changed is parsed, failures keep the last good specs and back off, components that left
 * the catalog lose their specs. Holds no state between runs; everything is in the store.
 */
export class SpecRefresher {
  readonly #store: RefresherStore;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #urlReader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #parser: SpecParser;
  readonly #config: InfraSpecsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: RefresherStore;
    catalog: CatalogService;
    auth: AuthService;
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    parser: SpecParser;
    config: InfraSpecsConfig;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations;
    this.#parser = options.parser;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** One scheduled run over every annotated component, then retention. */
  async refreshAll(options: { signal?: AbortSignal } = {}): Promise<RefreshRunSummary> {
    const started = Date.now();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const components = await this.#listAnnotatedComponents(credentials);
    const stored = new Map(
      (await this.#store.listLocations()).map(l => [l.componentRef, l]),
    );
    const summary: RefreshRunSummary = {
      locations: components.length,
      unchanged: 0,
      updated: 0,
      failed: 0,
      skipped: 0,
      parsed: 0,
      deleted: 0,
    };

    // Unchanged locations only move their timestamps: a few statements for many locations.
    let untouched: string[] = [];
    const flushTouches = async () => {
      const refs = untouched;
      untouched = [];
      if (refs.length) {
        await this.#store.touchLocations(refs, this.#now().toISOString());
      }
    };
    const context: RunContext = {
      takenNames: lazy(async () => new Set(await this.#store.listSpecNames())),
      unchanged: async ref => {
        untouched.push(ref);
        if (untouched.length >= TOUCH_BATCH) {
          await flushTouches();
        }
      },
      signal: options.signal,
    };

    const limit = pLimit(this.#config.refresh.concurrency);
    const nowIso = this.#now().toISOString();
    await Promise.all(
      components.map(entity =>
        limit(async () => {
          if (options.signal?.aborted) {
            return;
          }
          const ref = entityRefOf(entity);
          const location = stored.get(ref);
          if (location?.nextAttemptAt && location.nextAttemptAt > nowIso) {
            summary.skipped += 1;
            return;
          }
          const outcome = await this.#refreshLocation(entity, location, context);
          summary[outcome.kind] += 1;
          summary.parsed += outcome.parsed;
        }),
      ),
    );
    await flushTouches();
    options.signal?.throwIfAborted();

    const present = new Set(components.map(entityRefOf));
    const gone = [...stored.keys()].filter(ref => !present.has(ref));
    if (gone.length) {
      await this.#store.deleteLocations(gone);
      summary.deleted = gone.length;
      this.#logger.info(
        `Removed the specs of ${gone.length} component(s) that left the catalog or lost the ${ANNOTATION_SPEC_LOCATION} annotation`,
      );
    }

    const now = this.#now().getTime();
    const pruned = await this.#store.prune({
      historyBefore: new Date(now - this.#config.history.retentionMs).toISOString(),
      removedBefore: new Date(now - this.#config.removed.retentionMs).toISOString(),
      changesBefore: new Date(now - this.#config.changes.retentionMs).toISOString(),
    });

    this.#logger.info(
      `Spec refresh: ${summary.locations} locations (${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.skipped} backing off), ${summary.parsed} files parsed, pruned ${pruned.history} history entries, ${pruned.specs} removed specs, ${pruned.changes} change log entries, in ${Date.now() - started} ms`,
    );
    return summary;
  }

  /**
   * Refreshes one component now, ignoring its backoff. A component that is gone or lost
   * its annotation loses its specs; one never indexed is a NotFoundError.
   */
  async refreshEntity(entityRef: string): Promise<SpecLocationState | undefined> {
    let ref: string;
    try {
      ref = parseRef(entityRef, { defaultKind: 'component' });
    } catch (error) {
      throw new InputError(`Invalid entity ref '${entityRef}': ${(error as Error).message}`);
    }
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!hasSpecLocation(entity)) {
      const existing = await this.#store.getLocationState(ref);
      if (existing) {
        await this.#store.deleteLocations([ref]);
        return undefined;
      }
      throw new NotFoundError(
        entity
          ? `${ref} has no ${ANNOTATION_SPEC_LOCATION} annotation`
          : `No entity ${ref} in the catalog`,
      );
    }
    const { location } = await this.#store.getLocationSnapshot(ref);
    await this.#refreshLocation(entity, location, {
      takenNames: async () => new Set(await this.#store.listSpecNames()),
    });
    return this.#store.getLocationState(ref);
  }

  async #listAnnotatedComponents(credentials: BackstageCredentials): Promise<Entity[]> {
    const out: Entity[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: {
                kind: 'component',
                [`metadata.annotations.${ANNOTATION_SPEC_LOCATION}`]: CATALOG_FILTER_EXISTS,
              },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
                'spec.owner',
              ],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      out.push(...response.items.filter(hasSpecLocation));
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return out;
  }

  async #refreshLocation(
    entity: Entity,
    stored: StoredLocation | undefined,
    context: RunContext,
  ): Promise<LocationOutcome> {
    const signal = context.signal;
    const componentRef = entityRefOf(entity);
    const ownerRef = ownerRefOf(entity);
    let target = entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION] ?? '';
    const timeoutMs = this.#config.refresh.locationTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const locationSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const location = resolveSpecLocation(entity, this.#integrations);
      target = location.target;
      // A new parser or another folder must not be skipped by an old etag.
      const etag =
        stored?.parserFingerprint === this.#parser.fingerprint &&
        stored.target === target
          ? stored.etag ?? undefined
          : undefined;

      const read = await withTimeout(
        readLocation(location, this.#urlReader, {
          etag,
          signal: locationSignal,
          maxFileBytes: this.#config.refresh.maxFileBytes,
          allowedRoots: this.#config.local.allowedRoots,
        }),
        locationSignal,
        `Reading ${target} took longer than infraSpecs.refresh.locationTimeout (${timeoutMs} ms)`,
      );
      const at = this.#now().toISOString();
      if (read.notModified) {
        if (context.unchanged && stored?.ownerRef === ownerRef && stored.target === target) {
          await context.unchanged(componentRef);
        } else {
          // The component changed (owner, folder): its specs follow, now.
          await this.#store.touchLocation({ componentRef, target, ownerRef, etag: etag ?? null, at });
        }
        return { kind: 'unchanged', parsed: 0 };
      }

      // Specs are only written together with their location's row: no row, no specs.
      const snapshot = stored
        ? await this.#store.getLocationSnapshot(componentRef)
        : { location: undefined, specs: [] };
      const plan = planLocation({
        files: read.files,
        stored: { specs: snapshot.specs, otherFiles: snapshot.location?.otherFiles ?? {} },
        parser: this.#parser,
        taken: await context.takenNames(),
        viewUrl: path => viewUrlOf(location, path, this.#integrations),
      });
      if (plan.changed) {
        const unchanged = plan.writes.filter(w => !w.content).map(w => w.name);
        applyLocationLint(plan.writes, await this.#store.getDocuments(unchanged), this.#parser);
      }
      await this.#store.syncLocation(
        {
          componentRef,
          target,
          ownerRef,
          etag: read.etag,
          parserFingerprint: this.#parser.fingerprint,
          at,
          specs: plan.writes,
          otherFiles: plan.otherFiles,
          warnings: read.warnings,
        },
        diffLocation,
      );
      return { kind: plan.changed ? 'updated' : 'unchanged', parsed: plan.parsed };
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      await this.#recordFailure(componentRef, target, ownerRef, stored, error);
      return { kind: 'failed', parsed: 0 };
    }
  }

  async #recordFailure(
    componentRef: string,
    target: string,
    ownerRef: string,
    stored: StoredLocation | undefined,
    error: unknown,
  ) {
    const { initialMs, maxMs } = this.#config.refresh.backoff;
    const failures = (stored?.consecutiveFailures ?? 0) + 1;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
    const now = this.#now();
    const message =
      error instanceof Error ? `${error.name}: ${error.message}` : stringifyError(error);
    await this.#store.recordLocationFailure({
      componentRef,
      target,
      ownerRef,
      message,
      at: now.toISOString(),
      consecutiveFailures: failures,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
    });
    this.#logger.warn(
      `Failed to refresh the specs of ${componentRef} from ${target} (attempt ${failures}, next in ${Math.round(delay / 1000)} s): ${message}`,
    );
  }
}

/** Rejects when the signal aborts, for readers that ignore it. */
function withTimeout<T>(promise: Promise<T>, signal: AbortSignal, message: string): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(new Error(message));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const reason = signal.reason as Error | undefined;
      reject(reason?.name === 'TimeoutError' ? Object.assign(new Error(message), { name: 'TimeoutError' }) : reason ?? new Error(message));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
