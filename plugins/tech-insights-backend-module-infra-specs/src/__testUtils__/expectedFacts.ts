/*
 * The facts table of the README as rules on parsed documents, written here on their own so that
 * the tests do not check the retriever against itself.
 */
import type { SpecDocument } from '@infra-specs/backstage-plugin-infra-specs-common';

/** The rules of the README's facts table, stated on parsed documents. */
export function expectedFacts(
  docs: SpecDocument[],
  stale: (d: SpecDocument) => boolean,
) {
  const open = docs.filter(d =>
    ['draft', 'in-review', 'approved', 'unknown'].includes(d.status),
  );
  return {
    openSpecs: open.length,
    staleReviews: docs.filter(stale).length,
    incompleteApprovedSpecs: docs.filter(
      d =>
        ['approved', 'implemented'].includes(d.status) &&
        (d.openClarifications.length > 0 ||
          d.diagnostics.some(x => x.code === 'placeholder')),
    ).length,
    riskyRollbacksWithoutPlan: open.filter(
      d =>
        ['high', 'critical'].includes(d.impact.blastRadius.level) &&
        ['complex', 'irreversible'].includes(d.impact.rollback ?? '') &&
        !d.rollbackPlan,
    ).length,
    monthlyCostDeltaInFlight:
      Math.round(
        open.reduce((sum, d) => sum + (d.cost.monthlyDelta ?? 0), 0) * 100,
      ) / 100,
    estimatedMonthlyCostDeltaInFlight:
      Math.round(
        open.reduce((sum, d) => sum + (d.cost.estimate?.monthlyDelta ?? 0), 0) *
          100,
      ) / 100,
  };
}
