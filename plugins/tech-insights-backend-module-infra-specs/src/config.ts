/*
 * Config of the module, read once at start. Two places:
 * - `techInsights.factRetrievers.infraSpecsFacts` (cadence, lifecycle, timeout, initialDelay):
 *   read by the Tech Insights backend itself, which schedules a retriever only when its block
 *   exists and takes no defaults from modules. It is checked here first, so that a missing or
 *   broken block stops the backend with a message naming the key instead of a retriever that
 *   silently never runs or keeps an unbounded history.
 * - `infraSpecs.review.staleAfter`: the backend's key, read by the same function
 *   (`readStaleReviewMs`), so that "stale review" means the same here as in its actions and
 *   notifications.
 */
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readStaleReviewMs } from '@infra-specs/backstage-plugin-infra-specs-node';

/** The key under `techInsights.factRetrievers` this module's retriever is registered with. */
export const FACT_RETRIEVER_KEY = 'infraSpecsFacts';
const RETRIEVER_CONFIG = `techInsights.factRetrievers.${FACT_RETRIEVER_KEY}`;

/** Recommended block, shown in the error message (and the README). */
export const RECOMMENDED_RETRIEVER_CONFIG = `techInsights:\n  factRetrievers:\n    ${FACT_RETRIEVER_KEY}:\n      cadence: '0 * * * *'\n      lifecycle: { maxItems: 10 }`;

export interface InfraSpecsFactsConfig {
  staleReviewMs: number;
}

function fail(key: string, message: string): never {
  throw new Error(`Invalid config at '${key}': ${message}`);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Five or six cron fields (the scheduler's syntax); a bad cadence would otherwise only be a
// warning in the log ("Failed to schedule fact retriever") and the facts would never come.
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

function checkCadence(config: Config): void {
  const key = `${RETRIEVER_CONFIG}.cadence`;
  let cadence: string;
  try {
    cadence = config.getString('cadence');
  } catch (error) {
    fail(key, `${reason(error)}; for example '0 * * * *' (every hour)`);
  }
  const fields = cadence.trim().split(/\s+/);
  if (
    fields.length < 5 ||
    fields.length > 6 ||
    !fields.every(f => CRON_FIELD.test(f))
  ) {
    fail(key, `'${cadence}' is not a cron expression such as '0 * * * *'`);
  }
}

function checkLifecycle(config: Config): void {
  const key = `${RETRIEVER_CONFIG}.lifecycle`;
  const lifecycle = config.getOptionalConfig('lifecycle');
  if (!lifecycle) {
    fail(
      key,
      'missing; the facts need a lifecycle so that their history stays bounded, e.g. { maxItems: 10 } or { timeToLive: { weeks: 2 } }',
    );
  }
  if (lifecycle.has('maxItems')) {
    let maxItems: number;
    try {
      maxItems = lifecycle.getNumber('maxItems');
    } catch (error) {
      fail(`${key}.maxItems`, reason(error));
    }
    if (!Number.isInteger(maxItems) || maxItems < 1) {
      fail(
        `${key}.maxItems`,
        `must be a whole number of 1 or more, got ${maxItems}`,
      );
    }
    return;
  }
  if (!lifecycle.has('timeToLive')) {
    fail(key, 'needs maxItems (e.g. 10) or timeToLive (e.g. { weeks: 2 })');
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(lifecycle, { key: 'timeToLive' }),
    );
  } catch (error) {
    fail(`${key}.timeToLive`, reason(error));
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    fail(`${key}.timeToLive`, 'must be a positive duration');
  }
}

/** Checks the retriever's block and reads the stale-review threshold; throws naming the key. */
export function readInfraSpecsFactsConfig(
  config: Config,
): InfraSpecsFactsConfig {
  const retriever = config.getOptionalConfig(RETRIEVER_CONFIG);
  if (!retriever) {
    fail(
      RETRIEVER_CONFIG,
      `missing; the Tech Insights backend schedules a fact retriever only when it is configured:\n${RECOMMENDED_RETRIEVER_CONFIG}`,
    );
  }
  checkCadence(retriever);
  checkLifecycle(retriever);

  return { staleReviewMs: readStaleReviewMs(config) };
}
