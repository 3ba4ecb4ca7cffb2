/*
 * Search round trip on real plugins: the demo specs of examples/components are indexed by the
 * infra-specs backend, collated by this module into the real search backend, and found through
 * GET /api/search/query. Once with the in-memory Lunr engine (SQLite: the PostgreSQL engine
 * module declines), once with the PostgreSQL engine.
 */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import searchBackend from '@backstage/plugin-search-backend';
import searchPostgresEngine from '@backstage/plugin-search-backend-module-pg';
import type { SearchResultSet } from '@backstage/plugin-search-common';
import {
  INFRA_SPEC_RESOURCE_TYPE,
  type InfraSpecSearchDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
// The real backend plugin and its permission conditions; they are only devDependencies.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import infraSpecsBackend, {
  createInfraSpecsConditionalDecision,
  infraSpecsConditions,
} from '@infra-specs/backstage-plugin-infra-specs-backend';
/* eslint-enable @backstage/no-mixed-plugin-imports */
import type { Knex } from 'knex';
import { createTestDatabases, onBehalfOfAuthFactory, waitFor } from '@infra-specs/backstage-plugin-infra-specs-node/testUtils';
import {
  EXAMPLES_DIR,
  readDemoComponents,
} from './__testUtils__/demoComponents';
import searchModuleInfraSpecs from './index';

jest.setTimeout(120_000);

const SEARCH_TASK = 'search_index_infra_spec';
const REFRESH_TASK = 'infra-specs-refresh';

/** Hands out the (shared) mock scheduler, so the test decides when tasks run. */
function captureScheduler() {
  const captured: { scheduler?: SchedulerService } = {};
  const module = createBackendModule({
    pluginId: 'search',
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

type InfraSpecResults = Omit<SearchResultSet, 'results'> & {
  results: Array<{ type: string; document: InfraSpecSearchDocument }>;
};

async function startPortal(
  options: {
    knex?: Knex;
    extraFeatures?: any[];
    config?: object;
    visible?: number;
  } = {},
) {
  const visible = options.visible ?? 12;
  const scheduler = captureScheduler();
  const backend = await startTestBackend({
    features: [
      searchBackend,
      searchPostgresEngine,
      searchModuleInfraSpecs,
      infraSpecsBackend,
      scheduler.module,
      catalogServiceMock.factory({ entities: await readDemoComponents() }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          infraSpecs: { local: { allowedRoots: [EXAMPLES_DIR] } },
          ...options.config,
        },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.extraFeatures ?? []),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api`;

  // Index the demo specs, then collate them into the search engine.
  await scheduler.scheduler().triggerTask(REFRESH_TASK);
  const specs = await (await fetch(`${base}/infra-specs/specs?limit=1`)).json();
  expect(specs).toMatchObject({ totalCount: visible });
  await scheduler.scheduler().triggerTask(SEARCH_TASK);

  const search = async (query: string): Promise<InfraSpecResults> => {
    const res = await fetch(`${base}/search/query?${query}`);
    if (!res.ok)
      throw new Error(
        `GET /search/query?${query}: ${res.status} ${await res.text()}`,
      );
    return res.json();
  };
  // The engine may finish building its index after the task resolved (Lunr closes its stream).
  await waitFor(
    async () => {
      const all = await search('term=&types[0]=infra-spec&pageLimit=100');
      return all.results.length === visible ? all : undefined;
    },
    { what: `the ${visible} visible demo specs in the search index` },
  );
  return { search };
}

const ids = (set: InfraSpecResults) => set.results.map(r => r.document.id);

async function expectDemoSearches(
  search: (q: string) => Promise<InfraSpecResults>,
  engine: 'lunr' | 'pg',
) {
  // The documents carry the fields the frontend shows and filters on.
  const everything = await search('term=&types[0]=infra-spec&pageLimit=100');
  expect(everything.results.every(r => r.type === 'infra-spec')).toBe(true);
  const nat = everything.results.find(
    r => r.document.id === 'SPEC-0101',
  )!.document;
  expect(nat).toMatchObject({
    title: 'SPEC-0101 NAT Gateway per Availability Zone',
    status: 'in-review',
    format: 'infrastructure-change',
    blastRadius: 'high',
    component: 'component:default/network-vpc',
    owner: 'group:default/platform-team',
    monthlyCostDelta: 98.55,
    currency: 'USD',
    location:
      '/catalog/default/spec/spec-0101-nat-gateway-per-availability-zone',
  });

  // The query of the brief: NAT gateway specs under review.
  const inReview = await search(
    'term=nat%20gateway&types[0]=infra-spec&filters[status]=in-review',
  );
  const withoutFilter = await search(
    'term=nat%20gateway&types[0]=infra-spec&pageLimit=100',
  );
  if (engine === 'pg') {
    // PostgreSQL: every word must match (prefix matching); exactly the one spec.
    expect(ids(inReview)).toEqual(['SPEC-0101']);
    expect(ids(withoutFilter).sort()).toEqual(['SPEC-0098', 'SPEC-0101']);
  } else {
    // Lunr ORs the words and also matches them fuzzily (edit distance 2: 'nat' ~ 'data'), so
    // the other in-review spec, which mentions neither word, comes back too, ranked second.
    expect(ids(inReview)).toEqual(['SPEC-0101', 'INF-DB-CREDENTIAL-ROTATION']);
    expect(ids(withoutFilter).slice(0, 2).sort()).toEqual([
      'SPEC-0098',
      'SPEC-0101',
    ]);
  }
  // The filter is what keeps the superseded NAT gateway spec out.
  expect(ids(withoutFilter)).toContain('SPEC-0098');
  expect(ids(inReview)).not.toContain('SPEC-0098');

  // Words only the body has (not the title or the summary) find a spec.
  const body = await search('term=ErrorPortAllocation&types[0]=infra-spec');
  expect(ids(body)[0]).toBe('SPEC-0101');
  // Other filters are exact values too.
  const payments = await search(
    `term=&types[0]=infra-spec&pageLimit=100&filters[component]=${encodeURIComponent(
      'component:default/payments-api',
    )}`,
  );
  expect(ids(payments).sort()).toEqual([
    'FEAT-014',
    'INF-DB-CREDENTIAL-ROTATION',
    'SPEC-0120',
  ]);
  const superseded = await search(
    'term=&types[0]=infra-spec&filters[status]=superseded',
  );
  expect(ids(superseded)).toEqual(['SPEC-0098']);
}

describe('search round trip of the demo specs', () => {
  const { databases, ids: databaseIds } = createTestDatabases();
  const available = databaseIds.some(([id]) => id === 'POSTGRES_15');
  const engines: Array<['Lunr' | 'PostgreSQL']> = [
    ['Lunr'],
    ...(available ? [['PostgreSQL'] as ['PostgreSQL']] : []),
  ];

  it.each(engines)(
    'finds specs by words and narrows them by status with the %s engine',
    async engine => {
      // SQLite for Lunr: the PostgreSQL engine module is installed but declines.
      const knex =
        engine === 'PostgreSQL'
          ? await databases.init('POSTGRES_15')
          : undefined;
      const { search } = await startPortal({ knex });
      // With PostgreSQL, its engine did the indexing (not a Lunr fallback).
      const rowsInPostgres = knex
        ? Number(
            (
              await knex('documents')
                .where({ type: 'infra-spec' })
                .count({ count: '*' })
            )[0].count,
          )
        : undefined;
      expect(rowsInPostgres).toBe(knex ? 12 : undefined);
      await expectDemoSearches(search, engine === 'PostgreSQL' ? 'pg' : 'lunr');
    },
  );

  it('shows each person only the specs the permission policy lets them read', async () => {
    const payingPolicy = createBackendModule({
      pluginId: 'permission',
      moduleId: 'test-policy',
      register(reg) {
        reg.registerInit({
          deps: { policy: policyExtensionPoint },
          async init({ policy }) {
            policy.setPolicy({
              async handle(request) {
                if (
                  isResourcePermission(
                    request.permission,
                    INFRA_SPEC_RESOURCE_TYPE,
                  )
                ) {
                  return createInfraSpecsConditionalDecision(
                    request.permission,
                    infraSpecsConditions.isComponentOwner({
                      claims: ['group:default/payments-team'],
                    }),
                  );
                }
                return { result: AuthorizeResult.ALLOW };
              },
            });
          },
        });
      },
    });
    const { search } = await startPortal({
      config: { permission: { enabled: true } },
      extraFeatures: [permissionBackend, payingPolicy, onBehalfOfAuthFactory],
      visible: 3,
    });
    const visible = await search('term=&types[0]=infra-spec&pageLimit=100');
    expect(visible.results.map(r => r.document.owner)).toEqual(
      Array(3).fill('group:default/payments-team'),
    );
    expect(
      ids(await search('term=nat%20gateway&types[0]=infra-spec')),
    ).not.toContain('SPEC-0101');
  });
});
