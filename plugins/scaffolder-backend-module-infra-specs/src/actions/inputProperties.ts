/*
 * Input fields shared by the infra-specs actions, defined once. Each is a zod callback
 * (the scaffolder hands in its zod v3 API). The scaffolder validates input with the
 * generated JSON Schema and hands the handler the raw input, so `.default()` is only
 * documentation here; handlers apply defaults themselves. Enums and id patterns come from
 * the common vocabularies and id rules.
 */
import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
  SPEC_ID_PATTERN,
  SPEC_ID_PREFIX_PATTERN,
  SPEC_SHORT_FORMAT_NAMES,
  SPEC_STATUSES,
  vocabularyValues,
  type VocabularyEntry,
} from '@infra-specs/backstage-plugin-infra-specs-common';

type SchemaRecord = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;
/** The zod (v3 API) object the scaffolder passes to schema callbacks. */
export type Zod = Parameters<
  Extract<SchemaRecord, Record<string, unknown>>[string]
>[0];

/** A vocabulary's values but `unknown`: what the parser says of an unreadable value, never written into a new spec. */
function writable<T extends string>(
  vocabulary: ReadonlyArray<VocabularyEntry<T>>,
) {
  return vocabularyValues(
    vocabulary.filter(
      (entry): entry is VocabularyEntry<Exclude<T, 'unknown'>> =>
        entry.value !== 'unknown',
    ),
  );
}

export const format = (z: Zod) =>
  z
    .enum(SPEC_SHORT_FORMAT_NAMES)
    .describe(
      'Spec format: `feature` (Infrastructure Feature, `FEAT-NNN`), `change` (Infrastructure Change, `SPEC-NNNN`) or `smaqit` (smaqit Infrastructure, `INF-<CONCEPT>`)',
    );

export const title = (z: Zod) =>
  z
    .string()
    .min(1)
    .max(200)
    .describe('Name of the change or feature, without the id');

export const id = (z: Zod) =>
  z
    .string()
    .max(64)
    .regex(SPEC_ID_PATTERN)
    .optional()
    .describe(
      'The spec id (SPEC-0042, FEAT-012, INF-NAT-GATEWAY). Allocated when absent: the next `SPEC-NNNN` / `<PREFIX>-NNN` after every id already known, or `INF-<CONCEPT>` from the title',
    );

export const idPrefix = (z: Zod) =>
  z
    .string()
    .regex(SPEC_ID_PREFIX_PATTERN)
    .optional()
    .describe(
      'Prefix of allocated numbered ids. Default `SPEC` (change) and `FEAT` (feature)',
    );

export const component = (z: Zod) =>
  z
    .string()
    .min(1)
    .describe(
      'Entity ref of the component the spec changes, e.g. `component:default/payments-api`',
    );

export const owner = (z: Zod) =>
  z.string().optional().describe('Entity ref of the owning group or user');

export const summary = (z: Zod) =>
  z
    .string()
    .max(2000)
    .optional()
    .describe('One or two sentences: what changes and why');

export const problem = (z: Zod) =>
  z
    .string()
    .max(2000)
    .optional()
    .describe(
      'The Problem Statement: what limitation or need drives the change',
    );

export const status = (z: Zod) =>
  z
    .enum(writable(SPEC_STATUSES))
    .default('draft')
    .optional()
    .describe('Initial status. Default `draft`');

export const complexity = (z: Zod) =>
  z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .optional()
    .describe('Complexity level: 1 (simple), 2 (moderate), 3 (complex)');

export const blastRadius = (z: Zod) =>
  z
    .object({
      level: z
        .enum(writable(BLAST_RADIUS_LEVELS))
        .optional()
        .describe('How much could break if the change goes wrong'),
      description: z
        .string()
        .max(2000)
        .optional()
        .describe('What could break, in words'),
    })
    .optional()
    .describe('Blast radius of the change');

export const rollbackComplexity = (z: Zod) =>
  z
    .enum(vocabularyValues(ROLLBACK_COMPLEXITIES))
    .optional()
    .describe('How hard the change is to undo');

export const downtime = (z: Zod) =>
  z
    .enum(vocabularyValues(DOWNTIME_REQUIREMENTS))
    .optional()
    .describe('Downtime the change needs');

export const monthlyCost = (z: Zod) =>
  z
    .number()
    .optional()
    .describe('Estimated monthly cost change (negative for savings)');

export const currency = (z: Zod) =>
  z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD')
    .optional()
    .describe('ISO 4217 currency of the amounts (USD, EUR). Default `USD`');

export const costItems = (z: Zod) =>
  z
    .array(
      z.object({
        resource: z.string().min(1).describe('Resource, e.g. `NAT Gateway`'),
        monthly: z.number().describe('Monthly cost change of this resource'),
        notes: z.string().optional().describe('Assumptions, e.g. `Per-AZ`'),
      }),
    )
    .optional()
    .describe(
      'Cost lines; their sum is the total unless `monthlyCost` is given',
    );

export const issue = (z: Zod) =>
  z.string().url().optional().describe('Link of the tracking issue');

export const author = (z: Zod) =>
  z
    .string()
    .optional()
    .describe(
      'Author shown in the spec. Default: the user running the task (display name, else entity ref)',
    );

export const createTargetPath = (z: Zod) =>
  z
    .string()
    .optional()
    .describe(
      'Where to write the spec, relative to the workspace. Default `docs/specs/<id>-<slug>.md` (`docs/specs/<id>.md` for smaqit)',
    );

export const paths = (z: Zod) =>
  z
    .array(z.string())
    .optional()
    .describe(
      'Files or globs to lint, relative to the workspace. Default `**/*.md` (node_modules and .git skipped)',
    );

export const failOn = (z: Zod) =>
  z
    .enum(['error', 'warning'])
    .default('error')
    .optional()
    .describe('Lowest severity that fails the step. Default `error`');

export const sourcePath = (z: Zod) =>
  z
    .string()
    .min(1)
    .describe(
      'The spec file in the workspace to publish, e.g. the `path` output of `infra-specs:create`',
    );

export const publishTargetPath = (z: Zod) =>
  z
    .string()
    .optional()
    .describe(
      "File path inside the component's spec folder. Default: the file name of `sourcePath`",
    );

export const overwrite = (z: Zod) =>
  z
    .boolean()
    .default(false)
    .optional()
    .describe(
      'Replace an existing file; refused unless the backend config sets `infraSpecs.publish.local.allowOverwrite: true`. Default `false`: an existing file fails the step',
    );
