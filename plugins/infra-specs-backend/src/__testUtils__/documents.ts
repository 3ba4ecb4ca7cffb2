import type { SpecDocument } from '@infra-specs/backstage-plugin-infra-specs-common';

type Overrides = Partial<Omit<SpecDocument, 'impact' | 'cost'>> & {
  impact?: Partial<SpecDocument['impact']>;
  cost?: Partial<SpecDocument['cost']>;
};

/** A normalized document as the parser returns it, for store tests that need exact values. */
export function makeDocument(overrides: Overrides = {}): SpecDocument {
  const { impact, cost, ...rest } = overrides;
  return {
    id: 'SPEC-0001',
    title: 'A spec',
    format: 'infrastructure-change',
    status: 'draft',
    statusText: 'Draft',
    complexity: null,
    author: null,
    created: null,
    updated: '2026-01-01',
    issue: null,
    impact: {
      blastRadius: { level: 'low', text: 'Low' },
      rollback: 'easy',
      downtime: 'none',
      ...impact,
    },
    cost: { monthlyDelta: null, currency: null, items: [], ...cost },
    acceptance: { total: 0, done: 0 },
    checklists: { total: 0, done: 0 },
    openClarifications: [],
    requirements: [],
    successCriteria: [],
    diagnostics: [],
    ...rest,
  };
}
