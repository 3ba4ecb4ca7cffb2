import type {
  LocationChanges,
  LocationSync,
  SpecPatch,
  StoredSpecState,
} from '../database/SpecStore';

/**
 * What one successful read of a location changes in the index, from the specs stored for
 * it and its spec files as they are now (names already planned by `planLocation`):
 *
 * - a file without a stored spec is added, with its first status in the history;
 * - a stored spec is patched only where something differs: new content (a status change
 *   goes into the history), new location lint, path, view URL, the component's owner or
 *   folder, or a file that is back after being removed;
 * - a current spec whose file is gone is removed (removed ones stay as they are).
 *
 * Pure: the store calls it inside the transaction that applies its result.
 */
export function diffLocation(
  stored: StoredSpecState[],
  sync: LocationSync,
): LocationChanges {
  const byName = new Map(stored.map(s => [s.name, s]));
  const changes: LocationChanges = {
    inserts: [],
    patches: [],
    removals: [],
    history: [],
    seenIds: [],
    statusChanges: 0,
  };

  for (const write of sync.specs) {
    const old = byName.get(write.name);
    if (write.content?.document.id) {
      changes.seenIds.push(write.content.document.id);
    }
    if (!old) {
      if (!write.content) {
        throw new Error(`Spec ${write.name} is new but came without content`);
      }
      changes.inserts.push({
        name: write.name,
        path: write.path,
        viewUrl: write.viewUrl,
        content: {
          ...write.content,
          setDiagnostics: write.setDiagnostics ?? [],
        },
      });
      changes.history.push({
        name: write.name,
        from: null,
        to: write.content.document.status,
      });
      continue;
    }

    const patch: SpecPatch = { name: write.name };
    if (write.content && write.content.contentHash !== old.contentHash) {
      const statusChanged = write.content.document.status !== old.status;
      patch.content = {
        ...write.content,
        setDiagnostics: write.setDiagnostics ?? old.setDiagnostics,
        statusChanged,
      };
      if (statusChanged) {
        changes.history.push({
          name: write.name,
          from: old.status,
          to: write.content.document.status,
        });
        changes.statusChanges += 1;
      }
    } else if (
      write.setDiagnostics &&
      JSON.stringify(write.setDiagnostics) !==
        JSON.stringify(old.setDiagnostics)
    ) {
      // Same file, but a sibling changed what the location lint says about it.
      patch.setDiagnostics = write.setDiagnostics;
    }
    if (old.path !== write.path) patch.path = write.path;
    if (old.removedAt) patch.restored = true;
    if (old.ownerRef !== sync.ownerRef) patch.ownerRef = sync.ownerRef;
    if (old.locationTarget !== sync.target) patch.locationTarget = sync.target;
    if (old.viewUrl !== write.viewUrl) patch.viewUrl = write.viewUrl;

    if (Object.keys(patch).length > 1) {
      changes.patches.push(patch);
    }
  }

  const current = new Set(sync.specs.map(s => s.name));
  changes.removals = stored
    .filter(s => !current.has(s.name) && !s.removedAt)
    .map(s => s.name);
  return changes;
}
