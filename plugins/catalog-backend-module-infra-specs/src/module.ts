import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import { SpecEntityProcessor } from './processor/SpecEntityProcessor';
import { InfraSpecsEntityProvider } from './provider/InfraSpecsEntityProvider';
import { readProviderConfig } from './provider/readProviderConfig';

/**
 * Catalog module of infra-specs: the `Spec` kind (processor) and its entities (provider).
 *
 * @public
 */
export const catalogModuleInfraSpecs = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'infra-specs',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, scheduler, discovery, auth, processing }) {
        processing.addProcessor(new SpecEntityProcessor());
        processing.addEntityProvider(
          InfraSpecsEntityProvider.create({
            reader: new InfraSpecsClient({ discovery, auth }),
            logger,
            scheduler,
            config: readProviderConfig(config),
          }),
        );
      },
    });
  },
});
