/*
 * A minimal backend for working on the plugin: `yarn start` in this package.
 * The catalog is a fixed mock with the demo components of examples/components, whose
 * spec folders are read from disk (infraSpecs.local.allowedRoots below).
 *
 *   curl http://localhost:7007/api/infra-specs/specs
 *   curl -X POST http://localhost:7007/api/infra-specs/refresh
 *   curl http://localhost:7007/api/infra-specs/entity/component/default/network-vpc/specs
 */
import { resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const examples = resolve(__dirname, '../../../examples/components');
const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': `file:${examples}/${name}/catalog-info.yaml`,
      'infra-specs.dev/spec-location': './docs/specs',
    },
  },
  spec: { type: 'infrastructure', owner },
});

const backend = createBackend();
// Any request counts as the mock user; send `Authorization: Bearer mock-none-token` to test 401s.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: { baseUrl: 'http://localhost:7007', listen: { port: 7007 } },
      infraSpecs: { local: { allowedRoots: [examples] }, refresh: { frequency: { minutes: 1 } } },
    },
  }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      component('network-vpc', 'group:default/platform-team'),
      component('eks-cluster', 'group:default/platform-team'),
      component('payments-api', 'group:default/payments-team'),
      component('observability-stack', 'group:default/sre-team'),
    ],
  }),
);
backend.add(import('../src'));
backend.start();
