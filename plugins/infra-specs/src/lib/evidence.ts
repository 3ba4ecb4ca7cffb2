/*
 * What a spec's evidence says, for the views: the Infracost estimate against the claimed cost, the
 * plan against the claimed impact, and the diagnostics that explain both. Pure: it reads the
 * document as the API returns it, and an older backend's document (no evidence fields) reads as
 * "not checked", never as a failure.
 */
import {
  costDriftLabel,
  type SpecCostDrift,
  type SpecCostEstimate,
  type SpecDiagnostic,
  type SpecDocument,
  type SpecPlan,
  type SpecPlanAction,
  type SpecPlanResource,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { formatMoney } from './money';

/** The first diagnostic of a code, if the document has one. */
export function diagnosticOf(
  document: Pick<SpecDocument, 'diagnostics'>,
  code: string,
): SpecDiagnostic | undefined {
  return document.diagnostics.find(d => d.code === code);
}

/** How a spec's claimed cost stands against its Infracost estimate. */
export type CostEvidence =
  /** Evidence was not checked (an older backend, or a document parsed without evidence). */
  | { kind: 'unchecked' }
  /** Checked, and no estimate was linked; `unverified` is the `cost-unverified` note of a claim. */
  | { kind: 'not-estimated'; unverified?: SpecDiagnostic }
  /** An estimate was linked but could not be used (`invalid-estimate`). */
  | { kind: 'invalid'; error: SpecDiagnostic }
  | {
      kind: 'estimated';
      estimate: SpecCostEstimate;
      /** Null when claim and estimate cannot be compared (no claim, another currency). */
      drift: SpecCostDrift | null;
      /** The `cost-drift` warning naming both figures, for an `over` or `under` drift. */
      driftWarning?: SpecDiagnostic;
      /** The `currency-mismatch` warning: claim and estimate in different currencies. */
      currencyMismatch?: SpecDiagnostic;
    };

/** The cost side of a document's evidence. */
export function costEvidenceOf(document: SpecDocument): CostEvidence {
  const { estimate, drift } = document.cost;
  if (estimate) {
    return {
      kind: 'estimated',
      estimate,
      drift: drift ?? null,
      driftWarning: diagnosticOf(document, 'cost-drift'),
      currencyMismatch: diagnosticOf(document, 'currency-mismatch'),
    };
  }
  const error = diagnosticOf(document, 'invalid-estimate');
  if (error) return { kind: 'invalid', error };
  if (estimate === null) {
    return {
      kind: 'not-estimated',
      unverified: diagnosticOf(document, 'cost-unverified'),
    };
  }
  return { kind: 'unchecked' };
}

/** True for a drift that needs someone: the estimate is beyond the thresholds either way. */
export const isDrifting = (
  drift: SpecCostDrift | null | undefined,
): drift is 'over' | 'under' => drift === 'over' || drift === 'under';

/** `est. +$610.46`, `est. $120.00 savings`: an estimate, exact to the cent. */
export function formatEstimate(
  amount: number,
  currency: string | null,
): string {
  if (amount < 0) {
    return `est. ${formatMoney(-amount, currency, { cents: true })} savings`;
  }
  return `est. ${amount > 0 ? '+' : ''}${formatMoney(amount, currency, {
    cents: true,
  })}`;
}

/** `Cost drift: over claim`, the accessible name of a drift badge. */
export const costDriftName = (drift: SpecCostDrift) =>
  `Cost drift: ${costDriftLabel(drift).toLocaleLowerCase('en-US')}`;

/** The order actions are shown in: what is gone first. */
export const PLAN_ACTIONS: ReadonlyArray<{
  action: SpecPlanAction;
  label: string;
}> = [
  { action: 'replace', label: 'Replace' },
  { action: 'delete', label: 'Delete' },
  { action: 'update', label: 'Update' },
  { action: 'create', label: 'Create' },
];

/** How a spec's claimed impact stands against its plan. */
export type PlanEvidence =
  | { kind: 'none' }
  /** A plan was linked but could not be used (`invalid-plan`). */
  | { kind: 'invalid'; error: SpecDiagnostic }
  | {
      kind: 'plan';
      plan: SpecPlan;
      /** Replaced and deleted resources among those listed, replaced first. */
      destructive: SpecPlanResource[];
      /** The `plan-contradicts-impact` warning naming the resources. */
      contradiction?: SpecDiagnostic;
      /** Changed resources the plan summary leaves out (a huge plan); 0 when none. */
      omitted: number;
    };

/** The plan side of a document's evidence. */
export function planEvidenceOf(document: SpecDocument): PlanEvidence {
  const plan = document.plan;
  if (plan) {
    const destructive = [
      ...plan.resources.filter(r => r.action === 'replace'),
      ...plan.resources.filter(r => r.action === 'delete'),
    ];
    return {
      kind: 'plan',
      plan,
      destructive,
      contradiction: diagnosticOf(document, 'plan-contradicts-impact'),
      omitted: plan.omittedResources ?? 0,
    };
  }
  const error = diagnosticOf(document, 'invalid-plan');
  return error ? { kind: 'invalid', error } : { kind: 'none' };
}

/** True when the document says anything about evidence, so that the spec page shows its card. */
export function hasEvidence(document: SpecDocument): boolean {
  return (
    costEvidenceOf(document).kind !== 'unchecked' ||
    planEvidenceOf(document).kind !== 'none'
  );
}

/** Specs by drift, like the summary's `byCostDrift` (removed and proposed specs left out). */
export function countCostDrifts(
  specs: readonly SpecRecord[],
): Record<SpecCostDrift, number> {
  const counts: Record<SpecCostDrift, number> = { over: 0, under: 0, ok: 0 };
  for (const spec of specs) {
    const drift = spec.document.cost.drift;
    if (!spec.removedAt && !spec.proposed && drift && drift in counts) {
      counts[drift] += 1;
    }
  }
  return counts;
}

/** `2 specs drift from their estimates`, `1 spec drifts from its estimate`; null for none. */
export function driftSentence(
  byCostDrift: Partial<Record<SpecCostDrift, number>> | undefined,
): string | null {
  const count = (byCostDrift?.over ?? 0) + (byCostDrift?.under ?? 0);
  if (count <= 0) return null;
  return count === 1
    ? '1 spec drifts from its estimate'
    : `${count} specs drift from their estimates`;
}
