import { CallerRateLimit } from './CallerRateLimit';

describe('CallerRateLimit', () => {
  it('allows max requests at once, then one more per window/max, per caller', () => {
    let now = 0;
    const limit = new CallerRateLimit({
      max: 3,
      windowMs: 60_000,
      now: () => now,
    });
    expect([1, 2, 3].map(() => limit.take('user:default/jane').ok)).toEqual([
      true,
      true,
      true,
    ]);
    expect(limit.take('user:default/jane')).toEqual({
      ok: false,
      retryAfterMs: 20_000,
    });
    // Another caller has its own bucket.
    expect(limit.take('user:default/john').ok).toBe(true);

    now = 10_000;
    expect(limit.take('user:default/jane')).toEqual({
      ok: false,
      retryAfterMs: 10_000,
    });
    now = 20_000;
    expect(limit.take('user:default/jane').ok).toBe(true);
    expect(limit.take('user:default/jane').ok).toBe(false);

    // A full window later the bucket is full again, never fuller.
    now = 500_000;
    expect([1, 2, 3, 4].map(() => limit.take('user:default/jane').ok)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('forgets the longest idle callers beyond maxCallers', () => {
    let now = 0;
    const limit = new CallerRateLimit({
      max: 1,
      windowMs: 60_000,
      maxCallers: 2,
      now: () => now,
    });
    expect(limit.take('a').ok).toBe(true);
    now = 1;
    expect(limit.take('b').ok).toBe(true);
    now = 2;
    expect(limit.take('c').ok).toBe(true);
    // 'a' was dropped, so it starts full; 'c' is still empty.
    expect(limit.take('a').ok).toBe(true);
    expect(limit.take('c').ok).toBe(false);
  });
});
