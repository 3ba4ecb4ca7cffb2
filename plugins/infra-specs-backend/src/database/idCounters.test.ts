import { ConflictError } from '@backstage/errors';
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
import { DatabaseSpecStore } from './DatabaseSpecStore';
import { COUNTERS } from './tables';

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

  const diagnosticCodes = async (name: string) =>
    (await store.getSpecDetail(name))?.document.diagnostics.map(d => d.code) ??
    [];

  it('does not let one far-off id move the counter: the spec gets a diagnostic instead', async () => {
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write('one', makeDocument({ id: 'SPEC-0001' })),
          write('two', makeDocument({ id: 'SPEC-0002' })),
          write('poison', makeDocument({ id: 'SPEC-999999999' })),
        ],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    expect(await store.peekId('SPEC')).toBe('SPEC-0003');
    expect(await diagnosticCodes('poison')).toContain('id-beyond-counter');
    expect(await diagnosticCodes('one')).not.toContain('id-beyond-counter');
    const detail = await store.getSpecDetail('poison');
    expect(
      detail?.document.diagnostics.find(d => d.code === 'id-beyond-counter')
        ?.message,
    ).toMatch(/SPEC-999999999.*infraSpecs\.ids\.maxJump/);

    // The next read of the same files (unchanged, so without content) keeps the diagnostic
    // and still does not count the id.
    await store.syncLocation(
      {
        ...sync(COMPONENT_A, [], '2026-01-02T00:00:00.000Z'),
        specs: ['one', 'two', 'poison'].map(name => ({
          name,
          path: `${name}.md`,
          viewUrl: `https://git.example.com/specs/${name}.md`,
          setDiagnostics: [],
        })),
      },
      diffLocation,
    );
    expect(await diagnosticCodes('poison')).toContain('id-beyond-counter');
    expect(await store.allocateId('SPEC')).toBe('SPEC-0003');

    // The file is edited and no longer claims an id: the warning goes with the old content.
    await store.syncLocation(
      sync(
        COMPONENT_A,
        [
          write('one', makeDocument({ id: 'SPEC-0001' })),
          write('two', makeDocument({ id: 'SPEC-0002' })),
          write('poison', makeDocument({ id: null, title: 'No id any more' })),
        ],
        '2026-01-03T00:00:00.000Z',
      ),
      diffLocation,
    );
    expect(await diagnosticCodes('poison')).not.toContain('id-beyond-counter');
  });

  it('lets a first index of a long-numbered folder raise the counter, up to its size plus the jump', async () => {
    const small = DatabaseSpecStore.create(knex, { maxIdJump: 5 });
    const specs = Array.from({ length: 8 }, (_, i) =>
      write(
        `s${i}`,
        makeDocument({ id: `OPS-${String(i + 6).padStart(3, '0')}` }),
      ),
    );
    await small.syncLocation(
      sync(
        COMPONENT_B,
        [...specs, write('far', makeDocument({ id: 'OPS-014' }))],
        '2026-01-01T00:00:00.000Z',
      ),
      diffLocation,
    );
    // Nine OPS ids seen, jump 5: up to OPS-014 counts; OPS-006..013 and 014 all do.
    expect(await small.peekId('OPS')).toBe('OPS-015');
    await small.syncLocation(
      sync(
        COMPONENT_A,
        [write('beyond', makeDocument({ id: 'OPS-021' }))],
        '2026-01-02T00:00:00.000Z',
      ),
      diffLocation,
    );
    // Counter 14 + jump 5 = 19 < 21.
    expect(await small.peekId('OPS')).toBe('OPS-015');
    expect(
      (await small.getSpecDetail('beyond'))?.document.diagnostics.map(
        d => d.code,
      ),
    ).toContain('id-beyond-counter');
  });

  it('screens the locations of one batch one after the other, as if each were written alone', async () => {
    const small = DatabaseSpecStore.create(knex, { maxIdJump: 5 });
    const writers = databaseId === 'SQLITE_3' ? 1 : 2;
    const transactions: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^\s*(begin|start transaction)/i.test(query.sql))
        transactions.push(query.sql);
    });
    const at = '2026-01-01T00:00:00.000Z';
    const location = (ref: string, specIds: string[]) =>
      small.syncLocation(
        sync(
          ref,
          specIds.map(id =>
            write(`${ref.split('/')[1]}-${id}`, makeDocument({ id })),
          ),
          at,
        ),
        diffLocation,
      );
    // The first writes go alone (one per writer); x, y and z pile up and share one batch.
    const fillers = Array.from({ length: writers }, (_, i) =>
      location(`component:default/filler${i}`, []),
    );
    const x = Array.from(
      { length: 8 },
      (_, i) => `OPS-${String(i + 1).padStart(3, '0')}`,
    );
    await Promise.all([
      ...fillers,
      // Eight ids: x may raise OPS to 8.
      location('component:default/x', x),
      // Counted only if y is screened against x's raise (8 + 5 = 13), not the stored 0 (1 + 5).
      location('component:default/y', ['OPS-012']),
      // Above y's raise plus the jump (12 + 5 = 17): refused.
      location('component:default/z', ['OPS-019']),
    ]);
    expect(transactions).toHaveLength(writers + 1);
    expect(await small.peekId('OPS')).toBe('OPS-013');
    expect(await diagnosticCodes('y-OPS-012')).not.toContain(
      'id-beyond-counter',
    );
    expect(await diagnosticCodes('z-OPS-019')).toContain('id-beyond-counter');
  });

  it('refuses to hand out an id with more than nine digits', async () => {
    await knex(COUNTERS).insert({ prefix: 'FULL', highest: 999_999_999 });
    await expect(store.allocateId('FULL')).rejects.toThrow(ConflictError);
    await expect(store.allocateId('FULL')).rejects.toThrow(/FULL-999999999/);
  });
});
