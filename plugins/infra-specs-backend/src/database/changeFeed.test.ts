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
import { logChanges } from './changeFeed';
import type { DatabaseSpecStore } from './DatabaseSpecStore';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('DatabaseSpecStore change feed on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseSpecStore;

  beforeEach(async () => {
    ({ knex, store } = await setup(databases, databaseId));
  });

  afterEach(async () => {
    await knex.destroy();
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
      diffLocation,
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
      diffLocation,
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
      diffLocation,
    );
    await store.syncLocation(
      sync(
        COMPONENT_B,
        [write('b1', makeDocument())],
        '2026-01-04T00:00:00.000Z',
      ),
      diffLocation,
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

  it('hands out a change once it commits, and never skips one that took its place in the log earlier', async () => {
    const start = await store.getChanges({ limit: 100 });
    if (databaseId === 'SQLITE_3') {
      // One writer at a time, and one connection: what follows is PostgreSQL's concern.
      return;
    }
    // A logs its change and stays open; B logs and commits meanwhile.
    let commitA!: () => void;
    let aLogged!: () => void;
    const hasLogged = new Promise<void>(resolve => (aLogged = resolve));
    const a = knex.transaction(async tx => {
      await logChanges(tx, ['from-a']);
      aLogged();
      await new Promise<void>(resolve => (commitA = resolve));
    });
    await hasLogged;
    let bCommitted = false;
    const b = knex
      .transaction(async tx => logChanges(tx, ['from-b']))
      .then(() => (bCommitted = true));
    await new Promise(resolve => setTimeout(resolve, 300));
    // B waits for A: had it committed first, this read would hand out B's entry, and its token
    // would lie past A's entry, which a later read would never hand out.
    expect(bCommitted).toBe(false);
    const during = await store.getChanges({ since: start.token, limit: 100 });
    expect(during).toMatchObject({
      full: false,
      removed: [],
      token: start.token,
    });

    commitA();
    await Promise.all([a, b]);
    const after = await store.getChanges({ since: during.token, limit: 100 });
    expect(after.removed.map(r => r.name)).toEqual(['from-a', 'from-b']);
  });
});
