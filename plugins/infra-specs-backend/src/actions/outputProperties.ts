/*
 * What the actions answer about a spec, once: a compact row for lists and the fuller view of
 * get-spec. Assistants read these, so they carry facts and sentences, not the raw document.
 */
import type { z as zod } from 'zod/v3';
import {
  SPEC_ATTENTION_REASONS,
  specAttentionOf,
  type SpecDetail,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

type Zod = typeof zod;

export const diagnosticSchema = (z: Zod) =>
  z.object({
    severity: z.enum(['error', 'warning', 'info']),
    line: z.number().describe('1-based line in the spec file'),
    code: z.string().describe('stable kebab-case id, e.g. cost-drift'),
    message: z.string(),
  });

export const attentionSchema = (z: Zod) =>
  z.object({
    reason: z.enum(SPEC_ATTENTION_REASONS),
    message: z.string(),
  });

export const specItemSchema = (z: Zod) =>
  z.object({
    name: z.string().describe('the Spec entity name; get-spec takes it'),
    entityRef: z.string().describe('spec:default/<name>'),
    id: z.string().nullable().describe('SPEC-0042, FEAT-012 or INF-<CONCEPT>'),
    title: z.string(),
    status: z.string(),
    format: z.string(),
    componentRef: z.string(),
    ownerRef: z.string(),
    path: z.string().describe('the file, relative to its spec location'),
    viewUrl: z.string().nullable().describe("the file's page on its Git host"),
    blastRadius: z.string(),
    rollback: z.string().nullable(),
    downtime: z.string().nullable(),
    monthlyCostDelta: z
      .number()
      .nullable()
      .describe('the monthly cost change the spec claims; negative saves'),
    currency: z.string().nullable(),
    estimatedMonthlyCostDelta: z
      .number()
      .nullable()
      .describe(
        "the Infracost estimate's monthly change, when the spec has one",
      ),
    costDrift: z
      .enum(['over', 'under', 'ok'])
      .nullable()
      .describe('how the estimate compares with the claim'),
    acceptance: z.object({ total: z.number(), done: z.number() }),
    errors: z.number(),
    warnings: z.number(),
    updated: z.string().nullable(),
    statusChangedAt: z.string(),
    pullRequest: z
      .object({
        number: z.number(),
        url: z.string(),
        title: z.string().optional(),
      })
      .nullable()
      .describe('the open pull request that changes or proposes the spec'),
    proposed: z
      .boolean()
      .describe('true when the spec exists only on an open pull request'),
  });

export type SpecItem = zod.infer<ReturnType<typeof specItemSchema>>;

export function toSpecItem(record: SpecRecord): SpecItem {
  const { document } = record;
  const count = (severity: string) =>
    document.diagnostics.filter(d => d.severity === severity).length;
  return {
    name: record.name,
    entityRef: record.entityRef,
    id: document.id,
    title: document.title,
    status: document.status,
    format: String(document.format),
    componentRef: record.componentRef,
    ownerRef: record.ownerRef,
    path: record.path,
    viewUrl: record.viewUrl,
    blastRadius: document.impact.blastRadius.level,
    rollback: document.impact.rollback,
    downtime: document.impact.downtime,
    monthlyCostDelta: document.cost.monthlyDelta,
    currency: document.cost.currency,
    estimatedMonthlyCostDelta: document.cost.estimate?.monthlyDelta ?? null,
    costDrift: document.cost.drift ?? null,
    acceptance: document.acceptance,
    errors: count('error'),
    warnings: count('warning'),
    updated: document.updated,
    statusChangedAt: record.statusChangedAt,
    pullRequest: record.pullRequest
      ? {
          number: record.pullRequest.number,
          url: record.pullRequest.url,
          ...(record.pullRequest.title && { title: record.pullRequest.title }),
        }
      : null,
    proposed: record.proposed ?? false,
  };
}

export const specDetailSchema = (z: Zod) =>
  specItemSchema(z).extend({
    summary: z.string().nullable(),
    openClarifications: z.array(z.string()),
    diagnostics: z.array(diagnosticSchema(z)),
    history: z.array(
      z.object({
        from: z.string().nullable(),
        to: z.string(),
        observedAt: z.string(),
      }),
    ),
    estimate: z
      .object({
        monthlyDelta: z.number(),
        currency: z.string(),
        source: z.string(),
        generatedAt: z.string().nullable(),
      })
      .nullable()
      .describe('the Infracost estimate the spec links or has beside it'),
    plan: z
      .object({
        source: z.string(),
        create: z.number(),
        update: z.number(),
        delete: z.number(),
        replace: z.number(),
        destroyed: z
          .array(z.string())
          .describe('addresses the plan deletes or replaces'),
      })
      .nullable()
      .describe('the Terraform/OpenTofu plan the spec links or has beside it'),
    attention: z.array(attentionSchema(z)),
    markdown: z.string().optional(),
  });

export type SpecDetailOutput = zod.infer<ReturnType<typeof specDetailSchema>>;

export function toSpecDetail(
  detail: SpecDetail,
  options: { now: Date; staleReviewMs: number; includeMarkdown: boolean },
): SpecDetailOutput {
  const { document } = detail;
  const estimate = document.cost.estimate;
  const plan = document.plan;
  return {
    ...toSpecItem(detail),
    summary: document.summary ?? null,
    openClarifications: document.openClarifications,
    diagnostics: document.diagnostics.map(d => ({
      severity: d.severity,
      line: d.line,
      code: d.code,
      message: d.message,
    })),
    history: detail.history,
    estimate: estimate
      ? {
          monthlyDelta: estimate.monthlyDelta,
          currency: estimate.currency,
          source: estimate.source,
          generatedAt: estimate.generatedAt,
        }
      : null,
    plan: plan
      ? {
          source: plan.source,
          create: plan.create,
          update: plan.update,
          delete: plan.delete,
          replace: plan.replace,
          destroyed: plan.resources
            .filter(r => r.action === 'delete' || r.action === 'replace')
            .map(r => r.address),
        }
      : null,
    attention: specAttentionOf(detail, options),
    ...(options.includeMarkdown && { markdown: detail.markdown }),
  };
}
