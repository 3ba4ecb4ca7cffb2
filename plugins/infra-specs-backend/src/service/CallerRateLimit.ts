/**
 * A token bucket per caller: `max` requests at once, refilled at `max` per `windowMs`. Kept in
 * memory per instance (a limit on how hard one caller can drive the SCM through this instance,
 * not a quota), with at most `maxCallers` buckets so that many callers cannot grow it without end.
 */
export class CallerRateLimit {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #maxCallers: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: {
    max: number;
    windowMs: number;
    maxCallers?: number;
    now?: () => number;
  }) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#maxCallers = options.maxCallers ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Takes one request from the caller's bucket: `ok`, or how long until the next one is allowed. */
  take(caller: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.#now();
    const msPerToken = this.#windowMs / this.#max;
    const previous = this.#buckets.get(caller);
    const tokens = previous
      ? Math.min(this.#max, previous.tokens + (now - previous.at) / msPerToken)
      : this.#max;
    // Re-inserted on every use, so the map's first entry is the longest idle caller.
    this.#buckets.delete(caller);
    if (tokens < 1) {
      this.#buckets.set(caller, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * msPerToken) };
    }
    this.#buckets.set(caller, { tokens: tokens - 1, at: now });
    if (this.#buckets.size > this.#maxCallers) {
      this.#buckets.delete(this.#buckets.keys().next().value!);
    }
    return { ok: true };
  }
}
