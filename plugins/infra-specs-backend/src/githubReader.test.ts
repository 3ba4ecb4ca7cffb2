/*
 * url: locations through Backstage's real GitHub reader (issue 15, item 2): the backend's own
 * urlReader service, configured with an `integrations.github` entry for the loopback forge as a
 * GitHub Enterprise host on http. What the forge counts shows what the reader asked for.
 */
import {
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import request from 'supertest';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const REPO = 'acme/payments';
const FOLDER = 'docs/specs';
const TIMEOUT_MS = 400;

function payments(forge: Forge): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: {
        // The location policy wants the specs in the component's own repository.
        'backstage.io/managed-by-location': `url:${forge.url(REPO, 'catalog-info.yaml', { kind: 'blob' })}`,
        'infra-specs.dev/spec-location': `url:${forge.url(REPO, FOLDER)}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/team-a' },
  };
}

const SPECS = {
  [`${FOLDER}/SPEC-0001.md`]: changeSpec({ id: 'SPEC-0001', title: 'Upgrade EKS', status: 'Draft' }),
  [`${FOLDER}/SPEC-0002.md`]: changeSpec({ id: 'SPEC-0002', title: 'NAT gateways per AZ', status: 'Approved' }),
  [`${FOLDER}/SPEC-0003.md`]: changeSpec({ id: 'SPEC-0003', title: 'Flow logs', status: 'Approved' }),
  'README.md': 'outside the spec folder',
};

describe.each(ids)("url: locations through Backstage's GitHub reader on %s", databaseId => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  async function start() {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        catalogServiceMock.factory({ entities: [payments(forge)] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        // No urlReader override: the backend's default readers, GitHub's among them.
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [forge.integration] },
            infraSpecs: {
              refresh: { locationTimeout: { milliseconds: TIMEOUT_MS } },
            },
          },
        }),
      ],
    });
    const refresh = async () =>
      (
        await request(server)
          .post('/api/infra-specs/refresh')
          .send({ entityRef: 'component:default/payments' })
          .expect(200)
      ).body.locations[0];
    const entitySpecs = async () =>
      (
        await request(server)
          .get('/api/infra-specs/entity/component/default/payments/specs')
          .expect(200)
      ).body;
    const listed = async (query = '') =>
      (
        await request(server).get(`/api/infra-specs/specs?sort=id${query}`).expect(200)
      ).body.items as any[];
    const detail = async (name: string) =>
      (await request(server).get(`/api/infra-specs/specs/${name}`).expect(200)).body;
    return { refresh, entitySpecs, listed, detail };
  }

  it('indexes, skips an unchanged commit after one status lookup, re-reads a change and removes a deleted file', async () => {
    const repo = forge.addRepository(REPO, { files: SPECS });
    const { refresh, listed, detail } = await start();

    const first = await refresh();
    expect(first).toMatchObject({ target: forge.url(REPO, FOLDER), specCount: 3, lastError: null });
    expect((await listed()).map(s => s.document.id)).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0003']);
    expect(forge.requests('status', REPO)).toBe(1);
    expect(forge.requests('tarball', REPO)).toBe(1);
    const changedAt = (await listed())[0].contentChangedAt;

    // Same commit: the stored ETag (the commit sha) ends the read after the status lookup.
    forge.resetRequests();
    expect(await refresh()).toMatchObject({ specCount: 3, lastError: null });
    expect(forge.requests('status', REPO)).toBe(1);
    expect(forge.requests('tarball')).toBe(0);
    expect(forge.requests()).toBe(1);
    // Checked again, not re-read: the content's change time stays.
    expect((await listed())[0].contentChangedAt).toBe(changedAt);

    // A new commit changes one spec's status: read again, and the change lands in its history.
    forge.resetRequests();
    repo.write({
      [`${FOLDER}/SPEC-0001.md`]: changeSpec({ id: 'SPEC-0001', title: 'Upgrade EKS', status: 'Approved' }),
    });
    expect(await refresh()).toMatchObject({ specCount: 3, lastError: null });
    expect(forge.requests('tarball', REPO)).toBe(1);
    const eks = (await listed()).find(s => s.document.id === 'SPEC-0001');
    expect(eks.document.status).toBe('approved');
    expect((await detail(eks.name)).history).toEqual([
      { from: null, to: 'draft', observedAt: expect.any(String) },
      { from: 'draft', to: 'approved', observedAt: expect.any(String) },
    ]);

    // A deleted file: its spec leaves the listings, and stays with removedAt when asked for.
    repo.remove([`${FOLDER}/SPEC-0003.md`]);
    expect(await refresh()).toMatchObject({ specCount: 2, lastError: null });
    expect((await listed()).map(s => s.document.id)).toEqual(['SPEC-0001', 'SPEC-0002']);
    const withRemoved = await listed('&includeRemoved=true');
    expect(withRemoved.map(s => [s.document.id, s.removedAt !== null])).toEqual([
      ['SPEC-0001', false],
      ['SPEC-0002', false],
      ['SPEC-0003', true],
    ]);
    expect(withRemoved[2].removedAt).toEqual(expect.any(String));
  });

  it('keeps the last good specs through a 404, a 500 and a timeout from the forge, with the error on the location', async () => {
    const repo = forge.addRepository(REPO, { files: SPECS });
    const { refresh, entitySpecs } = await start();
    expect(await refresh()).toMatchObject({ specCount: 3, lastError: null });
    // Each fault comes with a new commit, so nothing but the fault stops the read.
    const faults: [Parameters<typeof repo.fail>[0], RegExp][] = [
      [404, /NotFoundError: Request failed for .*\/commits\/main\/status\?per_page=0, 404 Not Found/],
      [500, /Request failed for .*\/commits\/main\/status\?per_page=0, 500 Internal Server Error/],
      ['hang', /took longer than infraSpecs\.refresh\.locationTimeout \(400 ms\)/],
    ];
    for (const [fault, message] of faults) {
      repo.write({ [`${FOLDER}/SPEC-0002.md`]: null });
      repo.fail(fault);
      const failed = await refresh();
      expect(failed.lastError.message).toMatch(message);
      const specs = await entitySpecs();
      expect(specs.location.lastError.message).toMatch(message);
      expect(specs.items.map((s: any) => s.document.id).sort()).toEqual([
        'SPEC-0001',
        'SPEC-0002',
        'SPEC-0003',
      ]);
      repo.fail(null);
      repo.write(SPECS);
    }
    // The tarball failing after a good status lookup is kept the same way.
    repo.write({ [`${FOLDER}/SPEC-0002.md`]: null });
    repo.fail(500, ['tarball']);
    expect((await refresh()).lastError.message).toMatch(/tarball\/[0-9a-f]{40}, 500/);
    expect((await entitySpecs()).items).toHaveLength(3);

    // Once the forge answers again, the location recovers and reads the current commit.
    repo.fail(null);
    expect(await refresh()).toMatchObject({ specCount: 2, lastError: null });
    expect((await entitySpecs()).location.lastError).toBeNull();
  });
});
