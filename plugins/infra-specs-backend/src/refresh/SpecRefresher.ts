import type {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SPEC_LOCATION,
  type SpecLocationState,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import pLimit from 'p-limit';
import type { InfraSpecsConfig } from '../config';
import type { SpecIndexStore, SpecReadStore } from '../database/SpecStore';
import { entityRefOf, parseRef } from '../refs';
import {
  hasSpecLocation,
  listAnnotatedComponents,
} from './annotatedComponents';
import { isBackingOff } from './backoff';
import {
  LocationRefresher,
  type LocationOutcome,
  type RunContext,
} from './LocationRefresher';
import { SharedRuns } from './sharedRuns';
import { locationsTouchedByPush, readGithubPush } from './pushEvents';
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
  /** Locations soft-removed because their component left the catalog or lost the annotation. */
  removed: number;
  /** Locations that would have been removed, held back by `removed.maxShare`. */
  held: number;
}

/** The index store, plus the location state that a manual refresh answers with. */
export type RefresherStore = SpecIndexStore &
  Pick<SpecReadStore, 'getLocationState'>;

const TOUCH_BATCH = 250;

/** Below this many specs a removal is never held back: a small index may lose its only component. */
const MIN_SPECS_FOR_SHARE_GUARD = 10;

function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

/**
 * Reads the spec locations of annotated catalog components into the store: only what
 * changed is parsed, failures keep the last good specs and back off, components that left
 * the catalog lose their specs. Holds no state between runs; everything is in the store.
 * Each location is refreshed by a {@link LocationRefresher}; this class only orchestrates.
 */
export class SpecRefresher {
  readonly #store: RefresherStore;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #config: InfraSpecsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #location: LocationRefresher;
  /** Reads of one location in progress, shared by the scheduled run and manual refreshes. */
  readonly #locationRuns = new SharedRuns<LocationOutcome>();
  /** Manual refreshes of one component in progress, shared by everyone who asks meanwhile. */
  readonly #entityRuns = new SharedRuns<SpecLocationState | undefined>();

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
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#location = new LocationRefresher({ ...options, now: this.#now });
  }

  /** One scheduled run over every annotated component. */
  async refreshAll(
    options: { signal?: AbortSignal } = {},
  ): Promise<RefreshRunSummary> {
    const started = Date.now();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const components = await listAnnotatedComponents(
      this.#catalog,
      credentials,
    );
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
      removed: 0,
      held: 0,
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
          const location = stored.get(entityRefOf(entity));
          if (isBackingOff(location, nowIso)) {
            summary.skipped += 1;
            return;
          }
          const ref = entityRefOf(entity);
          const outcome = await this.#locationRuns.join(ref, () =>
            this.#location.refresh(entity, location, context),
          );
          summary[outcome.kind] += 1;
          summary.parsed += outcome.parsed;
        }),
      ),
    );
    await flushTouches();
    options.signal?.throwIfAborted();

    const present = new Set(components.map(entityRefOf));
    const gone = [...stored.values()]
      .filter(l => !l.removedAt && !present.has(l.componentRef))
      .map(l => l.componentRef);
    if (gone.length) {
      await this.#removeGone(gone, summary);
    }

    const { locations, updated, unchanged, failed, skipped, parsed } = summary;
    this.#logger.info(
      `Spec refresh: ${locations} locations (${updated} updated, ${unchanged} unchanged, ${failed} failed, ${skipped} backing off), ${parsed} files parsed, in ${Date.now() - started} ms`,
    );
    return summary;
  }

  /**
   * Soft-removes the locations of components that are gone, unless that would remove more than
   * `removed.maxShare` of all current specs: a catalog that briefly lists nothing (a failed
   * provider, a bad deploy) must not empty the index. Removed specs come back if their
   * component does within `removed.retention`.
   */
  async #removeGone(gone: string[], summary: RefreshRunSummary) {
    const [removing, total] = await Promise.all([
      this.#store.countCurrentSpecs(gone),
      this.#store.countCurrentSpecs(),
    ]);
    const { maxShare } = this.#config.removed;
    if (removing >= MIN_SPECS_FOR_SHARE_GUARD && removing > total * maxShare) {
      summary.held = gone.length;
      this.#logger.error(
        `Not removing the specs of ${gone.length} component(s) that are no longer in the catalog: that would remove ${removing} of ${total} specs, more than infraSpecs.removed.maxShare (${maxShare}). If the catalog really lost them, raise that share for one refresh.`,
      );
      return;
    }
    await this.#store.softRemoveLocations(gone, this.#now().toISOString());
    summary.removed = gone.length;
    this.#logger.info(
      `Soft-removed the specs of ${gone.length} component(s) that left the catalog or lost the ${ANNOTATION_SPEC_LOCATION} annotation; they are restored if the component comes back within infraSpecs.removed.retention`,
    );
  }

  /**
   * A `github.push` event: refreshes the locations whose folder the pushed commits changed
   * (all locations of the branch when the payload lists no files), and reads nothing for a push
   * that touched no spec folder. Returns the refreshed component refs.
   */
  async refreshPushed(payload: unknown): Promise<string[]> {
    const push = readGithubPush(payload);
    if (!push) {
      return [];
    }
    const locations = (await this.#store.listLocations()).filter(l => !l.removedAt);
    const touched = locationsTouchedByPush(push, locations);
    await Promise.all(
      touched.map(ref =>
        this.refreshEntity(ref).catch(error => {
          this.#logger.warn(
            `Refreshing ${ref} after a push to ${push.fullName} failed: ${stringifyError(error)}`,
          );
        }),
      ),
    );
    if (touched.length) {
      this.#logger.info(
        `A push to ${push.fullName} (${push.branch}) refreshed ${touched.join(', ')}`,
      );
    }
    return touched;
  }

  /**
   * Refreshes one component now, ignoring its backoff. A component that is gone or lost
   * its annotation loses its specs; one never indexed is a NotFoundError. Requests for the
   * same component while it is being read share one read queued behind that one (see
   * {@link SharedRuns.next}): a burst of clicks reads the location at most twice.
   */
  async refreshEntity(
    entityRef: string,
  ): Promise<SpecLocationState | undefined> {
    let ref: string;
    try {
      ref = parseRef(entityRef, { defaultKind: 'component' });
    } catch (error) {
      throw new InputError(
        `Invalid entity ref '${entityRef}': ${(error as Error).message}`,
      );
    }
    return this.#entityRuns.next(ref, () => this.#refreshEntityNow(ref));
  }

  async #refreshEntityNow(
    ref: string,
  ): Promise<SpecLocationState | undefined> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!hasSpecLocation(entity)) {
      const existing = await this.#store.getLocationState(ref);
      if (existing) {
        await this.#store.softRemoveLocations([ref], this.#now().toISOString());
        return undefined;
      }
      throw new NotFoundError(
        entity
          ? `${ref} has no ${ANNOTATION_SPEC_LOCATION} annotation`
          : `No entity ${ref} in the catalog`,
      );
    }
    // The stored state (its ETag) is read when the run starts, after any run before it.
    await this.#locationRuns.next(ref, async () => {
      const { location } = await this.#store.getLocationSnapshot(ref);
      return this.#location.refresh(entity, location, {
        takenNames: async () => new Set(await this.#store.listSpecNames()),
      });
    });
    return this.#store.getLocationState(ref);
  }
}
