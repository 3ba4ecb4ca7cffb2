import { mockServices } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  SpecChangesResponse,
  SpecQuery,
  SpecRecord,
  SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecsEntityProvider, SpecIndexReader } from './InfraSpecsEntityProvider';
import { makeRecord } from '../__testUtils__/records';

/** The provider's view of the catalog: what its mutations would leave there. */
class FakeConnection implements EntityProviderConnection {
  readonly entities = new Map<string, Entity>();
  readonly mutations: EntityProviderMutation[] = [];

  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
    if (mutation.type === 'full') {
      this.entities.clear();
      for (const { entity } of mutation.entities) {
        this.entities.set(stringifyEntityRef(entity), entity);
      }
      return;
    }
    for (const removed of mutation.removed) {
      this.entities.delete(
        'entityRef' in removed ? removed.entityRef : stringifyEntityRef(removed.entity),
      );
    }
    for (const { entity } of mutation.added) {
      this.entities.set(stringifyEntityRef(entity), entity);
    }
  }

  async refresh() {}

  statusOf(name: string) {
    return this.entities.get(`spec:default/${name}`)?.spec?.status;
  }
}

/**
 * An in-memory index with the semantics of GET /specs and GET /changes: a change log with
 * numbered tokens, a limit per page, and tokens that expire when the log is truncated.
 */
class FakeIndex implements SpecIndexReader {
  readonly records = new Map<string, SpecRecord>();
  log: Array<{ seq: number; name: string }> = [];
  seq = 0;
  truncatedBefore = 0;
  pageLimit = 100;
  down = false;
  readonly calls: string[] = [];
  /** While set, GET /changes waits for it: a run in progress that the test holds. */
  hold?: Promise<void>;
  /** Runs reading the change feed at the same time, now and at most. */
  active = 0;
  maxActive = 0;

  upsert(record: SpecRecord) {
    this.records.set(record.name, record);
    this.log.push({ seq: ++this.seq, name: record.name });
  }

  setStatus(name: string, status: SpecStatus) {
    const record = this.records.get(name)!;
    this.upsert({ ...record, document: { ...record.document, status } });
  }

  remove(name: string) {
    const record = this.records.get(name)!;
    this.upsert({ ...record, removedAt: '2026-11-20T10:00:00.000Z' });
  }

  async listSpecs(query: SpecQuery = {}) {
    this.calls.push(`list:${query.cursor ?? ''}`);
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    const all = [...this.records.values()]
      .filter(r => !r.removedAt)
      .sort((a, b) => a.name.localeCompare(b.name));
    const start = Number(query.cursor ?? 0);
    const limit = Math.min(query.limit ?? 50, 2);
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return { items, totalCount: all.length, ...(next ? { nextCursor: next } : {}) };
  }

  async getChanges(since?: string): Promise<SpecChangesResponse> {
    this.calls.push(`changes:${since ?? ''}`);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      await this.hold;
    } finally {
      this.active -= 1;
    }
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    const from = since === undefined ? NaN : Number(since);
    if (Number.isNaN(from) || from < this.truncatedBefore) {
      return { full: true, upserted: [], removed: [], token: String(this.seq), hasMore: false };
    }
    const entries = this.log.filter(e => e.seq > from).slice(0, this.pageLimit);
    const last = entries.length ? entries[entries.length - 1].seq : from;
    const names = [...new Set(entries.map(e => e.name))];
    const current = names.map(n => this.records.get(n)!);
    return {
      full: false,
      upserted: current.filter(r => !r.removedAt),
      removed: current
        .filter(r => r.removedAt)
        .map(r => ({ name: r.name, entityRef: r.entityRef })),
      token: String(last),
      hasMore: this.log.some(e => e.seq > last),
    };
  }
}

function setup(options: { fullSyncEvery?: number } = {}) {
  const index = new FakeIndex();
  const connection = new FakeConnection();
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const provider = new InfraSpecsEntityProvider({
    reader: index,
    logger,
    fullSyncEvery: options.fullSyncEvery ?? 100,
  });
  return { index, connection, logger, provider };
}

describe('InfraSpecsEntityProvider', () => {
  it('publishes every stored spec with a full mutation on its first run', async () => {
    const { index, connection, provider } = setup();
    index.upsert(makeRecord({ name: 'spec-0101-nat', status: 'in-review' }));
    index.upsert(makeRecord({ name: 'spec-0102-flow-logs', status: 'approved' }));
    index.upsert(makeRecord({ name: 'spec-0103-endpoints', status: 'draft' }));
    index.upsert({
      ...makeRecord({ name: 'spec-0090-old', status: 'draft' }),
      removedAt: '2026-11-01T00:00:00.000Z',
    });
    await provider.connect(connection);

    await expect(provider.run()).resolves.toEqual({
      type: 'full',
      entities: 3,
      skipped: 0,
    });

    expect(connection.mutations.map(m => m.type)).toEqual(['full']);
    // Three entities across two pages of the listing, the removed one left out.
    expect([...connection.entities.keys()].sort()).toEqual([
      'spec:default/spec-0101-nat',
      'spec:default/spec-0102-flow-logs',
      'spec:default/spec-0103-endpoints',
    ]);
    expect(index.calls).toEqual(['changes:', 'list:', 'list:2']);
    const entity = connection.entities.get('spec:default/spec-0101-nat')!;
    expect(entity.kind).toBe('Spec');
    expect(entity.spec?.status).toBe('in-review');
    expect(entity.metadata.annotations?.[ANNOTATION_LOCATION]).toBe(
      'url:https://github.com/example-org/network-vpc/blob/main/docs/specs/spec-0101-nat.md',
    );
    expect(entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION]).toBe(
      'url:https://github.com/example-org/network-vpc/tree/main/docs/specs',
    );
  });

  it('applies status changes and removals as deltas', async () => {
    const { index, connection, provider } = setup();
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    index.upsert(makeRecord({ name: 'b', status: 'in-review' }));
    await provider.connect(connection);
    await provider.run();

    index.setStatus('a', 'approved');
    index.remove('b');
    index.upsert(makeRecord({ name: 'c', status: 'draft' }));

    await expect(provider.run()).resolves.toEqual({
      type: 'delta',
      added: 2,
      removed: 1,
      skipped: 0,
    });
    expect(connection.mutations.map(m => m.type)).toEqual(['full', 'delta']);
    expect(connection.statusOf('a')).toBe('approved');
    expect(connection.entities.has('spec:default/b')).toBe(false);
    expect(connection.statusOf('c')).toBe('draft');
    const delta = connection.mutations[1];
    expect(delta.type === 'delta' && delta.removed).toEqual([
      { entityRef: 'spec:default/b', locationKey: 'infra-specs' },
    ]);
  });

  it('applies nothing when nothing changed', async () => {
    const { index, connection, provider } = setup();
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);
    await provider.run();

    await expect(provider.run()).resolves.toEqual({
      type: 'delta',
      added: 0,
      removed: 0,
      skipped: 0,
    });
    expect(connection.mutations).toHaveLength(1);
  });

  it('follows hasMore through every page of changes in one run', async () => {
    const { index, connection, provider } = setup();
    await provider.connect(connection);
    await provider.run();
    index.pageLimit = 2;
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      index.upsert(makeRecord({ name, status: 'draft' }));
    }

    const result = await provider.run();

    expect(result).toEqual({ type: 'delta', added: 5, removed: 0, skipped: 0 });
    expect(connection.entities.size).toBe(5);
    expect(connection.mutations.map(m => m.type)).toEqual([
      'full',
      'delta',
      'delta',
      'delta',
    ]);
  });

  it('falls back to a full mutation when the token expired', async () => {
    const { index, connection, provider } = setup();
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);
    await provider.run();
    index.upsert(makeRecord({ name: 'b', status: 'draft' }));
    index.truncatedBefore = index.seq;

    await expect(provider.run()).resolves.toMatchObject({ type: 'full', entities: 2 });
    expect(connection.mutations.map(m => m.type)).toEqual(['full', 'full']);
  });

  it('resyncs with a full mutation every fullSyncEvery runs to heal drift', async () => {
    const { index, connection, provider } = setup({ fullSyncEvery: 3 });
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);

    const types = [];
    for (let i = 0; i < 7; i++) {
      // Drift: something outside the provider dropped its entity from the catalog.
      if (i === 4) connection.entities.clear();
      types.push((await provider.run()).type);
    }

    expect(types).toEqual(['full', 'delta', 'delta', 'full', 'delta', 'delta', 'full']);
    expect(connection.entities.has('spec:default/a')).toBe(true);
  });

  it('applies changes at once on request, without counting towards fullSyncEvery', async () => {
    const { index, connection, provider } = setup({ fullSyncEvery: 3 });
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);

    // Before the first token there is nothing to apply a delta to.
    await expect(provider.applyChanges()).resolves.toMatchObject({ type: 'full', entities: 1 });
    const types = [];
    for (let i = 0; i < 5; i++) {
      index.setStatus('a', i % 2 ? 'draft' : 'approved');
      types.push((await provider.applyChanges()).type);
      expect(connection.statusOf('a')).toBe(i % 2 ? 'draft' : 'approved');
    }
    // The scheduled runs still count their own: two deltas, then the full resync.
    for (let i = 0; i < 3; i++) {
      types.push((await provider.run()).type);
    }

    expect(types).toEqual(['delta', 'delta', 'delta', 'delta', 'delta', 'delta', 'delta', 'full']);
  });

  it('never runs twice at once: requests during a run share one run after it', async () => {
    const { index, connection, provider } = setup();
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);
    await provider.run();
    index.calls.length = 0;

    let release!: () => void;
    index.hold = new Promise(resolve => (release = resolve));
    const scheduled = provider.run();
    // Changes that come in while the run reads, and the events that announce them.
    index.upsert(makeRecord({ name: 'b', status: 'draft' }));
    const followUps = [provider.applyChanges(), provider.applyChanges(), provider.run()];
    index.upsert(makeRecord({ name: 'c', status: 'draft' }));
    index.hold = undefined;
    release();

    const [first, ...after] = await Promise.all([scheduled, ...followUps]);
    expect(index.maxActive).toBe(1);
    // The held run, then exactly one more: every request made during the first shares it.
    expect(index.calls.filter(c => c.startsWith('changes:'))).toHaveLength(2);
    expect(after[0]).toBe(after[1]);
    expect(after[1]).toBe(after[2]);
    expect(first).toMatchObject({ type: 'delta' });
    expect(connection.statusOf('b')).toBe('draft');
    expect(connection.statusOf('c')).toBe('draft');
  });

  it('keeps the published entities and warns when the backend is unreachable', async () => {
    const { index, connection, provider, logger } = setup();
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await provider.connect(connection);
    await provider.run();

    index.down = true;
    index.setStatus('a', 'approved');
    const failed = await provider.run();
    expect(failed.type).toBe('failed');
    expect(connection.mutations).toHaveLength(1);
    expect(connection.statusOf('a')).toBe('draft');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/keeps the Spec entities published before.*ECONNREFUSED/),
    );

    // Later failures in a row are logged at debug level, with a warning now and then.
    logger.warn.mockClear();
    for (let i = 2; i <= 20; i++) await provider.run();
    expect(logger.debug).toHaveBeenCalledTimes(18);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/\(20 run\(s\) in a row\)/));

    index.down = false;
    await expect(provider.run()).resolves.toMatchObject({ type: 'delta', added: 1 });
    expect(connection.statusOf('a')).toBe('approved');
  });

  it('never applies an empty full mutation when the first run fails', async () => {
    const { index, connection, provider } = setup();
    index.down = true;
    await provider.connect(connection);

    await expect(provider.run()).resolves.toMatchObject({ type: 'failed' });
    expect(connection.mutations).toEqual([]);
  });

  it('skips a record it cannot map and publishes the others', async () => {
    const { index, connection, provider, logger } = setup();
    index.upsert(makeRecord({ name: 'good', status: 'draft' }));
    index.upsert({
      ...makeRecord({ name: 'bad', status: 'draft' }),
      locationTarget: 'not a url',
      viewUrl: null,
    });
    await provider.connect(connection);

    await expect(provider.run()).resolves.toEqual({ type: 'full', entities: 1, skipped: 1 });
    expect([...connection.entities.keys()]).toEqual(['spec:default/good']);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/Skipped spec bad/));
  });

  it('schedules its run with the task runner it was given', async () => {
    const { index, connection } = setup();
    const run = jest.fn();
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const provider = new InfraSpecsEntityProvider({
      reader: index,
      logger,
      fullSyncEvery: 10,
      taskRunner: { run },
    });

    await provider.connect(connection);

    expect(provider.getProviderName()).toBe('infra-specs');
    expect(run).toHaveBeenCalledWith({
      id: 'infra-specs-entity-provider',
      fn: expect.any(Function),
    });
    index.upsert(makeRecord({ name: 'a', status: 'draft' }));
    await run.mock.calls[0][0].fn();
    expect(connection.entities.has('spec:default/a')).toBe(true);
  });

  it('refuses to run before the catalog connected it', async () => {
    const { provider } = setup();
    await expect(provider.run()).rejects.toThrow(/not connected/);
  });
});
