import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';

export const REVIEW_STALE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AttentionItem {
  spec: SpecRecord;
  /** Why the spec needs someone, in words, most urgent first. */
  reasons: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Specs that need someone: error diagnostics, open clarifications, or in review for longer than
 * {@link REVIEW_STALE_DAYS} days (since `statusChangedAt`). Errors first, then the oldest review.
 */
export function specsNeedingAttention(
  specs: readonly SpecRecord[],
  now: Date,
  reviewDays = REVIEW_STALE_DAYS,
): AttentionItem[] {
  const items: Array<AttentionItem & { rank: number; since: number }> = [];
  for (const spec of specs) {
    if (spec.removedAt) continue;
    const reasons: string[] = [];
    let rank = 0;
    const errors = spec.document.diagnostics.filter(
      d => d.severity === 'error',
    ).length;
    if (errors > 0) {
      reasons.push(plural(errors, 'error'));
      rank = Math.max(rank, 3);
    }
    const open = spec.document.openClarifications.length;
    if (open > 0) {
      reasons.push(plural(open, 'open clarification'));
      rank = Math.max(rank, 1);
    }
    const since = Date.parse(spec.statusChangedAt);
    if (spec.document.status === 'in-review' && Number.isFinite(since)) {
      const days = Math.floor((now.getTime() - since) / DAY_MS);
      if (days > reviewDays) {
        reasons.push(`in review for ${days} days`);
        rank = Math.max(rank, 2);
      }
    }
    if (reasons.length > 0) {
      items.push({
        spec,
        reasons,
        rank,
        since: Number.isFinite(since) ? since : 0,
      });
    }
  }
  return items
    .sort((a, b) => b.rank - a.rank || a.since - b.since)
    .map(({ spec, reasons }) => ({ spec, reasons }));
}
