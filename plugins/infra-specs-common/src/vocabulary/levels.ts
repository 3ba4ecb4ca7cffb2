import type {
  BlastRadiusLevel,
  DowntimeRequirement,
  RollbackComplexity,
} from '../model/types';
import type { RankedVocabularyEntry, VocabularyEntry } from './types';

/** Blast radius levels, by severity. @public */
export const BLAST_RADIUS_LEVELS: ReadonlyArray<
  RankedVocabularyEntry<BlastRadiusLevel>
> = [
  {
    value: 'low',
    label: 'Low',
    description: 'An isolated resource; nothing else depends on it.',
    color: '#388e3c',
    order: 1,
  },
  {
    value: 'medium',
    label: 'Medium',
    description: 'Some workloads or one zone could be affected.',
    color: '#b26a00',
    order: 2,
  },
  {
    value: 'high',
    label: 'High',
    description: 'Many workloads or a whole environment could be affected.',
    color: '#e65100',
    order: 3,
  },
  {
    value: 'critical',
    label: 'Critical',
    description: 'Production-wide or business-critical systems could fail.',
    color: '#d32f2f',
    order: 4,
  },
  {
    value: 'unknown',
    label: 'Unknown',
    description: 'Described in words without a level, or not stated.',
    color: '#808080',
    order: 0,
  },
];

/** How hard it is to undo a change, easiest first. @public */
export const ROLLBACK_COMPLEXITIES: ReadonlyArray<
  VocabularyEntry<RollbackComplexity> & { order: number }
> = [
  {
    value: 'easy',
    label: 'Easy',
    description: 'Revert the commit and apply.',
    order: 1,
  },
  {
    value: 'moderate',
    label: 'Moderate',
    description: 'Needs a few manual steps or a state operation.',
    order: 2,
  },
  {
    value: 'complex',
    label: 'Complex',
    description: 'Needs a planned procedure, restores or a new deployment.',
    order: 3,
  },
  {
    value: 'irreversible',
    label: 'Irreversible',
    description:
      'Cannot be undone (data deleted, version cannot be downgraded).',
    order: 4,
  },
];

/** Downtime a change needs, least first. @public */
export const DOWNTIME_REQUIREMENTS: ReadonlyArray<
  VocabularyEntry<DowntimeRequirement> & { order: number }
> = [
  { value: 'none', label: 'None', description: 'No interruption.', order: 1 },
  {
    value: 'maintenance-window',
    label: 'Maintenance window',
    description: 'A planned, announced interruption.',
    order: 2,
  },
  {
    value: 'full-outage',
    label: 'Full outage',
    description: 'The service is unavailable during the change.',
    order: 3,
  },
];
