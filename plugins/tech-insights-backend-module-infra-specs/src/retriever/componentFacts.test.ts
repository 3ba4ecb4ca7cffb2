import {
  parseSpec,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  addSpec,
  emptyComponentFacts,
  isRiskyRollbackWithoutPlan,
  roundedFacts,
} from './componentFacts';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 24 * 3600_000;

function record(markdown: string, extra: Partial<SpecRecord> = {}): SpecRecord {
  return {
    name: 'x',
    entityRef: 'spec:default/x',
    componentRef: 'component:default/a',
    ownerRef: 'group:default/t',
    path: 'x.md',
    locationTarget: 'file:/x',
    viewUrl: null,
    document: parseSpec(markdown),
    indexedAt: NOW.toISOString(),
    contentChangedAt: NOW.toISOString(),
    statusChangedAt: NOW.toISOString(),
    removedAt: null,
    ...extra,
  };
}

const spec = (status: string, rows: string[] = [], more: string[] = []) =>
  [
    '# Spec: X',
    '',
    '**Spec ID**: SPEC-1',
    `**Status**: ${status}`,
    '',
    '## Impact Assessment',
    '',
    '| Aspect | Assessment |',
    '|---|---|',
    ...rows,
    '',
    ...more,
  ].join('\n');

const risky = [
  '| **Blast Radius** | High — all |',
  '| **Rollback Complexity** | Irreversible |',
];

function factsOf(records: SpecRecord[], staleReviewMs = 21 * DAY) {
  const facts = emptyComponentFacts();
  for (const r of records) addSpec(facts, r, { now: NOW, staleReviewMs });
  return roundedFacts(facts);
}

describe('component facts', () => {
  it('counts open specs and sums their claimed and estimated costs in cents', () => {
    const withCost = (status: string, cost: string) =>
      record(spec(status, [`| **Cost Impact** | ${cost} |`]));
    const facts = factsOf([
      withCost('Draft', '$0.10/month'),
      withCost('In Review', '$0.20/month'),
      withCost('Approved', '-$5/month'),
      withCost('Implemented', '$1000/month'),
      withCost('Rejected', '$1000/month'),
    ]);
    expect(facts).toMatchObject({
      openSpecs: 3,
      monthlyCostDeltaInFlight: -4.7,
    });
  });

  it('counts a review as stale only past staleAfter, judged as specAttentionOf does', () => {
    const since = (days: number) =>
      record(spec('In Review'), {
        statusChangedAt: new Date(NOW.getTime() - days * DAY).toISOString(),
      });
    expect(factsOf([since(22), since(20), since(30)]).staleReviews).toBe(2);
    expect(factsOf([since(22)], 30 * DAY).staleReviews).toBe(0);
    // A draft that has waited long is not a stale review.
    expect(
      factsOf([
        record(spec('Draft'), { statusChangedAt: '2020-01-01T00:00:00Z' }),
      ]).staleReviews,
    ).toBe(0);
  });

  it('counts approved or done specs with placeholders or open clarifications', () => {
    const open = ['## Open Questions', '', '- [ ] Which region?'];
    const facts = factsOf([
      record(spec('Approved', [], open)),
      record(
        spec('Implemented', ['| **Blast Radius** | [What could break?] |']),
      ),
      record(spec('Draft', [], open)),
      record(spec('Approved')),
    ]);
    expect(facts.incompleteApprovedSpecs).toBe(2);
  });

  it('flags open risky specs without a real rollback plan only', () => {
    const plan = ['## Rollback Plan', '', '1. Restore the snapshot.'];
    const template = [
      '## Rollback Plan',
      '',
      '1. [Step-by-step rollback procedure]',
    ];
    expect(
      isRiskyRollbackWithoutPlan(record(spec('Draft', risky)).document),
    ).toBe(true);
    expect(
      isRiskyRollbackWithoutPlan(
        record(spec('Draft', risky, template)).document,
      ),
    ).toBe(true);
    expect(
      isRiskyRollbackWithoutPlan(record(spec('Draft', risky, plan)).document),
    ).toBe(false);
    expect(
      isRiskyRollbackWithoutPlan(record(spec('Implemented', risky)).document),
    ).toBe(false);
    expect(
      isRiskyRollbackWithoutPlan(
        record(
          spec('Draft', [
            '| **Blast Radius** | Medium |',
            '| **Rollback Complexity** | Irreversible |',
          ]),
        ).document,
      ),
    ).toBe(false);
    expect(
      isRiskyRollbackWithoutPlan(
        record(
          spec('Draft', [
            '| **Blast Radius** | Critical |',
            '| **Rollback Complexity** | Moderate |',
          ]),
        ).document,
      ),
    ).toBe(false);
    // A document stored before rollbackPlan existed: no plan is known.
    const old = record(spec('Draft', risky, plan));
    delete old.document.rollbackPlan;
    expect(isRiskyRollbackWithoutPlan(old.document)).toBe(true);
  });

  it('leaves out removed and proposed specs', () => {
    expect(
      factsOf([
        record(spec('Draft', risky), { removedAt: NOW.toISOString() }),
        record(spec('Draft', risky), { proposed: true }),
      ]),
    ).toEqual(emptyComponentFacts());
  });
});
