import type { Knex } from 'knex';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_STATUSES,
  type SpecDiagnostic,
  type SpecDocument,
  type SpecLocationState,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { specEntityRef } from '../refs';
import type { StoredLocation, StoredSpecState } from './SpecStore';
import {
  LOCATIONS,
  SPECS,
  type ListedRow,
  type LocationRow,
  type SpecRow,
} from './tables';

/** Sort keys: progress for statuses, severity for blast radius (0 = unknown). */
const STATUS_RANK = new Map(SPEC_STATUSES.map(s => [s.value, s.order]));
const BLAST_RADIUS_RANK = new Map(
  BLAST_RADIUS_LEVELS.map(b => [b.value, b.order]),
);

/**
 * When a spec was last read: a current spec was read with its location (an unchanged
 * location only touches its own row, not every spec row); a removed one when last seen.
 */
export const INDEXED_AT_SQL =
  '(case when ?? is null and ?? is not null then ?? else ?? end)';
export const INDEXED_AT_REFS = [
  `${SPECS}.removed_at`,
  `${LOCATIONS}.indexed_at`,
  `${LOCATIONS}.indexed_at`,
  `${SPECS}.indexed_at`,
];

/** Columns listed by the API: everything but the markdown (the proposed specs table has them too). */
export const LISTED_SPEC_COLUMNS = [
  'name',
  'component_ref',
  'path',
  'spec_id',
  'title',
  'search_text',
  'format',
  'status',
  'status_rank',
  'owner_ref',
  'blast_radius',
  'blast_radius_rank',
  'rollback',
  'downtime',
  'monthly_cost_delta',
  'currency',
  'monthly_cost_estimate',
  'estimate_currency',
  'cost_drift',
  'acceptance_total',
  'acceptance_done',
  'updated',
  'error_count',
  'warning_count',
  'document',
  'set_diagnostics',
  'location_target',
  'view_url',
  'content_hash',
  'content_changed_at',
  'status_changed_at',
  'removed_at',
] as const;
const LISTED_COLUMNS = LISTED_SPEC_COLUMNS.map(c => `${SPECS}.${c}`);

/** What the API lists of a spec: everything but the markdown, plus its location's freshness. */
export function listedColumns(knex: Knex) {
  return [
    ...LISTED_COLUMNS,
    knex.raw(`${INDEXED_AT_SQL} as ??`, [...INDEXED_AT_REFS, 'indexed_at']),
    `${LOCATIONS}.last_error as location_error`,
    `${LOCATIONS}.last_error_at as location_error_at`,
  ];
}

/** Specs joined with their location, selecting {@link listedColumns}. */
export function listedQuery(knex: Knex) {
  return knex(SPECS)
    .leftJoin(LOCATIONS, `${LOCATIONS}.component_ref`, `${SPECS}.component_ref`)
    .select(...listedColumns(knex));
}

/** The columns a document fills; everything people filter or sort on. */
export function documentColumns(
  document: SpecDocument,
  setDiagnostics: SpecDiagnostic[],
) {
  const all = [...document.diagnostics, ...setDiagnostics];
  const blastRadius = document.impact.blastRadius.level ?? 'unknown';
  const monthly = document.cost.monthlyDelta;
  const estimate = document.cost.estimate;
  return {
    spec_id: document.id ? document.id.slice(0, 255) : null,
    title: document.title,
    search_text: `${document.id ?? ''} ${document.title}`.toLocaleLowerCase(
      'en-US',
    ),
    format: String(document.format).slice(0, 255),
    status: document.status,
    status_rank: STATUS_RANK.get(document.status) ?? 0,
    blast_radius: blastRadius,
    blast_radius_rank: BLAST_RADIUS_RANK.get(blastRadius) ?? 0,
    rollback: document.impact.rollback,
    downtime: document.impact.downtime,
    monthly_cost_delta:
      typeof monthly === 'number' && Number.isFinite(monthly) ? monthly : null,
    currency: document.cost.currency
      ? document.cost.currency.slice(0, 8)
      : null,
    monthly_cost_estimate: estimate ? estimate.monthlyDelta : null,
    estimate_currency: estimate ? estimate.currency.slice(0, 8) : null,
    cost_drift: estimate ? document.cost.drift ?? null : null,
    acceptance_total: document.acceptance.total,
    acceptance_done: document.acceptance.done,
    updated: document.updated ? document.updated.slice(0, 10) : null,
    error_count: all.filter(d => d.severity === 'error').length,
    warning_count: all.filter(d => d.severity === 'warning').length,
    document: JSON.stringify(document),
    set_diagnostics: JSON.stringify(setDiagnostics),
  };
}

export function toRecord(row: ListedRow): SpecRecord {
  const document = JSON.parse(row.document) as SpecDocument;
  const setDiagnostics = JSON.parse(row.set_diagnostics) as SpecDiagnostic[];
  if (setDiagnostics.length) {
    document.diagnostics = [...document.diagnostics, ...setDiagnostics];
  }
  return {
    name: row.name,
    entityRef: specEntityRef(row.name),
    componentRef: row.component_ref,
    ownerRef: row.owner_ref,
    path: row.path,
    locationTarget: row.location_target,
    viewUrl: row.view_url,
    document,
    indexedAt: row.indexed_at,
    contentChangedAt: row.content_changed_at,
    statusChangedAt: row.status_changed_at,
    removedAt: row.removed_at,
    lastRefreshError:
      row.location_error && row.location_error_at
        ? { message: row.location_error, at: row.location_error_at }
        : null,
    // Filled from the pull request tables by the queries (see pullRequests.ts).
    pullRequest: null,
    proposed: false,
  };
}

/** The columns of a spec row that the refresh diff compares. */
export const STATE_COLUMNS = [
  'name',
  'path',
  'status',
  'content_hash',
  'owner_ref',
  'location_target',
  'view_url',
  'set_diagnostics',
  'removed_at',
] as const;

export function toSpecState(
  row: Pick<SpecRow, (typeof STATE_COLUMNS)[number]>,
): StoredSpecState {
  return {
    name: row.name,
    path: row.path,
    status: row.status,
    contentHash: row.content_hash,
    ownerRef: row.owner_ref,
    locationTarget: row.location_target,
    viewUrl: row.view_url,
    setDiagnostics: JSON.parse(row.set_diagnostics),
    removedAt: row.removed_at,
  };
}

export function toStoredLocation(row: LocationRow): StoredLocation {
  return {
    componentRef: row.component_ref,
    target: row.target,
    ownerRef: row.owner_ref,
    etag: row.etag,
    parserFingerprint: row.parser_fingerprint,
    indexedAt: row.indexed_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: Number(row.consecutive_failures),
    nextAttemptAt: row.next_attempt_at,
    otherFiles: JSON.parse(row.other_files),
    warnings: JSON.parse(row.warnings),
    removedAt: row.removed_at ?? null,
  };
}

export function toLocationState(
  row: LocationRow,
  specCount: number,
): SpecLocationState {
  return {
    componentRef: row.component_ref,
    target: row.target,
    indexedAt: row.indexed_at,
    lastError:
      row.last_error && row.last_error_at
        ? { message: row.last_error, at: row.last_error_at }
        : null,
    nextAttemptAt: row.next_attempt_at,
    specCount,
    consecutiveFailures: Number(row.consecutive_failures),
    warnings: JSON.parse(row.warnings),
  };
}
