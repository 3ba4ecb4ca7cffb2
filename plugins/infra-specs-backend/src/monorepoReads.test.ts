/*
 * One read per repository and ref (issue 15, item 3), through Backstage's real GitHub reader
 * (the default UrlReaders with an `integrations.github` entry for the loopback forge) and the
 * real store: what the forge counts is what a GitHub token would pay for.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import type { Knex } from 'knex';
import { changeSpec, createCountingParser } from './__testUtils__/testParser';
import { readInfraSpecsConfig } from './config';
import { DatabaseSpecStore } from './database/DatabaseSpecStore';
import { applyDatabaseMigrations } from './database/migrations';
import { SpecRefresher } from './refresh/SpecRefresher';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

const folderOf = (i: number) => `services/s${i}/specs`;
const specPath = (i: number, n = 1) => `${folderOf(i)}/SPEC-${i}-${n}.md`;
const spec = (i: number, n = 1, status = 'Draft') =>
  changeSpec({ id: `SPEC-${1000 + i * 10 + n}`, title: `Service ${i} change ${n}`, status });

/** A repository of `count` services with `specs` specs each, and files outside their folders. */
function monorepoFiles(count: number, specs = 1) {
  const files: Record<string, string> = { 'README.md': 'outside every spec folder', 'main.tf': '' };
  for (let i = 0; i < count; i++) {
    for (let n = 1; n <= specs; n++) files[specPath(i, n)] = spec(i, n);
    files[`services/s${i}/main.tf`] = 'resource "null_resource" "x" {}';
  }
  return files;
}

describe.each(ids)('one read per repository and ref on %s', databaseId => {
  let forge: Forge;
  let knex: Knex;
  let store: DatabaseSpecStore;
  let clock: Date;

  beforeEach(async () => {
    forge = await startForge();
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    store = DatabaseSpecStore.create(knex);
    clock = new Date('2026-03-01T10:00:00.000Z');
  });
  afterEach(async () => {
    await forge.close();
    await knex.destroy();
  });

  function component(repo: string, i: number, folder = folderOf(i)): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `${repo.split('/')[1]}-s${i}`,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `url:${forge.url(repo, 'catalog-info.yaml', { kind: 'blob' })}`,
          'infra-specs.dev/spec-location': `url:${forge.url(repo, folder)}`,
        },
      },
      spec: { type: 'service', owner: 'group:default/platform' },
    };
  }
  const refOf = (entity: Entity) => `component:default/${entity.metadata.name}`;

  function refresher(entities: Entity[], infraSpecs: object = {}) {
    const config = new ConfigReader({
      integrations: { github: [forge.integration] },
      infraSpecs: { refresh: { locationTimeout: { seconds: 30 } }, ...infraSpecs },
    });
    const parser = createCountingParser();
    const logger = mockServices.logger.mock();
    const instance = new SpecRefresher({
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      urlReader: UrlReaders.default({ config, logger }),
      integrations: ScmIntegrations.fromConfig(config),
      parser,
      config: readInfraSpecsConfig(config),
      logger,
      now: () => clock,
    });
    return { refresher: instance, parser };
  }

  /** The next run, past any backoff. */
  async function run(instance: SpecRefresher) {
    clock = new Date(clock.getTime() + 60 * 60 * 1000);
    forge.resetRequests();
    return instance.refreshAll();
  }

  const statuses = async (entity: Entity) =>
    (await store.listSpecsOfComponent(refOf(entity))).map(s => s.document.status).sort();

  it('reads the locations of one repository with one tarball, and checks them with one request when nothing changed', async () => {
    forge.addRepository('acme/platform', { files: monorepoFiles(5, 2) });
    forge.addRepository('acme/data', { files: monorepoFiles(3) });
    const platform = [0, 1, 2, 3, 4].map(i => component('acme/platform', i));
    const data = [0, 1, 2].map(i => component('acme/data', i));
    const { refresher: instance } = refresher([...platform, ...data]);

    const cold = await run(instance);
    expect(cold).toMatchObject({ locations: 8, updated: 8, failed: 0, parsed: 5 * 2 + 3 });
    for (const repo of ['acme/platform', 'acme/data']) {
      expect(forge.requests('status', repo)).toBe(1);
      expect(forge.requests('tarball', repo)).toBe(1);
    }
    expect(forge.requests()).toBe(4);
    // Each location got its own folder's files, no more.
    expect((await store.getLocationState(refOf(platform[3])))?.specCount).toBe(2);
    expect((await store.getLocationState(refOf(data[2])))?.specCount).toBe(1);
    expect((await store.listSpecsOfComponent(refOf(platform[3]))).map(s => s.path).sort()).toEqual([
      'SPEC-3-1.md',
      'SPEC-3-2.md',
    ]);

    // Same commits: one commit lookup per repository, whatever the number of its locations.
    const unchanged = await run(instance);
    expect(unchanged).toMatchObject({ unchanged: 8, updated: 0, failed: 0, parsed: 0 });
    expect(forge.requests('status', 'acme/platform')).toBe(1);
    expect(forge.requests('status', 'acme/data')).toBe(1);
    expect(forge.requests()).toBe(2);
  });

  it('re-parses only the changed files of the changed folder, and the next check is one request again', async () => {
    const repo = forge.addRepository('acme/platform', { files: monorepoFiles(5, 2) });
    const platform = [0, 1, 2, 3, 4].map(i => component('acme/platform', i));
    const { refresher: instance, parser } = refresher(platform);
    await run(instance);
    // Everything of a spec but when its location was last read.
    const untouched = async () =>
      (await store.listSpecsOfComponent(refOf(platform[0]))).map(({ indexedAt, ...rest }) => rest);
    const before = await untouched();

    // One spec of s2 changes status and a new one appears next to it; s0's folder is untouched.
    repo.write({ [specPath(2, 1)]: spec(2, 1, 'Approved'), [specPath(2, 3)]: spec(2, 3) });
    parser.parseCount = 0;
    const changed = await run(instance);
    expect(changed).toMatchObject({ updated: 1, unchanged: 4, failed: 0, parsed: 2 });
    expect(parser.parseCount).toBe(2);
    expect(forge.requests('tarball', 'acme/platform')).toBe(1);
    expect(forge.requests()).toBe(2);
    expect(await statuses(platform[2])).toEqual(['approved', 'draft', 'draft']);
    // The other locations moved to the new commit without their specs being touched.
    expect(await untouched()).toEqual(before);

    const after = await run(instance);
    expect(after).toMatchObject({ unchanged: 5, parsed: 0 });
    expect(forge.requests()).toBe(1);
  });

  it('a fault on one repository fails its locations with their last good specs; the other repository is updated', async () => {
    const broken = forge.addRepository('acme/broken', { files: monorepoFiles(3) });
    const fine = forge.addRepository('acme/fine', { files: monorepoFiles(2) });
    const brokenComponents = [0, 1, 2].map(i => component('acme/broken', i));
    const fineComponents = [0, 1].map(i => component('acme/fine', i));
    const { refresher: instance } = refresher([...brokenComponents, ...fineComponents]);
    expect(await run(instance)).toMatchObject({ updated: 5, failed: 0 });

    // Both repositories get a new commit; one answers 500, then 404.
    const faults: [Parameters<typeof broken.fail>[0], RegExp][] = [
      [500, /acme\/broken\/commits\/main\/status\?per_page=0, 500 Internal Server Error/],
      [404, /NotFoundError: .*acme\/broken\/commits\/main\/status\?per_page=0, 404 Not Found/],
    ];
    for (const [index, [fault, message]] of faults.entries()) {
      const status = index === 0 ? 'Approved' : 'Implemented';
      broken.write({ [specPath(0)]: spec(0, 1, status) });
      fine.write({ [specPath(0)]: spec(0, 1, status), [specPath(1)]: spec(1, 1, status) });
      broken.fail(fault);
      expect(await run(instance)).toMatchObject({ failed: 3, updated: 2 });
      // One attempt at the broken repository, not one per location.
      expect(forge.requests('status', 'acme/broken')).toBe(1);
      for (const entity of brokenComponents) {
        const state = await store.getLocationState(refOf(entity));
        expect(state?.lastError?.message).toMatch(message);
        expect(state?.specCount).toBe(1);
        expect(await statuses(entity)).toEqual(['draft']);
      }
      for (const entity of fineComponents) {
        expect((await store.getLocationState(refOf(entity)))?.lastError).toBeNull();
        expect(await statuses(entity)).toEqual([status.toLowerCase()]);
      }
      broken.fail(null);
    }

    // Answering again, the broken repository's locations recover in one read.
    expect(await run(instance)).toMatchObject({ failed: 0, updated: 1, unchanged: 4 });
    expect(forge.requests('tarball', 'acme/broken')).toBe(1);
    expect(await statuses(brokenComponents[0])).toEqual(['implemented']);
    expect((await store.getLocationState(refOf(brokenComponents[1])))?.lastError).toBeNull();
  });

  it('a location whose folder is gone or over a limit fails alone, keeping its last good specs', async () => {
    const repo = forge.addRepository('acme/platform', { files: monorepoFiles(3) });
    const platform = [0, 1, 2].map(i => component('acme/platform', i));
    const { refresher: instance } = refresher(platform, { refresh: { maxFiles: 2 } });
    expect(await run(instance)).toMatchObject({ updated: 3, failed: 0 });

    // s0's folder is deleted, s1's grows over maxFiles, s2 changes.
    repo.remove([specPath(0)]);
    repo.write({
      [specPath(1, 2)]: spec(1, 2),
      [specPath(1, 3)]: spec(1, 3),
      [specPath(2)]: spec(2, 1, 'Approved'),
    });
    expect(await run(instance)).toMatchObject({ failed: 2, updated: 1 });
    expect(forge.requests('tarball')).toBe(1);
    const gone = await store.getLocationState(refOf(platform[0]));
    expect(gone?.lastError?.message).toMatch(
      /^NotFoundError: Spec folder .*\/acme\/platform\/tree\/main\/services\/s0\/specs does not exist at commit [0-9a-f]{40}$/,
    );
    expect(gone?.specCount).toBe(1);
    const over = await store.getLocationState(refOf(platform[1]));
    expect(over?.lastError?.message).toMatch(/holds more than 2 markdown and JSON files \(infraSpecs\.refresh\.maxFiles\)/);
    expect(over?.specCount).toBe(1);
    expect(await statuses(platform[2])).toEqual(['approved']);
  });

  it('2,000 components in 200 repositories cost at most one request per repository when nothing changed', async () => {
    const REPOSITORIES = 200;
    const PER_REPOSITORY = 10;
    const entities: Entity[] = [];
    for (let r = 0; r < REPOSITORIES; r++) {
      const name = `acme/repo-${r}`;
      forge.addRepository(name, { files: monorepoFiles(PER_REPOSITORY) });
      for (let i = 0; i < PER_REPOSITORY; i++) entities.push(component(name, i));
    }
    const { refresher: instance } = refresher(entities, { refresh: { concurrency: 8 } });
    const cold = await run(instance);
    expect(cold).toMatchObject({ locations: 2000, updated: 2000, failed: 0 });
    expect(forge.requests('tarball')).toBe(REPOSITORIES);

    const unchanged = await run(instance);
    expect(unchanged).toMatchObject({ locations: 2000, unchanged: 2000, failed: 0, parsed: 0 });
    expect(forge.requests()).toBeLessThanOrEqual(REPOSITORIES);
    expect(forge.requests('status')).toBe(REPOSITORIES);
    expect(forge.requests('tarball')).toBe(0);
  });
});
