import type { Knex } from 'knex';
import { COUNTERS } from './tables';

/** Ids whose number the next-id allocation must stay above: `SPEC-0042`, `feat-7`. */
const NUMBERED_ID = /^([A-Za-z][A-Za-z0-9]{0,31})-0*(\d{1,9})$/;

/** Raises the counters of the prefixes of these ids to their numbers; never lowers one. */
export async function observeIds(tx: Knex.Transaction, ids: string[]) {
  const highest = new Map<string, number>();
  for (const id of ids) {
    const match = NUMBERED_ID.exec(id.trim());
    if (match) {
      const prefix = match[1].toUpperCase();
      const value = Number(match[2]);
      highest.set(prefix, Math.max(highest.get(prefix) ?? 0, value));
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
  return formatId(key, Number(typeof row === 'object' ? row.highest : row));
}

/** The id {@link allocateId} would hand out now. */
export async function peekId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const row = await knex(COUNTERS).where({ prefix: key }).first('highest');
  return formatId(key, Number(row?.highest ?? 0) + 1);
}

function formatId(prefix: string, value: number): string {
  const width = prefix === 'SPEC' ? 4 : 3;
  return `${prefix}-${String(value).padStart(width, '0')}`;
}
