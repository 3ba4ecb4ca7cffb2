import type { LoggerService } from '@backstage/backend-plugin-api';
import type { InfraSpecsConfig } from '../config';
import type { PruneResult, SpecIndexStore } from '../database/SpecStore';

/** The scheduled task that applies retention; one run at a time across instances. */
export const RETENTION_TASK_ID = 'infra-specs-retention';

/**
 * Applies the retention of `infraSpecs.history`, `.removed` and `.changes`: computes the
 * cut-offs from now and lets the store delete what is older.
 */
export class SpecRetention {
  readonly #store: Pick<SpecIndexStore, 'prune'>;
  readonly #config: Pick<InfraSpecsConfig, 'history' | 'removed' | 'changes'>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: Pick<SpecIndexStore, 'prune'>;
    config: Pick<InfraSpecsConfig, 'history' | 'removed' | 'changes'>;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  async run(): Promise<PruneResult> {
    const now = this.#now().getTime();
    const before = (ms: number) => new Date(now - ms).toISOString();
    const pruned = await this.#store.prune({
      historyBefore: before(this.#config.history.retentionMs),
      removedBefore: before(this.#config.removed.retentionMs),
      changesBefore: before(this.#config.changes.retentionMs),
    });
    this.#logger.info(
      `Spec retention: pruned ${pruned.history} history entries, ${pruned.specs} removed specs, ${pruned.locations} locations of components gone, ${pruned.changes} change log entries`,
    );
    return pruned;
  }
}
