/*
 * The portfolio's claimed and estimated totals side by side, from GET /summary. The estimated
 * side (`summary.estimated`) is an extension: without it there is nothing to compare, and the
 * portfolio shows its claimed totals only.
 */
import {
  SPEC_STATUSES,
  type SpecStatus,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';

export interface ClaimedVsEstimatedRow {
  /** The status value or the owner's entity ref. */
  key: string;
  claimed: number;
  /** Null when no spec of the row has an estimate (not the same as an estimate of 0). */
  estimated: number | null;
}

export interface ClaimedVsEstimated {
  byStatus: Array<ClaimedVsEstimatedRow & { status: SpecStatus }>;
  byOwner: ClaimedVsEstimatedRow[];
  /** Specs with an estimate. */
  estimatedCount: number;
  /** The currency both sides are in; null when either side mixes currencies or they differ. */
  currency: string | null;
  /** Why the sums must be read with care, or null when they are in one currency. */
  currencyCaveat: string | null;
}

/** How many owners the table lists, the largest amounts first (like the owner chart). */
export const TOP_OWNERS = 10;

const round = (n: number) => Math.round(n * 100) / 100;

function caveatOf(
  claimed: string | null,
  estimated: string | null,
): string | null {
  if (claimed && estimated && claimed !== estimated) {
    return `Claims are in ${claimed}, estimates in ${estimated}: amounts are not converted, so the columns do not compare`;
  }
  if (!claimed || !estimated) return 'Mixed currencies, summed as numbers';
  return null;
}

/** Claimed and estimated sums by status and by owner; null when the backend sends no estimates. */
export function claimedVsEstimated(
  summary: SpecSummary,
): ClaimedVsEstimated | null {
  const estimated = summary.estimated;
  if (!estimated) return null;
  const byStatus = [...SPEC_STATUSES]
    .sort((a, b) => a.order - b.order)
    .map(s => ({
      key: s.value,
      status: s.value,
      claimed: round(summary.monthlyCostDeltaByStatus[s.value] ?? 0),
      // the sums are zero-filled: only the counts tell "no estimate" from "estimated at 0"
      estimated:
        estimated.monthlyCostDeltaByStatus?.[s.value] === undefined ||
        estimated.byStatus?.[s.value] === 0
          ? null
          : round(estimated.monthlyCostDeltaByStatus[s.value]),
      count: summary.byStatus[s.value] ?? 0,
    }))
    // statuses without specs say nothing
    .filter(row => row.count > 0 || row.claimed !== 0 || row.estimated)
    .map(({ count: _count, ...row }) => row);

  const owners = new Map<string, ClaimedVsEstimatedRow>();
  for (const o of summary.monthlyCostDeltaByOwner) {
    owners.set(o.ownerRef, {
      key: o.ownerRef,
      claimed: round(o.monthlyCostDelta),
      estimated: null,
    });
  }
  for (const o of estimated.monthlyCostDeltaByOwner ?? []) {
    const row = owners.get(o.ownerRef) ?? {
      key: o.ownerRef,
      claimed: 0,
      estimated: null,
    };
    row.estimated = round((row.estimated ?? 0) + o.monthlyCostDelta);
    owners.set(o.ownerRef, row);
  }
  const size = (r: ClaimedVsEstimatedRow) =>
    Math.max(Math.abs(r.claimed), Math.abs(r.estimated ?? 0));
  const byOwner = [...owners.values()]
    .sort((a, b) => size(b) - size(a) || a.key.localeCompare(b.key))
    .slice(0, TOP_OWNERS);

  const caveat = caveatOf(summary.currency, estimated.currency);
  return {
    byStatus,
    byOwner,
    estimatedCount: estimated.count,
    currency: caveat ? null : summary.currency,
    currencyCaveat: caveat,
  };
}
