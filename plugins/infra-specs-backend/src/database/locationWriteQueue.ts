import type { StoreContext } from './context';
import {
  syncLocations,
  type LocationWrite,
  type LocationWriteOutcome,
} from './locationWrites';
import type { LocationSyncResult } from './SpecStore';

/** Locations per transaction at most, so one transaction never holds its locks for long. */
const MAX_BATCH = 32;

interface Pending {
  write: LocationWrite;
  resolve(result: LocationSyncResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit of location writes: a write that comes while a transaction is being written
 * waits for it, and all the writes that came meanwhile go together in the next one. A lone
 * write goes at once; under a refresh's concurrency, the locations read during one commit share
 * the next, so a cold index pays a transaction per batch instead of per location.
 */
export class LocationWriteQueue {
  readonly #ctx: StoreContext;
  #pending: Pending[] = [];
  #writing = false;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  write(write: LocationWrite): Promise<LocationSyncResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (!this.#writing) {
        void this.#drain();
      }
    });
  }

  async #drain() {
    this.#writing = true;
    try {
      while (this.#pending.length) {
        const batch = this.#pending.splice(0, MAX_BATCH);
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
      this.#writing = false;
    }
  }
}
