/*
 * A real Tech Insights backend for the tests: the tech-insights plugin, the JSON rules engine
 * checker with the README's sample checks, this module, the real infra-specs backend reading
 * local spec folders, and the catalog mock. The mock scheduler runs nothing on its own; the
 * tests trigger the refresh and the retriever.
 */
import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import techInsightsJsonRulesEngine from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// The real backend plugin; only a devDependency.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import infraSpecsBackend from '@infra-specs/backstage-plugin-infra-specs-backend';
import type { Knex } from 'knex';
import techInsightsModuleInfraSpecs from '../index';

export const RETRIEVER_TASK = 'infra-specs-facts';
const REFRESH_TASK = 'infra-specs-refresh';

/** The sample checks of the README, as they appear there. */
export const SAMPLE_CHECKS = {
  infraSpecsNoRiskyRollbacksWithoutPlan: {
    type: 'json-rules-engine',
    name: 'No risky rollback without a plan',
    description:
      'No open spec with a high or critical blast radius and a complex or irreversible rollback lacks a rollback plan',
    factIds: ['infra-specs-facts'],
    rule: {
      conditions: {
        all: [
          { fact: 'riskyRollbacksWithoutPlan', operator: 'equal', value: 0 },
        ],
      },
    },
  },
  infraSpecsNoStaleReviews: {
    type: 'json-rules-engine',
    name: 'No stale spec reviews',
    description:
      'No spec has been in review for longer than infraSpecs.review.staleAfter',
    factIds: ['infra-specs-facts'],
    rule: {
      conditions: {
        all: [{ fact: 'staleReviews', operator: 'equal', value: 0 }],
      },
    },
  },
  infraSpecsNoIncompleteApprovedSpecs: {
    type: 'json-rules-engine',
    name: 'Approved specs are complete',
    description:
      'No approved or finished spec still has placeholders or open clarifications',
    factIds: ['infra-specs-facts'],
    rule: {
      conditions: {
        all: [{ fact: 'incompleteApprovedSpecs', operator: 'equal', value: 0 }],
      },
    },
  },
  infraSpecsCostInFlightUnder500: {
    type: 'json-rules-engine',
    name: 'Less than 500 a month in flight',
    description: 'The open specs add less than 500 a month together',
    factIds: ['infra-specs-facts'],
    rule: {
      conditions: {
        all: [
          {
            fact: 'monthlyCostDeltaInFlight',
            operator: 'lessThan',
            value: 500,
          },
        ],
      },
    },
  },
};

/** Hands out the (shared) mock scheduler, so that the test decides when tasks run. */
function captureScheduler() {
  const captured: { scheduler?: SchedulerService } = {};
  const module = createBackendModule({
    pluginId: 'tech-insights',
    moduleId: 'test-scheduler',
    register(reg) {
      reg.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          captured.scheduler = scheduler;
        },
      });
    },
  });
  return { module, scheduler: () => captured.scheduler! };
}

export async function startPortal(options: {
  entities: Entity[];
  allowedRoots: string[];
  config?: Record<string, any>;
  lifecycle?: object;
  /** One database for every plugin (PostgreSQL runs); each plugin's own SQLite otherwise. */
  knex?: Knex;
  extraFeatures?: any[];
}) {
  const scheduler = captureScheduler();
  const { infraSpecs, techInsights, ...rest } = options.config ?? {};
  const backend = await startTestBackend({
    features: [
      techInsightsBackend,
      techInsightsJsonRulesEngine,
      techInsightsModuleInfraSpecs,
      infraSpecsBackend,
      scheduler.module,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          ...rest,
          infraSpecs: {
            local: { allowedRoots: options.allowedRoots },
            ...infraSpecs,
          },
          techInsights: {
            factRetrievers: {
              infraSpecsFacts: {
                cadence: '0 * * * *',
                lifecycle: options.lifecycle ?? { maxItems: 10 },
              },
            },
            factChecker: { checks: SAMPLE_CHECKS },
            ...techInsights,
          },
        },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.extraFeatures ?? []),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api`;
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init?.headers },
    });
    if (!res.ok) {
      throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
    return res.json();
  };
  return {
    backend,
    json,
    /** Reads every component's specs now. */
    refreshSpecs: () => scheduler.scheduler().triggerTask(REFRESH_TASK),
    /** One run of the fact retriever, as its cron would start it. */
    retrieveFacts: () => scheduler.scheduler().triggerTask(RETRIEVER_TASK),
    latestFacts: async (entityRef: string) =>
      (
        await json(
          `/tech-insights/facts/latest?entity=${encodeURIComponent(
            entityRef,
          )}&ids=${RETRIEVER_TASK}`,
        )
      )[RETRIEVER_TASK],
    factHistory: async (entityRef: string) =>
      (
        await json(
          `/tech-insights/facts/range?entity=${encodeURIComponent(
            entityRef,
          )}&ids=${RETRIEVER_TASK}&startDatetime=${encodeURIComponent(
            '2000-01-01T00:00:00.000Z',
          )}&endDatetime=${encodeURIComponent(
            new Date(Date.now() + 3600_000).toISOString(),
          )}`,
        )
      )[RETRIEVER_TASK] ?? [],
    runChecks: async (entityRef: string) => {
      const [kind, rest2] = entityRef.split(':');
      const [namespace, name] = rest2.split('/');
      const results: Array<{ check: { id: string }; result: boolean }> =
        await json(`/tech-insights/checks/run/${namespace}/${kind}/${name}`, {
          method: 'POST',
          body: JSON.stringify({}),
        });
      return Object.fromEntries(results.map(r => [r.check.id, r.result]));
    },
  };
}
