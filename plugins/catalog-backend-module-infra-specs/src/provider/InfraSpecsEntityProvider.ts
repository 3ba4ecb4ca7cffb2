import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  SPEC_ENTITY_KIND,
  SpecChangesResponse,
  SpecListResponse,
  SpecQuery,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecsProviderConfig } from './readProviderConfig';
import { SPEC_LOCATION_KEY, specRecordToEntity } from './specRecordToEntity';

/** The part of the infra-specs REST API the provider reads (InfraSpecsClient implements it). @public */
export interface SpecIndexReader {
  listSpecs(query?: SpecQuery): Promise<SpecListResponse>;
  getChanges(since?: string): Promise<SpecChangesResponse>;
}

/** What one run did; returned for tests and logged. @public */
export type SyncResult =
  | { type: 'full'; entities: number; skipped: number }
  | { type: 'delta'; added: number; removed: number; skipped: number }
  | { type: 'failed'; error: Error };

type FullSyncResult = Extract<SyncResult, { type: 'full' }>;
type DeltaSyncResult = Extract<SyncResult, { type: 'delta' }>;

const PAGE_SIZE = 200;
/** Upper bound of change pages in one run; the rest waits for the next run. */
const MAX_CHANGE_PAGES = 50;
/** Consecutive failures are logged as warnings on the first and every this many runs. */
const WARN_EVERY = 20;

/**
 * Publishes one `Spec` entity per indexed spec of the infra-specs backend.
 *
 * The first run (and every `fullSyncEvery`-th run, and whenever the backend says the token
 * is too old) lists every spec and applies a `full` mutation; the others apply `delta`
 * mutations built from the backend's change feed (`GET /changes?since=`). When the backend
 * cannot be reached nothing is applied, so the catalog keeps the last published entities.
 * The change token lives in memory: another instance, or a restart, begins with a full run.
 *
 * {@link InfraSpecsEntityProvider.applyChanges} runs a delta at once; the module calls it when
 * the backend says specs changed, so a pushed spec reaches the catalog without waiting for the
 * schedule. Runs never overlap: one asked for during a run follows it, shared by all who ask.
 *
 * @public
 */
export class InfraSpecsEntityProvider implements EntityProvider {
  static readonly providerName = 'infra-specs';
  static readonly taskId = 'infra-specs-entity-provider';

  static create(options: {
    reader: SpecIndexReader;
    logger: LoggerService;
    scheduler: SchedulerService;
    config: InfraSpecsProviderConfig;
  }): InfraSpecsEntityProvider {
    return new InfraSpecsEntityProvider({
      reader: options.reader,
      logger: options.logger,
      fullSyncEvery: options.config.fullSyncEvery,
      taskRunner: options.scheduler.createScheduledTaskRunner(
        options.config.schedule,
      ),
    });
  }

  readonly #reader: SpecIndexReader;
  readonly #logger: LoggerService;
  readonly #fullSyncEvery: number;
  readonly #taskRunner?: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;
  #token?: string;
  #deltaRuns = 0;
  #failures = 0;
  #running?: Promise<SyncResult>;
  /** The run that follows the one going, and whether a scheduled run asked for it. */
  #next?: { result: Promise<SyncResult>; scheduled: boolean };

  constructor(options: {
    reader: SpecIndexReader;
    logger: LoggerService;
    fullSyncEvery: number;
    /** Absent: nothing is scheduled, the owner calls {@link InfraSpecsEntityProvider.run}. */
    taskRunner?: SchedulerServiceTaskRunner;
  }) {
    this.#reader = options.reader;
    this.#logger = options.logger.child({ provider: InfraSpecsEntityProvider.providerName });
    this.#fullSyncEvery = options.fullSyncEvery;
    this.#taskRunner = options.taskRunner;
  }

  getProviderName(): string {
    return InfraSpecsEntityProvider.providerName;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    if (this.#taskRunner) {
      await this.#taskRunner.run({
        id: InfraSpecsEntityProvider.taskId,
        fn: async () => {
          await this.run();
        },
      });
    }
  }

  /**
   * One scheduled synchronisation (full on the first and every `fullSyncEvery`-th run, else a
   * delta); never throws for an unreachable backend (it logs and keeps state).
   */
  async run(): Promise<SyncResult> {
    return this.#serialized(true);
  }

  /**
   * Applies the backend's changes now: a delta that does not count towards `fullSyncEvery`
   * (a full run only before the first token). For change events; it never overlaps `run`.
   */
  async applyChanges(): Promise<SyncResult> {
    return this.#serialized(false);
  }

  /** One run at a time, so two runs never read the same changes or race on the token. */
  #serialized(scheduled: boolean): Promise<SyncResult> {
    if (!this.#running) {
      this.#running = this.#sync(scheduled).finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    if (this.#next) {
      this.#next.scheduled ||= scheduled;
      return this.#next.result;
    }
    const next: { result: Promise<SyncResult>; scheduled: boolean } = {
      scheduled,
      result: this.#running.catch(() => undefined).then((): Promise<SyncResult> => {
        this.#next = undefined;
        return this.#serialized(next.scheduled);
      }),
    };
    this.#next = next;
    return next.result;
  }

  async #sync(scheduled: boolean): Promise<SyncResult> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error('InfraSpecsEntityProvider is not connected to the catalog');
    }
    let result: FullSyncResult | DeltaSyncResult;
    try {
      const wantsFull =
        this.#token === undefined ||
        (scheduled && this.#deltaRuns + 1 >= this.#fullSyncEvery);
      result = wantsFull
        ? await this.#fullSync(connection)
        : await this.#deltaSync(connection, this.#token!, scheduled);
    } catch (error) {
      this.#failures += 1;
      const err = error instanceof Error ? error : new Error(String(error));
      // A backend without the infra-specs plugin fails every 30 s: warn now and then, not always.
      const log = this.#failures === 1 || this.#failures % WARN_EVERY === 0 ? 'warn' : 'debug';
      this.#logger[log](
        `Spec entity sync failed (${this.#failures} run(s) in a row); the catalog keeps the Spec entities published before: ${stringifyError(err)}`,
      );
      return { type: 'failed', error: err };
    }
    if (this.#failures > 0) {
      this.#logger.info(`The infra-specs index is reachable again after ${this.#failures} failed run(s)`);
    }
    this.#failures = 0;
    if (result.type === 'full' || result.added + result.removed > 0) {
      this.#logger.info(
        result.type === 'full'
          ? `Published ${result.entities} Spec entities (full)`
          : `Applied ${result.added} upserted and ${result.removed} removed Spec entities (delta)`,
      );
    }
    return result;
  }

  async #fullSync(connection: EntityProviderConnection): Promise<FullSyncResult> {
    // Take the token before listing: whatever changes while we list is replayed by the next
    // delta, and replaying an upsert or a removal is harmless.
    const { token } = await this.#reader.getChanges(undefined);
    const records: SpecRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#reader.listSpecs({ limit: PAGE_SIZE, cursor });
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    const { entities, skipped } = this.#toEntities(
      records.filter(record => !record.removedAt),
    );
    await connection.applyMutation({ type: 'full', entities });
    this.#token = token;
    this.#deltaRuns = 0;
    return { type: 'full', entities: entities.length, skipped };
  }

  async #deltaSync(
    connection: EntityProviderConnection,
    since: string,
    scheduled: boolean,
  ): Promise<FullSyncResult | DeltaSyncResult> {
    let token = since;
    let added = 0;
    let removed = 0;
    let skipped = 0;
    for (let page = 0; page < MAX_CHANGE_PAGES; page++) {
      const changes = await this.#reader.getChanges(token);
      if (changes.full) {
        this.#logger.info('The change token is no longer valid; running a full synchronisation');
        return this.#fullSync(connection);
      }
      const mutation = this.#toDelta(changes);
      if (mutation.added.length || mutation.removed.length) {
        await connection.applyMutation({ type: 'delta', ...mutation });
      }
      added += mutation.added.length;
      removed += mutation.removed.length;
      skipped += mutation.skipped;
      token = changes.token;
      this.#token = token;
      if (!changes.hasMore) {
        break;
      }
    }
    if (scheduled) {
      this.#deltaRuns += 1;
    }
    return { type: 'delta', added, removed, skipped };
  }

  #toDelta(changes: SpecChangesResponse) {
    const upserted = changes.upserted.filter(record => !record.removedAt);
    const upsertedNames = new Set(upserted.map(record => record.name));
    const removedRefs = new Set<string>();
    for (const record of changes.upserted) {
      if (record.removedAt) {
        removedRefs.add(this.#entityRef(record));
      }
    }
    for (const gone of changes.removed) {
      // The change set is net, but an entry in both lists means it came back: keep it.
      if (!upsertedNames.has(gone.name)) {
        removedRefs.add(this.#entityRef(gone));
      }
    }
    const { entities, skipped } = this.#toEntities(upserted);
    return {
      added: entities,
      removed: [...removedRefs].map(entityRef => ({
        entityRef,
        locationKey: SPEC_LOCATION_KEY,
      })),
      skipped,
    };
  }

  #toEntities(records: SpecRecord[]) {
    const entities: DeferredEntity[] = [];
    let skipped = 0;
    for (const record of records) {
      try {
        entities.push(specRecordToEntity(record));
      } catch (error) {
        skipped += 1;
        this.#logger.warn(
          `Skipped spec ${record.name} (${record.componentRef}, ${record.path}): ${stringifyError(error)}`,
        );
      }
    }
    return { entities, skipped };
  }

  #entityRef(spec: { name: string; entityRef?: string }): string {
    if (spec.entityRef) {
      try {
        return stringifyEntityRef(
          parseEntityRef(spec.entityRef, { defaultKind: SPEC_ENTITY_KIND }),
        );
      } catch {
        // Fall back to the name, which is what the entity was published under.
      }
    }
    return stringifyEntityRef({ kind: SPEC_ENTITY_KIND, name: spec.name });
  }
}
