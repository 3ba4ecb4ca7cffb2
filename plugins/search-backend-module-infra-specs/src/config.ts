import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Config of the collator, read once at start. */
export interface InfraSpecsCollatorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const CONFIG_KEY = 'search.collators.infraSpecs';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 5 },
};

/** Reads `search.collators.infraSpecs`; a malformed schedule stops the backend naming the key. */
export function readInfraSpecsCollatorConfig(
  config: Config,
): InfraSpecsCollatorConfig {
  const scheduleConfig = config.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  if (!scheduleConfig) {
    return { schedule: DEFAULT_SCHEDULE };
  }
  try {
    return {
      schedule:
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig),
    };
  } catch (error) {
    throw new Error(
      `Invalid config at '${CONFIG_KEY}.schedule': ${(error as Error).message}`,
    );
  }
}
