/*
 * Two backends on one PostgreSQL database, their specs read through Backstage's real GitHub
 * reader from the loopback forge.
 */
import {
  coreServices,
  createServiceFactory,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const postgres = ids.filter(([id]) => id.startsWith('POSTGRES'));

const REPOS = ['acme/a', 'acme/b', 'acme/c'];
const entities = (forge: Forge): Entity[] =>
  REPOS.map((repo, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `c${i}`,
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url(repo, 'catalog-info.yaml', { kind: 'blob' })}`,
        'infra-specs.dev/spec-location': `url:${forge.url(repo, 'specs')}`,
      },
    },
    spec: { owner: 'group:default/team-a' },
  }));

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// Without PostgreSQL outside CI, createTestDatabases has printed why this is skipped.
const describePostgres = postgres.length ? describe.each(postgres) : describe.skip.each([['POSTGRES_15' as const]]);

describePostgres('two backend instances on one %s database', databaseId => {
  const extraKnex: Knex[] = [];
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());
  afterAll(async () => {
    await Promise.all(extraKnex.map(k => k.destroy()));
  });

  it('run the refresh task one at a time and serve the same data', async () => {
    const knexA = await databases.init(databaseId);
    // A second connection pool to the same database, as a second process would have.
    const knexB = knexFactory(knexA.client.config);
    extraKnex.push(knexB);

    const repos = REPOS.map((name, i) =>
      forge.addRepository(name, {
        files: {
          [`specs/SPEC-000${i + 1}.md`]: changeSpec({ id: `SPEC-000${i + 1}`, title: `Spec ${i}`, status: 'Draft' }),
        },
      }),
    );
    // Every read is slow, so a second concurrent run would overlap the first. The forge answers
    // at once, so the delay and the count of reads in flight (over both instances) sit around
    // Backstage's own reader.
    const reads = { delayMs: 250, active: 0, maxActive: 0 };

    const instance = (knex: Knex) =>
      startTestBackend({
        features: [
          infraSpecsPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: entities(forge) }),
          createServiceFactory({
            service: coreServices.urlReader,
            deps: { config: coreServices.rootConfig, logger: coreServices.logger },
            factory: ({ config, logger }): UrlReaderService => {
              const inner = UrlReaders.default({ config, logger });
              return {
                readUrl: (url, options) => inner.readUrl(url, options),
                search: (url, options) => inner.search(url, options),
                readTree: async (url, options) => {
                  reads.active += 1;
                  reads.maxActive = Math.max(reads.maxActive, reads.active);
                  try {
                    await sleep(reads.delayMs);
                    return await inner.readTree(url, options);
                  } finally {
                    reads.active -= 1;
                  }
                },
              };
            },
          }),
          mockServices.rootConfig.factory({
            data: {
              integrations: { github: [forge.integration] },
              infraSpecs: {
                refresh: {
                  frequency: { seconds: 1 },
                  initialDelay: { milliseconds: 10 },
                  timeout: { minutes: 1 },
                  concurrency: 1,
                },
              },
            },
          }),
        ],
      });

    const a = await instance(knexA);
    const b = await instance(knexB);

    // Both ask for a run at once; the task lock lets one run at a time.
    const [ta, tb] = await Promise.all([
      request(a.server).post('/api/infra-specs/refresh'),
      request(b.server).post('/api/infra-specs/refresh'),
    ]);
    expect([ta.status, tb.status]).toEqual([202, 202]);

    // Every run looks up the commit of each repository once: four lookups of a, four runs.
    const runs = () => forge.requests('status', REPOS[0]);
    const deadline = Date.now() + 30_000;
    while (runs() < 4 && Date.now() < deadline) {
      await sleep(200);
    }
    expect(runs()).toBeGreaterThanOrEqual(4);
    // Concurrency is 1 inside an instance: more than one read in flight means two runs overlapped.
    expect(reads.maxActive).toBe(1);

    const listA = await request(a.server).get('/api/infra-specs/specs?sort=id').expect(200);
    const listB = await request(b.server).get('/api/infra-specs/specs?sort=id').expect(200);
    expect(listA.body.totalCount).toBe(3);
    expect(listB.body).toEqual(listA.body);

    // A write through one instance is visible through the other at once.
    reads.delayMs = 0;
    repos[0].write({
      'specs/SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'Spec 0', status: 'Approved' }),
    });
    await request(a.server).post('/api/infra-specs/refresh').send({ entityRef: 'component:default/c0' }).expect(200);
    const viaB = await request(b.server).get('/api/infra-specs/specs?status=approved').expect(200);
    expect(viaB.body.items.map((s: any) => s.document.id)).toEqual(['SPEC-0001']);
    const forC0 = { entityRef: 'component:default/c0' };
    const idA = (await request(a.server).post('/api/infra-specs/next-id').send(forC0).expect(200)).body.id;
    const idB = (await request(b.server).post('/api/infra-specs/next-id').send(forC0).expect(200)).body.id;
    expect([idA, idB]).toEqual(['SPEC-0004', 'SPEC-0005']);

    await a.stop();
    await b.stop();
  });
});
