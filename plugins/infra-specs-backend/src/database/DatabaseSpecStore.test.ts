import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type {
  SpecDocument,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import { DatabaseSpecStore } from './DatabaseSpecStore';
import { applyDatabaseMigrations } from './migrations';
import type { LocationSync, SpecWrite } from './SpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const COMPONENT_A = 'component:default/a';
const COMPONENT_B = 'component:default/b';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

function write(name: string, document: SpecDocument, path?: string): SpecWrite {
  return {
    name,
    path: path ?? `${name}.md`,
    viewUrl: `https://git.example.com/specs/${name}.md`,
    setDiagnostics: [],
    content: {
      markdown: `# ${document.title}`,
      contentHash: createHash('sha256')
        .update(JSON.stringify(document))
        .digest('hex'),
      document,
    },
  };
}

function sync(
  componentRef: string,
  specs: SpecWrite[],
  at: string,
  ownerRef = TEAM_A,
): LocationSync {
  return {
    componentRef,
    target: `https://git.example.com/${componentRef}/specs`,
    ownerRef,
    etag: `etag-${at}`,
    parserFingerprint: 'test',
    at,
    specs,
    otherFiles: {},
    warnings: [],
  };
}

async function setup(id: (typeof ids)[number][0]) {
  const knex = await databases.init(id);
  await applyDatabaseMigrations(knex);
  return {
    knex,
    store: DatabaseSpecStore.create(knex, { changeVisibilityLagMs: 0 }),
  };
}

async function listAll(
  store: DatabaseSpecStore,
  sort: Parameters<DatabaseSpecStore['listSpecs']>[0]['sort'],
  limit: number,
): Promise<{ pages: SpecRecord[][]; totals: number[] }> {
  const pages: SpecRecord[][] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSpecs({ filter: {}, limit, sort, cursor });
    pages.push(page.items);
    totals.push(page.totalCount);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return { pages, totals };
}

describe.each(ids)('DatabaseSpecStore on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('stores a location and reads the records back with every field', async () => {
    const doc = makeDocument({
      id: 'SPEC-0042',
      title: 'Upgrade EKS',
      status: 'in-review',
      impact: {
        blastRadius: { level: 'high', text: 'All clusters' },
        rollback: 'moderate',
        downtime: 'maintenance-window',
      },
      cost: { monthlyDelta: 350.5, currency: 'USD', items: [] },
      acceptance: { total: 6, done: 2 },
      diagnostics: [
        { severity: 'error', line: 3, code: 'x', message: 'bad' },
        { severity: 'warning', line: 4, code: 'y', message: 'meh' },
      ],
    });
    const w = write('spec-0042-upgrade-eks', doc, 'nested/SPEC-0042.md');
    w.setDiagnostics = [
      { severity: 'warning', line: 1, code: 'duplicate-id', message: 'dup' },
    ];
    const result = await store.syncLocation(
      sync(COMPONENT_A, [w], '2026-02-01T00:00:00.000Z'),
    );
    expect(result).toEqual({
      added: ['spec-0042-upgrade-eks'],
      changed: [],
      removed: [],
      statusChanges: 0,
    });

    const list = await store.listSpecs({
      filter: {},
      limit: 10,
      sort: { field: 'id', order: 'asc' },
    });
    expect(list.totalCount).toBe(1);
    expect(list.nextCursor).toBeUndefined();
    const record = list.items[0];
    expect(record).toEqual({
      name: 'spec-0042-upgrade-eks',
      entityRef: 'spec:default/spec-0042-upgrade-eks',
      componentRef: COMPONENT_A,
      ownerRef: TEAM_A,
      path: 'nested/SPEC-0042.md',
      locationTarget: `https://git.example.com/${COMPONENT_A}/specs`,
      viewUrl: 'https://git.example.com/specs/spec-0042-upgrade-eks.md',
      document: {
        ...doc,
        diagnostics: [...doc.diagnostics, ...w.setDiagnostics],
      },
      indexedAt: '2026-02-01T00:00:00.000Z',
      contentChangedAt: '2026-02-01T00:00:00.000Z',
      statusChangedAt: '2026-02-01T00:00:00.000Z',
      removedAt: null,
      lastRefreshError: null,
    });

    const detail = await store.getSpecDetail('spec-0042-upgrade-eks');
    expect(detail?.markdown).toBe('# Upgrade EKS');
    expect(detail?.history).toEqual([
      { from: null, to: 'in-review', observedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    expect(detail?.location).toMatchObject({
      componentRef: COMPONENT_A,
      indexedAt: '2026-02-01T00:00:00.000Z',
      lastError: null,
      specCount: 1,
    });
    expect(await store.getSpecDetail('nope')).toBeUndefined();

    const row = await knex('infra_specs_specs').first();
    expect(row).toMatchObject({
      spec_id: 'SPEC-0042',
      status: 'in-review',
      blast_radius: 'high',
      rollback: 'moderate',
      downtime: 'maintenance-window',
      currency: 'USD',
      acceptance_total: 6,
      acceptance_done: 2,
      updated: '2026-01-01',
      error_count: 1,
      warning_count: 2,
    });
    expect(Number(row.monthly_cost_delta)).toBe(350.5);
  });

  it('filters by every column, case-insensitive text and removed state', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write(
            'a1',
            makeDocument({
              id: 'SPEC-0001',
              title: 'Upgrade EKS',
              status: 'approved',
            }),
          ),
          write(
            'a2',
            makeDocument({
              id: 'SPEC-0002',
              title: 'NAT gateways',
              status: 'draft',
              format: 'infrastructure-feature',
              impact: {
                blastRadius: { level: 'critical', text: null },
                rollback: 'irreversible',
                downtime: 'full-outage',
              },
            }),
          ),
        ],
        '2026-02-01T00:00:00.000Z',
      ),
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              id: 'FEAT-7',
              title: '100%_done eks',
              status: 'approved',
            }),
          ),
        ],
        '2026-02-01T00:00:00.000Z',
        TEAM_B,
      ),
    );
    const names = async (filter: object) =>
      (
        await store.listSpecs({
          filter,
          limit: 50,
          sort: { field: 'title', order: 'asc' },
        })
      ).items
        .map(i => i.name)
        .sort();

    expect(await names({})).toEqual(['a1', 'a2', 'b1']);
    expect(await names({ status: ['approved'] })).toEqual(['a1', 'b1']);
    expect(await names({ status: ['approved', 'draft'] })).toEqual([
      'a1',
      'a2',
      'b1',
    ]);
    expect(await names({ format: ['infrastructure-feature'] })).toEqual(['a2']);
    expect(await names({ component: [COMPONENT_B] })).toEqual(['b1']);
    expect(await names({ owner: [TEAM_A] })).toEqual(['a1', 'a2']);
    expect(await names({ blastRadius: ['critical'] })).toEqual(['a2']);
    expect(await names({ rollback: ['irreversible'] })).toEqual(['a2']);
    expect(await names({ downtime: ['full-outage'] })).toEqual(['a2']);
    expect(await names({ q: 'eks' })).toEqual(['a1', 'b1']);
    expect(await names({ q: 'EKS' })).toEqual(['a1', 'b1']);
    expect(await names({ q: 'spec-0002' })).toEqual(['a2']);
    expect(await names({ q: '100%_' })).toEqual(['b1']);
    expect(await names({ q: '%' })).toEqual(['b1']);
    expect(await names({ status: ['approved'], owner: [TEAM_B] })).toEqual([
      'b1',
    ]);

    // a2 vanishes from its location
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 'a1',
            path: 'a1.md',
            viewUrl: 'https://git.example.com/specs/a1.md',
          },
        ],
        '2026-02-02T00:00:00.000Z',
      ),
    );
    expect(await names({})).toEqual(['a1', 'b1']);
    expect(await names({ includeRemoved: true })).toEqual(['a1', 'a2', 'b1']);
  });

  it('applies access conditions as SQL', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument())],
        '2026-02-01T00:00:00.000Z',
      ),
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-02-01T00:00:00.000Z',
        TEAM_B,
      ),
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

  it('sorts and pages by indexedAt, which current specs take from their location', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument()), write('a2', makeDocument())],
        '2026-01-01T00:00:00.000Z',
      ),
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-01-02T00:00:00.000Z',
      ),
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

  it('appends status history, prunes old entries but keeps the latest', async () => {
    const v1 = write('s1', makeDocument({ status: 'draft' }));
    await store.syncLocation(
      sync(COMPONENT_A, [v1], '2025-01-01T00:00:00.000Z'),
    );
    const v2 = write('s1', makeDocument({ status: 'in-review' }));
    const r2 = await store.syncLocation(
      sync(COMPONENT_A, [v2], '2025-02-01T00:00:00.000Z'),
    );
    expect(r2.statusChanges).toBe(1);
    // Same status, other content: no history entry.
    const v3 = write(
      's1',
      makeDocument({ status: 'in-review', title: 'Renamed' }),
    );
    await store.syncLocation(
      sync(COMPONENT_A, [v3], '2025-03-01T00:00:00.000Z'),
    );
    const v4 = write(
      's1',
      makeDocument({ status: 'approved', title: 'Renamed' }),
    );
    await store.syncLocation(
      sync(COMPONENT_A, [v4], '2025-04-01T00:00:00.000Z'),
    );
    const other = write('s2', makeDocument({ status: 'draft' }));
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [{ ...v4, content: undefined }, other],
        '2025-04-15T00:00:00.000Z',
      ),
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

  it('marks vanished specs removed, brings them back, and expires them after retention', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write('s1', makeDocument()),
          write('s2', makeDocument({ status: 'approved' })),
        ],
        '2026-01-01T00:00:00.000Z',
      ),
    );
    const r = await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 's1',
            path: 's1.md',
            viewUrl: 'https://git.example.com/specs/s1.md',
          },
        ],
        '2026-01-02T00:00:00.000Z',
      ),
    );
    expect(r.removed).toEqual(['s2']);
    let s2 = await store.getSpecDetail('s2');
    expect(s2?.removedAt).toBe('2026-01-02T00:00:00.000Z');
    // Last seen by the read before it vanished; the current spec was read just now.
    expect(s2?.indexedAt).toBe('2026-01-01T00:00:00.000Z');
    expect((await store.getSpecDetail('s1'))?.indexedAt).toBe(
      '2026-01-02T00:00:00.000Z',
    );
    expect(
      (await store.listSpecsOfComponent(COMPONENT_A)).map(s => s.name),
    ).toEqual(['s1']);
    expect((await store.getLocationState(COMPONENT_A))?.specCount).toBe(1);

    // Reappears unchanged: same name, history kept, not removed.
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 's1',
            path: 's1.md',
            viewUrl: 'https://git.example.com/specs/s1.md',
          },
          {
            name: 's2',
            path: 's2.md',
            viewUrl: 'https://git.example.com/specs/s2.md',
          },
        ],
        '2026-01-03T00:00:00.000Z',
      ),
    );
    s2 = await store.getSpecDetail('s2');
    expect(s2?.removedAt).toBeNull();
    expect(s2?.history).toHaveLength(1);

    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 's1',
            path: 's1.md',
            viewUrl: 'https://git.example.com/specs/s1.md',
          },
        ],
        '2026-01-04T00:00:00.000Z',
      ),
    );
    const pruned = await store.prune({
      historyBefore: '2000-01-01T00:00:00.000Z',
      removedBefore: '2026-02-01T00:00:00.000Z',
      changesBefore: '2000-01-01T00:00:00.000Z',
    });
    expect(pruned.specs).toBe(1);
    expect(await store.getSpecDetail('s2')).toBeUndefined();
    expect(
      await knex('infra_specs_status_history').where({ spec_name: 's2' }),
    ).toHaveLength(0);
  });

  it('sums the summary per status, blast radius, component and owner', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write(
            'a1',
            makeDocument({
              status: 'approved',
              cost: { monthlyDelta: 100, currency: 'USD', items: [] },
              impact: { blastRadius: { level: 'high', text: null } },
            }),
          ),
          write(
            'a2',
            makeDocument({
              status: 'approved',
              cost: { monthlyDelta: -40.5, currency: 'USD', items: [] },
            }),
          ),
          write(
            'a3',
            makeDocument({
              status: 'draft',
              cost: { monthlyDelta: null, currency: null, items: [] },
            }),
          ),
        ],
        '2026-01-01T00:00:00.000Z',
      ),
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'implemented',
              cost: { monthlyDelta: 10, currency: 'USD', items: [] },
            }),
          ),
        ],
        '2026-01-01T00:00:00.000Z',
        TEAM_B,
      ),
    );
    const summary = await store.getSummary({});
    expect(summary.total).toBe(4);
    expect(summary.byStatus).toEqual({
      draft: 1,
      'in-review': 0,
      approved: 2,
      implemented: 1,
      superseded: 0,
      rejected: 0,
      unknown: 0,
    });
    expect(summary.byBlastRadius).toEqual({
      unknown: 0,
      low: 3,
      medium: 0,
      high: 1,
      critical: 0,
    });
    expect(summary.monthlyCostDeltaByStatus.approved).toBeCloseTo(59.5);
    expect(summary.monthlyCostDeltaByStatus.draft).toBe(0);
    expect(summary.monthlyCostDeltaByStatus.implemented).toBe(10);
    expect(summary.monthlyCostDeltaByComponent).toEqual([
      { componentRef: COMPONENT_A, monthlyCostDelta: 59.5 },
      { componentRef: COMPONENT_B, monthlyCostDelta: 10 },
    ]);
    expect(summary.monthlyCostDeltaByOwner).toEqual([
      { ownerRef: TEAM_A, monthlyCostDelta: 59.5 },
      { ownerRef: TEAM_B, monthlyCostDelta: 10 },
    ]);
    expect(summary.currency).toBe('USD');

    const scoped = await store.getSummary({ componentRef: COMPONENT_B });
    expect(scoped.total).toBe(1);
    expect(scoped.monthlyCostDeltaByComponent).toEqual([
      { componentRef: COMPONENT_B, monthlyCostDelta: 10 },
    ]);

    await store.syncLocation(
      sync(
        COMPONENT_B,
        [
          write(
            'b1',
            makeDocument({
              status: 'implemented',
              cost: { monthlyDelta: 10, currency: 'EUR', items: [] },
            }),
          ),
        ],
        '2026-01-02T00:00:00.000Z',
        TEAM_B,
      ),
    );
    expect((await store.getSummary({})).currency).toBeNull();
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
    );
    expect(await store.allocateId('SPEC')).toBe('SPEC-0046');
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('e', makeDocument({ id: 'SPEC-0100' }))],
        '2026-01-03T00:00:00.000Z',
      ),
    );
    expect(await store.allocateId('SPEC')).toBe('SPEC-0101');

    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => store.allocateId('PAR')),
    );
    expect(new Set(parallel).size).toBe(8);
  });

  it('feeds changes since a token, with removals and full resyncs', async () => {
    const start = await store.getChanges({ limit: 100 });
    expect(start.full).toBe(true);

    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument()), write('a2', makeDocument())],
        '2026-01-01T00:00:00.000Z',
      ),
    );
    const d1 = await store.getChanges({ since: start.token, limit: 100 });
    expect(d1.full).toBe(false);
    expect(d1.upserted.map(r => r.name).sort()).toEqual(['a1', 'a2']);
    expect(d1.removed).toEqual([]);
    expect(d1.hasMore).toBe(false);

    // Nothing new: an unchanged refresh logs nothing.
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 'a1',
            path: 'a1.md',
            viewUrl: 'https://git.example.com/specs/a1.md',
          },
          {
            name: 'a2',
            path: 'a2.md',
            viewUrl: 'https://git.example.com/specs/a2.md',
          },
        ],
        '2026-01-02T00:00:00.000Z',
      ),
    );
    await store.touchLocation({
      componentRef: COMPONENT_A,
      target: `https://git.example.com/${COMPONENT_A}/specs`,
      ownerRef: TEAM_A,
      etag: 'x',
      at: '2026-01-03T00:00:00.000Z',
    });
    const d2 = await store.getChanges({ since: d1.token, limit: 100 });
    expect(d2).toMatchObject({
      full: false,
      upserted: [],
      removed: [],
      token: d1.token,
    });

    // a2 vanishes, b1 appears, a1's owner changes without a file change.
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          {
            name: 'a1',
            path: 'a1.md',
            viewUrl: 'https://git.example.com/specs/a1.md',
          },
        ],
        '2026-01-04T00:00:00.000Z',
      ),
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-01-04T00:00:00.000Z',
      ),
    );
    await store.touchLocation({
      componentRef: COMPONENT_A,
      target: `https://git.example.com/${COMPONENT_A}/specs`,
      ownerRef: TEAM_B,
      etag: 'y',
      at: '2026-01-05T00:00:00.000Z',
    });
    const d3 = await store.getChanges({ since: d2.token, limit: 2 });
    expect(d3.hasMore).toBe(true);
    const d4 = await store.getChanges({ since: d3.token, limit: 2 });
    expect(d4.hasMore).toBe(false);
    const upserted = [...d3.upserted, ...d4.upserted];
    const a1 = upserted.filter(r => r.name === 'a1').pop();
    expect(a1?.ownerRef).toBe(TEAM_B);
    expect(upserted.map(r => r.name)).toContain('b1');
    expect([...d3.removed, ...d4.removed]).toEqual([
      { name: 'a2', entityRef: 'spec:default/a2' },
    ]);

    // The whole component leaves: its specs are announced removed.
    await store.deleteLocations([COMPONENT_B]);
    const d5 = await store.getChanges({ since: d4.token, limit: 100 });
    expect(d5.removed).toEqual([{ name: 'b1', entityRef: 'spec:default/b1' }]);

    expect(
      (await store.getChanges({ since: 'not-a-token', limit: 10 })).full,
    ).toBe(true);
    // Tokens older than the pruned log force a full resync.
    await store.prune({
      historyBefore: '2000-01-01T00:00:00.000Z',
      removedBefore: '2000-01-01T00:00:00.000Z',
      changesBefore: new Date(Date.now() + 60_000).toISOString(),
    });
    expect((await store.getChanges({ since: d1.token, limit: 10 })).full).toBe(
      true,
    );
    const afterPrune = await store.getChanges({ since: d5.token, limit: 10 });
    expect(afterPrune.full).toBe(false);
  });

  it('records failures and keeps the specs; deletes whole locations', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument())],
        '2026-01-01T00:00:00.000Z',
      ),
    );
    await store.recordLocationFailure({
      componentRef: COMPONENT_A,
      target: 'https://git.example.com/a',
      ownerRef: TEAM_A,
      message: 'NotFoundError: gone',
      at: '2026-01-02T00:00:00.000Z',
      consecutiveFailures: 1,
      nextAttemptAt: '2026-01-02T00:05:00.000Z',
    });
    const state = await store.getLocationState(COMPONENT_A);
    expect(state).toMatchObject({
      indexedAt: '2026-01-01T00:00:00.000Z',
      lastError: {
        message: 'NotFoundError: gone',
        at: '2026-01-02T00:00:00.000Z',
      },
      nextAttemptAt: '2026-01-02T00:05:00.000Z',
      consecutiveFailures: 1,
      specCount: 1,
    });
    const [record] = await store.listSpecsOfComponent(COMPONENT_A);
    expect(record.lastRefreshError).toEqual({
      message: 'NotFoundError: gone',
      at: '2026-01-02T00:00:00.000Z',
    });

    // A location that never succeeded gets a row too.
    await store.recordLocationFailure({
      componentRef: COMPONENT_B,
      target: 'dir:/nope',
      ownerRef: TEAM_B,
      message: 'refused',
      at: '2026-01-02T00:00:00.000Z',
      consecutiveFailures: 1,
      nextAttemptAt: '2026-01-02T00:05:00.000Z',
    });
    expect(
      (await store.listLocationStates()).map(l => [
        l.componentRef,
        l.specCount,
      ]),
    ).toEqual([
      [COMPONENT_A, 1],
      [COMPONENT_B, 0],
    ]);

    // A later read that finds nothing new clears the error, for many locations at once.
    await store.touchLocations(
      [COMPONENT_A, COMPONENT_B],
      '2026-01-03T00:00:00.000Z',
    );
    expect(await store.getLocationState(COMPONENT_A)).toMatchObject({
      indexedAt: '2026-01-03T00:00:00.000Z',
      lastError: null,
      nextAttemptAt: null,
      consecutiveFailures: 0,
    });
    expect((await store.listSpecsOfComponent(COMPONENT_A))[0]).toMatchObject({
      indexedAt: '2026-01-03T00:00:00.000Z',
      lastRefreshError: null,
    });

    expect(await store.deleteLocations([COMPONENT_A])).toEqual(['a1']);
    expect(await store.getSpecDetail('a1')).toBeUndefined();
    expect(await store.getLocationState(COMPONENT_A)).toBeUndefined();
    expect(await knex('infra_specs_status_history')).toHaveLength(0);
  });
});
