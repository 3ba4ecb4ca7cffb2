import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  INFRA_SPECS_CHANGED_TOPIC,
  InfraSpecsClient,
  type InfraSpecsChangedEvent,
} from '@infra-specs/backstage-plugin-infra-specs-node';
import { readSpecNotificationsConfig } from './config';
import { NotificationStateStore } from './NotificationStateStore';
import { SpecNotifier } from './SpecNotifier';

export const NOTIFICATIONS_TASK_ID = 'infra-specs-notifications';

/**
 * Notifies a spec's owners, through the spec's catalog entity: status changes (on the
 * `infra-specs.specs-changed` event of the refresh that saw them), new error diagnostics, and
 * reviews that take longer than `infraSpecs.review.staleAfter` (on its schedule, which also
 * catches up on missed events). Reads specs through the infra-specs REST API.
 *
 * @public
 */
export const infraSpecsModuleNotifications = createBackendModule({
  pluginId: 'infra-specs',
  moduleId: 'notifications',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readSpecNotificationsConfig(deps.config);
        const store = await NotificationStateStore.create(
          await deps.database.getClient(),
          { skipMigrations: deps.database.migrations?.skip },
        );
        const client = new InfraSpecsClient(deps);
        const notifier = new SpecNotifier({
          store,
          notifications: deps.notifications,
          config,
          logger: deps.logger,
        });

        await deps.events.subscribe({
          id: 'infra-specs-notifications',
          topics: [INFRA_SPECS_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) => {
            const { componentRefs } = eventPayload as InfraSpecsChangedEvent;
            for (const ref of componentRefs ?? []) {
              const { items } = await client.getEntitySpecs(ref);
              await notifier.observe(ref, items);
            }
          },
        });

        await deps.scheduler.scheduleTask({
          id: NOTIFICATIONS_TASK_ID,
          ...config.schedule,
          fn: async () => {
            const byComponent = new Map<string, SpecRecord[]>();
            for await (const record of client.streamSpecs()) {
              const list = byComponent.get(record.componentRef) ?? [];
              list.push(record);
              byComponent.set(record.componentRef, list);
            }
            // Components whose specs are all gone: their state is forgotten.
            for (const ref of await store.primedComponents()) {
              if (!byComponent.has(ref)) byComponent.set(ref, []);
            }
            for (const [ref, records] of byComponent) {
              await notifier.observe(ref, records);
            }
          },
        });
      },
    });
  },
});
