/*
 * What about a spec needs someone: the one rule behind the summarize-specs action, the owners'
 * notifications and the Tech Insights facts, so that all three agree on "needs attention".
 */
import type { SpecRecord } from '../api/types';
import { costDriftLabel } from '../vocabulary/labels';

/**
 * Why a spec needs attention, most urgent first: error diagnostics (e.g. approved with
 * placeholders, unreadable evidence); in review longer than the configured time; the Infracost
 * estimate and the claim disagree beyond the drift thresholds; the plan deletes or replaces
 * resources while the spec claims low risk.
 * @public
 */
export const SPEC_ATTENTION_REASONS = [
  'errors',
  'stale-review',
  'cost-drift',
  'plan-contradicts-impact',
] as const;

/** One of {@link SPEC_ATTENTION_REASONS}. @public */
export type SpecAttentionReason = (typeof SPEC_ATTENTION_REASONS)[number];

/** One reason, with a sentence for people. @public */
export interface SpecAttention {
  reason: SpecAttentionReason;
  message: string;
}

/** Options of {@link specAttentionOf}. @public */
export interface SpecAttentionOptions {
  /** The time to judge "in review for too long" against. */
  now: Date;
  /** How long a spec may sit in review (`infraSpecs.review.staleAfter`). */
  staleReviewMs: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * The reasons a current spec needs attention, most urgent first; none for a spec that is removed,
 * finished (implemented, superseded, rejected) with no errors, or fine.
 * @public
 */
export function specAttentionOf(
  record: Pick<SpecRecord, 'document' | 'statusChangedAt' | 'removedAt'>,
  options: SpecAttentionOptions,
): SpecAttention[] {
  if (record.removedAt) return [];
  const { document } = record;
  const out: SpecAttention[] = [];
  const errors = document.diagnostics.filter(d => d.severity === 'error');
  if (errors.length > 0) {
    out.push({
      reason: 'errors',
      message: `${errors.length} error${errors.length === 1 ? '' : 's'}: ${
        errors[0].message
      }${errors.length > 1 ? ' (and more)' : ''}`,
    });
  }
  if (document.status === 'in-review') {
    const since = Date.parse(record.statusChangedAt);
    const waited = options.now.getTime() - since;
    if (Number.isFinite(since) && waited > options.staleReviewMs) {
      out.push({
        reason: 'stale-review',
        message: `In review for ${Math.floor(
          waited / DAY_MS,
        )} days (since ${record.statusChangedAt.slice(0, 10)})`,
      });
    }
  }
  const drift = document.cost.drift;
  if (drift === 'over' || drift === 'under') {
    const diagnostic = document.diagnostics.find(d => d.code === 'cost-drift');
    out.push({
      reason: 'cost-drift',
      message: diagnostic?.message ?? costDriftLabel(drift),
    });
  }
  const contradiction = document.diagnostics.find(
    d => d.code === 'plan-contradicts-impact',
  );
  if (contradiction) {
    out.push({
      reason: 'plan-contradicts-impact',
      message: contradiction.message,
    });
  }
  return out;
}
