import type {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { Entity } from '@backstage/catalog-model';
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
import { groupByRepository } from './repositoryReads';
import { SharedRuns } from './sharedRuns';
import { locationsTouchedByPush, type RepositoryPush } from './pushEvents';
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

/**
 * Locations in flight per read slot. While one batch of writes commits, the locations read
 * meanwhile queue for the next; with only `refresh.concurrency` locations in flight, most
 * batches held one location (bench:index, PostgreSQL cold: 717 -> 1,093 specs/s at 4 -> 16).
 */
const LOCATIONS_IN_FLIGHT_PER_READ = 4;

/** A component to refresh, with its stored location. */
type Member = { entity: Entity; stored: StoredLocation | undefined };

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
  readonly #onSpecsChanged?: (componentRefs: string[]) => Promise<void>;

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
    /**
     * Told, once per run that changed specs, which components' specs it changed (the plugin
     * publishes it as an event, so the catalog module publishes the entities at once).
     */
    onSpecsChanged?: (componentRefs: string[]) => Promise<void>;
  }) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#location = new LocationRefresher({ ...options, now: this.#now });
    this.#onSpecsChanged = options.onSpecsChanged;
  }

  /** Passes changed components on; a failing listener never fails the refresh that changed them. */
  async #specsChanged(componentRefs: string[]) {
    if (!componentRefs.length || !this.#onSpecsChanged) {
      return;
    }
    try {
      await this.#onSpecsChanged(componentRefs);
    } catch (error) {
      this.#logger.warn(
        `Could not tell listeners that the specs of ${
          componentRefs.length
        } component(s) changed: ${stringifyError(error)}`,
      );
    }
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
    const reads = pLimit(this.#config.refresh.concurrency);
    const context: RunContext = {
      takenNames: lazy(async () => new Set(await this.#store.listSpecNames())),
      unchanged: async ref => {
        untouched.push(ref);
        if (untouched.length >= TOUCH_BATCH) {
          await flushTouches();
        }
      },
      signal: options.signal,
      read: read => reads(read),
    };

    const nowIso = this.#now().toISOString();
    const due: Member[] = [];
    for (const entity of components) {
      const location = stored.get(entityRefOf(entity));
      if (isBackingOff(location, nowIso)) {
        summary.skipped += 1;
      } else {
        due.push({ entity, stored: location });
      }
    }
    // Locations of one repository and ref share a read; the others are read on their own.
    const { groups, alone } = groupByRepository(due, m =>
      this.#location.repositoryKeyOf(m.entity),
    );
    const changed: string[] = [];
    const runs: Array<{
      refs: string[];
      run: () => Promise<LocationOutcome[]>;
    }> = [
      ...groups.map(members => ({
        refs: members.map(m => entityRefOf(m.entity)),
        run: () => this.#refreshTogether(members, context),
      })),
      ...alone.map(({ entity, stored: location }) => ({
        refs: [entityRefOf(entity)],
        run: async () => [
          await this.#locationRuns.join(entityRefOf(entity), () =>
            this.#location.refresh(entity, location, context),
          ),
        ],
      })),
    ];
    // Reads are bounded by `refresh.concurrency` (context.read); this bounds the locations in
    // flight (reading, parsing or waiting for their write), and so what they hold in memory.
    const limit = pLimit(
      this.#config.refresh.concurrency * LOCATIONS_IN_FLIGHT_PER_READ,
    );
    await Promise.all(
      runs.map(({ refs, run }) =>
        limit(async () => {
          if (options.signal?.aborted) {
            return;
          }
          (await run()).forEach((outcome, i) => {
            summary[outcome.kind] += 1;
            summary.parsed += outcome.parsed;
            if (outcome.kind === 'updated') {
              changed.push(refs[i]);
            }
          });
        }),
      ),
    );
    await flushTouches();
    options.signal?.throwIfAborted();

    const present = new Set(components.map(entityRefOf));
    const gone = [...stored.values()]
      .filter(l => !l.removedAt && !present.has(l.componentRef))
      .map(l => l.componentRef);
    if (gone.length && (await this.#removeGone(gone, summary))) {
      changed.push(...gone);
    }
    await this.#specsChanged(changed);

    const { locations, updated, unchanged, failed, skipped, parsed } = summary;
    this.#logger.info(
      `Spec refresh: ${locations} locations (${updated} updated, ${unchanged} unchanged, ${failed} failed, ${skipped} backing off), ${parsed} files parsed, in ${
        Date.now() - started
      } ms`,
    );
    return summary;
  }

  /**
   * Soft-removes the locations of components that are gone, unless that would remove more than
   * `removed.maxShare` of all current specs: a catalog that briefly lists nothing (a failed
   * provider, a bad deploy) must not empty the index. Removed specs come back if their
   * component does within `removed.retention`.
   */
  async #removeGone(
    gone: string[],
    summary: RefreshRunSummary,
  ): Promise<boolean> {
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
      return false;
    }
    await this.#store.softRemoveLocations(gone, this.#now().toISOString());
    summary.removed = gone.length;
    this.#logger.info(
      `Soft-removed the specs of ${gone.length} component(s) that left the catalog or lost the ${ANNOTATION_SPEC_LOCATION} annotation; they are restored if the component comes back within infraSpecs.removed.retention`,
    );
    return removing > 0;
  }

  /**
   * Refreshes locations of one repository and ref with one read. Each location's run is shared
   * like a read of its own: by default it joins runs going (the scheduled refresh); with
   * `after`, it waits for them (a push must see its commit) and `after` loads the stored
   * state once the run starts.
   */
  async #refreshTogether(
    members: Member[],
    context: RunContext,
    after?: () => Promise<StoredLocation[]>,
  ): Promise<LocationOutcome[]> {
    const byRef = new Map(members.map(m => [entityRefOf(m.entity), m]));
    const start = async (free: string[]) => {
      const chosen = free.map(ref => byRef.get(ref)!);
      if (after) {
        const latest = new Map((await after()).map(l => [l.componentRef, l]));
        chosen.forEach(m => (m.stored = latest.get(entityRefOf(m.entity))));
      }
      return this.#location.refreshRepository(chosen, context);
    };
    return after
      ? this.#locationRuns.nextAll([...byRef.keys()], start)
      : this.#locationRuns.joinAll([...byRef.keys()], start);
  }

  /**
   * A `github.push` event: refreshes, in one read of the repository, the locations whose folder
   * the pushed commits changed (all locations of the branch when the payload lists no files);
   * reads nothing for a push that touched no spec folder. Only the pushed repository's stored
   * locations are looked at. Returns the refreshed component refs.
   */
  async refreshPushed(push: RepositoryPush | undefined): Promise<string[]> {
    if (!push) {
      return [];
    }
    const inRepository = () =>
      this.#store.listLocationsInRepository({
        host: push.host,
        fullName: push.fullName,
      });
    const locations = await inRepository();
    const touched = locationsTouchedByPush(push, locations);
    if (!touched.length) {
      return [];
    }
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: touched },
      { credentials },
    );
    const members: Member[] = [];
    // Components that are gone or lost the annotation: refreshEntity removes their specs.
    const others: string[] = [];
    touched.forEach((ref, i) => {
      const entity = items[i];
      if (entity && hasSpecLocation(entity)) {
        members.push({ entity, stored: undefined });
      } else {
        others.push(ref);
      }
    });
    const { groups, alone } = groupByRepository(members, m =>
      this.#location.repositoryKeyOf(m.entity),
    );
    others.push(...alone.map(m => entityRefOf(m.entity)));
    const context: RunContext = {
      takenNames: lazy(async () => new Set(await this.#store.listSpecNames())),
    };
    const failed = (what: string) => (error: unknown) => {
      this.#logger.warn(
        `Refreshing ${what} after a push to ${
          push.fullName
        } failed: ${stringifyError(error)}`,
      );
    };
    // Components refreshed through refreshEntity report their own changes.
    const changed: string[] = [];
    await Promise.all([
      ...groups.map(group =>
        this.#refreshTogether(group, context, inRepository).then(
          outcomes =>
            outcomes.forEach((outcome, i) => {
              if (outcome.kind === 'updated') {
                changed.push(entityRefOf(group[i].entity));
              }
            }),
          failed(group.map(m => entityRefOf(m.entity)).join(', ')),
        ),
      ),
      ...others.map(ref => this.refreshEntity(ref).catch(failed(ref))),
    ]);
    await this.#specsChanged(changed);
    this.#logger.info(
      `A push to ${push.fullName} (${push.branch}) refreshed ${touched.join(
        ', ',
      )}`,
    );
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

  async #refreshEntityNow(ref: string): Promise<SpecLocationState | undefined> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(ref, { credentials });
    if (!hasSpecLocation(entity)) {
      const existing = await this.#store.getLocationState(ref);
      if (existing) {
        await this.#store.softRemoveLocations([ref], this.#now().toISOString());
        await this.#specsChanged([ref]);
        return undefined;
      }
      throw new NotFoundError(
        entity
          ? `${ref} has no ${ANNOTATION_SPEC_LOCATION} annotation`
          : `No entity ${ref} in the catalog`,
      );
    }
    // The stored state (its ETag) is read when the run starts, after any run before it.
    const outcome = await this.#locationRuns.next(ref, async () => {
      const { location } = await this.#store.getLocationSnapshot(ref);
      return this.#location.refresh(entity, location, {
        takenNames: async () => new Set(await this.#store.listSpecNames()),
      });
    });
    if (outcome.kind === 'updated') {
      await this.#specsChanged([ref]);
    }
    return this.#store.getLocationState(ref);
  }
}
