import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  INFRA_SPECS_CHANGED_TOPIC,
  InfraSpecsClient,
} from '@infra-specs/backstage-plugin-infra-specs-node';
import { SpecEntityProcessor } from './processor/SpecEntityProcessor';
import { InfraSpecsEntityProvider } from './provider/InfraSpecsEntityProvider';
import { readProviderConfig } from './provider/readProviderConfig';

/**
 * Catalog module of infra-specs: the `Spec` kind (processor) and its entities (provider), which
 * syncs on its schedule and at once when the infra-specs backend says specs changed.
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
        events: eventsServiceRef,
      },
      async init({ config, logger, scheduler, discovery, auth, processing, events }) {
        const provider = InfraSpecsEntityProvider.create({
          reader: new InfraSpecsClient({ discovery, auth }),
          logger,
          scheduler,
          config: readProviderConfig(config),
        });
        processing.addProcessor(new SpecEntityProcessor());
        processing.addEntityProvider(provider);
        await events.subscribe({
          id: 'infra-specs-changed',
          topics: [INFRA_SPECS_CHANGED_TOPIC],
          onEvent: async () => {
            await provider.applyChanges();
          },
        });
      },
    });
  },
});
