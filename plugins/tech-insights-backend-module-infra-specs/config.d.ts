import type { HumanDuration } from '@backstage/types';

export interface Config {
  techInsights?: {
    factRetrievers?: {
      /**
       * The infra-specs fact retriever (`infra-specs-facts`). Required when the module is
       * installed: the Tech Insights backend schedules a retriever only when it has this block.
       */
      infraSpecsFacts?: {
        /** Cron expression of the runs, e.g. '0 * * * *' (every hour). */
        cadence: string;
        /** How much history is kept per component: { maxItems: 10 } or { timeToLive: { weeks: 2 } }. */
        lifecycle:
          | { maxItems: number }
          | { timeToLive: HumanDuration | string };
        /** How long one run may take (Tech Insights' default: 5 minutes). */
        timeout?: HumanDuration | string;
        /** Delay of the first run after start (Tech Insights' default: 5 seconds). */
        initialDelay?: HumanDuration | string;
      };
    };
  };
}
