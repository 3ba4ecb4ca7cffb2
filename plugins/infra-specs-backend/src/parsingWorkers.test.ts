/*
 * Parsing in worker threads through the real backend: formats added as modules through the
 * extension point, and a document that takes too long cut off without failing its location or
 * losing its last good version. Specs come from the forge through Backstage's GitHub reader.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { infraSpecsFormatsExtensionPoint } from '@infra-specs/backstage-plugin-infra-specs-node';
import { startForge, type Forge } from '@internal/forge';
import request from 'supertest';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const REPO = 'acme/platform';

const formatModules = createBackendModule({
  pluginId: 'infra-specs',
  moduleId: 'test-formats',
  register(reg) {
    reg.registerInit({
      deps: { formats: infraSpecsFormatsExtensionPoint },
      async init({ formats }) {
        formats.addFormatModule(
          require.resolve('./__testUtils__/formats/adrFormat'),
          require.resolve('./__testUtils__/formats/hostileFormat'),
        );
      },
    });
  },
});

function platform(forge: Forge): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'platform',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url(
          REPO,
          'catalog-info.yaml',
          { kind: 'blob' },
        )}`,
        'infra-specs.dev/spec-location': `url:${forge.url(REPO, 'specs')}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/platform' },
  };
}

describe('parsing in worker threads, in the backend', () => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  it('parses module formats in workers and cuts off a document that takes too long, keeping its last good version', async () => {
    const repo = forge.addRepository(REPO, {
      files: {
        'specs/SPEC-0001.md': changeSpec({
          id: 'SPEC-0001',
          title: 'Karpenter',
          status: 'Draft',
        }),
        'specs/ADR-0007.md':
          '# ADR-0007: Use Karpenter\n\n**ID**: ADR-0007\n**Status**: Accepted\n',
      },
    });
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        formatModules,
        catalogServiceMock.factory({ entities: [platform(forge)] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [forge.integration] },
            infraSpecs: {
              parsing: { workers: 1, timeout: { milliseconds: 1500 } },
            },
          },
        }),
      ],
    });
    const refresh = async () =>
      (
        await request(server)
          .post('/api/infra-specs/refresh')
          .send({ entityRef: 'component:default/platform' })
          .expect(200)
      ).body.locations[0];
    const listed = async () =>
      (
        (
          await request(server)
            .get('/api/infra-specs/specs?sort=id')
            .expect(200)
        ).body.items as any[]
      ).map(s => [s.document.id, s.document.format, s.document.status]);

    expect(await refresh()).toMatchObject({
      specCount: 2,
      lastError: null,
      warnings: [],
    });
    expect(await listed()).toEqual([
      ['ADR-0007', 'adr', 'approved'],
      ['SPEC-0001', 'infrastructure-change', 'draft'],
    ]);

    // An edit that makes the parser spin: the location still refreshes, the spec keeps its
    // last good version, and the warning names the config key.
    repo.write({ 'specs/SPEC-0001.md': '# Spin forever\n' });
    const cutOff = await refresh();
    expect(cutOff).toMatchObject({ lastError: null });
    expect(cutOff.warnings).toEqual([
      'Skipped SPEC-0001.md: parsing took longer than infraSpecs.parsing.timeout (1500 ms)',
    ]);
    expect(await listed()).toEqual([
      ['ADR-0007', 'adr', 'approved'],
      ['SPEC-0001', 'infrastructure-change', 'draft'],
    ]);

    // POST /lint parses in the pool too: the same document is a 400 naming the key, the
    // event loop stays free, and the next lint is answered by a fresh worker.
    const lint = (markdown: string) =>
      request(server).post('/api/infra-specs/lint').send({ markdown, path: 'SPEC-0001.md' });
    const answered: string[] = [];
    const [spinning, health] = await Promise.all([
      lint('# Spin forever\n').then(res => {
        answered.push('lint');
        return res;
      }),
      new Promise(resolve => setTimeout(resolve, 200))
        .then(() => request(server).get('/api/infra-specs/specs?limit=1'))
        .then(res => {
          answered.push('list');
          return res;
        }),
    ]);
    // The list was answered while the lint was still being parsed.
    expect(answered).toEqual(['list', 'lint']);
    expect(spinning.status).toBe(400);
    expect(spinning.body.error.message).toBe(
      'Could not lint SPEC-0001.md: parsing took longer than infraSpecs.parsing.timeout (1500 ms)',
    );
    expect(health.status).toBe(200);
    const fine = await lint(changeSpec({ id: 'SPEC-0001', title: 'Karpenter', status: 'Draft' }));
    expect(fine.status).toBe(200);
    expect(fine.body.document).toMatchObject({ id: 'SPEC-0001', status: 'draft' });

    // No ETag was kept, so the same commit is read again and the file tried once more.
    forge.resetRequests();
    await refresh();
    expect(forge.requests('tarball', REPO)).toBe(1);

    // Fixed: parsed, and the warning is gone.
    repo.write({
      'specs/SPEC-0001.md': changeSpec({
        id: 'SPEC-0001',
        title: 'Karpenter',
        status: 'Approved',
      }),
    });
    expect(await refresh()).toMatchObject({ lastError: null, warnings: [] });
    expect(await listed()).toEqual([
      ['ADR-0007', 'adr', 'approved'],
      ['SPEC-0001', 'infrastructure-change', 'approved'],
    ]);
  });
});
