import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const STATE = 'infra_specs_notification_state';
const COMPONENTS = 'infra_specs_notification_components';

/** What was last notified about one spec. */
export interface NotifiedState {
  status: string;
  errorCodes: string[];
  staleNotifiedAt: string | null;
}

/**
 * The module's own rows in the infra-specs database. Every "claim" is a conditional write that
 * succeeds for one caller only: the caller that wins sends the notification.
 */
export class NotificationStateStore {
  private constructor(private readonly knex: Knex) {}

  static async create(
    knex: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<NotificationStateStore> {
    if (!options.skipMigrations) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@infra-specs/backstage-plugin-infra-specs-backend-module-notifications',
          'migrations',
        ),
        // Its own table: the infra-specs plugin keeps its migrations in another.
        tableName: 'infra_specs_notifications__knex_migrations',
      });
    }
    return new NotificationStateStore(knex);
  }

  async isPrimed(componentRef: string): Promise<boolean> {
    const row = await this.knex(COMPONENTS)
      .where('component_ref', componentRef)
      .first();
    return row !== undefined;
  }

  async primedComponents(): Promise<string[]> {
    return (await this.knex(COMPONENTS).select('component_ref')).map(
      r => r.component_ref,
    );
  }

  /** Records a component's specs as seen, notifying nobody; false if someone else did first. */
  async prime(
    componentRef: string,
    specs: Array<{ name: string } & NotifiedState>,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const inserted = await tx(COMPONENTS)
        .insert({ component_ref: componentRef })
        .onConflict('component_ref')
        .ignore()
        .returning('component_ref');
      if (!rowCount(inserted)) return false;
      for (const spec of specs) {
        await tx(STATE)
          .insert(toRow(componentRef, spec))
          .onConflict('spec_name')
          .merge();
      }
      return true;
    });
  }

  async statesOf(componentRef: string): Promise<Map<string, NotifiedState>> {
    const rows = await this.knex(STATE).where('component_ref', componentRef);
    return new Map(
      rows.map(row => [
        row.spec_name,
        {
          status: row.status,
          errorCodes: JSON.parse(row.error_codes),
          staleNotifiedAt: row.stale_notified_at,
        },
      ]),
    );
  }

  /** A spec first seen in a primed component. */
  async claimNew(
    componentRef: string,
    name: string,
    state: NotifiedState,
  ): Promise<boolean> {
    const inserted = await this.knex(STATE)
      .insert(toRow(componentRef, { name, ...state }))
      .onConflict('spec_name')
      .ignore()
      .returning('spec_name');
    return rowCount(inserted) > 0;
  }

  /** A status change; a new review starts without reminders. */
  async claimStatus(name: string, from: string, to: string): Promise<boolean> {
    const updated = await this.knex(STATE)
      .where({ spec_name: name, status: from })
      .update({ status: to, stale_notified_at: null });
    return updated > 0;
  }

  async claimErrors(
    name: string,
    from: string[],
    to: string[],
  ): Promise<boolean> {
    const updated = await this.knex(STATE)
      .where({ spec_name: name, error_codes: JSON.stringify(from) })
      .update({ error_codes: JSON.stringify(to) });
    return updated > 0;
  }

  async claimStaleReminder(
    name: string,
    previous: string | null,
    at: string,
  ): Promise<boolean> {
    const query = this.knex(STATE).where('spec_name', name);
    if (previous === null) query.whereNull('stale_notified_at');
    else query.where('stale_notified_at', previous);
    return (await query.update({ stale_notified_at: at })) > 0;
  }

  async forget(names: string[]): Promise<void> {
    if (names.length)
      await this.knex(STATE).whereIn('spec_name', names).delete();
  }
}

function toRow(componentRef: string, spec: { name: string } & NotifiedState) {
  return {
    spec_name: spec.name,
    component_ref: componentRef,
    status: spec.status,
    error_codes: JSON.stringify(spec.errorCodes),
    stale_notified_at: spec.staleNotifiedAt,
  };
}

/** Rows an insert returned: none when the conflict was ignored (both databases support RETURNING). */
function rowCount(result: unknown): number {
  return Array.isArray(result) ? result.length : 0;
}
