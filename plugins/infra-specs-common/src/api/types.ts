/*
 * Shapes of the infra-specs REST API (/api/infra-specs), shared by the backend
 * router, its clients (frontend, catalog module, search collator, scaffolder) and tests.
 */
import type {
  BlastRadiusLevel,
  SpecCostDrift,
  DowntimeRequirement,
  RollbackComplexity,
  SpecDiagnostic,
  SpecDocument,
  SpecFormat,
  SpecStatus,
} from '../model/types';

/** A stored spec: the parsed document plus where it came from. @public */
export interface SpecRecord {
  /** Unique and stable: the name of the Spec catalog entity (`spec-0042-upgrade-eks`). */
  name: string;
  /** `spec:<namespace>/<name>`. */
  entityRef: string;
  /** The component whose spec location holds the file, e.g. `component:default/payments-api`. */
  componentRef: string;
  /** The owner entity ref: the component's owner unless the spec names one. */
  ownerRef: string;
  /** Path of the file relative to the spec location, with forward slashes. */
  path: string;
  /** The spec location (folder) as a URL or `file:` path. */
  locationTarget: string;
  /** Where people can read the file (the Git host's page), when known. */
  viewUrl: string | null;
  document: SpecDocument;
  /** When this row was last written by a refresh that read the file (ISO timestamp). */
  indexedAt: string;
  /** When the file's content last changed, as seen by the indexer (ISO timestamp). */
  contentChangedAt: string;
  /** When the current status was first observed (ISO timestamp). */
  statusChangedAt: string;
  /** Set when the file vanished from its location; removed specs are kept for history only. */
  removedAt: string | null;
  /** Extension: the last refresh error of the spec's location, null when its last read succeeded. */
  lastRefreshError?: { message: string; at: string } | null;
  /**
   * Extension: the open pull request that changes this spec, or that proposes it when
   * `proposed` is true; null when none does. Cleared when the pull request closes (a merge
   * shows as the merged spec after the base branch's refresh).
   */
  pullRequest?: SpecPullRequest | null;
  /**
   * Extension: true for a spec that exists only on an open pull request's branch. Its `name`
   * ends in `--pr-<number>` and never collides with a merged spec; it is no catalog entity.
   */
  proposed?: boolean;
}

/** A pull request of the spec's repository, as the index knows it. @public */
export interface SpecPullRequest {
  /** The pull request's number in its repository (`#7`). */
  number: number;
  /** The pull request's page (`html_url`). */
  url: string;
  /** The index keeps open pull requests only; `closed` and `merged` are for other sources. */
  state: 'open' | 'closed' | 'merged';
  /** The pull request's title, when known. */
  title?: string;
}

/** @public */
export interface SpecStatusChange {
  from: SpecStatus | null;
  to: SpecStatus;
  observedAt: string;
}

/** Refresh state of one spec location (one annotated component). @public */
export interface SpecLocationState {
  componentRef: string;
  target: string;
  /** Last successful read (ISO timestamp), null before the first. */
  indexedAt: string | null;
  lastError: { message: string; at: string } | null;
  /** After failures: when the next attempt is due. */
  nextAttemptAt: string | null;
  specCount: number;
  /** Extension: failed reads in a row (0 after a success). */
  consecutiveFailures?: number;
  /** Extension: files the last read skipped, with the reason (e.g. too large). */
  warnings?: string[];
}

/** GET /specs/:name @public */
export interface SpecDetail extends SpecRecord {
  markdown: string;
  history: SpecStatusChange[];
  location: SpecLocationState | null;
}

/** Filters of GET /specs; every list field matches any of its values. @public */
export interface SpecQuery {
  status?: SpecStatus[];
  format?: SpecFormat[];
  component?: string[];
  owner?: string[];
  blastRadius?: BlastRadiusLevel[];
  rollback?: RollbackComplexity[];
  downtime?: DowntimeRequirement[];
  /** Extension: how the claimed cost compares with the Infracost estimate (specs with one only). */
  costDrift?: SpecCostDrift[];
  /** Full text on id and title. */
  q?: string;
  limit?: number;
  cursor?: string;
  /** Field to sort by; prefix `-` for descending. */
  sort?: SpecSortField | `-${SpecSortField}`;
  /** Extension: also list specs whose file vanished (`removedAt` set). */
  includeRemoved?: boolean;
  /** Extension: also list specs that exist only on open pull requests (`proposed: true`). */
  includeProposed?: boolean;
}

/** The fields GET /specs sorts by. @public */
export const SPEC_SORT_FIELDS = [
  'id',
  'title',
  'status',
  'updated',
  'monthlyCostDelta',
  'blastRadius',
  'indexedAt',
] as const;

/** @public */
export type SpecSortField = (typeof SPEC_SORT_FIELDS)[number];

/** GET /specs @public */
export interface SpecListResponse {
  items: SpecRecord[];
  totalCount: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** GET /entity/:kind/:namespace/:name/specs @public */
export interface EntitySpecsResponse {
  items: SpecRecord[];
  /** Null when the entity has no spec location (specs may still name it). */
  location: SpecLocationState | null;
}

/** GET /summary @public */
export interface SpecSummary {
  total: number;
  byStatus: Record<SpecStatus, number>;
  byBlastRadius: Record<BlastRadiusLevel, number>;
  monthlyCostDeltaByStatus: Record<SpecStatus, number>;
  monthlyCostDeltaByComponent: Array<{
    componentRef: string;
    monthlyCostDelta: number;
  }>;
  monthlyCostDeltaByOwner: Array<{
    ownerRef: string;
    monthlyCostDelta: number;
  }>;
  /** The currency of the sums when all specs agree on one, else null. */
  currency: string | null;
  /** Extension: the Infracost estimates of the specs that have one, summed like the claims. */
  estimated?: SpecEstimateSummary;
  /** Extension: specs by how their claim compares with their estimate (specs with a drift only). */
  byCostDrift?: Record<SpecCostDrift, number>;
}

/** The estimated side of GET /summary: sums of `cost.estimate.monthlyDelta`. @public */
export interface SpecEstimateSummary {
  /** Specs with an estimate. */
  count: number;
  /**
   * Specs with an estimate, by status (zero-filled), so that a status none of whose specs is
   * estimated reads as not estimated rather than as an estimate of 0. Older backends leave it out.
   */
  byStatus?: Record<SpecStatus, number>;
  /** Zero-filled: 0 for a status without estimates too (see `byStatus`). */
  monthlyCostDeltaByStatus: Record<SpecStatus, number>;
  /** Extension: sums by component, as for the claims. */
  monthlyCostDeltaByComponent?: Array<{
    componentRef: string;
    monthlyCostDelta: number;
  }>;
  monthlyCostDeltaByOwner: Array<{
    ownerRef: string;
    monthlyCostDelta: number;
  }>;
  /** The currency of the estimates when all agree on one, else null. */
  currency: string | null;
}

/** POST /refresh body; no entityRef refreshes every location. @public */
export interface RefreshRequest {
  entityRef?: string;
}

/** @public */
export interface RefreshResponse {
  locations: SpecLocationState[];
}

/** POST /lint @public */
export interface LintRequest {
  markdown: string;
  path?: string;
}

/** @public */
export interface LintResponse {
  document: SpecDocument;
  diagnostics: SpecDiagnostic[];
}

/** GET /next-id?prefix=SPEC: the next free id the scaffolder may allocate. @public */
export interface NextIdResponse {
  id: string;
}

/**
 * GET /changes?since=<token>: what changed in the index since a token, for consumers that
 * mirror it (the catalog entity provider). @public
 */
export interface SpecChangesResponse {
  /**
   * True when `since` was absent, malformed, from another database or older than the change
   * log keeps: read everything with GET /specs, apply it as a full mutation, then continue
   * from `token`. `upserted` and `removed` are empty then.
   */
  full: boolean;
  /** Specs added or changed since the token, in their current state. */
  upserted: SpecRecord[];
  /** Specs removed since the token (file vanished, or the component left the catalog). */
  removed: Array<{ name: string; entityRef: string }>;
  /** Pass as `since` next time. */
  token: string;
  /** More changes are waiting: call again with `token` right away. */
  hasMore: boolean;
}
