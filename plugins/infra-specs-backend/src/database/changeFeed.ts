import type { Knex } from 'knex';
import type {
  SpecChangesResponse,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { specEntityRef } from '../refs';
import { chunks, isPostgres, type StoreContext } from './context';
import { CHANGES_PRUNED_THROUGH, getEpoch, getMeta } from './meta';
import { CHANGES } from './tables';
import { decodeToken, encodeToken } from './tokens';

/** The advisory-lock key of the change log (an arbitrary constant). */
const CHANGE_LOG_LOCK = 0x15ec_c4a9;

/**
 * Appends the names of specs that changed (added, changed, removed) to the change log; the
 * last statement of its transaction.
 *
 * A reader hands out every entry up to the highest id it sees, so an id must never become
 * visible before a lower one. SQLite has one writer at a time. PostgreSQL takes ids from a
 * sequence when a row is inserted but shows them when its transaction commits, in any order:
 * the lock, held until the commit, makes transactions take their ids and commit one after the
 * other. It is held only from here to the commit (hence last), so refreshes of different
 * locations still run side by side, and a change is in the feed the moment it commits, with
 * no lag to wait out (the catalog module publishes pushed specs at once).
 */
export async function logChanges(tx: Knex.Transaction, names: string[]) {
  if (!names.length) {
    return;
  }
  if (isPostgres(tx)) {
    await tx.raw('select pg_advisory_xact_lock(?)', [CHANGE_LOG_LOCK]);
  }
  const changedAt = new Date().toISOString();
  for (const batch of chunks(names, 500)) {
    await tx(CHANGES).insert(
      batch.map(name => ({ spec_name: name, changed_at: changedAt })),
    );
  }
}

/**
 * GET /changes: the specs changed after a token, or `full: true` when the token is not
 * one of this index's or is older than what retention kept.
 */
export async function getChanges(
  ctx: StoreContext,
  options: { since?: string; limit: number },
  getSpecsByName: (names: string[]) => Promise<SpecRecord[]>,
): Promise<SpecChangesResponse> {
  const { knex } = ctx;
  const epoch = await getEpoch(knex);
  const latest = async () => {
    const row = await knex(CHANGES).max({ id: 'id' }).first();
    return Number(row?.id ?? 0);
  };
  const full = async (): Promise<SpecChangesResponse> => ({
    full: true,
    upserted: [],
    removed: [],
    token: encodeToken({ e: epoch, s: await latest() }),
    hasMore: false,
  });

  if (!options.since) {
    return full();
  }
  const token = decodeToken(options.since) as
    | { e?: unknown; s?: unknown }
    | undefined;
  if (
    !token ||
    token.e !== epoch ||
    typeof token.s !== 'number' ||
    !Number.isInteger(token.s) ||
    token.s < 0
  ) {
    return full();
  }
  const prunedThrough = Number(
    (await getMeta(knex, CHANGES_PRUNED_THROUGH)) ?? 0,
  );
  if (token.s < prunedThrough) {
    return full();
  }

  const rows = await knex(CHANGES)
    .where('id', '>', token.s)
    .orderBy('id', 'asc')
    .limit(options.limit + 1)
    .select('id', 'spec_name');
  const page = rows.slice(0, options.limit);
  const names = [...new Set(page.map(r => String(r.spec_name)))];
  const records = await getSpecsByName(names);
  const current = new Map(
    records.filter(r => !r.removedAt).map(r => [r.name, r]),
  );
  return {
    full: false,
    upserted: names.filter(n => current.has(n)).map(n => current.get(n)!),
    removed: names
      .filter(n => !current.has(n))
      .map(n => ({ name: n, entityRef: specEntityRef(n) })),
    token: encodeToken({
      e: epoch,
      s: page.length ? Number(page[page.length - 1].id) : token.s,
    }),
    hasMore: rows.length > options.limit,
  };
}
