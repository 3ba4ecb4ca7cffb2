/*
 * SpecDocument → Spec catalog entity (docs/spec-model.md, "The catalog entity"). Relations are
 * not set here: the catalog processor emits them.
 */
import {
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
} from '@backstage/catalog-model';
import { costDriftOf } from '../evidence/drift';
import type { SpecDocument } from '../model/types';
import {
  ANNOTATION_SPEC_ID,
  SPEC_ENTITY_API_VERSION,
  SPEC_ENTITY_KIND,
} from './constants';
import type { SpecEntity, SpecEntitySpec } from './SpecEntity';

/** @public */
export interface SpecToEntityInput {
  document: SpecDocument;
  /** From specEntityName(). */
  name: string;
  namespace?: string;
  /** Entity ref of the component (`component:default/payments-api`). */
  componentRef: string;
  /** Entity ref of the owner (`group:default/platform`). */
  ownerRef: string;
  /** The folder of the spec: an URL, `url:...` or `file:...` location. */
  locationTarget: string;
  /** Where people read the file (the Git host's page), when known. */
  viewUrl?: string | null;
}

const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

/** `https://...` → `url:https://.../`; `url:`/`file:` kept; a plain path → `file:<path>`. */
export function sourceLocation(target: string): string {
  if (/^(url|file):/.test(target)) return target;
  if (/^https?:\/\//i.test(target))
    return `url:${target.endsWith('/') ? target : `${target}/`}`;
  return `file:${target}`;
}

/**
 * The catalog entity of a spec: annotations `backstage.io/source-location`,
 * `backstage.io/view-url`, `infra-specs.dev/spec-id`; title `<id> <title>`; description = summary.
 * @public
 */
export function specToEntity(input: SpecToEntityInput): SpecEntity {
  const { document } = input;
  const annotations: Record<string, string> = {
    [ANNOTATION_SOURCE_LOCATION]: sourceLocation(input.locationTarget),
  };
  if (input.viewUrl) annotations[ANNOTATION_VIEW_URL] = input.viewUrl;
  if (document.id) annotations[ANNOTATION_SPEC_ID] = document.id;

  const spec: SpecEntitySpec = {
    type: document.format,
    status: document.status,
    owner: input.ownerRef,
    component: input.componentRef,
    blastRadius: document.impact.blastRadius.level,
    acceptance: {
      total: document.acceptance.total,
      done: document.acceptance.done,
    },
  };
  if (document.impact.rollback) spec.rollback = document.impact.rollback;
  if (document.impact.downtime) spec.downtime = document.impact.downtime;
  if (
    document.cost.monthlyDelta !== null &&
    Number.isFinite(document.cost.monthlyDelta)
  ) {
    spec.monthlyCostDelta = document.cost.monthlyDelta;
  }
  if (document.cost.currency) spec.currency = document.cost.currency;
  const estimate = document.cost.estimate;
  if (estimate && Number.isFinite(estimate.monthlyDelta)) {
    spec.costEstimate = estimate.monthlyDelta;
    if (estimate.currency) spec.costEstimateCurrency = estimate.currency;
    // Documents checked before `drift` existed: the default thresholds.
    const drift =
      document.cost.drift === undefined
        ? costDriftOf(document.cost, estimate)
        : document.cost.drift;
    if (drift) spec.costDrift = drift;
  }

  const title =
    [document.id, document.title].filter(Boolean).join(' ') || input.name;
  const entity: SpecEntity = {
    apiVersion: SPEC_ENTITY_API_VERSION as SpecEntity['apiVersion'],
    kind: SPEC_ENTITY_KIND as SpecEntity['kind'],
    metadata: {
      name: input.name,
      namespace: input.namespace ?? 'default',
      title,
      annotations,
    },
    spec,
  };
  if (document.summary) entity.metadata.description = document.summary;
  if (
    document.format !== 'unknown' &&
    TAG.test(document.format) &&
    document.format.length <= 63
  ) {
    entity.metadata.tags = [document.format];
  }
  if (document.issue && /^https?:\/\//i.test(document.issue)) {
    entity.metadata.links = [
      { url: document.issue, title: 'Tracking issue', type: 'issue' },
    ];
  }
  return entity;
}
