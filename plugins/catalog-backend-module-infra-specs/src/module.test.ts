/*
 * The whole path of a spec into the catalog, on real plugins: the catalog backend, the
 * infra-specs backend and this module in one test backend. The Git host is the loopback forge
 * (one repository per demo component of examples/components), read through Backstage's own
 * GitHub reader.
 */
import { join, resolve } from 'node:path';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { AlphaEntity as Entity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { DefaultEventsService, eventsServiceRef } from '@backstage/plugin-events-node';
// The real backend plugin is the point of this test; it is only a devDependency.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import infraSpecsPlugin from '@infra-specs/backstage-plugin-infra-specs-backend';
import { createTestDatabases, waitFor } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import catalogModuleInfraSpecs from './index';
import { InfraSpecsEntityProvider } from './provider/InfraSpecsEntityProvider';

jest.setTimeout(120_000);

const EXAMPLES = resolve(__dirname, '../../../examples/components');
const COMPONENTS: Record<string, string> = {
  'network-vpc': 'group:default/platform-team',
  'eks-cluster': 'group:default/platform-team',
  'payments-api': 'group:default/payments-team',
  'observability-stack': 'group:default/platform-team',
};
let forge: Forge;

/**
 * The demo components, as a catalog provider would publish them (url: locations); also hands
 * out the (mock, shared) scheduler so the test can run tasks when it wants.
 */
const captured: { scheduler?: SchedulerService; components?: EntityProviderConnection } = {};
const componentsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-components',
  register(reg) {
    reg.registerInit({
      deps: { processing: catalogProcessingExtensionPoint, scheduler: coreServices.scheduler },
      async init({ processing, scheduler }) {
        captured.scheduler = scheduler;
        processing.addEntityProvider({
          getProviderName: () => 'test-components',
          connect: async connection => {
            captured.components = connection;
            await connection.applyMutation({
              type: 'full',
              entities: Object.entries(COMPONENTS).map(([name, owner]) => {
                const catalogInfo = `url:${forge.url(`example-org/${name}`, 'catalog-info.yaml', { kind: 'blob' })}`;
                return {
                  entity: {
                    apiVersion: 'backstage.io/v1alpha1',
                    kind: 'Component',
                    metadata: {
                      name,
                      annotations: {
                        'backstage.io/managed-by-location': catalogInfo,
                        'backstage.io/managed-by-origin-location': catalogInfo,
                        'infra-specs.dev/spec-location': './docs/specs',
                      },
                    },
                    spec: { type: 'infrastructure', lifecycle: 'production', owner },
                  },
                  locationKey: 'test-components',
                };
              }),
            });
          },
        });
      },
    });
  },
});

const { databases, ids } = createTestDatabases();

describe.each(ids)('catalog module with the real catalog and infra-specs backends on %s', databaseId => {
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  it('publishes Spec entities and keeps them in sync with the spec folders', async () => {
    // One database for both plugins: their tables and migration tables do not overlap.
    const knex = await databases.init(databaseId);
    for (const component of Object.keys(COMPONENTS)) {
      forge.addRepository(`example-org/${component}`, { folder: join(EXAMPLES, component) });
    }
    // One events service for all plugins, as in a backend (the test default is one per plugin).
    const events = DefaultEventsService.create({ logger: mockServices.logger.mock() });
    const backend = await startTestBackend({
      features: [
        createServiceFactory({
          service: eventsServiceRef,
          deps: { pluginMetadata: coreServices.pluginMetadata },
          factory: ({ pluginMetadata }) => events.forPlugin(pluginMetadata.getId()),
        }),
        catalogPlugin,
        catalogModuleInfraSpecs,
        infraSpecsPlugin,
        componentsModule,
        mockServices.database.factory({ knex }),
        // Tasks run only when the test triggers them (the mock's triggerTask awaits the run).
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: { processingInterval: { seconds: 1 } },
            integrations: { github: [forge.integration] },
          },
        }),
      ],
    });
    const base = `http://localhost:${backend.server.port()}/api`;
    const getJson = async <T,>(path: string): Promise<T> => {
      const res = await fetch(`${base}${path}`);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const querySpecs = async (filter = 'kind=spec') =>
      (await getJson<{ items: Entity[] }>(`/catalog/entities/by-query?filter=${filter}&limit=100`)).items;
    const specById = async (id: string) =>
      (await querySpecs()).find(e => e.metadata.annotations?.['infra-specs.dev/spec-id'] === id);
    const indexComponent = async (name: string) => {
      const res = await fetch(`${base}/infra-specs/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRef: `component:default/${name}` }),
      });
      expect(res.status).toBe(200);
    };
    const runProvider = () => captured.scheduler!.triggerTask(InfraSpecsEntityProvider.taskId);
    // The provider runs on a schedule; here it runs on every poll (the catalog processes and
    // stitches applied entities on its own loop, so one run may not show yet).
    const syncUntil = <T,>(probe: () => Promise<T | undefined>, what: string) =>
      waitFor(
        async () => {
          await runProvider();
          return probe();
        },
        { what, intervalMs: 250 },
      );

    // The infra-specs backend finds the components through the catalog, then reads their folders.
    await waitFor(
      async () => {
        const { items } = await getJson<{ items: Entity[] }>('/catalog/entities/by-query?filter=kind=component');
        return items.length === 4 ? items : undefined;
      },
      { what: 'the demo components in the catalog' },
    );
    for (const name of Object.keys(COMPONENTS)) {
      await indexComponent(name);
    }
    await runProvider();

    // Every demo spec appears, with its relations stitched.
    const specs = await waitFor(
      async () => {
        const items = await querySpecs();
        const linked = items.filter(e => e.relations?.some(r => r.type === 'specOf'));
        return linked.length === 12 ? items : undefined;
      },
      { what: '12 linked Spec entities' },
    );
    const aurora = specs.find(e => e.metadata.annotations?.['infra-specs.dev/spec-id'] === 'SPEC-0120')!;
    expect(aurora.spec).toMatchObject({
      type: 'infrastructure-change',
      status: 'approved',
      component: 'component:default/payments-api',
      owner: 'group:default/payments-team',
    });
    expect(aurora.relations).toEqual(
      expect.arrayContaining([
        { type: 'specOf', targetRef: 'component:default/payments-api' },
        { type: 'ownedBy', targetRef: 'group:default/payments-team' },
      ]),
    );
    expect(aurora.metadata.annotations?.['backstage.io/managed-by-location']).toMatch(
      new RegExp(
        `^url:http://${forge.host.replace(/\./g, '\\.')}/example-org/payments-api/.*SPEC-0120-aurora-postgresql-16-upgrade/spec\\.md$`,
      ),
    );
    const auroraRef = `spec:default/${aurora.metadata.name}`;
    await waitFor(
      async () => {
        const component = await getJson<Entity>('/catalog/entities/by-name/component/default/payments-api');
        const hasSpec = component.relations?.filter(r => r.type === 'hasSpec').map(r => r.targetRef) ?? [];
        return hasSpec.length === 3 && hasSpec.includes(auroraRef) ? hasSpec : undefined;
      },
      { what: 'hasSpec relations on payments-api' },
    );

    // The catalog filter on status.
    const approvedIds = async () =>
      (await querySpecs('kind=spec,spec.status=approved'))
        .map(e => e.metadata.annotations?.['infra-specs.dev/spec-id'])
        .sort();
    expect(await approvedIds()).toEqual(['FEAT-021', 'SPEC-0102', 'SPEC-0110', 'SPEC-0120']);

    // Claims checked against the evidence: FEAT-014 claims +$410/mo, its Infracost estimate says more.
    const driftingIds = async () =>
      (await querySpecs('kind=spec,spec.costDrift=over')).map(e => e.metadata.annotations?.['infra-specs.dev/spec-id']);
    expect(await driftingIds()).toEqual(['FEAT-014']);
    expect((await specById('FEAT-014'))?.spec).toMatchObject({ costEstimate: 610.46, costDrift: 'over' });
    expect((await specById('SPEC-0102'))?.spec).toMatchObject({ costEstimate: 43.51, costDrift: 'ok' });
    // A new estimate alone (the spec is untouched) makes the drift go.
    const paymentsRepo = forge.repository('example-org/payments-api');
    const estimateFile = 'docs/specs/FEAT-014-idempotency-key-store.infracost.json';
    const estimate = JSON.parse(paymentsRepo.files()[estimateFile].toString());
    paymentsRepo.write({ [estimateFile]: JSON.stringify({ ...estimate, diffTotalMonthlyCost: '425.1' }) });
    await indexComponent('payments-api');
    await syncUntil(
      async () => ((await specById('FEAT-014'))?.spec?.costDrift === 'ok' ? true : undefined),
      'FEAT-014 no longer drifting in the catalog',
    );
    expect(await driftingIds()).toEqual([]);

    // Error diagnostics are processing errors of that entity, and only of that one.
    expect(aurora.status?.items).toEqual([
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(/^incomplete-approved-spec.*open clarification/),
        }),
      }),
    ]);
    expect(specs.filter(e => e.status?.items?.length).map(e => e.metadata.name)).toEqual([
      aurora.metadata.name,
    ]);
    // spec.errors, which carried them, stays filterable.
    expect(
      (await querySpecs('kind=spec,spec.errors.code=incomplete-approved-spec')).map(e => e.metadata.name),
    ).toEqual([aurora.metadata.name]);

    // A status change reaches the catalog after one backend refresh and one provider run.
    const vpcRepo = forge.repository('example-org/network-vpc');
    const natFile = 'docs/specs/SPEC-0101-nat-gateway-per-az.md';
    vpcRepo.write({
      [natFile]: vpcRepo.files()[natFile].toString().replace('**Status**: In Review', '**Status**: Approved'),
    });
    await indexComponent('network-vpc');
    const nat = await syncUntil(async () => {
      const entity = await specById('SPEC-0101');
      return entity?.spec?.status === 'approved' && entity.status?.items?.length ? entity : undefined;
    }, 'SPEC-0101 approved in the catalog');
    // Approved with its clarification still open: now it shows an error too.
    expect(nat.status?.items?.[0]).toMatchObject({
      level: 'error',
      error: { message: expect.stringMatching(/^incomplete-approved-spec.*open clarification/) },
    });
    expect(await approvedIds()).toEqual(['FEAT-021', 'SPEC-0101', 'SPEC-0102', 'SPEC-0110', 'SPEC-0120']);

    // A deleted file's entity disappears.
    const flowLogs = (await specById('SPEC-0102'))!;
    vpcRepo.remove(['docs/specs/SPEC-0102-vpc-flow-logs/spec.md']);
    await indexComponent('network-vpc');
    await syncUntil(async () => {
      const res = await fetch(`${base}/catalog/entities/by-name/spec/default/${flowLogs.metadata.name}`);
      return res.status === 404 ? true : undefined;
    }, 'the entity of the deleted spec to disappear');
    expect(await approvedIds()).toEqual(['FEAT-021', 'SPEC-0101', 'SPEC-0110', 'SPEC-0120']);
    expect(await querySpecs()).toHaveLength(11);

    // A push reaches the catalog by itself: the forge's webhook goes out as `github.push` (as the
    // GitHub events module publishes it), the backend refreshes the pushed folder and announces
    // the change, and the module applies it at once. No provider run, no manual refresh.
    const stopWebhooks = forge.onWebhook(webhook => {
      void events.publish({ topic: `github.${webhook.name}`, eventPayload: webhook.payload });
    });
    const providerRuns = jest.spyOn(captured.scheduler!, 'triggerTask');
    vpcRepo.write({
      [natFile]: vpcRepo.files()[natFile].toString().replace('**Status**: Approved', '**Status**: Implemented'),
    });
    await waitFor(
      async () => ((await specById('SPEC-0101'))?.spec?.status === 'implemented' ? true : undefined),
      { what: 'the pushed SPEC-0101 implemented in the catalog', intervalMs: 100 },
    );
    expect(providerRuns).not.toHaveBeenCalled();
    providerRuns.mockRestore();
    stopWebhooks();
    expect(await approvedIds()).toEqual(['FEAT-021', 'SPEC-0110', 'SPEC-0120']);

    // A component that leaves the catalog takes its specs along (after the backend's next
    // scheduled refresh, triggered here through the API).
    await captured.components!.applyMutation({
      type: 'delta',
      added: [],
      removed: [{ entityRef: 'component:default/observability-stack', locationKey: 'test-components' }],
    });
    await waitFor(
      async () => {
        const res = await fetch(`${base}/catalog/entities/by-name/component/default/observability-stack`);
        return res.status === 404 ? true : undefined;
      },
      { what: 'observability-stack to leave the catalog' },
    );
    const refreshAll = await fetch(`${base}/infra-specs/refresh`, { method: 'POST' });
    expect(refreshAll.status).toBe(202);
    await syncUntil(async () => {
      const left = await querySpecs('kind=spec,spec.component=component:default/observability-stack');
      return left.length === 0 ? true : undefined;
    }, 'the specs of observability-stack to disappear');
    expect(await querySpecs()).toHaveLength(9);

    await backend.stop();
  });
});
