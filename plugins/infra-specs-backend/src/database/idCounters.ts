import type { Knex } from 'knex';
import {
  formatNumberedId,
  parseNumberedId,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { COUNTERS } from './tables';

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
  return formatNumberedId(
    key,
    Number(typeof row === 'object' ? row.highest : row),
  );
}

/** The id {@link allocateId} would hand out now. */
export async function peekId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const row = await knex(COUNTERS).where({ prefix: key }).first('highest');
  return formatNumberedId(key, Number(row?.highest ?? 0) + 1);
}
