import { resolve as resolvePath } from 'node:path';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { availableParallelism } from 'node:os';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import {
  durationToMilliseconds,
  type HumanDuration,
  type JsonValue,
} from '@backstage/types';
import { DEFAULT_COST_DRIFT_THRESHOLDS } from '@infra-specs/backstage-plugin-infra-specs-common';
import { readStaleReviewMs } from '@infra-specs/backstage-plugin-infra-specs-node';
import { type LocationPolicy, parseAllowedUrl } from './refresh/locationPolicy';

/** Everything the plugin reads from `infraSpecs.*`, validated, with defaults applied. */
export interface InfraSpecsConfig {
  refresh: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    concurrency: number;
    locationTimeoutMs: number;
    maxFileBytes: number;
    /** Markdown files one location may hold. */
    maxFiles: number;
    /** Bytes the markdown and JSON files of one location may add up to. */
    maxBytes: number;
    backoff: { initialMs: number; maxMs: number };
    /** POST /refresh of one component (the Specs tab's Refresh button). */
    manual: {
      /** Refresh requests per caller: `max` at once, refilled at `max` per `windowMs`. */
      rateLimit: { max: number; windowMs: number };
    };
  };
  local: {
    /** Absolute folders; local spec locations must resolve inside one of them. */
    allowedRoots: string[];
  };
  /** Which spec locations a component may use. */
  locations: LocationPolicy;
  retention: {
    /** When the retention task runs (history, removed specs, change log). */
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  pullRequests: {
    /** When the open pull requests of the locations' repositories are looked up, for missed events. */
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  history: { retentionMs: number };
  removed: {
    retentionMs: number;
    /** The share of all current specs one refresh may remove because components left the catalog. */
    maxShare: number;
  };
  changes: { retentionMs: number };
  lint: { maxBytes: number };
  ids: {
    /** How far above the ids in use an indexed numbered id may raise its prefix's counter. */
    maxJump: number;
  };
  review: {
    /** How long a spec may sit in review before it needs attention (actions, notifications, facts). */
    staleAfterMs: number;
  };
  evidence: {
    /** When a spec's claimed monthly cost differs from its Infracost estimate enough to warn. */
    costDrift: { driftShare: number; driftAmount: number };
  };
  parsing: {
    /** Worker threads that parse documents; 0 parses on the main thread. */
    workers: number;
    /** How long a worker may take over one batch of documents before it is cut off. */
    timeoutMs: number;
  };
}

export const DEFAULTS = {
  frequency: { minutes: 5 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
  concurrency: 4,
  locationTimeout: { minutes: 2 },
  maxFileBytes: 1024 * 1024,
  maxFiles: 10_000,
  maxBytes: 32 * 1024 * 1024,
  backoffInitial: { minutes: 5 },
  backoffMax: { hours: 6 },
  historyRetention: { years: 1 },
  removedRetention: { days: 30 },
  changesRetention: { days: 7 },
  retentionFrequency: { days: 1 },
  retentionTimeout: { minutes: 30 },
  retentionInitialDelay: { minutes: 1 },
  lintMaxBytes: 1024 * 1024,
  maxIdJump: 1000,
  removedMaxShare: 0.5,
  manualRateLimitMax: 20,
  manualRateLimitWindow: { minutes: 1 },
  parsingTimeout: { seconds: 10 },
  costDriftShare: DEFAULT_COST_DRIFT_THRESHOLDS.driftShare,
  costDriftAmount: DEFAULT_COST_DRIFT_THRESHOLDS.driftAmount,
  pullRequestsFrequency: { minutes: 30 },
  pullRequestsTimeout: { minutes: 10 },
  pullRequestsInitialDelay: { minutes: 2 },
} satisfies Record<string, HumanDuration | number>;

function fail(key: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(`Invalid config at 'infraSpecs.${key}': ${message}`);
}

function readDurationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  let duration = fallback;
  if (config.has(key)) {
    try {
      duration = readDurationFromConfig(config, { key });
    } catch (error) {
      fail(key, error);
    }
  }
  const ms = durationToMilliseconds(duration);
  if (!Number.isFinite(ms) || ms <= 0) {
    fail(key, 'must be a positive duration');
  }
  return ms;
}

/** A number at `key`, if set; a value of another type fails naming the key. */
function readNumber(config: Config, key: string): number | undefined {
  try {
    return config.getOptionalNumber(key);
  } catch (error) {
    return fail(key, error);
  }
}

function readPositiveInteger(
  config: Config,
  key: string,
  fallback: number,
  max: number,
): number {
  const result = readNumber(config, key) ?? fallback;
  if (!Number.isInteger(result) || result < 1 || result > max) {
    fail(key, `must be a whole number from 1 to ${max}, got ${result}`);
  }
  return result;
}

function readNonNegativeNumber(
  config: Config,
  key: string,
  fallback: number,
): number {
  const result = readNumber(config, key) ?? fallback;
  if (!(Number.isFinite(result) && result >= 0)) {
    fail(key, `must be a number of at least 0, got ${result}`);
  }
  return result;
}

function readShare(config: Config, key: string, fallback: number): number {
  const result = readNumber(config, key) ?? fallback;
  if (!(result > 0 && result <= 1)) {
    fail(key, `must be a share above 0 and at most 1, got ${result}`);
  }
  return result;
}

/**
 * A task schedule from `frequency`, `timeout` and `initialDelay` under `key` (each with its
 * default), scope `global`: several backend instances share the index, so one run at a
 * time, anywhere.
 */
function readSchedule(
  config: Config,
  key: string,
  defaults: {
    frequency: HumanDuration;
    timeout: HumanDuration;
    initialDelay: HumanDuration;
  },
): SchedulerServiceTaskScheduleDefinition {
  let section: Config;
  try {
    section = config.getOptionalConfig(key) ?? new ConfigReader({}, key);
  } catch (error) {
    fail(key, error);
  }
  const raw = (name: keyof typeof defaults): JsonValue =>
    section.has(name) ? section.get(name) : (defaults[name] as JsonValue);
  const reader = new ConfigReader({
    frequency: raw('frequency'),
    timeout: raw('timeout'),
    initialDelay: raw('initialDelay'),
  });
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(reader);
  } catch (error) {
    fail(key, error);
  }
  return { ...schedule, scope: 'global' };
}

function readLocationPolicy(config: Config): LocationPolicy {
  let entries: string[] = [];
  try {
    entries = config.getOptionalStringArray('locations.allowedUrls') ?? [];
  } catch (error) {
    fail('locations.allowedUrls', error);
  }
  const allowedUrls = entries.map((entry, index) => {
    try {
      return parseAllowedUrl(entry);
    } catch (error) {
      return fail(`locations.allowedUrls[${index}]`, error);
    }
  });
  let allowDirOutsideComponent: boolean | undefined;
  try {
    allowDirOutsideComponent = config.getOptionalBoolean(
      'locations.allowDirOutsideComponent',
    );
  } catch (error) {
    fail('locations.allowDirOutsideComponent', error);
  }
  return {
    allowedUrls,
    allowDirOutsideComponent: allowDirOutsideComponent ?? false,
  };
}

/**
 * Reads and validates `infraSpecs.*`. Errors name the key; relative allowed roots are
 * resolved against `cwd` (the backend's working directory).
 */
export function readInfraSpecsConfig(
  rootConfig: Config,
  options: { cwd?: string } = {},
): InfraSpecsConfig {
  const cwd = options.cwd ?? process.cwd();
  const config =
    rootConfig.getOptionalConfig('infraSpecs') ?? new ConfigReader({});
  let roots: string[] = [];
  try {
    roots = config.getOptionalStringArray('local.allowedRoots') ?? [];
  } catch (error) {
    fail('local.allowedRoots', error);
  }
  const allowedRoots = roots.map((root, index) => {
    if (!root.trim()) {
      fail(`local.allowedRoots[${index}]`, 'must not be empty');
    }
    return resolvePath(cwd, root);
  });

  const backoff = {
    initialMs: readDurationMs(
      config,
      'refresh.backoff.initial',
      DEFAULTS.backoffInitial,
    ),
    maxMs: readDurationMs(config, 'refresh.backoff.max', DEFAULTS.backoffMax),
  };
  if (backoff.maxMs < backoff.initialMs) {
    fail('refresh.backoff.max', 'must not be shorter than backoff.initial');
  }
  const maxFileBytes = readPositiveInteger(
    config,
    'refresh.maxFileBytes',
    DEFAULTS.maxFileBytes,
    50 * 1024 * 1024,
  );
  const maxBytes = readPositiveInteger(
    config,
    'refresh.maxBytes',
    DEFAULTS.maxBytes,
    1024 * 1024 * 1024,
  );
  if (maxBytes < maxFileBytes) {
    fail('refresh.maxBytes', 'must not be smaller than refresh.maxFileBytes');
  }

  return {
    refresh: {
      schedule: readSchedule(config, 'refresh', DEFAULTS),
      concurrency: readPositiveInteger(
        config,
        'refresh.concurrency',
        DEFAULTS.concurrency,
        64,
      ),
      locationTimeoutMs: readDurationMs(
        config,
        'refresh.locationTimeout',
        DEFAULTS.locationTimeout,
      ),
      maxFileBytes,
      maxFiles: readPositiveInteger(
        config,
        'refresh.maxFiles',
        DEFAULTS.maxFiles,
        1_000_000,
      ),
      maxBytes,
      backoff,
      manual: {
        rateLimit: {
          max: readPositiveInteger(
            config,
            'refresh.manual.rateLimit.max',
            DEFAULTS.manualRateLimitMax,
            10_000,
          ),
          windowMs: readDurationMs(
            config,
            'refresh.manual.rateLimit.window',
            DEFAULTS.manualRateLimitWindow,
          ),
        },
      },
    },
    local: { allowedRoots },
    locations: readLocationPolicy(config),
    retention: {
      schedule: readSchedule(config, 'retention.schedule', {
        frequency: DEFAULTS.retentionFrequency,
        timeout: DEFAULTS.retentionTimeout,
        initialDelay: DEFAULTS.retentionInitialDelay,
      }),
    },
    pullRequests: {
      schedule: readSchedule(config, 'pullRequests.schedule', {
        frequency: DEFAULTS.pullRequestsFrequency,
        timeout: DEFAULTS.pullRequestsTimeout,
        initialDelay: DEFAULTS.pullRequestsInitialDelay,
      }),
    },
    history: {
      retentionMs: readDurationMs(
        config,
        'history.retention',
        DEFAULTS.historyRetention,
      ),
    },
    removed: {
      retentionMs: readDurationMs(
        config,
        'removed.retention',
        DEFAULTS.removedRetention,
      ),
      maxShare: readShare(config, 'removed.maxShare', DEFAULTS.removedMaxShare),
    },
    changes: {
      retentionMs: readDurationMs(
        config,
        'changes.retention',
        DEFAULTS.changesRetention,
      ),
    },
    lint: {
      maxBytes: readPositiveInteger(
        config,
        'lint.maxBytes',
        DEFAULTS.lintMaxBytes,
        50 * 1024 * 1024,
      ),
    },
    ids: {
      maxJump: readPositiveInteger(
        config,
        'ids.maxJump',
        DEFAULTS.maxIdJump,
        100_000_000,
      ),
    },
    review: { staleAfterMs: readStaleReviewMs(rootConfig) },
    evidence: {
      costDrift: {
        driftShare: readNonNegativeNumber(
          config,
          'evidence.costDrift.share',
          DEFAULTS.costDriftShare,
        ),
        driftAmount: readNonNegativeNumber(
          config,
          'evidence.costDrift.amount',
          DEFAULTS.costDriftAmount,
        ),
      },
    },
    parsing: {
      workers: readWorkers(config),
      timeoutMs: readDurationMs(
        config,
        'parsing.timeout',
        DEFAULTS.parsingTimeout,
      ),
    },
  };
}

/**
 * `parsing.workers`: 0 to 64, default one per CPU but one, at least one: the main thread keeps a
 * core for what it does besides parsing (SQL, hashing, JSON), which is most of a cold index.
 */
function readWorkers(config: Config): number {
  let value: number | undefined;
  try {
    value = config.getOptionalNumber('parsing.workers');
  } catch (error) {
    fail('parsing.workers', error);
  }
  const result = value ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(result) || result < 0 || result > 64) {
    fail(
      'parsing.workers',
      `must be a whole number from 0 to 64, got ${result}`,
    );
  }
  return result;
}
