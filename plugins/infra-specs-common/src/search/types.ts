/*
 * The search documents of infra-specs: written by the search collator module, read by the
 * frontend's result list item and status filter. One shape for both sides.
 */
import type { BlastRadiusLevel, SpecFormat, SpecStatus } from '../model/types';

/** The search document type (`types[]=infra-spec`) of indexed specs. @public */
export const INFRA_SPEC_SEARCH_TYPE = 'infra-spec';

/**
 * One indexed spec. Every field is always present (null when unknown): the in-memory Lunr
 * engine only indexes the fields of the first document it sees, and filters on others fail.
 * `status`, `format`, `blastRadius`, `component` and `owner` are exact values for search filters
 * (`filters[status]=in-review`).
 *
 * @public
 */
export interface InfraSpecSearchDocument {
  /** `<id> <title>` (just the title when the spec has no id). */
  title: string;
  /** The spec as plain text: summary first, then the whole body without markdown syntax. */
  text: string;
  /** The Spec entity page: `/catalog/<namespace>/spec/<name>`. */
  location: string;
  /** The spec's own id (`SPEC-0042`), null when it has none. */
  id: string | null;
  status: SpecStatus;
  format: SpecFormat;
  blastRadius: BlastRadiusLevel;
  /** Entity ref of the component (`component:default/payments-api`). */
  component: string;
  /** Entity ref of the owner (`group:default/platform-team`). */
  owner: string;
  /** Monthly cost change; negative means savings. */
  monthlyCostDelta: number | null;
  /** ISO 4217 code of `monthlyCostDelta`. */
  currency: string | null;
  /** Entity ref of the Spec entity; search filters results by `infra-specs.spec.read` on it. */
  authorization?: { resourceRef: string };
}
