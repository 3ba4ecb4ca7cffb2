import type {
  SpecDiagnostic,
  SpecDocument,
  SpecEvidenceInput,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** What parsing one document gave: the document, or why there is none (a timeout, a lost worker). */
export type ParseOutcome = { document: SpecDocument } | { error: string };

/**
 * What the refresh needs from the parser in infra-specs-common, bound to one format
 * registry (the defaults plus formats added through the extension point).
 */
export interface SpecParser {
  /**
   * Changes whenever parsing could give other results (parser version, formats):
   * stored documents of another fingerprint are parsed again.
   */
  readonly fingerprint: string;
  /** Upper-case prefixes of numbered ids that the formats declare (`SPEC`, `FEAT`): what /next-id serves. */
  readonly idPrefixes: ReadonlyArray<string>;
  /** Worker threads `parseMany` uses; 0 when it parses on the calling thread. */
  readonly workers: number;
  /** Parses one document on the calling thread. */
  parse(markdown: string, path: string): SpecDocument;
  /** Parses many documents, in worker threads when the parser has a pool; outcomes in order. */
  parseMany(
    documents: Array<{ markdown: string; path: string }>,
  ): Promise<ParseOutcome[]>;
  /** Stops the worker threads, if any. */
  close(): Promise<void>;
  /**
   * The document judged against its evidence (estimate, plan: read results, or absent when it
   * links none), with the configured drift thresholds; the fingerprint covers them.
   */
  checkEvidence(
    document: SpecDocument,
    evidence: SpecEvidenceInput,
  ): SpecDocument;
  isSpec(path: string, document: SpecDocument): boolean;
  /** False when the path alone rules a spec out (README.md, plan.md, templates/...): no need to parse. */
  mayBeSpec(path: string): boolean;
  /** Diagnostics that need the whole location (duplicate ids, status vs folder), by path. */
  lintSet(
    entries: Array<{ path: string; document: SpecDocument }>,
  ): Map<string, SpecDiagnostic[]>;
  /** A DNS-safe name not in `taken`. */
  entityName(document: SpecDocument, path: string, taken: Set<string>): string;
}
