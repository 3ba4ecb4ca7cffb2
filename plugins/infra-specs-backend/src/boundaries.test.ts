/*
 * Bad input against the real backend (issue 14's black-box list): each case gets a clear error
 * or diagnostic, and the test checks that nothing was written that should not be. Specs are read
 * through Backstage's real GitHub reader from the loopback forge.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  waitFor,
} from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import { changeSpec } from './__testUtils__/testParser';
import { COUNTERS, HISTORY } from './database/tables';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

let forge: Forge;
beforeEach(async () => {
  forge = await startForge();
});
afterEach(() => forge.close());

function component(): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'a',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url('acme/a', 'catalog-info.yaml', { kind: 'blob' })}`,
        'infra-specs.dev/spec-location': `url:${forge.url('acme/a', 'specs')}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/team-a' },
  };
}

/** Allows everything, counting the decisions asked for (each request asks one). */
function countingPermissions() {
  const counter = { decisions: 0 };
  const allow = async (requests: unknown[]) => {
    counter.decisions += requests.length;
    return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  };
  return {
    counter,
    factory: createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => ({ authorize: allow, authorizeConditional: allow }) as any,
    }),
  };
}

/**
 * Backstage's default readers (GitHub's for the forge), each readTree waiting for `gate()` first
 * when one is given: the forge cannot hold a request back and then answer it.
 */
function gatedReader(gate?: () => Promise<void>) {
  return createServiceFactory({
    service: coreServices.urlReader,
    deps: { config: coreServices.rootConfig, logger: coreServices.logger },
    factory: ({ config, logger }) => {
      const inner = UrlReaders.default({ config, logger });
      if (!gate) return inner;
      return {
        readUrl: (url, options) => inner.readUrl(url, options),
        search: (url, options) => inner.search(url, options),
        readTree: async (url, options) => {
          await gate();
          return inner.readTree(url, options);
        },
      };
    },
  });
}

async function start(
  knex: Knex,
  extra: any[] = [],
  gate?: () => Promise<void>,
) {
  const { server } = await startTestBackend({
    features: [
      ...extra,
      infraSpecsPlugin,
      catalogServiceMock.factory({ entities: [component()] }),
      gatedReader(gate),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { integrations: { github: [forge.integration] } },
      }),
    ],
  });
  return server;
}

const SPECS = {
  'specs/SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'Upgrade EKS', status: 'Approved' }),
  'specs/SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'NAT gateways', status: 'Draft' }),
};

const counters = async (knex: Knex) =>
  (await knex(COUNTERS).select('prefix', 'highest').orderBy('prefix')).map(
    r => `${r.prefix}=${Number(r.highest)}`,
  );

const base64 = (value: unknown) =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe.each(ids)('infra-specs boundaries on %s', databaseId => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof start>>;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    forge.addRepository('acme/a', {
      files: {
        ...SPECS,
        'specs/SPEC-999999999.md': changeSpec({ id: 'SPEC-999999999', title: 'Poison', status: 'Draft' }),
      },
    });
    server = await start(knex);
    await request(server)
      .post('/api/infra-specs/refresh')
      .send({ entityRef: 'component:default/a' })
      .expect(200);
  });

  it('a spec with SPEC-999999999 gets a diagnostic and does not move the next id', async () => {
    expect(await counters(knex)).toEqual(['SPEC=2']);
    const list = await request(server).get('/api/infra-specs/specs?q=poison').expect(200);
    expect(list.body.items).toHaveLength(1);
    const detail = await request(server)
      .get(`/api/infra-specs/specs/${list.body.items[0].name}`)
      .expect(200);
    expect(detail.body.document.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'id-beyond-counter',
        severity: 'warning',
        message: expect.stringContaining('infraSpecs.ids.maxJump'),
      }),
    );
    const next = await request(server).post('/api/infra-specs/next-id').send({ entityRef: 'component:default/a' }).expect(200);
    expect(next.body).toEqual({ id: 'SPEC-0003' });
  });

  it.each([
    ['an object', { s: '-updated', v: { $ne: null }, n: 'x' }, 'cursor.v'],
    ['an array', { s: '-updated', v: ['2026-01-01'], n: 'x' }, 'cursor.v'],
    ['a name that is an object', { s: '-updated', v: null, n: { a: 1 } }, 'cursor.n'],
    ['an array instead of a cursor', [1, 2, 3], 'cursor'],
  ])('a cursor holding %s is a 400 naming the field, not a 500', async (_what, cursor, field) => {
    const res = await request(server)
      .get('/api/infra-specs/specs')
      .query({ cursor: base64(cursor) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError' });
    expect(res.body.error.message).toContain(field);
  });

  it('an unknown prefix on /next-id is a 400 naming the allowed prefixes, and no counter row is made', async () => {
    const before = await counters(knex);
    for (const call of [
      request(server).post('/api/infra-specs/next-id').send({ prefix: 'INVENTED', entityRef: 'component:default/a' }),
      request(server).get('/api/infra-specs/next-id?prefix=INVENTED'),
      // smaqit ids name a concept; there is no INF counter to reserve from.
      request(server).post('/api/infra-specs/next-id').send({ prefix: 'INF', entityRef: 'component:default/a' }),
    ]) {
      const res = await call;
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/SPEC, FEAT/);
    }
    expect(await counters(knex)).toEqual(before);
  });
});

describe('infra-specs refresh bursts', () => {
  it('50 parallel refreshes of one entity read it at most twice, write one history entry, and the rest get an explained 429', async () => {
    const knex = await databases.init('SQLITE_3');
    const repo = forge.addRepository('acme/a', { files: SPECS });
    const permissions = countingPermissions();
    // Reads wait for the gate: open at first, closed while the burst arrives.
    let gate: Promise<void> = Promise.resolve();
    const server = await start(knex, [permissions.factory], () => gate);
    await request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/a' }).expect(200);
    expect(await knex(HISTORY).count({ n: '*' })).toEqual([{ n: 2 }]);

    // The status of one spec changes; then 50 clicks arrive while the first read is held back.
    repo.write({
      'specs/SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'NAT gateways', status: 'Approved' }),
    });
    let release!: () => void;
    gate = new Promise<void>(resolve => {
      release = resolve;
    });
    forge.resetRequests();
    const decisionsBefore = permissions.counter.decisions;

    const responses = Array.from({ length: 50 }, () =>
      request(server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/a' }).then(r => r),
    );
    // Every request got as far as its permission decision: all 50 are in before any read ends.
    await waitFor(async () => (permissions.counter.decisions - decisionsBefore >= 50 ? true : undefined), {
      what: '50 refresh requests',
      intervalMs: 20,
    });
    release();
    const results = await Promise.all(responses);

    const ok = results.filter(r => r.status === 200);
    const limited = results.filter(r => r.status === 429);
    expect(ok.length + limited.length).toBe(50);
    // The default limit is 20 per caller; the first refresh above took one.
    expect(ok).toHaveLength(19);
    for (const r of ok) {
      expect(r.body.locations).toEqual([expect.objectContaining({ componentRef: 'component:default/a', specCount: 2 })]);
    }
    expect(limited[0].body.error.message).toMatch(/infraSpecs\.refresh\.manual\.rateLimit/);
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);

    // What the forge was asked: a commit lookup and a tarball per read.
    expect(forge.requests('status', 'acme/a')).toBeLessThanOrEqual(2);
    expect(forge.requests('tarball', 'acme/a')).toBeLessThanOrEqual(2);
    expect(forge.requests('tarball', 'acme/a')).toBeGreaterThanOrEqual(1);
    // draft -> approved entered the history once.
    expect(await knex(HISTORY).count({ n: '*' })).toEqual([{ n: 3 }]);
  });
});

describe('infra-specs catalog blips', () => {
  it('a catalog listing that is briefly empty removes no spec, and the next listing finds them all', async () => {
    const knex = await databases.init('SQLITE_3');
    const many = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => {
        const id = `SPEC-${String(i + 1).padStart(4, '0')}`;
        return [`specs/${id}.md`, changeSpec({ id, title: `Spec ${i + 1}`, status: 'Approved' })];
      }),
    );
    forge.addRepository('acme/a', { files: many });
    // The catalog as the refresh pages it; `blip` makes it answer with nothing for a while.
    const catalog = catalogServiceMock({ entities: [component()] });
    let blip = false;
    const flaky = new Proxy(catalog, {
      get(target, prop, receiver) {
        if (prop === 'queryEntities' && blip) {
          return async () => ({ items: [], totalItems: 0, pageInfo: {} });
        }
        const value = Reflect.get(target, prop, receiver);
        // The mock keeps its entities in private fields: call it as itself.
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        createServiceFactory({ service: catalogServiceMock.factory({ entities: [] }).service, deps: {}, factory: () => flaky }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: { integrations: { github: [forge.integration] } } }),
      ],
    });
    const current = async () =>
      (await request(server).get('/api/infra-specs/specs?limit=100').expect(200)).body.totalCount;

    // The scheduled run (POST /refresh without a body runs it and answers when it is done).
    await request(server).post('/api/infra-specs/refresh').expect(202);
    expect(await current()).toBe(12);
    const historyBefore = await knex(HISTORY).count({ n: '*' });

    blip = true;
    await request(server).post('/api/infra-specs/refresh').expect(202);
    expect(await current()).toBe(12);

    blip = false;
    await request(server).post('/api/infra-specs/refresh').expect(202);
    expect(await current()).toBe(12);
    expect(await knex(HISTORY).count({ n: '*' })).toEqual(historyBefore);
  });
});
