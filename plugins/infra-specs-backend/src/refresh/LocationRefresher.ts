import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecsConfig } from '../config';
import type { SpecIndexStore, StoredLocation } from '../database/SpecStore';
import { entityRefOf, ownerRefOf } from '../refs';
import { nextAttempt } from './backoff';
import { diffLocation } from './diffLocation';
import { checkSpecLocation, type LocalBounds } from './locationPolicy';
import { applyLocationLint, planLocation } from './planLocation';
import { readLocation, type LocationRead } from './readLocation';
import { readRepository, type RepositoryRead } from './readRepository';
import {
  commonFolder,
  relativeFolder,
  repositoryFolderOf,
  treeUrlOf,
  type RepositoryFolder,
} from './repositoryReads';
import {
  resolveSpecLocation,
  viewUrlOf,
  type SpecLocation,
} from './specLocation';
import type { SpecParser } from './SpecParser';

export type LocationOutcome = {
  kind: 'unchanged' | 'updated' | 'failed';
  parsed: number;
};

/** Which location a refresh is about, known before anything is read. */
interface LocationIdentity {
  componentRef: string;
  ownerRef: string;
  /** The resolved target, or the raw annotation when it does not resolve. */
  target: string;
  stored: StoredLocation | undefined;
}

/** A location ready to be read. */
interface PreparedRead extends LocationIdentity {
  location: SpecLocation;
  bounds: LocalBounds;
  /** The stored ETag, when it still stands for what would be read. */
  etag: string | undefined;
}

/** What a location refresh shares with the others of its run. */
export interface RunContext {
  /** Names in use across the index, loaded once and only when a new spec needs a name. */
  takenNames(): Promise<Set<string>>;
  /** Records a read that found nothing new; written in batches. */
  unchanged?(componentRef: string): Promise<void>;
  signal?: AbortSignal;
  /**
   * Runs a read of the SCM or a folder when the run has room for it (`refresh.concurrency`).
   * Only the read waits for it: parsing and writing go on outside, so the writes that pile up
   * behind a commit share the next one.
   */
  read?<T>(read: () => Promise<T>): Promise<T>;
}

const readAtOnce = <T>(read: () => Promise<T>) => read();

/**
 * Refreshes locations: reads a folder (with the stored ETag), or the folders of many locations
 * of one repository in one read, plans the spec files (parsing only what changed), and syncs
 * the result into the store. A failure keeps the last good specs and records the error with
 * the next attempt's time.
 */
export class LocationRefresher {
  readonly #store: SpecIndexStore;
  readonly #urlReader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #parser: SpecParser;
  readonly #config: InfraSpecsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: SpecIndexStore;
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    parser: SpecParser;
    config: InfraSpecsConfig;
    logger: LoggerService;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations;
    this.#parser = options.parser;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  /**
   * The key of the shared read a component's location can join (see {@link refreshRepository}),
   * or undefined when it is read on its own (local folders, other integrations, a bad annotation).
   */
  repositoryKeyOf(entity: Entity): string | undefined {
    try {
      const location = resolveSpecLocation(entity, this.#integrations);
      return location.type === 'url'
        ? repositoryFolderOf(location.url, this.#integrations)?.key
        : undefined;
    } catch {
      return undefined;
    }
  }

  async refresh(
    entity: Entity,
    stored: StoredLocation | undefined,
    context: RunContext,
  ): Promise<LocationOutcome> {
    if (this.repositoryKeyOf(entity) !== undefined) {
      // A repository read of one: the same semantics (a missing folder fails) as in a group.
      const [outcome] = await this.refreshRepository(
        [{ entity, stored }],
        context,
      );
      return outcome;
    }
    const prepared = this.#tryPrepare(entity, stored);
    if ('error' in prepared) {
      return this.#failed(prepared, prepared.error, context);
    }
    const { location, target } = prepared;
    const timeoutMs = this.#config.refresh.locationTimeoutMs;
    try {
      // The timeout starts with the read, not while it waits for its turn.
      const read = await (context.read ?? readAtOnce)(() => {
        const signal = this.#readSignal(context);
        return withTimeout(
          readLocation(location, this.#urlReader, {
            etag: prepared.etag,
            signal,
            maxFileBytes: this.#config.refresh.maxFileBytes,
            maxFiles: this.#config.refresh.maxFiles,
            maxBytes: this.#config.refresh.maxBytes,
            allowedRoots: this.#config.local.allowedRoots,
            componentFolder: prepared.bounds.componentFolder,
          }),
          signal,
          `Reading ${target} took longer than infraSpecs.refresh.locationTimeout (${timeoutMs} ms)`,
        );
      });
      return await this.#settle(prepared, read, context);
    } catch (error) {
      return this.#failed(prepared, error, context);
    }
  }

  /**
   * Refreshes locations of one repository and ref (one {@link repositoryKeyOf}) with one read
   * of their deepest common folder, passing their ETag when they all have the same one: a
   * refresh where nothing changed costs one commit lookup for all of them. Each location keeps
   * its own outcome: a read that fails fails them all (each keeping its last good specs); a
   * folder that is missing or over a limit fails alone. Outcomes are in the order of `members`.
   */
  async refreshRepository(
    members: Array<{ entity: Entity; stored: StoredLocation | undefined }>,
    context: RunContext,
  ): Promise<LocationOutcome[]> {
    const outcomes: LocationOutcome[] = new Array(members.length);
    const ready: Array<{
      index: number;
      prepared: PreparedRead;
      where: RepositoryFolder;
    }> = [];
    for (const [index, { entity, stored }] of members.entries()) {
      const prepared = this.#tryPrepare(entity, stored);
      if ('error' in prepared) {
        outcomes[index] = await this.#failed(prepared, prepared.error, context);
        continue;
      }
      const where =
        prepared.location.type === 'url'
          ? repositoryFolderOf(prepared.location.url, this.#integrations)
          : undefined;
      if (!where || (ready.length && where.key !== ready[0].where.key)) {
        throw new Error(
          `${prepared.componentRef} cannot share a read with ${
            ready[0]?.prepared.componentRef ?? 'others'
          }`,
        );
      }
      ready.push({ index, prepared, where });
    }
    if (!ready.length) {
      return outcomes;
    }

    const common = commonFolder(ready.map(r => r.where.folder));
    const url = treeUrlOf(ready[0].where, common);
    const etags = new Set(ready.map(r => r.prepared.etag));
    const etag = etags.size === 1 ? [...etags][0] : undefined;
    const timeoutMs = this.#config.refresh.locationTimeoutMs;
    let read: RepositoryRead;
    try {
      read = await (context.read ?? readAtOnce)(() => {
        const signal = this.#readSignal(context);
        return withTimeout(
          readRepository(
            url,
            ready.map(r => ({
              target: r.prepared.target,
              folder: relativeFolder(r.where.folder, common),
            })),
            this.#urlReader,
            {
              etag,
              signal,
              maxFileBytes: this.#config.refresh.maxFileBytes,
              maxFiles: this.#config.refresh.maxFiles,
              maxBytes: this.#config.refresh.maxBytes,
            },
          ),
          signal,
          `Reading ${url}${
            ready.length > 1 ? ` (for ${ready.length} spec locations)` : ''
          } took longer than infraSpecs.refresh.locationTimeout (${timeoutMs} ms)`,
        );
      });
    } catch (error) {
      for (const { index, prepared } of ready) {
        outcomes[index] = await this.#failed(prepared, error, context);
      }
      return outcomes;
    }

    for (const [i, { index, prepared }] of ready.entries()) {
      try {
        let own: LocationRead;
        if (read.notModified) {
          own = read;
        } else if (prepared.etag !== undefined && prepared.etag === read.etag) {
          // Indexed at this very commit already: another location's news made the read.
          own = { notModified: true };
        } else {
          const result = read.reads[i];
          if (result instanceof Error) {
            throw result;
          }
          own = result;
        }
        outcomes[index] = await this.#settle(prepared, own, context);
      } catch (error) {
        outcomes[index] = await this.#failed(prepared, error, context);
      }
    }
    return outcomes;
  }

  #readSignal(context: RunContext): AbortSignal {
    const timeout = AbortSignal.timeout(this.#config.refresh.locationTimeoutMs);
    return context.signal
      ? AbortSignal.any([context.signal, timeout])
      : timeout;
  }

  /** What a read of the location needs, or why it cannot be read (a bad annotation, the policy). */
  #tryPrepare(
    entity: Entity,
    stored: StoredLocation | undefined,
  ): PreparedRead | (LocationIdentity & { error: unknown }) {
    const componentRef = entityRefOf(entity);
    const ownerRef = ownerRefOf(entity);
    let target = entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION] ?? '';
    try {
      const location = resolveSpecLocation(entity, this.#integrations);
      target = location.target;
      // Before any read: a refused location fails like an unreadable one, keeping its last good specs.
      const bounds = checkSpecLocation(
        entity,
        location,
        this.#config.locations,
      );
      // A new parser or another folder must not be skipped by an old etag.
      const etag =
        stored?.parserFingerprint === this.#parser.fingerprint &&
        stored.target === target
          ? stored.etag ?? undefined
          : undefined;
      return { componentRef, ownerRef, target, stored, location, bounds, etag };
    } catch (error) {
      return { componentRef, ownerRef, target, stored, error };
    }
  }

  /** Writes what a read found: timestamps only when nothing changed, else the planned specs. */
  async #settle(
    prepared: PreparedRead,
    read: LocationRead,
    context: RunContext,
  ): Promise<LocationOutcome> {
    const { componentRef, ownerRef, target, stored, location, etag } = prepared;
    const at = this.#now().toISOString();
    if (read.notModified) {
      if (
        context.unchanged &&
        stored?.ownerRef === ownerRef &&
        stored.target === target
      ) {
        await context.unchanged(componentRef);
      } else {
        // The component changed (owner, folder): its specs follow, now.
        await this.#store.touchLocation({
          componentRef,
          target,
          ownerRef,
          etag: etag ?? null,
          at,
        });
      }
      return { kind: 'unchanged', parsed: 0 };
    }

    // Specs are only written together with their location's row: no row, no specs.
    const snapshot = stored
      ? await this.#store.getLocationSnapshot(componentRef)
      : { location: undefined, specs: [] };
    const plan = await planLocation({
      files: read.files,
      readWarnings: read.warnings,
      storedDocuments: names => this.#store.getDocuments(names),
      stored: {
        specs: snapshot.specs,
        otherFiles: snapshot.location?.otherFiles ?? {},
      },
      parser: this.#parser,
      taken: await context.takenNames(),
      viewUrl: path => viewUrlOf(location, path, this.#integrations),
    });
    if (plan.changed) {
      const unchanged = plan.writes.filter(w => !w.content).map(w => w.name);
      applyLocationLint(
        plan.writes,
        await this.#store.getDocuments(unchanged),
        this.#parser,
      );
    }
    await this.#store.syncLocation(
      {
        componentRef,
        target,
        ownerRef,
        // A file the parser gave up on is tried again: no ETag, so the next run reads it.
        etag: plan.retry ? null : read.etag,
        parserFingerprint: this.#parser.fingerprint,
        at,
        specs: plan.writes,
        otherFiles: plan.otherFiles,
        warnings: [...read.warnings, ...plan.warnings],
      },
      diffLocation,
    );
    return {
      kind: plan.changed ? 'updated' : 'unchanged',
      parsed: plan.parsed,
    };
  }

  /** Records a failure (keeping the last good specs); an aborted run is not a failure. */
  async #failed(
    location: LocationIdentity,
    error: unknown,
    context: RunContext,
  ): Promise<LocationOutcome> {
    if (context.signal?.aborted) {
      throw error;
    }
    const { componentRef, target, ownerRef, stored } = location;
    await this.#recordFailure(componentRef, target, ownerRef, stored, error);
    return { kind: 'failed', parsed: 0 };
  }

  async #recordFailure(
    componentRef: string,
    target: string,
    ownerRef: string,
    stored: StoredLocation | undefined,
    error: unknown,
  ) {
    const now = this.#now();
    const { consecutiveFailures, delayMs, nextAttemptAt } = nextAttempt(
      stored?.consecutiveFailures ?? 0,
      now,
      this.#config.refresh.backoff,
    );
    const message =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : stringifyError(error);
    await this.#store.recordLocationFailure({
      componentRef,
      target,
      ownerRef,
      message,
      at: now.toISOString(),
      consecutiveFailures,
      nextAttemptAt,
    });
    this.#logger.warn(
      `Failed to refresh the specs of ${componentRef} from ${target} (attempt ${consecutiveFailures}, next in ${Math.round(
        delayMs / 1000,
      )} s): ${message}`,
    );
  }
}

/** Rejects when the signal aborts, for readers that ignore it. */
function withTimeout<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  message: string,
): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(new Error(message));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const reason = signal.reason as Error | undefined;
      reject(
        reason?.name === 'TimeoutError'
          ? Object.assign(new Error(message), { name: 'TimeoutError' })
          : reason ?? new Error(message),
      );
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
