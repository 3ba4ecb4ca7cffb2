/*
 * Bad input against the real backend (issue 14's black-box list): each case gets a clear error
 * or diagnostic, and the test checks that nothing was written that should not be.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  FakeScm,
} from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { changeSpec } from './__testUtils__/testParser';
import { COUNTERS } from './database/tables';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const REPO = 'https://git.example.com/acme/a/tree/main/specs';

const COMPONENT: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'a',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://git.example.com/acme/a/blob/main/catalog-info.yaml',
      'infra-specs.dev/spec-location': `url:${REPO}`,
    },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

async function start(knex: Knex, scm: FakeScm) {
  const { server } = await startTestBackend({
    features: [
      infraSpecsPlugin,
      catalogServiceMock.factory({ entities: [COMPONENT] }),
      createServiceFactory({
        service: coreServices.urlReader,
        deps: {},
        factory: () => scm.reader(),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
    ],
  });
  return server;
}

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
    const scm = new FakeScm();
    scm.setFolder(REPO, {
      'SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'Upgrade EKS', status: 'Approved' }),
      'SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'NAT gateways', status: 'Draft' }),
      'SPEC-999999999.md': changeSpec({ id: 'SPEC-999999999', title: 'Poison', status: 'Draft' }),
    });
    server = await start(knex, scm);
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
    const next = await request(server).post('/api/infra-specs/next-id').send({}).expect(200);
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
      request(server).post('/api/infra-specs/next-id').send({ prefix: 'INVENTED' }),
      request(server).get('/api/infra-specs/next-id?prefix=INVENTED'),
      // smaqit ids name a concept; there is no INF counter to reserve from.
      request(server).post('/api/infra-specs/next-id').send({ prefix: 'INF' }),
    ]) {
      const res = await call;
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/SPEC, FEAT/);
    }
    expect(await counters(knex)).toEqual(before);
  });
});
