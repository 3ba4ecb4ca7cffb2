/*
 * The collator against the real infra-specs backend: spec folders on disk under an allowed
 * root, components from the catalog service mock, the REST API called with the search
 * plugin's own service credentials.
 */
import { dirname } from 'node:path';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import {
  infraSpecsSpecReadPermission,
  type InfraSpecSearchDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
// The real backend plugin is what the collator reads from; it is only a devDependency.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import infraSpecsBackend from '@infra-specs/backstage-plugin-infra-specs-backend';
import { InfraSpecsCollatorFactory } from './InfraSpecsCollatorFactory';

jest.setTimeout(60_000);

const NAT_SPEC = `# Spec: NAT gateway per zone

**Spec ID**: SPEC-0002
**Status**: In Review
**Author**: Jane Doe
**Created**: 2026-01-05
**Last Updated**: 2026-02-01

## Summary

One NAT gateway in every availability zone of the production VPC.

### Impact Assessment

| Aspect | Assessment |
|--------|------------|
| **Blast Radius** | High — egress of every private subnet |
| **Rollback Complexity** | Easy |
| **Downtime Required** | None |
| **Cost Impact** | +$98.55/month |

## Rollout

Watch the **conntrack** table of each gateway while the route tables switch.
`;

const OLD_SPEC = `# Spec: Single shared NAT gateway

**Spec ID**: SPEC-0001
**Status**: Implemented
**Created**: 2025-06-01
**Last Updated**: 2025-07-01

## Summary

Save money with one NAT gateway for the whole VPC.

### Impact Assessment

| Aspect | Assessment |
|--------|------------|
| **Blast Radius** | Medium — egress of the VPC |
| **Rollback Complexity** | Easy |
| **Downtime Required** | None |
| **Cost Impact** | -$65.70/month |
`;

const CACHE_FEATURE = `# Specification: FEAT-003 Idempotency key cache

**Template Type**: Infrastructure Feature
**Complexity Level**: 2
**Status**: draft
**Author**: Sam Okafor
**Created**: 2026-11-09

## 1. Context & Goals

**Problem Statement**: Idempotency keys cause lock waits on the payments writer at peak.

### Impact Assessment

| Aspect | Assessment |
|--------|------------|
| **Blast Radius** | Medium — payment retries |
| **Rollback Complexity** | Moderate |
| **Downtime Required** | None |
| **Cost Impact** | +$410/month |

## 2. Architecture

A **Valkey** cluster with one shard per zone keeps the keys for 24 hours.
`;

const captured: {
  discovery?: DiscoveryService;
  auth?: AuthService;
  logger?: LoggerService;
} = {};
// Stands in for the search plugin: the collator runs with that plugin's services.
const searchStandIn = createBackendPlugin({
  pluginId: 'search',
  register(reg) {
    reg.registerInit({
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init(deps) {
        Object.assign(captured, deps);
      },
    });
  },
});

function component(name: string, folder: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        // Registered from the folder above its specs, as the backend's location policy wants.
        'backstage.io/managed-by-location': `file:${dirname(
          folder,
        )}/catalog-info.yaml`,
        'infra-specs.dev/spec-location': `dir:${folder}`,
      },
    },
    spec: { type: 'infrastructure', lifecycle: 'production', owner },
  };
}

async function collate(
  options: { pageSize?: number; client?: InfraSpecsClient } = {},
) {
  const factory = InfraSpecsCollatorFactory.fromOptions({
    discovery: captured.discovery!,
    auth: captured.auth!,
    logger: captured.logger!,
    concurrency: 2,
    ...options,
  });
  return TestPipeline.fromCollator(await factory.getCollator()).execute();
}

describe('InfraSpecsCollatorFactory', () => {
  const root = createMockDirectory();

  it('indexes the specs searchable by type infra-spec, readable with the spec read permission', () => {
    const factory = InfraSpecsCollatorFactory.fromOptions({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(factory.type).toBe('infra-spec');
    expect(factory.visibilityPermission).toBe(infraSpecsSpecReadPermission);
  });

  describe('with the real infra-specs backend', () => {
    let server: { port(): number };

    beforeAll(async () => {
      root.setContent({
        'network-vpc/specs/SPEC-0002-nat-per-zone.md': NAT_SPEC,
        'network-vpc/specs/done/SPEC-0001-single-nat.md': OLD_SPEC,
        'network-vpc/specs/README.md': '# Specs of the network\n\nNot a spec.',
        'payments-api/specs/FEAT-003-idempotency-cache.md': CACHE_FEATURE,
      });
      const backend = await startTestBackend({
        features: [
          infraSpecsBackend,
          searchStandIn,
          catalogServiceMock.factory({
            entities: [
              component(
                'network-vpc',
                root.resolve('network-vpc/specs'),
                'group:default/platform-team',
              ),
              component(
                'payments-api',
                root.resolve('payments-api/specs'),
                'group:default/payments-team',
              ),
            ],
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: { infraSpecs: { local: { allowedRoots: [root.path] } } },
          }),
        ],
      });
      server = backend.server;
      for (const name of ['network-vpc', 'payments-api']) {
        const res = await fetch(
          `http://localhost:${server.port()}/api/infra-specs/refresh`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ entityRef: `component:default/${name}` }),
          },
        );
        if (res.status !== 200) {
          throw new Error(
            `refresh of ${name}: ${res.status} ${await res.text()}`,
          );
        }
      }
    });

    it('yields one document per spec, page after page, with its fields and its whole body as text', async () => {
      const { documents, error } = await collate({ pageSize: 2 });
      expect(error).toBeUndefined();
      const docs = documents as InfraSpecSearchDocument[];
      expect(docs.map(d => d.id)).toEqual([
        'FEAT-003',
        'SPEC-0001',
        'SPEC-0002',
      ]);

      const nat = docs.find(d => d.id === 'SPEC-0002')!;
      expect(nat).toEqual({
        title: 'SPEC-0002 NAT gateway per zone',
        text: expect.any(String),
        location: expect.stringMatching(
          /^\/catalog\/default\/spec\/spec-0002-[a-z0-9-]+$/,
        ),
        id: 'SPEC-0002',
        status: 'in-review',
        format: 'infrastructure-change',
        blastRadius: 'high',
        component: 'component:default/network-vpc',
        owner: 'group:default/platform-team',
        monthlyCostDelta: 98.55,
        currency: 'USD',
        authorization: {
          resourceRef: expect.stringMatching(/^spec:default\/spec-0002-/),
        },
      });
      expect(nat.authorization!.resourceRef).toBe(
        `spec:default/${nat.location.split('/').pop()}`,
      );
      // summary first, then the body: words that only the body has are searchable
      expect(
        nat.text.startsWith(
          'One NAT gateway in every availability zone of the production VPC.',
        ),
      ).toBe(true);
      expect(nat.text).toContain(
        'Watch the conntrack table of each gateway while the route tables switch.',
      );
      expect(nat.text).not.toContain('**');

      expect(docs.find(d => d.id === 'SPEC-0001')).toMatchObject({
        status: 'implemented',
        monthlyCostDelta: -65.7,
        blastRadius: 'medium',
      });
      const cache = docs.find(d => d.id === 'FEAT-003')!;
      expect(cache).toMatchObject({
        title: 'FEAT-003 Idempotency key cache',
        status: 'draft',
        format: 'infrastructure-feature',
        component: 'component:default/payments-api',
        owner: 'group:default/payments-team',
        monthlyCostDelta: 410,
      });
      expect(cache.text).toContain('Valkey cluster with one shard per zone');
      expect(docs.some(d => d.text.includes('Not a spec'))).toBe(false);
    });

    it('skips a spec that vanished between the list and its detail', async () => {
      class RacingClient extends InfraSpecsClient {
        override async getSpec(name: string) {
          return name.startsWith('spec-0001-')
            ? undefined
            : super.getSpec(name);
        }
      }
      const racing = new RacingClient({
        discovery: captured.discovery!,
        auth: captured.auth!,
      });
      const { documents, error } = await collate({ client: racing });
      expect(error).toBeUndefined();
      expect(documents.map(d => (d as InfraSpecSearchDocument).id)).toEqual([
        'FEAT-003',
        'SPEC-0002',
      ]);
    });
  });

  it('fails the run (keeping the previous index) when the infra-specs backend does not answer', async () => {
    // No infra-specs plugin: GET /api/infra-specs/specs is a 404 of the test server.
    await startTestBackend({ features: [searchStandIn] });
    const { documents, error } = await collate();
    expect(documents).toEqual([]);
    expect(String(error)).toMatch(/404|Not Found/i);
  });
});
