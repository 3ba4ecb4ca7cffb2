/*
 * url: locations on GitLab through Backstage's real GitlabUrlReader: the loopback forge in its
 * GitLab flavour (API v4) as a self-hosted GitLab, `integrations.gitlab` pointing at it.
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DefaultEventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge, type ForgeWebhook } from '@internal/forge';
import request from 'supertest';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const REPO = 'platform/network';
const FOLDER = 'docs/specs';

function network(forge: Forge): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'network',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url(
          REPO,
          'catalog-info.yaml',
          { kind: 'blob' },
        )}`,
        'infra-specs.dev/spec-location': `url:${forge.url(REPO, FOLDER)}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/platform' },
  };
}

describe.each(ids)(
  "url: locations through Backstage's GitLab reader on %s",
  databaseId => {
    let forge: Forge;
    beforeEach(async () => {
      forge = await startForge({ flavor: 'gitlab' });
    });
    afterEach(() => forge.close());

    it('indexes, skips an unchanged folder, re-reads a change, removes a deleted file and keeps the last good specs on a fault', async () => {
      const repo = forge.addRepository(REPO, {
        files: {
          [`${FOLDER}/SPEC-0001.md`]: changeSpec({
            id: 'SPEC-0001',
            title: 'Transit gateway',
            status: 'Draft',
          }),
          [`${FOLDER}/SPEC-0002.md`]: changeSpec({
            id: 'SPEC-0002',
            title: 'IPv6 subnets',
            status: 'Approved',
          }),
        },
      });
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          infraSpecsPlugin,
          catalogServiceMock.factory({ entities: [network(forge)] }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { integrations: forge.integrations },
          }),
        ],
      });
      const refresh = async () =>
        (
          await request(server)
            .post('/api/infra-specs/refresh')
            .send({ entityRef: 'component:default/network' })
            .expect(200)
        ).body.locations[0];
      const listed = async () =>
        (
          (
            await request(server)
              .get('/api/infra-specs/specs?sort=id')
              .expect(200)
          ).body.items as any[]
        ).map(s => [s.document.id, s.document.status]);

      expect(await refresh()).toMatchObject({ specCount: 2, lastError: null });
      expect(await listed()).toEqual([
        ['SPEC-0001', 'draft'],
        ['SPEC-0002', 'approved'],
      ]);

      // Unchanged: the folder's last commit is the stored ETag, so no archive is downloaded.
      forge.resetRequests();
      expect(await refresh()).toMatchObject({ specCount: 2, lastError: null });
      expect(forge.requests('tarball')).toBe(0);

      // A status change and a deletion in one commit.
      repo.write({
        [`${FOLDER}/SPEC-0001.md`]: changeSpec({
          id: 'SPEC-0001',
          title: 'Transit gateway',
          status: 'Approved',
        }),
        [`${FOLDER}/SPEC-0002.md`]: null,
      });
      expect(await refresh()).toMatchObject({ specCount: 1, lastError: null });
      expect(await listed()).toEqual([['SPEC-0001', 'approved']]);

      // GitLab answers 500: the last good spec stays, and the location says why.
      repo.write({
        [`${FOLDER}/SPEC-0003.md`]: changeSpec({
          id: 'SPEC-0003',
          title: 'Egress',
          status: 'Draft',
        }),
      });
      repo.fail(500);
      const failed = await refresh();
      expect(failed.lastError.message).toMatch(/500 Internal Server Error/);
      expect(await listed()).toEqual([['SPEC-0001', 'approved']]);
      repo.fail(null);
      expect(await refresh()).toMatchObject({ specCount: 2, lastError: null });
    });

    it("refreshes on GitLab's Push Hook (gitlab.push) only when it touches the spec folder", async () => {
      const repo = forge.addRepository(REPO, {
        files: {
          [`${FOLDER}/SPEC-0001.md`]: changeSpec({ id: 'SPEC-0001', title: 'Transit gateway', status: 'Draft' }),
        },
      });
      const hooks: ForgeWebhook[] = [];
      forge.onWebhook(hook => hooks.push(hook));
      const events = DefaultEventsService.create({ logger: mockServices.logger.mock() });
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          infraSpecsPlugin,
          catalogServiceMock.factory({ entities: [network(forge)] }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: { integrations: forge.integrations } }),
          createServiceFactory({
            service: eventsServiceRef,
            deps: { pluginMetadata: coreServices.pluginMetadata },
            factory: ({ pluginMetadata }) => events.forPlugin(pluginMetadata.getId()),
          }),
        ],
      });
      // What the GitLab events module does with a webhook: publish it under gitlab.<event_name>.
      const deliver = async () => {
        for (const hook of hooks.splice(0)) {
          await events.publish({ topic: `gitlab.${hook.payload.event_name}`, eventPayload: hook.payload });
        }
      };
      const status = async () =>
        (await request(server).get('/api/infra-specs/entity/component/default/network/specs').expect(200)).body
          .items[0]?.document.status;
      await request(server).post('/api/infra-specs/refresh').expect(202);
      expect(await status()).toBe('draft');

      // A push outside the spec folder reads nothing.
      repo.write({ 'main.tf': 'resource "aws_ec2_transit_gateway" "tgw" {}' });
      forge.resetRequests();
      await deliver();
      expect(forge.requests()).toBe(0);

      // The approval is merged: the Push Hook lists the spec, and the location is read at once.
      repo.write({
        [`${FOLDER}/SPEC-0001.md`]: changeSpec({ id: 'SPEC-0001', title: 'Transit gateway', status: 'Approved' }),
      });
      await deliver();
      expect(forge.requests('tarball', REPO)).toBe(1);
      expect(await status()).toBe('approved');
    });
  },
);
