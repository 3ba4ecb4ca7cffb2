import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The config of the infra-specs entity provider, `catalog.providers.infraSpecs`. @public */
export interface InfraSpecsProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Every this many runs, a full mutation replaces the delta to heal any drift. */
  fullSyncEvery: number;
}

const CONFIG_KEY = 'catalog.providers.infraSpecs';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 3 },
};

/** At the default schedule: one full resync every 10 minutes. */
export const DEFAULT_FULL_SYNC_EVERY = 20;

/**
 * Reads `catalog.providers.infraSpecs`. Everything is optional: the provider runs with
 * defaults when the key is absent, because installing the module is the opt-in.
 */
export function readProviderConfig(rootConfig: Config): InfraSpecsProviderConfig {
  const config = rootConfig.getOptionalConfig(CONFIG_KEY);
  if (!config) {
    return { schedule: DEFAULT_SCHEDULE, fullSyncEvery: DEFAULT_FULL_SYNC_EVERY };
  }

  let schedule = DEFAULT_SCHEDULE;
  if (config.has('schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      );
    } catch (error) {
      throw new InputError(
        `Invalid ${CONFIG_KEY}.schedule: ${(error as Error).message}`,
      );
    }
  }

  const fullSyncEvery =
    config.getOptionalNumber('fullSyncEvery') ?? DEFAULT_FULL_SYNC_EVERY;
  if (!Number.isInteger(fullSyncEvery) || fullSyncEvery < 1) {
    throw new InputError(
      `Invalid ${CONFIG_KEY}.fullSyncEvery: expected a whole number of runs of at least 1, got ${fullSyncEvery}`,
    );
  }

  return { schedule, fullSyncEvery };
}
