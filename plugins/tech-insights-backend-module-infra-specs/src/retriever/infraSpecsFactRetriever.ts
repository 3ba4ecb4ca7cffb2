/*
 * The `infra-specs-facts` fact retriever: reads every current spec through the infra-specs REST
 * API (never its database, so permissions and the API's contract apply) and publishes one fact
 * row per component.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { ANNOTATION_SPEC_LOCATION } from '@infra-specs/backstage-plugin-infra-specs-common';
import { InfraSpecsClient } from '@infra-specs/backstage-plugin-infra-specs-node';
import { DateTime } from 'luxon';
import {
  addSpec,
  emptyComponentFacts,
  roundedFacts,
  type InfraSpecsComponentFacts,
} from './componentFacts';

export const INFRA_SPECS_FACT_RETRIEVER_ID = 'infra-specs-facts';

export interface InfraSpecsFactRetrieverOptions {
  catalog: CatalogService;
  /** `infraSpecs.review.staleAfter` in milliseconds. */
  staleReviewMs: number;
  /** For tests; the time "in review for too long" is judged against. */
  now?: () => Date;
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

const schema: FactRetriever['schema'] = {
  openSpecs: {
    type: 'integer',
    description:
      'Specs still open: draft, in review, approved (or with an unknown status)',
  },
  staleReviews: {
    type: 'integer',
    description:
      'Specs in review for longer than infraSpecs.review.staleAfter (default 21 days)',
  },
  incompleteApprovedSpecs: {
    type: 'integer',
    description:
      'Approved or finished specs that still have placeholders or open clarifications',
  },
  riskyRollbacksWithoutPlan: {
    type: 'integer',
    description:
      'Open specs with a high or critical blast radius, a complex or irreversible rollback and no rollback plan',
  },
  monthlyCostDeltaInFlight: {
    type: 'float',
    description:
      'Sum of the monthly cost change the open specs claim (negative: savings), as written in their currencies',
  },
  estimatedMonthlyCostDeltaInFlight: {
    type: 'float',
    description:
      'Sum of the Infracost estimates of the open specs that link one (0 when none does)',
  },
};

function componentKey(ref: CompoundEntityRef): string {
  return stringifyEntityRef(ref);
}

async function annotatedComponents(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CompoundEntityRef[]> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${ANNOTATION_SPEC_LOCATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items.map(e => ({
    kind: e.kind,
    namespace: e.metadata.namespace ?? 'default',
    name: e.metadata.name,
  }));
}

export function createInfraSpecsFactRetriever(
  options: InfraSpecsFactRetrieverOptions,
): FactRetriever {
  const now = options.now ?? (() => new Date());
  return {
    id: INFRA_SPECS_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'Infrastructure specs',
    description:
      'Per component: open specs, stale reviews, incomplete approved specs, risky rollbacks without a plan and the monthly cost change in flight',
    entityFilter: [{ kind: 'component' }],
    schema,
    async handler({ discovery, auth, logger }) {
      const client = new InfraSpecsClient({
        discovery,
        auth,
        fetch: options.fetch,
      });
      const at = now();
      const byComponent = new Map<
        string,
        { ref: CompoundEntityRef; facts: InfraSpecsComponentFacts }
      >();
      const entry = (ref: CompoundEntityRef) => {
        const key = componentKey(ref);
        let found = byComponent.get(key);
        if (!found) {
          found = { ref, facts: emptyComponentFacts() };
          byComponent.set(key, found);
        }
        return found;
      };
      // Components that point at specs get zeros rather than no row, so checks pass on them.
      for (const ref of await annotatedComponents(options.catalog, auth)) {
        entry(ref);
      }
      let specs = 0;
      for await (const record of client.streamSpecs()) {
        const ref = parseEntityRef(record.componentRef, {
          defaultKind: 'component',
        });
        if (ref.kind.toLocaleLowerCase('en-US') !== 'component') continue;
        addSpec(entry(ref).facts, record, {
          now: at,
          staleReviewMs: options.staleReviewMs,
        });
        specs += 1;
      }
      logger.info(
        `Read ${specs} specs of ${byComponent.size} components from infra-specs`,
      );
      // One timestamp per run: the store's maxItems lifecycle ranks rows by timestamp, and rows
      // stamped by the database alone (second precision) tie when runs come close together.
      const timestamp = DateTime.fromJSDate(at);
      return [...byComponent.values()].map(({ ref, facts }) => ({
        timestamp,
        entity: {
          kind: ref.kind.toLocaleLowerCase('en-US'),
          namespace: ref.namespace.toLocaleLowerCase('en-US'),
          name: ref.name,
        },
        facts: { ...roundedFacts(facts) },
      }));
    },
  };
}
