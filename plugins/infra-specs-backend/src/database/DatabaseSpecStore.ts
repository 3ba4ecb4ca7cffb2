import type { Knex } from 'knex';
import type {
  SpecChangesResponse,
  SpecDetail,
  SpecDocument,
  SpecListResponse,
  SpecLocationState,
  SpecRecord,
  SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import * as changeFeed from './changeFeed';
import { createStoreContext, type StoreContext } from './context';
import * as idCounters from './idCounters';
import * as locationQueries from './locationQueries';
import { LocationWriteQueue } from './locationWriteQueue';
import * as locationWrites from './locationWrites';
import * as pullRequests from './pullRequests';
import * as retention from './retention';
import * as specQueries from './specQueries';
import type {
  ListSpecsOptions,
  LocationDiff,
  LocationFailure,
  LocationSync,
  LocationSyncResult,
  LocationTouch,
  PruneOptions,
  PruneResult,
  PullRequestSpecs,
  PullRequestStore,
  SpecAccessFilter,
  SpecIndexStore,
  SpecReadStore,
  StoredLocation,
  StoredPullRequest,
  StoredSpecFile,
} from './SpecStore';
import { getSummary } from './summaryQueries';

/**
 * The knex implementation of {@link SpecReadStore} and {@link SpecIndexStore}, for
 * PostgreSQL and SQLite. A facade: the SQL lives in the files of `database/`, one per job.
 */
export class DatabaseSpecStore
  implements SpecReadStore, SpecIndexStore, PullRequestStore
{
  readonly #ctx: StoreContext;
  readonly #knex: Knex;
  readonly #writes: LocationWriteQueue;

  /**
   * @param options.maxIdJump - how far above the ids in use an indexed id may raise its
   *   prefix's counter (`infraSpecs.ids.maxJump`); ids beyond it get a diagnostic.
   */
  static create(knex: Knex, options?: { maxIdJump?: number }) {
    return new DatabaseSpecStore(createStoreContext(knex, options));
  }

  private constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#writes = new LocationWriteQueue(ctx);
    this.#knex = ctx.knex;
  }

  // ------------------------------------------------------------ SpecReadStore

  listSpecs(options: ListSpecsOptions): Promise<SpecListResponse> {
    return specQueries.listSpecs(this.#knex, options);
  }

  getSpecsByName(
    names: string[],
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]> {
    return specQueries.getSpecsByName(this.#knex, names, access);
  }

  getSpecDetail(
    name: string,
    access?: SpecAccessFilter,
  ): Promise<SpecDetail | undefined> {
    return specQueries.getSpecDetail(this.#knex, name, access);
  }

  listSpecsOfComponent(
    componentRef: string,
    access?: SpecAccessFilter,
  ): Promise<SpecRecord[]> {
    return specQueries.listSpecsOfComponent(this.#knex, componentRef, access);
  }

  getSummary(options: {
    componentRef?: string;
    access?: SpecAccessFilter;
  }): Promise<SpecSummary> {
    return getSummary(this.#knex, options);
  }

  getLocationState(
    componentRef: string,
  ): Promise<SpecLocationState | undefined> {
    return locationQueries.getLocationState(this.#knex, componentRef);
  }

  listLocationStates(): Promise<SpecLocationState[]> {
    return locationQueries.listLocationStates(this.#knex);
  }

  getChanges(options: {
    since?: string;
    limit: number;
  }): Promise<SpecChangesResponse> {
    return changeFeed.getChanges(this.#ctx, options, names =>
      this.getSpecsByName(names),
    );
  }

  allocateId(prefix: string): Promise<string> {
    return idCounters.allocateId(this.#knex, prefix);
  }

  peekId(prefix: string): Promise<string> {
    return idCounters.peekId(this.#knex, prefix);
  }

  // ----------------------------------------------------------- SpecIndexStore

  listLocations(): Promise<StoredLocation[]> {
    return locationQueries.listLocations(this.#knex);
  }

  listLocationsInRepository(repository: {
    host: string;
    fullName: string;
  }): Promise<StoredLocation[]> {
    return locationQueries.listLocationsInRepository(this.#knex, repository);
  }

  getLocationSnapshot(
    componentRef: string,
  ): Promise<{ location?: StoredLocation; specs: StoredSpecFile[] }> {
    return locationQueries.getLocationSnapshot(this.#knex, componentRef);
  }

  getDocuments(names: string[]): Promise<Map<string, SpecDocument>> {
    return specQueries.getDocuments(this.#knex, names);
  }

  listSpecNames(): Promise<string[]> {
    return specQueries.listSpecNames(this.#knex);
  }

  syncLocation(
    sync: LocationSync,
    diff: LocationDiff,
  ): Promise<LocationSyncResult> {
    return this.#writes.write({ sync, diff });
  }

  touchLocation(input: LocationTouch): Promise<void> {
    return locationWrites.touchLocation(this.#ctx, input);
  }

  touchLocations(componentRefs: string[], at: string): Promise<void> {
    return locationWrites.touchLocations(this.#knex, componentRefs, at);
  }

  recordLocationFailure(input: LocationFailure): Promise<void> {
    return locationWrites.recordLocationFailure(this.#knex, input);
  }

  deleteLocations(componentRefs: string[]): Promise<string[]> {
    return locationWrites.deleteLocations(this.#knex, componentRefs);
  }

  softRemoveLocations(componentRefs: string[], at: string): Promise<string[]> {
    return locationWrites.softRemoveLocations(this.#ctx, componentRefs, at);
  }

  countCurrentSpecs(componentRefs?: string[]): Promise<number> {
    return locationQueries.countCurrentSpecs(this.#knex, componentRefs);
  }

  prune(options: PruneOptions): Promise<PruneResult> {
    return retention.prune(this.#knex, options);
  }

  // --------------------------------------------------------- PullRequestStore

  replacePullRequest(
    pull: StoredPullRequest,
    specs: PullRequestSpecs,
    at: string,
  ): Promise<void> {
    return pullRequests.replacePullRequest(this.#knex, pull, specs, at);
  }

  removePullRequest(repository: string, number: number): Promise<void> {
    return pullRequests.removePullRequest(this.#knex, repository, number);
  }

  listPullRequests(): Promise<StoredPullRequest[]> {
    return pullRequests.listPullRequests(this.#knex);
  }

  listProposedNames(except?: {
    repository: string;
    number: number;
  }): Promise<Set<string>> {
    return pullRequests.listProposedNames(this.#knex, except);
  }
}
