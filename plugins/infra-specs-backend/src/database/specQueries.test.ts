import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { makeDocument } from '../__testUtils__/documents';
import {
  COMPONENT_A,
  COMPONENT_B,
  TEAM_A,
  TEAM_B,
  setup,
  sync,
  write,
} from '../__testUtils__/storeFixtures';
import { diffLocation } from '../refresh/diffLocation';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore spec queries on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
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
      diffLocation,
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
      pullRequest: null,
      proposed: false,
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
      diffLocation,
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
      diffLocation,
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
      diffLocation,
    );
    expect(await names({})).toEqual(['a1', 'b1']);
    expect(await names({ includeRemoved: true })).toEqual(['a1', 'a2', 'b1']);
  });
});
