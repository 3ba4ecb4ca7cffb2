import type { Entity } from '@backstage/catalog-model';
import type { SpecDiagnostic } from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * An error diagnostic of a spec as the provider publishes it in `spec.errors` of the Spec
 * entity (which also makes `filter=spec.errors.code=open-clarification` work).
 */
export interface SpecEntityError {
  code: string;
  /** 1-based line in the spec file; 0 when the diagnostic is about the whole file. */
  line: number;
  message: string;
}

/** The `spec.errors` value for a document's diagnostics: only those of severity error. */
export function toSpecEntityErrors(diagnostics: SpecDiagnostic[]): SpecEntityError[] {
  return diagnostics
    .filter(d => d.severity === 'error')
    .map(({ code, line, message }) => ({ code, line, message }));
}

/**
 * The errors carried in `spec.errors` of a Spec entity. Malformed items are ignored here: the
 * catalog's schema validation owns the shape, this only picks what it can show.
 */
export function readSpecEntityErrors(entity: Entity): SpecEntityError[] {
  const list = entity.spec?.errors;
  if (!Array.isArray(list)) {
    return [];
  }
  const out: SpecEntityError[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') {
      continue;
    }
    const { code, line, message } = item as Record<string, unknown>;
    if (typeof message !== 'string' || !message) {
      continue;
    }
    out.push({
      code: typeof code === 'string' && code ? code : 'error',
      line: typeof line === 'number' && line > 0 ? line : 0,
      message,
    });
  }
  return out;
}
