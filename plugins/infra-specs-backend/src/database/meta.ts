import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { META } from './tables';

/** Small facts about this index in `infra_specs_meta`: its epoch and pruning marks. */

export async function getMeta(
  db: Knex | Knex.Transaction,
  key: string,
): Promise<string | undefined> {
  const row = await db(META).where({ key }).first();
  return row ? String(row.value) : undefined;
}

export async function setMeta(
  db: Knex | Knex.Transaction,
  key: string,
  value: string,
): Promise<void> {
  await db(META).insert({ key, value }).onConflict('key').merge({ value });
}

/** A random id of this database, made once: change tokens of another index are refused. */
export async function getEpoch(knex: Knex): Promise<string> {
  const existing = await getMeta(knex, 'epoch');
  if (existing) {
    return existing;
  }
  await knex(META)
    .insert({ key: 'epoch', value: randomUUID() })
    .onConflict('key')
    .ignore();
  return (await getMeta(knex, 'epoch'))!;
}

/** The change log id through which retention deleted entries; older tokens need a full resync. */
export const CHANGES_PRUNED_THROUGH = 'changes_pruned_through';
