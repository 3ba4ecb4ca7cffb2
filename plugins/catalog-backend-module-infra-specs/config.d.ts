import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The infra-specs entity provider: publishes one Spec entity per indexed spec.
       */
      infraSpecs?: {
        /**
         * How often the provider reads the infra-specs change feed.
         * Default: every 30 seconds, with a timeout of 3 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Every this many runs, the provider lists every spec and applies a full mutation
         * instead of a delta, which heals any drift. Default: 20.
         */
        fullSyncEvery?: number;
      };
    };
  };
}
