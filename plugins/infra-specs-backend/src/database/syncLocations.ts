import type { Knex } from 'knex';
import type { SpecDiagnostic } from '@infra-specs/backstage-plugin-infra-specs-common';
import { logChanges } from './changeFeed';
import {
  chunks,
  lockLocations,
  refreshTransaction,
  type StoreContext,
} from './context';
import { IdCounters, type RefusedId } from './idCounters';
import { documentColumns, STATE_COLUMNS, toSpecState } from './rows';
import type {
  LocationDiff,
  LocationSync,
  LocationSyncResult,
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
 * Writes the complete state of several locations (distinct ones) in one transaction, set-based:
 * their locks, stored specs, id counters and previous read times are read in one statement
 * each; each location's `diff` then plans its changes in memory, in order, as if it were
 * written alone (the id counters it raises count for the next); and the plans are applied with
 * multi-row statements, the change log last. A batch costs about ten statements however many
 * locations it holds, instead of about ten per location.
 *
 * A batch that fails is written again one location per transaction, so that one bad location
 * fails alone.
 */
export async function syncLocations(
  ctx: StoreContext,
  writes: LocationWrite[],
): Promise<LocationWriteOutcome[]> {
  try {
    return await refreshTransaction(ctx, async tx =>
      (await writeBatch(ctx, tx, writes)).map(result => ({ result })),
    );
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

/** Statements of a batch: the stored state in, the planned changes out. */
async function writeBatch(
  ctx: StoreContext,
  tx: Knex.Transaction,
  writes: LocationWrite[],
): Promise<LocationSyncResult[]> {
  const refs = writes.map(w => w.sync.componentRef);
  if (new Set(refs).size !== refs.length) {
    throw new Error('A batch of location writes holds one location twice');
  }
  await lockLocations(ctx, tx, refs);

  const stored = new Map<
    string,
    Array<
      Pick<
        SpecRow,
        (typeof STATE_COLUMNS)[number] | 'document' | 'component_ref'
      >
    >
  >();
  for (const batch of chunks(refs, 500)) {
    const rows = await tx<SpecRow>(SPECS)
      .whereIn('component_ref', batch)
      .select('component_ref', ...STATE_COLUMNS, 'document');
    for (const row of rows) {
      const list = stored.get(row.component_ref) ?? [];
      list.push(row);
      stored.set(row.component_ref, list);
    }
  }
  const contentIds = writes.flatMap(w =>
    w.sync.specs.flatMap(s =>
      s.content?.document.id ? [s.content.document.id] : [],
    ),
  );
  const counters = await IdCounters.read(tx, contentIds);

  // Plan every location in order, in memory.
  const planned = writes.map(({ sync, diff }) => {
    const existing = stored.get(sync.componentRef) ?? [];
    const states = existing.map(toSpecState);
    const ids = sync.specs.flatMap(s =>
      s.content?.document.id ? [s.content.document.id] : [],
    );
    const refused = counters.screen(ids, ctx.maxIdJump);
    const changes = diff(
      states,
      withRefusedIdDiagnostics(sync, refused, states),
    );
    const refusedIds = new Set(refused.map(r => r.id));
    counters.observe(changes.seenIds.filter(id => !refusedIds.has(id)));
    const documents = new Map(existing.map(r => [r.name, r.document]));
    return { sync, changes, documents };
  });

  // Removed specs keep the time their location last saw them.
  const removing = planned
    .filter(p => p.changes.removals.length)
    .map(p => p.sync.componentRef);
  const previousReads = new Map<string, string | null>();
  for (const batch of chunks(removing, 500)) {
    const rows = await tx<LocationRow>(LOCATIONS)
      .whereIn('component_ref', batch)
      .select('component_ref', 'indexed_at');
    rows.forEach(row => previousReads.set(row.component_ref, row.indexed_at));
  }

  for (const { sync, changes, documents } of planned) {
    for (const patch of changes.patches) {
      await tx(SPECS)
        .where({ name: patch.name })
        .update({
          ...patchRow(patch, sync.at, documents.get(patch.name)),
          indexed_at: sync.at,
        });
    }
    const previous = previousReads.get(sync.componentRef);
    for (const batch of chunks(changes.removals, 500)) {
      await tx(SPECS)
        .whereIn('name', batch)
        .update({
          removed_at: sync.at,
          ...(previous ? { indexed_at: previous } : {}),
        });
    }
  }
  const inserts = planned.flatMap(p =>
    p.changes.inserts.map(insert => insertRow(p.sync, insert)),
  );
  for (const batch of chunks(inserts, 50)) {
    await tx(SPECS).insert(batch);
  }
  const history = planned.flatMap(p =>
    p.changes.history.map(h => ({
      spec_name: h.name,
      from_status: h.from,
      to_status: h.to,
      observed_at: p.sync.at,
    })),
  );
  for (const batch of chunks(history, 200)) {
    await tx(HISTORY).insert(batch);
  }
  await counters.write(tx);
  for (const batch of chunks(planned, 100)) {
    await upsertLocations(
      tx,
      batch.map(p => locationRow(p.sync)),
    );
  }

  const results = planned.map(({ changes }) => ({
    added: changes.inserts.map(i => i.name),
    changed: changes.patches.map(p => p.name),
    removed: changes.removals,
    statusChanges: changes.statusChanges,
  }));
  // Last: it holds the change log's lock until the commit (see logChanges).
  await logChanges(tx, results.flatMap(changedNames));
  return results;
}

function locationRow(sync: LocationSync): LocationRow {
  return {
    component_ref: sync.componentRef,
    target: sync.target,
    owner_ref: sync.ownerRef,
    etag: sync.etag,
    parser_fingerprint: sync.parserFingerprint,
    indexed_at: sync.at,
    last_error: null,
    last_error_at: null,
    consecutive_failures: 0,
    next_attempt_at: null,
    other_files: JSON.stringify(sync.otherFiles),
    warnings: JSON.stringify(sync.warnings),
    removed_at: null,
  };
}

/** Inserts or updates location rows with one statement: every column but the key from the row. */
async function upsertLocations(tx: Knex.Transaction, rows: LocationRow[]) {
  const { component_ref: _key, ...columns } = rows[0];
  await tx(LOCATIONS)
    .insert(rows)
    .onConflict('component_ref')
    .merge(Object.keys(columns) as Array<keyof LocationRow>);
}
