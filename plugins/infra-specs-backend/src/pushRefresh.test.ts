/*
 * Refresh on push, through the real backend and Backstage's in-process events service: a
 * `github.push` (as the GitHub events module publishes webhooks) refreshes only the locations
 * whose folder it touched.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startForge, type Forge } from '@internal/forge';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultEventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import {
  INFRA_SPECS_CHANGED_TOPIC,
  type InfraSpecsChangedEvent,
} from '@infra-specs/backstage-plugin-infra-specs-node';
import request from 'supertest';
import { waitFor } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { changeSpec } from './__testUtils__/testParser';
import { infraSpecsPlugin } from './plugin';

jest.setTimeout(60_000);

// Both locations live in one forge repository, read through Backstage's own GitHub reader.
let forge: Forge;
let REPO: string;

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
  beforeEach(async () => {
    forge = await startForge();
    REPO = `http://${forge.host}/acme/infra`;
  });
  afterEach(() => forge.close());

  it('reads again only the locations whose folder a push changed', async () => {
    const repo = forge.addRepository('acme/infra', {
      files: {
        'network/specs/SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'NAT', status: 'Draft' }),
        'eks/specs/SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'EKS 1.31', status: 'Draft' }),
      },
    });
    const VPC_SPECS = forge.url('acme/infra', 'network/specs');
    const EKS_SPECS = forge.url('acme/infra', 'eks/specs');
    const events = DefaultEventsService.create({ logger: mockServices.logger.mock() });
    const { server } = await startTestBackend({
      features: [
        infraSpecsPlugin,
        catalogServiceMock.factory({
          entities: [component('vpc', VPC_SPECS), component('eks', EKS_SPECS)],
        }),
        mockServices.rootConfig.factory({ data: { integrations: { github: [forge.integration] } } }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: { pluginMetadata: coreServices.pluginMetadata },
          factory: ({ pluginMetadata }) => events.forPlugin(pluginMetadata.getId()),
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    // What the catalog module would hear: which components' specs changed, once per run.
    const announced: string[][] = [];
    await events.subscribe({
      id: 'test-specs-changed',
      topics: [INFRA_SPECS_CHANGED_TOPIC],
      onEvent: async ({ eventPayload }) => {
        announced.push([...(eventPayload as InfraSpecsChangedEvent).componentRefs].sort());
      },
    });
    const heard = () => announced.splice(0);
    await request(server).post('/api/infra-specs/refresh').expect(202);
    const status = async (ref: string) =>
      (await request(server).get(`/api/infra-specs/entity/component/default/${ref}/specs`).expect(200)).body
        .items[0]?.document.status;
    expect(await status('vpc')).toBe('draft');
    expect(await status('eks')).toBe('draft');
    // Both locations share one read of the repository: one commit lookup and one tarball.
    const reads = () => forge.requests('status', 'acme/infra');
    expect(reads()).toBe(1);
    expect(forge.requests('tarball', 'acme/infra')).toBe(1);
    await waitFor(async () => (announced.length ? true : undefined), { what: 'the first index announced' });
    expect(heard()).toEqual([['component:default/eks', 'component:default/vpc']]);

    // The approval is merged: a push that changes the vpc spec. The eks folder is unchanged
    // but at a new commit too, so only the push's file list keeps it from being read.
    repo.write({
      'network/specs/SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'NAT', status: 'Approved' }),
    });
    await events.publish({ topic: 'github.push', eventPayload: push(['network/specs/SPEC-0001.md']) });
    expect(reads()).toBe(2);
    expect(forge.requests('tarball', 'acme/infra')).toBe(2);
    expect(await status('vpc')).toBe('approved');
    expect(heard()).toEqual([['component:default/vpc']]);

    // A push that touches no spec folder, one to another branch and a tag read nothing.
    await events.publish({ topic: 'github.push', eventPayload: push(['network/main.tf', 'README.md']) });
    await events.publish({ topic: 'github.push', eventPayload: push(['eks/specs/SPEC-0002.md'], 'feature') });
    await events.publish({ topic: 'github.push', eventPayload: { ...push(['eks/specs/x.md']), ref: 'refs/tags/v1' } });
    expect(reads()).toBe(2);
    expect(heard()).toEqual([]);
    // The pull request lookup of the first scheduled run aside.
    expect(forge.requests() - forge.requests('pulls')).toBe(4);

    // A push that changes both folders refreshes both locations with one read of the repository.
    repo.write({
      'network/specs/SPEC-0001.md': changeSpec({ id: 'SPEC-0001', title: 'NAT', status: 'Implemented' }),
      'eks/specs/SPEC-0002.md': changeSpec({ id: 'SPEC-0002', title: 'EKS 1.31', status: 'Approved' }),
    });
    forge.resetRequests();
    await events.publish({
      topic: 'github.push',
      eventPayload: push(['network/specs/SPEC-0001.md', 'eks/specs/SPEC-0002.md']),
    });
    expect(forge.requests('status', 'acme/infra')).toBe(1);
    expect(forge.requests('tarball', 'acme/infra')).toBe(1);
    expect(forge.requests()).toBe(2);
    expect(await status('vpc')).toBe('implemented');
    expect(await status('eks')).toBe('approved');
    expect(heard()).toEqual([['component:default/eks', 'component:default/vpc']]);

    // A push into a spec folder that changes no spec is read, and announces nothing.
    repo.write({ 'eks/specs/diagram.txt': 'not a spec' });
    await events.publish({ topic: 'github.push', eventPayload: push(['eks/specs/diagram.txt']) });
    expect(forge.requests('tarball', 'acme/infra')).toBe(2);
    expect(heard()).toEqual([]);
  });
});
