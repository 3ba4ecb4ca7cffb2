import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { readdirSync } from 'node:fs';
import { makeDocument } from '../__testUtils__/documents';
import { applyDatabaseMigrations } from './migrations';
import { documentColumns } from './rows';
import { SPECS } from './tables';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();
const config = {
  directory: resolvePackagePath(
    '@infra-specs/backstage-plugin-infra-specs-backend',
    'migrations',
  ),
  tableName: 'infra_specs__knex_migrations',
};
const COST_ESTIMATES = '20261204000000_cost_estimates.js';

describe.each(ids)('migrations on %s', databaseId => {
  it('fill the estimate columns of specs stored before them, from their documents', async () => {
    const knex = await databases.init(databaseId);
    try {
      const before = readdirSync(config.directory)
        .filter(file => file.endsWith('.js') && file < COST_ESTIMATES)
        .sort();
      for (const name of before) await knex.migrate.up({ ...config, name });

      const row = (name: string, cost: object) => {
        const columns: Record<string, unknown> = documentColumns(
          makeDocument({ cost } as Parameters<typeof makeDocument>[0]),
          [],
        );
        // The columns this migration adds do not exist yet.
        delete columns.monthly_cost_estimate;
        delete columns.estimate_currency;
        delete columns.cost_drift;
        return {
          ...columns,
          name,
          component_ref: 'component:default/a',
          path: `${name}.md`,
          owner_ref: 'group:default/a',
          markdown: '',
          location_target: 'file:/specs',
          content_hash: name,
          indexed_at: '2026-01-01T00:00:00.000Z',
          content_changed_at: '2026-01-01T00:00:00.000Z',
          status_changed_at: '2026-01-01T00:00:00.000Z',
        };
      };
      await knex(SPECS).insert([
        row('drifting', {
          monthlyDelta: 120,
          currency: 'USD',
          items: [],
          estimate: {
            monthlyDelta: 412.5,
            currency: 'EUR',
            source: 'infracost.json',
            generatedAt: null,
          },
          drift: 'over',
        }),
        row('checked-none', {
          monthlyDelta: 50,
          currency: 'USD',
          items: [],
          estimate: null,
        }),
        row('unchecked', { monthlyDelta: null, currency: null, items: [] }),
      ]);

      await applyDatabaseMigrations(knex);

      const rows = await knex(SPECS)
        .select(
          'name',
          'monthly_cost_estimate',
          'estimate_currency',
          'cost_drift',
        )
        .orderBy('name');
      expect(
        rows.map(r => ({
          ...r,
          monthly_cost_estimate:
            r.monthly_cost_estimate === null
              ? null
              : Number(r.monthly_cost_estimate),
        })),
      ).toEqual([
        {
          name: 'checked-none',
          monthly_cost_estimate: null,
          estimate_currency: null,
          cost_drift: null,
        },
        {
          name: 'drifting',
          monthly_cost_estimate: 412.5,
          estimate_currency: 'EUR',
          cost_drift: 'over',
        },
        {
          name: 'unchecked',
          monthly_cost_estimate: null,
          estimate_currency: null,
          cost_drift: null,
        },
      ]);
    } finally {
      await knex.destroy();
    }
  });
});
