import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * `1234.5, 'USD'` -> `$1,235`; cents only for small amounts (or always with `cents`, for
 * Infracost estimates, which are exact to the cent); an unknown currency code as a suffix.
 */
export function formatMoney(
  amount: number,
  currency: string | null,
  options: { cents?: boolean } = {},
): string {
  const digits =
    options.cents || (Math.abs(amount) < 100 && !Number.isInteger(amount))
      ? 2
      : 0;
  if (currency) {
    try {
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(amount);
    } catch {
      // not an ISO 4217 code: fall through and name it as written
    }
  }
  const number = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

export interface MonthlyDeltaText {
  text: string;
  /** True for a negative delta: money saved each month. */
  savings: boolean;
}

/** How a monthly cost delta reads: `+$350/mo`, `$200/mo savings`, `$0/mo`; null for no estimate. */
export function formatMonthlyDelta(
  amount: number | null | undefined,
  currency: string | null | undefined,
): MonthlyDeltaText | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return null;
  }
  if (amount < 0) {
    return {
      text: `${formatMoney(-amount, currency ?? null)}/mo savings`,
      savings: true,
    };
  }
  const sign = amount > 0 ? '+' : '';
  return {
    text: `${sign}${formatMoney(amount, currency ?? null)}/mo`,
    savings: false,
  };
}

export interface CostTotals {
  /** One sum per currency (null = not stated), largest absolute sum first. */
  totals: Array<{ currency: string | null; amount: number }>;
  /** Specs without an estimate (left out of the sums, never counted as 0). */
  withoutEstimate: number;
}

/** Sums the monthly deltas of specs, per currency: amounts in different currencies are never added. */
export function sumMonthlyDeltas(specs: readonly SpecRecord[]): CostTotals {
  const sums = new Map<string | null, number>();
  let withoutEstimate = 0;
  for (const spec of specs) {
    const { monthlyDelta, currency } = spec.document.cost;
    if (monthlyDelta === null || !Number.isFinite(monthlyDelta)) {
      withoutEstimate += 1;
      continue;
    }
    const key = currency ? currency.toUpperCase() : null;
    sums.set(key, (sums.get(key) ?? 0) + monthlyDelta);
  }
  const totals = [...sums]
    .map(([currency, amount]) => ({
      currency,
      // cents are the smallest unit that matters; avoids 0.1 + 0.2 artefacts
      amount: Math.round(amount * 100) / 100,
    }))
    .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
  return { totals, withoutEstimate };
}
