import type { Knex } from 'knex';
import { chunks } from './context';
import { CHANGES_PRUNED_THROUGH, getMeta, setMeta } from './meta';
import type { PruneOptions, PruneResult } from './SpecStore';
import { deleteLocations } from './locationWrites';
import { CHANGES, HISTORY, LOCATIONS, SPECS, type SpecRow } from './tables';

/**
 * Deletes what retention lets go: history entries before the cut (the latest entry of
 * every spec stays), removed specs before theirs (with their history), and change log
 * entries before theirs (remembering how far, so older change tokens get a full resync).
 */
export async function prune(
  knex: Knex,
  options: PruneOptions,
): Promise<PruneResult> {
  const latestPerSpec = knex(HISTORY).max('id').groupBy('spec_name');
  const history = await knex(HISTORY)
    .where('observed_at', '<', options.historyBefore)
    .whereNotIn('id', latestPerSpec)
    .delete();

  let specs = 0;
  const expired = (
    await knex<SpecRow>(SPECS)
      .whereNotNull('removed_at')
      .where('removed_at', '<', options.removedBefore)
      .select('name')
  ).map(r => r.name);
  for (const batch of chunks(expired, 500)) {
    specs += await knex.transaction(async (tx): Promise<number> => {
      await tx(HISTORY).whereIn('spec_name', batch).delete();
      return await tx(SPECS).whereIn('name', batch).delete();
    });
  }

  // Components gone for longer than the removed specs are kept: their location goes too.
  const goneLocations = (
    await knex(LOCATIONS)
      .whereNotNull('removed_at')
      .where('removed_at', '<', options.removedBefore)
      .select('component_ref')
  ).map(r => String(r.component_ref));
  if (goneLocations.length) {
    specs += (await deleteLocations(knex, goneLocations)).length;
  }

  let changes = 0;
  const newest = await knex(CHANGES)
    .where('changed_at', '<', options.changesBefore)
    .max({ id: 'id' })
    .first();
  const through = Number(newest?.id ?? 0);
  if (through > 0) {
    await knex.transaction(async tx => {
      changes = await tx(CHANGES).where('id', '<=', through).delete();
      const previous = Number((await getMeta(tx, CHANGES_PRUNED_THROUGH)) ?? 0);
      await setMeta(
        tx,
        CHANGES_PRUNED_THROUGH,
        String(Math.max(previous, through)),
      );
    });
  }
  return { history, specs, locations: goneLocations.length, changes };
}
