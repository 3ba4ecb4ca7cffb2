/*
 * The facts of one component from its current specs: plain counting, no Backstage services, so
 * that every rule is tested on records alone. The rules are common's (isOpenStatus,
 * specAttentionOf, the parser's `incomplete-approved-spec` diagnostic), the same ones the
 * backend's actions and notifications use.
 */
import {
  isOpenStatus,
  specAttentionOf,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** The values the retriever publishes for each component. */
export interface InfraSpecsComponentFacts {
  openSpecs: number;
  staleReviews: number;
  incompleteApprovedSpecs: number;
  riskyRollbacksWithoutPlan: number;
  monthlyCostDeltaInFlight: number;
  estimatedMonthlyCostDeltaInFlight: number;
}

export interface ComponentFactsOptions {
  now: Date;
  /** `infraSpecs.review.staleAfter` in milliseconds. */
  staleReviewMs: number;
}

const RISKY_BLAST_RADIUS = new Set(['high', 'critical']);
const RISKY_ROLLBACK = new Set(['complex', 'irreversible']);

export function emptyComponentFacts(): InfraSpecsComponentFacts {
  return {
    openSpecs: 0,
    staleReviews: 0,
    incompleteApprovedSpecs: 0,
    riskyRollbacksWithoutPlan: 0,
    monthlyCostDeltaInFlight: 0,
    estimatedMonthlyCostDeltaInFlight: 0,
  };
}

/** Whether an open spec changes a lot, cannot easily be undone, and says nothing about how it would be. */
export function isRiskyRollbackWithoutPlan(
  document: SpecRecord['document'],
): boolean {
  return (
    isOpenStatus(document.status) &&
    RISKY_BLAST_RADIUS.has(document.impact.blastRadius.level) &&
    document.impact.rollback !== null &&
    RISKY_ROLLBACK.has(document.impact.rollback) &&
    // Documents stored before the parser read rollback plans have no field: no plan is known.
    document.rollbackPlan !== true
  );
}

/** Adds one spec to its component's facts. Removed and proposed specs are not the component's. */
export function addSpec(
  facts: InfraSpecsComponentFacts,
  record: SpecRecord,
  options: ComponentFactsOptions,
): void {
  if (record.removedAt || record.proposed) return;
  const { document } = record;
  const open = isOpenStatus(document.status);
  if (open) {
    facts.openSpecs += 1;
    facts.monthlyCostDeltaInFlight += document.cost.monthlyDelta ?? 0;
    facts.estimatedMonthlyCostDeltaInFlight +=
      document.cost.estimate?.monthlyDelta ?? 0;
  }
  if (
    specAttentionOf(record, {
      now: options.now,
      staleReviewMs: options.staleReviewMs,
    }).some(a => a.reason === 'stale-review')
  ) {
    facts.staleReviews += 1;
  }
  if (document.diagnostics.some(d => d.code === 'incomplete-approved-spec')) {
    facts.incompleteApprovedSpecs += 1;
  }
  if (isRiskyRollbackWithoutPlan(document)) {
    facts.riskyRollbacksWithoutPlan += 1;
  }
}

/** Sums in cents, so that 0.1 + 0.2 is published as 0.3. */
export function roundedFacts(
  facts: InfraSpecsComponentFacts,
): InfraSpecsComponentFacts {
  const cents = (n: number) => Math.round(n * 100) / 100;
  return {
    ...facts,
    monthlyCostDeltaInFlight: cents(facts.monthlyCostDeltaInFlight),
    estimatedMonthlyCostDeltaInFlight: cents(
      facts.estimatedMonthlyCostDeltaInFlight,
    ),
  };
}
