import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { InfraSpecsCollatorFactory } from './collator/InfraSpecsCollatorFactory';
import { readInfraSpecsCollatorConfig } from './config';

/**
 * Indexes infra-specs for search (document type `infra-spec`) on the schedule of
 * `search.collators.infraSpecs.schedule`.
 *
 * @public
 */
export const searchModuleInfraSpecsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'infra-specs-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        discovery,
        auth,
        scheduler,
        indexRegistry,
      }) {
        const { schedule } = readInfraSpecsCollatorConfig(config);
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: InfraSpecsCollatorFactory.fromOptions({
            discovery,
            auth,
            logger,
          }),
        });
      },
    });
  },
});
