import type { Knex } from 'knex';
import { DEFAULT_MAX_ID_JUMP } from './idCounters';

/** What every part of the store shares: the connection and how the refresh writes. */
export interface StoreContext {
  knex: Knex;
  isPostgres: boolean;
  /** How far above the ids in use an observed id may raise a counter (`infraSpecs.ids.maxJump`). */
  maxIdJump: number;
}

/** Whether a connection (or a transaction of it) is PostgreSQL's. */
export function isPostgres(knex: Knex): boolean {
  return /^(pg|postgres)/.test(String(knex.client.config.client));
}

export function createStoreContext(
  knex: Knex,
  options?: { maxIdJump?: number },
): StoreContext {
  return {
    knex,
    isPostgres: isPostgres(knex),
    maxIdJump: options?.maxIdJump ?? DEFAULT_MAX_ID_JUMP,
  };
}

/**
 * A transaction of the refresh, one per location. The index is derived from the spec
 * folders, so on PostgreSQL it commits without waiting for the WAL flush: a crash can only
 * lose the last few refreshed locations (their rows and etags together, atomically), which
 * the next refresh reads again; the flush wait per commit was most of a cold index's time.
 */
export function refreshTransaction<T>(
  ctx: StoreContext,
  fn: (tx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return ctx.knex.transaction(async tx => {
    if (ctx.isPostgres) {
      await tx.raw('SET LOCAL synchronous_commit TO OFF');
    }
    return fn(tx);
  });
}

/** The advisory-lock class of spec locations (an arbitrary constant: "infra-specs" locations). */
const LOCATION_LOCK_CLASS = 0x15ec;

/**
 * Holds the locations' locks until the transaction ends (PostgreSQL; SQLite has one writer at a
 * time anyway): two instances refreshing one location write one after the other, and the second
 * plans its diff from what the first committed, so no status change enters the history twice.
 * One statement takes them all, in ref order, so that two writers never wait on each other
 * in a circle.
 */
export async function lockLocations(
  ctx: StoreContext,
  tx: Knex.Transaction,
  componentRefs: string[],
): Promise<void> {
  if (ctx.isPostgres && componentRefs.length) {
    await tx.raw(
      'select pg_advisory_xact_lock(?::int, hashtext(ref)) from (select unnest(?::text[]) as ref order by 1) refs',
      [LOCATION_LOCK_CLASS, [...componentRefs].sort()],
    );
  }
}

/** A value for a `like ? escape '\\'` pattern that matches only itself. */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, m => `\\${m}`);
}

/** Batches for `whereIn` and multi-row inserts, within every driver's parameter limit. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
