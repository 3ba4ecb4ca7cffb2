import type { StoreContext } from './context';
import {
  syncLocations,
  type LocationWrite,
  type LocationWriteOutcome,
} from './locationWrites';
import type { LocationSyncResult } from './SpecStore';

/** Locations per transaction at most on SQLite, so one transaction never holds the database long. */
const SQLITE_BATCH = 32;

interface Pending {
  write: LocationWrite;
  resolve(result: LocationSyncResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit of location writes on SQLite: a write that comes while a transaction is being
 * written waits for it, and all the writes that came meanwhile go together in the next one. A
 * lone write goes at once; under a refresh's concurrency, the locations read during one commit
 * share the next, so a cold index pays a transaction per batch instead of per location. SQLite
 * has one writer anyway, so nothing is lost by waiting.
 *
 * PostgreSQL writes one location per transaction, as many at once as the refresh asks. A batch
 * would hold the shared id-counter rows (every location of a prefix updates the same row) while
 * it takes the next location's lock, so two writers, or two instances, can deadlock: a bench run
 * with two batching writers lost ten locations that way. One batching writer instead serialises
 * all writes on one connection, which measured no faster than parallel single writes.
 */
export class LocationWriteQueue {
  readonly #ctx: StoreContext;
  readonly #writers: number;
  #pending: Pending[] = [];
  #writing = 0;

  readonly #maxBatch: number;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#writers = ctx.isPostgres ? Infinity : 1;
    this.#maxBatch = ctx.isPostgres ? 1 : SQLITE_BATCH;
  }

  write(write: LocationWrite): Promise<LocationSyncResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (this.#writing < this.#writers) {
        void this.#drain();
      }
    });
  }

  async #drain() {
    this.#writing += 1;
    try {
      while (this.#pending.length) {
        const batch = this.#pending.splice(0, this.#maxBatch);
        // syncLocations reports failures per write; anything else fails the whole batch.
        const outcomes = await syncLocations(
          this.#ctx,
          batch.map(p => p.write),
        ).catch((error: unknown) => batch.map(() => ({ error })));
        batch.forEach((pending, i) => {
          const outcome: LocationWriteOutcome = outcomes[i];
          if ('result' in outcome) {
            pending.resolve(outcome.result);
          } else {
            pending.reject(outcome.error);
          }
        });
      }
    } finally {
      this.#writing -= 1;
    }
  }
}
