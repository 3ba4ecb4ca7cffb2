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
import type { StoredSpecState } from './SpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore location writes on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
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
      diffLocation,
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
      diffLocation,
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
      diffLocation,
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
      diffLocation,
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

  it('records failures and keeps the specs; deletes whole locations', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [write('a1', makeDocument())],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
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

  it('hands the diff the stored specs, and writes nothing when it fails', async () => {
    const first = write('a1', makeDocument({ status: 'approved' }));
    first.setDiagnostics = [
      { severity: 'warning', line: 1, code: 'duplicate-id', message: 'dup' },
    ];
    await store.syncLocation(
      sync(COMPONENT_A, [first], '2026-01-01T00:00:00.000Z'),
      diffLocation,
    );
    const seen: StoredSpecState[][] = [];
    await expect(
      store.syncLocation(
        sync(
          COMPONENT_A,
          [write('a2', makeDocument())],
          '2026-01-02T00:00:00.000Z',
        ),
        (stored, input) => {
          seen.push(stored);
          // a1 is removed before the insert fails (a path is required): none of it may stay.
          const changes = diffLocation(stored, input);
          const broken = {
            ...changes.inserts[0],
            path: null as unknown as string,
          };
          return { ...changes, inserts: [broken] };
        },
      ),
      // Not toThrow: better-sqlite3's SqliteError may come from another realm than jest's Error.
    ).rejects.toHaveProperty('message', expect.stringContaining('path'));
    expect(seen).toEqual([
      [
        {
          name: 'a1',
          path: 'a1.md',
          status: 'approved',
          contentHash: first.content!.contentHash,
          ownerRef: TEAM_A,
          locationTarget: `https://git.example.com/${COMPONENT_A}/specs`,
          viewUrl: 'https://git.example.com/specs/a1.md',
          setDiagnostics: first.setDiagnostics,
          removedAt: null,
        },
      ],
    ]);
    expect(
      (await store.listSpecsOfComponent(COMPONENT_A)).map(s => s.name),
    ).toEqual(['a1']);
    expect(await knex('infra_specs_specs').where({ name: 'a2' })).toHaveLength(
      0,
    );
    expect((await store.getLocationState(COMPONENT_A))?.indexedAt).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect((await store.getSpecDetail('a1'))?.removedAt).toBeNull();
  });

  it('writes the locations that come during a write together, and a failing one fails alone', async () => {
    // SQLite has one writer, PostgreSQL two (see LocationWriteQueue): that many go alone.
    const writers = databaseId === 'SQLITE_3' ? 1 : 2;
    const transactions: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^\s*(begin|start transaction)/i.test(query.sql))
        transactions.push(query.sql);
    });
    const at = '2026-01-01T00:00:00.000Z';
    const { token } = await store.getChanges({ limit: 1 });
    const components = Array.from(
      { length: 12 },
      (_, i) => `component:default/c${i}`,
    );
    const failing = components[7];
    // All at once, as a refresh's concurrent locations would: the first goes alone, the
    // rest pile up behind it and share a transaction; c7's diff breaks its insert.
    const outcomes = await Promise.allSettled(
      components.map((componentRef, i) =>
        store.syncLocation(
          sync(componentRef, [write(`s${i}`, makeDocument())], at),
          (stored, input) => {
            const changes = diffLocation(stored, input);
            return componentRef === failing
              ? {
                  ...changes,
                  inserts: [
                    { ...changes.inserts[0], path: null as unknown as string },
                  ],
                }
              : changes;
          },
        ),
      ),
    );

    expect(outcomes.map(o => o.status)).toEqual(
      components.map(c => (c === failing ? 'rejected' : 'fulfilled')),
    );
    expect((await store.listSpecNames()).sort()).toEqual(
      components.flatMap((c, i) => (c === failing ? [] : [`s${i}`])).sort(),
    );
    // The first ones alone, one batch of the rest that failed on c7, then the rest one by one.
    const rest = components.length - writers;
    expect(transactions).toHaveLength(writers + 1 + rest);
    // Every written spec is in the change feed, the failed location's not at all.
    const changes = await store.getChanges({ since: token, limit: 100 });
    expect(changes.upserted.map(r => r.componentRef).sort()).toEqual(
      components.filter(c => c !== failing).sort(),
    );

    // Without a failure, the same pile-up is the lone ones and one batch.
    transactions.length = 0;
    await Promise.all(
      components.map((componentRef, i) =>
        store.syncLocation(
          sync(
            componentRef,
            [write(`t${i}`, makeDocument())],
            '2026-01-02T00:00:00.000Z',
          ),
          diffLocation,
        ),
      ),
    );
    expect(transactions).toHaveLength(writers + 1);
    expect(await store.countCurrentSpecs()).toBe(12);
  });

  it('writes two writes of one location in the order they came, never in one batch', async () => {
    const transactions: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^\s*(begin|start transaction)/i.test(query.sql))
        transactions.push(query.sql);
    });
    const writes = (['draft', 'in-review', 'approved'] as const).map(
      (status, i) =>
        store.syncLocation(
          sync(
            COMPONENT_A,
            [write('s1', makeDocument({ status }))],
            `2026-01-0${i + 1}T00:00:00.000Z`,
          ),
          diffLocation,
        ),
    );
    await Promise.all(writes);
    // One transaction each: a batch holding the location twice would fail and be retried.
    expect(transactions).toHaveLength(3);
    const detail = await store.getSpecDetail('s1');
    expect(detail?.document.status).toBe('approved');
    expect(detail?.history.map(h => [h.from, h.to])).toEqual([
      [null, 'draft'],
      ['draft', 'in-review'],
      ['in-review', 'approved'],
    ]);
    expect((await store.getLocationState(COMPONENT_A))?.indexedAt).toBe(
      '2026-01-03T00:00:00.000Z',
    );
  });
});
