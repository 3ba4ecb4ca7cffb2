import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  isOpenStatus,
  SPEC_STATUSES,
  specAttentionOf,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecService } from '../service/SpecService';
import { refsOf } from './inputProperties';
import { attentionSchema } from './outputProperties';

/** Specs read per summary at most; a component or a team with more is summarized in part. */
export const SUMMARY_MAX_SPECS = 2000;
/** Specs listed under needsAttention at most, the most reasons first. */
const ATTENTION_MAX = 25;

export interface SpecsSummary {
  total: number;
  byStatus: Record<string, number>;
  /** Claimed monthly cost change of the open specs (draft, in review, approved). */
  openMonthlyCostDelta: number;
  /** Their Infracost estimates, for the open specs that have one. */
  openEstimatedMonthlyCostDelta: number | null;
  currency: string | null;
  needsAttention: Array<{
    name: string;
    id: string | null;
    title: string;
    status: string;
    componentRef: string;
    reasons: ReturnType<typeof specAttentionOf>;
  }>;
  truncated: boolean;
}

/** Counts, open cost and what needs attention, from the listed specs. Pure. */
export function summarizeSpecs(
  records: SpecRecord[],
  options: { now: Date; staleReviewMs: number; truncated: boolean },
): SpecsSummary {
  const byStatus: Record<string, number> = Object.fromEntries(
    SPEC_STATUSES.map(s => [s.value, 0]),
  );
  let claimed = 0;
  let estimated: number | null = null;
  const currencies = new Set<string>();
  const attention: SpecsSummary['needsAttention'] = [];
  for (const record of records) {
    const { document } = record;
    byStatus[document.status] = (byStatus[document.status] ?? 0) + 1;
    if (isOpenStatus(document.status)) {
      claimed += document.cost.monthlyDelta ?? 0;
      if (document.cost.currency) currencies.add(document.cost.currency);
      const estimate = document.cost.estimate;
      if (estimate) estimated = (estimated ?? 0) + estimate.monthlyDelta;
    }
    const reasons = specAttentionOf(record, options);
    if (reasons.length > 0)
      attention.push({
        name: record.name,
        id: document.id,
        title: document.title,
        status: document.status,
        componentRef: record.componentRef,
        reasons,
      });
  }
  attention.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      (a.id ?? a.name).localeCompare(b.id ?? b.name),
  );
  const cents = (n: number) => Math.round(n * 100) / 100;
  return {
    total: records.length,
    byStatus,
    openMonthlyCostDelta: cents(claimed),
    openEstimatedMonthlyCostDelta: estimated === null ? null : cents(estimated),
    currency: currencies.size === 1 ? [...currencies][0] : null,
    needsAttention: attention.slice(0, ATTENTION_MAX),
    truncated: options.truncated || attention.length > ATTENTION_MAX,
  };
}

/** `summarize-specs`: a component's or an owner's specs in numbers, and what needs attention. */
export function createSummarizeSpecsAction(options: {
  actionsRegistry: ActionsRegistryService;
  service: SpecService;
  staleReviewMs: number;
  now?: () => Date;
}) {
  const { actionsRegistry, service, staleReviewMs } = options;
  const now = options.now ?? (() => new Date());
  actionsRegistry.register({
    name: 'summarize-specs',
    title: 'Summarize infrastructure specs',
    description: [
      "Summarizes a component's or an owner's infrastructure specs: counts by status, the monthly",
      'cost change the open specs (draft, in review, approved) claim and what their Infracost',
      'estimates say, and the specs that need attention: errors (e.g. approved with placeholders),',
      'in review for too long, cost drifting from the estimate, or a plan that deletes or replaces',
      'resources while the spec claims low risk. Give component, owner, or both.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      { title: 'A component', input: { component: 'payments-api' } },
      { title: 'A team', input: { owner: 'group:default/platform-team' } },
    ],
    schema: {
      input: z =>
        z.object({
          component: z.string().min(1).max(512).optional(),
          owner: z
            .string()
            .min(1)
            .max(512)
            .optional()
            .describe('a group or user ref; a bare name is a group'),
        }),
      output: z =>
        z.object({
          total: z.number(),
          byStatus: z.record(z.number()),
          openMonthlyCostDelta: z.number(),
          openEstimatedMonthlyCostDelta: z.number().nullable(),
          currency: z.string().nullable(),
          needsAttention: z.array(
            z.object({
              name: z.string(),
              id: z.string().nullable(),
              title: z.string(),
              status: z.string(),
              componentRef: z.string(),
              reasons: z.array(attentionSchema(z)),
            }),
          ),
          truncated: z
            .boolean()
            .describe(
              `true when more than ${SUMMARY_MAX_SPECS} specs matched or not all that need attention are listed`,
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      if (!input.component && !input.owner) {
        throw new InputError(
          'summarize-specs needs a component or an owner (list-specs lists everything)',
        );
      }
      const filter = {
        component: refsOf(
          input.component ? [input.component] : undefined,
          'component',
          'component',
        ),
        owner: refsOf(
          input.owner ? [input.owner] : undefined,
          'owner',
          'group',
        ),
      };
      const records: SpecRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await service.listSpecs(
          { filter, limit: 500, cursor, sort: { field: 'id', order: 'asc' } },
          credentials,
        );
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && records.length < SUMMARY_MAX_SPECS);
      return {
        output: summarizeSpecs(records.slice(0, SUMMARY_MAX_SPECS), {
          now: now(),
          staleReviewMs,
          truncated: cursor !== undefined,
        }),
      };
    },
  });
}
