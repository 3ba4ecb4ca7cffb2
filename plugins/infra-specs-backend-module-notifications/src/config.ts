import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ConfigReader,
  readDurationFromConfig,
  type Config,
} from '@backstage/config';
import {
  durationToMilliseconds,
  type HumanDuration,
  type JsonObject,
} from '@backstage/types';
import { readStaleReviewMs } from '@infra-specs/backstage-plugin-infra-specs-node';

/** The module's config, read once at start. */
export interface SpecNotificationsConfig {
  statusChange: boolean;
  staleReview: { enabled: boolean; afterMs: number; repeatEveryMs: number };
  newErrors: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const KEY = 'infraSpecs.notifications';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

function fail(key: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(`Invalid config at '${key}': ${message}`);
}

function readMs(config: Config, key: string, fallback: HumanDuration): number {
  try {
    return durationToMilliseconds(
      config.has(key) ? readDurationFromConfig(config, { key }) : fallback,
    );
  } catch (error) {
    return fail(key, error);
  }
}

function readEnabled(config: Config, key: string): boolean {
  const value = config.getOptional(key);
  if (value === undefined) return true;
  if (typeof value !== 'boolean')
    fail(key, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Reads `infraSpecs.notifications` (and `infraSpecs.review.staleAfter`); bad values name their key. */
export function readSpecNotificationsConfig(
  config: Config,
): SpecNotificationsConfig {
  let schedule = DEFAULT_SCHEDULE;
  const scheduleConfig = config.getOptionalConfig(`${KEY}.schedule`);
  if (scheduleConfig) {
    try {
      // What is left out keeps its default (the reader wants frequency and timeout).
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader({
          ...(DEFAULT_SCHEDULE as unknown as JsonObject),
          ...(scheduleConfig.get() as JsonObject),
        }),
      );
    } catch (error) {
      fail(`${KEY}.schedule`, error);
    }
  }
  return {
    statusChange: readEnabled(config, `${KEY}.statusChange.enabled`),
    staleReview: {
      enabled: readEnabled(config, `${KEY}.staleReview.enabled`),
      afterMs: readStaleReviewMs(config),
      repeatEveryMs: readMs(config, `${KEY}.staleReview.repeatEvery`, {
        days: 7,
      }),
    },
    newErrors: readEnabled(config, `${KEY}.newErrors.enabled`),
    schedule,
  };
}
