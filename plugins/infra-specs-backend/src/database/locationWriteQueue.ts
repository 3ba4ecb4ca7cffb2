import type { StoreContext } from './context';
import {
  syncLocations,
  type LocationWrite,
  type LocationWriteOutcome,
} from './syncLocations';
import type { LocationSyncResult } from './SpecStore';

/** Locations per transaction at most, so that one transaction never holds the database long. */
const MAX_BATCH = 32;

interface Pending {
  write: LocationWrite;
  resolve(result: LocationSyncResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit of location writes: a write that comes while a batch is being written waits for
 * it, and the writes that came meanwhile go together in the next one (see syncLocations: about
 * ten statements a batch). A lone write goes at once; under a refresh's concurrency, the
 * locations read during one commit share the next, so a cold index pays a transaction per batch
 * instead of per location.
 *
 * SQLite has one writer anyway. PostgreSQL gets two, so that one batch's round trips overlap the
 * other's planning; their locks are taken in one sorted statement per batch, before the shared
 * id-counter rows, so they cannot deadlock (as batches did when each location took its lock
 * after the counters of the one before).
 */
export class LocationWriteQueue {
  readonly #ctx: StoreContext;
  readonly #writers: number;
  #pending: Pending[] = [];
  #writing = 0;
  /** Locations in a batch being written: their later writes wait, so writes land in order. */
  readonly #inFlight = new Set<string>();

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#writers = ctx.isPostgres ? 2 : 1;
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
      for (;;) {
        const batch = this.#nextBatch();
        if (!batch.length) {
          break;
        }
        // syncLocations reports failures per write; anything else fails the whole batch.
        const outcomes = await syncLocations(
          this.#ctx,
          batch.map(p => p.write),
        ).catch((error: unknown) => batch.map(() => ({ error })));
        batch.forEach((pending, i) => {
          this.#inFlight.delete(pending.write.sync.componentRef);
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

  /** The oldest pending writes, one per location and none of a location being written. */
  #nextBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const pending of this.#pending) {
      const ref = pending.write.sync.componentRef;
      if (batch.length < MAX_BATCH && !this.#inFlight.has(ref)) {
        this.#inFlight.add(ref);
        batch.push(pending);
      } else {
        rest.push(pending);
      }
    }
    this.#pending = rest;
    return batch;
  }
}
