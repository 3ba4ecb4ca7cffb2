import {
  coreServices,
  createServiceFactory,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases, FakeScm } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const postgres = ids.filter(([id]) => id.startsWith('POSTGRES'));

const REPOS = ['a', 'b', 'c'].map(n => `https://git.example.com/acme/${n}/tree/main/specs`);
const ENTITIES: Entity[] = REPOS.map((url, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `c${i}`,
    annotations: {
      'backstage.io/managed-by-location': `url:${url.replace('/tree/main/specs', '/blob/main/catalog-info.yaml')}`,
      'infra-specs.dev/spec-location': `url:${url}`,
    },
  },
  spec: { owner: 'group:default/team-a' },
}));

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// Without PostgreSQL outside CI, createTestDatabases has printed why this is skipped.
const describePostgres = postgres.length ? describe.each(postgres) : describe.skip.each([['POSTGRES_15' as const]]);

describePostgres('two backend instances on one %s database', databaseId => {
  const extraKnex: Knex[] = [];
  afterAll(async () => {
    await Promise.all(extraKnex.map(k => k.destroy()));
  });

  it('run the refresh task one at a time and serve the same data', async () => {
    const knexA = await databases.init(databaseId);
    // A second connection pool to the same database, as a second process would have.
    const knexB = knexFactory(knexA.client.config);
    extraKnex.push(knexB);

    const scm = new FakeScm();
    REPOS.forEach((url, i) =>
      scm.setFolder(url, {
        [`SPEC-000${i + 1}.md`]: changeSpec({ id: `SPEC-000${i + 1}`, title: `Spec ${i}`, status: 'Draft' }),
      }),
    );
    // Every read is slow, so a second concurrent run would overlap the first.
    scm.delayMs = 250;
    const runsByInstance: Record<string, number> = { A: 0, B: 0 };

    const instance = (name: string, knex: Knex) =>
      startTestBackend({
        features: [
          infraSpecsPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          createServiceFactory({
            service: coreServices.urlReader,
            deps: {},
            factory: (): UrlReaderService => {
              const inner = scm.reader();
              return {
                ...inner,
                readTree: (url, options) => {
                  if (url === REPOS[0]) runsByInstance[name] += 1;
                  return inner.readTree(url, options);
                },
              };
            },
          }),
          mockServices.rootConfig.factory({
            data: {
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

    const a = await instance('A', knexA);
    const b = await instance('B', knexB);

    // Both ask for a run at once; the task lock lets one run at a time.
    const [ta, tb] = await Promise.all([
      request(a.server).post('/api/infra-specs/refresh'),
      request(b.server).post('/api/infra-specs/refresh'),
    ]);
    expect([ta.status, tb.status]).toEqual([202, 202]);

    const deadline = Date.now() + 30_000;
    while (runsByInstance.A + runsByInstance.B < 4 && Date.now() < deadline) {
      await sleep(200);
    }
    expect(runsByInstance.A + runsByInstance.B).toBeGreaterThanOrEqual(4);
    // Concurrency is 1 inside an instance: more than one read in flight means two runs overlapped.
    expect(scm.maxActive).toBe(1);

    const listA = await request(a.server).get('/api/infra-specs/specs?sort=id').expect(200);
    const listB = await request(b.server).get('/api/infra-specs/specs?sort=id').expect(200);
    expect(listA.body.totalCount).toBe(3);
    expect(listB.body).toEqual(listA.body);

    // A write through one instance is visible through the other at once.
    scm.delayMs = 0;
    scm.setFolder(REPOS[0], {
      'SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'Spec 0', status: 'Approved' }),
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
