import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { InfraSpecsConfig } from '../config';
import type { SpecIndexStore, StoredLocation } from '../database/SpecStore';
import { entityRefOf, ownerRefOf } from '../refs';
import { nextAttempt } from './backoff';
import { diffLocation } from './diffLocation';
import { checkSpecLocation } from './locationPolicy';
import { applyLocationLint, planLocation } from './planLocation';
import { readLocation } from './readLocation';
import { resolveSpecLocation, viewUrlOf } from './specLocation';
import type { SpecParser } from './SpecParser';

export type LocationOutcome = {
  kind: 'unchanged' | 'updated' | 'failed';
  parsed: number;
};

/** What a location refresh shares with the others of its run. */
export interface RunContext {
  /** Names in use across the index, loaded once and only when a new spec needs a name. */
  takenNames(): Promise<Set<string>>;
  /** Records a read that found nothing new; written in batches. */
  unchanged?(componentRef: string): Promise<void>;
  signal?: AbortSignal;
}

/**
 * Refreshes one location: reads its folder (with the stored ETag), plans the spec files
 * (parsing only what changed), and syncs the result into the store. A failure keeps the
 * last good specs and records the error with the next attempt's time.
 */
export class LocationRefresher {
  readonly #store: SpecIndexStore;
  readonly #urlReader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #parser: SpecParser;
  readonly #config: InfraSpecsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: SpecIndexStore;
    urlReader: UrlReaderService;
    integrations: ScmIntegrationRegistry;
    parser: SpecParser;
    config: InfraSpecsConfig;
    logger: LoggerService;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations;
    this.#parser = options.parser;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  async refresh(
    entity: Entity,
    stored: StoredLocation | undefined,
    context: RunContext,
  ): Promise<LocationOutcome> {
    const signal = context.signal;
    const componentRef = entityRefOf(entity);
    const ownerRef = ownerRefOf(entity);
    let target = entity.metadata.annotations?.[ANNOTATION_SPEC_LOCATION] ?? '';
    const timeoutMs = this.#config.refresh.locationTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const locationSignal = signal
      ? AbortSignal.any([signal, timeout])
      : timeout;
    try {
      const location = resolveSpecLocation(entity, this.#integrations);
      target = location.target;
      // Before any read: a refused location fails like an unreadable one, keeping its last good specs.
      const bounds = checkSpecLocation(entity, location, this.#config.locations);
      // A new parser or another folder must not be skipped by an old etag.
      const etag =
        stored?.parserFingerprint === this.#parser.fingerprint &&
        stored.target === target
          ? stored.etag ?? undefined
          : undefined;

      const read = await withTimeout(
        readLocation(location, this.#urlReader, {
          etag,
          signal: locationSignal,
          maxFileBytes: this.#config.refresh.maxFileBytes,
          maxFiles: this.#config.refresh.maxFiles,
          maxBytes: this.#config.refresh.maxBytes,
          allowedRoots: this.#config.local.allowedRoots,
          componentFolder: bounds.componentFolder,
        }),
        locationSignal,
        `Reading ${target} took longer than infraSpecs.refresh.locationTimeout (${timeoutMs} ms)`,
      );
      const at = this.#now().toISOString();
      if (read.notModified) {
        if (
          context.unchanged &&
          stored?.ownerRef === ownerRef &&
          stored.target === target
        ) {
          await context.unchanged(componentRef);
        } else {
          // The component changed (owner, folder): its specs follow, now.
          await this.#store.touchLocation({
            componentRef,
            target,
            ownerRef,
            etag: etag ?? null,
            at,
          });
        }
        return { kind: 'unchanged', parsed: 0 };
      }

      // Specs are only written together with their location's row: no row, no specs.
      const snapshot = stored
        ? await this.#store.getLocationSnapshot(componentRef)
        : { location: undefined, specs: [] };
      const plan = await planLocation({
        files: read.files,
        stored: {
          specs: snapshot.specs,
          otherFiles: snapshot.location?.otherFiles ?? {},
        },
        parser: this.#parser,
        taken: await context.takenNames(),
        viewUrl: path => viewUrlOf(location, path, this.#integrations),
      });
      if (plan.changed) {
        const unchanged = plan.writes.filter(w => !w.content).map(w => w.name);
        applyLocationLint(
          plan.writes,
          await this.#store.getDocuments(unchanged),
          this.#parser,
        );
      }
      await this.#store.syncLocation(
        {
          componentRef,
          target,
          ownerRef,
          etag: plan.retry ? null : read.etag,
          parserFingerprint: this.#parser.fingerprint,
          at,
          specs: plan.writes,
          otherFiles: plan.otherFiles,
          warnings: [...read.warnings, ...plan.warnings],
        },
        diffLocation,
      );
      return {
        kind: plan.changed ? 'updated' : 'unchanged',
        parsed: plan.parsed,
      };
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      await this.#recordFailure(componentRef, target, ownerRef, stored, error);
      return { kind: 'failed', parsed: 0 };
    }
  }

  async #recordFailure(
    componentRef: string,
    target: string,
    ownerRef: string,
    stored: StoredLocation | undefined,
    error: unknown,
  ) {
    const now = this.#now();
    const { consecutiveFailures, delayMs, nextAttemptAt } = nextAttempt(
      stored?.consecutiveFailures ?? 0,
      now,
      this.#config.refresh.backoff,
    );
    const message =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : stringifyError(error);
    await this.#store.recordLocationFailure({
      componentRef,
      target,
      ownerRef,
      message,
      at: now.toISOString(),
      consecutiveFailures,
      nextAttemptAt,
    });
    this.#logger.warn(
      `Failed to refresh the specs of ${componentRef} from ${target} (attempt ${consecutiveFailures}, next in ${Math.round(delayMs / 1000)} s): ${message}`,
    );
  }
}

/** Rejects when the signal aborts, for readers that ignore it. */
function withTimeout<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  message: string,
): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(new Error(message));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const reason = signal.reason as Error | undefined;
      reject(
        reason?.name === 'TimeoutError'
          ? Object.assign(new Error(message), { name: 'TimeoutError' })
          : reason ?? new Error(message),
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
