import {
  BLAST_RADIUS_LEVELS,
  isOpenStatus,
  SPEC_STATUSES,
  type BlastRadiusLevel,
  type SpecRecord,
  type SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** Statuses present in the specs, in progress order, with their counts. */
export function countByStatus(
  specs: readonly SpecRecord[],
): Array<{ status: SpecStatus; count: number }> {
  return [...SPEC_STATUSES]
    .sort((a, b) => a.order - b.order)
    .map(s => ({
      status: s.value,
      count: specs.filter(spec => spec.document.status === s.value).length,
    }))
    .filter(s => s.count > 0);
}

/**
 * The most severe blast radius among open specs (see isOpenStatus: not implemented, superseded
 * or rejected); undefined when there is none with a known level.
 */
export function highestBlastRadius(
  specs: readonly SpecRecord[],
): BlastRadiusLevel | undefined {
  const active = specs.filter(s => isOpenStatus(s.document.status));
  let best: { value: BlastRadiusLevel; order: number } | undefined;
  for (const spec of active) {
    const entry = BLAST_RADIUS_LEVELS.find(
      l => l.value === spec.document.impact.blastRadius.level,
    );
    if (entry && entry.order > 0 && (!best || entry.order > best.order)) {
      best = entry;
    }
  }
  return best?.value;
}
