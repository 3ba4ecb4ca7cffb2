import { parseEntityRef } from '@backstage/catalog-model';
import {
  markdownToPlainText,
  type InfraSpecSearchDocument,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/**
 * Longest `text` we index. A spec is at most `infraSpecs.refresh.maxFileBytes` (1 MiB by
 * default); PostgreSQL's tsvector refuses more than 1 MiB and Lunr keeps every document in memory.
 */
export const MAX_TEXT_LENGTH = 100_000;

/** `spec:default/spec-0042-x` -> `/catalog/default/spec/spec-0042-x` (the Spec entity page). */
export function specEntityPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef, {
    defaultKind: 'spec',
    defaultNamespace: 'default',
  });
  return `/catalog/${[ref.namespace, ref.kind, ref.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/** One search document of a stored spec; `markdown` is the file as written (absent: summary only). */
export function specToDocument(
  record: SpecRecord,
  markdown: string | undefined,
): InfraSpecSearchDocument {
  const { document } = record;
  const summary = document.summary?.trim() ?? '';
  const body = markdown ? markdownToPlainText(markdown) : '';
  let text = [summary, body].filter(Boolean).join('\n');
  if (text.length > MAX_TEXT_LENGTH) {
    text = text.slice(0, MAX_TEXT_LENGTH);
  }
  return {
    title: document.id ? `${document.id} ${document.title}` : document.title,
    text,
    location: specEntityPath(record.entityRef),
    id: document.id,
    status: document.status,
    format: document.format,
    blastRadius: document.impact.blastRadius.level,
    component: record.componentRef,
    owner: record.ownerRef,
    monthlyCostDelta: document.cost.monthlyDelta,
    currency: document.cost.currency,
    authorization: { resourceRef: record.entityRef },
  };
}
