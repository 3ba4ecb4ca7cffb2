import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  listAll,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';
import type { SpecWrite } from './SpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore keyset paging on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('pages with a stable cursor: no duplicates, no gaps, in sort order', async () => {
    const specs: SpecWrite[] = [];
    for (let i = 0; i < 23; i++) {
      specs.push(
        write(
          `s${String(i).padStart(2, '0')}`,
          makeDocument({
            id: i % 5 === 0 ? null : `SPEC-${String(i % 7).padStart(4, '0')}`,
            title: `title ${i % 4}`,
            status: (['draft', 'approved', 'implemented'] as const)[i % 3],
            updated:
              i % 3 === 0
                ? null
                : `2026-01-${String((i % 9) + 1).padStart(2, '0')}`,
            cost: {
              monthlyDelta: i % 4 === 0 ? null : (i % 6) * 10 - 20,
              currency: 'USD',
              items: [],
            },
            impact: {
              blastRadius: {
                level: (['low', 'high', 'medium'] as const)[i % 3],
                text: null,
              },
            },
          }),
        ),
      );
    }
    await store.syncLocation(
      sync(COMPONENT_A, specs, '2026-02-01T00:00:00.000Z'),
      diffLocation,
    );
    const all = (
      await store.listSpecs({
        filter: {},
        limit: 500,
        sort: { field: 'id', order: 'asc' },
      })
    ).items;
    expect(all).toHaveLength(23);

    const sorts = [
      { field: 'updated', order: 'desc' },
      { field: 'updated', order: 'asc' },
      { field: 'monthlyCostDelta', order: 'desc' },
      { field: 'id', order: 'asc' },
      { field: 'title', order: 'desc' },
      { field: 'status', order: 'asc' },
      { field: 'blastRadius', order: 'desc' },
      { field: 'indexedAt', order: 'asc' },
    ] as const;
    for (const sort of sorts) {
      const { pages, totals } = await listAll(store, sort, 4);
      const flat = pages.flat();
      expect(pages).toHaveLength(6);
      expect(totals.every(t => t === 23)).toBe(true);
      expect(new Set(flat.map(r => r.name)).size).toBe(23);
      const oneShot = await store.listSpecs({ filter: {}, limit: 500, sort });
      expect(flat.map(r => r.name)).toEqual(oneShot.items.map(r => r.name));
    }

    // Values in order, nulls last in both directions.
    const byCost = (
      await listAll(store, { field: 'monthlyCostDelta', order: 'desc' }, 5)
    ).pages
      .flat()
      .map(r => r.document.cost.monthlyDelta);
    const nonNull = byCost.filter(v => v !== null) as number[];
    expect(nonNull).toEqual([...nonNull].sort((a, b) => b - a));
    expect(byCost.slice(nonNull.length).every(v => v === null)).toBe(true);
    const byUpdatedAsc = (
      await listAll(store, { field: 'updated', order: 'asc' }, 5)
    ).pages
      .flat()
      .map(r => r.document.updated);
    const dates = byUpdatedAsc.filter(v => v !== null) as string[];
    expect(dates).toEqual([...dates].sort());
    expect(byUpdatedAsc.slice(dates.length).every(v => v === null)).toBe(true);
    const byStatus = (
      await listAll(store, { field: 'status', order: 'asc' }, 5)
    ).pages
      .flat()
      .map(r => r.document.status);
    expect(byStatus.indexOf('implemented')).toBeGreaterThan(
      byStatus.lastIndexOf('approved'),
    );
    expect(byStatus.indexOf('approved')).toBeGreaterThan(
      byStatus.lastIndexOf('draft'),
    );

    // A cursor survives inserts before it: the next page starts after the last seen row.
    const first = await store.listSpecs({
      filter: {},
      limit: 5,
      sort: { field: 'title', order: 'asc' },
    });
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('aaa', makeDocument({ title: 'a first title' }))],
        '2026-02-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    const second = await store.listSpecs({
      filter: {},
      limit: 5,
      sort: { field: 'title', order: 'asc' },
      cursor: first.nextCursor,
    });
    expect(second.items.map(r => r.name)).not.toContain('aaa');
    expect(
      second.items.some(r => first.items.some(f => f.name === r.name)),
    ).toBe(false);

    await expect(
      store.listSpecs({
        filter: {},
        limit: 5,
        sort: { field: 'id', order: 'asc' },
        cursor: first.nextCursor,
      }),
    ).rejects.toThrow(InputError);
    await expect(
      store.listSpecs({
        filter: {},
        limit: 5,
        sort: { field: 'id', order: 'asc' },
        cursor: 'garbage',
      }),
    ).rejects.toThrow(InputError);
  });

  it.each([
    [
      'an object as the value',
      { s: 'title', v: { $gt: '' }, n: 'a' },
      /cursor\.v/,
    ],
    ['an array as the value', { s: 'title', v: ['a'], n: 'a' }, /cursor\.v/],
    ['a number for a text column', { s: 'title', v: 7, n: 'a' }, /cursor\.v/],
    ['an array as the name', { s: 'title', v: 'a', n: ['a'] }, /cursor\.n/],
    ['an extra field', { s: 'title', v: 'a', n: 'a', x: 1 }, /cursor/],
    ['an array as the cursor', ['title', 'a', 'a'], /cursor/],
    ['null', null, /cursor/],
  ])(
    'refuses a crafted cursor holding %s with a 400 naming the field',
    async (_what, value, field) => {
      await store.syncLocation(
        sync(
          COMPONENT_A,
          [write('a1', makeDocument({ title: 'a' }))],
          '2026-01-01T00:00:00.000Z',
        ),
        diffLocation,
      );
      const cursor = Buffer.from(JSON.stringify(value), 'utf8').toString(
        'base64url',
      );
      const listing = store.listSpecs({
        filter: {},
        limit: 5,
        sort: { field: 'title', order: 'asc' },
        cursor,
      });
      await expect(listing).rejects.toThrow(InputError);
      await expect(listing).rejects.toThrow(field);
    },
  );

  it('refuses a text value as the cursor of a numeric sort', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ s: '-blastRadius', v: 'high', n: 'a' }),
    ).toString('base64url');
    await expect(
      store.listSpecs({
        filter: {},
        limit: 5,
        sort: { field: 'blastRadius', order: 'desc' },
        cursor,
      }),
    ).rejects.toThrow(/cursor\.v/);
  });

  it('sorts and pages by indexedAt, which current specs take from their location', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument()), write('a2', makeDocument())],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-01-02T00:00:00.000Z',
      ),
      diffLocation,
    );
    // A is read again later and finds nothing new: its specs are fresher than b1 now.
    await store.touchLocations([COMPONENT_A], '2026-01-03T00:00:00.000Z');
    const sort = { field: 'indexedAt', order: 'desc' } as const;
    const { pages } = await listAll(store, sort, 1);
    expect(pages.flat().map(r => [r.name, r.indexedAt])).toEqual([
      ['a1', '2026-01-03T00:00:00.000Z'],
      ['a2', '2026-01-03T00:00:00.000Z'],
      ['b1', '2026-01-02T00:00:00.000Z'],
    ]);
    const ascending = await listAll(
      store,
      { field: 'indexedAt', order: 'asc' },
      2,
    );
    expect(ascending.pages.flat().map(r => r.name)).toEqual(['b1', 'a1', 'a2']);
  });
});
