import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore retention on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('appends status history, prunes old entries but keeps the latest', async () => {
    const v1 = write('s1', makeDocument({ status: 'draft' }));
    await store.syncLocation(
      sync(COMPONENT_A, [v1], '2025-01-01T00:00:00.000Z'),
      diffLocation,
    );
    const v2 = write('s1', makeDocument({ status: 'in-review' }));
    const r2 = await store.syncLocation(
      sync(COMPONENT_A, [v2], '2025-02-01T00:00:00.000Z'),
      diffLocation,
    );
    expect(r2.statusChanges).toBe(1);
    // Same status, other content: no history entry.
    const v3 = write(
      's1',
      makeDocument({ status: 'in-review', title: 'Renamed' }),
    );
    await store.syncLocation(
      sync(COMPONENT_A, [v3], '2025-03-01T00:00:00.000Z'),
      diffLocation,
    );
    const v4 = write(
      's1',
      makeDocument({ status: 'approved', title: 'Renamed' }),
    );
    await store.syncLocation(
      sync(COMPONENT_A, [v4], '2025-04-01T00:00:00.000Z'),
      diffLocation,
    );
    const other = write('s2', makeDocument({ status: 'draft' }));
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [{ ...v4, content: undefined }, other],
        '2025-04-15T00:00:00.000Z',
      ),
      diffLocation,
    );

    let detail = await store.getSpecDetail('s1');
    expect(detail?.history).toEqual([
      { from: null, to: 'draft', observedAt: '2025-01-01T00:00:00.000Z' },
      {
        from: 'draft',
        to: 'in-review',
        observedAt: '2025-02-01T00:00:00.000Z',
      },
      {
        from: 'in-review',
        to: 'approved',
        observedAt: '2025-04-01T00:00:00.000Z',
      },
    ]);
    expect(detail?.statusChangedAt).toBe('2025-04-01T00:00:00.000Z');
    expect(detail?.contentChangedAt).toBe('2025-04-01T00:00:00.000Z');
    expect(detail?.indexedAt).toBe('2025-04-15T00:00:00.000Z');

    // Retention cut after every entry: only the latest of each spec stays.
    const pruned = await store.prune({
      historyBefore: '2026-01-01T00:00:00.000Z',
      removedBefore: '2000-01-01T00:00:00.000Z',
      changesBefore: '2000-01-01T00:00:00.000Z',
    });
    expect(pruned.history).toBe(2);
    detail = await store.getSpecDetail('s1');
    expect(detail?.history).toEqual([
      {
        from: 'in-review',
        to: 'approved',
        observedAt: '2025-04-01T00:00:00.000Z',
      },
    ]);
    expect((await store.getSpecDetail('s2'))?.history).toHaveLength(1);
  });
});
