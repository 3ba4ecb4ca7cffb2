import type { SpecStatus } from '../model/types';
import type { RankedVocabularyEntry } from './types';

/** Every spec status, in progress order. @public */
export const SPEC_STATUSES: ReadonlyArray<RankedVocabularyEntry<SpecStatus>> = [
  {
    value: 'draft',
    label: 'Draft',
    description: 'Being written; not ready for review.',
    color: '#757575',
    order: 1,
  },
  {
    value: 'in-review',
    label: 'In review',
    description: 'Waiting for reviewers.',
    color: '#1976d2',
    order: 2,
  },
  {
    value: 'approved',
    label: 'Approved',
    description: 'Accepted; implementation may start or is under way.',
    color: '#00897b',
    order: 3,
  },
  {
    value: 'implemented',
    label: 'Implemented',
    description: 'Done and deployed.',
    color: '#388e3c',
    order: 4,
  },
  {
    value: 'superseded',
    label: 'Superseded',
    description: 'Replaced by another spec.',
    color: '#8d6e63',
    order: 5,
  },
  {
    value: 'rejected',
    label: 'Rejected',
    description: 'Declined or abandoned.',
    color: '#d32f2f',
    order: 6,
  },
  {
    value: 'unknown',
    label: 'Unknown',
    description: 'No status, or one the parser could not read.',
    color: '#808080',
    order: 0,
  },
];
