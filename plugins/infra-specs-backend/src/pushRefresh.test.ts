/*
 * Refresh on push, through the real backend and Backstage's in-process events service: a
 * `github.push` (as the GitHub events module publishes webhooks) refreshes only the locations
 * whose folder it touched.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultEventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { FakeScm } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

const REPO = 'https://github.com/acme/infra';
const VPC_SPECS = `${REPO}/tree/main/network/specs`;
const EKS_SPECS = `${REPO}/tree/main/eks/specs`;

function component(name: string, target: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${REPO}/blob/main/${name}/catalog-info.yaml`,
        'infra-specs.dev/spec-location': `url:${target}`,
      },
    },
    spec: { type: 'service', owner: 'group:default/platform' },
  };
}

function push(paths: string[], branch = 'main') {
  return {
    ref: `refs/heads/${branch}`,
    repository: { html_url: REPO, full_name: 'acme/infra', default_branch: 'main' },
    commits: [{ added: [], modified: paths, removed: [] }],
  };
}

describe('refresh on push', () => {
  it('reads again only the locations whose folder a push changed', async () => {
    const scm = new FakeScm();
    scm.setFolder(VPC_SPECS, {
      'SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'NAT', status: 'Draft' }),
    });
    scm.setFolder(EKS_SPECS, {
      'SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'EKS 1.31', status: 'Draft' }),
    });
    const events = DefaultEventsService.create({ logger: mockServices.logger.mock() });
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        catalogServiceMock.factory({
          entities: [component('vpc', VPC_SPECS), component('eks', EKS_SPECS)],
        }),
        createServiceFactory({ service: coreServices.urlReader, deps: {}, factory: () => scm.reader() }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: { pluginMetadata: coreServices.pluginMetadata },
          factory: ({ pluginMetadata }) => events.forPlugin(pluginMetadata.getId()),
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    await request(server).post('/api/infra-specs/refresh').expect(202);
    const status = async (ref: string) =>
      (await request(server).get(`/api/infra-specs/entity/component/default/${ref}/specs`).expect(200)).body
        .items[0]?.document.status;
    expect(await status('vpc')).toBe('draft');
    const reads = () => [scm.readsOf(VPC_SPECS), scm.readsOf(EKS_SPECS)];
    const before = reads();

    // The approval is merged: a push that changes the vpc spec.
    scm.setFolder(VPC_SPECS, {
      'SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'NAT', status: 'Approved' }),
    });
    await events.publish({ topic: 'github.push', eventPayload: push(['network/specs/SPEC-0001.md']) });
    expect(reads()).toEqual([before[0] + 1, before[1]]);
    expect(await status('vpc')).toBe('approved');

    // A push that touches no spec folder, one to another branch and a tag read nothing.
    await events.publish({ topic: 'github.push', eventPayload: push(['network/main.tf', 'README.md']) });
    await events.publish({ topic: 'github.push', eventPayload: push(['eks/specs/SPEC-0002.md'], 'feature') });
    await events.publish({ topic: 'github.push', eventPayload: { ...push(['eks/specs/x.md']), ref: 'refs/tags/v1' } });
    expect(reads()).toEqual([before[0] + 1, before[1]]);
  });
});
