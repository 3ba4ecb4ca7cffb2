import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  infraSpecsPermissions,
  type SpecFormatDefinition,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  INFRA_SPECS_CHANGED_TOPIC,
  infraSpecsFormatsExtensionPoint,
  type InfraSpecsChangedEvent,
} from '@infra-specs/backstage-plugin-infra-specs-node';
import { readInfraSpecsConfig } from './config';
import { DatabaseSpecStore } from './database/DatabaseSpecStore';
import { applyDatabaseMigrations } from './database/migrations';
import {
  infraSpecResourceRef,
  infraSpecsPermissionRules,
} from './permissions/rules';
import { SpecAccess } from './permissions/SpecAccess';
import { loadSpecResources } from './permissions/specResources';
import { createSpecParser } from './refresh/createSpecParser';
import { PUSH_TOPICS } from './refresh/pushEvents';
import {
  PULL_REQUESTS_TASK_ID,
  PullRequestIndexer,
} from './refresh/PullRequestIndexer';
import { SpecRefresher } from './refresh/SpecRefresher';
import { RETENTION_TASK_ID, SpecRetention } from './refresh/SpecRetention';
import { createRouter } from './service/router';
import { registerSpecActions } from './actions';
import { REFRESH_TASK_ID, SpecService } from './service/SpecService';

/**
 * The infra-specs backend plugin: indexes the spec folders of annotated catalog
 * components into its database and serves them at `/api/infra-specs`.
 *
 * @public
 */
export const infraSpecsPlugin = createBackendPlugin({
  pluginId: 'infra-specs',
  register(env) {
    const addedFormats: SpecFormatDefinition[] = [];
    const addedFormatModules: string[] = [];
    let started = false;
    const notStarted = () => {
      if (started) {
        throw new Error(
          'infra-specs formats must be added before the plugin starts',
        );
      }
    };
    env.registerExtensionPoint(infraSpecsFormatsExtensionPoint, {
      addFormat(...formats) {
        notStarted();
        addedFormats.push(...formats);
      },
      addFormatModule(...modulePaths) {
        notStarted();
        addedFormatModules.push(...modulePaths);
      },
    });

    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        started = true;
        const config = readInfraSpecsConfig(deps.rootConfig);

        const knex = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }
        const store = DatabaseSpecStore.create(knex, {
          maxIdJump: config.ids.maxJump,
        });
        const parser = createSpecParser({
          formats: addedFormats,
          formatModules: addedFormatModules,
          ...config.parsing,
          costDrift: config.evidence.costDrift,
        });
        if (config.parsing.workers > 0 && parser.workers === 0) {
          deps.logger.info(
            `Parsing specs on the main thread: formats ${addedFormats
              .map(f => f.name)
              .join(
                ', ',
              )} were added with addFormat; add them with addFormatModule to parse in worker threads`,
          );
        }
        deps.lifecycle.addShutdownHook(() => parser.close());

        deps.permissionsRegistry.addResourceType({
          resourceRef: infraSpecResourceRef,
          permissions: infraSpecsPermissions,
          rules: Object.values(infraSpecsPermissionRules),
          // Spec names (or spec:default/<name>), and component refs for the specs of a component.
          getResources: refs => loadSpecResources(refs, { store, ...deps }),
        });

        const refresher = new SpecRefresher({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          urlReader: deps.urlReader,
          integrations: ScmIntegrations.fromConfig(deps.rootConfig),
          parser,
          config,
          logger: deps.logger,
          onSpecsChanged: async componentRefs => {
            const eventPayload: InfraSpecsChangedEvent = { componentRefs };
            await deps.events.publish({
              topic: INFRA_SPECS_CHANGED_TOPIC,
              eventPayload,
            });
          },
        });
        const pullRequests = new PullRequestIndexer({
          store,
          urlReader: deps.urlReader,
          integrations: ScmIntegrations.fromConfig(deps.rootConfig),
          parser,
          config,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: REFRESH_TASK_ID,
          ...config.refresh.schedule,
          fn: async signal => {
            await refresher.refreshAll({ signal });
          },
        });
        // Open pull requests, for pull_request events that never arrived: on a slower schedule
        // of its own, so a no-change refresh stays one request per repository.
        await deps.scheduler.scheduleTask({
          id: PULL_REQUESTS_TASK_ID,
          ...config.pullRequests.schedule,
          fn: async () => {
            await pullRequests.reconcile();
          },
        });
        // Pushes (the GitHub and GitLab events modules publish webhooks as `github.push` and
        // `gitlab.push`) refresh the locations they touch at once; the schedule above stays as
        // the slow fallback.
        await deps.events.subscribe({
          id: 'infra-specs-push',
          topics: Object.keys(PUSH_TOPICS),
          onEvent: async params => {
            await refresher.refreshPushed(
              PUSH_TOPICS[params.topic]?.(params.eventPayload),
            );
          },
        });
        // Specs in review: opened, pushed to, edited, reopened and closed pull requests.
        await deps.events.subscribe({
          id: 'infra-specs-pull-request',
          topics: ['github.pull_request'],
          onEvent: async params => {
            await pullRequests.onEvent(params.eventPayload);
          },
        });
        const retention = new SpecRetention({
          store,
          config,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: RETENTION_TASK_ID,
          ...config.retention.schedule,
          fn: async () => {
            await retention.run();
          },
        });

        const service = new SpecService({
          store,
          access: new SpecAccess(deps),
          refresher,
          scheduler: deps.scheduler,
          parser,
          refreshRateLimit: config.refresh.manual.rateLimit,
          lintMaxBytes: config.lint.maxBytes,
        });
        // MCP tools and automation: the REST API's reads and next-id, with the same permissions.
        registerSpecActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          staleReviewMs: config.review.staleAfterMs,
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            service,
            lintMaxBytes: config.lint.maxBytes,
          }),
        );
        if (config.local.allowedRoots.length) {
          deps.logger.info(
            `Local spec folders are read from ${config.local.allowedRoots.join(
              ', ',
            )}`,
          );
        }
      },
    });
  },
});
