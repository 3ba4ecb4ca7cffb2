/*
 * The infra-specs backend as the REST API and action tests start it: two components whose specs
 * live in loopback-forge repositories (read through Backstage's real GitHub reader), the catalog
 * mock, and optionally the real permission backend with a test policy.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { onBehalfOfAuthFactory } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import type { Forge } from '@internal/forge';
import request from 'supertest';
import { infraSpecsPlugin } from '../plugin';
import { changeSpec } from './testParser';

export const COMPONENTS = ['component:default/a', 'component:default/b'];

export function apiBackendFixture(forge: Forge) {
  // Registered from the repository of its specs, as the location policy wants by default.
  const component = (name: string, repo: string, owner: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:${forge.url(
          repo,
          'catalog-info.yaml',
          { kind: 'blob' },
        )}`,
        'infra-specs.dev/spec-location': `url:${forge.url(repo, 'specs')}`,
      },
    },
    spec: { type: 'service', owner },
  });
  const entities = (): Entity[] => [
    component('a', 'acme/a', 'group:default/team-a'),
    component('b', 'acme/b', 'group:default/team-b'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain' },
      spec: { owner: 'x' },
    },
  ];
  const repoA = forge.addRepository('acme/a', {
    files: {
      'specs/SPEC-0001.md': changeSpec({
        id: 'SPEC-0001',
        title: 'Upgrade EKS',
        status: 'Approved',
        blastRadius: 'High',
        rollback: 'Moderate',
        cost: 350,
      }),
      'specs/SPEC-0002.md': changeSpec({
        id: 'SPEC-0002',
        title: 'NAT gateways per AZ',
        status: 'Draft',
        blastRadius: 'Critical',
        downtime: 'Maintenance Window',
        cost: 98,
      }),
      'specs/SPEC-0003.md': changeSpec({
        id: 'SPEC-0003',
        title: 'Flow logs',
        status: 'Implemented',
        cost: -40,
      }),
    },
  });
  const repoB = forge.addRepository('acme/b', {
    files: {
      'specs/SPEC-0010.md': changeSpec({
        id: 'SPEC-0010',
        title: 'Payments cache',
        status: 'Approved',
        blastRadius: 'Medium',
        rollback: 'Irreversible',
        cost: 120,
      }),
    },
  });

  /** No urlReader override: the backend's default readers, GitHub's among them. */
  const features = (extra: any[] = [], config: object = {}) => [
    infraSpecsPlugin,
    catalogServiceMock.factory({ entities: entities() }),
    mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    mockServices.rootConfig.factory({
      data: { integrations: { github: [forge.integration] }, ...config },
    }),
    ...extra,
  ];

  const policyModule = (handle: (request: any) => PolicyDecision) =>
    createBackendModule({
      pluginId: 'permission',
      moduleId: 'test-policy',
      register(reg) {
        reg.registerInit({
          deps: { policy: policyExtensionPoint },
          async init({ policy }) {
            policy.setPolicy({ handle: async req => handle(req) });
          },
        });
      },
    });

  /** The real permission backend deciding with `handle`; users act on their own behalf. */
  const withPermissions = (
    handle: (request: any) => PolicyDecision,
    extra: any[] = [],
    config: object = {},
  ) =>
    features(
      [
        permissionBackend,
        policyModule(handle),
        onBehalfOfAuthFactory,
        ...extra,
      ],
      { permission: { enabled: true }, ...config },
    );

  /** Reads both components' specs now. */
  const index = async (server: any) => {
    for (const ref of COMPONENTS) {
      await request(server)
        .post('/api/infra-specs/refresh')
        .send({ entityRef: ref })
        .expect(200);
    }
  };

  return {
    repoA,
    repoB,
    REPO_A: forge.url('acme/a', 'specs'),
    REPO_B: forge.url('acme/b', 'specs'),
    entities,
    features,
    withPermissions,
    index,
  };
}
