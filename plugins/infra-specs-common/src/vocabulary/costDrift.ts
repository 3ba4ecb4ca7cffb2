import type { SpecCostDrift } from '../model/types';
import type { RankedVocabularyEntry } from './types';

/**
 * How a spec's claimed monthly cost compares with its Infracost estimate, the worst first
 * (`order` ranks how much attention it needs). A spec without an estimate has no drift.
 * @public
 */
export const SPEC_COST_DRIFTS: ReadonlyArray<
  RankedVocabularyEntry<SpecCostDrift>
> = [
  {
    value: 'over',
    label: 'Over claim',
    description:
      'The estimate costs more than the spec claims, beyond the drift thresholds.',
    color: '#d32f2f',
    order: 3,
  },
  {
    value: 'under',
    label: 'Under claim',
    description:
      'The estimate costs less than the spec claims, beyond the drift thresholds.',
    color: '#b26a00',
    order: 2,
  },
  {
    value: 'ok',
    label: 'Agrees',
    description: 'The estimate is within the drift thresholds of the claim.',
    color: '#388e3c',
    order: 1,
  },
];
