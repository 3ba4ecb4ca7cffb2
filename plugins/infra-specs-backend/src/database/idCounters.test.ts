import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore id counters on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('allocates next ids above everything ever seen, never reusing', async () => {
    expect(await store.allocateId('SPEC')).toBe('SPEC-0001');
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write('a', makeDocument({ id: 'SPEC-0042' })),
          write('b', makeDocument({ id: 'feat-012' })),
          write('c', makeDocument({ id: 'INF-NETWORK' })),
        ],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    expect(await store.allocateId('SPEC')).toBe('SPEC-0043');
    expect(await store.allocateId('spec')).toBe('SPEC-0044');
    expect(await store.allocateId('FEAT')).toBe('FEAT-013');
    expect(await store.allocateId('OPS')).toBe('OPS-001');

    // The spec holding SPEC-0042 leaves the index entirely; its number stays used.
    await store.deleteLocations([COMPONENT_A]);
    expect(await store.allocateId('SPEC')).toBe('SPEC-0045');

    // A lower id seen later does not move the counter back.
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('d', makeDocument({ id: 'SPEC-0007' }))],
        '2026-01-02T00:00:00.000Z',
      ),
      diffLocation,
    );
    expect(await store.allocateId('SPEC')).toBe('SPEC-0046');
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('e', makeDocument({ id: 'SPEC-0100' }))],
        '2026-01-03T00:00:00.000Z',
      ),
      diffLocation,
    );
    expect(await store.allocateId('SPEC')).toBe('SPEC-0101');

    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => store.allocateId('PAR')),
    );
    expect(new Set(parallel).size).toBe(8);
  });
});
