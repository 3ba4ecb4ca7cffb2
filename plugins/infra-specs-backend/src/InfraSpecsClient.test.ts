import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import { startForge, type Forge } from '@internal/forge';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

describe('InfraSpecsClient against the real plugin', () => {
  // The specs come from a forge repository through Backstage's own GitHub reader.
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  it('lists, streams, reads, refreshes, allocates ids, lints and follows changes', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 7; i++) {
      const id = `SPEC-${String(i).padStart(4, '0')}`;
      files[`specs/${id}.md`] = changeSpec({ id, title: `Spec ${i}`, status: i % 2 ? 'Approved' : 'Draft' });
    }
    forge.addRepository('acme/a', { files });
    const REPO = forge.url('acme/a', 'specs');
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'a',
        annotations: {
          'backstage.io/managed-by-location': `url:${forge.url('acme/a', 'catalog-info.yaml', { kind: 'blob' })}`,
          'infra-specs.dev/spec-location': `url:${REPO}`,
        },
      },
      spec: { owner: 'group:default/team-a' },
    };

    // A consumer plugin (like the catalog module) that builds the client from its own services.
    let client: InfraSpecsClient | undefined;
    const consumer = createBackendPlugin({
      pluginId: 'consumer',
      register(env) {
        env.registerInit({
          deps: { discovery: coreServices.discovery, auth: coreServices.auth },
          async init({ discovery, auth }) {
            client = new InfraSpecsClient({ discovery, auth });
          },
        });
      },
    });

    await startTestBackend({
      features: [
        infraSpecsPlugin,
        consumer,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({ data: { integrations: { github: [forge.integration] } } }),
      ],
    });
    const api = client!;

    const initial = await api.getChanges();
    expect(initial.full).toBe(true);

    const refreshed = await api.refresh('component:default/a');
    expect(refreshed.locations).toEqual([expect.objectContaining({ componentRef: 'component:default/a', specCount: 7 })]);

    const page = await api.listSpecs({ status: ['approved'], limit: 2, sort: 'id' });
    expect(page.totalCount).toBe(4);
    expect(page.items.map(s => s.document.id)).toEqual(['SPEC-0001', 'SPEC-0003']);
    expect(page.nextCursor).toBeDefined();

    const streamed: string[] = [];
    for await (const spec of api.streamSpecs({ sort: 'id', limit: 3 })) {
      streamed.push(spec.document.id!);
    }
    expect(streamed).toEqual(['SPEC-0001', 'SPEC-0002', 'SPEC-0003', 'SPEC-0004', 'SPEC-0005', 'SPEC-0006', 'SPEC-0007']);

    const detail = await api.getSpec(page.items[0].name);
    expect(detail?.history).toHaveLength(1);
    expect(await api.getSpec('does-not-exist')).toBeUndefined();

    const entitySpecs = await api.getEntitySpecs('component:default/a');
    expect(entitySpecs.items).toHaveLength(7);
    expect((await api.getEntitySpecs('component:a')).items).toHaveLength(7);

    // A preview does not use the id up; a reservation does, and never hands it out again.
    expect(await api.getNextId()).toEqual({ id: 'SPEC-0008' });
    expect(await api.getNextId('SPEC', { reserve: true, entityRef: 'component:default/a' })).toEqual({ id: 'SPEC-0008' });
    expect(await api.getNextId('SPEC')).toEqual({ id: 'SPEC-0009' });
    expect(await api.getNextId('SPEC', { reserve: true, entityRef: 'component:default/a' })).toEqual({ id: 'SPEC-0009' });

    const lint = await api.lint({ markdown: changeSpec({ id: 'SPEC-0100', title: 'X', status: 'Draft' }) });
    expect(lint.document.id).toBe('SPEC-0100');

    const delta = await api.getChanges(initial.token, { limit: 100 });
    expect(delta.full).toBe(false);
    expect(delta.upserted).toHaveLength(7);

    // Errors come back as ResponseError with the server's error body.
    await expect(api.refresh('component:default/nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
    await expect(api.listSpecs({ limit: 9999 })).rejects.toBeInstanceOf(ResponseError);

    // On behalf of a user: their credentials travel (the mock permission service allows all).
    const asUser = await api.listSpecs({}, { credentials: mockCredentials.user('user:default/jane') });
    expect(asUser.totalCount).toBe(7);
  });
});
