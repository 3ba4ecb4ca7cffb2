import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InfraSpecsProvider } from './provider/InfraSpecsProvider';

export const catalogModuleInfraSpecs = createBackendModule({
  moduleId: 'infra-specs-provider',
  pluginId: 'catalog',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, scheduler, config, processing }) {
        processing.addEntityProvider(
          InfraSpecsProvider.fromConfig(config, {
            logger,
            scheduler,
          }),
        );
      }
    });
  },
})
