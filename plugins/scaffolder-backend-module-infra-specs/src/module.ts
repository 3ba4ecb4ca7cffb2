import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import { createInfraSpecsCreateAction } from './actions/create';
import { createInfraSpecsPublishLocalAction } from './actions/publishLocal';
import { createInfraSpecsValidateAction } from './actions/validate';
import { publishTargetFilter } from './filters/publishTarget';

/**
 * Registers the infra-specs scaffolder actions (`infra-specs:create`,
 * `infra-specs:validate`, `infra-specs:publish-local`) and the template filter
 * `infraSpecsPublishTarget`.
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
        templating: scaffolderTemplatingExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
      },
      async init({
        scaffolder,
        templating,
        config,
        catalog,
        discovery,
        auth,
        permissions,
      }) {
        const specs = new InfraSpecsClient({ discovery, auth });
        scaffolder.addActions(
          createInfraSpecsCreateAction({ specs, permissions }),
          createInfraSpecsValidateAction(),
          createInfraSpecsPublishLocalAction({
            config,
            catalog,
            specs,
            permissions,
          }),
        );
        templating.addTemplateFilters([publishTargetFilter]);
      },
    });
  },
});
