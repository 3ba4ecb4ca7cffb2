import type { VocabularyEntry } from './types';
import { SPEC_STATUSES } from './statuses';
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
} from './levels';
import { SPEC_FORMATS } from './formats';
import { SPEC_COST_DRIFTS } from './costDrift';

/** The entry of `value` in a vocabulary, or undefined. @public */
export function vocabularyEntry<E extends VocabularyEntry>(
  vocabulary: ReadonlyArray<E>,
  value: string | null | undefined,
): E | undefined {
  return vocabulary.find(entry => entry.value === value);
}

function label(
  vocabulary: ReadonlyArray<VocabularyEntry>,
  value: string | null | undefined,
  fallback: string,
): string {
  if (value === null || value === undefined || value === '') return fallback;
  return vocabularyEntry(vocabulary, value)?.label ?? value;
}

/** `in-review` → `In review`; unknown values are shown as written. @public */
export function statusLabel(value: string | null | undefined): string {
  return label(SPEC_STATUSES, value, 'Unknown');
}

/** @public */
export function blastRadiusLabel(value: string | null | undefined): string {
  return label(BLAST_RADIUS_LEVELS, value, 'Unknown');
}

/** @public */
export function rollbackLabel(value: string | null | undefined): string {
  return label(ROLLBACK_COMPLEXITIES, value, 'Not stated');
}

/** @public */
export function downtimeLabel(value: string | null | undefined): string {
  return label(DOWNTIME_REQUIREMENTS, value, 'Not stated');
}

/** `infrastructure-change` → `Infrastructure change`; third-party formats are shown by name. @public */
export function formatLabel(value: string | null | undefined): string {
  return label(SPEC_FORMATS, value, 'Unknown format');
}

/** Colour of a status chip (the `unknown` colour for anything else). @public */
export function statusColor(value: string | null | undefined): string {
  return (
    vocabularyEntry(SPEC_STATUSES, value)?.color ??
    vocabularyEntry(SPEC_STATUSES, 'unknown')!.color
  );
}

/** Colour of a blast radius chip. @public */
export function blastRadiusColor(value: string | null | undefined): string {
  return (
    vocabularyEntry(BLAST_RADIUS_LEVELS, value)?.color ??
    vocabularyEntry(BLAST_RADIUS_LEVELS, 'unknown')!.color
  );
}

/** `over` → `Over claim`; no drift (no estimate, or not comparable) is `Not checked`. @public */
export function costDriftLabel(value: string | null | undefined): string {
  return label(SPEC_COST_DRIFTS, value, 'Not checked');
}
