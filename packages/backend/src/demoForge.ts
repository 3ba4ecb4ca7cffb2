/*
 * The demo's loopback GitHub (packages/forge) beside the portal: started with the backend when
 * `demoForge` is configured (app-config.yaml; app-config.production.yaml removes it), stopped
 * with it. One demo component's repository lives there, so the Create wizard opens real pull
 * requests in development without a GitHub token.
 */
import { resolve } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startDemoForge } from '@internal/forge';

export default createBackendPlugin({
  pluginId: 'demo-forge',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const demo = config.getOptionalConfig('demoForge');
        if (!demo) return;
        const webhooks = demo.getOptionalConfig('webhooks');
        const forge = await startDemoForge({
          port: demo.getNumber('port'),
          repositories: demo.getConfigArray('repositories').map(r => ({
            name: r.getString('name'),
            // relative to the backend process, like the catalog's file locations
            folder: resolve(r.getString('folder')),
          })),
          webhooks: webhooks && {
            url: webhooks.getString('url'),
            secret: webhooks.getOptionalString('secret'),
          },
        });
        logger.info(
          `Demo forge (a loopback GitHub) at http://${forge.host}, webhooks ${
            webhooks ? `to ${webhooks.getString('url')}` : 'off'
          }`,
        );
        lifecycle.addShutdownHook(() => forge.close());
      },
    });
  },
});
