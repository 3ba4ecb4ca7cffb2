import type { SpecStatus } from '../model/types';
import type { RankedVocabularyEntry } from './types';

/**
 * Where a status stands: `open` (work or attention still due), `done` (implemented) or `closed`
 * (superseded or rejected: nothing will follow).
 * @public
 */
export type SpecStatusPhase = 'open' | 'done' | 'closed';

/** A status with its phase. @public */
export interface SpecStatusEntry extends RankedVocabularyEntry<SpecStatus> {
  phase: SpecStatusPhase;
}

/** Every spec status, in progress order. @public */
export const SPEC_STATUSES: ReadonlyArray<SpecStatusEntry> = [
  {
    value: 'draft',
    phase: 'open',
    label: 'Draft',
    description: 'Being written; not ready for review.',
    color: '#757575',
    order: 1,
  },
  {
    value: 'in-review',
    phase: 'open',
    label: 'In review',
    description: 'Waiting for reviewers.',
    color: '#1976d2',
    order: 2,
  },
  {
    value: 'approved',
    phase: 'open',
    label: 'Approved',
    description: 'Accepted; implementation may start or is under way.',
    color: '#00897b',
    order: 3,
  },
  {
    value: 'implemented',
    phase: 'done',
    label: 'Implemented',
    description: 'Done and deployed.',
    color: '#388e3c',
    order: 4,
  },
  {
    value: 'superseded',
    phase: 'closed',
    label: 'Superseded',
    description: 'Replaced by another spec.',
    color: '#8d6e63',
    order: 5,
  },
  {
    value: 'rejected',
    phase: 'closed',
    label: 'Rejected',
    description: 'Declined or abandoned.',
    color: '#d32f2f',
    order: 6,
  },
  {
    value: 'unknown',
    // A status nobody can read still needs someone: it counts as open, not as finished.
    phase: 'open',
    label: 'Unknown',
    description: 'No status, or one the parser could not read.',
    color: '#808080',
    order: 0,
  },
];

const UNKNOWN = SPEC_STATUSES.find(s => s.value === 'unknown')!;

/** The phase of a status; a value the vocabulary does not know is read as `unknown`, which is open. @public */
export function statusPhase(
  status: string | null | undefined,
): SpecStatusPhase {
  return (SPEC_STATUSES.find(s => s.value === status) ?? UNKNOWN).phase;
}

/** Whether a spec of this status still needs work or attention (draft, in review, approved, unknown). @public */
export function isOpenStatus(status: string | null | undefined): boolean {
  return statusPhase(status) === 'open';
}
