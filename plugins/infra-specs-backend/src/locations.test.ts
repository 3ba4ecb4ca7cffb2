/*
 * What a catalog author can make the backend read (issue 14, findings 1, 2 and 8), against the
 * real backend: each refused location gets an error on its location state that names the config
 * key that would allow it, and the test checks that nothing was read, and that a tree over the
 * limits was never held in memory.
 */
import fs from 'node:fs';
import {
  coreServices,
  createServiceFactory,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import { startForge, type Forge } from '@internal/forge';
import { GeneratedTree } from './__testUtils__/generatedTree';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const HOST = 'https://git.example.com';

function component(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner },
  };
}

/** A component registered from its own repository on `host`. */
const fromRepo = (name: string, specLocation: string, host = HOST) =>
  component(name, {
    'backstage.io/managed-by-location': `url:${host}/acme/${name}/blob/main/catalog-info.yaml`,
    'infra-specs.dev/spec-location': specLocation,
  });

/** A component registered from a catalog-info.yaml on disk. */
const fromFile = (
  name: string,
  catalogInfo: string,
  specLocation: string,
  owner?: string,
) =>
  component(
    name,
    {
      'backstage.io/managed-by-location': `file:${catalogInfo}`,
      'infra-specs.dev/spec-location': specLocation,
    },
    owner,
  );

describe.each(ids)('location policy and bounded reads on %s', databaseId => {
  /** Without `reader`, the backend's default readers (GitHub's for `forge`) read the specs. */
  async function start(options: {
    entities: Entity[];
    reader?: UrlReaderService;
    forge?: Forge;
    infraSpecs?: object;
  }) {
    const knex = await databases.init(databaseId);
    const reader = options.reader;
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        catalogServiceMock.factory({ entities: options.entities }),
        ...(reader
          ? [
              createServiceFactory({
                service: coreServices.urlReader,
                deps: {},
                factory: () => reader,
              }),
            ]
          : []),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            integrations: options.forge
              ? { github: [options.forge.integration] }
              : {},
            infraSpecs: options.infraSpecs ?? {},
          },
        }),
      ],
    });
    const refresh = async (name: string) => {
      const res = await request(server)
        .post('/api/infra-specs/refresh')
        .send({ entityRef: `component:default/${name}` })
        .expect(200);
      return res.body.locations[0];
    };
    const specsOf = async (name: string) => {
      const res = await request(server)
        .get(`/api/infra-specs/entity/component/default/${name}/specs`)
        .expect(200);
      return res.body;
    };
    return { refresh, specsOf };
  }

  describe('url: locations', () => {
    let forge: Forge;
    let HOST_URL: string;
    let PRIVATE: string;
    let SECRET: string;
    beforeEach(async () => {
      forge = await startForge();
      HOST_URL = `http://${forge.host}`;
      forge.addRepository('acme/private', {
        files: {
          'specs/SPEC-0900.md': changeSpec({
            id: 'SPEC-0900',
            title: 'Private plans',
            status: 'Approved',
          }),
          'secret/SPEC-0901.md': changeSpec({
            id: 'SPEC-0901',
            title: 'More plans',
            status: 'Draft',
          }),
        },
      });
      PRIVATE = forge.url('acme/private', 'specs');
      SECRET = forge.url('acme/private', 'secret');
    });
    afterEach(() => forge.close());
    const entities = () => [
      fromRepo('thief', `url:${PRIVATE}`, HOST_URL),
      // A bare URL, and a relative path that climbs out of the component's repository.
      fromRepo('bare', SECRET, HOST_URL),
      fromRepo('climber', '../../../private/tree/main/specs', HOST_URL),
    ];

    it("refuses another repository than the component's own, without reading it", async () => {
      const { refresh, specsOf } = await start({
        entities: entities(),
        forge,
      });
      for (const [name, url] of [
        ['thief', PRIVATE],
        ['bare', SECRET],
        ['climber', PRIVATE],
      ]) {
        const state = await refresh(name);
        expect(state).toMatchObject({
          target: url,
          specCount: 0,
          indexedAt: null,
        });
        expect(state.lastError.message).toBe(
          `NotAllowedError: Refused to read ${url}: it is not in the component's own repository (${forge.host}/acme/${name}, from backstage.io/managed-by-location); infraSpecs.locations.allowedUrls would allow it`,
        );
        // What the Specs tab shows: the location with its error, and no specs.
        const tab = await specsOf(name);
        expect(tab.items).toEqual([]);
        expect(tab.location.lastError.message).toContain(
          'infraSpecs.locations.allowedUrls',
        );
      }
      expect(forge.requests()).toBe(0);
    });

    it('reads them when infraSpecs.locations.allowedUrls lists them', async () => {
      const { refresh, specsOf } = await start({
        entities: entities(),
        forge,
        infraSpecs: {
          locations: { allowedUrls: [`${HOST_URL}/acme/private/tree/main/*`] },
        },
      });
      for (const [name, id] of [
        ['thief', 'SPEC-0900'],
        ['bare', 'SPEC-0901'],
        ['climber', 'SPEC-0900'],
      ]) {
        const state = await refresh(name);
        expect(state).toMatchObject({ lastError: null, specCount: 1 });
        expect(
          (await specsOf(name)).items.map((s: any) => s.document.id),
        ).toEqual([id]);
      }
      // Each location read the private repository once.
      expect(forge.requests('tarball', 'acme/private')).toBe(3);
    });
  });

  describe('local folders', () => {
    const root = createMockDirectory();
    const outside = createMockDirectory();
    const spec = (id: string, title: string) =>
      changeSpec({ id, title, status: 'Draft' });

    beforeEach(() => {
      root.setContent({
        'team-a': {
          vpc: {
            'catalog-info.yaml': '',
            docs: { specs: { 'SPEC-0100.md': spec('SPEC-0100', 'NAT') } },
          },
          linked: { 'catalog-info.yaml': '', docs: {} },
        },
        'team-b': {
          payments: {
            'catalog-info.yaml': '',
            docs: { specs: { 'SPEC-0200.md': spec('SPEC-0200', 'Payments') } },
          },
        },
      });
      outside.setContent({
        'SPEC-0300.md': spec('SPEC-0300', 'Not in any root'),
      });
    });

    const catalogInfo = (...parts: string[]) =>
      root.resolve(...parts, 'catalog-info.yaml');
    const readsUnder = (spies: jest.SpyInstance[], folder: string) =>
      spies
        .flatMap(spy => spy.mock.calls.map(call => String(call[0])))
        .filter(path => path.startsWith(folder));

    it("refuses another team's folder, whichever way it is written, without reading it", async () => {
      const otherTeam = root.resolve('team-b/payments/docs/specs');
      const entities = [
        fromFile('vpc', catalogInfo('team-a', 'vpc'), './docs/specs'),
        fromFile(
          'payments',
          catalogInfo('team-b', 'payments'),
          './docs/specs',
          'group:default/team-b',
        ),
        fromFile('absolute', catalogInfo('team-a', 'vpc'), `dir:${otherTeam}`),
        fromFile(
          'relative',
          catalogInfo('team-a', 'vpc'),
          '../../team-b/payments/docs/specs',
        ),
        // Registered from a repository, so it has no folder of its own on this machine.
        fromRepo('remote', `dir:${otherTeam}`),
      ];
      const { refresh, specsOf } = await start({
        entities,
        infraSpecs: { local: { allowedRoots: [root.path] } },
      });
      expect(await refresh('vpc')).toMatchObject({
        lastError: null,
        specCount: 1,
      });
      expect(await refresh('payments')).toMatchObject({
        lastError: null,
        specCount: 1,
      });

      const spies = [
        jest.spyOn(fs, 'readdirSync'),
        jest.spyOn(fs, 'readFileSync'),
        jest.spyOn(fs, 'statSync'),
      ];
      try {
        for (const name of ['absolute', 'relative']) {
          const state = await refresh(name);
          expect(state.lastError.message).toBe(
            `NotAllowedError: Refused to read ${otherTeam}: it is outside the folder of the component's catalog-info.yaml (${root.resolve(
              'team-a/vpc',
            )}); infraSpecs.locations.allowDirOutsideComponent would allow it`,
          );
          expect((await specsOf(name)).items).toEqual([]);
        }
        const remote = await refresh('remote');
        expect(remote.lastError.message).toBe(
          `NotAllowedError: Refused to read ${otherTeam}: local folders are only for components registered from a file: location (backstage.io/managed-by-location); infraSpecs.locations.allowDirOutsideComponent would allow it`,
        );
        expect(readsUnder(spies, root.resolve('team-b'))).toEqual([]);
        // The spies do see reads: the component's own folder is read again.
        await refresh('vpc');
        expect(
          readsUnder(spies, root.resolve('team-a/vpc')).length,
        ).toBeGreaterThan(0);
      } finally {
        spies.forEach(spy => spy.mockRestore());
      }
    });

    it('reads them when infraSpecs.locations.allowDirOutsideComponent is set, still only inside the roots', async () => {
      const { refresh } = await start({
        entities: [
          fromFile(
            'absolute',
            catalogInfo('team-a', 'vpc'),
            `dir:${root.resolve('team-b/payments/docs/specs')}`,
          ),
          fromFile(
            'escape',
            catalogInfo('team-a', 'vpc'),
            `dir:${outside.path}`,
          ),
        ],
        infraSpecs: {
          local: { allowedRoots: [root.path] },
          locations: { allowDirOutsideComponent: true },
        },
      });
      expect(await refresh('absolute')).toMatchObject({
        lastError: null,
        specCount: 1,
      });
      expect((await refresh('escape')).lastError.message).toContain(
        'outside infraSpecs.local.allowedRoots',
      );
    });

    it('refuses a symlink out of a root, or into another team, without reading behind it', async () => {
      fs.symlinkSync(outside.path, root.resolve('team-a/linked/docs/specs'));
      fs.symlinkSync(
        root.resolve('team-b/payments/docs/specs'),
        root.resolve('team-a/vpc/docs/specs/payments'),
      );
      const { refresh, specsOf } = await start({
        entities: [
          fromFile('linked', catalogInfo('team-a', 'linked'), './docs/specs'),
          fromFile('vpc', catalogInfo('team-a', 'vpc'), './docs/specs'),
        ],
        infraSpecs: { local: { allowedRoots: [root.path] } },
      });
      const spies = [
        jest.spyOn(fs, 'readdirSync'),
        jest.spyOn(fs, 'readFileSync'),
      ];
      try {
        const linked = await refresh('linked');
        expect(linked.lastError.message).toBe(
          `NotAllowedError: Refused to read ${root.resolve(
            'team-a/linked/docs/specs',
          )}: it resolves through a symlink to ${fs.realpathSync(
            outside.path,
          )}, outside infraSpecs.local.allowedRoots (${root.path})`,
        );
        const vpc = await refresh('vpc');
        expect(vpc.lastError.message).toContain(
          `payments is a symlink to ${fs.realpathSync(
            root.resolve('team-b/payments/docs/specs'),
          )}, outside the folder of the component's catalog-info.yaml`,
        );
        expect((await specsOf('linked')).items).toEqual([]);
        expect(readsUnder(spies, fs.realpathSync(outside.path))).toEqual([]);
        expect(
          readsUnder(spies, fs.realpathSync(root.resolve('team-b'))),
        ).toEqual([]);
        // The walk of vpc did start (the spies see it) and stopped at the link.
        expect(
          readsUnder(spies, fs.realpathSync(root.resolve('team-a/vpc'))).length,
        ).toBeGreaterThan(0);
      } finally {
        spies.forEach(spy => spy.mockRestore());
      }
    });
  });

  describe('trees over the limits, behind the reader boundary', () => {
    const BIG = `${HOST}/acme/big/tree/main/specs`;
    const MiB = 1024 * 1024;

    it('stops a tree of 100,000 files at infraSpecs.refresh.maxFiles without holding any', async () => {
      const tree = new GeneratedTree(function* many() {
        for (let i = 0; i < 100_000; i++)
          yield { path: `specs/SPEC-${i}.md`, size: 200 };
      });
      const { refresh, specsOf } = await start({
        entities: [fromRepo('big', `url:${BIG}`)],
        reader: tree.reader(),
      });
      const state = await refresh('big');
      expect(state.lastError.message).toBe(
        `InputError: Refused to read ${BIG}: it holds more than 10000 markdown and JSON files (infraSpecs.refresh.maxFiles)`,
      );
      expect(tree.pulled).toBe(10_001);
      expect(tree.buffered).toBe(0);
      expect((await specsOf('big')).items).toEqual([]);
    });

    it('skips a 200 MB file with a warning, never buffering it', async () => {
      const tree = new GeneratedTree(() => [
        {
          path: 'SPEC-0001.md',
          content: changeSpec({
            id: 'SPEC-0001',
            title: 'Small',
            status: 'Draft',
          }),
        },
        { path: 'huge.md', size: 200 * MiB },
      ]);
      const { refresh, specsOf } = await start({
        entities: [fromRepo('big', `url:${BIG}`)],
        reader: tree.reader(),
      });
      const state = await refresh('big');
      expect(state).toMatchObject({ lastError: null, specCount: 1 });
      expect(state.warnings).toEqual([
        `Skipped huge.md: ${
          200 * MiB
        } bytes is more than infraSpecs.refresh.maxFileBytes (${MiB})`,
      ]);
      expect(tree.bufferedBytes).toBeLessThan(10_000);
      expect(
        (await specsOf('big')).items.map((s: any) => s.document.id),
      ).toEqual(['SPEC-0001']);
    });

    it('stops a tree over infraSpecs.refresh.maxBytes early and keeps the last good specs', async () => {
      let generate: () => Iterable<
        { path: string; content: string } | { path: string; size: number }
      > = () => [
        {
          path: 'SPEC-0001.md',
          content: changeSpec({
            id: 'SPEC-0001',
            title: 'Kept',
            status: 'Approved',
          }),
        },
      ];
      const tree = new GeneratedTree(() => generate());
      const { refresh, specsOf } = await start({
        entities: [fromRepo('big', `url:${BIG}`)],
        reader: tree.reader(),
      });
      expect(await refresh('big')).toMatchObject({
        lastError: null,
        specCount: 1,
      });

      // 200 files just under maxFileBytes: 200 MB in all, against the default 32 MiB.
      generate = function* large() {
        for (let i = 0; i < 200; i++)
          yield { path: `SPEC-${i}.md`, size: MiB - 1 };
      };
      const pulledBefore = tree.pulled;
      const state = await refresh('big');
      expect(state.lastError.message).toBe(
        `InputError: Refused to read ${BIG}: its markdown and JSON files add up to more than ${
          32 * MiB
        } bytes (infraSpecs.refresh.maxBytes)`,
      );
      expect(tree.pulled - pulledBefore).toBe(33);
      expect(tree.buffered).toBe(1);
      expect(state.specCount).toBe(1);
      expect(
        (await specsOf('big')).items.map((s: any) => s.document.title),
      ).toEqual(['Kept']);
    });
  });
});

describe("bounded reads through Backstage's GitHub reader", () => {
  it('aborts the download of a 100,000-file tarball at infraSpecs.refresh.maxFiles', async () => {
    const forge = await startForge();
    const big = forge.addRepository('acme/big', {
      generated: { files: 100_000, fileBytes: 600 },
    });
    const stats = big.generated!.stats;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const url = forge.url('acme/big', 'specs');
      const { server } = await startTestBackend({
        features: [
          infraSpecsPlugin,
          urlReaderServiceFactory,
          catalogServiceMock.factory({
            entities: [
              component('big', {
                'backstage.io/managed-by-location': `url:${forge.url('acme/big', 'catalog-info.yaml', { kind: 'blob' })}`,
                'infra-specs.dev/spec-location': `url:${url}`,
              }),
            ],
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [forge.integration],
              },
            },
          }),
        ],
      });
      const res = await request(server)
        .post('/api/infra-specs/refresh')
        .send({ entityRef: 'component:default/big' })
        .expect(200);
      expect(res.body.locations[0].lastError.message).toBe(
        `InputError: Refused to read ${url}: it holds more than 10000 markdown and JSON files (infraSpecs.refresh.maxFiles)`,
      );
      // The request was cut off: what was generated is the limit plus what sat in the buffers.
      await stats.done;
      expect(forge.requests('tarball', 'acme/big')).toBe(1);
      expect(stats.closedEarly).toBe(true);
      expect(stats.generated).toBeGreaterThan(10_000);
      expect(stats.generated).toBeLessThan(50_000);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await forge.close();
    }
  });
});
