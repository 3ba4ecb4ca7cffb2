/*
 * The catalog behaviour SpecEntityProcessor's design rests on, checked against the real
 * catalog backend: an emitted processing error hides a new entity (and would freeze a
 * changed one), while status items written in postProcessEntity reach the stitched entity.
 * If a Backstage upgrade changes either, this test says so before the UI silently breaks.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
  processingResult,
} from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { waitFor } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';

// A real catalog backend starts and processes in a few seconds alone, far longer on a busy
// 2-CPU machine: jest's 5 s default made this test fail under load.
jest.setTimeout(60_000);

const widget = (name: string, mode: 'emit-error' | 'status-item'): Entity => ({
  apiVersion: 'example.dev/v1',
  kind: 'Widget',
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': `url:https://example.com/${name}`,
      'backstage.io/managed-by-origin-location': `url:https://example.com/${name}`,
      'example.dev/mode': mode,
    },
  },
  spec: {},
});

describe('catalog processing errors (real catalog backend)', () => {
  it('hides a new entity with an emitted error, but shows status items set in postProcessEntity', async () => {
    let connection: EntityProviderConnection | undefined;
    const processingErrors: string[] = [];
    const testModule = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'widgets',
      register(reg) {
        reg.registerInit({
          deps: { processing: catalogProcessingExtensionPoint },
          async init({ processing }) {
            processing.setOnProcessingErrorHandler(({ unprocessedEntity }) => {
              processingErrors.push(unprocessedEntity.metadata.name);
            });
            processing.addEntityProvider({
              getProviderName: () => 'widgets',
              connect: async c => {
                connection = c;
              },
            });
            processing.addProcessor({
              getProcessorName: () => 'WidgetProcessor',
              validateEntityKind: async e => e.kind === 'Widget',
              postProcessEntity: async (e, location, emit) => {
                const mode = e.metadata.annotations?.['example.dev/mode'];
                if (mode === 'emit-error') {
                  emit(processingResult.inputError(location, 'spec is wrong'));
                  return e;
                }
                if (mode === 'status-item') {
                  return {
                    ...e,
                    status: {
                      items: [
                        {
                          type: 'backstage.io/catalog-processing',
                          level: 'error',
                          message: 'InputError: spec is wrong',
                          error: {
                            name: 'InputError',
                            message: 'spec is wrong',
                          },
                        },
                      ],
                    },
                  } as Entity;
                }
                return e;
              },
            });
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        testModule,
        mockServices.rootConfig.factory({
          data: { catalog: { processingInterval: { seconds: 1 } } },
        }),
      ],
    });
    const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
    await connection!.applyMutation({
      type: 'full',
      entities: [
        { entity: widget('with-emitted-error', 'emit-error') },
        { entity: widget('with-status-item', 'status-item') },
      ],
    });

    const shown = await waitFor(async () => {
      const res = await fetch(
        `${baseUrl}/entities/by-name/widget/default/with-status-item`,
      );
      return res.ok ? ((await res.json()) as Entity) : undefined;
    });
    expect((shown as { status?: unknown }).status).toEqual({
      items: [
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          error: { name: 'InputError', message: 'spec is wrong' },
        }),
      ],
    });

    // The other one was processed too (its error reached the handler), yet it is absent.
    await waitFor(async () =>
      processingErrors.includes('with-emitted-error') ? true : undefined,
    );
    const hidden = await fetch(
      `${baseUrl}/entities/by-name/widget/default/with-emitted-error`,
    );
    expect(hidden.status).toBe(404);

    await backend.stop();
  });
});
