/*
 * The refresher against the real store and Backstage's real GitHub reader (the default
 * UrlReaders with an `integrations.github` entry for the loopback forge): what the forge counts
 * is what the refresher asked for.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge, type ForgeRepository } from '@internal/forge';
import {
  changeSpec,
  createCountingParser,
  type CountingParser,
} from '../__testUtils__/testParser';
import { readInfraSpecsConfig } from '../config';
import { DatabaseSpecStore } from '../database/DatabaseSpecStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { SpecRefresher } from './SpecRefresher';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

async function until(condition: () => boolean) {
  while (!condition()) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

function component(
  name: string,
  annotations: Record<string, string>,
  owner = 'team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner },
  };
}

const FILES_A = {
  'docs/specs/SPEC-0001-eks.md': changeSpec({
    id: 'SPEC-0001',
    title: 'Upgrade EKS',
    status: 'Draft',
  }),
  'docs/specs/done/SPEC-0002-nat.md': changeSpec({
    id: 'SPEC-0002',
    title: 'NAT per AZ',
    status: 'Implemented',
  }),
  // Never parsed: the name alone rules it out.
  'docs/specs/README.md': '# Specs of service a\n\nNothing to see.',
  // Parsed once, found not to be a spec, remembered by hash.
  'docs/specs/notes.md': '# Meeting notes\n\nWe talked about NAT gateways.',
  'docs/specs/diagram.png': 'binary',
  'main.tf': '',
};

describe.each(ids)('SpecRefresher on %s', databaseId => {
  const mockDir = createMockDirectory();
  let knex: Knex;
  let store: DatabaseSpecStore;
  let forge: Forge;
  let repoA: ForgeRepository;
  let repoB: ForgeRepository;
  let parser: CountingParser;
  let clock: Date;
  // a's folder is written relative to its catalog-info.yaml (the GitHub integration resolves it
  // to a tree URL); b's is written in full.
  let REPO_A: string;
  let REPO_B: string;
  let MANAGED_B: Record<string, string>;
  let componentA: Entity;
  let componentB: Entity;

  const refresher = (entities: Entity[], infraSpecs: object = {}) => {
    const config = new ConfigReader({
      integrations: { github: [forge.integration] },
      infraSpecs: {
        local: { allowedRoots: [join(mockDir.path, 'allowed')] },
        refresh: {
          backoff: { initial: { minutes: 1 }, max: { minutes: 10 } },
        },
        ...infraSpecs,
      },
    });
    const logger = mockServices.logger.mock();
    return new SpecRefresher({
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
  };

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    store = DatabaseSpecStore.create(knex);
    forge = await startForge();
    parser = createCountingParser();
    clock = new Date('2026-03-01T10:00:00.000Z');
    repoA = forge.addRepository('acme/a', { files: FILES_A });
    repoB = forge.addRepository('acme/b', {
      files: {
        'specs/SPEC-0010.md': changeSpec({
          id: 'SPEC-0010',
          title: 'Flow logs',
          status: 'Approved',
        }),
      },
    });
    REPO_A = forge.url('acme/a', 'docs/specs');
    REPO_B = forge.url('acme/b', 'specs');
    componentA = component('a', {
      'backstage.io/managed-by-location': `url:${forge.url(
        'acme/a',
        'catalog-info.yaml',
        { kind: 'blob' },
      )}`,
      'infra-specs.dev/spec-location': './docs/specs',
    });
    // Registered from its own repository: the location policy lets it read REPO_B.
    MANAGED_B = {
      'backstage.io/managed-by-location': `url:${forge.url(
        'acme/b',
        'catalog-info.yaml',
        { kind: 'blob' },
      )}`,
    };
    componentB = component(
      'b',
      { ...MANAGED_B, 'infra-specs.dev/spec-location': `url:${REPO_B}` },
      'group:ops/team-b',
    );
  });

  afterEach(async () => {
    await forge.close();
    await knex.destroy();
  });

  const specsOf = async (componentRef: string) =>
    (await store.listSpecsOfComponent(componentRef)).map(s => ({
      id: s.document.id,
      status: s.document.status,
      path: s.path,
    }));

  it('indexes the specs of annotated components and skips other markdown', async () => {
    const summary = await refresher([componentA, componentB]).refreshAll();
    expect(summary).toMatchObject({
      locations: 2,
      updated: 2,
      failed: 0,
      parsed: 4,
    });

    expect(await specsOf('component:default/a')).toEqual([
      { id: 'SPEC-0001', status: 'draft', path: 'SPEC-0001-eks.md' },
      { id: 'SPEC-0002', status: 'implemented', path: 'done/SPEC-0002-nat.md' },
    ]);
    const [b] = await store.listSpecsOfComponent('component:default/b');
    expect(b).toMatchObject({
      componentRef: 'component:default/b',
      ownerRef: 'group:ops/team-b',
      locationTarget: REPO_B,
      viewUrl: `${REPO_B}/SPEC-0010.md`,
      indexedAt: '2026-03-01T10:00:00.000Z',
    });
    const [a1] = await store.listSpecsOfComponent('component:default/a');
    expect(a1.ownerRef).toBe('group:default/team-a');
    expect(a1.locationTarget).toBe(REPO_A);
    expect((await store.getSpecDetail(a1.name))?.history).toEqual([
      { from: null, to: 'draft', observedAt: '2026-03-01T10:00:00.000Z' },
    ]);
  });

  it('records a status change in the history', async () => {
    await refresher([componentA]).refreshAll();
    repoA.write({
      'docs/specs/SPEC-0001-eks.md': changeSpec({
        id: 'SPEC-0001',
        title: 'Upgrade EKS',
        status: 'Approved',
      }),
      'docs/specs/notes.md': null,
      'docs/specs/diagram.png': null,
    });
    clock = new Date('2026-03-02T10:00:00.000Z');
    const summary = await refresher([componentA]).refreshAll();
    // Only the changed file is parsed again.
    expect(summary.parsed).toBe(1);
    const spec = (await store.listSpecsOfComponent('component:default/a')).find(
      s => s.document.id === 'SPEC-0001',
    )!;
    expect((await store.getSpecDetail(spec.name))?.history).toEqual([
      { from: null, to: 'draft', observedAt: '2026-03-01T10:00:00.000Z' },
      { from: 'draft', to: 'approved', observedAt: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(spec.statusChangedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('does not parse anything when the etag or the files are unchanged', async () => {
    await refresher([componentA]).refreshAll();
    const parsedFirst = parser.parseCount;
    expect(parsedFirst).toBe(3);

    clock = new Date('2026-03-01T11:00:00.000Z');
    forge.resetRequests();
    const unchanged = await refresher([componentA]).refreshAll();
    expect(unchanged).toMatchObject({ unchanged: 1, parsed: 0 });
    expect(parser.parseCount).toBe(parsedFirst);
    // The stored ETag (the commit sha) ended the read after the commit status lookup.
    expect(forge.requests('status', 'acme/a')).toBe(1);
    expect(forge.requests('tarball')).toBe(0);
    const state = await store.getLocationState('component:default/a');
    expect(state?.indexedAt).toBe('2026-03-01T11:00:00.000Z');
    expect(
      (await store.listSpecsOfComponent('component:default/a'))[0].indexedAt,
    ).toBe('2026-03-01T11:00:00.000Z');

    // Another commit in the repository: new etag, same files, still nothing parsed.
    repoA.write({ 'main.tf': 'resource "null_resource" "x" {}' });
    forge.resetRequests();
    const bumped = await refresher([componentA]).refreshAll();
    expect(bumped).toMatchObject({ unchanged: 1, parsed: 0 });
    expect(forge.requests('tarball', 'acme/a')).toBe(1);
    expect(parser.parseCount).toBe(parsedFirst);
  });

  it('marks a vanished file removed and keeps its history; a moved file keeps its name', async () => {
    await refresher([componentA]).refreshAll();
    const before = await store.listSpecsOfComponent('component:default/a');
    const eks = before.find(s => s.document.id === 'SPEC-0001')!;
    const nat = before.find(s => s.document.id === 'SPEC-0002')!;

    repoA.replace({
      // SPEC-0001 moved to done/, SPEC-0002 deleted
      'docs/specs/done/SPEC-0001-eks.md': changeSpec({
        id: 'SPEC-0001',
        title: 'Upgrade EKS',
        status: 'Implemented',
      }),
    });
    clock = new Date('2026-03-03T00:00:00.000Z');
    await refresher([componentA]).refreshAll();

    const after = await store.listSpecsOfComponent('component:default/a');
    expect(after.map(s => [s.name, s.path])).toEqual([
      [eks.name, 'done/SPEC-0001-eks.md'],
    ]);
    expect(
      (await store.getSpecDetail(eks.name))?.history.map(h => h.to),
    ).toEqual(['draft', 'implemented']);
    const removed = await store.getSpecDetail(nat.name);
    expect(removed?.removedAt).toBe('2026-03-03T00:00:00.000Z');
    expect(removed?.history).toHaveLength(1);
  });

  it('runs the location lint: duplicate ids, drafts in done/, and again when a sibling changes', async () => {
    repoB.replace({
      'specs/SPEC-0007-a.md': changeSpec({
        id: 'SPEC-0007',
        title: 'Cache cluster',
        status: 'Draft',
      }),
      'specs/SPEC-0007-b.md': changeSpec({
        id: 'SPEC-0007',
        title: 'Queue cluster',
        status: 'Draft',
      }),
      'specs/done/SPEC-0008.md': changeSpec({
        id: 'SPEC-0008',
        title: 'Old thing',
        status: 'Draft',
      }),
    });
    await refresher([componentB]).refreshAll();
    const codes = async () =>
      Object.fromEntries(
        (await store.listSpecsOfComponent('component:default/b')).map(s => [
          s.path,
          s.document.diagnostics
            .map(d => d.code)
            .filter(
              c => c === 'duplicate-id' || c === 'status-location-mismatch',
            ),
        ]),
      );
    expect(await codes()).toEqual({
      'SPEC-0007-a.md': ['duplicate-id'],
      'SPEC-0007-b.md': ['duplicate-id'],
      'done/SPEC-0008.md': ['status-location-mismatch'],
    });
    const names = (await store.listSpecsOfComponent('component:default/b')).map(
      s => s.name,
    );
    expect(new Set(names).size).toBe(3);

    // Renumbering one file clears the warning on the other, which is not parsed again.
    repoB.write({
      'specs/SPEC-0007-b.md': changeSpec({
        id: 'SPEC-0009',
        title: 'Queue cluster',
        status: 'Draft',
      }),
    });
    const run = await refresher([componentB]).refreshAll();
    expect(run.parsed).toBe(1);
    expect(await codes()).toEqual({
      'SPEC-0007-a.md': [],
      'SPEC-0007-b.md': [],
      'done/SPEC-0008.md': ['status-location-mismatch'],
    });
    const row = await knex('infra_specs_specs')
      .where({ path: 'SPEC-0007-a.md' })
      .first();
    expect(row.warning_count).toBe(0);
  });

  it('keeps the last good specs of a failing location, records the error and backs off', async () => {
    await refresher([componentA, componentB]).refreshAll();
    repoA.fail(500);
    repoB.write({
      'specs/SPEC-0010.md': changeSpec({
        id: 'SPEC-0010',
        title: 'Flow logs',
        status: 'Implemented',
      }),
    });
    clock = new Date('2026-03-01T12:00:00.000Z');
    const run = await refresher([componentA, componentB]).refreshAll();
    // One bad location does not stop the others.
    expect(run).toMatchObject({ failed: 1, updated: 1 });
    expect((await specsOf('component:default/b'))[0].status).toBe(
      'implemented',
    );

    expect(await specsOf('component:default/a')).toHaveLength(2);
    let state = await store.getLocationState('component:default/a');
    expect(state).toMatchObject({
      indexedAt: '2026-03-01T10:00:00.000Z',
      lastError: {
        message: expect.stringMatching(
          /Request failed for .*\/acme\/a\/commits\/main\/status\?per_page=0, 500 Internal Server Error$/,
        ),
        at: '2026-03-01T12:00:00.000Z',
      },
      consecutiveFailures: 1,
      nextAttemptAt: '2026-03-01T12:01:00.000Z',
    });
    const [spec] = await store.listSpecsOfComponent('component:default/a');
    expect(spec.lastRefreshError?.message).toContain('500');

    // Not due yet: skipped without a request.
    const reads = forge.requests(undefined, 'acme/a');
    clock = new Date('2026-03-01T12:00:30.000Z');
    expect(
      await refresher([componentA, componentB]).refreshAll(),
    ).toMatchObject({ skipped: 1 });
    expect(forge.requests(undefined, 'acme/a')).toBe(reads);

    // Due: retried, fails again, the delay doubles.
    clock = new Date('2026-03-01T12:02:00.000Z');
    await refresher([componentA, componentB]).refreshAll();
    state = await store.getLocationState('component:default/a');
    expect(state).toMatchObject({
      consecutiveFailures: 2,
      nextAttemptAt: '2026-03-01T12:04:00.000Z',
    });

    // A manual refresh ignores the backoff; success clears the error.
    repoA.fail(null);
    repoA.replace({
      'docs/specs/SPEC-0001-eks.md': changeSpec({
        id: 'SPEC-0001',
        title: 'Upgrade EKS',
        status: 'Draft',
      }),
    });
    const manual = await refresher([componentA, componentB]).refreshEntity(
      'component:default/a',
    );
    expect(manual).toMatchObject({
      lastError: null,
      nextAttemptAt: null,
      consecutiveFailures: 0,
      specCount: 1,
    });
  });

  it('records 404s and timeouts as location errors', async () => {
    // A repository the forge does not have, and one that never answers.
    const gone = `http://${forge.host}/x/gone`;
    const missing = component('missing', {
      'backstage.io/managed-by-location': `url:${gone}/blob/main/catalog-info.yaml`,
      'infra-specs.dev/spec-location': `url:${gone}/tree/main/specs`,
    });
    forge
      .addRepository('x/slow', {
        files: {
          'specs/SPEC-0020.md': changeSpec({
            id: 'SPEC-0020',
            title: 'Slow',
            status: 'Draft',
          }),
        },
      })
      .fail('hang');
    const slow = component('slow', {
      'backstage.io/managed-by-location': `url:${forge.url(
        'x/slow',
        'catalog-info.yaml',
        { kind: 'blob' },
      )}`,
      'infra-specs.dev/spec-location': `url:${forge.url('x/slow', 'specs')}`,
    });
    await refresher([missing, slow, componentB], {
      refresh: { locationTimeout: { milliseconds: 300 } },
    }).refreshAll();
    expect(
      (await store.getLocationState('component:default/missing'))?.lastError
        ?.message,
    ).toMatch(
      /^NotFoundError: Request failed for .*\/x\/gone\/commits\/main\/status\?per_page=0, 404 Not Found/,
    );
    expect(
      (await store.getLocationState('component:default/slow'))?.lastError
        ?.message,
    ).toMatch(/took longer than infraSpecs.refresh.locationTimeout \(300 ms\)/);
    expect(await specsOf('component:default/b')).toHaveLength(1);
  });

  it('soft-removes the specs of components that left the catalog or lost the annotation, and restores them when they return', async () => {
    await refresher([componentA, componentB]).refreshAll();
    const withoutAnnotation = component('b', {}, 'team-b');
    const run = await refresher([componentA, withoutAnnotation]).refreshAll();
    expect(run.removed).toBe(1);
    expect(await specsOf('component:default/b')).toEqual([]);
    expect(await store.getLocationState('component:default/b')).toBeUndefined();
    const removedSpec = (
      await store.listSpecs({
        filter: { includeRemoved: true, component: ['component:default/b'] },
        limit: 10,
        sort: { field: 'id', order: 'asc' },
      })
    ).items;
    expect(removedSpec).toHaveLength(1);
    expect(removedSpec[0].removedAt).toBe(clock.toISOString());

    // A second run does not remove it again.
    expect(
      (await refresher([componentA, withoutAnnotation]).refreshAll()).removed,
    ).toBe(0);

    // Back in the catalog: the same spec (same name, same history) is current again.
    clock = new Date('2026-03-02T10:00:00.000Z');
    await refresher([componentA, componentB]).refreshAll();
    const restored = await store.listSpecsOfComponent('component:default/b');
    expect(restored.map(s => [s.name, s.removedAt])).toEqual([
      [removedSpec[0].name, null],
    ]);
    expect((await store.getSpecDetail(restored[0].name))?.history).toHaveLength(
      1,
    );
    expect(await store.getLocationState('component:default/b')).toMatchObject({
      specCount: 1,
    });

    // Gone for good: retention deletes the location, its specs and their history.
    await refresher([]).refreshAll();
    expect(await store.listLocationStates()).toEqual([]);
    await store.prune({
      historyBefore: '2000-01-01T00:00:00.000Z',
      removedBefore: '2026-04-01T00:00:00.000Z',
      changesBefore: '2000-01-01T00:00:00.000Z',
    });
    expect(await store.listLocations()).toEqual([]);
    expect(
      (
        await store.listSpecs({
          filter: { includeRemoved: true },
          limit: 10,
          sort: { field: 'id', order: 'asc' },
        })
      ).totalCount,
    ).toBe(0);
  });

  it('holds back a removal of more than removed.maxShare of all specs: a briefly empty catalog removes nothing', async () => {
    repoB.replace(
      Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => {
          const id = `SPEC-${String(i + 10).padStart(4, '0')}`;
          return [
            `specs/${id}.md`,
            changeSpec({ id, title: `Spec ${i}`, status: 'Draft' }),
          ];
        }),
      ),
    );
    await refresher([componentA, componentB]).refreshAll();
    expect(await store.countCurrentSpecs()).toBe(14);

    const blip = await refresher([]).refreshAll();
    expect(blip).toMatchObject({ removed: 0, held: 2 });
    expect(await store.countCurrentSpecs()).toBe(14);
    expect((await store.listLocationStates()).map(l => l.componentRef)).toEqual(
      ['component:default/a', 'component:default/b'],
    );

    // Only a (2 of 14 specs) leaving is under the share, so it goes; b (12 of 14) alone would not.
    expect((await refresher([componentB]).refreshAll()).removed).toBe(1);
    expect(await store.countCurrentSpecs()).toBe(12);
    expect((await refresher([componentA]).refreshAll()).held).toBe(1);
    // With the share raised for one refresh, the operator can let it go.
    expect(
      (await refresher([componentA], { removed: { maxShare: 1 } }).refreshAll())
        .removed,
    ).toBe(1);
  });

  it('follows an owner change without parsing', async () => {
    await refresher([componentB]).refreshAll();
    const parsed = parser.parseCount;
    const moved = component(
      'b',
      { ...MANAGED_B, 'infra-specs.dev/spec-location': `url:${REPO_B}` },
      'group:default/team-c',
    );
    await refresher([moved]).refreshAll();
    expect(parser.parseCount).toBe(parsed);
    expect(
      (await store.listSpecsOfComponent('component:default/b'))[0].ownerRef,
    ).toBe('group:default/team-c');
  });

  it('reads local folders inside the allowed roots and refuses the rest with the reason', async () => {
    mockDir.setContent({
      allowed: {
        vpc: {
          'catalog-info.yaml': 'unused',
          docs: {
            specs: {
              'SPEC-0101.md': changeSpec({
                id: 'SPEC-0101',
                title: 'NAT',
                status: 'Draft',
              }),
            },
          },
        },
      },
      secret: {
        'SPEC-9999.md': changeSpec({
          id: 'SPEC-9999',
          title: 'Secret',
          status: 'Draft',
        }),
      },
    });
    const local = component('vpc', {
      'backstage.io/managed-by-location': `file:${join(
        mockDir.path,
        'allowed/vpc/catalog-info.yaml',
      )}`,
      'infra-specs.dev/spec-location': './docs/specs',
    });
    const escape = component('escape', {
      'backstage.io/managed-by-location': `file:${join(
        mockDir.path,
        'allowed/vpc/catalog-info.yaml',
      )}`,
      'infra-specs.dev/spec-location': '../../secret',
    });
    await fs.symlink(
      join(mockDir.path, 'secret'),
      join(mockDir.path, 'allowed', 'link'),
    );
    // Registered from a catalog-info.yaml in the root, so the link is inside its own folder.
    const symlinked = component('symlinked', {
      'backstage.io/managed-by-location': `file:${join(
        mockDir.path,
        'allowed/catalog-info.yaml',
      )}`,
      'infra-specs.dev/spec-location': `dir:${join(
        mockDir.path,
        'allowed',
        'link',
      )}`,
    });

    await refresher([local, escape, symlinked]).refreshAll();
    expect(await specsOf('component:default/vpc')).toEqual([
      { id: 'SPEC-0101', status: 'draft', path: 'SPEC-0101.md' },
    ]);
    expect(
      (await store.listSpecsOfComponent('component:default/vpc'))[0].viewUrl,
    ).toBeNull();
    expect(
      (await store.getLocationState('component:default/escape'))?.lastError
        ?.message,
    ).toBe(
      `NotAllowedError: Refused to read ${join(
        mockDir.path,
        'secret',
      )}: it is outside infraSpecs.local.allowedRoots (${join(
        mockDir.path,
        'allowed',
      )})`,
    );
    expect(
      (await store.getLocationState('component:default/symlinked'))?.lastError
        ?.message,
    ).toContain(
      `resolves through a symlink to ${join(mockDir.path, 'secret')}`,
    );
    expect(await specsOf('component:default/escape')).toEqual([]);

    // Unchanged folder: the tree hash matches, nothing is parsed.
    const parsed = parser.parseCount;
    await refresher([local]).refreshEntity('component:default/vpc');
    expect(parser.parseCount).toBe(parsed);
  });

  it('reads refresh.concurrency locations at a time, each timed from its own read', async () => {
    const hanging = Array.from({ length: 6 }, (_, i) => {
      const fullName = `acme/slow-${i}`;
      forge
        .addRepository(fullName, {
          files: {
            'specs/SPEC-0100.md': changeSpec({
              id: 'SPEC-0100',
              title: `Slow ${i}`,
              status: 'Draft',
            }),
          },
        })
        .fail('hang');
      return component(`slow-${i}`, {
        'backstage.io/managed-by-location': `url:${forge.url(
          fullName,
          'catalog-info.yaml',
          { kind: 'blob' },
        )}`,
        'infra-specs.dev/spec-location': './specs',
      });
    });
    const run = refresher(hanging, {
      refresh: { concurrency: 3, locationTimeout: { seconds: 1 } },
    }).refreshAll();
    // The first three hang; the others wait for a read slot, with their timeouts not started.
    await until(() => forge.requests('status') === 3);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(forge.requests('status')).toBe(3);

    const summary = await run;
    expect(summary).toMatchObject({ locations: 6, failed: 6 });
    // Each got its own read and its own timeout, none expired while it queued.
    expect(forge.requests('status')).toBe(6);
    for (const entity of hanging) {
      expect(
        (
          await store.getLocationState(
            `component:default/${entity.metadata.name}`,
          )
        )?.lastError?.message,
      ).toMatch(/took longer than infraSpecs\.refresh\.locationTimeout/);
    }
  });

  it('judges a spec against the Infracost estimate and plan beside it, again whenever they change', async () => {
    // The evidence fixtures of infra-specs-common, written from Infracost's and Terraform's formats.
    const fixture = (name: string) =>
      fs.readFile(
        join(
          __dirname,
          '../../../infra-specs-common/src/__fixtures__/evidence',
          name,
        ),
        'utf8',
      );
    // Claims +$350/mo with low blast radius, easy rollback and no downtime.
    const spec = await fixture('spec.md');
    const agreeing = await fixture('infracost-agreeing.json'); // +332.18 USD
    const drifting = await fixture('infracost-drifting.json'); // +542.43 USD
    const repo = forge.addRepository('acme/payments', {
      files: {
        'specs/0107-db/spec.md': spec,
        'specs/0107-db/infracost.json': agreeing,
        'specs/0107-db/plan.json': await fixture('plan-replace-db.json'),
        'specs/0107-db/plan.md': '# Implementation plan\n\nThree steps.',
      },
    });
    const payments = component('payments-api', {
      'backstage.io/managed-by-location': `url:${forge.url(
        'acme/payments',
        'catalog-info.yaml',
        { kind: 'blob' },
      )}`,
      'infra-specs.dev/spec-location': './specs',
    });
    const run = (infraSpecs: object = {}) =>
      refresher([payments], infraSpecs).refreshAll();
    const current = async () => {
      const [record] = await store.listSpecsOfComponent(
        'component:default/payments-api',
      );
      return {
        record,
        codes: record.document.diagnostics.map(d => d.code),
        message: (code: string) =>
          record.document.diagnostics.find(d => d.code === code)?.message,
      };
    };

    await run();
    let { record, codes, message } = await current();
    expect(record.document.cost.estimate).toMatchObject({
      monthlyDelta: 332.18,
      currency: 'USD',
      // Relative to the spec location, as the spec's path is.
      source: '0107-db/infracost.json',
    });
    expect(record.document.cost.drift).toBe('ok');
    expect(codes).not.toContain('cost-drift');
    expect(record.document.plan?.replace).toBeGreaterThan(0);
    expect(message('plan-contradicts-impact')).toMatch(/aws_db_instance/);

    // Only the estimate changes: the spec is judged again, and its history gets no status change.
    let parsed = parser.parseCount;
    repo.write({ 'specs/0107-db/infracost.json': drifting });
    await run();
    ({ record, codes, message } = await current());
    expect(parser.parseCount).toBe(parsed + 1);
    expect(record.document.cost.drift).toBe('over');
    expect(message('cost-drift')).toMatch(
      /350\.00 USD.*0107-db\/infracost\.json.*542\.43 USD.*192\.43 USD/,
    );
    expect((await store.getSpecDetail(record.name))?.history).toHaveLength(1);
    const overClaim = async () =>
      (
        await store.listSpecs({
          filter: { costDrift: ['over'] },
          limit: 10,
          sort: { field: 'id', order: 'asc' },
        })
      ).items.map(item => item.name);
    expect(await overClaim()).toEqual([record.name]);
    expect(await store.getSummary({})).toMatchObject({
      byCostDrift: { over: 1, under: 0, ok: 0 },
      estimated: { count: 1, currency: 'USD' },
    });

    // Nothing changed: neither parsed nor judged again.
    parsed = parser.parseCount;
    await run();
    expect(parser.parseCount).toBe(parsed);

    // Back to agreeing: the drift goes.
    repo.write({ 'specs/0107-db/infracost.json': agreeing });
    await run();
    ({ record, codes } = await current());
    expect(record.document.cost.drift).toBe('ok');
    expect(codes).not.toContain('cost-drift');
    expect(await overClaim()).toEqual([]);

    // A file that is not JSON: an error on the spec, which is kept with everything else.
    repo.write({
      'specs/0107-db/infracost.json':
        'Project: payments\n\n OVERALL TOTAL $706.68',
    });
    await run();
    ({ record, message } = await current());
    expect(message('invalid-estimate')).toMatch(/0107-db\/infracost\.json/);
    expect(record.document.status).toBe('in-review');
    expect(record.document.cost.monthlyDelta).toBe(350);

    // A plan over the location's file limit is named with the limit's key.
    repo.write({ 'specs/0107-db/infracost.json': agreeing });
    await run({ refresh: { maxFileBytes: 8_000 } });
    ({ record, message } = await current());
    expect(message('invalid-plan')).toMatch(
      /infraSpecs\.refresh\.maxFileBytes/,
    );
    expect(record.document.cost.drift).toBe('ok');

    // Evidence elsewhere is not fetched: a URL link is refused with the reason.
    repo.write({
      'specs/0107-db/spec.md': spec.replace(
        '**Cost Estimate**: [infracost diff](./infracost.json)',
        '**Cost Estimate**: https://infracost.example.com/runs/42.json',
      ),
    });
    await run();
    ({ record, message } = await current());
    expect(message('invalid-estimate')).toMatch(
      /https:\/\/infracost\.example\.com\/runs\/42\.json.*spec location only/,
    );
  });

  it('refreshEntity explains unknown and unannotated components', async () => {
    await expect(
      refresher([]).refreshEntity('component:default/nope'),
    ).rejects.toThrow('No entity component:default/nope in the catalog');
    await expect(
      refresher([component('plain', {})]).refreshEntity(
        'component:default/plain',
      ),
    ).rejects.toThrow('has no infra-specs.dev/spec-location annotation');
    await expect(refresher([]).refreshEntity('::')).rejects.toThrow(
      'Invalid entity ref',
    );
  });
});
