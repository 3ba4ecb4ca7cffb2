/*
 * Input fields the actions share, once: the list filters of GET /specs in the actions' zod, and
 * the reading of the refs people and assistants write (`payments-api`, `group:platform`).
 */
import { InputError } from '@backstage/errors';
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
  SPEC_COST_DRIFTS,
  SPEC_STATUSES,
  vocabularyValues,
  type VocabularyEntry,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { z as zod } from 'zod/v3';
import { parseRef } from '../refs';

type Zod = typeof zod;

const oneOf = <T extends string>(
  z: Zod,
  vocabulary: ReadonlyArray<VocabularyEntry<T>>,
) => z.enum(vocabularyValues(vocabulary));

/** The filters of GET /specs; every list matches any of its values. */
export const specFilterProperties = (z: Zod) => ({
  status: z
    .array(oneOf(z, SPEC_STATUSES))
    .max(20)
    .optional()
    .describe('e.g. ["in-review"]'),
  component: z
    .array(z.string().min(1).max(255))
    .max(100)
    .optional()
    .describe('component refs or names, e.g. ["payments-api"]'),
  owner: z
    .array(z.string().min(1).max(255))
    .max(100)
    .optional()
    .describe('owner refs; a bare name is a group, e.g. ["platform-team"]'),
  blastRadius: z.array(oneOf(z, BLAST_RADIUS_LEVELS)).max(10).optional(),
  rollback: z.array(oneOf(z, ROLLBACK_COMPLEXITIES)).max(10).optional(),
  downtime: z.array(oneOf(z, DOWNTIME_REQUIREMENTS)).max(10).optional(),
  costDrift: z
    .array(oneOf(z, SPEC_COST_DRIFTS))
    .max(3)
    .optional()
    .describe(
      'how the claimed cost compares with the Infracost estimate: over (understated), under, ok',
    ),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('words of the id or title, case-insensitive'),
});

/** Stored refs of what people write, or a clear error naming the input field. */
export function refsOf(
  refs: string[] | undefined,
  field: string,
  defaultKind: string,
): string[] | undefined {
  return refs?.map(ref => {
    try {
      return parseRef(ref, { defaultKind });
    } catch {
      throw new InputError(`${field}: '${ref}' is not an entity ref`);
    }
  });
}
