import type { Knex } from 'knex';
import { logChanges } from './changeFeed';
import { chunks, refreshTransaction, type StoreContext } from './context';
import type { LocationFailure, LocationTouch } from './SpecStore';
import {
  HISTORY,
  LOCATIONS,
  SPECS,
  type LocationRow,
  type SpecRow,
} from './tables';

/** A read that found nothing new; when owner or folder changed, the specs follow. */
export async function touchLocation(
  ctx: StoreContext,
  input: LocationTouch,
): Promise<void> {
  await refreshTransaction(ctx, async tx => {
    const location = await tx<LocationRow>(LOCATIONS)
      .where({ component_ref: input.componentRef })
      .first();
    if (!location) {
      throw new Error(
        `Cannot touch unknown spec location of ${input.componentRef}`,
      );
    }
    let changed: string[] = [];
    if (
      location.owner_ref !== input.ownerRef ||
      location.target !== input.target
    ) {
      // The files did not change but the component did: its specs follow it.
      const names = (
        await tx<SpecRow>(SPECS)
          .where({ component_ref: input.componentRef })
          .whereNull('removed_at')
          .select('name')
      ).map(r => r.name);
      await tx(SPECS)
        .where({ component_ref: input.componentRef })
        .update({ owner_ref: input.ownerRef, location_target: input.target });
      changed = names;
    }
    await tx(LOCATIONS).where({ component_ref: input.componentRef }).update({
      target: input.target,
      owner_ref: input.ownerRef,
      etag: input.etag,
      indexed_at: input.at,
      last_error: null,
      last_error_at: null,
      consecutive_failures: 0,
      next_attempt_at: null,
    });
    await logChanges(tx, changed);
  });
}

export async function touchLocations(
  knex: Knex,
  componentRefs: string[],
  at: string,
): Promise<void> {
  // Specs take their indexedAt from their location: one row per location moves.
  for (const batch of chunks(componentRefs, 500)) {
    await knex(LOCATIONS).whereIn('component_ref', batch).update({
      indexed_at: at,
      last_error: null,
      last_error_at: null,
      consecutive_failures: 0,
      next_attempt_at: null,
    });
  }
}

/** Records a failed read; the specs of the location stay as they were. */
export async function recordLocationFailure(
  knex: Knex,
  input: LocationFailure,
): Promise<void> {
  const failure = {
    target: input.target,
    owner_ref: input.ownerRef,
    last_error: input.message,
    last_error_at: input.at,
    consecutive_failures: input.consecutiveFailures,
    next_attempt_at: input.nextAttemptAt,
  };
  await knex(LOCATIONS)
    .insert({
      component_ref: input.componentRef,
      etag: null,
      parser_fingerprint: null,
      indexed_at: null,
      other_files: '{}',
      warnings: '[]',
      ...failure,
    })
    .onConflict('component_ref')
    .merge(failure);
}

export async function softRemoveLocations(
  ctx: StoreContext,
  componentRefs: string[],
  at: string,
): Promise<string[]> {
  const removed: string[] = [];
  for (const batch of chunks(componentRefs, 200)) {
    await refreshTransaction(ctx, async tx => {
      const names = (
        await tx<SpecRow>(SPECS)
          .whereIn('component_ref', batch)
          .whereNull('removed_at')
          .select('name')
      ).map(r => r.name);
      for (const nameBatch of chunks(names, 500)) {
        await tx(SPECS).whereIn('name', nameBatch).update({ removed_at: at });
      }
      // Without its ETag, the next read of a returning component is a full one, which restores.
      await tx(LOCATIONS)
        .whereIn('component_ref', batch)
        .whereNull('removed_at')
        .update({ removed_at: at, etag: null });
      await logChanges(tx, names);
      removed.push(...names);
    });
  }
  return removed;
}

/** Deletes locations with their specs and history; returns the specs announced removed. */
export async function deleteLocations(
  knex: Knex,
  componentRefs: string[],
): Promise<string[]> {
  const removedSpecs: string[] = [];
  for (const batch of chunks(componentRefs, 200)) {
    await knex.transaction(async tx => {
      const names = (
        await tx<SpecRow>(SPECS)
          .whereIn('component_ref', batch)
          .select('name', 'removed_at')
      ).map(r => ({ name: r.name, removed: Boolean(r.removed_at) }));
      for (const nameBatch of chunks(
        names.map(n => n.name),
        500,
      )) {
        await tx(HISTORY).whereIn('spec_name', nameBatch).delete();
        await tx(SPECS).whereIn('name', nameBatch).delete();
      }
      await tx(LOCATIONS).whereIn('component_ref', batch).delete();
      // Removed specs were already announced; the rest disappear now.
      const announced = names.filter(n => !n.removed).map(n => n.name);
      await logChanges(tx, announced);
      removedSpecs.push(...announced);
    });
  }
  return removedSpecs;
}
