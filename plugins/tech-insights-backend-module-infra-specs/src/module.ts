import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { FACT_RETRIEVER_KEY, readInfraSpecsFactsConfig } from './config';
import { createInfraSpecsFactRetriever } from './retriever/infraSpecsFactRetriever';

/**
 * Publishes the `infra-specs-facts` fact retriever to Tech Insights, scheduled and retained by
 * `techInsights.factRetrievers.infraSpecsFacts`.
 *
 * @public
 */
export const techInsightsModuleInfraSpecs = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'infra-specs',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        factRetrievers: techInsightsFactRetrieversExtensionPoint,
      },
      async init({ config, catalog, factRetrievers }) {
        const { staleReviewMs } = readInfraSpecsFactsConfig(config);
        factRetrievers.addFactRetrievers({
          [FACT_RETRIEVER_KEY]: createInfraSpecsFactRetriever({
            catalog,
            staleReviewMs,
          }),
        });
      },
    });
  },
});
