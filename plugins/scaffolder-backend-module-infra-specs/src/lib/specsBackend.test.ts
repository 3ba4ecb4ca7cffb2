import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the real specs backend, started in the test
import infraSpecsBackend from '@infra-specs/backstage-plugin-infra-specs-backend';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import {
  findIndexedSpec,
  isBackendUnavailable,
  nextIdFromBackend,
  refreshComponent,
} from './specsBackend';

jest.setTimeout(60_000);

/** A real client from inside a test backend, with or without the infra-specs plugin. */
async function clientIn(features: any[]): Promise<InfraSpecsClient> {
  let client: InfraSpecsClient | undefined;
  await startTestBackend({
    features: [
      ...features,
      mockServices.rootConfig.factory({ data: {} }),
      createBackendModule({
        pluginId: 'probe',
        moduleId: 'client',
        register(reg) {
          reg.registerInit({
            deps: {
              discovery: coreServices.discovery,
              auth: coreServices.auth,
            },
            async init({ discovery, auth }) {
              client = new InfraSpecsClient({ discovery, auth });
            },
          });
        },
      }),
    ],
  });
  return client!;
}

describe('specsBackend', () => {
  const logger = mockServices.logger.mock();

  it('treats a backend without the infra-specs plugin as unavailable and falls back', async () => {
    const client = await clientIn([]);
    const error = await client.getNextId('SPEC').catch(e => e);
    expect(isBackendUnavailable(error)).toBe(true);
    await expect(
      nextIdFromBackend(
        client,
        'SPEC',
        'component:default/x',
        mockCredentials.user(),
        logger,
      ),
    ).resolves.toBeUndefined();
    await expect(
      findIndexedSpec(client, 'SPEC-0001', mockCredentials.user(), logger),
    ).resolves.toBeUndefined();
    await expect(
      refreshComponent(
        client,
        'component:default/x',
        mockCredentials.user(),
        logger,
      ),
    ).resolves.toBe(false);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('not installed or not reachable'),
    );
  });

  it('treats a refused connection as unavailable', async () => {
    // a port that was free a moment ago
    const server = createServer().listen(0);
    await new Promise(r => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    await new Promise(r => server.close(r));
    const client = new InfraSpecsClient({
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/infra-specs`,
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
    });
    const error = await client.getNextId('SPEC').catch(e => e);
    expect(isBackendUnavailable(error)).toBe(true);
  });

  it('uses the installed backend: ids, lookups, and answers that are not "missing"', async () => {
    const client = await clientIn([
      infraSpecsBackend,
      catalogServiceMock.factory({ entities: [] }),
    ]);
    const first = await nextIdFromBackend(
      client,
      'SPEC',
      'component:default/x',
      mockCredentials.user(),
      logger,
    );
    const second = await nextIdFromBackend(
      client,
      'SPEC',
      'component:default/x',
      mockCredentials.user(),
      logger,
    );
    expect([first, second]).toEqual(['SPEC-0001', 'SPEC-0002']);
    await expect(
      findIndexedSpec(client, 'SPEC-0001', mockCredentials.user(), logger),
    ).resolves.toBeUndefined();

    const warn = jest.fn();
    const refreshed = await refreshComponent(
      client,
      'component:default/unknown',
      mockCredentials.user(),
      {
        ...logger,
        warn,
      } as any,
    );
    expect(refreshed).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('could not refresh component:default/unknown'),
    );
  });
});
