import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import { createInfraSpecsCreateAction } from './actions/create';
import { createInfraSpecsPublishLocalAction } from './actions/publishLocal';
import { createInfraSpecsValidateAction } from './actions/validate';

/**
 * Registers the infra-specs scaffolder actions: `infra-specs:create`,
 * `infra-specs:validate` and `infra-specs:publish-local`.
 *
 * @public
 */
export const scaffolderModuleInfraSpecs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'infra-specs',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, catalog, discovery, auth }) {
        const specs = new InfraSpecsClient({ discovery, auth });
        scaffolder.addActions(
          createInfraSpecsCreateAction({ specs }),
          createInfraSpecsValidateAction(),
          createInfraSpecsPublishLocalAction({ config, catalog, specs }),
        );
      },
    });
  },
});
