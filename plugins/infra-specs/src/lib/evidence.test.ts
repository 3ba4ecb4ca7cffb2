import { makeSpec } from '../__testUtils__/specs';
import {
  agreeingSpec,
  driftingSpec,
  hugePlanSpec,
  invalidEvidenceSpec,
  underClaimSpec,
  unverifiedSpec,
} from '../__testUtils__/evidence';
import {
  costEvidenceOf,
  countCostDrifts,
  driftSentence,
  formatEstimate,
  hasEvidence,
  planEvidenceOf,
} from './evidence';

describe('costEvidenceOf', () => {
  it('reads an estimate beyond the thresholds as drift with its warning', () => {
    const evidence = costEvidenceOf(driftingSpec().document);
    expect(evidence).toMatchObject({
      kind: 'estimated',
      drift: 'over',
      estimate: {
        monthlyDelta: 610.46,
        currency: 'USD',
        source: 'docs/specs/payments-db/infracost.json',
      },
    });
    expect(
      evidence.kind === 'estimated' && evidence.driftWarning?.message,
    ).toMatch(/claims \+350\.00 USD .* says \+610\.46 USD/);
    expect(costEvidenceOf(underClaimSpec().document)).toMatchObject({
      drift: 'under',
    });
    expect(costEvidenceOf(agreeingSpec().document)).toMatchObject({
      drift: 'ok',
      driftWarning: undefined,
    });
  });

  it('tells a checked spec without an estimate from an unchecked one', () => {
    expect(costEvidenceOf(unverifiedSpec().document)).toMatchObject({
      kind: 'not-estimated',
      unverified: { code: 'cost-unverified', severity: 'info' },
    });
    // an older backend's document has no evidence fields at all
    expect(costEvidenceOf(makeSpec().document)).toEqual({ kind: 'unchecked' });
    expect(hasEvidence(makeSpec().document)).toBe(false);
  });

  it('gives the error of an estimate that cannot be used', () => {
    expect(costEvidenceOf(invalidEvidenceSpec().document)).toMatchObject({
      kind: 'invalid',
      error: { code: 'invalid-estimate', severity: 'error' },
    });
  });
});

describe('planEvidenceOf', () => {
  it('lists replaced, then deleted resources, with the contradiction', () => {
    const evidence = planEvidenceOf(driftingSpec().document);
    expect(evidence.kind).toBe('plan');
    if (evidence.kind !== 'plan') return;
    expect(evidence.plan).toMatchObject({
      create: 1,
      update: 1,
      delete: 1,
      replace: 1,
    });
    expect(evidence.destructive.map(r => [r.address, r.action])).toEqual([
      ['aws_db_instance.payments', 'replace'],
      ['aws_db_parameter_group.legacy', 'delete'],
    ]);
    expect(evidence.contradiction?.message).toMatch(
      /aws_db_instance\.payments \(replace\).*blast radius low/,
    );
    expect(evidence.omitted).toBe(0);
  });

  it('counts what a huge plan leaves out, and reads a missing plan as invalid', () => {
    expect(planEvidenceOf(hugePlanSpec().document)).toMatchObject({
      kind: 'plan',
      plan: { create: 600 },
      omitted: 100,
    });
    expect(planEvidenceOf(invalidEvidenceSpec().document)).toMatchObject({
      kind: 'invalid',
      error: { code: 'invalid-plan' },
    });
    expect(planEvidenceOf(unverifiedSpec().document)).toEqual({ kind: 'none' });
  });
});

describe('formatEstimate', () => {
  it('shows cents and savings', () => {
    expect(formatEstimate(610.46, 'USD')).toBe('est. +$610.46');
    expect(formatEstimate(1200, 'EUR')).toBe('est. +€1,200.00');
    expect(formatEstimate(-80, 'USD')).toBe('est. $80.00 savings');
    expect(formatEstimate(0, null)).toBe('est. 0.00');
  });
});

describe('drift counts', () => {
  it('counts specs by drift and words the sentence', () => {
    const counts = countCostDrifts([
      driftingSpec(),
      underClaimSpec(),
      agreeingSpec(),
      unverifiedSpec(),
      driftingSpec({ name: 'gone', removedAt: '2026-12-01T00:00:00Z' }),
    ]);
    expect(counts).toEqual({ over: 1, under: 1, ok: 1 });
    expect(driftSentence(counts)).toBe('2 specs drift from their estimates');
    expect(driftSentence({ over: 1, under: 0, ok: 4 })).toBe(
      '1 spec drifts from its estimate',
    );
    expect(driftSentence({ over: 0, under: 0, ok: 3 })).toBeNull();
    expect(driftSentence(undefined)).toBeNull();
  });
});
