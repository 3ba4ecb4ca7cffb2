import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The infra-specs collator (search document type `infra-spec`).
       */
      infraSpecs?: {
        /**
         * When the specs are indexed again. Default: every 10 minutes, timeout 15 minutes,
         * first run 5 seconds after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
