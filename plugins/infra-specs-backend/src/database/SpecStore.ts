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
  /** When its component left the catalog; its specs are soft-removed since. */
  removedAt: string | null;
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

/** A stored spec of a location, as the refresh diff compares it with the files. */
export interface StoredSpecState {
  name: string;
  path: string;
  status: string;
  contentHash: string;
  ownerRef: string;
  locationTarget: string;
  viewUrl: string | null;
  setDiagnostics: SpecDiagnostic[];
  removedAt: string | null;
}

/** The parsed content of a spec file, with the location lint that goes with it. */
export interface SpecContentWrite {
  markdown: string;
  contentHash: string;
  document: SpecDocument;
  setDiagnostics: SpecDiagnostic[];
}

/** A spec that is not stored yet. */
export interface SpecInsert {
  name: string;
  path: string;
  viewUrl: string | null;
  content: SpecContentWrite;
}

/** What changes on a stored spec; absent fields stay as stored. */
export interface SpecPatch {
  name: string;
  path?: string;
  viewUrl?: string | null;
  ownerRef?: string;
  locationTarget?: string;
  /** The spec was removed and its file is back. */
  restored?: true;
  /** New content; `statusChanged` moves `statusChangedAt`. */
  content?: SpecContentWrite & { statusChanged: boolean };
  /** Same content, other location lint: the stored document gets these diagnostics. */
  setDiagnostics?: SpecDiagnostic[];
}

/** Everything one sync writes, planned by the refresh from the stored specs and the files. */
export interface LocationChanges {
  inserts: SpecInsert[];
  patches: SpecPatch[];
  /** Names of current specs whose file is gone. */
  removals: string[];
  /** Status history to append; the first observation of a spec has `from: null`. */
  history: Array<{ name: string; from: string | null; to: string }>;
  /** Ids of new and changed documents, which the next-id counters must stay above. */
  seenIds: string[];
  statusChanges: number;
}

/** Plans the writes of a sync; pure, so the store can call it inside its transaction. */
export type LocationDiff = (
  stored: StoredSpecState[],
  sync: LocationSync,
) => LocationChanges;

/** A read that found nothing new: only the timestamps (and owner/target) move. */
export interface LocationTouch {
  componentRef: string;
  target: string;
  ownerRef: string;
  etag: string | null;
  at: string;
}

/** A failed read of a location, with when to try again. */
export interface LocationFailure {
  componentRef: string;
  target: string;
  ownerRef: string;
  message: string;
  at: string;
  consecutiveFailures: number;
  nextAttemptAt: string;
}

/** Cut-off timestamps of retention: older entries go. */
export interface PruneOptions {
  historyBefore: string;
  removedBefore: string;
  changesBefore: string;
}

export interface PruneResult {
  history: number;
  specs: number;
  /** Locations of components gone for longer than the removed-spec retention. */
  locations: number;
  changes: number;
}

/** An open pull request of a repository that holds spec locations. */
export interface StoredPullRequest {
  /** `host/owner/name`, lower case. */
  repository: string;
  number: number;
  url: string;
  title: string;
  /** The head commit its specs were read at. */
  headSha: string;
}

/** A spec that exists only on a pull request's branch, parsed from the head commit. */
export interface ProposedSpecWrite {
  /** `<spec name>--pr-<number>`: never a merged spec's name (those have no `--`). */
  name: string;
  componentRef: string;
  path: string;
  ownerRef: string;
  locationTarget: string;
  viewUrl: string | null;
  markdown: string;
  contentHash: string;
  document: SpecDocument;
  setDiagnostics: SpecDiagnostic[];
}

/** What one pull request does to the index. */
export interface PullRequestSpecs {
  /** Names of merged specs whose file it changes, moves or removes. */
  changes: string[];
  proposed: ProposedSpecWrite[];
}

/** What the pull request indexer reads and writes. */
export interface PullRequestStore {
  /** Replaces what is stored for the open pull request (stored even when it touches no spec). */
  replacePullRequest(
    pull: StoredPullRequest,
    specs: PullRequestSpecs,
    at: string,
  ): Promise<void>;
  removePullRequest(repository: string, number: number): Promise<void>;
  listPullRequests(): Promise<StoredPullRequest[]>;
  listProposedNames(except?: {
    repository: string;
    number: number;
  }): Promise<Set<string>>;
}

/**
 * What the REST API reads (and the next-id allocation it serves). One implementation,
 * {@link DatabaseSpecStore}, behind which `database/` owns every SQL statement.
 */
export interface SpecReadStore {
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
  getLocationState(
    componentRef: string,
  ): Promise<SpecLocationState | undefined>;
  listLocationStates(): Promise<SpecLocationState[]>;
  getChanges(options: {
    since?: string;
    limit: number;
  }): Promise<SpecChangesResponse>;
  /** Allocates the next id of a prefix: one more than any id seen or handed out before. */
  allocateId(prefix: string): Promise<string>;
  /** The id {@link SpecReadStore.allocateId} would hand out now, without reserving it. */
  peekId(prefix: string): Promise<string>;
}

/** What the refresh and retention read and write. */
export interface SpecIndexStore {
  listLocations(): Promise<StoredLocation[]>;
  /**
   * Current locations whose target may be in a repository (`host` with port, `owner/repo`,
   * lower case): a superset the caller narrows by parsing the targets.
   */
  listLocationsInRepository(repository: {
    host: string;
    fullName: string;
  }): Promise<StoredLocation[]>;
  getLocationSnapshot(
    componentRef: string,
  ): Promise<{ location?: StoredLocation; specs: StoredSpecFile[] }>;
  /** Parsed documents (without location lint diagnostics) by spec name. */
  getDocuments(names: string[]): Promise<Map<string, SpecDocument>>;
  listSpecNames(): Promise<string[]>;
  /**
   * Writes the complete state of a location atomically: reads its stored specs, lets `diff`
   * plan the writes, applies them, logs the changes and stores the location. On SQLite, writes
   * that come while another is being written share the next transaction (group commit); a
   * failing one fails alone.
   */
  syncLocation(
    sync: LocationSync,
    diff: LocationDiff,
  ): Promise<LocationSyncResult>;
  touchLocation(input: LocationTouch): Promise<void>;
  /** Reads that found nothing new, for many locations at once: only timestamps move, errors clear. */
  touchLocations(componentRefs: string[], at: string): Promise<void>;
  recordLocationFailure(input: LocationFailure): Promise<void>;
  /** Deletes locations (and their specs and history) of the given components. */
  deleteLocations(componentRefs: string[]): Promise<string[]>;
  /**
   * Soft-removes locations whose component is gone: their current specs are marked removed (and
   * announced), the location is marked removed and forgets its ETag, so that if the component
   * comes back, its next read restores the specs with their history. Retention deletes them
   * after `removed.retention`. Returns the specs announced removed.
   */
  softRemoveLocations(componentRefs: string[], at: string): Promise<string[]>;
  /** Current (not removed) specs, of these components or of all. */
  countCurrentSpecs(componentRefs?: string[]): Promise<number>;
  prune(options: PruneOptions): Promise<PruneResult>;
}
