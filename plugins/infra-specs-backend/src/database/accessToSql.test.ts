import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  TEAM_B,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore access to SQL on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('applies access conditions as SQL', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument())],
        '2026-02-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-02-01T00:00:00.000Z',
        TEAM_B,
      ),
      diffLocation,
    );
    const names = async (access: any) =>
      (
        await store.listSpecs({
          filter: {},
          limit: 50,
          sort: { field: 'title', order: 'asc' },
          access,
        })
      ).items
        .map(i => i.name)
        .sort();
    expect(await names({ field: 'ownerRef', values: [TEAM_B] })).toEqual([
      'b1',
    ]);
    expect(await names({ field: 'ownerRef', values: [] })).toEqual([]);
    expect(
      await names({ not: { field: 'ownerRef', values: [TEAM_B] } }),
    ).toEqual(['a1']);
    expect(
      await names({
        anyOf: [
          { field: 'ownerRef', values: [TEAM_B] },
          { field: 'componentRef', values: [COMPONENT_A] },
        ],
      }),
    ).toEqual(['a1', 'b1']);
    expect(
      await names({
        allOf: [
          { field: 'ownerRef', values: [TEAM_B] },
          { field: 'componentRef', values: [COMPONENT_A] },
        ],
      }),
    ).toEqual([]);
    expect(
      await store.getSpecDetail('a1', { field: 'ownerRef', values: [TEAM_B] }),
    ).toBeUndefined();
    expect(
      await store.getSpecDetail('b1', { field: 'ownerRef', values: [TEAM_B] }),
    ).toBeDefined();
    const summary = await store.getSummary({
      access: { field: 'ownerRef', values: [TEAM_B] },
    });
    expect(summary.total).toBe(1);
  });
});
