/*
 * The module in a backend with the real infra-specs plugin (specs in a loopback-forge repository)
 * and the real notifications backend, which stores what owners read. Recipients are resolved by
 * a test resolver: every Spec entity goes to its owner team's one member, Jane.
 */
import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
// The real backend plugin is the point of this test; it is only a devDependency.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import infraSpecsPlugin from '@infra-specs/backstage-plugin-infra-specs-backend';
import {
  createTestDatabases,
  waitFor,
} from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import { startForge, type Forge } from '@internal/forge';
import infraSpecsModuleNotifications from './index';
import { NOTIFICATIONS_TASK_ID } from './module';

jest.setTimeout(120_000);

const JANE = 'user:default/jane';
const COMPONENT = 'component:default/payments-api';

function spec(id: string, title: string, status: string, author = 'Jane Doe') {
  return [
    `# Spec: ${title}`,
    '',
    `**Spec ID**: ${id}`,
    `**Status**: ${status}`,
    `**Author**: ${author}`,
    '**Created**: 2026-11-02',
    '',
    '## Summary',
    '',
    `${title}.`,
    '',
  ].join('\n');
}

const { databases, ids } = createTestDatabases();

describe.each(ids)('notifications module on %s', databaseId => {
  let forge: Forge;
  beforeEach(async () => {
    forge = await startForge();
  });
  afterEach(() => forge.close());

  async function start(notifications: object = {}, review: object = {}) {
    const repo = forge.addRepository('acme/payments', {
      files: {
        'specs/SPEC-0001.md': spec('SPEC-0001', 'Upgrade EKS', 'Draft'),
        'specs/SPEC-0002.md': spec('SPEC-0002', 'NAT per AZ', 'In Review'),
      },
    });
    const resolvedFor: string[] = [];
    const resolver = createBackendModule({
      pluginId: 'notifications',
      moduleId: 'test-recipients',
      register(reg) {
        reg.registerInit({
          deps: { processing: notificationsProcessingExtensionPoint },
          async init({ processing }) {
            processing.setNotificationRecipientResolver({
              async resolveNotificationRecipients({ entityRefs }) {
                resolvedFor.push(...entityRefs);
                return {
                  userEntityRefs: entityRefs.some(r => r.startsWith('spec:'))
                    ? [JANE]
                    : [],
                };
              },
            });
          },
        });
      },
    });
    // The mock scheduler runs a task when the test triggers it (and awaits the run).
    let scheduler: SchedulerService | undefined;
    const schedulerOfInfraSpecs = createBackendModule({
      pluginId: 'infra-specs',
      moduleId: 'test-scheduler',
      register(reg) {
        reg.registerInit({
          deps: { plugin: coreServices.scheduler },
          async init({ plugin }) {
            scheduler = plugin;
          },
        });
      },
    });
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        infraSpecsPlugin,
        infraSpecsModuleNotifications,
        notificationsPlugin,
        resolver,
        schedulerOfInfraSpecs,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'payments-api',
                annotations: {
                  'backstage.io/managed-by-location': `url:${forge.url(
                    'acme/payments',
                    'catalog-info.yaml',
                    { kind: 'blob' },
                  )}`,
                  'infra-specs.dev/spec-location': './specs',
                },
              },
              spec: { type: 'service', owner: 'group:default/payments' },
            },
          ],
        }),
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            integrations: { github: [forge.integration] },
            infraSpecs: { notifications, review },
          },
        }),
      ],
    });
    const base = `http://localhost:${backend.server.port()}/api`;
    const refresh = async () => {
      const res = await fetch(`${base}/infra-specs/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRef: COMPONENT }),
      });
      expect(res.status).toBe(200);
    };
    /** What Jane reads in her notifications, newest first. */
    const inbox = async (): Promise<
      Array<{ payload: { title: string; topic: string; link: string } }>
    > => {
      const res = await fetch(`${base}/notifications/notifications`, {
        headers: { Authorization: mockCredentials.user.header(JANE) },
      });
      expect(res.status).toBe(200);
      return (await res.json()).notifications;
    };
    const titles = async () => (await inbox()).map(n => n.payload.title).sort();
    return {
      repo,
      refresh,
      inbox,
      titles,
      resolvedFor,
      reconcile: () => scheduler!.triggerTask(NOTIFICATIONS_TASK_ID),
      stop: () => backend.stop(),
    };
  }

  it('notifies each status change and new error once, to the spec entity, and nothing for a refresh that changed nothing', async () => {
    const t = await start({ staleReview: { enabled: false } });
    // The first sighting is quiet: the specs were not changed, the module is new.
    await t.refresh();
    await t.reconcile();
    expect(await t.inbox()).toEqual([]);

    t.repo.write({
      'specs/SPEC-0001.md': spec('SPEC-0001', 'Upgrade EKS', 'In Review'),
    });
    await t.refresh();
    const first = await waitFor(
      async () => {
        const items = await t.inbox();
        return items.length > 0 ? items : undefined;
      },
      { what: 'the status change notification' },
    );
    expect(first.map(n => n.payload)).toEqual([
      expect.objectContaining({
        title: 'SPEC-0001 Upgrade EKS: Draft → In review',
        topic: 'infra-specs.status-changed',
        link: expect.stringMatching(/\/catalog\/default\/spec\/spec-0001/),
      }),
    ]);
    expect(
      t.resolvedFor.every(r => r.startsWith('spec:default/spec-0001')),
    ).toBe(true);

    // Nothing changed: a refresh, the scheduled comparison, and the same event twice add nothing.
    await t.refresh();
    await t.reconcile();
    await t.reconcile();
    expect(await t.titles()).toEqual([
      'SPEC-0001 Upgrade EKS: Draft → In review',
    ]);

    // Approved with a placeholder left in: its status change and its new error, once each.
    t.repo.write({
      'specs/SPEC-0002.md': spec(
        'SPEC-0002',
        'NAT per AZ',
        'Approved',
        '[Name]',
      ),
    });
    await t.refresh();
    await t.reconcile();
    await waitFor(
      async () => ((await t.inbox()).length === 3 ? true : undefined),
      {
        what: 'three notifications',
      },
    );
    expect(await t.titles()).toEqual([
      'SPEC-0001 Upgrade EKS: Draft → In review',
      'SPEC-0002 NAT per AZ: 1 new error',
      'SPEC-0002 NAT per AZ: In review → Approved',
    ]);
    const errors = (await t.inbox()).find(
      n => n.payload.topic === 'infra-specs.new-errors',
    );
    expect((errors?.payload as any).description).toMatch(/placeholder/);

    // A new spec in a component already seen is news too.
    t.repo.write({
      'specs/SPEC-0003.md': spec('SPEC-0003', 'Flow logs', 'Draft'),
    });
    await t.refresh();
    await waitFor(
      async () =>
        (await t.titles()).includes('New spec SPEC-0003 Flow logs (Draft)')
          ? true
          : undefined,
      { what: 'the new spec notification' },
    );
    expect(await t.inbox()).toHaveLength(4);
    await t.stop();
  });

  it('reminds of a review past infraSpecs.review.staleAfter once per period', async () => {
    const t = await start(
      { staleReview: { repeatEvery: { days: 7 } } },
      { staleAfter: { milliseconds: 200 } },
    );
    await t.refresh();
    await new Promise(r => setTimeout(r, 400));
    await t.reconcile();
    await t.reconcile();
    await t.refresh();
    expect(await t.titles()).toEqual([
      'SPEC-0002 NAT per AZ is waiting for review',
    ]);
    await t.stop();
  });

  it('sends nothing of a kind turned off in config', async () => {
    const t = await start({
      statusChange: { enabled: false },
      newErrors: { enabled: false },
      staleReview: { enabled: false },
    });
    await t.refresh();
    t.repo.write({
      'specs/SPEC-0002.md': spec(
        'SPEC-0002',
        'NAT per AZ',
        'Approved',
        '[Name]',
      ),
    });
    await t.refresh();
    await t.reconcile();
    expect(await t.inbox()).toEqual([]);
    await t.stop();
  });
});
