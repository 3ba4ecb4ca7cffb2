import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  SpecChangesResponse,
  SpecDetail,
  SpecDiagnostic,
  SpecDocument,
  SpecListResponse,
  SpecLocationState,
  SpecQuery,
  SpecRecord,
  SpecSortField,
  SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** One condition of a read permission, already turned into a column filter. @public */
export interface SpecAccessCondition {
  field: 'ownerRef' | 'componentRef';
  /** Lower-case entity refs. */
  values: string[];
}

/** What a caller may read; undefined means everything. */
export type SpecAccessFilter = PermissionCriteria<SpecAccessCondition>;

export type SpecListFilter = Omit<SpecQuery, 'limit' | 'cursor' | 'sort'>;

export interface ListSpecsOptions {
  filter: SpecListFilter;
  limit: number;
  cursor?: string;
  sort: { field: SpecSortField; order: 'asc' | 'desc' };
  access?: SpecAccessFilter;
}

/** The refresh state of a location as stored, with what the next read needs. */
export interface StoredLocation {
  componentRef: string;
  target: string;
  ownerRef: string;
  etag: string | null;
  parserFingerprint: string | null;
  indexedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
  /** Markdown files of the location that are not specs: path -> content hash. */
  otherFiles: Record<string, string>;
  warnings: string[];
}

/** What the refresh needs to know about a stored spec to plan the next write. */
export interface StoredSpecFile {
  name: string;
  path: string;
  contentHash: string;
  specId: string | null;
  removedAt: string | null;
  setDiagnostics: SpecDiagnostic[];
}

/** One spec file as it is now; `content` absent when it is unchanged since the stored row. */
export interface SpecWrite {
  name: string;
  path: string;
  viewUrl: string | null;
  /** Diagnostics of linting the whole location; absent keeps the stored ones. */
  setDiagnostics?: SpecDiagnostic[];
  content?: { markdown: string; contentHash: string; document: SpecDocument };
}

/** The complete current state of one location after a successful read. */
export interface LocationSync {
  componentRef: string;
  target: string;
  ownerRef: string;
  etag: string | null;
  parserFingerprint: string;
  at: string;
  /** Every spec of the location; stored specs missing here get `removed_at`. */
  specs: SpecWrite[];
  otherFiles: Record<string, string>;
  warnings: string[];
}

export interface LocationSyncResult {
  added: string[];
  changed: string[];
  removed: string[];
  statusChanges: number;
}

/**
 * All reads and writes of the infra-specs index. One implementation
 * ({@link DatabaseSpecStore}) owns every SQL statement.
 */
export interface SpecStore {
  // --- reads for the API ---
  listSpecs(options: ListSpecsOptions): Promise<SpecListResponse>;
  /** The records with these names (removed ones included), in no particular order. */
  getSpecsByName(
    names: string[],
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]>;
  getSpecDetail(
    name: string,
    access?: SpecAccessFilter,
  ): Promise<SpecDetail | undefined>;
  listSpecsOfComponent(
    componentRef: string,
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]>;
  getSummary(options: {
    componentRef?: string;
    access?: SpecAccessFilter;
  }): Promise<SpecSummary>;
  getLocationState(componentRef: string): Promise<SpecLocationState | undefined>;
  listLocationStates(): Promise<SpecLocationState[]>;
  getChanges(options: {
    since?: string;
    limit: number;
  }): Promise<SpecChangesResponse>;
  /** Allocates the next id of a prefix: one more than any id seen or handed out before. */
  allocateId(prefix: string): Promise<string>;
  /** The id {@link SpecStore.allocateId} would hand out now, without reserving it. */
  peekId(prefix: string): Promise<string>;

  // --- reads and writes for the refresh ---
  listLocations(): Promise<StoredLocation[]>;
  getLocationSnapshot(
    componentRef: string,
  ): Promise<{ location?: StoredLocation; specs: StoredSpecFile[] }>;
  /** Parsed documents (without location lint diagnostics) by spec name. */
  getDocuments(names: string[]): Promise<Map<string, SpecDocument>>;
  listSpecNames(): Promise<string[]>;
  syncLocation(sync: LocationSync): Promise<LocationSyncResult>;
  /** A read that found nothing new: only the timestamps (and owner/target) move. */
  touchLocation(input: {
    componentRef: string;
    target: string;
    ownerRef: string;
    etag: string | null;
    at: string;
  }): Promise<void>;
  /** Reads that found nothing new, for many locations at once: only timestamps move, errors clear. */
  touchLocations(componentRefs: string[], at: string): Promise<void>;
  recordLocationFailure(input: {
    componentRef: string;
    target: string;
    ownerRef: string;
    message: string;
    at: string;
    consecutiveFailures: number;
    nextAttemptAt: string;
  }): Promise<void>;
  /** Deletes locations (and their specs and history) of the given components. */
  deleteLocations(componentRefs: string[]): Promise<string[]>;
  prune(options: {
    historyBefore: string;
    removedBefore: string;
    changesBefore: string;
  }): Promise<{ history: number; specs: number; changes: number }>;
}
