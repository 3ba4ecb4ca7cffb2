import type { Knex } from 'knex';
import { logChanges } from './changeFeed';
import {
  chunks,
  lockLocation,
  refreshTransaction,
  type StoreContext,
} from './context';
import { observeIds, screenObservedIds, type RefusedId } from './idCounters';
import type { SpecDiagnostic } from '@infra-specs/backstage-plugin-infra-specs-common';
import { documentColumns, STATE_COLUMNS, toSpecState } from './rows';
import type {
  LocationChanges,
  LocationDiff,
  LocationFailure,
  LocationSync,
  LocationSyncResult,
  LocationTouch,
  SpecInsert,
  SpecPatch,
  StoredSpecState,
} from './SpecStore';
import {
  HISTORY,
  LOCATIONS,
  SPECS,
  type LocationRow,
  type SpecRow,
} from './tables';

function insertRow(sync: LocationSync, insert: SpecInsert): Partial<SpecRow> {
  const { document, markdown, contentHash, setDiagnostics } = insert.content;
  return {
    name: insert.name,
    component_ref: sync.componentRef,
    path: insert.path,
    ...documentColumns(document, setDiagnostics),
    owner_ref: sync.ownerRef,
    markdown,
    location_target: sync.target,
    view_url: insert.viewUrl,
    content_hash: contentHash,
    indexed_at: sync.at,
    content_changed_at: sync.at,
    status_changed_at: sync.at,
    removed_at: null,
  };
}

/** The columns a patch sets; `storedDocument` is the stored JSON, for a lint-only patch. */
function patchRow(
  patch: SpecPatch,
  at: string,
  storedDocument: string | undefined,
): Partial<SpecRow> {
  const row: Partial<SpecRow> = {};
  if (patch.content) {
    const { document, markdown, contentHash, setDiagnostics } = patch.content;
    Object.assign(row, documentColumns(document, setDiagnostics), {
      markdown,
      content_hash: contentHash,
      content_changed_at: at,
    });
    if (patch.content.statusChanged) {
      row.status_changed_at = at;
    }
  } else if (patch.setDiagnostics && storedDocument !== undefined) {
    // Same file, but a sibling changed what the location lint says about it.
    Object.assign(
      row,
      documentColumns(JSON.parse(storedDocument), patch.setDiagnostics),
    );
    delete row.document;
  }
  if (patch.path !== undefined) row.path = patch.path;
  if (patch.restored) row.removed_at = null;
  if (patch.ownerRef !== undefined) row.owner_ref = patch.ownerRef;
  if (patch.locationTarget !== undefined)
    row.location_target = patch.locationTarget;
  if (patch.viewUrl !== undefined) row.view_url = patch.viewUrl;
  return row;
}

const REFUSED_ID_CODE = 'id-beyond-counter';

/** The `id-beyond-counter` diagnostic, as location lint of the spec that claims the id. */
function refusedIdDiagnostic(refused: RefusedId): SpecDiagnostic {
  return {
    severity: 'warning',
    line: 1,
    code: REFUSED_ID_CODE,
    message:
      `${refused.id} is more than the allowed jump above the ${refused.prefix} ids in use ` +
      `(highest ${refused.highestInUse}, up to ${refused.ceiling} accepted), so it does not ` +
      `move the next-id counter; if the number is intended, raise infraSpecs.ids.maxJump`,
  };
}

/**
 * Adds the diagnostic to the specs whose id was refused now, and keeps it on unchanged specs
 * that had it: counters only ever learn from new or changed files, so such an id stays uncounted.
 */
function withRefusedIdDiagnostics(
  sync: LocationSync,
  refused: RefusedId[],
  stored: StoredSpecState[],
): LocationSync {
  const byId = new Map(refused.map(r => [r.id, r]));
  const carried = new Map(
    stored.flatMap(s => {
      const diagnostic = s.setDiagnostics.find(d => d.code === REFUSED_ID_CODE);
      return diagnostic ? [[s.name, diagnostic] as const] : [];
    }),
  );
  if (byId.size === 0 && carried.size === 0) {
    return sync;
  }
  return {
    ...sync,
    specs: sync.specs.map(write => {
      let diagnostic: SpecDiagnostic | undefined;
      if (write.content) {
        // New or changed content is screened afresh: only an id refused now gets the warning.
        const refusedNow = byId.get(write.content.document.id ?? '');
        diagnostic = refusedNow && refusedIdDiagnostic(refusedNow);
      } else if (write.setDiagnostics) {
        // Unchanged content with new location lint: the stored warning stays with it. Without new
        // lint the diff keeps the stored diagnostics, the warning included.
        diagnostic = carried.get(write.name);
      }
      if (!diagnostic) {
        return write;
      }
      return {
        ...write,
        setDiagnostics: [...(write.setDiagnostics ?? []), diagnostic],
      };
    }),
  };
}

async function upsertLocation(tx: Knex.Transaction, row: LocationRow) {
  const { component_ref: _ref, ...rest } = row;
  await tx(LOCATIONS).insert(row).onConflict('component_ref').merge(rest);
}

/** One location's write for {@link syncLocations}. */
export interface LocationWrite {
  sync: LocationSync;
  diff: LocationDiff;
}

/** What became of one write: its result, or why it failed (driver errors may not be `Error`s of this realm). */
export type LocationWriteOutcome =
  | { result: LocationSyncResult }
  | { error: unknown };

/**
 * Writes the complete state of several locations in one transaction: for each, the stored
 * specs are read, its `diff` plans what changes, and the plan is applied together with the id
 * counters and the location row; the change log takes every location's changes at the end.
 * One transaction for many saves each location its begin, commit and change-log statements.
 *
 * A batch that fails is written again one location per transaction, so that one bad location
 * fails alone. Only SQLite batches (see LocationWriteQueue for why PostgreSQL does not).
 */
export async function syncLocations(
  ctx: StoreContext,
  writes: LocationWrite[],
): Promise<LocationWriteOutcome[]> {
  try {
    return await refreshTransaction(ctx, async tx => {
      const results: LocationSyncResult[] = [];
      for (const write of writes) {
        results.push(await writeLocation(ctx, tx, write));
      }
      // Last: it holds the change log's lock until the commit (see logChanges).
      await logChanges(tx, results.flatMap(changedNames));
      return results.map(result => ({ result }));
    });
  } catch (error) {
    if (writes.length === 1) {
      return [{ error }];
    }
    const outcomes: LocationWriteOutcome[] = [];
    for (const write of writes) {
      outcomes.push(...(await syncLocations(ctx, [write])));
    }
    return outcomes;
  }
}

function changedNames(result: LocationSyncResult): string[] {
  return [...result.added, ...result.changed, ...result.removed];
}

/** One location's part of {@link syncLocations}, inside its transaction. */
async function writeLocation(
  ctx: StoreContext,
  tx: Knex.Transaction,
  { sync, diff }: LocationWrite,
): Promise<LocationSyncResult> {
  const at = sync.at;
  await lockLocation(ctx, tx, sync.componentRef);
  const existing: Array<
    Pick<SpecRow, (typeof STATE_COLUMNS)[number] | 'document'>
  > = await tx<SpecRow>(SPECS)
    .where({ component_ref: sync.componentRef })
    .select(...STATE_COLUMNS, 'document');
  const documents = new Map(existing.map(r => [r.name, r.document]));
  const refused = await screenObservedIds(
    tx,
    sync.specs.flatMap(s =>
      s.content?.document.id ? [s.content.document.id] : [],
    ),
    ctx.maxIdJump,
  );
  const stored = existing.map(toSpecState);
  const changes: LocationChanges = diff(
    stored,
    withRefusedIdDiagnostics(sync, refused, stored),
  );

  for (const patch of changes.patches) {
    await tx(SPECS)
      .where({ name: patch.name })
      .update({
        ...patchRow(patch, at, documents.get(patch.name)),
        indexed_at: at,
      });
  }
  if (changes.removals.length) {
    // Last seen by the previous successful read of the location.
    const previous = await tx<LocationRow>(LOCATIONS)
      .where({ component_ref: sync.componentRef })
      .first('indexed_at');
    for (const batch of chunks(changes.removals, 500)) {
      await tx(SPECS)
        .whereIn('name', batch)
        .update({
          removed_at: at,
          ...(previous?.indexed_at ? { indexed_at: previous.indexed_at } : {}),
        });
    }
  }
  for (const batch of chunks(changes.inserts, 50)) {
    await tx(SPECS).insert(batch.map(insert => insertRow(sync, insert)));
  }
  for (const batch of chunks(changes.history, 200)) {
    await tx(HISTORY).insert(
      batch.map(h => ({
        spec_name: h.name,
        from_status: h.from,
        to_status: h.to,
        observed_at: at,
      })),
    );
  }

  const result: LocationSyncResult = {
    added: changes.inserts.map(i => i.name),
    changed: changes.patches.map(p => p.name),
    removed: changes.removals,
    statusChanges: changes.statusChanges,
  };
  const refusedIds = new Set(refused.map(r => r.id));
  await observeIds(
    tx,
    changes.seenIds.filter(id => !refusedIds.has(id)),
  );
  await upsertLocation(tx, {
    component_ref: sync.componentRef,
    target: sync.target,
    owner_ref: sync.ownerRef,
    etag: sync.etag,
    parser_fingerprint: sync.parserFingerprint,
    indexed_at: at,
    last_error: null,
    last_error_at: null,
    consecutive_failures: 0,
    next_attempt_at: null,
    other_files: JSON.stringify(sync.otherFiles),
    warnings: JSON.stringify(sync.warnings),
    removed_at: null,
  });
  return result;
}

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
