import type { Knex } from 'knex';
import {
  formatNumberedId,
  parseNumberedId,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { ConflictError } from '@backstage/errors';
import { COUNTERS } from './tables';

/** The largest number a numbered id can carry: nine digits, as the id patterns allow. */
export const MAX_ID_NUMBER = 999_999_999;

/** How far above the ids in use an observed id may lie and still raise its counter. */
export const DEFAULT_MAX_ID_JUMP = 1000;

/** An observed id that does not raise its prefix's counter, and why. */
export interface RefusedId {
  id: string;
  prefix: string;
  /** What the counter may rise to at most from this sync. */
  ceiling: number;
  highestInUse: number;
}

/**
 * Which of these ids may raise their counters. One spec file claiming `SPEC-999999999` would
 * otherwise push every later id past what the id patterns accept, so an id more than `maxJump`
 * above its prefix's counter (or above the count of its prefix's ids seen here, which lets a
 * first index of a long-numbered folder through) is refused and reported instead.
 */
export async function screenObservedIds(
  tx: Knex.Transaction,
  ids: string[],
  maxJump: number,
): Promise<RefusedId[]> {
  const byPrefix = new Map<string, Array<{ id: string; number: number }>>();
  for (const id of ids) {
    const numbered = parseNumberedId(id);
    if (numbered) {
      const list = byPrefix.get(numbered.prefix) ?? [];
      list.push({ id, number: numbered.number });
      byPrefix.set(numbered.prefix, list);
    }
  }
  if (byPrefix.size === 0) {
    return [];
  }
  const counters = new Map<string, number>(
    (
      await tx(COUNTERS)
        .whereIn('prefix', [...byPrefix.keys()])
        .select('prefix', 'highest')
    ).map(row => [String(row.prefix), Number(row.highest)]),
  );
  const refused: RefusedId[] = [];
  for (const [prefix, seen] of byPrefix) {
    const highestInUse = counters.get(prefix) ?? 0;
    const ceiling = Math.max(highestInUse, new Set(seen.map(s => s.number)).size) + maxJump;
    for (const { id, number } of seen) {
      if (number > ceiling) {
        refused.push({ id, prefix, ceiling, highestInUse });
      }
    }
  }
  return refused;
}

/** Raises the counters of the prefixes of these ids to their numbers; never lowers one. */
export async function observeIds(tx: Knex.Transaction, ids: string[]) {
  const highest = new Map<string, number>();
  for (const id of ids) {
    // Ids whose number the next-id allocation must stay above: `SPEC-0042`, `feat-7`.
    const numbered = parseNumberedId(id);
    if (numbered) {
      const { prefix, number } = numbered;
      highest.set(prefix, Math.max(highest.get(prefix) ?? 0, number));
    }
  }
  if (highest.size === 0) {
    return;
  }
  // One statement for every prefix; the counter never goes down.
  await tx(COUNTERS)
    .insert([...highest].map(([prefix, value]) => ({ prefix, highest: value })))
    .onConflict('prefix')
    .merge({
      highest: tx.raw(
        'case when ?? < excluded.highest then excluded.highest else ?? end',
        [`${COUNTERS}.highest`, `${COUNTERS}.highest`],
      ),
    });
}

/** Hands out the next id of a prefix, atomically, also across instances. */
export async function allocateId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const rows = await knex(COUNTERS)
    .insert({ prefix: key, highest: 1 })
    .onConflict('prefix')
    .merge({ highest: knex.raw('?? + 1', [`${COUNTERS}.highest`]) })
    .returning('highest');
  const row = rows[0] as { highest: number | string } | number;
  const number = Number(typeof row === 'object' ? row.highest : row);
  if (number > MAX_ID_NUMBER) {
    throw new ConflictError(
      `Every ${key} id is taken: ids have at most nine digits (${formatNumberedId(key, MAX_ID_NUMBER)}); start a new prefix`,
    );
  }
  return formatNumberedId(key, number);
}

/** The id {@link allocateId} would hand out now. */
export async function peekId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const row = await knex(COUNTERS).where({ prefix: key }).first('highest');
  return formatNumberedId(key, Number(row?.highest ?? 0) + 1);
}
