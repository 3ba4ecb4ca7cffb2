/*
 * Cost drift: how far an Infracost estimate is from the monthly delta a spec claims. Both the
 * share and the amount must be exceeded, so that neither a $3 difference on a $5 claim nor a $60
 * difference on a $10,000 claim counts. Amounts in different currencies are never compared.
 */
import type { SpecCostDrift } from '../model/types';

/** Rounded to cents, halves away from zero (12.345 -> 12.35 although it is 12.3449… in binary). */
export function cents(value: number): number {
  const rounded =
    Math.round(Math.abs(value) * 100 * (1 + Number.EPSILON)) / 100;
  return (value < 0 ? -rounded : rounded) || 0;
}

/** The values of SpecCostDrift, for the schemas. */
export const COST_DRIFT_VALUES: readonly SpecCostDrift[] = [
  'over',
  'under',
  'ok',
];

/** When an estimate drifts from the claim: by more than `driftShare` of it AND more than `driftAmount`. @public */
export interface CostDriftThresholds {
  /** Share of the claimed delta (0.2 = 20%); of a zero claim any difference is beyond it. */
  driftShare: number;
  /** Amount in the spec's currency. */
  driftAmount: number;
}

/** 20% and 50: the thresholds when none are configured. @public */
export const DEFAULT_COST_DRIFT_THRESHOLDS: Readonly<CostDriftThresholds> =
  Object.freeze({ driftShare: 0.2, driftAmount: 50 });

/** Thresholds with defaults for what is missing, negative or not a number. */
export function driftThresholds(
  thresholds: Partial<CostDriftThresholds> | undefined,
): CostDriftThresholds {
  const pick = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? value
      : fallback;
  return {
    driftShare: pick(
      thresholds?.driftShare,
      DEFAULT_COST_DRIFT_THRESHOLDS.driftShare,
    ),
    driftAmount: pick(
      thresholds?.driftAmount,
      DEFAULT_COST_DRIFT_THRESHOLDS.driftAmount,
    ),
  };
}

/** The currency of a claim, upper-cased; null when the spec states none. */
function currencyOf(value: string | null | undefined): string | null {
  const text = value?.trim().toUpperCase();
  return text ? text : null;
}

/**
 * Whether the estimate costs more (`over`) or less (`under`) than the spec claims beyond the
 * thresholds, or `ok`; undefined without a claimed delta, without an estimate, or when the two
 * are in different currencies (a claim without a currency is taken in the estimate's). For a
 * saving (negative delta), `over` means it saves less than claimed.
 * @public
 */
export function costDriftOf(
  claimed: { monthlyDelta: number | null; currency?: string | null },
  estimate:
    | { monthlyDelta: number | null; currency?: string | null }
    | null
    | undefined,
  thresholds?: Partial<CostDriftThresholds>,
): SpecCostDrift | undefined {
  if (!estimate) return undefined;
  const claim = claimed.monthlyDelta;
  const estimated = estimate.monthlyDelta;
  if (
    typeof claim !== 'number' ||
    !Number.isFinite(claim) ||
    typeof estimated !== 'number' ||
    !Number.isFinite(estimated)
  )
    return undefined;
  const claimCurrency = currencyOf(claimed.currency);
  const estimateCurrency = currencyOf(estimate.currency);
  if (claimCurrency && estimateCurrency && claimCurrency !== estimateCurrency)
    return undefined;
  const { driftShare, driftAmount } = driftThresholds(thresholds);
  // Cents, so that 0.1 + 0.2 against 0.3 is no difference at all.
  const difference = cents(estimated - claim);
  const size = Math.abs(difference);
  if (size <= driftAmount || size <= driftShare * Math.abs(claim)) return 'ok';
  return difference > 0 ? 'over' : 'under';
}
