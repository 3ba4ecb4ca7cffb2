/**
 * Runs per key in this process, so that many requests for one key cause few runs:
 *
 * - `join` gives the caller the key's running run, or starts one: for callers that only need
 *   a recent result (the scheduled refresh);
 * - `next` gives the caller a run that starts after its request: the running one is not enough,
 *   so callers that arrive while a run is going share the one queued behind it (a manual
 *   refresh, which must see what was pushed before the click). A burst of requests causes
 *   at most two runs, and every caller still gets a result at least as new as its request.
 *
 * Across instances the store's per-location lock keeps the writes of two runs apart.
 */
export class SharedRuns<T> {
  readonly #running = new Map<string, Promise<T>>();
  readonly #queued = new Map<string, Promise<T>>();

  join(key: string, start: () => Promise<T>): Promise<T> {
    return this.#running.get(key) ?? this.#start(key, start);
  }

  next(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (!running) {
      return this.#start(key, start);
    }
    let queued = this.#queued.get(key);
    if (!queued) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          this.#queued.delete(key);
          return this.#start(key, start);
        });
      this.#queued.set(key, queued);
    }
    return queued;
  }

  /**
   * `join` for many keys with one run: the keys with a run going get that run, and `start` runs
   * once for the others (`free`), answering for each of them in order.
   */
  joinAll(
    keys: string[],
    start: (free: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    const runs = new Map<string, Promise<T>>();
    const settle = new Map<
      string,
      { resolve(value: T): void; reject(error: unknown): void }
    >();
    for (const key of keys) {
      const running = this.#running.get(key);
      if (running) {
        runs.set(key, running);
      } else if (!runs.has(key)) {
        runs.set(
          key,
          this.#start(
            key,
            () =>
              new Promise<T>((resolve, reject) =>
                settle.set(key, { resolve, reject }),
              ),
          ),
        );
      }
    }
    const free = [...settle.keys()];
    if (free.length) {
      start(free).then(
        results =>
          free.forEach((key, i) => settle.get(key)!.resolve(results[i])),
        error => free.forEach(key => settle.get(key)!.reject(error)),
      );
    }
    return Promise.all(keys.map(key => runs.get(key)!));
  }

  /**
   * `next` for many keys with one run: waits for the runs going (they may predate the request),
   * then joins whatever runs now, which started after the request, and runs `start` for the rest.
   */
  async nextAll(
    keys: string[],
    start: (free: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    await Promise.all(
      keys.map(key => this.#running.get(key)?.catch(() => undefined)),
    );
    return this.joinAll(keys, start);
  }

  /** Keys with a run going. */
  get size(): number {
    return this.#running.size;
  }

  #start(key: string, start: () => Promise<T>): Promise<T> {
    const run = start().finally(() => {
      if (this.#running.get(key) === run) {
        this.#running.delete(key);
      }
    });
    this.#running.set(key, run);
    return run;
  }
}
