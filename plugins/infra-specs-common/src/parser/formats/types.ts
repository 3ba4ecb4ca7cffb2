import type { SpecDocumentContext } from '../context';
import type { SpecFields } from '../fields/readSpecFields';

/**
 * A spec format: how to recognise it and how to read its fields. One module per format; portals
 * add their own through the backend's extension point.
 * @public
 */
export interface SpecFormatDefinition {
  /** The `format` value of documents read with it (`infrastructure-change`). */
  name: string;
  label: string;
  description?: string;
  /**
   * The prefix of the numbered ids this format's specs get (`SPEC` for `SPEC-0042`). The specs
   * backend reserves ids (`POST /next-id`) only for prefixes that a format declares.
   */
  idPrefix?: string;
  /**
   * How sure the format is that the document is one of its own, from 0 (not at all) to 1.
   * The highest score wins; on a tie the format registered later wins.
   */
  recognise(ctx: SpecDocumentContext): number;
  /** The document's fields; usually `readSpecFields(ctx, options)` plus what the format knows better. */
  read(ctx: SpecDocumentContext): SpecFields;
}

/** An ordered, name-unique set of formats. @public */
export interface SpecFormatRegistry {
  /** The formats in registration order; a later definition of a name replaced the earlier one and took its own position. */
  readonly formats: ReadonlyArray<SpecFormatDefinition>;
  get(name: string): SpecFormatDefinition | undefined;
}
