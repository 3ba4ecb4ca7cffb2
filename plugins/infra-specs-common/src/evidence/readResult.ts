/*
 * What an evidence reader returns: the facts of a file (with notes about it), or the one reason it
 * cannot be used. Plain data, so that results cross worker threads and HTTP unchanged.
 */
import type { SpecDiagnostic, SpecEvidenceKind } from '../model/types';

/** A finding about an evidence file; checkEvidence gives it the line of the spec's link. @public */
export type EvidenceDiagnostic = Omit<SpecDiagnostic, 'line' | 'column'>;

/**
 * The result of reading an evidence file: `{ value, diagnostics }` (notes about a usable file, such
 * as an unknown schema version) or `{ diagnostic }` (why it cannot be used, an error).
 * @public
 */
export type EvidenceReadResult<T> =
  | { value: T; diagnostics?: EvidenceDiagnostic[] }
  | { diagnostic: EvidenceDiagnostic; value?: undefined };

const LABEL: Record<SpecEvidenceKind, string> = {
  estimate: 'Infracost estimate',
  plan: 'Plan',
};

const CODE: Record<SpecEvidenceKind, string> = {
  estimate: 'invalid-estimate',
  plan: 'invalid-plan',
};

/**
 * The result for an evidence file that could not be read at all (missing, too large, an HTTP
 * error, a link that leaves the location): an `invalid-estimate` / `invalid-plan` error naming the
 * source and the reason.
 * @public
 */
export function evidenceReadFailure(
  kind: SpecEvidenceKind,
  source: string,
  reason: string,
): { diagnostic: EvidenceDiagnostic } {
  return {
    diagnostic: {
      severity: 'error',
      code: CODE[kind],
      message: `${LABEL[kind]} ${source} cannot be read: ${reason}`,
    },
  };
}
