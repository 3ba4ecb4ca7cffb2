import type { Knex } from 'knex';
import type {
  SpecChangesResponse,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { specEntityRef } from '../refs';
import { chunks, type StoreContext } from './context';
import { CHANGES_PRUNED_THROUGH, getEpoch, getMeta } from './meta';
import { CHANGES } from './tables';
import { decodeToken, encodeToken } from './tokens';

/** Appends the names of specs that changed (added, changed, removed) to the change log. */
export async function logChanges(tx: Knex.Transaction, names: string[]) {
  // The timestamp is taken now, not at the start of the refresh, for GET /changes' lag.
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
  const visibleBefore = new Date(Date.now() - ctx.changeLagMs).toISOString();
  const latest = async () => {
    const row = await knex(CHANGES)
      .where('changed_at', '<=', visibleBefore)
      .max({ id: 'id' })
      .first();
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
    .andWhere('changed_at', '<=', visibleBefore)
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
