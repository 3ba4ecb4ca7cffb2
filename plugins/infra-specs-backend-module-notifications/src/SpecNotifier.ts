import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  specAttentionOf,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecNotificationsConfig } from './config';
import {
  newErrorsNotification,
  staleReviewNotification,
  statusChangeNotification,
} from './messages';
import type {
  NotificationStateStore,
  NotifiedState,
} from './NotificationStateStore';

const errorCodesOf = (record: SpecRecord) =>
  [
    ...new Set(
      record.document.diagnostics
        .filter(d => d.severity === 'error')
        .map(d => d.code),
    ),
  ].sort();

/**
 * Compares a component's specs with what was last notified and tells the spec's entity (and so
 * its owner) what is new: a status change, errors it did not have, a review past its time. The
 * first sighting of a component notifies nobody, so installing the module is quiet.
 */
export class SpecNotifier {
  readonly #store: NotificationStateStore;
  readonly #notifications: NotificationService;
  readonly #config: SpecNotificationsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: NotificationStateStore;
    notifications: NotificationService;
    config: SpecNotificationsConfig;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#notifications = options.notifications;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** The current (merged, not removed) specs of one component, as the API lists them. */
  async observe(componentRef: string, listed: SpecRecord[]): Promise<void> {
    const records = listed.filter(r => !r.proposed && !r.removedAt);
    if (!(await this.#store.isPrimed(componentRef))) {
      await this.#store.prime(
        componentRef,
        records.map(r => ({
          name: r.name,
          status: r.document.status,
          errorCodes: errorCodesOf(r),
          staleNotifiedAt: null,
        })),
      );
      return;
    }
    const states = await this.#store.statesOf(componentRef);
    for (const record of records) {
      try {
        await this.#observeSpec(componentRef, record, states.get(record.name));
      } catch (error) {
        // One spec's failed notification must not hold back the others.
        this.#logger.warn(
          `Could not notify about spec ${record.name}: ${error}`,
        );
      }
    }
    const current = new Set(records.map(r => r.name));
    await this.#store.forget([...states.keys()].filter(n => !current.has(n)));
  }

  async #observeSpec(
    componentRef: string,
    record: SpecRecord,
    old: NotifiedState | undefined,
  ) {
    const status = record.document.status;
    const errorCodes = errorCodesOf(record);
    let staleNotifiedAt = old?.staleNotifiedAt ?? null;
    if (!old) {
      const claimed = await this.#store.claimNew(componentRef, record.name, {
        status,
        errorCodes,
        staleNotifiedAt: null,
      });
      if (!claimed) return;
      if (this.#config.statusChange)
        await this.#send(record, statusChangeNotification(record, null));
      if (this.#config.newErrors && errorCodes.length > 0)
        await this.#send(
          record,
          newErrorsNotification(record, this.#errors(record, errorCodes)),
        );
    } else {
      if (old.status !== status) {
        staleNotifiedAt = null;
        if (
          (await this.#store.claimStatus(record.name, old.status, status)) &&
          this.#config.statusChange
        )
          await this.#send(
            record,
            statusChangeNotification(record, old.status),
          );
      }
      if (old.errorCodes.join() !== errorCodes.join()) {
        const fresh = errorCodes.filter(c => !old.errorCodes.includes(c));
        if (
          (await this.#store.claimErrors(
            record.name,
            old.errorCodes,
            errorCodes,
          )) &&
          this.#config.newErrors &&
          fresh.length > 0
        )
          await this.#send(
            record,
            newErrorsNotification(record, this.#errors(record, fresh)),
          );
      }
    }
    await this.#remindOfStaleReview(record, staleNotifiedAt);
  }

  async #remindOfStaleReview(record: SpecRecord, lastAt: string | null) {
    const { staleReview } = this.#config;
    if (!staleReview.enabled) return;
    const now = this.#now();
    const stale = specAttentionOf(record, {
      now,
      staleReviewMs: staleReview.afterMs,
    }).find(a => a.reason === 'stale-review');
    if (!stale) return;
    if (
      lastAt &&
      now.getTime() - Date.parse(lastAt) < staleReview.repeatEveryMs
    )
      return;
    if (
      await this.#store.claimStaleReminder(
        record.name,
        lastAt,
        now.toISOString(),
      )
    )
      await this.#send(record, staleReviewNotification(record, stale.message));
  }

  #errors(record: SpecRecord, codes: string[]) {
    return record.document.diagnostics.filter(
      d => d.severity === 'error' && codes.includes(d.code),
    );
  }

  async #send(
    record: SpecRecord,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) {
    await this.#notifications.send({
      // The Spec entity: the notifications backend resolves it to its owner's members.
      recipients: { type: 'entity', entityRef: record.entityRef },
      payload,
    });
  }
}
